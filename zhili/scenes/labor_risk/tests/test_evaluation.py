"""Evaluation on the synthetic data: planted enterprises found, warnings raised, cases opened with deadlines."""

import pytest

from zhili.core.indicators.api import evaluate_on
from zhili.scenes.labor_risk.choices import WarningStatus
from zhili.scenes.labor_risk.indicators import LABOR_RISK
from zhili.scenes.labor_risk.models import MonitoredEnterprise, RiskWarning

from .conftest import PERIOD_END


@pytest.mark.django_db
def test_the_planted_enterprises_are_found_on_duckdb(loaded, truth):
    """Given 60 enterprises of which three carry planted patterns, when evaluated on DuckDB, all three are red/orange."""
    results = {r.entity: r for r in evaluate_on(LABOR_RISK, PERIOD_END, "duckdb")}

    found = {entity: r.level for entity, r in results.items() if r.level in ("orange", "red")}
    assert len(results) == 60
    assert {truth[e]: found[e] for e in truth} == {"cascade_red": "red", "cascade_orange": "orange",
                                                  "disputes": "orange"}
    assert set(found) == set(truth)
    red = results[next(e for e, p in truth.items() if p == "cascade_red")]
    assert [v["veto"] for v in red.vetoes] == ["wages_unpaid_two_months"]
    unpaid = next(f for f in red.fired if f["indicator"] == "unpaid_wage_months")
    assert (unpaid["value"], len(unpaid["rows"])) == (2.0, 2)


@pytest.mark.django_db
def test_a_level_rise_opens_a_case_with_a_deadline(evaluated, truth, inspector_zhao):
    red_uscc = next(e for e, p in truth.items() if p == "cascade_red")

    warning = RiskWarning.objects.select_related("case").get(enterprise__uscc=red_uscc)

    assert (warning.level, warning.old_level, warning.period, warning.status) == ("red", "none", "2025-06",
                                                                                  WarningStatus.CASE_OPEN)
    case = warning.case
    assert (case.case_type, case.state, case.priority, case.assignee) == ("labor_risk_warning", "submitted",
                                                                          "urgent", inspector_zhao)
    assert case.due_at is not None
    assert case.subject == warning
    assert RiskWarning.objects.filter(case__isnull=False).count() == len(truth)
    assert set(RiskWarning.objects.filter(case__isnull=False).values_list("enterprise__uscc", flat=True)) == set(truth)
    assert MonitoredEnterprise.objects.get(uscc=red_uscc).level == "red"


@pytest.mark.django_db
def test_evaluating_the_same_period_again_opens_no_second_case(evaluated, officer_wang,
                                                               django_capture_on_commit_callbacks):
    from zhili.core.cases.api import Case
    from zhili.scenes.labor_risk.services import evaluate_labor_risk

    before = Case.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        run = evaluate_labor_risk(PERIOD_END, actor=officer_wang)

    assert (run.changed_count, Case.objects.count()) == (0, before)


@pytest.mark.django_db
def test_closing_the_case_closes_the_warning(evaluated, truth, inspector_zhao, django_capture_on_commit_callbacks):
    from zhili.core.cases.api import transition_case

    warning = RiskWarning.objects.get(enterprise__uscc=next(e for e, p in truth.items() if p == "disputes"))
    with django_capture_on_commit_callbacks(execute=True):
        case = warning.case
        for step in ("accept", "dispatch", "handle"):
            case = transition_case(case, step, actor=inspector_zhao)
        case = transition_case(case, "report_back", actor=inspector_zhao, comment="核实属实，企业已与职工和解并补发工资")
        transition_case(case, "close", actor=inspector_zhao)

    warning.refresh_from_db()
    assert warning.status == WarningStatus.CLOSED


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_same_definition_gives_the_same_levels_on_pyspark(loaded):
    pytest.importorskip("pyspark", reason="PySpark is an optional extra (pip install 'zhili[spark]'); bin/test installs it")
    duckdb = [(r.entity, r.level, r.score, r.values) for r in evaluate_on(LABOR_RISK, PERIOD_END, "duckdb",
                                                                            evidence=False)]
    spark = [(r.entity, r.level, r.score, r.values) for r in evaluate_on(LABOR_RISK, PERIOD_END, "pyspark",
                                                                           evidence=False)]

    assert spark == duckdb
