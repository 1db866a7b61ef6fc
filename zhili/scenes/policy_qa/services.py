"""Every change of state in the 政策咨询机器人 scene: ``verb_noun(..., *, actor)``, atomic, audited.

Official texts are loaded whole or not at all (a new version supersedes the old one and flags the answers whose
cited articles changed); officers curate the knowledge base and answer the questions handed over to them;
anyone may ask, rate an answer and ask for a person.
"""

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import Membership, require
from zhili.core.ledger import api as ledger
from zhili.core.notify.api import send_in_app

from . import engine, knowledge, texts
from .choices import EntryKind, EntryStatus, Outcome, QueueStatus, TextStatus, Topic
from .models import Article, Consultation, Entry, LawText, Synonym
from .roles import OFFICER

ANSWER_AT = 0.30  # coverage of the question by the best entry's questions at which the assistant answers
CLARIFY_AT = 0.15  # below ANSWER_AT and at least this: it shows its best guesses and asks which one is meant
CITATION = re.compile(r"^(?P<law>.+?)(?P<label>第[零〇一二三四五六七八九十百千两\d]+条(?:之[一二三四五六七八九十]+)?)$")


# ---------------------------------------------------------------- official texts

@transaction.atomic
def load_text(*, name: str, data: bytes, actor, effective_from: dt.date | None = None,
              short_title: str = "") -> LawText:
    """Load an official text: split into articles, stored as a new version; ``ValidationError`` names the file.

    The previous current version of the same text is marked superseded the day before the new one takes effect,
    and every active entry citing an article whose wording changed (or that is gone) is marked outdated.
    """
    require(actor, "policy_qa.text.load")
    try:
        parsed = texts.parse_text(name, texts.read_document(name, data))
    except texts.TextRejected as exc:
        raise ValidationError({"file": str(exc)}, code="unreadable") from None
    short = (short_title or parsed.short_title).strip()[:100]
    start = effective_from or parsed.in_force_from or parsed.promulgated_on
    if start is None:
        raise ValidationError({"effective_from": _("{name}：文中没有施行日期，请填写施行日期").format(name=name)},
                              code="required")
    digest = hashlib.sha256(data).hexdigest()
    previous = LawText.objects.select_for_update().filter(short_title=short, status=TextStatus.CURRENT).first()
    if previous is not None:
        if previous.digest == digest:
            raise ValidationError({"file": _("{name}：与现行第 {version} 版内容相同，未重复导入").format(
                name=name, version=previous.version)}, code="duplicate")
        if start <= previous.effective_from:
            raise ValidationError({"effective_from": _("{name}：施行日期须晚于现行版本的 {day}").format(
                name=name, day=previous.effective_from)}, code="not_later")
    version = (LawText.objects.filter(short_title=short).order_by("-version").values_list("version", flat=True)
               .first() or 0) + 1
    law = LawText.objects.create(
        title=parsed.title, short_title=short, version=version, promulgated_on=parsed.promulgated_on,
        effective_from=start, header="\n".join(parsed.header)[:4000], source_name=name[:200],
        source_format=texts.file_format(name), digest=digest, loaded_by=actor)
    analyzer = engine.shipped_analyzer()
    Article.objects.bulk_create([
        Article(law=law, ordinal=i, number=a.number, suffix=a.suffix, label=a.label, chapter=a.chapter,
                text=a.text, tokens=" ".join(analyzer.cached_tokens(f"{short}{a.label} {a.text}")))
        for i, a in enumerate(parsed.articles, start=1)])
    flagged = []
    if previous is not None:
        previous.status, previous.effective_to = TextStatus.SUPERSEDED, start - dt.timedelta(days=1)
        previous.save(update_fields=["status", "effective_to", "updated_at"])
        flagged = _flag_changed_citations(previous, law, actor=actor)
    record = {"law": short, "version": version, "articles": len(parsed.articles), "digest": digest,
              "effective_from": start.isoformat(), "outdated_entries": flagged}
    audit.record("policy_qa.text.loaded", actor=actor, target=law, data=record)
    ledger.append(kind="policy_qa.text.loaded", subject=law, actor=actor, digest=digest, data=record)
    events.publish("policy_qa.text.loaded", law_id=law.pk, version=version)
    return law


def _flag_changed_citations(old: LawText, new: LawText, *, actor) -> list[str]:
    before = dict(old.articles.values_list("label", "text"))
    after = dict(new.articles.values_list("label", "text"))
    changed = {f"{old.short_title}{label}" for label, text in before.items() if after.get(label) != text}
    flagged = []
    for entry in Entry.objects.select_for_update().filter(status=EntryStatus.ACTIVE):
        hit = sorted(set(entry.citations) & changed)
        if hit:
            reason = _("依据条文已随第 {version} 版（{day} 施行）修改：{refs}，请复核").format(
                version=new.version, day=new.effective_from, refs="、".join(hit))
            entry.status, entry.outdated_reason = EntryStatus.OUTDATED, reason[:300]
            entry.save(update_fields=["status", "outdated_reason", "updated_at"])
            audit.record("policy_qa.entry.outdated", actor=actor, target=entry, data={"reason": entry.outdated_reason})
            flagged.append(entry.code)
    return flagged


# ---------------------------------------------------------------- the knowledge base

def _clean_citations(values) -> list[str]:
    refs = []
    for value in values:
        ref = re.sub(r"[\s《》〈〉]", "", str(value))
        ref = ref.removeprefix("中华人民共和国")
        if not ref:
            continue
        if not CITATION.match(ref):
            raise ValidationError({"citations": _("「{ref}」不是「法规简称第X条」的格式").format(ref=value)},
                                  code="format")
        if ref not in refs:
            refs.append(ref)
    return refs


@transaction.atomic
def install_knowledge(*, actor) -> int:
    """Add the shipped entries (``knowledge.ENTRIES``) that are not yet in the base; returns how many were added."""
    require(actor, "policy_qa.entry.curate")
    existing = set(Entry.objects.values_list("code", flat=True))
    added = [Entry(code=s.code, kind=s.kind, topic=s.topic, question=s.question, variants="\n".join(s.variants),
                   answer=s.answer, citations=list(s.citations), steps="\n".join(s.steps),
                   service_url_name=s.service[0] if s.service else "", service_label=s.service[1] if s.service else "",
                   shipped=True, edited_by=actor)
             for s in knowledge.ENTRIES if s.code not in existing]
    if added:
        Entry.objects.bulk_create(added)
        audit.record("policy_qa.knowledge.installed", actor=actor, data={"added": [e.code for e in added]})
    return len(added)


ENTRY_FIELDS = ("kind", "topic", "question", "variants", "answer", "citations", "steps", "service_url_name",
                "service_label", "effective_from")


@transaction.atomic
def save_entry(*, actor, entry: Entry | None = None, code: str = "", **values) -> Entry:
    """Add a Q&A pair or change one; every field checked, citations in the form 劳动合同法第八十二条."""
    require(actor, "policy_qa.entry.curate", entry)
    errors = {}
    question = (values.get("question") or "").strip()
    answer = (values.get("answer") or "").strip()
    if not question:
        errors["question"] = _("请填写标准问题")
    if not answer:
        errors["answer"] = _("请填写简要回答")
    if values.get("topic") not in Topic.values:
        errors["topic"] = _("请选择主题")
    if values.get("kind", EntryKind.ANSWER) not in EntryKind.values:
        errors["kind"] = _("类型无效")
    citations = values.get("citations") or []
    if isinstance(citations, str):
        citations = re.split(r"[\n,，、;；]+", citations)
    try:
        citations = _clean_citations(citations)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if entry is None:
        code = (code or "").strip()
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,59}", code):
            errors["code"] = _("编号为 2 到 60 位小写字母、数字或连字符")
        elif Entry.objects.filter(code=code).exists():
            errors["code"] = _("编号「{code}」已存在").format(code=code)
    if errors:
        raise ValidationError(errors, code="invalid")
    created = entry is None
    entry = entry or Entry(code=code)
    entry.kind = values.get("kind") or EntryKind.ANSWER
    entry.topic = values["topic"]
    entry.question, entry.answer = question[:200], answer
    entry.variants = "\n".join(v.strip() for v in (values.get("variants") or "").splitlines() if v.strip())
    entry.steps = "\n".join(v.strip() for v in (values.get("steps") or "").splitlines() if v.strip())
    entry.citations = citations
    entry.service_url_name = (values.get("service_url_name") or "").strip()[:80]
    entry.service_label = (values.get("service_label") or "").strip()[:80]
    entry.effective_from = values.get("effective_from")
    entry.edited_by = actor
    entry.save()
    audit.record("policy_qa.entry.created" if created else "policy_qa.entry.changed", actor=actor, target=entry,
                 data={"question": entry.question, "citations": citations})
    return entry


@transaction.atomic
def mark_entry_outdated(entry: Entry, *, reason: str, actor) -> Entry:
    """Stop answering with ``entry`` (the law it rests on changed); the reason is required."""
    require(actor, "policy_qa.entry.curate", entry)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请说明过时原因（如新法规施行日期）")}, code="required")
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    entry.status, entry.outdated_reason = EntryStatus.OUTDATED, reason[:300]
    entry.save(update_fields=["status", "outdated_reason", "updated_at"])
    audit.record("policy_qa.entry.outdated", actor=actor, target=entry, data={"reason": entry.outdated_reason})
    return entry


@transaction.atomic
def restore_entry(entry: Entry, *, actor) -> Entry:
    """Answer with ``entry`` again after review."""
    require(actor, "policy_qa.entry.curate", entry)
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    entry.status, entry.outdated_reason = EntryStatus.ACTIVE, ""
    entry.save(update_fields=["status", "outdated_reason", "updated_at"])
    audit.record("policy_qa.entry.restored", actor=actor, target=entry)
    return entry


@transaction.atomic
def add_synonym(*, phrase: str, expansion: str, actor) -> Synonym:
    """Teach the assistant a way of asking: ``phrase`` (口语) → ``expansion`` (the statute's words)."""
    require(actor, "policy_qa.entry.curate")
    phrase, expansion = (phrase or "").strip(), " ".join((expansion or "").split())
    errors = {}
    if not 1 < len(phrase) <= 40:
        errors["phrase"] = _("口语说法为 2 到 40 个字")
    if not expansion or len(expansion) > 200:
        errors["expansion"] = _("请填写对应的法规用语（不超过 200 字）")
    if phrase and Synonym.objects.filter(phrase=phrase).exists():
        errors["phrase"] = _("「{phrase}」已在同义表中").format(phrase=phrase)
    if errors:
        raise ValidationError(errors, code="invalid")
    synonym = Synonym.objects.create(phrase=phrase, expansion=expansion, added_by=actor)
    audit.record("policy_qa.synonym.added", actor=actor, target=synonym, data={"phrase": phrase,
                                                                             "expansion": expansion})
    return synonym


# ---------------------------------------------------------------- asking

@dataclass
class Reply:
    """What the assistant says to one question."""

    consultation: Consultation
    outcome: str
    message: str
    entry: Entry | None = None
    alternatives: list[Entry] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)  # citations of the entry whose text is not loaded


CJK = re.compile(r"[\u3400-\u9fff]")
TAG = re.compile(r"<[^>]{0,200}>")


def _prepare(question: str) -> str:
    text = unicodedata.normalize("NFKC", question or "")
    text = TAG.sub(" ", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in ("C",) or ch == "\n")
    return " ".join(text.split())[:500]


def articles_by_reference(refs: list[str]) -> dict[str, Article]:
    """The current articles named by ``refs`` (劳动合同法第八十二条), keyed by reference."""
    wanted = {}
    for ref in refs:
        match = CITATION.match(ref)
        if match:
            wanted.setdefault(match["law"], set()).add(match["label"])
    found = {}
    for law, labels in wanted.items():
        for article in Article.objects.select_related("law").filter(
                law__short_title=law, law__status=TextStatus.CURRENT, label__in=labels):
            found[article.reference] = article
    return found


@transaction.atomic
def ask(question: str, *, user=None, visitor: str = "", region=None) -> Reply:
    """Answer ``question`` for anyone (``user`` when logged in, else the anonymous ``visitor`` key).

    Never raises for what a person typed: empty, emoji-only, script-bearing, 10,000-character or non-Chinese
    questions get a polite reply. Every question is recorded (at most 500 characters) for the analysis.
    """
    actor = user if user is not None and user.is_authenticated else None
    text = _prepare(question)
    consultation = Consultation(asker=actor, visitor=("" if actor else visitor)[:64], region=region,
                                question=text or (question or "")[:500] or "（空）")
    if not CJK.search(text):
        consultation.outcome = Outcome.REFUSED
        consultation.save()
        audit.record("policy_qa.question.asked", actor=actor, target=consultation, data={"outcome": "refused"})
        message = (_("请用中文文字描述您的问题，例如「没签劳动合同能要双倍工资吗」。")
                   if not re.search(r"[A-Za-z]{2,}", text) else
                   _("目前只能解答中文提问。Please ask in Chinese, or call 12333 for help in person."))
        return Reply(consultation, Outcome.REFUSED, message)
    index = engine.current_index()
    result = index.search(text)
    consultation.keywords = result.keywords
    consultation.confidence = result.confidence
    entries = {e.pk: e for e in Entry.objects.filter(pk__in=[h.key for h in result.entries])}
    ranked = [entries[h.key] for h in result.entries if h.key in entries]
    if ranked and result.confidence >= ANSWER_AT:
        outcome = Outcome.ANSWERED
    elif ranked and result.confidence >= CLARIFY_AT:
        outcome = Outcome.CLARIFY
    else:
        outcome = Outcome.UNANSWERED
    consultation.outcome = outcome
    best = ranked[0] if ranked and outcome == Outcome.ANSWERED else None
    consultation.entry = best
    consultation.topic = best.topic if best else (ranked[0].topic if ranked else "")
    if outcome == Outcome.UNANSWERED:
        consultation.queue_status = QueueStatus.WAITING
    consultation.save()
    audit.record("policy_qa.question.asked", actor=actor, target=consultation,
                 data={"outcome": outcome, "entry": best.code if best else None})
    if outcome == Outcome.UNANSWERED:
        _notify_officers(consultation)
        return Reply(consultation, outcome, _("这个问题我还答不好，已转给人工坐席，答复后会在「我的咨询」里显示。"
                                              "急事可拨打 12333。"), alternatives=ranked[:3])
    if outcome == Outcome.CLARIFY:
        return Reply(consultation, outcome, _("您想问的是下面哪一个？也可以换个说法再问，或者转人工。"),
                     alternatives=ranked[:3])
    found = articles_by_reference(best.citations)
    return Reply(consultation, outcome, "", entry=best, alternatives=ranked[1:3],
                 articles=[found[ref] for ref in best.citations if ref in found],
                 cited=[ref for ref in best.citations if ref not in found])


def _owned(consultation: Consultation, *, user=None, visitor: str = "") -> bool:
    if consultation.asker_id is not None:
        return user is not None and user.is_authenticated and user.pk == consultation.asker_id
    return bool(visitor) and consultation.visitor == visitor


@transaction.atomic
def rate_answer(consultation: Consultation, *, helpful: bool, user=None, visitor: str = "") -> Consultation:
    """The asker says whether the answer helped (only the asker; a second rating replaces the first)."""
    if not _owned(consultation, user=user, visitor=visitor):
        raise PermissionDenied("只有提问人可以评价")
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    consultation.helpful = bool(helpful)
    consultation.save(update_fields=["helpful", "updated_at"])
    audit.record("policy_qa.answer.rated", actor=user if consultation.asker_id else None, target=consultation,
                 data={"helpful": consultation.helpful})
    return consultation


@transaction.atomic
def hand_over(consultation: Consultation, *, user=None, visitor: str = "", note: str = "") -> Consultation:
    """"Not what I asked": queue the question for a person and tell the officers in-app."""
    if not _owned(consultation, user=user, visitor=visitor):
        raise PermissionDenied("只有提问人可以转人工")
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.queue_status in (QueueStatus.WAITING, QueueStatus.REPLIED):
        return consultation
    consultation.queue_status = QueueStatus.WAITING
    if consultation.helpful is None and consultation.outcome == Outcome.ANSWERED:
        consultation.helpful = False
    consultation.save(update_fields=["queue_status", "helpful", "updated_at"])
    audit.record("policy_qa.question.handed_over", actor=user if consultation.asker_id else None,
                 target=consultation, data={"note": (note or "")[:200]})
    _notify_officers(consultation)
    return consultation


def _notify_officers(consultation: Consultation) -> None:
    members = Membership.objects.filter(role=OFFICER, is_active=True).select_related("user", "region")
    for member in members:
        region = member.region
        if consultation.region_id and region is not None and not consultation.region.path.startswith(region.path):
            continue
        send_in_app(member.user, "policy_qa_handover", {"question": consultation.question[:60]},
                    dedup_key=f"policy_qa:handover:{consultation.pk}:{member.user_id}")


@transaction.atomic
def mark_service_opened(consultation: Consultation, *, user=None, visitor: str = "") -> Consultation:
    """The asker followed the answer's link to a service on the platform (counted as guided handling)."""
    if not _owned(consultation, user=user, visitor=visitor):
        raise PermissionDenied("只有提问人可以打开")
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.service_opened:
        consultation.service_opened = True
        consultation.save(update_fields=["service_opened", "updated_at"])
        audit.record("policy_qa.service.opened", actor=user if consultation.asker_id else None,
                     target=consultation, data={"entry": consultation.entry_id})
    return consultation


@transaction.atomic
def reply_consultation(consultation: Consultation, *, reply: str, actor, close: bool = False) -> Consultation:
    """An officer answers a queued question (the asker gets an in-app message) or closes it without reply."""
    require(actor, "policy_qa.consultation.reply", consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    reply = (reply or "").strip()
    if consultation.queue_status not in (QueueStatus.WAITING,):
        raise ValidationError({"reply": _("该问题不在待答复队列中")}, code="not_waiting")
    if not close and not reply:
        raise ValidationError({"reply": _("请填写答复内容")}, code="required")
    consultation.reply = reply[:4000]
    consultation.queue_status = QueueStatus.CLOSED if close else QueueStatus.REPLIED
    consultation.replied_by, consultation.replied_at = actor, timezone.now()
    consultation.save(update_fields=["reply", "queue_status", "replied_by", "replied_at", "updated_at"])
    audit.record("policy_qa.question.replied", actor=actor, target=consultation,
                 data={"status": consultation.queue_status})
    if consultation.asker_id and not close:
        send_in_app(consultation.asker, "policy_qa_reply", {"question": consultation.question[:60]},
                    dedup_key=f"policy_qa:reply:{consultation.pk}")
    return consultation
