"""Background tasks of the 碳效码 scene (django-tasks), run by ``manage.py run_worker``."""

from django_tasks import task


@task()
def evaluate_last_month() -> dict:
    """Evaluate the last complete month, and the last complete year once its data has come in (idempotent); then
    recount the latest year's effect indicators."""
    import datetime as dt

    from django.utils import timezone

    from . import services
    from .models import Evaluation

    today = timezone.localdate()
    last = today.replace(day=1) - dt.timedelta(days=1)
    done = {}
    evaluation = services.evaluate_period(last.strftime("%Y-%m"), actor="job:carbon_code.monthly")
    done[evaluation.period] = evaluation.graded_count
    year = str(today.year - 1)
    if not Evaluation.objects.filter(period=year).exists():
        evaluation = services.evaluate_period(year, actor="job:carbon_code.monthly")
        done[year] = evaluation.graded_count
    from . import effects

    latest = Evaluation.objects.filter(period__regex=r"^\d{4}$").order_by("-period").values_list("period", flat=True)
    if latest.first():  # the effect indicators follow the loan decisions, bills and cases recorded since
        effects.publish_effects(latest.first(), actor="job:carbon_code.monthly")
    return done
