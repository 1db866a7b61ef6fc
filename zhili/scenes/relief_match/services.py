"""Every change 助共体 makes: warnings from a county run, applications with their e-signed authorisation,
the check, the home visit, the decision with its matches pushed as cases, delivery and rating, 微心愿."""

import datetime as dt
import hashlib
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.cases.api import add_working_days, open_case
from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require
from zhili.core.orgs.api import region_by_code
from zhili.core.policy.api import decide_all

from .choices import (
    DETERMINATIONS,
    ApplicationStatus,
    Category,
    MatchStatus,
    VisitStatus,
    WarningStatus,
    WishKind,
    WishStatus,
)
from .engine import CountyRun, FactReader, help_policies, warning_rules
from .models import (
    CheckAuthorization,
    HelpMatch,
    HomeVisit,
    ReliefApplication,
    ReliefHousehold,
    ReliefWarning,
    VisitPhoto,
    Wish,
)
from .rules import relief_domain
from .workflows import HELP_CASE_TYPE, WARNING_CASE_TYPE

logger = logging.getLogger(__name__)

PHOTO_TYPES = {"image/jpeg", "image/png"}
PHOTO_LIMIT = 5 * 1024 * 1024
PHOTOS_PER_VISIT = 6


def _ledger():
    from zhili.core.ledger import api as ledger

    return ledger


def _user(actor):
    return None if actor is None or isinstance(actor, str) else actor


def _require(actor, permission: str, obj=None) -> None:
    if actor is not None and not isinstance(actor, str):
        require(actor, permission, obj)


def _household(key: str, village_code: str, *, category: str | None = None) -> ReliefHousehold | None:
    household = ReliefHousehold.objects.filter(key=key).first()
    if household is None:
        region = region_by_code(village_code)
        if region is None:
            return None
        household = ReliefHousehold.objects.create(key=key, region=region, category=category or Category.NONE)
    return household


# --- Proactive discovery --------------------------------------------------------------------------------------

def record_county_run(run: CountyRun, *, actor) -> dict:
    """Store the run's warnings: one per household and rule and day, each sent as a case to its office.

    A household whose village is not a known region is counted and skipped. Returns the counts.
    """
    _require(actor, "relief_match.county.run")
    domain = relief_domain()
    rules = {p.code: p for p in warning_rules(domain, run.on)}
    keys = run.warnings.keys()
    found: dict = {}
    for code in rules:
        for key, status in zip(keys, run.warnings.statuses(code), strict=True):
            if status == "eligible":
                found.setdefault(key, []).append(code)
    reader = FactReader(run.facts_path) if run.facts_path else None
    report = {"warnings": 0, "cases": 0, "skipped": 0, "already": 0}
    try:
        for key, codes in sorted(found.items()):
            kept = reader.household(key) if reader else None
            facts, members = kept if kept else ({}, [])
            with transaction.atomic():
                household = _household(key, facts.get("village_code", ""), category=facts.get("category"))
                if household is None:
                    report["skipped"] += 1
                    continue
                decisions = decide_all(domain, facts, members, run.on, policies=[rules[c] for c in codes])
                for decision in decisions:
                    created = _raise_warning(household, decision, run.on, actor)
                    report["warnings" if created else "already"] += 1
                    report["cases"] += 1 if created and created.case_id else 0
    finally:
        if reader:
            reader.close()
    audit.record("relief_match.county.recorded", actor=_user(actor), data={"on": run.on.isoformat(), **report})
    return report


def _raise_warning(household, decision, on: dt.date, actor) -> ReliefWarning | None:
    policy = decision.policy
    warning, created = ReliefWarning.objects.get_or_create(
        household=household, rule=policy.code, found_on=on,
        defaults={"rule_name": policy.name, "office": policy.office, "explanation": decision.as_dict()})
    if not created:
        return None
    audit.record("relief_match.warning.raised", actor=_user(actor), target=warning,
                 data={"household": household.key, "rule": policy.code})
    title = _("{rule}：家庭 {key}").format(rule=policy.name, key=household.key)
    reasons = "；".join(f"{c.label}（{c.value} / {c.threshold}）" if c.threshold is not None else c.label
                       for c in decision.conditions)
    try:
        with transaction.atomic():
            case = open_case(WARNING_CASE_TYPE, title=title[:200], region=household.region, actor=_user(actor),
                             subject=warning, description=reasons)
    except ValidationError as problem:
        logger.warning("no case for warning %s: %s", warning.pk, "；".join(problem.messages))
        return warning
    warning.case, warning.status = case, WarningStatus.CASE_OPEN
    warning.save(update_fields=["case", "status", "updated_at"])
    events.publish("relief_match.warning.raised", warning_id=warning.pk, rule=policy.code, case_id=case.pk)
    return warning


@transaction.atomic
def close_warning_for_case(case_id: int, *, actor=None) -> ReliefWarning | None:
    warning = ReliefWarning.objects.select_for_update().filter(case_id=case_id).first()
    if warning is None or warning.status == WarningStatus.CLOSED:
        return warning
    warning.status = WarningStatus.CLOSED
    warning.save(update_fields=["status", "updated_at"])
    audit.record("relief_match.warning.closed", actor=actor, target=warning, data={"case_id": case_id})
    return warning


# --- Applications ---------------------------------------------------------------------------------------------

def kept_facts(household: ReliefHousehold) -> tuple[dict, list[dict]] | None:
    """The household's facts from the last county run, or None when the platform holds none."""
    from .engine import facts_dir

    if not (facts_dir() / "facts.sqlite3").exists():
        return None
    reader = FactReader()
    try:
        return reader.household(household.key)
    finally:
        reader.close()


@transaction.atomic
def start_application(household: ReliefHousehold, *, actor, reason: str = "", channel: str = "online",
                      declared: dict | None = None, declared_members: list | None = None) -> ReliefApplication:
    """Open an application (救助资格申请) for ``household``; the check waits for the e-signed authorisation.

    Facts the data pool holds are used as they are (the applicant confirms them); only a household the pool
    does not know is checked on declared facts.
    """
    if household.user_id != actor.pk:
        _require(actor, "relief_match.application.decide", None)  # a counter clerk applies on someone's behalf
    if ReliefApplication.objects.filter(household=household, status__in=[
            ApplicationStatus.AUTHORIZING, ApplicationStatus.CHECKING, ApplicationStatus.VISITING]).exists():
        raise ValidationError({"household": _("该家庭已有在办的申请，请查看办理进度")}, code="open_application")
    kept = kept_facts(household)
    if kept:
        facts, members = kept
        source = "datapool"
    else:
        facts, members, source = dict(declared or {}), list(declared_members or []), "declared"
    application = ReliefApplication.objects.create(
        household=household, applicant=actor, channel=channel, reason=(reason or "").strip()[:2000],
        facts=_jsonable(facts), members=[_jsonable(m) for m in members], check_source=source)
    audit.record("relief_match.application.started", actor=actor, target=application,
                 data={"household": household.key, "channel": channel, "source": source})
    events.publish("relief_match.application.started", application_id=application.pk)
    return application


def _jsonable(values: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items()}


def _typed(values: dict) -> dict:
    from .facts import MEMBER_FACTS

    found = dict(values)
    if isinstance(found.get("birth_date"), str):
        found["birth_date"] = dt.date.fromisoformat(found["birth_date"])
    return {k: v for k, v in found.items() if k in MEMBER_FACTS or k not in ("person_id", "household_id")}


AUTHORIZATION_TEMPLATE = """<html><body style="font-family: 'WenQuanYi Zen Hei'; font-size: 12pt">
<h2 style="text-align:center">家庭经济状况核对授权书</h2>
<p>本人{{ name }}（{{ relation }}）授权三门县民政局及其委托的核对机构，为办理家庭编码 {{ key }} 的社会救助申请
（申请编号 {{ number }}），依法查询、核对本人及家庭成员的户籍、收入、财产、社保、医疗、车辆等信息。
核对结果仅用于本次社会救助认定及后续帮扶，不作他用。</p>
<p>依据：《社会救助暂行办法》第五十八条、第五十九条；《最低生活保障审核确认办法》（民发〔2021〕57号）。</p>
<p>授权时间：{{ when }}</p>
<p style="margin-top:4cm">授权人（签名）：</p></body></html>"""


@transaction.atomic
def authorize_check(application: ReliefApplication, *, actor, relation: str, intent_confirmed: bool,
                    ip_address: str = "") -> CheckAuthorization:
    """The applicant (or a household member, or a supporter) e-signs the check's authorisation.

    The signature is a PAdES signature with the person's certificate (core.esign) after real-name
    verification and an explicit confirmation; it is appended to the ledger. The applicant's signature starts
    the check.
    """
    from zhili.core.esign import api as esign

    application = ReliefApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.AUTHORIZING and application.applicant_id == actor.pk:
        raise ValidationError({"application": _("该申请已授权核对")}, code="already_authorized")
    if application.status not in (ApplicationStatus.AUTHORIZING, ApplicationStatus.CHECKING,
                                  ApplicationStatus.VISITING):
        raise ValidationError({"application": _("该申请已办结，不能再授权")}, code="closed")
    if not intent_confirmed:
        raise ValidationError({"intent": _("请阅读授权书并勾选“我同意授权核对”")}, code="intent_required")
    if not (relation or "").strip():
        raise ValidationError({"relation": _("与申请人关系：不能为空")}, code="required")
    if not getattr(actor, "is_verified", False):
        raise PermissionDenied(_("授权核对须先完成实名认证"))
    if CheckAuthorization.objects.filter(application=application, signer=actor).exists():
        raise ValidationError({"application": _("您已签署过本申请的授权书")}, code="already_signed")
    now = timezone.now()
    pdf = esign.render_pdf(AUTHORIZATION_TEMPLATE, {
        "name": actor.display_name, "relation": relation.strip(), "key": application.household.key,
        "number": application.pk, "when": esign.chinese_time(now)})
    digest = hashlib.sha256(pdf).hexdigest()
    certificate = esign.issue_person_certificate(actor, actor=actor)
    authorization = esign.authorize_key_use(
        certificate,
        identity_evidence={"user_id": actor.pk, "method": actor.verification_method,
                           "verified_at": actor.verified_at.isoformat(), "login": "session"},
        intent_evidence={"confirmation_id": f"relief_match.authorization:{application.pk}:{actor.pk}",
                         "method": "checkbox_after_reading", "confirmed_at": now.isoformat(),
                         "document_sha256": digest, "ip_address": ip_address},
        actor=actor)
    signed = esign.sign_pdf(pdf, authorization=authorization, signer_certificate=certificate, subject=application,
                            role="authorizer", field_name=f"authorizer_{actor.pk}", reason=_("授权家庭经济状况核对"),
                            location="三门县", actor=actor)
    signed_digest = hashlib.sha256(signed).hexdigest()
    row = CheckAuthorization.objects.create(application=application, signer=actor, relation=relation.strip()[:40],
                                            document=signed, sha256=signed_digest,
                                            certificate_serial=str(certificate.serial_number), signed_at=now)
    audit.record("relief_match.application.authorized", actor=actor, target=application,
                 data={"sha256": signed_digest, "relation": row.relation})
    _ledger().append(kind="relief_match.application.authorized", subject=application, digest=signed_digest,
                     actor=actor, data={"application": application.pk, "certificate": row.certificate_serial})
    if application.applicant_id == actor.pk:
        run_check(application, actor=actor)
    return row


@transaction.atomic
def run_check(application: ReliefApplication, *, actor) -> ReliefApplication:
    """The economic check (核对): the category determinations decided on the application's facts.

    The first determination that holds gives the category (特困, 低保, 低边, 支出型困难); the explanation keeps
    every decision. The application goes to a home visit, assigned to a worker of the village.
    """
    application = ReliefApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.AUTHORIZING:
        raise ValidationError({"application": _("该申请不在待核对状态")}, code="state")
    if not application.authorizations.filter(signer_id=application.applicant_id).exists():
        raise ValidationError({"application": _("申请人尚未签署核对授权书")}, code="unauthorized")
    domain = relief_domain()
    on = timezone.localdate()
    decisions = {d.policy.code: d for d in decide_all(
        domain, _typed(application.facts), [_typed(m) for m in application.members], on,
        policies=[domain.policies[code] for code, _category in DETERMINATIONS])}
    category = next((c for code, c in DETERMINATIONS if decisions[code].status == "eligible"), Category.NONE)
    application.category = category
    application.explanation = [decisions[code].as_dict() for code, _category in DETERMINATIONS]
    application.status = ApplicationStatus.VISITING
    deadline = max(domain.policies[code].deadline_days or 30 for code, _category in DETERMINATIONS)
    application.due_on = add_working_days(on, deadline)
    application.save(update_fields=["category", "explanation", "status", "due_on", "updated_at"])
    HomeVisit.objects.create(application=application, worker=_village_worker(application.household))
    audit.record("relief_match.application.checked", actor=_user(actor), target=application,
                 data={"category": category, "source": application.check_source})
    return application


def _village_worker(household: ReliefHousehold):
    """A worker whose scope covers the household's village (the closest region first), or None."""
    from zhili.core.identity.api import Membership

    memberships = (Membership.objects.filter(is_active=True, region__isnull=False, role="officer")
                   .select_related("region", "user"))
    best = None
    for membership in memberships:
        if household.region.path.startswith(membership.region.path):
            if best is None or len(membership.region.path) > len(best.region.path):
                best = membership
    return best.user if best else None


@transaction.atomic
def record_home_visit(visit: HomeVisit, *, actor, notes: str, consistent: bool, latitude=None, longitude=None,
                      photos=()) -> HomeVisit:
    """The worker's record of the home visit (notes, whether it matches the check, location, photos)."""
    require(actor, "relief_match.visit.record", visit)
    visit = HomeVisit.objects.select_for_update().select_related("application").get(pk=visit.pk)
    if visit.status == VisitStatus.DONE:
        raise ValidationError({"visit": _("该入户核查已记录")}, code="done")
    if not (notes or "").strip():
        raise ValidationError({"notes": _("核查记录：不能为空")}, code="required")
    photos = list(photos)
    if len(photos) > PHOTOS_PER_VISIT:
        raise ValidationError({"photos": _("照片：最多 {n} 张").format(n=PHOTOS_PER_VISIT)}, code="too_many")
    for photo in photos:
        if photo.content_type not in PHOTO_TYPES or photo.size > PHOTO_LIMIT:
            raise ValidationError({"photos": _("照片：只接受 5 MB 以内的 JPEG 或 PNG")}, code="invalid")
    for name, value, low, high in (("latitude", latitude, -90, 90), ("longitude", longitude, -180, 180)):
        if value is not None and not low <= float(value) <= high:
            raise ValidationError({name: _("位置：坐标超出范围")}, code="invalid")
    for photo in photos:
        content = photo.read()
        VisitPhoto.objects.create(visit=visit, content=content, content_type=photo.content_type,
                                  sha256=hashlib.sha256(content).hexdigest())
    visit.notes, visit.consistent = notes.strip(), bool(consistent)
    visit.latitude, visit.longitude = latitude, longitude
    visit.status, visit.visited_at = VisitStatus.DONE, timezone.now()
    visit.worker = visit.worker or actor
    visit.save()
    audit.record("relief_match.visit.recorded", actor=actor, target=visit.application,
                 data={"consistent": visit.consistent, "photos": len(photos)})
    return visit


@transaction.atomic
def approve_application(application: ReliefApplication, *, actor, category: str | None = None) -> list[HelpMatch]:
    """Recognise the household's category (认定) and match every help policy; each match becomes a case.

    The officer may confirm the check's category or set another after the home visit. The decision is
    appended to the ledger.
    """
    require(actor, "relief_match.application.decide", application)
    application = ReliefApplication.objects.select_for_update().select_related("household").get(pk=application.pk)
    if application.status != ApplicationStatus.VISITING:
        raise ValidationError({"application": _("该申请不在待认定状态")}, code="state")
    visit = getattr(application, "visit", None)
    if visit is None or visit.status != VisitStatus.DONE:
        raise ValidationError({"application": _("入户核查尚未完成")}, code="no_visit")
    category = category or application.category
    if category not in Category.values or category == Category.NONE:
        raise ValidationError({"category": _("认定类别：请选择低保、低边、特困或支出型困难")}, code="invalid")
    now = timezone.now()
    household = application.household
    household.category = category
    household.save(update_fields=["category", "updated_at"])
    application.category, application.status = category, ApplicationStatus.APPROVED
    application.decided_at, application.decided_by = now, actor
    application.save(update_fields=["category", "status", "decided_at", "decided_by", "updated_at"])
    audit.record("relief_match.application.approved", actor=actor, target=application, data={"category": category})
    _ledger().append(kind="relief_match.application.approved", subject=application,
                     digest=hashlib.sha256(f"{application.pk}:{category}:{now.isoformat()}".encode()).hexdigest(),
                     actor=actor, data={"application": application.pk, "category": category})
    matches = match_household(household, application=application, actor=actor)
    events.publish("relief_match.application.approved", application_id=application.pk, matches=len(matches))
    return matches


@transaction.atomic
def reject_application(application: ReliefApplication, *, actor, reason: str) -> ReliefApplication:
    require(actor, "relief_match.application.decide", application)
    application = ReliefApplication.objects.select_for_update().get(pk=application.pk)
    if application.status in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED):
        raise ValidationError({"application": _("该申请已办结")}, code="state")
    if not (reason or "").strip():
        raise ValidationError({"reason": _("不予认定的理由：不能为空")}, code="required")
    application.status, application.decided_at, application.decided_by = (ApplicationStatus.REJECTED,
                                                                           timezone.now(), actor)
    application.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    audit.record("relief_match.application.rejected", actor=actor, target=application, data={"reason": reason})
    return application


def match_household(household: ReliefHousehold, *, application: ReliefApplication | None, actor) -> list[HelpMatch]:
    """Decide every help policy for the household and push each eligible one to its owner as a case."""
    from zhili.core.orgs.api import Organization

    domain = relief_domain()
    on = timezone.localdate()
    facts = _typed(application.facts) if application else {}
    members = [_typed(m) for m in application.members] if application else []
    facts["category"] = household.category
    created = []
    for decision in decide_all(domain, facts, members, on, policies=help_policies(domain, on)):
        if decision.status != "eligible":
            continue
        policy = decision.policy
        match, new = HelpMatch.objects.get_or_create(
            household=household, policy_code=policy.code, application=application,
            defaults={"policy_name": policy.name, "owner": policy.owner, "in_statute": policy.in_statute,
                      "kind": policy.category, "benefit_kind": policy.benefit.kind, "amount": decision.amount,
                      "period": policy.benefit.period, "explanation": decision.as_dict(),
                      "due_on": add_working_days(on, policy.deadline_days or 20)})
        if not new:
            continue
        owner = Organization.objects.filter(name=policy.owner).first()
        if owner is not None:
            title = _("{policy}：家庭 {key}").format(policy=policy.name, key=household.key)
            with transaction.atomic():
                match.case = open_case(HELP_CASE_TYPE, title=title[:200], region=household.region, actor=_user(actor),
                                       subject=match, organization=owner, description=decision.summary())
            match.save(update_fields=["case", "updated_at"])
        audit.record("relief_match.match.pushed", actor=_user(actor), target=match,
                     data={"policy": policy.code, "owner": policy.owner, "case": match.case_id})
        created.append(match)
    return created


@transaction.atomic
def deliver_match(match: HelpMatch, *, actor, funds_in_place: bool | None = None) -> HelpMatch:
    """The owner reports the help delivered (兑现); for cash, whether the funds arrived."""
    require(actor, "relief_match.match.handle", match)
    match = HelpMatch.objects.select_for_update().get(pk=match.pk)
    if match.status != MatchStatus.PUSHED:
        raise ValidationError({"match": _("该帮扶已办结")}, code="state")
    match.status, match.delivered_at = MatchStatus.DELIVERED, timezone.now()
    match.funds_in_place = funds_in_place if match.benefit_kind == "cash" else None
    match.save(update_fields=["status", "delivered_at", "funds_in_place", "updated_at"])
    audit.record("relief_match.match.delivered", actor=actor, target=match, data={"funds_in_place": funds_in_place})
    _ledger().append(kind="relief_match.match.delivered", subject=match,
                     digest=hashlib.sha256(f"{match.pk}:{match.delivered_at.isoformat()}".encode()).hexdigest(),
                     actor=actor, data={"policy": match.policy_code, "amount": str(match.amount or "")})
    return match


@transaction.atomic
def rate_match(match: HelpMatch, *, actor, rating: int) -> HelpMatch:
    """The household rates a delivered help (1–5): the satisfaction indicator."""
    match = HelpMatch.objects.select_for_update().select_related("household").get(pk=match.pk)
    if match.household.user_id != actor.pk:
        raise PermissionDenied(_("只能评价本家庭的帮扶"))
    if match.status != MatchStatus.DELIVERED or match.rating is not None:
        raise ValidationError({"rating": _("只能评价已兑现且未评价的帮扶")}, code="state")
    if rating not in range(1, 6):
        raise ValidationError({"rating": _("满意度：应为 1 到 5")}, code="invalid")
    match.rating = rating
    match.save(update_fields=["rating", "updated_at"])
    audit.record("relief_match.match.rated", actor=actor, target=match, data={"rating": rating})
    return match


# --- 微心愿 -------------------------------------------------------------------------------------------------------

@transaction.atomic
def post_wish(*, actor, kind: str, title: str, description: str = "", kind_of_help: str = "") -> Wish:
    """A family posts a need (its own household) or a volunteer or organisation posts an offer."""
    require(actor, "relief_match.wish.post")
    if kind not in WishKind.values:
        raise ValidationError({"kind": _("类型：应为需求心愿或服务心愿")}, code="invalid")
    title = (title or "").strip()
    if not title or len(title) > 100:
        raise ValidationError({"title": _("心愿：1 到 100 个字")}, code="invalid")
    household = None
    if kind == WishKind.NEED:
        household = ReliefHousehold.objects.filter(user=actor).first()
        if household is None:
            raise PermissionDenied(_("只有救助家庭可以发布需求心愿"))
    wish = Wish.objects.create(kind=kind, household=household, poster=actor, title=title,
                               description=(description or "").strip()[:1000], kind_of_help=kind_of_help)
    audit.record("relief_match.wish.posted", actor=actor, target=wish, data={"kind": kind})
    return wish


@transaction.atomic
def claim_wish(wish: Wish, *, actor, offer: Wish | None = None) -> Wish:
    """A volunteer or organisation claims a family's need (认领), optionally with one of its offers."""
    wish = Wish.objects.select_for_update().get(pk=wish.pk)
    if wish.kind != WishKind.NEED or wish.status != WishStatus.OPEN:
        raise ValidationError({"wish": _("该心愿已被认领或不是需求心愿")}, code="state")
    if wish.household and wish.household.user_id == actor.pk:
        raise ValidationError({"wish": _("不能认领自己的心愿")}, code="own")
    if offer is not None and (offer.poster_id != actor.pk or offer.kind != WishKind.OFFER):
        raise PermissionDenied(_("只能用自己的服务心愿认领"))
    wish.status, wish.claimed_by, wish.claimed_at, wish.offer = WishStatus.CLAIMED, actor, timezone.now(), offer
    wish.save(update_fields=["status", "claimed_by", "claimed_at", "offer", "updated_at"])
    audit.record("relief_match.wish.claimed", actor=actor, target=wish)
    return wish


@transaction.atomic
def fulfil_wish(wish: Wish, *, actor) -> Wish:
    wish = Wish.objects.select_for_update().get(pk=wish.pk)
    if wish.status != WishStatus.CLAIMED or wish.claimed_by_id != actor.pk:
        raise ValidationError({"wish": _("只有认领人可以确认已实现")}, code="state")
    wish.status, wish.fulfilled_at = WishStatus.FULFILLED, timezone.now()
    wish.save(update_fields=["status", "fulfilled_at", "updated_at"])
    audit.record("relief_match.wish.fulfilled", actor=actor, target=wish)
    return wish


@transaction.atomic
def rate_wish(wish: Wish, *, actor, rating: int) -> Wish:
    wish = Wish.objects.select_for_update().get(pk=wish.pk)
    if wish.poster_id != actor.pk or wish.status != WishStatus.FULFILLED:
        raise ValidationError({"rating": _("只能评价自己已实现的心愿")}, code="state")
    if rating not in range(1, 6):
        raise ValidationError({"rating": _("评价：应为 1 到 5")}, code="invalid")
    wish.status, wish.rating = WishStatus.RATED, rating
    wish.save(update_fields=["status", "rating", "updated_at"])
    audit.record("relief_match.wish.rated", actor=actor, target=wish, data={"rating": rating})
    return wish
