"""Writes of core.dashboards: mark a fact table dirty, refresh it, record index readings (and warn), count observations."""

import datetime as dt
import logging
import time

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from zhili.core.foundation import audit, events

from .choices import WARNING_LEVELS, IndexLevel
from .facts import FactTable, get_fact_table, merge, read_stored, write_stored
from .models import FactTableState, IndexReading, Observation
from .thresholds import Thresholds, grade

logger = logging.getLogger(__name__)
# Rows changed shortly before the last refresh began may have committed after it read them: re-read them.
WATERMARK_SLACK = dt.timedelta(minutes=5)
# How long after the first change a deferred refresh runs: the facts are at most this far behind.
REFRESH_DELAY = dt.timedelta(seconds=60)


def mark_facts_dirty(code: str, *, actor=None) -> bool:
    """Note that the source of fact table ``code`` changed; return True if it was clean until now.

    A cache flag, not a business record, so it writes no audit entry. When the task backend can defer, the
    first change schedules one refresh ``REFRESH_DELAY`` later; otherwise the ``refresh_facts --if-dirty``
    command (run every minute) picks it up.
    """
    now = timezone.now()
    with transaction.atomic():
        state, _ = FactTableState.objects.get_or_create(code=code)
        was_clean = FactTableState.objects.filter(pk=state.pk, dirty=False).update(dirty=True, dirty_since=now,
                                                                                    updated_at=now) == 1
    if was_clean:
        _schedule_refresh(code, now + REFRESH_DELAY)
    return was_clean


def _schedule_refresh(code: str, when: dt.datetime) -> None:
    from django_tasks import default_task_backend

    if not default_task_backend.supports_defer:
        return
    try:
        refresh_dirty_facts_task.using(run_after=when).enqueue(code)
    except Exception:  # the minute command still refreshes; a queue problem must not fail the source change
        logger.exception("could not schedule the refresh of %s", code)


def refresh_facts(code_or_table: str | FactTable, *, actor=None, full: bool = False) -> FactTableState:
    """Rebuild fact table rows changed since the last refresh (all rows with ``full``) and store them."""
    table = get_fact_table(code_or_table)
    started = timezone.now()
    clock = time.perf_counter()
    with transaction.atomic():
        state, _ = FactTableState.objects.select_for_update().get_or_create(code=table.code)
        stored = None if full or state.watermark is None else read_stored(table)
        since = None if stored is None else state.watermark - WATERMARK_SLACK
        changed = table.build(since)
        facts = changed if stored is None else merge(table, stored, changed)
        write_stored(table, facts)
        state.version += 1
        state.row_count = facts.num_rows
        state.refreshed_at = started
        state.watermark = started
        state.refresh_seconds = round(time.perf_counter() - clock, 3)
        if state.dirty_since is None or state.dirty_since <= started:
            state.dirty, state.dirty_since = False, None
        state.save()
        audit.record("dashboards.facts.refreshed", actor=actor, target=state,
                     data={"code": table.code, "rows": facts.num_rows, "changed": changed.num_rows,
                           "full": since is None, "version": state.version})
        events.publish("dashboards.facts.refreshed", code=table.code, version=state.version)
        if table.after_refresh is not None:
            version = state.version
            transaction.on_commit(lambda: table.after_refresh(version), robust=True)
    return state


def refresh_dirty_facts(*, actor=None) -> list[str]:
    """Refresh every declared fact table marked dirty (or never built); return their codes."""
    from .facts import fact_tables

    done = []
    for code in list(fact_tables):
        state = FactTableState.objects.filter(code=code).first()
        if state is None or state.dirty or state.version == 0:
            refresh_facts(code, actor=actor)
            done.append(code)
    return done


def record_index_reading(code: str, *, scope_key: str, scope_label: str, value: float | None,
                         thresholds: Thresholds, reference: str, index_label: str, recipients=(),
                         value_display: str = "", actor=None) -> IndexReading:
    """Store the index's latest value and level in one scope; warn ``recipients`` in-app when it turns worse.

    A warning goes out when the level becomes yellow or red, or goes from yellow to red; staying at the same
    level does not repeat it.
    """
    from zhili.core.notify.api import send_in_app

    level = grade(value, thresholds)
    now = timezone.now()
    with transaction.atomic():
        reading = IndexReading.objects.select_for_update().filter(code=code, scope_key=scope_key).first()
        previous = reading.level if reading else IndexLevel.NO_DATA
        if reading is None:
            reading = IndexReading(code=code, scope_key=scope_key)
        reading.scope_label, reading.value, reading.level = scope_label, value, level
        reading.reference, reading.evaluated_at = reference, now
        worse = level in WARNING_LEVELS and (previous not in WARNING_LEVELS
                                             or (previous == IndexLevel.YELLOW and level == IndexLevel.RED))
        if worse:
            reading.warned_at = now
        reading.save()
        if worse:
            audit.record("dashboards.index.warned", actor=actor, target=reading,
                         data={"code": code, "scope": scope_key, "value": value, "level": level,
                               "recipients": [u.pk for u in recipients]})
            params = {"scope": scope_label, "index": index_label, "value": value_display or value,
                      "level": IndexLevel(level).label, "yellow": thresholds.yellow, "red": thresholds.red,
                      "reference": reference}
            for user in recipients:
                send_in_app(user, "dashboards_index_warning", {k: str(v) for k, v in params.items()},
                            dedup_key=f"index:{code}:{scope_key}:{level}:{now:%Y%m%d%H%M%S}", actor=actor)
            events.publish("dashboards.index.warned", code=code, scope=scope_key, level=str(level))
    return reading


def record_observation(stream: str, *, source_key: str, occurred_on: dt.date, organization=None, region=None,
                       actor=None) -> Observation | None:
    """Count one occurrence in ``stream`` (once per ``source_key``); return None if it was already counted."""
    region = region or (organization.region if organization is not None else None)
    try:
        with transaction.atomic():
            observation = Observation.objects.create(stream=stream, occurred_on=occurred_on, source_key=source_key,
                                                     organization=organization, region=region)
            audit.record("dashboards.observation.recorded", actor=actor, target=observation,
                         data={"stream": stream, "source_key": source_key})
    except IntegrityError:
        return None
    return observation


@task()
def refresh_dirty_facts_task(code: str = "") -> list[str]:
    """Refresh fact table ``code`` if still dirty (every dirty table when empty): the deferred and periodic job.

    Defined beside the services it runs (not in a tasks module) so that scheduling it needs no import cycle.
    """
    if code:
        if FactTableState.objects.filter(code=code, dirty=True).exists():
            refresh_facts(code, actor="task")
            return [code]
        return []
    return refresh_dirty_facts(actor="task")
