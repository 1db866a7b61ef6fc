"""Annual reports: totals must add up, rules find problems, the officer's verdict opens the right case."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.cases.api import AssignmentRule, Case
from zhili.core.ledger.api import entries_for
from zhili.core.notify.api import Message
from zhili.scenes.dispatch_watch import queries, services
from zhili.scenes.dispatch_watch.choices import Verdict
from zhili.scenes.dispatch_watch.models import AnnualReport, OverdueNotice

from .conftest import worker_row

GOOD = {"revenue": "1800000", "audit_attached": True, "dispatched_total": 2, "temporary_count": 0,
        "auxiliary_count": 2, "substitute_count": 0, "contracts_signed": 2, "union_members": 1,
        "wages_paid": "120000", "insured_count": 2, "insurance_paid": "36000", "hosts_count": 1,
        "agreements_count": 1, "branches_count": 0}


@pytest.fixture
def roster(agency, clerk_zhou):
    return [services.record_worker(agency, worker_row(n), actor=clerk_zhou) for n in (1, 2)]


def test_a_clean_report_is_suggested_qualified_and_the_verdict_is_in_the_ledger(agency, clerk_zhou, officer_qian,
                                                                                 roster):
    report = services.submit_report(agency, year=2025, data=GOOD, submitted_on="2026-03-20", actor=clerk_zhou)
    assert (report.findings, report.suggested) == ([], Verdict.QUALIFIED)
    report = services.verify_report(report, verdict=Verdict.QUALIFIED, actor=officer_qian)
    assert (report.verdict, report.case_id) == ("qualified", None)
    assert [e.kind for e in entries_for(report)] == ["dispatch_watch.report.verified"]
    assert services.publish_results(2025, region=agency.region, actor=officer_qian) == 1
    assert [r.agency.name for r in queries.published_results(2025)] == ["建德人力派遣有限公司"]


def test_totals_that_do_not_add_up_are_refused(agency, clerk_zhou):
    with pytest.raises(ValidationError) as refused:
        services.submit_report(agency, year=2025, data={**GOOD, "auxiliary_count": 1}, submitted_on="2026-03-20",
                               actor=clerk_zhou)
    assert refused.value.error_dict["dispatched_total"][0].code == "totals"
    assert "（1）" in refused.value.message_dict["dispatched_total"][0]
    with pytest.raises(ValidationError) as refused:
        services.submit_report(agency, year=2025, data={**GOOD, "insured_count": 3}, submitted_on="2026-03-20",
                               actor=clerk_zhou)
    assert list(refused.value.message_dict) == ["insured_count"]
    assert not AnnualReport.objects.exists()


def test_problems_found_by_the_rules_suggest_unqualified_and_open_a_rectification_case(agency, clerk_zhou,
                                                                                       officer_qian, roster):
    data = {**GOOD, "dispatched_total": 3, "auxiliary_count": 3, "contracts_signed": 2, "insured_count": 3,
            "audit_attached": False}
    report = services.submit_report(agency, year=2025, data=data, submitted_on="2026-04-02", actor=clerk_zhou)
    assert [f["code"] for f in report.findings] == ["late", "audit", "unsigned", "roster_mismatch"]
    assert report.findings[3]["text"] == "填报 3 人、1 家用工单位，平台名册为 2 人、1 家"
    assert report.suggested == Verdict.UNQUALIFIED
    report = services.verify_report(report, verdict=Verdict.UNQUALIFIED, actor=officer_qian)
    case = Case.objects.get(pk=report.case_id)
    assert case.case_type == "dispatch_watch_rectify"
    assert "未附上年度财务审计报告" in report.reasons and "20 个工作日" in case.description


def test_qualified_against_the_findings_needs_reasons(agency, clerk_zhou, officer_qian):
    report = services.submit_report(agency, year=2025, data={**GOOD, "audit_attached": False},
                                    submitted_on="2026-03-20", actor=clerk_zhou)
    with pytest.raises(ValidationError) as refused:
        services.verify_report(report, verdict=Verdict.QUALIFIED, actor=officer_qian)
    assert list(refused.value.message_dict) == ["reasons"]
    report.refresh_from_db()
    assert report.status == "submitted"


def test_no_business_opens_guidance(agency, clerk_zhou, officer_qian):
    zero = {k: 0 for k in GOOD} | {"audit_attached": False}
    report = services.submit_report(agency, year=2025, data=zero, submitted_on="2026-03-20", actor=clerk_zhou)
    assert report.suggested == Verdict.NO_BUSINESS
    report = services.verify_report(report, verdict=Verdict.NO_BUSINESS, actor=officer_qian)
    assert report.case.case_type == "dispatch_watch_guidance"


def test_an_officer_elsewhere_cannot_verify_and_nothing_changes(agency, clerk_zhou, officer_sun):
    report = services.submit_report(agency, year=2025, data=GOOD, submitted_on="2026-03-20", actor=clerk_zhou)
    with pytest.raises(PermissionDenied):
        services.verify_report(report, verdict=Verdict.UNQUALIFIED, reasons="x", actor=officer_sun)
    report.refresh_from_db()
    assert (report.status, report.verdict, report.case_id) == ("submitted", "", None)
    assert entries_for(report) == [] or list(entries_for(report)) == []


def test_an_overdue_report_is_reminded_then_escalated(agency, clerk_zhou, officer_qian,
                                                      django_capture_on_commit_callbacks):
    bureau = officer_qian.memberships.get().organization
    AssignmentRule.objects.create(case_type="dispatch_watch_overdue", region=agency.region, organization=bureau)
    assert services.sweep_overdue_reports(dt.date(2026, 3, 31)) == {"year": 2025, "reminded": 0, "escalated": 0}
    assert services.sweep_overdue_reports(dt.date(2026, 4, 1)) == {"year": 2025, "reminded": 1, "escalated": 0}
    assert Message.objects.filter(recipient=clerk_zhou, template="dispatch_watch_report_overdue").count() == 1
    assert services.sweep_overdue_reports(dt.date(2026, 4, 14)) == {"year": 2025, "reminded": 0, "escalated": 0}
    assert services.sweep_overdue_reports(dt.date(2026, 4, 15)) == {"year": 2025, "reminded": 0, "escalated": 1}
    assert services.sweep_overdue_reports(dt.date(2026, 4, 16)) == {"year": 2025, "reminded": 0, "escalated": 0}
    notice = OverdueNotice.objects.get()
    assert notice.case.case_type == "dispatch_watch_overdue"
