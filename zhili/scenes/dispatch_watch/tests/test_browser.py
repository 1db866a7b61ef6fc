"""The 劳务派遣监管 scene in a real Chromium: an agency's clerk records a worker and asks for a licence change on a
phone; an enterprise applies for special working hours; an officer verifies a report at a desk (a rectification
case opens), approves the working hours (the sealed decision opens as PDF) and opens the cockpit."""

import pytest

from zhili.core.testing.api import PASSWORD, pages
from zhili.scenes.dispatch_watch import services
from zhili.scenes.dispatch_watch.models import AnnualReport, DispatchedWorker, LicenceChange, SpecialHoursApproval

from .conftest import worker_row
from .test_reports import GOOD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, username):
    page.goto(f"{base}/accounts/login/password/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#password-submit")


def test_the_agency_clerk_records_a_worker_on_a_phone(phone_page, live_server, clerk_zhou, agency, page_errors):
    page = phone_page
    _login(page, live_server.url, "agency_zhou")
    page.goto(f"{live_server.url}/dispatch_watch/")
    page.click("text=登记一名被派遣劳动者")
    for key, value in worker_row(1).items():
        if key in ("post_nature", "insurance_status"):
            page.select_option(f"#id_w-{key}", value)
        else:
            page.fill(f"#id_w-{key}", str(value))
    page.click("#worker-submit")
    page.wait_for_selector("#worker-table >> text=工**")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert DispatchedWorker.objects.get().agency_id == agency.pk
    page.click("text=申请变更名称、法定代表人、住所或注册资本")
    page.fill("#id_c-new_premises", "建德市洋溪街道新安路8号")
    page.fill("#id_c-explanation", "经营场所搬迁")
    page.click("#change-submit")
    page.wait_for_selector("#change-table >> text=待审核")
    pages.assert_accessible(page)  # the phone portal: forms, tables, the change request
    assert LicenceChange.objects.get().new_premises == "建德市洋溪街道新安路8号"
    assert page_errors == []


def test_an_enterprise_applies_for_special_working_hours(desktop_page, live_server, employer_li, page_errors):
    page = desktop_page
    _login(page, live_server.url, "hr_li")
    page.goto(f"{live_server.url}/dispatch_watch/hours/")
    page.click("text=申请综合计算工时或不定时工作制")
    page.select_option("#id_kind", "comprehensive")
    page.select_option("#id_cycle", "month")
    for field, value in (("posts", "驾驶员"), ("workers", "12"), ("period_start", "2026-01-01"),
                         ("period_end", "2026-12-31"), ("arrangement", "月综合计算，每周至少休息一日")):
        page.fill(f"#id_{field}", value)
    page.click("#hours-submit")
    page.wait_for_selector("#hours-table >> text=待审批")
    pages.assert_accessible(page)
    assert SpecialHoursApproval.objects.get().organization == employer_li.memberships.get().organization
    assert page_errors == []


def test_an_officer_finds_a_report_unqualified_and_approves_working_hours(desktop_page, live_server, officer_qian,
                                                                        clerk_zhou, agency, employer_li, page_errors):
    report = services.submit_report(agency, year=2025, data={**GOOD, "audit_attached": False},
                                    submitted_on="2026-03-20", actor=clerk_zhou)
    page = desktop_page
    _login(page, live_server.url, "officer_qian")
    page.goto(f"{live_server.url}/")
    page.click("text=派遣年度报告核验")
    page.click("#report-table >> text=建德人力派遣有限公司")
    assert "未附上年度财务审计报告" in page.inner_text("#findings-table")
    page.select_option("#id_verdict", "unqualified")
    page.click("#verify-submit")
    page.wait_for_selector("#report-case")
    assert page.inner_text("#report-verdict") == "不合格"
    assert AnnualReport.objects.get(pk=report.pk).case.case_type == "dispatch_watch_rectify"
    approval = services.apply_special_hours(
        employer_li.memberships.get().organization, kind="flexible", posts="押运员", workers=3,
        period_start="2026-01-01", period_end="2026-12-31", arrangement="轮休调休", actor=employer_li)
    page.goto(f"{live_server.url}/dispatch_watch/hours/{approval.pk}/")
    page.click("#approve")
    page.wait_for_selector("#decision-pdf")
    pages.assert_accessible(page)
    pdf = page.request.get(live_server.url + page.get_attribute("#decision-pdf", "href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    page.goto(f"{live_server.url}/dispatch_watch/cockpit/")
    page.wait_for_selector("[data-widget=verdicts] canvas")
    assert page_errors == []
