"""Background tasks of the 关键小事 scene (django-tasks), run by ``manage.py run_worker``."""

from django_tasks import task


@task()
def detect_benefits() -> dict[str, int]:
    """The nightly unemployment-benefit detection over the data pool (无感智办)."""
    from .services import detect_unemployment_benefits

    report = detect_unemployment_benefits(actor="task:small_matters.detect_benefits")
    return {"persons": report.persons, "eligible": report.eligible, "not_qualified": report.not_qualified}
