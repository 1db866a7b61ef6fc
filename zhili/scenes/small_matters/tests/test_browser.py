"""The 关键小事 scene in a real Chromium: 周晓梅 confirms her pre-filled benefit on a phone and checks a taxi receipt
by photo, the clerk approves."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from zhili.core.testing.api import pages
from zhili.scenes.small_matters.invoice_layouts import render
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
    # she photographs a taxi receipt for the invoice check: type, fields with their scores, checks
    receipt = render("taxi", random.Random(7))
    phone.goto(f"{live_server.url}/small_matters/invoice/")
    phone.set_input_files("input[name=invoice]", files=[{"name": "taxi.png", "mimeType": "image/png",
                                                          "buffer": receipt.png()}])
    phone.click("#invoice-submit")
    phone.wait_for_selector("#invoice-result")
    assert phone.inner_text("#invoice-kind") == "出租车发票"
    assert receipt.truth["plate"] in phone.inner_text("#invoice-fields")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)

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


def test_the_experience_officer_files_a_finding_on_a_phone_and_reads_the_department_answer(
        phone_page, desktop_page, live_server, catalogue, bureau_police, experience_wang, page_errors):
    from zhili.core.cases.api import assign_case, transition_case
    from zhili.scenes.small_matters.models import Finding

    from .conftest import jpeg

    phone, desk = phone_page, desktop_page
    pages.sign_in(phone, live_server, "experience_wang")
    phone.goto(f"{live_server.url}/small_matters/findings/")
    phone.wait_for_selector("#finding-form")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    phone.select_option("#id_matter", label="居住证办理")
    phone.fill("#id_happened_on", (timezone.localdate() - dt.timedelta(days=1)).isoformat())
    phone.fill("#id_place", "千岛湖镇便民服务中心 3 号窗口")
    phone.fill("#id_description", "窗口仍要求纸质证件照片和租房合同复印件，等候 40 分钟。")
    phone.set_input_files("#id_photos", files=[{"name": "window.jpg", "buffer": jpeg(), "mimeType": "image/jpeg"}])
    phone.click("#finding-file")
    phone.wait_for_selector("#finding-answer")
    assert phone.inner_text("#finding-state") == "待受理"
    pages.assert_fits(phone)
    pages.assert_accessible(phone)

    finding = Finding.objects.get(officer=experience_wang)
    assert (finding.photos, finding.case.attachments.count()) == (1, 1)
    bureau, handler = bureau_police
    pages.sign_in(desk, live_server, "handler_jiang")
    desk.goto(f"{live_server.url}{finding.get_absolute_url()}")
    assert "窗口仍要求纸质证件照片" in desk.inner_text("#finding-description")
    pages.assert_accessible(desk)
    case = transition_case(finding.case, "accept", actor=handler)
    case = assign_case(case, actor=handler, assignee=handler)
    for step in ("dispatch", "handle"):
        case = transition_case(case, step, actor=handler)
    transition_case(case, "report_back", actor=handler, comment="窗口已改为调用证件照库，不再收纸质照片。")

    phone.reload()
    assert "不再收纸质照片" in phone.inner_text("#finding-result")
    assert phone.inner_text("#finding-state") == "已反馈"
    assert page_errors == []
