"""The 浙农补 scene in a real Chromium: a farmer confirms their pre-verified plots on a 390 px phone; the clerk
issues the red plot's rectification task, audits and makes the day's payment file at a desk; two approvers pay it,
and the farmer sees 到账 and the task; the inspector re-verifies the red plot on a phone with a photo, which closes
the task. Each role's pages pass axe-core."""

import datetime as dt

import pytest
from django.utils import timezone

from zhili.core.testing.api import pages
from zhili.scenes.grain_subsidy import services
from zhili.scenes.grain_subsidy.models import PreVerifiedPlot

from .test_field_checks import _photo

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
    desk.click("#rectify")  # P3 (non-agricultural) becomes a task for the town
    desk.wait_for_selector("text=已下发整改任务：1 块红色预警地块")
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
    phone.wait_for_selector(".rectification-status >> text=整改中")

    # The inspector re-verifies P3 on a phone: the class found on the ground, the position and a photo close the task.
    p3 = plots["P3"]
    phone.context.clear_cookies()
    pages.sign_in(phone, live_server, "clerk_qian")
    phone.goto(f"{live_server.url}/grain_subsidy/plots/{p3.pk}/")
    phone.select_option("#id_land_use", "grain")
    phone.fill("#id_lon", f"{p3.min_lon + 0.0001:.7f}")
    phone.fill("#id_lat", f"{p3.min_lat + 0.0001:.7f}")
    phone.set_input_files("#id_photo", {"name": "p3.jpg", "mimeType": "image/jpeg", "buffer": _photo()})
    phone.click("#field-check-form button[type=submit]")
    phone.wait_for_selector(".rectification >> text=已整改")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    assert PreVerifiedPlot.objects.get(plot__code="P3").status == "offered"
    assert page_errors == []
