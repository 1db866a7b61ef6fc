"""Evaluation: one definition, the same levels on every engine, with explanations, history and events."""

import pytest
from django.db import connection

from zhili.core.foundation import events
from zhili.core.indicators.compiler import evaluate_on
from zhili.core.indicators.models import EntityLevel, EntityResult, LevelHistory
from zhili.core.indicators.registry import get_system
from zhili.core.indicators.services import evaluate_system

from .conftest import EXPECTED_LEVELS, PERIOD_END


@pytest.mark.django_db
def test_duckdb_scores_each_employer_with_an_explanation(officer_wang, wage_data):
    wage_data(officer_wang)

    results = {r.entity: r for r in evaluate_on(get_system("dummy_wage_risk"), PERIOD_END, "duckdb")}

    assert {entity: r.level for entity, r in results.items()} == EXPECTED_LEVELS
    orange = results["U_ORANGE"]
    assert orange.score == 70.0
    assert orange.values == {"late_payments": 2.0, "late_share": 0.666667, "payroll_drop": 0.0,
                             "unpaid_any": 0.0, "wage_complaints": 0.0}
    assert [(f["indicator"], f["points"], f["rows"]) for f in orange.fired] == [
        ("late_payments", 42.0, ["O1", "O2"]), ("late_share", 28.0, ["O1", "O2"])]
    assert orange.fired[0]["reference"] == "《保障农民工工资支付条例》（国务院令第724号）"
    red = results["U_RED"]
    assert (red.score, [v["veto"] for v in red.vetoes]) == (0.0, ["unpaid_veto"])
    assert results["U_BLUE"].values["payroll_drop"] == -0.9
    assert results["U_YELLOW"].fired[0]["rows"] == ["C1"]


def _outcomes(engines):
    system = get_system("dummy_wage_risk")
    outcomes = {}
    for engine in engines:
        results = evaluate_on(system, PERIOD_END, engine)
        outcomes[engine] = [(r.entity, r.level, r.score, r.values, r.fired) for r in results]
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_duckdb_and_postgres_give_identical_levels(officer_wang, wage_data):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (ZHILI_DATABASE_URL)")
    wage_data(officer_wang)

    outcomes = _outcomes(["duckdb", "postgres"])

    assert {entity: level for entity, level, *_ in outcomes["duckdb"]} == EXPECTED_LEVELS
    assert outcomes["postgres"] == outcomes["duckdb"]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_duckdb_postgres_and_pyspark_give_identical_levels(officer_wang, wage_data):
    """The same system on every engine here (PostgreSQL when it is the database): identical results."""
    pytest.importorskip("pyspark", reason="PySpark is an optional extra (pip install 'zhili[spark]'); bin/test installs it")
    wage_data(officer_wang)
    engines = ["duckdb", "pyspark"] + (["postgres"] if connection.vendor == "postgresql" else [])

    outcomes = _outcomes(engines)

    assert {entity: level for entity, level, *_ in outcomes["duckdb"]} == EXPECTED_LEVELS
    for engine in engines[1:]:
        assert outcomes[engine] == outcomes["duckdb"], engine


@pytest.mark.django_db
def test_a_level_change_is_stored_in_history_and_published(officer_wang, wage_data, monkeypatch,
                                                           django_capture_on_commit_callbacks):
    """Given a first evaluation, a later period in which U_ORANGE has no late pay changes its level."""
    received = []
    monkeypatch.setitem(events._handlers, "indicators.level.changed", [received.append])
    wage_data(officer_wang)

    with django_capture_on_commit_callbacks(execute=True):
        first = evaluate_system("dummy_wage_risk", PERIOD_END, actor=officer_wang)
    with django_capture_on_commit_callbacks(execute=True):
        import datetime as dt

        second = evaluate_system("dummy_wage_risk", dt.date(2025, 8, 31), actor=officer_wang, period="2025-08")

    assert (first.entity_count, first.changed_count) == (5, 4)
    assert EntityResult.objects.get(run=first, entity_key="U_ORANGE").level == "orange"
    history = list(LevelHistory.objects.filter(entity_key="U_ORANGE").values_list("period", "old_level",
                                                                                   "new_level"))
    assert history == [("2025-06", "none", "orange"), ("2025-08", "orange", "none")]
    assert EntityLevel.objects.get(system_code="dummy_wage_risk", entity_key="U_ORANGE").level == "none"
    # Every entity evaluated again, changed or not, now shows the second run's result, level and period.
    latest = {r.entity_key: (r.pk, r.level, "2025-08") for r in EntityResult.objects.filter(run=second)}
    assert len(latest) == second.entity_count == 5
    assert {lv.entity_key: (lv.result_id, lv.level, lv.period)
            for lv in EntityLevel.objects.filter(system_code="dummy_wage_risk")} == latest
    orange_events = [(e.payload["old"], e.payload["new"]) for e in received if e.payload["entity"] == "U_ORANGE"]
    assert orange_events == [("none", "orange"), ("orange", "none")]
    assert second.changed_count == len([e for e in received if e.payload["run_id"] == second.pk])


@pytest.mark.django_db
def test_a_system_over_one_dataset_scores_each_entity_once(officer_wang, wage_data):
    """ibis.union of a single table ignores distinct: a one-dataset system once gave one result per row."""
    import dataclasses

    wage_data(officer_wang)
    full = get_system("dummy_wage_risk")
    payments_only = dataclasses.replace(full, code="dummy_payments_only", dimensions=full.dimensions[:1])
    assert set(payments_only.datasets()) == {"dummy_wage_payments"}

    entities = [r.entity for r in evaluate_on(payments_only, PERIOD_END, "duckdb", evidence=False)]

    assert len(entities) == len(set(entities))
    assert set(entities) <= set(EXPECTED_LEVELS)
