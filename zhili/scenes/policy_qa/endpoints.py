"""The 政策咨询机器人 scene's JSON API under /api/v1/policy_qa/ (in the OpenAPI document), with the pages' checks.

Asking is open to anyone (``auth=None``: an anonymous caller gets an answer but no history); the knowledge base
and the queue need the officers' rights.
"""

from datetime import datetime

from django.urls import NoReverseMatch, reverse
from ninja import Field, Router, Schema

from zhili.core.identity.api import require

from . import queries, services
from .models import Entry

router = Router(tags=["政策咨询机器人"])


class AskIn(Schema):
    question: str = Field(..., max_length=10000)


class ArticleOut(Schema):
    reference: str
    text: str
    url: str


class EntryOut(Schema):
    code: str
    kind: str
    topic: str
    question: str
    answer: str
    citations: list[str]
    steps: list[str]
    service_url: str


class ReplyOut(Schema):
    consultation_id: int
    outcome: str
    message: str
    entry: EntryOut | None
    articles: list[ArticleOut]
    alternatives: list[str]


class ConsultationOut(Schema):
    id: int
    question: str
    outcome: str
    topic: str
    queue_status: str
    reply: str
    created_at: datetime


def _service_url(entry: Entry) -> str:
    try:
        return reverse(entry.service_url_name) if entry.service_url_name else ""
    except NoReverseMatch:
        return ""


def _entry(entry: Entry) -> dict:
    return {"code": entry.code, "kind": entry.kind, "topic": entry.topic, "question": entry.question,
            "answer": entry.answer, "citations": entry.citations, "steps": entry.step_list(),
            "service_url": _service_url(entry)}


@router.post("/ask", response=ReplyOut, auth=None, summary="提问（匿名可用）")
def ask(request, payload: AskIn):
    user = request.user if request.user.is_authenticated else None
    reply = services.ask(payload.question, user=user)
    return {"consultation_id": reply.consultation.pk, "outcome": reply.outcome, "message": reply.message,
            "entry": _entry(reply.entry) if reply.entry else None,
            "articles": [{"reference": a.reference, "text": a.text, "url": reverse("policy_qa:article", args=[a.pk])}
                         for a in reply.articles],
            "alternatives": [e.question for e in reply.alternatives]}


@router.get("/mine", response=list[ConsultationOut], summary="我的咨询记录")
def mine(request):
    return [{"id": c.pk, "question": c.question, "outcome": c.outcome, "topic": c.topic,
             "queue_status": c.queue_status, "reply": c.reply, "created_at": c.created_at}
            for c in queries.my_consultations(request.user)[:100]]


@router.get("/entries", response=list[EntryOut], summary="知识库条目（坐席）")
def entries(request, q: str = "", topic: str = ""):
    require(request.user, "policy_qa.entry.curate")
    return [_entry(e) for e in queries.entries(q, topic)[:500]]


@router.get("/queue", response=list[ConsultationOut], summary="待人工答复的咨询（坐席）")
def queue(request):
    require(request.user, "policy_qa.consultation.reply")
    return [{"id": c.pk, "question": c.question, "outcome": c.outcome, "topic": c.topic,
             "queue_status": c.queue_status, "reply": c.reply, "created_at": c.created_at}
            for c in queries.queue_for(request.user)[:200]]
