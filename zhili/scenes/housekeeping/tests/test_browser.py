"""The scene in a real Chromium: on a 390 px phone the housekeeper shows the code and the customer opens the scan;
at the 1366 px desk the agency signs for a notice slip and the 商务局 officer turns a code red from a police check
and finds the worker on the watch list and the map (axe-core: no serious or critical violation)."""

import pytest
from django.utils import timezone

from zhili.core.testing.api import pages
from zhili.scenes.housekeeping import services

from .conftest import make_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_housekeeper_shows_the_code_and_the_customer_sees_only_masked_data(
        phone_page, live_server, worker_wang, clerk_qian, customer_chen, page_errors):
    services.recompute_codes(timezone.localdate(), actor=clerk_qian)
    pages.sign_in(phone_page, live_server, "worker_wang")
    phone_page.goto(f"{live_server.url}/housekeeping/my-code/")
    phone_page.wait_for_selector("#safety-code svg")
    assert "绿码" in phone_page.inner_text("#safety-code")
    pages.assert_fits(phone_page)
    scan_url = phone_page.evaluate("document.querySelector('#safety-code svg title')?.textContent") or \
        f"{live_server.url}/housekeeping/code/{services.issue_code(worker_wang)}/"
    phone_page.context.clear_cookies()
    pages.sign_in(phone_page, live_server, "customer_chen")
    phone_page.goto(scan_url.replace("http://testserver", live_server.url))
    phone_page.wait_for_selector("#scan-result")
    text = phone_page.inner_text("#scan-result")
    assert "王**" in text and "王秀英" not in text and "绿码" in text
    pages.assert_fits(phone_page)
    phone_page.goto(f"{live_server.url}/housekeeping/code/forged-token/")
    assert "此码无效" in phone_page.inner_text("#scan-refused")
    assert page_errors == []


def test_the_agency_sees_its_yellow_worker_on_the_map_and_signs_for_the_slip(
        desktop_page, live_server, anxin, admin_zhou, clerk_qian, page_errors):
    make_worker(anxin, admin_zhou, name="李桂兰", clerk=clerk_qian, health_days=-1)
    services.recompute_codes(timezone.localdate(), actor=clerk_qian)
    pages.sign_in(desktop_page, live_server, "admin_zhou")
    desktop_page.goto(f"{live_server.url}/housekeeping/agency/")
    slips = desktop_page.inner_text("#open-slips")
    assert "李桂兰" in slips and "健康证缺失或已过期" in slips
    pages.assert_accessible(desktop_page)
    desktop_page.click("#open-slips button[type=submit]")
    desktop_page.wait_for_selector("#open-slips >> text=没有待签收的通知单")
    desktop_page.goto(f"{live_server.url}/housekeeping/workers/")
    desktop_page.wait_for_selector("#ui-map-1.leaflet-container")
    assert desktop_page.locator("#ui-map-1 path.leaflet-interactive").count() == 1
    pages.assert_accessible(desktop_page)
    assert page_errors == []


def test_the_officer_records_an_abnormal_police_check_and_finds_the_worker_red_on_the_watch_list(
        desktop_page, live_server, worker_wang, clerk_qian, page_errors):
    services.recompute_codes(timezone.localdate(), actor=clerk_qian)
    pages.sign_in(desktop_page, live_server, "clerk_qian")
    desktop_page.goto(f"{live_server.url}/housekeeping/workers/{worker_wang.pk}/")
    pages.assert_accessible(desktop_page)
    desktop_page.select_option("select[name=background_check]", "abnormal")
    desktop_page.click("text=保存并重新赋码")
    desktop_page.wait_for_selector("#code-reasons")
    assert "身份核查异常" in desktop_page.inner_text("#code-reasons")
    desktop_page.goto(f"{live_server.url}/housekeeping/watch-list/")
    assert "王秀英" in desktop_page.inner_text("#watch-table")
    pages.assert_accessible(desktop_page)
    desktop_page.goto(f"{live_server.url}/housekeeping/workers/?colour=red")
    desktop_page.wait_for_selector("#ui-map-1.leaflet-container")
    assert desktop_page.locator("#ui-map-1 path.leaflet-interactive").count() == 1
    assert page_errors == []
