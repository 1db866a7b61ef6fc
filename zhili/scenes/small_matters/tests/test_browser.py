"""The 关键小事 scene in a real Chromium: 周晓梅 confirms her pre-filled benefit on a phone, the clerk approves."""

import pytest

from zhili.core.testing.api import pages
from zhili.scenes.small_matters.models import BenefitClaim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_person_confirms_on_a_phone_and_the_clerk_approves(phone_page, desktop_page, live_server, detected, catalogue,
                                                               citizen_zhou, clerk_qian, page_errors):
    phone, desk = phone_page, desktop_page
    pages.sign_in(phone, live_server, "citizen_zhou")
    phone.goto(f"{live_server.url}/small_matters/")
    phone.wait_for_selector("#my-claims")
    assert "失业保险金申领" in phone.inner_text("#matters-first")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    phone.click(".claim-card")
    assert phone.inner_text("#fact-months") == "74"
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    phone.click("#confirm")
    phone.wait_for_selector("#claim-status")
    assert phone.inner_text("#claim-status") == "待审核"

    pages.sign_in(desk, live_server, "clerk_qian")
    desk.goto(f"{live_server.url}/small_matters/claims/?status=confirmed")
    pages.assert_accessible(desk)
    desk.click("#claim-table >> text=周**")
    desk.click("#approve")
    desk.wait_for_selector("#payments")
    assert desk.inner_text("#claim-status") == "已核准"
    desk.goto(f"{live_server.url}/small_matters/cockpit/")
    desk.wait_for_selector("[data-widget=claims] canvas")
    pages.assert_accessible(desk)
    assert BenefitClaim.objects.get(person=citizen_zhou).payments.count() == 18
    assert page_errors == []
