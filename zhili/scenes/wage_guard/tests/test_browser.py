"""The 安薪在线 scene in a real Chromium: a worker confirms the month's wage on a phone, the general contractor's
labour manager makes the bank payment file at a desk."""

import pytest
from django.utils import timezone

from zhili.core.testing.api import PASSWORD
from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.tests.test_payroll import MARCH, TODAY, _days

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, username):
    page.goto(f"{base}/accounts/login/password/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#password-submit")


def test_a_worker_confirms_on_a_phone_and_the_contractor_makes_the_payment_file(
        phone_page, desktop_page, live_server, team, roster, lead_chen, manager_liu, account, page_errors):
    _days(roster[0], 10)
    sheet = services.build_wage_sheet(team, MARCH, actor=lead_chen, today=TODAY)
    services.issue_wage_sheet(sheet, actor=lead_chen, today=timezone.localdate())
    zhang = roster[0].worker
    zhang.username = "worker_zhang"
    zhang.set_password(PASSWORD)
    zhang.save()

    phone = phone_page
    _login(phone, live_server.url, "worker_zhang")
    phone.goto(f"{live_server.url}/wage_guard/")
    phone.wait_for_selector("text=3500.00")
    phone.click("button.confirm")
    phone.wait_for_selector(".line-status >> text=已确认")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    desk = desktop_page
    _login(desk, live_server.url, "gc_liu")
    desk.goto(f"{live_server.url}/wage_guard/sheets/{sheet.pk}/")
    desk.click("#batch-create")
    desk.wait_for_selector("#batches >> text=待回盘")
    assert sheet.batches.get().line_count == 1
    assert page_errors == []
