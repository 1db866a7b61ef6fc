"""The 童装产业大脑 scene in a real Chromium: a brand posts an order on a phone, the officer dispatches it at a
desk and sees the plan's cost against the baseline, the map and the cockpit."""

import pytest

from zhili.core.testing.api import PASSWORD
from zhili.scenes.industry_brain.models import ProductionOrder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, username):
    page.goto(f"{base}/accounts/login/password/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#password-submit")


def test_a_brand_posts_and_the_officer_dispatches(phone_page, desktop_page, live_server, brand, near_factory,
                                                  officer, in_days, page_errors):
    phone, desk = phone_page, desktop_page
    _login(phone, live_server.url, "ib_brand")
    phone.goto(f"{live_server.url}/industry_brain/")
    phone.fill("#id_order-style", "女童针织裙")
    phone.select_option("#id_order-speciality", "knit")
    phone.fill("#id_order-quantity", "0")
    phone.fill("#id_order-unit_price", "12.50")
    phone.select_option("#id_order-grade", "3")
    phone.fill("#id_order-start_date", in_days(0).isoformat())
    phone.fill("#id_order-due_date", in_days(20).isoformat())
    phone.click("#order-submit")
    phone.wait_for_selector("text=须不小于 1")
    phone.fill("#id_order-quantity", "800")
    phone.click("#order-submit")
    phone.wait_for_selector("#order-table >> text=女童针织裙")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    _login(desk, live_server.url, "ib_officer")
    desk.goto(f"{live_server.url}/industry_brain/orders/")
    desk.click("#dispatch")
    desk.wait_for_selector("#plan-table tbody tr")
    desk.click("#order-table >> text=女童针织裙")
    desk.wait_for_selector("#explanation >> text=近针织厂")
    assert ProductionOrder.objects.get().status == "dispatched"
    desk.goto(f"{live_server.url}/industry_brain/firms/")
    desk.wait_for_selector(".leaflet-container")
    desk.goto(f"{live_server.url}/industry_brain/cockpit/")
    desk.wait_for_selector("[data-widget=roles] canvas")
    assert page_errors == []
