"""The 云调解室 in a real Chromium, one journey per main role: the worker on a phone applies, the employer on a
phone accepts through the invitation page, the mediator at a desk talks with the worker in the live room (the
worker's phone shows the message without reloading), dictates into the record and corrects it, the committee's administrator
filters the list and opens the cockpit."""

import re

import pytest

from zhili.core.testing.api import PASSWORD, pages
from zhili.scenes.mediation.models import Evidence, Mediation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _login(page, base, username):
    page.goto(f"{base}/accounts/login/password/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#password-submit")
    page.wait_for_load_state()


def test_worker_applies_on_a_phone_and_the_employer_accepts(phone_page, browser, live_server, worker_zhang, hr_li,
                                                            enterprise, mediator_chen, county, page_errors):
    phone = phone_page
    _login(phone, live_server.url, worker_zhang.username)
    phone.goto(f"{live_server.url}/mediation/")
    phone.click("#apply-link")
    pages.assert_accessible(phone)  # the application form
    phone.select_option("#id_region", str(county.pk))
    phone.fill("#id_worker_name", "张伟")
    phone.fill("#id_employer_name", enterprise.name)
    phone.fill("#id_employer_uscc", enterprise.uscc)
    phone.fill("#id_employer_phone", "13800000002")
    phone.select_option("#id_dispute_type", "wages")
    phone.fill("#id_facts", "9月、10月工资未发。")
    phone.select_option("#id_claim_kind_0", "wages")
    phone.fill("#id_claim_amount_0", "12000")
    phone.click("#apply-submit")
    phone.wait_for_selector("#mediation-status")
    assert phone.inner_text("#mediation-status") == "待对方确认"
    pages.assert_accessible(phone)  # the case page
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    m = Mediation.objects.get()

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")
    employer = context.new_page()
    employer.on("pageerror", lambda exc: page_errors.append(str(exc)))
    _login(employer, live_server.url, hr_li.username)
    employer.goto(f"{live_server.url}/mediation/{m.pk}/invitation/")
    pages.assert_accessible(employer)
    employer.click("#accept")
    employer.wait_for_selector("#mediation-status")
    assert employer.inner_text("#mediation-status") == "调解中"
    assert employer.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
    m.refresh_from_db()
    assert m.status == "mediating" and m.employer_contact == hr_li
    assert page_errors == []


def test_mediator_and_worker_meet_in_the_live_room(dictating_page, phone_page, live_server, mediating, mediator_chen,
                                                   worker_zhang, tmp_path, page_errors):
    desk, phone = dictating_page, phone_page
    _login(desk, live_server.url, mediator_chen.username)
    desk.goto(f"{live_server.url}/mediation/inbox/")
    desk.click(f"#inbox-table >> text={mediating.number}")
    desk.click("#room-joint")
    desk.wait_for_selector("#live-state:has-text('已连接')")

    _login(phone, live_server.url, worker_zhang.username)
    phone.goto(f"{live_server.url}/mediation/{mediating.pk}/room/joint/")
    phone.wait_for_selector("#live-state:has-text('已连接')")

    desk.fill("#room-text", "请劳动者陈述诉求。")
    desk.click("#room-send")
    phone.wait_for_selector("#room-messages >> text=请劳动者陈述诉求。")  # arrives without reloading
    picture = tmp_path / "工资条.png"
    picture.write_bytes(PNG)
    phone.set_input_files("#room-file", str(picture))
    phone.click("#room-upload")
    desk.wait_for_selector("#room-messages >> text=提交了证据：工资条.png")
    pages.assert_accessible(desk)  # the mediator's room: messages, evidence, the record
    pages.assert_accessible(phone)  # the worker's room on a phone
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # The mediator dictates (the fake microphone plays a real Mandarin recording); the draft lands in the box
    desk.click("#speech-record")
    desk.wait_for_selector("#speech-state:has-text('录音中')")
    desk.wait_for_timeout(5000)  # five seconds of speech; the recording's length, not a timing assertion
    desk.click("#speech-record")
    desk.wait_for_selector("#speech-state:has-text('已追加草稿')")
    draft = desk.input_value("#record-box")
    assert re.search(r"[\u4e00-\u9fff]{4}", draft), draft
    desk.fill("#record-box", "劳动者陈述：9月、10月工资共12,000元未发。")  # corrected by hand
    desk.click("#record-save")
    desk.wait_for_selector("#record-text")
    assert "12,000" in desk.inner_text("#record-text")
    assert Evidence.objects.get().name == "工资条.png"
    assert page_errors == []


def test_the_committee_administrator_filters_the_cases_and_opens_the_cockpit(desktop_page, live_server, mediating,
                                                                              admin_zhou, page_errors):
    desk = desktop_page
    _login(desk, live_server.url, admin_zhou.username)
    desk.goto(f"{live_server.url}/")
    desk.click("text=调解案件")
    desk.select_option("select[name=status]", "mediating")
    desk.click("button:has-text('筛选')")
    desk.wait_for_selector(f"#mediation-table >> text={mediating.number}")
    pages.assert_accessible(desk)  # the list with its filters
    desk.click(f"#mediation-table >> text={mediating.number}")
    desk.wait_for_selector("#mediator-name")
    assert re.search("陈明", desk.inner_text("#mediator-name"))
    desk.goto(f"{live_server.url}/mediation/cockpit/")
    desk.wait_for_selector("[data-widget=status] canvas")
    pages.assert_accessible(desk)
    assert page_errors == []
