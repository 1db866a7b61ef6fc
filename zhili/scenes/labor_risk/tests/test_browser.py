"""The cockpit in a real Chromium: the charts draw, without script errors, and a click drills down."""

import pytest

from zhili.core.testing.api import PASSWORD, pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_cockpit_draws_its_charts(desktop_page, live_server, evaluated, officer_wang, page_errors):
    page = desktop_page
    page.goto(f"{live_server.url}/accounts/login/password/")
    page.fill("#id_username", "officer_wang")
    page.fill("#id_password", PASSWORD)
    page.click("#password-submit")

    page.goto(f"{live_server.url}/labor_risk/cockpit/")
    page.wait_for_selector("#chart-heat canvas")

    assert page.locator("#chart-levels canvas").count() == 1
    assert page.locator("#chart-ranking canvas").count() == 1
    assert page_errors == []
    pages.assert_accessible(page)  # a cockpit: level badges readable, charts labelled
    page.click("#level-counts a >> nth=4")
    page.wait_for_selector("#warning-table")
    assert "level=red" in page.url
    pages.assert_accessible(page)  # the warning list it drills into: toolbar dropdowns, level badges
