"""Background tasks of 助共体 (django-tasks), run by ``manage.py run_worker``."""

from django_tasks import task


@task()
def run_county_nightly() -> dict:
    """Facts, discovery and matching for the county on today's data; warnings stored and sent as cases."""
    import datetime as dt

    from zhili.core.policy.api import get_domain

    from .engine import run_county
    from .services import record_county_run

    run = run_county(get_domain("relief_match"), dt.date.today())
    return record_county_run(run, actor="task:relief_match.nightly")
