"""The 劳务派遣监管 scene in a real Chromium: an agency's clerk records a worker on a phone; an officer verifies a
report at a desk, which opens a rectification case, and opens the cockpit."""

import pytest

from zhili.core.testing.api import PASSWORD
from zhili.scenes.dispatch_watch import services
from zhili.scenes.dispatch_watch.models import AnnualReport, DispatchedWorker

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
    assert page_errors == []


def test_an_officer_finds_a_report_unqualified_and_a_case_opens(desktop_page, live_server, officer_qian, clerk_zhou,
                                                               agency, page_errors):
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
    page.goto(f"{live_server.url}/dispatch_watch/cockpit/")
    page.wait_for_selector("[data-widget=verdicts] canvas")
    assert page_errors == []
