"""Background task (django-tasks): the nightly evaluation of last month, run by the worker or a schedule."""

import datetime as dt

from django_tasks import task


@task()
def evaluate_last_month(engine: str = "duckdb") -> dict:
    """Evaluate the month that ended before today; level rises raise warnings and open cases."""
    from .services import evaluate_labor_risk

    period_end = dt.date.today().replace(day=1) - dt.timedelta(days=1)
    run = evaluate_labor_risk(period_end, actor="task:labor_risk.evaluate_last_month", engine=engine)
    return {"run": run.pk, "period": run.period, "entities": run.entity_count, "changed": run.changed_count}
