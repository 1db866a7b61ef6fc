"""The room (调解室): messages in joint and separate sessions on core.live, evidence uploads (SHA-256 in the
ledger), and the mediation record (调解笔录) the mediator writes (typed, or spoken and corrected) and each party
confirms."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.identity.api import require
from zhili.core.live import api as live

from ..choices import MediationStatus, Session, Side
from ..models import Evidence, Mediation, Record
from ..permissions import is_mediator, is_supervisor, may_enter, side_of
from ..rules import rule, sniff_content_type
from .common import locked, publish, record, sha256

log = logging.getLogger(__name__)

NAME_MAX_CHARS = 200
RECORD_MAX_CHARS = 50_000


def channel_key(mediation: Mediation, session: str) -> str:
    return f"mediation.room:{mediation.pk}:{session}"


def room_channel(mediation: Mediation, session: str, *, actor):
    """The live channel of one session of the room (opened on first use)."""
    if session not in Session.values:
        raise ValidationError({"session": _("会话：须为联合调解或与一方单独沟通")}, code="invalid")
    return live.open_channel(channel_key(mediation, session), actor=actor,
                             title=f"{mediation.number} {Session(session).label}", subject=mediation)


def author_label(user, mediation: Mediation) -> str:
    if is_mediator(user, mediation):
        return str(_("调解员"))
    side = side_of(user, mediation)
    if side == Side.WORKER:
        return str(_("申请人（劳动者）") if mediation.applicant_side == side else _("被申请人（劳动者）"))
    if side == Side.EMPLOYER:
        return str(_("申请人（用人单位）") if mediation.applicant_side == side else _("被申请人（用人单位）"))
    if is_supervisor(user, mediation):
        return str(_("调解委员会"))
    return ""


def _require_room(mediation: Mediation, session: str, actor) -> None:
    if not may_enter(actor, mediation, session):
        raise PermissionDenied(_("您不是本案当事人或调解员，不能进入该调解会话"))
    if mediation.status != MediationStatus.MEDIATING:
        raise ValidationError({"status": _("案件状态为「{s}」，调解室不接受新消息").format(
            s=mediation.status_choice.label)}, code="room_closed")


def post_room_message(mediation: Mediation, *, session: str, text: str, actor, kind: str = "text"):
    """Say something in a session of the room; everyone in it sees it within a second or two (core.live)."""
    _require_room(mediation, session, actor)
    if kind not in ("text", "speech"):
        raise ValidationError({"kind": _("消息类型：须为文字或语音转写")}, code="invalid")
    channel = room_channel(mediation, session, actor=actor)
    return live.post_message(channel, actor=actor, text=text, kind=kind, author_label=author_label(actor, mediation),
                             data={"session": session})


@transaction.atomic
def add_evidence(mediation: Mediation, *, session: str, name: str, data: bytes, actor) -> Evidence:
    """Hand in a photo or file as evidence: the type is read from its bytes (JPEG, PNG, PDF, WAV), the size is
    bounded, its SHA-256 goes to the evidence ledger and the room hears of it."""
    _require_room(mediation, session, actor)
    name = (name or "").strip().replace("/", "_").replace("\\", "_")[:NAME_MAX_CHARS] or "evidence"
    limit = rule("evidence_max_bytes", timezone.localdate())
    if not data:
        raise ValidationError({"file": _("证据文件：不能为空")}, code="empty")
    if len(data) > limit.value:
        raise ValidationError({"file": _("证据文件：不能超过 {mb} MB（{ref}）").format(
            mb=limit.value // (1024 * 1024), ref=limit.reference)}, code="too_large")
    content_type = sniff_content_type(data)
    if content_type is None:
        raise ValidationError({"file": _("证据文件：只接受 JPEG、PNG 图片、PDF 文件和 WAV 录音")}, code="bad_type")
    digest = sha256(data)
    evidence = Evidence.objects.create(mediation=mediation, uploaded_by=actor, side=side_of(actor, mediation) or "",
                                       session=session, name=name, content_type=content_type, size=len(data),
                                       sha256=digest, content=data)
    record("evidence.added", mediation, actor=actor, ledger_kind="evidence.added", evidence_id=evidence.pk,
           name=name, content_type=content_type, size=len(data), sha256=digest)
    channel = room_channel(mediation, session, actor=actor)
    live.post_message(channel, actor=actor, kind="evidence", author_label=author_label(actor, mediation),
                      text=_("提交了证据：{name}").format(name=name),
                      data={"session": session, "evidence_id": evidence.pk, "name": name, "sha256": digest,
                            "size": len(data), "content_type": content_type})
    publish("evidence.added", mediation, evidence_id=evidence.pk)
    return evidence


@transaction.atomic
def save_record(mediation: Mediation, *, text: str, version: int, actor) -> Record:
    """The mediator writes or corrects the record. ``version`` is the one the mediator edited: a stale edit is
    refused. Once both parties confirmed the text, it can no longer change."""
    require(actor, "mediation.mediation.mediate", mediation)
    if not is_mediator(actor, mediation):
        raise PermissionDenied(_("只有本案调解员可以编辑调解笔录"))
    mediation = locked(mediation)
    if mediation.status != MediationStatus.MEDIATING:
        raise ValidationError({"status": _("案件不在调解中，笔录不能再修改")}, code="closed")
    rec = Record.objects.select_for_update().get(mediation=mediation)
    if rec.fully_confirmed:
        raise ValidationError({"text": _("调解笔录已经双方当事人确认，不能再修改")}, code="confirmed")
    if int(version) != rec.version:
        raise ValidationError({"version": _("笔录已被修改（当前第 {v} 版），请刷新后再编辑").format(v=rec.version)},
                              code="stale")
    text = (text or "").strip()
    if len(text) > RECORD_MAX_CHARS:
        raise ValidationError({"text": _("笔录内容：不能超过 {n} 个字").format(n=RECORD_MAX_CHARS)}, code="too_long")
    if text == rec.text:
        return rec
    rec.text, rec.sha256, rec.version = text, sha256(text) if text else "", rec.version + 1
    rec.save()
    record("record.saved", mediation, actor=actor, version=rec.version, sha256=rec.sha256)
    return rec


@transaction.atomic
def confirm_record(mediation: Mediation, *, sha256_seen: str, actor) -> Record:
    """A party confirms the record as shown to them (the SHA-256 of the text they read). After confirming,
    nothing the party does changes it; a later correction by the mediator needs a new confirmation."""
    side = side_of(actor, mediation)
    if side is None:
        raise PermissionDenied(_("只有本案当事人可以确认调解笔录"))
    mediation = locked(mediation)
    if mediation.status != MediationStatus.MEDIATING:
        raise ValidationError({"status": _("案件不在调解中")}, code="closed")
    rec = Record.objects.select_for_update().get(mediation=mediation)
    if not rec.text:
        raise ValidationError({"text": _("调解笔录尚未记录内容")}, code="empty")
    if (sha256_seen or "").strip().lower() != rec.sha256:
        raise ValidationError({"sha256": _("笔录已被调解员修改，请重新阅读后再确认")}, code="changed")
    if rec.confirmed_by(side):
        raise ValidationError({"sha256": _("您已确认过这一版笔录")}, code="already_confirmed")
    setattr(rec, f"{side}_confirmed_sha256", rec.sha256)
    setattr(rec, f"{side}_confirmed_at", timezone.now())
    rec.save()
    record("record.confirmed", mediation, actor=actor, ledger_kind="record.confirmed", side=side,
           version=rec.version, sha256=rec.sha256)
    return rec


def transcribe_speech(mediation: Mediation, *, session: str, audio: bytes, actor):
    """The mediator's spoken words as a draft for the record (调解笔录): nothing is saved but the audit entry (the
    recording's SHA-256, length and engine); the mediator corrects the draft in the record box and saves it."""
    from .. import speech

    _require_room(mediation, session, actor)
    if not is_mediator(actor, mediation):
        raise PermissionDenied(_("只有本案调解员可以使用语音记录"))
    today = timezone.localdate()
    limit = rule("speech_max_bytes", today)
    if not audio:
        raise ValidationError({"audio": _("录音：不能为空")}, code="empty")
    if len(audio) > limit.value:
        raise ValidationError({"audio": _("录音：不能超过 {mb} MB（{ref}）").format(
            mb=limit.value // (1024 * 1024), ref=limit.reference)}, code="too_large")
    try:
        transcript = speech.transcribe(audio, max_seconds=rule("speech_max_seconds", today).value)
    except ValidationError:
        raise
    except Exception as exc:  # the engine is down or misconfigured: typing stays possible, the failure is logged
        log.exception("speech to text failed for %s", mediation.number)
        raise ValidationError({"audio": _("语音识别暂不可用，请直接输入笔录")}, code="engine_failed") from exc
    record("speech.transcribed", mediation, actor=actor, session=session, sha256=sha256(audio), size=len(audio),
           seconds=round(transcript.duration_s, 2), engine=transcript.engine, chars=len(transcript.text))
    return transcript
