"""The pages: an anonymous visitor asks on a phone without JavaScript, reads the cited article, rates, asks for a
person; an officer answers, curates and loads a text; nobody sees another person's questions."""

import re

import pytest

from zhili.scenes.policy_qa.choices import QueueStatus
from zhili.scenes.policy_qa.models import Consultation, Entry, LawText

from .conftest import TEXTS

pytestmark = pytest.mark.django_db


def _ask(client, question):
    response = client.post("/policy_qa/", {"q": question})
    assert response.status_code == 302
    return Consultation.objects.order_by("-id").first(), client.get(response["Location"]).content.decode()


def test_an_anonymous_visitor_asks_reads_the_article_rates_and_hands_over(client, knowledge):
    page = client.get("/policy_qa/").content.decode()
    assert "劳动关系政策咨询" in page and 'name="q"' in page
    consultation, answer = _ask(client, "没签劳动合同能要双倍工资吗")
    assert consultation.entry.code == "double-wages" and consultation.asker is None
    assert "劳动合同法第八十二条" in answer and "申请劳动争议调解" in answer
    article = Entry.objects.get(code="double-wages")
    assert article.question in answer
    first = re.search(r'href="(/policy_qa/a/\d+/)"', answer).group(1)
    article_page = client.get(first)
    assert "每月支付二倍的工资" in article_page.content.decode()
    client.post(f"/policy_qa/c/{consultation.pk}/rate/", {"helpful": "yes"})
    client.post(f"/policy_qa/c/{consultation.pk}/handover/", {"note": "我想问离职以后"})
    consultation.refresh_from_db()
    assert consultation.helpful is True and consultation.queue_status == QueueStatus.WAITING
    mine = client.get("/policy_qa/mine/").content.decode()
    assert "没签劳动合同能要双倍工资吗" in mine


def test_another_visitor_sees_none_of_it(client, knowledge):
    consultation, _ = _ask(client, "加班费怎么算")
    from django.test import Client

    stranger = Client()
    assert stranger.get(f"/policy_qa/c/{consultation.pk}/").status_code == 404
    assert stranger.post(f"/policy_qa/c/{consultation.pk}/rate/", {"helpful": "no"}).status_code == 404
    assert stranger.post(f"/policy_qa/c/{consultation.pk}/handover/").status_code == 404
    consultation.refresh_from_db()
    assert consultation.helpful is None and consultation.queue_status == QueueStatus.NONE


@pytest.mark.parametrize("question", ["", "😀", "<script>alert(1)</script>", "x" * 10000])
def test_bad_questions_get_a_polite_page(client, knowledge, question):
    _, page = _ask(client, question)
    assert "请用中文文字描述您的问题" in page
    assert "<script>alert" not in page


def test_a_service_guide_leads_to_the_platform_page_and_counts(client, knowledge):
    consultation, page = _ask(client, "怎么查验劳动合同的真伪")
    assert consultation.entry.code == "guide-verify"
    response = client.post(f"/policy_qa/c/{consultation.pk}/go/")
    assert response.status_code == 302 and response["Location"] == "/esign/verify/"
    consultation.refresh_from_db()
    assert consultation.service_opened is True


def test_an_officer_answers_the_queue_and_the_logged_in_asker_reads_it(client, knowledge, officer_qian, worker_zhang,
                                                                      officer_sun):
    client.force_login(worker_zhang)
    consultation, _ = _ask(client, "我家小孩上学的事能问吗")
    assert consultation.queue_status == QueueStatus.WAITING and consultation.asker == worker_zhang
    assert client.get("/policy_qa/queue/").status_code == 403
    client.force_login(officer_qian)
    assert "我家小孩上学的事能问吗" in client.get("/policy_qa/queue/").content.decode()
    client.post(f"/policy_qa/queue/{consultation.pk}/", {"reply": "请咨询教育部门 12345。", "action": "reply"})
    consultation.refresh_from_db()
    assert consultation.queue_status == QueueStatus.REPLIED
    client.force_login(worker_zhang)
    assert "请咨询教育部门 12345。" in client.get(f"/policy_qa/c/{consultation.pk}/").content.decode()


def test_an_officer_of_another_county_cannot_open_a_regional_question(client, knowledge, officer_sun, county):
    client.post("/policy_qa/?r=330182", {"q": "我家小孩上学的事能问吗"})
    consultation = Consultation.objects.get()
    assert consultation.region == county
    client.force_login(officer_sun)
    assert client.get(f"/policy_qa/queue/{consultation.pk}/").status_code == 404
    assert client.post(f"/policy_qa/queue/{consultation.pk}/", {"reply": "x"}).status_code == 404
    consultation.refresh_from_db()
    assert consultation.queue_status == QueueStatus.WAITING


def test_the_knowledge_base_list_filters_exports_and_edits(client, knowledge, officer_qian):
    client.force_login(officer_qian)
    page = client.get("/policy_qa/kb/?topic=arrears").content.decode()
    assert "工地包工头跑路了" in page and "没签书面劳动合同" not in page
    export = client.get("/policy_qa/kb/?q=二倍&format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    entry = Entry.objects.get(code="double-wages")
    bad = client.post(f"/policy_qa/kb/{entry.pk}/", {"topic": "contract", "question": "", "answer": "x"})
    assert "请填写标准问题" in bad.content.decode()
    client.post(f"/policy_qa/kb/{entry.pk}/status/", {"action": "outdated", "reason": "新法施行"})
    entry.refresh_from_db()
    assert entry.status == "outdated"


def test_an_officer_loads_a_docx_and_a_bad_file_is_named(client, officer_qian):
    client.force_login(officer_qian)
    with open(TEXTS / "sample.docx", "rb") as handle:
        client.post("/policy_qa/texts/", {"file": handle})
    law = LawText.objects.get()
    assert (law.short_title, law.articles.count(), law.source_format) == ("某市劳动关系促进条例", 5, "docx")
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.post("/policy_qa/texts/", {"file": SimpleUploadedFile("坏文件.pdf", b"%PDF-1.4 nonsense")})
    assert "坏文件.pdf：无法读取 PDF 文件" in page.content.decode()
    assert LawText.objects.count() == 1
    text_page = client.get(f"/policy_qa/t/{law.pk}/").content.decode()
    assert "第三条之一" in text_page and "第二章 工资支付" in text_page


def test_a_worker_is_refused_the_officers_pages(client, worker_zhang):
    client.force_login(worker_zhang)
    for url in ("/policy_qa/kb/", "/policy_qa/texts/", "/policy_qa/synonyms/", "/policy_qa/kb/new/"):
        assert client.get(url).status_code == 403


def test_the_api_answers_anonymously_and_guards_the_queue(client, knowledge, officer_qian):
    response = client.post("/api/v1/policy_qa/ask", {"question": "工地老板跑路了工钱找谁要"},
                           content_type="application/json")
    body = response.json()
    assert response.status_code == 200 and body["outcome"] == "answered"
    assert body["entry"]["code"] == "construction-gc"
    assert body["articles"][0]["reference"] == "保障农民工工资支付条例第三十条"
    assert client.get("/api/v1/policy_qa/queue").status_code in (401, 403)
    client.force_login(officer_qian)
    assert client.get("/api/v1/policy_qa/entries?topic=arrears").status_code == 200


def test_an_officer_searches_the_articles(client, knowledge, officer_qian):
    client.force_login(officer_qian)
    page = client.get("/policy_qa/texts/?q=没签合同的二倍工资").content.decode()
    assert "劳动合同法第八十二条" in page
    assert "没有找到相关条文" in client.get("/policy_qa/texts/?q=天气预报").content.decode()
