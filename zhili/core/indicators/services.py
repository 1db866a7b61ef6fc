"""Evaluate indicator systems and keep each entity's level, its history and its change events."""

import datetime as dt
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from zhili.core.foundation import audit, events
from zhili.core.identity.permissions import require

from .choices import Level, RunStatus
from .compiler import evaluate_on
from .models import EntityLevel, EntityResult, EvaluationRun, LevelHistory
from .registry import get_system

BATCH = 2000  # rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits


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
    ], batch_size=BATCH)
    current = dict(EntityLevel.objects.filter(system_code=system.code).values_list("entity_key", "level"))
    # Set-based, not one statement per entity: the entities already holding a level take this run's result in one
    # UPDATE, the new ones are inserted in batches.
    _take_results(system.code, run, period)
    EntityLevel.objects.bulk_create([
        EntityLevel(system_code=system.code, entity_key=r.entity_key, level=r.level, period=period, result=r)
        for r in results if r.entity_key not in current
    ], batch_size=BATCH)
    changes = [LevelHistory(system_code=system.code, entity_key=r.entity_key, period=period,
                            old_level=current.get(r.entity_key, Level.NONE), new_level=r.level, run=run)
               for r in results if current.get(r.entity_key, Level.NONE) != r.level]
    LevelHistory.objects.bulk_create(changes, batch_size=BATCH)
    run.entity_count, run.changed_count, run.status = len(results), len(changes), RunStatus.SUCCEEDED
    run.save(update_fields=["entity_count", "changed_count", "status", "updated_at"])
    audit.record("indicators.system.evaluated", actor=user, target=run,
                 data={"system": system.code, "period": period, "engine": engine, "entities": len(results),
                       "changed": len(changes)})
    for change in changes:
        events.publish("indicators.level.changed", system=system.code, entity=change.entity_key,
                       old=change.old_level, new=change.new_level, period=period, run_id=run.pk)
    return run


def _take_results(system_code: str, run: EvaluationRun, period: str) -> int:
    """Point every existing level of ``system_code`` that ``run`` evaluated at its result there, in one statement.

    UPDATE … FROM joins the run's results to the levels by entity (PostgreSQL and SQLite ≥ 3.33 both take it); a
    correlated subquery per row let SQLite's planner scan the whole run once per entity.
    """
    q = connection.ops.quote_name
    level, result = EntityLevel._meta.db_table, EntityResult._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {q(level)} SET {q('level')} = r.{q('level')}, {q('result_id')} = r.{q('id')}, "
            f"{q('period')} = %s, {q('updated_at')} = %s FROM {q(result)} r "
            f"WHERE r.{q('run_id')} = %s AND {q(level)}.{q('system_code')} = %s "
            f"AND {q(level)}.{q('entity_key')} = r.{q('entity_key')}",
            [period, EntityLevel._meta.get_field("updated_at").get_db_prep_value(timezone.now(), connection),
             run.pk, system_code])
        return cursor.rowcount
