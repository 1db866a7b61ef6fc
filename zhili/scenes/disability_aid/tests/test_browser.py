"""The 智慧助残 scene in a real Chromium: the village worker visits and applies on a 390 px phone; the federation's
clerk records the hospital's result and issues the certificate at a desk, then opens the cockpit."""

import datetime as dt

import pytest

from zhili.core.testing.api import pages
from zhili.scenes.disability_aid.models import Certificate, SuspectedCase

from .conftest import id_number_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_visits_on_a_phone_and_a_clerk_issues_the_certificate(phone_page, desktop_page, live_server, detected,
                                                                       hospital, worker_ye, clerk_fang, page_errors):
    suspect = SuspectedCase.objects.select_related("person").get(person__key="P00000002")
    phone, desk = phone_page, desktop_page
    pages.sign_in(phone, live_server, "worker_ye")
    phone.goto(f"{live_server.url}/disability_aid/")
    phone.click("#visit-list >> text=P00000002")
    phone.wait_for_selector("#evidence")
    assert "交通事故伤残鉴定" in phone.inner_text("#evidence")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)  # the visit form
    phone.fill("#id_notes", "上门核查：左侧肢体偏瘫，需搀扶行走")
    phone.select_option("#id_observed_category", "4")
    phone.check("input[name=wishes_to_apply][value=yes]")
    phone.fill("#id_name", "王秀兰")
    phone.fill("#id_id_number", id_number_for(suspect.person))
    phone.click("#visit-submit")
    phone.wait_for_selector("#apply-form")
    pages.assert_accessible(phone)
    phone.click("#apply-submit")
    phone.wait_for_selector("#application")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    application = SuspectedCase.objects.get(pk=suspect.pk).application
    assert application.category == "4"

    # the hospital assessed on the booked day; the clerk records it (the day is put back so it is not in the future)
    application.appointment_on = dt.date.today() - dt.timedelta(days=1)
    application.save(update_fields=["appointment_on"])
    pages.sign_in(desk, live_server, "clerk_fang")
    desk.goto(f"{live_server.url}/disability_aid/suspects/?status=applied")
    pages.assert_accessible(desk)  # the suspects list
    desk.click("#suspect-table >> text=P00000002")
    desk.wait_for_selector("#assess-submit")
    pages.assert_accessible(desk)  # the assessment form
    desk.check("input[name=disabled][value=yes]")
    desk.select_option("#id_category", "4")
    desk.select_option("#id_grade", "2")
    desk.fill("#id_assessed_on", application.appointment_on.isoformat())
    desk.click("#assess-submit")
    desk.click("#issue-submit")
    desk.wait_for_selector("#certificate")
    assert "肢体残疾二级" in desk.inner_text("#certificate")
    pages.assert_accessible(desk)
    assert Certificate.objects.get().number.endswith("42")
    desk.goto(f"{live_server.url}/disability_aid/cockpit/")
    desk.wait_for_selector("[data-widget=conversion] canvas")
    pages.assert_accessible(desk)
    assert page_errors == []
