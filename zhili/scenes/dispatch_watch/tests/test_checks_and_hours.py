"""Host-employer checks on core.indicators (exact facts, warnings, cases) and special working hours."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.cases.api import AssignmentRule
from zhili.core.ledger.api import entries_for
from zhili.scenes.dispatch_watch import services
from zhili.scenes.dispatch_watch.models import HostEmployer, HostWarning, SpecialHoursApproval
from zhili.scenes.dispatch_watch.services.checks import host_facts, run_host_checks

from .conftest import HOST_USCC, worker_row

DAY = dt.date(2026, 2, 28)


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


@pytest.fixture
def breaches(agency, clerk_zhou, officer_qian):
    """Five workers at one host of 20 direct staff paid 6,000 on average: each a different breach but one."""
    rows = [worker_row(1),
            worker_row(2, post_nature="other"),
            worker_row(3, post_nature="temporary"),  # 12 months on a temporary post
            worker_row(4, contract_end="2026-06-30", insurance_status="none"),
            worker_row(5, insurance_region_code="330102", monthly_wage="4500")]
    for row in rows:
        services.record_worker(agency, row, actor=clerk_zhou)
    services.record_host(uscc=HOST_USCC, name="", region=agency.region, direct_employees=20, direct_avg_wage="6000",
                         actor=officer_qian)


def test_the_host_facts_count_each_breach_exactly(breaches):
    assert host_facts(DAY) == [{"host_uscc": HOST_USCC, "workforce": 25, "dispatched": 5, "main_posts": 1,
                                "temp_over_limit": 1, "short_contracts": 1, "uninsured": 1, "wrong_place": 1,
                                "pay_gap": 1, "outsourced_on_payroll": 0,
                                "overtime_unapproved": 0}]
    assert host_facts(dt.date(2025, 6, 30)) == []


def test_the_checks_raise_a_red_warning_with_a_case(breaches, officer_qian, var_dir,
                                                    django_capture_on_commit_callbacks):
    bureau = officer_qian.memberships.get().organization
    host = HostEmployer.objects.get()
    AssignmentRule.objects.create(case_type="dispatch_watch_host", region=host.region, organization=bureau)
    with django_capture_on_commit_callbacks(execute=True):
        run = run_host_checks(DAY, actor=officer_qian)
    assert run.period == "2026-02"
    warning = HostWarning.objects.get()
    # 30 (ratio 5/25 = 20 % > 10 %) + 25 + 15 + 15 + 20 + 10 + 15 = 130 points
    assert (warning.level, warning.score, warning.status) == ("red", 130, "case_open")
    assert sorted(f["indicator"] for f in warning.fired) == sorted(
        ["dispatch_ratio", "main_posts", "temp_over_limit", "short_contracts", "uninsured", "wrong_place", "pay_gap"])
    assert warning.case.case_type == "dispatch_watch_host"


def test_only_officers_run_the_checks(breaches, clerk_zhou, var_dir):
    with pytest.raises(PermissionDenied):
        run_host_checks(DAY, actor=clerk_zhou)
    assert not HostWarning.objects.exists()


def _apply(employer, **changes):
    data = {"kind": "comprehensive", "cycle": "month", "posts": "驾驶员", "workers": 12,
            "period_start": "2026-01-01", "period_end": "2026-12-31", "arrangement": "月综合计算，每周至少休息一日"}
    data.update(changes)
    return services.apply_special_hours(employer.memberships.get().organization, actor=employer, **data)


def test_special_hours_are_approved_with_a_decision_sealed_by_the_bureau(employer_li, officer_qian):
    from zhili.core.esign.api import verify_pdf

    approval = _apply(employer_li)
    approval = services.decide_special_hours(approval, approve=True, actor=officer_qian)
    assert approval.status == "approved" and approval.decision_no.startswith("特工审〔")
    entries = entries_for(approval)
    assert [e.kind for e in entries] == ["dispatch_watch.hours.decided"]
    pdf = bytes(approval.decision_pdf)
    assert entries[0].digest == approval.decision_sha256 == hashlib.sha256(pdf).hexdigest()
    report = verify_pdf(pdf)
    bureau = officer_qian.memberships.get().organization
    seal = next(s for s in report.signatures if s.kind == "signature")
    assert report.ok and seal.field_name == "BureauSeal" and bureau.name in seal.signer
    tampered = pdf.replace(b"/Producer", b"/Producex", 1)
    assert not verify_pdf(tampered).ok
    from zhili.scenes.dispatch_watch.services.hours import approval_in_force

    uscc = approval.organization.uscc
    assert approval_in_force(uscc, dt.date(2026, 6, 1)) == approval
    assert approval_in_force(uscc, dt.date(2027, 1, 1)) is None


@pytest.mark.parametrize(("changes", "field"), [
    ({"cycle": ""}, "cycle"), ({"period_end": "2025-12-31"}, "period_end"),
    ({"period_end": "2029-01-02"}, "period_end"), ({"workers": 0}, "workers"),
])
def test_bad_special_hours_applications_are_refused(employer_li, changes, field):
    with pytest.raises(ValidationError) as refused:
        _apply(employer_li, **changes)
    assert list(refused.value.message_dict) == [field]
    assert not SpecialHoursApproval.objects.exists()


def test_an_officer_elsewhere_cannot_decide(employer_li, officer_sun):
    approval = _apply(employer_li)
    with pytest.raises(PermissionDenied):
        services.decide_special_hours(approval, approve=True, actor=officer_sun)
    approval.refresh_from_db()
    assert approval.status == "submitted"


def test_department_data_reach_the_hosts_through_the_data_pool(breaches, officer_qian, var_dir, tmp_path):
    """Employment registration and the outsourcing comparison, ingested by core.datapool, update the host."""
    from zhili.core.datapool.api import ingest_file
    from zhili.scenes.dispatch_watch.services.checks import sync_host_figures

    employment = tmp_path / "employment.csv"
    employment.write_text("host_uscc,month_end,name,region_code,direct_employees,direct_avg_wage\n"
                          f"{HOST_USCC},2026-01-31,建德物流有限公司,330182,30,5800\n"
                          f"{HOST_USCC},2026-02-28,建德物流有限公司,330182,45,5900\n", encoding="utf-8")
    outsourcing = tmp_path / "outsourcing.csv"
    outsourcing.write_text(f"host_uscc,month_end,outsourcing_contract,outsourced_on_payroll\n{HOST_USCC},2026-02-28,true,6\n",
                           encoding="utf-8")
    assert ingest_file("dw_employment", employment, actor="test").status == "succeeded"
    assert ingest_file("dw_outsourcing", outsourcing, actor="test").status == "succeeded"
    assert sync_host_figures(actor=officer_qian) == {"updated": 1, "created": 0, "skipped": 0}
    host = HostEmployer.objects.get()
    assert (host.direct_employees, str(host.direct_avg_wage), host.outsourced_on_host_payroll) == (45, "5900.00", 6)
    facts = host_facts(DAY)[0]
    assert (facts["workforce"], facts["outsourced_on_payroll"]) == (50, 6)


def test_overtime_without_an_approval_raises_a_warning_and_an_approval_answers_it(
        agency, clerk_zhou, officer_qian, var_dir, tmp_path, django_capture_on_commit_callbacks):
    """labor_risk's monthly overtime (dataset ``lr_employment`` in the data pool, not the scene) at a host that
    breaks no dispatch rule: 7 workers over 36 hours and no approval is a yellow warning; once the host holds an
    approved 综合计算工时 for the month, the same data count nothing."""
    from zhili.core.datapool.api import ingest_file
    from zhili.core.testing.api import EnterpriseFactory

    services.record_worker(agency, worker_row(1), actor=clerk_zhou)
    services.record_host(uscc=HOST_USCC, name="", region=agency.region, direct_employees=40, direct_avg_wage="5000",
                         actor=officer_qian)
    data = tmp_path / "lr_employment.csv"
    data.write_text("uscc,month_end,employees,unsigned_contracts,filings_missing,uninsured,dispatched,overtime_over_36\n"
                    f"{HOST_USCC},2026-02-28,40,0,0,0,1,7\n{HOST_USCC},2026-01-31,40,0,0,0,1,3\n", encoding="utf-8")
    assert ingest_file("lr_employment", data, actor="test", check_permission=False).status == "succeeded"
    assert host_facts(DAY)[0]["overtime_unapproved"] == 7
    with django_capture_on_commit_callbacks(execute=True):
        run_host_checks(DAY, actor=officer_qian)
    warning = HostWarning.objects.get()
    assert (warning.level, [f["indicator"] for f in warning.fired]) == ("yellow", ["overtime_unapproved"])

    owner = EnterpriseFactory(uscc=HOST_USCC, region=agency.region, name="建德物流有限公司")
    from zhili.core.testing.api import MembershipFactory, UserFactory

    hr = UserFactory(username="hr_wu", phone="13800000031")
    MembershipFactory(user=hr, role="employer_admin", organization=owner)
    approval = _apply(hr, period_start="2026-02-01", period_end="2026-12-31")
    services.decide_special_hours(approval, approve=True, actor=officer_qian)
    assert host_facts(DAY)[0]["overtime_unapproved"] == 0
