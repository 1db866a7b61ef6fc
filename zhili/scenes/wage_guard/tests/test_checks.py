"""The daily checks: each finding with its exact figures, serious ones opening a case, enterprises rated."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.cases.api import Case
from zhili.core.indicators.api import EntityResult
from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.models import BlacklistEntry, Complaint, RiskFinding, SpecialAccount
from zhili.scenes.wage_guard.tests.test_payroll import MARCH, TODAY, _days


@pytest.fixture
def issued(team, roster, lead_chen, account, project, manager_liu):
    zhang, li, wang = roster
    _days(zhang, 20)                    # 7000.00
    _days(li, 10)                       # 3000.00
    _days(wang, 2, hours=3.0)           # 0 days, 6 hours: 0.00 for 6 hours, below the minimum
    services.schedule_labor_cost(project, instalments=[(dt.date(2026, 3, 31), "150000")], actor=manager_liu)
    sheet = services.build_wage_sheet(team, MARCH, actor=lead_chen, today=TODAY)
    return services.issue_wage_sheet(sheet, actor=lead_chen, today=TODAY)


def test_the_checks_find_each_problem_with_its_figures(project, issued, hrss_qian):
    SpecialAccount.objects.update(balance=Decimal("9000.00"))
    found = {f.kind: f for f in services.project_findings(project, dt.date(2026, 4, 16))}
    assert set(found) == {"balance_short", "labor_cost_late", "below_minimum", "late_pay"}
    assert found["balance_short"].amount == Decimal("1000.00")
    assert (found["labor_cost_late"].amount, found["labor_cost_late"].uscc) == (Decimal("150000.00"),
                                                                                 project.builder.uscc)
    assert (found["below_minimum"].amount, found["below_minimum"].workers) == (Decimal("132.00"), 1)
    assert (found["late_pay"].amount, found["late_pay"].workers) == (Decimal("10000.00"), 2)
    assert found["late_pay"].uscc == issued.team.subcontract.contractor.uscc
    assert {f.kind for f in services.project_findings(project, dt.date(2026, 4, 15))} == {
        "balance_short", "labor_cost_late", "below_minimum"}


def test_attendance_without_a_sheet_is_found_after_the_pay_day(project, team, roster):
    _days(roster[0], 3)
    assert services.project_findings(project, dt.date(2026, 4, 15)) == []
    [finding] = services.project_findings(project, dt.date(2026, 4, 16))
    assert (finding.kind, finding.workers, finding.period) == ("attendance_unpaid", 1, f"2026-03#{team.pk}")


def test_a_run_records_findings_once_opens_cases_and_rates_enterprises(project, issued, hrss_qian):
    counts = services.run_checks(dt.date(2026, 4, 16))
    assert counts == {"labor_cost_late": 1, "below_minimum": 1, "late_pay": 1}
    assert services.run_checks(dt.date(2026, 4, 17)) == {}
    cases = Case.objects.filter(case_type="wage_guard.warning")
    assert sorted(RiskFinding.objects.filter(case__in=cases).values_list("kind", flat=True)) == [
        "below_minimum", "late_pay"]
    sub = issued.team.subcontract.contractor.uscc
    result = EntityResult.objects.filter(system_code="wage_guard_risk", entity_key=sub).latest("id")
    assert float(result.score) == pytest.approx(0.6 * (35 + 25))
    assert result.level == "yellow"


def test_a_finding_is_cleared_when_it_is_gone(project, issued, manager_liu):
    services.run_checks(dt.date(2026, 4, 16), evaluate=False)
    services.record_labor_cost_payment(project, amount="150000", paid_on=dt.date(2026, 4, 17), actor=manager_liu)
    services.run_checks(dt.date(2026, 4, 17), evaluate=False)
    late = RiskFinding.objects.get(kind="labor_cost_late")
    assert late.cleared_on == dt.date(2026, 4, 17)


def test_a_worker_complains_by_the_code_and_a_case_is_opened(project, roster, hrss_qian):
    zhang = roster[0].worker
    complaint = services.file_complaint(project, amount="7000", period_from=dt.date(2026, 3, 1),
                                        period_to=dt.date(2026, 3, 31), workers=3, description="三月工资未发",
                                        actor=zhang)
    case = complaint.case
    assert (case.case_type, case.requester, case.organization) == (
        "wage_guard.complaint", zhang, hrss_qian.memberships.get().organization)
    assert "2026-03 至 2026-03，涉及 3 人，渠道：安薪码扫码" in case.description


def test_a_complaint_is_checked_before_anything_is_written(project, roster, manager_liu):
    with pytest.raises(ValidationError) as refused:
        services.file_complaint(project, amount="-1", period_from=dt.date(2026, 3, 1), period_to=dt.date(2026, 3, 1),
                                description="x", actor=roster[0].worker)
    assert list(refused.value.message_dict) == ["amount"]
    with pytest.raises(PermissionDenied):
        services.file_complaint(project, amount="100", period_from=dt.date(2026, 3, 1),
                                period_to=dt.date(2026, 3, 1), description="x", actor=manager_liu)
    assert Complaint.objects.count() == 0 and Case.objects.count() == 0


@pytest.mark.parametrize(("facts", "previous", "level"), [
    ({"violations": 0, "findings": 0, "complaints": 0, "blacklisted": False}, ["AA", "AAA"], "AAA"),
    ({"violations": 0, "findings": 0, "complaints": 0, "blacklisted": False}, ["AA", "A"], "AA"),
    ({"violations": 0, "findings": 1, "complaints": 0, "blacklisted": False}, [], "A"),
    ({"violations": 2, "findings": 2, "complaints": 0, "blacklisted": False}, [], "B"),
    ({"violations": 3, "findings": 3, "complaints": 0, "blacklisted": False}, [], "C"),
    ({"violations": 0, "findings": 0, "complaints": 0, "blacklisted": True}, ["AAA", "AAA"], "C"),
])
def test_the_five_levels(facts, previous, level):
    got, references = services.level_for(facts, previous, dt.date(2026, 12, 31))
    assert got == level and references


def test_rating_and_the_blacklist(project, issued, hrss_qian, hrss_sun):
    services.run_checks(dt.date(2026, 4, 16), evaluate=False)
    sub = issued.team.subcontract.contractor
    rating = services.rate_enterprise(sub, 2026, actor=hrss_qian)
    assert (rating.level, rating.basis["violations"]) == ("B", 2)
    with pytest.raises(PermissionDenied):
        services.rate_enterprise(sub, 2026, actor=hrss_sun)
    entry = services.list_on_blacklist(sub, reason="拒不支付劳动报酬", decision_number="建人社失〔2026〕1号",
                                       noticed_on=dt.date(2026, 5, 1), listed_on=dt.date(2026, 5, 11),
                                       actor=hrss_qian)
    assert (entry.expires_on, entry.earliest_removal) == (dt.date(2029, 5, 11), dt.date(2026, 11, 11))
    assert services.rate_enterprise(sub, 2026, actor=hrss_qian).level == "C"
    with pytest.raises(ValidationError) as early:
        services.remove_from_blacklist(entry, removed_on=dt.date(2026, 11, 10), reason="已整改", actor=hrss_qian)
    assert "2026-11-11" in early.value.message_dict["removed_on"][0]
    services.remove_from_blacklist(entry, removed_on=dt.date(2026, 11, 11), reason="已整改并书面承诺",
                                   actor=hrss_qian)
    assert services.on_blacklist(sub, dt.date(2026, 12, 1)) is None
    assert services.on_blacklist(sub, dt.date(2026, 6, 1)) == BlacklistEntry.objects.get()
