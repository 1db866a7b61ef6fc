"""The 碳效码 scene in a real Chromium: an enterprise shows its code on a phone, an officer evaluates at a desk."""

import pytest

from zhili.core.testing.api import pages
from zhili.scenes.carbon_code.models import CarbonResult

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_evaluates_and_the_enterprise_shows_its_code(phone_page, desktop_page, live_server, worked_example,
                                                                officer_zhou, owner_shen, page_errors):
    phone, desk = phone_page, desktop_page
    pages.sign_in(desk, live_server, "officer_zhou")
    desk.goto(f"{live_server.url}/carbon_code/results/")
    desk.fill("#id_period_eval", "2025")
    desk.click("#evaluate-submit")
    desk.wait_for_selector("#result-table >> text=甲机械有限公司")
    pages.assert_accessible(desk)
    desk.click("#result-table >> text=甲机械有限公司")
    assert desk.inner_text("#result-label") == "中碳4级"
    assert desk.inner_text("#result-k") == "1.2316"
    assert "天然气" in desk.inner_text("#diagnosis-weak")
    desk.goto(f"{live_server.url}/carbon_code/services/officer/?service=energy_saving_diagnosis")
    assert "甲机械有限公司" in desk.inner_text("#service-table")
    pages.assert_accessible(desk)
    desk.click("#effects-publish")  # recounts the 30 effect indicators and opens the cockpit
    desk.wait_for_selector("[data-widget=grades] canvas")
    desk.wait_for_selector("[data-widget=effects] >> text=贷款企业数")
    pages.assert_accessible(desk)
    desk.goto(f"{live_server.url}/carbon_code/warnings/")
    pages.assert_accessible(desk)
    desk.goto(f"{live_server.url}/carbon_code/map/")
    desk.wait_for_selector(".ui-map .leaflet-interactive")
    pages.assert_accessible(desk)

    pages.sign_in(phone, live_server, "owner_shen")
    phone.goto(f"{live_server.url}/carbon_code/")
    phone.wait_for_selector(".carbon-code svg")
    assert "中碳" in phone.inner_text("#carbon-labels")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    token = phone.evaluate("document.querySelector('.carbon-code svg') ? 1 : 0")
    assert token == 1
    phone.goto(f"{live_server.url}/carbon_code/services/")
    assert "符合" in phone.inner_text("[data-service=energy_saving_diagnosis]")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    assert CarbonResult.objects.get(enterprise__name="甲机械有限公司").grade == "4"
    assert page_errors == []
