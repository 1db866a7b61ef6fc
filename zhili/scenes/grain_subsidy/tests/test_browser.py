"""The 浙农补 scene in a real Chromium: a farmer confirms their pre-verified plots on a 390 px phone; the clerk
audits and makes the day's payment file at a desk; two approvers pay it, and the farmer sees 到账. Each
role's pages pass axe-core."""

import datetime as dt

import pytest
from django.utils import timezone

from zhili.core.testing.api import pages
from zhili.scenes.grain_subsidy import services
from zhili.scenes.grain_subsidy.models import PreVerifiedPlot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_farmer_claims_on_a_phone_and_the_county_pays_it(phone_page, desktop_page, live_server, county, clerk_qian,
                                                          approver_zhou, approver_he, farmer_shen, plots,
                                                          page_errors):
    today = timezone.localdate()
    round_ = services.open_round(region=county, subsidy_type="arable_protection", year=today.year,
                                 opens_on=today - dt.timedelta(days=5), closes_on=today + dt.timedelta(days=30),
                                 actor=clerk_qian)
    services.pre_verify_round(round_, actor=clerk_qian)

    phone = phone_page
    pages.sign_in(phone, live_server, "farmer_shen")
    phone.goto(f"{live_server.url}/grain_subsidy/")
    phone.wait_for_selector("text=1100.00")  # P1 and P2 offered, 550.00 each; P3 blocked
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    phone.click("button.claim-submit")
    phone.wait_for_selector(".claim-status >> text=待审核")
    pages.assert_fits(phone)

    desk = desktop_page
    pages.sign_in(desk, live_server, "clerk_qian")
    desk.goto(f"{live_server.url}/grain_subsidy/rounds/{round_.pk}/")
    pages.assert_accessible(desk)
    desk.click("#audit")
    desk.wait_for_selector("#passed-yuan >> text=550.00")
    desk.click("#make-file")
    desk.wait_for_selector("#total >> text=550.00")
    file_url = desk.url
    for approver, status in (("approver_zhou", "待复审"), ("approver_he", "已发放")):
        desk.context.clear_cookies()
        pages.sign_in(desk, live_server, approver)
        desk.goto(file_url)
        pages.assert_accessible(desk)
        desk.click("#approve")
        desk.wait_for_selector(f"#file-status >> text={status}")

    phone.goto(f"{live_server.url}/grain_subsidy/")
    phone.wait_for_selector(".paid >> text=550.00")
    assert PreVerifiedPlot.objects.get(plot__code="P1").status == "paid"
    assert page_errors == []
