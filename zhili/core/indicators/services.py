"""Evaluate indicator systems and keep each entity's level, its history and its change events."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from zhili.core.foundation import audit, events
from zhili.core.identity.permissions import require

from .choices import Level, RunStatus
from .compiler import evaluate_on
from .models import EntityLevel, EntityResult, EvaluationRun, LevelHistory
from .registry import get_system


def evaluate_system(system_code: str, period_end: dt.date, *, actor, engine: str = "duckdb",
                    period: str | None = None) -> EvaluationRun:
    """Evaluate ``system_code`` for the period ending ``period_end`` and store results and level changes.

    The computation runs first, reading only; the results, level changes, audit entry and events are then
    written in one transaction. Each changed level publishes ``indicators.level.changed`` on commit.
    """
    system = get_system(system_code)
    if not isinstance(actor, str):
        require(actor, "indicators.system.evaluate", system)
    evaluations = evaluate_on(system, period_end, engine)
    return _store(system, period_end, period or period_end.strftime("%Y-%m"), engine, evaluations, actor)


@transaction.atomic
def _store(system, period_end, period, engine, evaluations, actor) -> EvaluationRun:
    user = None if isinstance(actor, str) else actor
    run = EvaluationRun.objects.create(system_code=system.code, period=period, period_end=period_end,
                                       engine=engine, started_by=user)
    results = EntityResult.objects.bulk_create([
        EntityResult(run=run, system_code=system.code, entity_key=e.entity, period=period,
                     score=Decimal(str(e.score)), level=e.level, explanation=e.explanation())
        for e in evaluations
    ])
    current = {lv.entity_key: lv for lv in EntityLevel.objects.filter(system_code=system.code)}
    changes = []
    for result in results:
        previous = current.get(result.entity_key)
        old_level = previous.level if previous else Level.NONE
        if previous is None:
            EntityLevel.objects.create(system_code=system.code, entity_key=result.entity_key, level=result.level,
                                       period=period, result=result)
        else:
            previous.level, previous.period, previous.result = result.level, period, result
            previous.save(update_fields=["level", "period", "result", "updated_at"])
        if old_level != result.level:
            changes.append(LevelHistory(system_code=system.code, entity_key=result.entity_key, period=period,
                                        old_level=old_level, new_level=result.level, run=run))
    LevelHistory.objects.bulk_create(changes)
    run.entity_count, run.changed_count, run.status = len(results), len(changes), RunStatus.SUCCEEDED
    run.save(update_fields=["entity_count", "changed_count", "status", "updated_at"])
    audit.record("indicators.system.evaluated", actor=user, target=run,
                 data={"system": system.code, "period": period, "engine": engine, "entities": len(results),
                       "changed": len(changes)})
    for change in changes:
        events.publish("indicators.level.changed", system=system.code, entity=change.entity_key,
                       old=change.old_level, new=change.new_level, period=period, run_id=run.pk)
    return run
