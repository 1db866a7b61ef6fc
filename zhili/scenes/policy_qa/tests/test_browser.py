"""Journeys in a real Chromium: a worker asks on a phone (anonymous), reads the article, rates the answer and
uses a calculator; 钱敏 answers a handed-over question and edits the knowledge base; 周洋 opens the cockpit."""

import pytest

from zhili.core.testing.api import PASSWORD, pages
from zhili.scenes.policy_qa import services
from zhili.scenes.policy_qa.models import Consultation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/password/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#password-submit")


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_worker_asks_on_a_phone_without_logging_in(phone_page, live_server, knowledge, page_errors):
    page = phone_page
    page.goto(f"{live_server.url}/policy_qa/")
    assert _no_horizontal_scroll(page)
    pages.assert_accessible(page)
    page.fill("#q", "工地老板跑路了工钱找谁要")
    page.click("#askbox button[type=submit]")
    page.wait_for_selector("#answer")
    assert "保障农民工工资支付条例第三十条" in page.inner_text("#answer")
    assert _no_horizontal_scroll(page)
    pages.assert_accessible(page)
    page.click("#feedback button[value=yes]")
    page.wait_for_selector("text=您评价：有帮助")
    page.click("#answer .citations a >> nth=0")
    page.wait_for_selector(".article-text")
    assert "施工总承包单位先行清偿" in page.inner_text(".article-text")
    page.goto(f"{live_server.url}/policy_qa/calc/overtime/")
    page.fill("#monthly_wage", "5800")
    page.fill("#rest_day_hours", "8")
    page.click("#calc button[type=submit]")
    assert "约 533.28 元" in page.inner_text("#result")
    pages.assert_accessible(page)
    assert _no_horizontal_scroll(page)
    consultation = Consultation.objects.get()
    assert consultation.helpful is True and consultation.entry.code == "construction-gc"
    assert page_errors == []


def test_an_officer_answers_a_handed_over_question(desktop_page, live_server, knowledge, officer_qian, county,
                                                   page_errors):
    reply = services.ask("我家小孩上学的事能问吗", visitor="v", region=county)
    page = desktop_page
    _login(page, live_server, "officer_qian")
    page.goto(f"{live_server.url}/policy_qa/queue/")
    pages.assert_accessible(page)
    page.click("text=我家小孩上学的事能问吗")
    page.fill("#reply", "请咨询教育部门，或拨打 12345。")
    page.click("button[value=reply]")
    page.wait_for_selector("text=没有待处理的咨询")
    reply.consultation.refresh_from_db()
    assert reply.consultation.reply == "请咨询教育部门，或拨打 12345。"
    page.goto(f"{live_server.url}/policy_qa/kb/?q=双倍")
    page.click("text=没签书面劳动合同，能要求二倍工资吗？")
    page.fill("#reason", "地方新规施行，待复核")
    page.click("button[value=outdated]")
    page.wait_for_selector("text=复核后恢复使用")
    assert page_errors == []


def test_a_decision_maker_opens_the_cockpit_and_the_report(desktop_page, live_server, knowledge, leader_zhou,
                                                           county, page_errors):
    services.ask("加班费怎么算", visitor="v", region=county)
    page = desktop_page
    _login(page, live_server, "leader_zhou")
    page.goto(f"{live_server.url}/policy_qa/cockpit/")
    page.wait_for_selector("[data-widget=situation] canvas")
    pages.assert_accessible(page)
    page.goto(f"{live_server.url}/policy_qa/report/")
    assert "热点问题（按周、主题）" in page.inner_text("main")
    pages.assert_accessible(page)
    assert page_errors == []
