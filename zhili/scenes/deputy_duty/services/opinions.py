"""The closed loop of citizens' opinions (联 → 报 → 办 → 督 → 评).

A citizen gives an opinion by a station's or a deputy's QR code (or a deputy enters one on a citizen's behalf);
the station's office grades it: a minor matter is answered on the spot, anything else is referred to the
department as a ``deputy_duty.opinion`` case with the dated deadline; the department answers; the citizen and the
deputy who follows it rate the answer: 不满意 from either sends it back for another round, all satisfied closes it.
"""


from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.cases.api import Case, open_case, transition_case
from zhili.core.foundation.api import audit, events, validate_mobile
from zhili.core.identity.api import require
from zhili.core.orgs.api import OrganizationKind

from ..choices import OpinionCategory, OpinionChannel, OpinionStatus, RaterKind, Verdict
from ..hotwords import opinion_words
from ..models import Deputy, HotwordCell, HotwordCount, HotwordTotal, Opinion, OpinionRating
from ..privacy import personal_data_in
from ..queries import rating_overdue, round_outcome
from ..workflows import OPINION_CASE
from .common import evidence, required


def _phone(value: str) -> str:
    value = (value or "").strip()
    if value:
        try:
            validate_mobile(value)
        except ValidationError:
            raise ValidationError({"contact_phone": _("联系电话：须为 11 位手机号码")}, code="invalid") from None
    return value


@transaction.atomic
def submit_opinion(*, station, title: str, text: str, channel: str = OpinionChannel.STATION_QR, deputy=None,
                   contact_phone: str = "", citizen_name: str = "", actor) -> Opinion:
    """Record an opinion given at ``station``: a citizen's own, or one a deputy enters on a citizen's behalf."""
    require(actor, "deputy_duty.opinion.submit", station)
    if channel not in OpinionChannel.values:
        raise ValidationError({"channel": _("渠道：未知的提交渠道")}, code="invalid")
    on_behalf = channel == OpinionChannel.DEPUTY_UPLOAD
    if on_behalf:
        if deputy is None or deputy.user_id != actor.pk or not deputy.active:
            raise PermissionDenied(_("只有在任代表本人可以代群众录入意见"))
        citizen_name = required(citizen_name, "citizen_name", _("提出人姓名"), 50)
    else:
        citizen_name = actor.name or actor.username
    if channel == OpinionChannel.DEPUTY_QR and deputy is None:
        raise ValidationError({"deputy": _("代表：扫代表码提交须指明代表")}, code="required")
    if deputy is not None and not deputy.active:
        raise ValidationError({"deputy": _("代表：该代表已不在任")}, code="inactive")
    title = required(title, "title", _("标题"), 100)
    text = required(text, "text", _("意见内容"), 2000)
    phone = _phone(contact_phone) or ("" if on_behalf else (actor.phone or ""))
    opinion = Opinion.objects.create(
        station=station, region=station.region, deputy=deputy, citizen=None if on_behalf else actor,
        citizen_name=citizen_name, contact_phone=phone, channel=channel, title=title, text=text,
        third_party_data=bool(personal_data_in(f"{title}\n{text}", own_phone=phone)))
    count_hotwords(opinion)
    audit.record("deputy_duty.opinion.submitted", actor=actor, target=opinion,
                 data={"station": station.pk, "channel": channel, "deputy": deputy.pk if deputy else None,
                       "third_party_data": opinion.third_party_data})
    events.publish("deputy_duty.opinion.submitted", opinion_id=opinion.pk, region=station.region.code)
    return opinion


def count_hotwords(opinion: Opinion) -> None:
    """Count the opinion once in its region's and month's cell and once per word it holds, there and in the corpus
    (the hot words read these counts, never the texts)."""
    found = sorted(w for w in opinion_words(f"{opinion.title} {opinion.text}") if len(w) <= 16)
    month = timezone.localdate(opinion.created_at).replace(day=1)
    cell, _ = HotwordCell.objects.select_for_update().get_or_create(region=opinion.region, month=month)
    HotwordCell.objects.filter(pk=cell.pk).update(opinions=F("opinions") + 1)
    if not found:
        return
    existing = set(HotwordCount.objects.select_for_update().filter(
        region=opinion.region, month=month, word__in=found).values_list("word", flat=True))
    HotwordCount.objects.filter(region=opinion.region, month=month, word__in=existing).update(count=F("count") + 1)
    HotwordCount.objects.bulk_create([HotwordCount(region=opinion.region, month=month, word=w, count=1)
                                      for w in found if w not in existing])
    known = set(HotwordTotal.objects.select_for_update().filter(word__in=found).values_list("word", flat=True))
    HotwordTotal.objects.filter(word__in=known).update(opinions=F("opinions") + 1)
    HotwordTotal.objects.bulk_create([HotwordTotal(word=w, opinions=1) for w in found if w not in known])


@transaction.atomic
def rebuild_hotwords(rows=None, *, batch_size: int = 5000) -> dict[str, int]:
    """Recount every hot-word row from the texts (the periodic rebuild: after the stop list or the user dictionary
    changed, or to repair drift): ``rows`` of (region id, month, text), by default every opinion's. The counts are
    those ``count_hotwords`` keeps on each submission, written afresh in one transaction."""
    from collections import Counter, defaultdict

    if rows is None:
        rows = ((region_id, timezone.localdate(created_at).replace(day=1), f"{title} {text}")
                for region_id, created_at, title, text in Opinion.objects.order_by("pk").values_list(
                    "region_id", "created_at", "title", "text").iterator(chunk_size=batch_size))
    cells, opinions, totals = defaultdict(Counter), Counter(), Counter()
    for region_id, month, text in rows:
        found = [w for w in opinion_words(text) if len(w) <= 16]
        cells[region_id, month].update(found)
        opinions[region_id, month] += 1
        totals.update(found)
    HotwordCount.objects.all().delete()
    HotwordCell.objects.all().delete()
    HotwordTotal.objects.all().delete()
    HotwordCount.objects.bulk_create((HotwordCount(region_id=r, month=m, word=w, count=n)
                                      for (r, m), counter in cells.items() for w, n in counter.items()),
                                     batch_size=batch_size)
    HotwordCell.objects.bulk_create((HotwordCell(region_id=r, month=m, opinions=n) for (r, m), n in opinions.items()),
                                    batch_size=batch_size)
    HotwordTotal.objects.bulk_create((HotwordTotal(word=w, opinions=n) for w, n in totals.items()),
                                     batch_size=batch_size)
    figures = {"opinions": sum(opinions.values()), "cells": len(opinions), "words": len(totals)}
    audit.record("deputy_duty.hotwords.rebuilt", actor="system", data=figures)
    return figures


def _follower(opinion: Opinion, deputy) -> Deputy:
    deputy = deputy or opinion.deputy
    if deputy is None:
        raise ValidationError({"deputy": _("跟踪代表：请指定一名代表跟踪办理")}, code="required")
    if not deputy.active:
        raise ValidationError({"deputy": _("跟踪代表：该代表已不在任")}, code="inactive")
    if not opinion.region.path.startswith(deputy.congress.region.path):
        raise ValidationError({"deputy": _("跟踪代表：须为本区域的人大代表")}, code="outside")
    return deputy


@transaction.atomic
def grade_opinion(opinion: Opinion, *, category: str, answer: str = "", department=None, deputy=None,
                  actor) -> Opinion:
    """Grade and classify an opinion: answer a minor matter on the spot, or refer it to ``department`` as a case."""
    require(actor, "deputy_duty.opinion.grade", opinion)
    opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
    if opinion.status != OpinionStatus.SUBMITTED:
        raise ValidationError({"status": _("意见状态为「{s}」，不能再分级").format(s=opinion.status_choice.label)},
                              code="invalid_state")
    if category not in OpinionCategory.values:
        raise ValidationError({"category": _("分类：请选择意见分类")}, code="required")
    if bool(answer.strip()) == (department is not None):
        raise ValidationError({"answer": _("分级：当场答复须填写答复内容，交办须选择承办部门，二者选其一")},
                              code="one_of")
    opinion.deputy = _follower(opinion, deputy)
    opinion.category, opinion.graded_by, opinion.graded_at = category, actor, timezone.now()
    if department is None:
        opinion.spot_answer = required(answer, "answer", _("当场答复"), 2000)
        opinion.status, opinion.answered_at = OpinionStatus.ANSWERED, timezone.now()
    else:
        if department.kind != OrganizationKind.DEPARTMENT or not opinion.region.path.startswith(
                department.region.path):
            raise ValidationError({"department": _("承办部门：须为意见所在地的政府部门")}, code="invalid")
        opinion.department = department
        opinion.case = open_case(
            OPINION_CASE, title=_("群众意见：{t}").format(t=opinion.title)[:200], region=opinion.region,
            actor=actor, subject=opinion, requester=opinion.citizen, organization=department,
            description=_("{station} 交办（{category}）").format(station=opinion.station.name,
                                                            category=OpinionCategory(category).label))
        opinion.status = OpinionStatus.REFERRED
    opinion.save()
    data = {"opinion": opinion.pk, "category": category, "status": opinion.status, "deputy": opinion.deputy_id,
            "department": department.pk if department else None, "case": opinion.case.number if opinion.case else None}
    audit.record("deputy_duty.opinion.graded", actor=actor, target=opinion, data=data)
    events.publish("deputy_duty.opinion.graded", opinion_id=opinion.pk, status=opinion.status)
    return opinion


@transaction.atomic
def reply_opinion(opinion: Opinion, *, text: str, actor) -> Opinion:
    """The department's answer to a referred opinion: the case's result, shown to the citizen and the deputy."""
    require(actor, "deputy_duty.opinion.reply", opinion)
    opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
    if opinion.status not in (OpinionStatus.REFERRED, OpinionStatus.REHANDLING):
        raise ValidationError({"status": _("意见状态为「{s}」，不能答复").format(s=opinion.status_choice.label)},
                              code="invalid_state")
    text = required(text, "text", _("答复内容"), 2000)
    transition_case(opinion.case, "reply", actor=actor, comment=text)
    opinion.status, opinion.answered_at = OpinionStatus.REPLIED, timezone.now()
    opinion.save(update_fields=["status", "answered_at", "updated_at"])
    audit.record("deputy_duty.opinion.replied", actor=actor, target=opinion,
                 data={"case": opinion.case.number, "round": opinion.round})
    events.publish("deputy_duty.opinion.replied", opinion_id=opinion.pk)
    return opinion


def _rater_kind(opinion: Opinion, actor) -> str:
    if opinion.citizen_id == actor.pk:
        return RaterKind.CITIZEN
    return RaterKind.DEPUTY


@transaction.atomic
def rate_opinion(opinion: Opinion, *, verdict: str, comment: str = "", actor) -> Opinion:
    """Rate this round's answer as the citizen or the deputy; 不满意 means another round, all satisfied closes it."""
    require(actor, "deputy_duty.opinion.rate", opinion)
    opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
    if opinion.status not in (OpinionStatus.ANSWERED, OpinionStatus.REPLIED):
        raise ValidationError({"verdict": _("意见尚未答复，不能评价")}, code="not_answered")
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("评价：须为满意、基本满意或不满意")}, code="invalid")
    comment = (comment or "").strip()[:500]
    if verdict == Verdict.UNSATISFIED and not comment:
        raise ValidationError({"comment": _("评价意见：不满意时请写明理由")}, code="required")
    kind = _rater_kind(opinion, actor)
    if opinion.ratings.filter(round=opinion.round, rater_kind=kind).exists():
        raise ValidationError({"verdict": _("本轮答复您已评价，不能重复评价")}, code="already_rated")
    rating = OpinionRating.objects.create(opinion=opinion, rater=actor, rater_kind=kind, round=opinion.round,
                                          verdict=verdict, comment=comment)
    audit.record("deputy_duty.opinion.rated", actor=actor, target=opinion,
                 data={"round": opinion.round, "rater_kind": kind, "verdict": verdict})
    outcome = round_outcome(opinion)
    if outcome == "unsatisfied":
        if opinion.case_id:
            transition_case(opinion.case, "rehandle", actor=actor, comment=comment)
            opinion.status = OpinionStatus.REHANDLING
        else:
            opinion.status = OpinionStatus.SUBMITTED  # back to the station for grading again
        opinion.round += 1
    elif outcome == "satisfied":
        if opinion.case_id:
            transition_case(opinion.case, "close", actor=actor, comment=_("群众和代表均满意"))
        else:
            evidence("deputy_duty.opinion.closed", opinion, actor,
                     {"opinion": opinion.pk, "round": opinion.round, "answer": opinion.spot_answer})
        opinion.status, opinion.closed_at = OpinionStatus.CLOSED, timezone.now()
    opinion.save()
    events.publish("deputy_duty.opinion.rated", opinion_id=opinion.pk, rating_id=rating.pk, outcome=outcome)
    return opinion


@transaction.atomic
def sync_opinion_from_case(case_id: int, *, actor="event:cases.case.transitioned") -> Opinion | None:
    """Follow a reply taken on the case's own page (core.cases) onto the opinion's status."""
    opinion = Opinion.objects.select_for_update().filter(case_id=case_id).first()
    if opinion is None:
        return None
    case = Case.objects.get(pk=case_id)
    if case.state == "replied" and opinion.status in (OpinionStatus.REFERRED, OpinionStatus.REHANDLING):
        opinion.status, opinion.answered_at = OpinionStatus.REPLIED, case.state_entered_at
        opinion.save(update_fields=["status", "answered_at", "updated_at"])
        audit.record("deputy_duty.opinion.replied", actor=actor, target=opinion,
                     data={"case": case.number, "round": opinion.round})
    return opinion


def close_unrated(now=None) -> int:
    """Close every answer left unrated past the dated rating period, as its office (the period's rule: satisfied)."""
    now = now or timezone.now()
    closed = 0
    for opinion in Opinion.objects.filter(status__in=[OpinionStatus.ANSWERED, OpinionStatus.REPLIED],
                                          answered_at__isnull=False, graded_by__isnull=False):
        if rating_overdue(opinion, now) and round_outcome(opinion) == "pending":
            close_unrated_opinion(opinion, actor=opinion.graded_by, now=now)
            closed += 1
    return closed


@transaction.atomic
def close_unrated_opinion(opinion: Opinion, *, actor, now=None) -> Opinion:
    """The office closes an answer nobody rated within the rating period (逾期未评价视为满意)."""
    opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
    now = now or timezone.now()
    require(actor, "deputy_duty.opinion.grade", opinion)
    if opinion.status not in (OpinionStatus.ANSWERED, OpinionStatus.REPLIED) or not rating_overdue(opinion, now):
        raise ValidationError({"status": _("评价期限未过，不能视为满意办结")}, code="not_overdue")
    if opinion.case_id:
        transition_case(opinion.case, "close_unrated", actor=actor, comment=_("逾期未评价，视为满意"), now=now)
    else:
        evidence("deputy_duty.opinion.closed", opinion, actor,
                 {"opinion": opinion.pk, "round": opinion.round, "answer": opinion.spot_answer, "unrated": True})
    opinion.status, opinion.closed_at = OpinionStatus.CLOSED, now
    opinion.save(update_fields=["status", "closed_at", "updated_at"])
    audit.record("deputy_duty.opinion.closed_unrated", actor=actor, target=opinion, data={"round": opinion.round})
    return opinion
