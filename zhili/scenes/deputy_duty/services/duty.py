"""Duty services (履职服务): theme activities published by a congress's office, joined and reported with photos by
deputies; duty registration (履职登记) confirmed by the office before it counts in the duty score; learning
materials and who has read them; draft regulations published for comment within a window (deputies and citizens
comment), then the office's summary of what was taken up, in the ledger."""

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import PHOTO_SUFFIXES, audit
from zhili.core.foundation.api import check_photo as foundation_check_photo
from zhili.core.identity.api import require

from ..choices import ActivityKind, DutyKind, RecordStatus
from ..models import (
    Activity,
    ActivityParticipation,
    ActivityPhoto,
    Deputy,
    DraftComment,
    DraftLaw,
    DutyRecord,
    LearningMaterial,
)
from ..privacy import personal_data_in
from .common import evidence, required

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_MAX_COUNT = 6
REGISTRATION_MAX_AGE_DAYS = 366


def _deputy_of(actor, congress) -> Deputy:
    deputy = Deputy.objects.filter(user=actor, congress=congress, active=True).first() if actor else None
    if deputy is None:
        raise PermissionDenied(_("只有本级人大在任代表可以参加"))
    return deputy


@transaction.atomic
def publish_activity(*, congress, kind: str, title: str, description: str, place: str, starts_at,
                     actor) -> Activity:
    """The office publishes a theme activity for its congress's deputies."""
    require(actor, "deputy_duty.structure.manage", congress.region)
    if kind not in ActivityKind.values:
        raise ValidationError({"kind": _("类型：请选择活动类型")}, code="invalid")
    if starts_at is None:
        raise ValidationError({"starts_at": _("开始时间：不能为空")}, code="required")
    activity = Activity.objects.create(
        congress=congress, kind=kind, title=required(title, "title", _("名称"), 100),
        description=required(description, "description", _("活动内容"), 3000),
        place=required(place, "place", _("地点"), 200), starts_at=starts_at, published_by=actor)
    audit.record("deputy_duty.activity.published", actor=actor, target=activity,
                 data={"congress": congress.pk, "kind": kind, "starts_at": starts_at.isoformat()})
    return activity


def join_activity(activity: Activity, *, actor, now=None) -> ActivityParticipation:
    """A deputy of the activity's congress joins it before it starts; once only."""
    deputy = _deputy_of(actor, activity.congress)
    if (now or timezone.now()) >= activity.starts_at:
        raise ValidationError({"activity": _("报名：活动已开始，不能再报名")}, code="started")
    try:
        with transaction.atomic():
            joined = ActivityParticipation.objects.create(activity=activity, deputy=deputy)
    except IntegrityError:
        raise ValidationError({"activity": _("报名：您已报名该活动")}, code="duplicate") from None
    audit.record("deputy_duty.activity.joined", actor=actor, target=activity, data={"deputy": deputy.pk})
    return joined


def check_photo(data: bytes) -> str:
    """The photo's format (JPEG or PNG) after checking its size and content, or a ValidationError naming the rule."""
    return foundation_check_photo(data, field="photos", label=_("照片"), max_bytes=PHOTO_MAX_BYTES,
                                  max_pixels=PHOTO_MAX_PIXELS, each=True)


@transaction.atomic
def report_activity(activity: Activity, *, text: str, photos=(), actor, now=None) -> ActivityParticipation:
    """A deputy who joined reports on the activity once it has started, with up to six photos; every photo is
    checked before anything is written."""
    deputy = _deputy_of(actor, activity.congress)
    joined = ActivityParticipation.objects.select_for_update().filter(activity=activity, deputy=deputy).first()
    if joined is None:
        raise PermissionDenied(_("只有报名参加的代表可以报告活动情况"))
    if (now or timezone.now()) < activity.starts_at:
        raise ValidationError({"text": _("活动情况：活动开始后才能报告")}, code="not_started")
    if joined.reported_at:
        raise ValidationError({"text": _("活动情况：已经报告过")}, code="duplicate")
    photos = list(photos)
    if len(photos) > PHOTO_MAX_COUNT:
        raise ValidationError({"photos": _("照片：最多 {n} 张").format(n=PHOTO_MAX_COUNT)}, code="count")
    kinds = [check_photo(p) for p in photos]
    joined.report, joined.reported_at = required(text, "text", _("活动情况"), 3000), now or timezone.now()
    joined.save()
    digests = []
    for data, kind in zip(photos, kinds, strict=True):
        digest = hashlib.sha256(data).hexdigest()
        photo = ActivityPhoto(participation=joined, sha256=digest, size=len(data))
        photo.image.save(f"{activity.pk}-{digest[:16]}.{PHOTO_SUFFIXES[kind]}", ContentFile(data), save=False)
        photo.save()
        digests.append(digest)
    audit.record("deputy_duty.activity.reported", actor=actor, target=activity,
                 data={"deputy": deputy.pk, "photos": digests,
                       "third_party_data": bool(personal_data_in(joined.report))})
    return joined


@transaction.atomic
def register_duty(*, deputy, kind: str, done_on: dt.date, text: str, actor, today: dt.date | None = None) -> DutyRecord:
    """A deputy registers a duty done (履职登记): not in the future nor more than a year back; the office confirms."""
    require(actor, "deputy_duty.deputy.act", deputy)
    if kind not in DutyKind.values:
        raise ValidationError({"kind": _("履职类型：请选择履职类型")}, code="invalid")
    today = today or timezone.localdate()
    if done_on is None or done_on > today or done_on < today - dt.timedelta(days=REGISTRATION_MAX_AGE_DAYS):
        raise ValidationError({"done_on": _("履职日期：须在今天及以前一年之内")}, code="out_of_range")
    record = DutyRecord.objects.create(deputy=deputy, kind=kind, done_on=done_on,
                                       text=required(text, "text", _("履职情况"), 2000))
    audit.record("deputy_duty.duty.registered", actor=actor, target=record,
                 data={"deputy": deputy.pk, "kind": kind, "done_on": done_on.isoformat()})
    return record


@transaction.atomic
def check_duty_record(record: DutyRecord, *, confirm: bool, note: str = "", actor) -> DutyRecord:
    """The office confirms a registration (then it counts in the duty score) or declines it with a reason."""
    require(actor, "deputy_duty.structure.manage", record.deputy.congress.region)
    record = DutyRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != RecordStatus.PENDING:
        raise ValidationError({"status": _("该登记已确认或已退回")}, code="invalid_state")
    note = (note or "").strip()
    if not confirm:
        note = required(note, "note", _("未予确认的理由"), 500)
    record.status = RecordStatus.CONFIRMED if confirm else RecordStatus.REJECTED
    record.checked_by, record.check_note = actor, note[:500]
    record.save()
    audit.record("deputy_duty.duty." + ("confirmed" if confirm else "rejected"), actor=actor, target=record,
                 data={"note": record.check_note})
    return record


@transaction.atomic
def publish_material(*, congress, title: str, body: str, source: str = "", actor) -> LearningMaterial:
    """The office publishes a learning material for its congress's deputies."""
    require(actor, "deputy_duty.structure.manage", congress.region)
    source = (source or "").strip()
    if source and not source.startswith(("https://", "http://")):
        raise ValidationError({"source": _("出处链接：须以 http:// 或 https:// 开头")}, code="invalid")
    material = LearningMaterial.objects.create(congress=congress, title=required(title, "title", _("标题"), 100),
                                               body=required(body, "body", _("内容"), 20000), source=source[:200])
    audit.record("deputy_duty.material.published", actor=actor, target=material, data={"congress": congress.pk})
    return material


def read_material(material: LearningMaterial, *, actor) -> bool:
    """Record that a deputy of the material's congress has studied it; True the first time."""
    deputy = Deputy.objects.filter(user=actor, congress=material.congress, active=True).first()
    if deputy is None or material.readers.filter(pk=deputy.pk).exists():
        return False
    material.readers.add(deputy)
    audit.record("deputy_duty.material.read", actor=actor, target=material, data={"deputy": deputy.pk})
    return True


@transaction.atomic
def publish_draft(*, congress, title: str, text: str, opens_at, closes_at, actor) -> DraftLaw:
    """The office publishes a draft regulation for comment between ``opens_at`` and ``closes_at``."""
    require(actor, "deputy_duty.structure.manage", congress.region)
    if opens_at is None or closes_at is None or closes_at <= opens_at:
        raise ValidationError({"closes_at": _("征求意见截止：须晚于开始时间")}, code="invalid")
    draft = DraftLaw.objects.create(congress=congress, title=required(title, "title", _("草案名称"), 100),
                                    text=required(text, "text", _("草案文本"), 50000), opens_at=opens_at,
                                    closes_at=closes_at)
    audit.record("deputy_duty.draft.published", actor=actor, target=draft,
                 data={"opens_at": opens_at.isoformat(), "closes_at": closes_at.isoformat()})
    return draft


def comment_draft(draft: DraftLaw, *, text: str, article: str = "", actor, now=None) -> DraftComment:
    """A deputy or a citizen comments on a draft within its window; a refusal outside it is audited. Third
    parties' ID or mobile numbers in the text are flagged and masked wherever others read it."""
    now = now or timezone.now()
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("请登录后提出意见"))
    if not draft.opens_at <= now < draft.closes_at:
        audit.record("deputy_duty.draft.comment_refused", actor=actor, target=draft, data={"reason": "outside_window"})
        raise ValidationError({"text": _("不在征求意见期间（{a} 至 {b}）").format(
            a=timezone.localtime(draft.opens_at).strftime("%Y-%m-%d"),
            b=timezone.localtime(draft.closes_at).strftime("%Y-%m-%d"))}, code="outside_window")
    text = required(text, "text", _("意见"), 3000)
    article = (article or "").strip()
    if len(article) > 50:
        raise ValidationError({"article": _("针对条款：不能超过 50 个字")}, code="max_length")
    deputy = Deputy.objects.filter(user=actor, congress=draft.congress, active=True).first()
    with transaction.atomic():
        comment = DraftComment.objects.create(draft=draft, author=actor, deputy=deputy, article=article, text=text,
                                              third_party_data=bool(personal_data_in(text, own_phone=actor.phone or "")))
        audit.record("deputy_duty.draft.commented", actor=actor, target=draft,
                     data={"comment": comment.pk, "deputy": deputy.pk if deputy else None,
                           "third_party_data": comment.third_party_data})
    return comment


@transaction.atomic
def summarize_draft(draft: DraftLaw, *, summary: str, actor, now=None) -> DraftLaw:
    """After the window the office publishes what was taken up (意见采纳情况); ledgered with the comments' count."""
    require(actor, "deputy_duty.structure.manage", draft.congress.region)
    draft = DraftLaw.objects.select_for_update().get(pk=draft.pk)
    now = now or timezone.now()
    if now < draft.closes_at:
        raise ValidationError({"summary": _("意见采纳情况：征求意见截止后才能汇总")}, code="too_early")
    if draft.summarized_at:
        raise ValidationError({"summary": _("意见采纳情况：已经发布")}, code="duplicate")
    draft.summary, draft.summarized_at = required(summary, "summary", _("意见采纳情况"), 10000), now
    draft.save(update_fields=["summary", "summarized_at", "updated_at"])
    data = {"draft": draft.pk, "comments": draft.comments.count(), "summary": draft.summary}
    audit.record("deputy_duty.draft.summarized", actor=actor, target=draft, data={"comments": data["comments"]})
    evidence("deputy_duty.draft.summarized", draft, actor, data)
    return draft
