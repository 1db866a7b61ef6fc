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


def test_a_person_finds_work_on_a_phone_the_clerk_records_the_hire_and_the_department_handles_its_accidents(
        phone_page, desktop_page, browser, live_server, pool, yu, yu_user, postings, clerk_fang, departments,
        page_errors):
    from zhili.core.testing.api import PASSWORD
    from zhili.scenes.disability_aid import services
    from zhili.scenes.disability_aid.models import Placement

    shop = postings[0]
    yu_user.username = "yu_xiaofeng"
    yu_user.set_password(PASSWORD)
    yu_user.save()
    services.create_course(actor=clerk_fang, title="电商客服培训班", provider="江山市残疾人职业培训中心", skill="客服",
                           region=yu.region, starts_on=dt.date.today(), ends_on=dt.date.today() + dt.timedelta(30),
                           capacity=10)
    services.push_injuries(dt.date.today(), actor=clerk_fang)

    # 俞 on a 390 px phone: registers with consent, sees the vacancy with its reasons, asks for it, joins a course
    phone, desk = phone_page, desktop_page
    pages.sign_in(phone, live_server, "yu_xiaofeng")
    phone.goto(f"{live_server.url}/disability_aid/me/")
    phone.fill("#id_skills", "电子商务")
    phone.check("#id_consent")
    phone.click("#seeker-submit")
    phone.wait_for_selector("#my-matches")
    assert "电商客服" in phone.inner_text("#my-matches") and "质检员" not in phone.inner_text("#my-matches")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    phone.click(f"#interest-{shop.pk}")
    phone.wait_for_selector("#my-placements")
    phone.click("#my-courses button")
    phone.wait_for_selector("#my-enrolments")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)

    # the clerk at a desk records the employer's answer; the quota review and the accidents are one click away
    pages.sign_in(desk, live_server, "clerk_fang")
    desk.goto(f"{live_server.url}/disability_aid/jobs/")
    desk.click("#job-table >> text=电商客服")
    desk.wait_for_selector("#placements")
    pages.assert_accessible(desk)
    placement = Placement.objects.get()
    desk.check(f"#id_decide{placement.pk}_hired_0")
    desk.fill(f"#id_decide{placement.pk}_on", dt.date.today().isoformat())
    desk.click(f"#decide-submit-{placement.pk}")
    desk.wait_for_selector("#placements >> text=已录用")
    desk.goto(f"{live_server.url}/disability_aid/quota/")
    pages.assert_accessible(desk)
    desk.goto(f"{live_server.url}/disability_aid/cockpit/")
    desk.wait_for_selector("[data-widget=accidents] canvas")

    # 人社局's prevention contact sees the work-injury case and takes it on
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    officer = context.new_page()
    officer.on("pageerror", lambda exc: page_errors.append(str(exc)))
    pages.sign_in(officer, live_server, "officer_wu")
    officer.goto(f"{live_server.url}/disability_aid/injuries/?source=work")
    assert officer.locator("#push-form").count() == 0
    pages.assert_accessible(officer)
    officer.click("#injury-table tbody a >> nth=0")
    officer.wait_for_selector("text=工伤致残事故源头治理")
    pages.assert_accessible(officer)
    context.close()
    assert Placement.objects.get().status == "hired" and page_errors == []
