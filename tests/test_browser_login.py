"""Real Chromium, real server: a worker logs in on a phone, an officer gets locked out."""

import re

import pytest

from zhili.core.notify.models import Message
from zhili.core.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_logs_in_on_a_phone_with_the_code_from_the_sms_outbox(phone_page, live_server, worker_zhang,
                                                                     page_errors):
    page = phone_page
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.fill("#id_phone", worker_zhang.phone)
    page.click("#send-code")
    page.wait_for_selector("#code-sent")
    sms = Message.objects.filter(template="otp_login").latest("id")
    code = re.search(r"\d{6}", sms.body).group(0)
    page.fill("#id_code", code)
    page.click("#login-submit")
    page.wait_for_selector("#worker-home")
    assert worker_zhang.name in page.inner_text("h1")
    assert page.viewport_size["width"] == 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page_errors == []


def test_worker_sees_a_clear_error_for_a_wrong_code(phone_page, live_server, worker_zhang, page_errors):
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_phone", worker_zhang.phone)
    page.click("#send-code")
    page.wait_for_selector("#code-sent")
    sms = Message.objects.filter(template="otp_login").latest("id")
    code = re.search(r"\d{6}", sms.body).group(0)
    page.fill("#id_code", f"{(int(code) + 1) % 10**6:06d}")
    page.click("#login-submit")
    assert "验证码不正确，还可尝试 4 次" in page.inner_text("#otp-form")
    assert page_errors == []


def test_officer_logs_in_with_a_password_and_is_locked_out_after_five_failures(desktop_page, live_server,
                                                                               officer_wang, page_errors):
    page = desktop_page
    page.goto(f"{live_server.url}/accounts/login/password/")
    page.fill("#id_username", "officer_wang")
    page.fill("#id_password", PASSWORD)
    page.click("#password-submit")
    page.wait_for_selector("#department-home")
    page.click("text=退出")
    for _ in range(5):
        page.goto(f"{live_server.url}/accounts/login/password/")
        page.fill("#id_username", "officer_wang")
        page.fill("#id_password", "not-the-password")
        page.click("#password-submit")
    refusal = "用户名或密码错误。连续输错 5 次后账号将锁定 15 分钟，锁定期间请稍后再试"
    assert refusal in page.inner_text("#password-form")
    page.fill("#id_username", "officer_wang")
    page.fill("#id_password", PASSWORD)
    page.click("#password-submit")
    assert refusal in page.inner_text("#password-form")  # locked, in the words an unknown name gets
    assert page.query_selector("#department-home") is None
    assert page_errors == []
