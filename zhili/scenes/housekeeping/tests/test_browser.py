"""The 安心码 in a real Chromium on a 390 px phone: the housekeeper shows the code, the customer opens the scan."""

import pytest
from django.utils import timezone

from zhili.core.testing.api import pages
from zhili.scenes.housekeeping import services

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
