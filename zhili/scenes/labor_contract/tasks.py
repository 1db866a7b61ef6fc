"""Background tasks (django-tasks) of the labor contract scene, run by the task workers (``manage.py db_worker``)."""

from django_tasks import task


@task()
def render_contract_pdfs(contract_ids: list[int], actor_id: int | None = None) -> dict[str, int]:
    """Render the PDFs of just-sent contracts (queued by ``services.send_contracts`` once a chunk commits) as
    the employer administrator who sent them. Without that account nothing is rendered here: the reading page
    renders a missing PDF when the worker opens it."""
    from django.contrib.auth import get_user_model

    from .services.pdfs import render_contract_pdfs as render

    actor = get_user_model().objects.filter(pk=actor_id, is_active=True).first() if actor_id else None
    if actor is None:
        return {"rendered": 0}
    return {"rendered": render(contract_ids, actor=actor)}
