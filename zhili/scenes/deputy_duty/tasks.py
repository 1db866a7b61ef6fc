"""Background tasks of the 人大代表履职 scene (django-tasks), run by ``manage.py run_worker``."""

from django_tasks import task


@task()
def close_unrated_answers() -> dict[str, int]:
    """Close the answers nobody rated within the dated rating period (treated as satisfied)."""
    from .services import close_unrated

    return {"closed": close_unrated()}


@task()
def rebuild_hot_words() -> dict[str, int]:
    """Recount the hot words of every opinion from the texts (the counts kept at submission, written afresh)."""
    from .services import rebuild_hotwords

    return rebuild_hotwords()
