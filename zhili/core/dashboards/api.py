"""What scenes may use from core.dashboards (数据驾驶舱).

Fact tables (de-identified rows refreshed by a job, read through Ibis):
    ``FactTable(code, columns, key, build, after_refresh=None)`` and ``register_fact_table(table)`` — declare
    one in a scene's ``dashboards.py``; ``build(since)`` returns a ``pyarrow.Table`` of the source records
    changed since ``since`` (all when None).
    ``fact_table(code, engine="duckdb"|"postgres")`` — the stored facts as an Ibis table.
    ``mark_facts_dirty(code)`` — call from an event handler when the source changes (cheap).
    ``refresh_facts(code, actor=, full=False)`` / ``refresh_dirty_facts(actor=)`` — the refresh job;
    ``manage.py refresh_facts [--if-dirty] [--full]`` runs it (every minute from cron or the task worker).
    ``facts_state(code)`` — version, row count, refreshed_at (name cached aggregates by the version).
Small cells: ``count_cell(n)``, ``share_cell(part, whole)``, ``stat_cell(value, n)``, ``suppress_series(counts)``, ``no_data_cell()``,
    ``min_cell_size()`` (5, dated with its reference); suppressed cells show "<5" and carry no number.
    ``value_cell(v)`` for figures about firms, orders or money, which point at no person and are never suppressed.
Indices: ``Thresholds(yellow, red)`` (dated as a ``table`` parameter in the scene's ``policies.py``), ``grade(value, thresholds)``, ``IndexLevel``;
    ``record_index_reading(code, scope_key=, ..., recipients=)`` stores the level and warns in-app on a change
    for the worse; ``index_readings(code)`` reads them back.
Observations fed by other scenes' events: ``record_observation(stream, source_key=, occurred_on=,
    organization=)``; ``observation_counts(stream)``.
Computed views shared by all processes: ``cached_result(key)``, ``store_result(key, data)``, ``prune_results()``.
Cockpit pages: ``Widget``, ``Cockpit``, ``register_cockpit``, ``table_result`` and ``render_cockpit(request,
    cockpit, filters)``; ``cockpit_views(code, permission=, analyses=, filters=None, subtitle="", extra=None)``
    returns a scene's three cockpit views (page, JSON data, XLSX export; see docs/ui.md); exports: ``xlsx_bytes``, ``xlsx_response``, ``cell_export_value``.
"""

from .choices import WARNING_LEVELS, IndexLevel
from .cockpit import Cockpit, Widget, cockpits, register_cockpit, table_result
from .export import XLSX_TYPE, cell_export_value, xlsx_bytes, xlsx_response
from .facts import FactTable, fact_table, fact_tables, get_fact_table, register_fact_table
from .queries import facts_state, index_readings, observation_counts, observation_streams_seen, observations_marker
from .results import cached_result, prune_results, store_result
from .services import (
    mark_facts_dirty,
    record_index_reading,
    record_observation,
    refresh_dirty_facts,
    refresh_facts,
)
from .suppression import (
    SUPPRESSED,
    count_cell,
    min_cell_size,
    no_data_cell,
    share_cell,
    stat_cell,
    suppress_series,
    value_cell,
)
from .thresholds import Thresholds, grade
from .views import CockpitViews, cockpit_views, render_cockpit

__all__ = [
    "SUPPRESSED", "WARNING_LEVELS", "cached_result", "prune_results", "store_result", "XLSX_TYPE", "Cockpit", "FactTable", "IndexLevel", "Thresholds",
    "CockpitViews", "Widget", "cell_export_value", "cockpit_views", "cockpits", "count_cell", "fact_table", "fact_tables", "facts_state",
    "get_fact_table", "grade", "index_readings", "mark_facts_dirty", "min_cell_size", "no_data_cell",
    "observation_counts", "observation_streams_seen", "observations_marker", "record_index_reading", "record_observation",
    "refresh_dirty_facts", "refresh_facts", "register_cockpit", "register_fact_table", "render_cockpit", "share_cell",
    "stat_cell", "suppress_series", "table_result", "value_cell", "xlsx_bytes", "xlsx_response",
]
