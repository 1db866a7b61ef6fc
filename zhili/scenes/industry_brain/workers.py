"""Workers and seasonal jobs (一键用工), matched both ways; an accepted match starts a contract elsewhere.

A worker fits a job when the job's skill is among theirs, the job's period lies within their availability and
the job pays at least their piece rate; either side may propose, the other side accepts or declines. On
acceptance this scene publishes ``industry_brain.match.accepted`` with what a labor contract needs (employer
USCC and name, the worker's user id, job, place, period, piece rate): the labor_contract scene subscribes
and drafts the contract (no scene imports another). The acceptance is a contract fact in the ledger (credit).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require

from .choices import FirmRole, LedgerKind, MatchStatus, Speciality
from .models import Firm, JobMatch, SeasonalJob, WorkerProfile
from .services import record_fact


def _clean(errors, *, skills=None, piece_rate, start, end):
    if skills is not None:
        if not skills or any(s not in Speciality.values for s in skills):
            errors["skills"] = _("请选择技能（针织、梭织、印花、绣花）")
    try:
        rate = Decimal(str(piece_rate)).quantize(Decimal("0.01"))
        if rate <= 0:
            errors["piece_rate"] = _("计件单价须大于 0")
    except (InvalidOperation, ValueError):
        errors["piece_rate"], rate = _("计件单价须为数字"), Decimal(0)
    days = []
    for field, value in start, end:
        try:
            days.append(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))
        except ValueError:
            errors[field] = _("日期格式应为 YYYY-MM-DD")
            days.append(None)
    if all(days) and days[1] <= days[0]:
        errors[end[0]] = _("结束日期须晚于开始日期")
    return rate, days


@transaction.atomic
def save_profile(*, user, region, skills, piece_rate, available_from, available_to, actor) -> WorkerProfile:
    """A worker states (or changes) their skills, expected piece rate and availability."""
    profile = WorkerProfile.objects.filter(user=user).first()
    require(actor, "industry_brain.worker.act", profile)
    if user.pk != actor.pk:
        raise ValidationError({"user": _("只能填写本人的档案")})
    errors: dict = {}
    rate, (start, end) = _clean(errors, skills=skills, piece_rate=piece_rate,
                                start=("available_from", available_from), end=("available_to", available_to))
    if errors:
        raise ValidationError(errors)
    values = {"region": region, "skills": sorted(set(skills)), "piece_rate": rate, "available_from": start,
              "available_to": end}
    profile, created = WorkerProfile.objects.update_or_create(user=user, defaults=values)
    audit.record("industry_brain.worker.profiled", actor=actor, target=profile, data={"created": created})
    return profile


@transaction.atomic
def post_job(*, factory: Firm, title: str, skill: str, piece_rate, starts, ends, openings, actor) -> SeasonalJob:
    """A factory posts a seasonal job."""
    require(actor, "industry_brain.job.post", factory)
    errors: dict = {}
    if factory.role != FirmRole.FACTORY:
        errors["factory"] = _("只有加工厂可以发布岗位")
    if not (title or "").strip():
        errors["title"] = _("请填写岗位")
    if skill not in Speciality.values:
        errors["skill"] = _("技能无效")
    rate, (start, end) = _clean(errors, piece_rate=piece_rate, start=("starts", starts), end=("ends", ends))
    if start and start < timezone.localdate():
        errors["starts"] = _("开始日期不能早于今天")
    try:
        openings = int(openings)
        if openings < 1:
            errors["openings"] = _("招聘人数须至少 1 人")
    except (TypeError, ValueError):
        errors["openings"] = _("须为整数")
    if errors:
        raise ValidationError(errors)
    job = SeasonalJob.objects.create(factory=factory, title=title.strip()[:100], skill=skill, piece_rate=rate,
                                     starts=start, ends=end, openings=openings)
    audit.record("industry_brain.job.posted", actor=actor, target=job, data={"openings": openings})
    return job


def fits(profile: WorkerProfile, job: SeasonalJob) -> bool:
    return (job.skill in profile.skills and profile.available_from <= job.starts and job.ends <= profile.available_to
            and job.piece_rate >= profile.piece_rate)


def jobs_for(profile: WorkerProfile):
    """The open jobs that fit the worker, best paid first."""
    jobs = SeasonalJob.objects.filter(starts__gte=profile.available_from, ends__lte=profile.available_to,
                                      piece_rate__gte=profile.piece_rate, ends__gte=timezone.localdate())
    jobs = jobs.filter(Q(skill__in=profile.skills)).select_related("factory__organization")
    return [j for j in jobs.order_by("-piece_rate", "starts", "id") if _open(j)]


def workers_for(job: SeasonalJob):
    """The workers who fit the job, cheapest expected rate first (skills are matched in Python: a JSON list)."""
    found = WorkerProfile.objects.filter(available_from__lte=job.starts, available_to__gte=job.ends,
                                         piece_rate__lte=job.piece_rate).select_related("user")
    return [p for p in found.order_by("piece_rate", "id") if job.skill in p.skills]


def _open(job: SeasonalJob) -> bool:
    return job.matches.filter(status=MatchStatus.ACCEPTED).count() < job.openings


@transaction.atomic
def propose_match(*, profile: WorkerProfile, job: SeasonalJob, by_worker: bool, actor) -> JobMatch:
    """The worker applies for a job, or the factory invites a worker; they must fit each other."""
    if by_worker:
        require(actor, "industry_brain.worker.act", profile)
    else:
        require(actor, "industry_brain.job.post", job.factory)
    if not fits(profile, job):
        raise ValidationError({"job": _("岗位与工人的技能、时间或计件单价不匹配")})
    if not _open(job):
        raise ValidationError({"job": _("岗位已招满")})
    if JobMatch.objects.filter(worker=profile, job=job).exists():
        raise ValidationError({"job": _("已有这项匹配")})
    match = JobMatch.objects.create(worker=profile, job=job, proposed_by_worker=by_worker)
    audit.record("industry_brain.match.proposed", actor=actor, target=match, data={"by_worker": by_worker})
    return match


@transaction.atomic
def answer_match(match: JobMatch, *, accept: bool, actor) -> JobMatch:
    """The other side answers; an acceptance publishes ``industry_brain.match.accepted`` for a labor contract."""
    match = JobMatch.objects.select_for_update().select_related("job__factory__organization", "worker__user").get(
        pk=match.pk)
    if match.proposed_by_worker:
        require(actor, "industry_brain.job.post", match.job.factory)
    else:
        require(actor, "industry_brain.worker.act", match.worker)
    if match.status != MatchStatus.PROPOSED:
        raise ValidationError({"status": _("该匹配已答复")})
    if accept and not _open(match.job):
        raise ValidationError({"job": _("岗位已招满")})
    match.status = MatchStatus.ACCEPTED if accept else MatchStatus.DECLINED
    match.decided_at = timezone.now()
    match.save(update_fields=["status", "decided_at", "updated_at"])
    audit.record("industry_brain.match.answered", actor=actor, target=match, data={"accept": accept})
    if accept:
        job, factory = match.job, match.job.factory
        record_fact(LedgerKind.CONTRACT, firm=factory, subject=match, actor=actor, amount=0, on_time=True,
                    data={"match": match.pk, "job": job.title})
        events.publish("industry_brain.match.accepted", match_id=match.pk, employer_uscc=factory.organization.uscc,
                       employer_name=factory.name, worker_user_id=match.worker.user_id, job_title=job.title,
                       work_place=factory.organization.address or factory.region.name,
                       start_date=job.starts.isoformat(), end_date=job.ends.isoformat(),
                       piece_rate=str(job.piece_rate))
    return match
