"""Two journeys in a real Chromium: 李秀英 applies and signs on a phone and later sees her 幸福清单; 陈敏 records
the home visit on a phone, recognises the application on a desktop and opens the cockpit."""

import pytest

from zhili.core.testing.api import PASSWORD, pages
from zhili.scenes.relief_match.models import ReliefApplication, ReliefHousehold

from .conftest import LI_FACTS, LI_MEMBERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/password/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#password-submit")


def _in_thread(work):
    """Run ``work`` outside Playwright's event loop (signing runs pyHanko's own loop), as the server would."""
    import threading

    from django.db import connection

    failures = []

    def run():
        try:
            work()
        except Exception as exc:  # noqa: BLE001 (re-raised in the test's thread)
            failures.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_li_applies_and_signs_on_her_phone(phone_page, live_server, citizen_li, officer_chen, page_errors):
    page = phone_page
    _login(page, live_server, "citizen_li")

    page.goto(f"{live_server.url}/relief_match/")
    assert _no_horizontal_scroll(page)
    pages.assert_accessible(page)
    page.click("#apply")
    page.fill("textarea[name=reason]", "丈夫去世，本人患病")
    page.check("input[name=confirm]")
    page.click("#application button[type=submit]")
    page.wait_for_selector("#sign")
    assert _no_horizontal_scroll(page)
    page.check("input[name=intent]")
    page.click("#sign")
    page.wait_for_selector("#status")

    application = ReliefApplication.objects.get()
    assert application.status == "visiting" and application.authorizations.count() == 1
    assert page.inner_text("#status") == "入户核查中"
    assert _no_horizontal_scroll(page)
    assert page_errors == []


def test_chen_visits_on_a_phone_then_recognises_and_opens_the_cockpit(phone_page, desktop_page, live_server,
                                                                       citizen_li, officer_chen, owners, page_errors):
    from zhili.scenes.relief_match import services

    household = ReliefHousehold.objects.get(user=citizen_li)
    application = services.start_application(household, actor=citizen_li, declared=LI_FACTS,
                                             declared_members=LI_MEMBERS)
    _in_thread(lambda: services.authorize_check(application, actor=citizen_li, relation="本人",
                                                intent_confirmed=True))
    phone = phone_page
    _login(phone, live_server, "officer_chen")
    phone.goto(f"{live_server.url}/relief_match/visits/")
    phone.click("#assigned a")
    phone.fill("textarea[name=notes]", "母子二人，母亲术后休养，无劳动收入")
    phone.fill("input[name=latitude]", "29.104500")
    phone.fill("input[name=longitude]", "121.378900")
    assert _no_horizontal_scroll(phone)
    pages.assert_accessible(phone)
    phone.click("#visit button[type=submit]")
    phone.wait_for_selector("#assigned")

    desk = desktop_page
    _login(desk, live_server, "officer_chen")
    desk.goto(f"{live_server.url}/relief_match/applications/")
    pages.assert_accessible(desk)
    desk.click("#applications a")
    desk.click("#decide button[value=approve]")
    desk.wait_for_selector("#matches")
    assert desk.locator("#matches li").count() == 20
    desk.goto(f"{live_server.url}/relief_match/cockpit/")
    desk.wait_for_selector("#chart-rates canvas")
    assert "网上申报率" in desk.inner_text("#indicators")
    pages.assert_accessible(desk)
    assert page_errors == []
