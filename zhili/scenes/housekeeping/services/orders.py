"""Finding and ordering (找家政): a request, a nearby match, the agency's acceptance, the three-party contract
signed on core.esign, the check-in at the address, completion and cancellation."""

import datetime as dt
import hashlib
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require
from zhili.core.ledger import api as ledger

from .. import matching
from ..choices import Language, OrderStatus, ServiceKind
from ..models import Order, ServiceRequest, Worker
from ..rules import rule
from . import common
from .common import signer_role

CONTRACT_STATEMENT = "本人已阅读本家政服务合同全部内容，确认是本人真实意思表示，同意以电子签名方式签署。"
SIGNATURE_BOXES = {"customer": (40, 40, 210, 110), "worker": (215, 40, 385, 110), "agency": (390, 40, 560, 110)}
SIGNER_LABELS = {"customer": "甲方（客户）", "agency": "乙方（家政服务机构）", "worker": "丙方（家政服务员）"}


@transaction.atomic
def request_service(*, customer, service: str, starts_at, hours, budget_per_hour=None, languages=(), note: str = "",
                    address: str | None = None, latitude=None, longitude=None, actor):
    """Record a customer's request; the address defaults to theirs; one that cannot be located is asked again."""
    require(actor, "housekeeping.customer.use", None)
    if customer.user_id != actor.pk:
        raise PermissionDenied(_("只能为本人提出服务需求"))
    if service not in ServiceKind.values:
        raise ValidationError({"service": _("服务项目不在可选范围内")}, code="invalid_choice")
    if address:
        latitude, longitude = common.location(latitude, longitude)
    else:
        address, latitude, longitude = customer.address, customer.latitude, customer.longitude
    if not isinstance(starts_at, dt.datetime):
        raise ValidationError({"starts_at": _("请填写上门时间")}, code="required")
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("上门时间须晚于现在")}, code="past")
    hours = common.money(hours, "hours", _("服务时长"))
    budget = common.money(budget_per_hour, "budget_per_hour", _("每小时预算")) if budget_per_hour else None
    request = ServiceRequest.objects.create(
        customer=customer, region=customer.region, service=service, address=address[:300], latitude=latitude,
        longitude=longitude, starts_at=starts_at, hours=hours, budget_per_hour=budget,
        languages=common.choices(languages, "languages", Language, _("语言"), at_least_one=False),
        note=(note or "")[:300])
    audit.record("housekeeping.request.made", actor=actor, target=request, data={"service": service})
    return request


def need_of(request: ServiceRequest) -> matching.Need:
    return matching.Need(request.service, request.latitude, request.longitude, request.budget_per_hour,
                         tuple(request.languages))


@transaction.atomic
def book_worker(request: ServiceRequest, *, worker: Worker, actor) -> Order:
    """The customer picks one of the matched workers; the order goes to the worker's agency to accept."""
    require(actor, "housekeeping.customer.use", None)
    if request.customer.user_id != actor.pk:
        raise PermissionDenied(_("只能为本人的需求下单"))
    if request.orders.exclude(status__in=[OrderStatus.CANCELLED, OrderStatus.DECLINED]).exists():
        raise ValidationError({"request": _("该需求已下单")}, code="already_ordered")
    matches = {c.worker_id: c for c in matching.nearby(need_of(request), limit=10, day=timezone.localdate())}
    candidate = matches.get(worker.pk)
    if candidate is None:
        raise ValidationError({"worker": _("该服务员不在本需求的推荐名单中（须为绿码、可接单、在服务范围内）")},
                              code="not_matched")
    order = Order.objects.create(
        request=request, customer=request.customer, worker=worker, agency=worker.agency, region=request.region,
        number="", price_per_hour=worker.hourly_price, amount=(worker.hourly_price * request.hours).quantize(
            worker.hourly_price), match_score=round(candidate.score, 2), match_explanation=candidate.explanation())
    order.number = f"JZ{timezone.localdate():%Y%m%d}{order.pk:06d}"
    order.save(update_fields=["number"])
    audit.record("housekeeping.order.booked", actor=actor, target=order,
                 data={"worker": worker.code_key, "score": str(order.match_score)})
    events.publish("housekeeping.order.booked", order_id=order.pk, agency_id=order.agency_id)
    return order


def _locked(order: Order, *expected: str) -> Order:
    order = Order.objects.select_for_update().select_related("request", "customer", "worker", "agency").get(
        pk=order.pk)
    if order.status not in expected:
        raise ValidationError({"status": _("订单状态为「{status}」，不能办理此事项").format(
            status=order.status_choice.label)}, code="wrong_status")
    return order


def render_contract(order: Order) -> bytes:
    """The three-party service contract as PDF (customer, agency, worker; service, time, place, price)."""
    from zhili.core.esign.api import render_pdf

    return render_pdf("", {"o": order, "labels": SIGNER_LABELS, "service": ServiceKind(order.request.service).label,
                           "today": timezone.localdate()}, template_name="housekeeping/contract_pdf.html")


@transaction.atomic
def accept_order(order: Order, *, actor) -> Order:
    """The agency accepts: the response time is kept and the three-party contract is drawn up for signing."""
    require(actor, "housekeeping.agency.manage", order.agency)
    order = _locked(order, OrderStatus.OFFERED)
    now = timezone.now()
    order.status, order.accepted_at = OrderStatus.ACCEPTED, now
    order.response_minutes = max(0, int((now - order.request.created_at).total_seconds() // 60))
    pdf = render_contract(order)
    order.contract_pdf, order.contract_sha256 = pdf, hashlib.sha256(pdf).hexdigest()
    order.save()
    audit.record("housekeeping.order.accepted", actor=actor, target=order,
                 data={"response_minutes": order.response_minutes, "contract_sha256": order.contract_sha256})
    return order


@transaction.atomic
def decline_order(order: Order, *, note: str = "", actor) -> Order:
    require(actor, "housekeeping.agency.manage", order.agency)
    order = _locked(order, OrderStatus.OFFERED)
    order.status, order.closing_note = OrderStatus.DECLINED, (note or "")[:300]
    order.save(update_fields=["status", "closing_note", "updated_at"])
    audit.record("housekeeping.order.declined", actor=actor, target=order, data={"note": order.closing_note})
    return order


def _page_count(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"])


@transaction.atomic
def sign_contract(order: Order, *, actor, agreed: bool, document_sha256: str) -> Order:
    """One party signs the contract they were shown (its SHA-256) with their own certificate (PAdES B-T).

    The customer and the worker sign as persons (real-name verified); the agency's administrator applies the
    agency's seal certificate. When all three have signed, the contract goes to B-LTA, the order is scheduled
    and the completed contract is appended to the evidence ledger.
    """
    from zhili.core.esign import api as esign

    role = signer_role(actor, order)
    if role is None:
        raise PermissionDenied(_("只有合同三方可以签署"))
    order = _locked(order, OrderStatus.ACCEPTED)
    if not agreed:
        raise ValidationError({"agree": _("签署意愿：请勾选确认后再签署")}, code="not_agreed")
    if (document_sha256 or "").strip().lower() != order.contract_sha256:
        raise ValidationError({"document_sha256": _("合同文件已变化，请重新阅读后再签署")}, code="document_changed")
    if getattr(order, f"{role}_signed_at"):
        raise ValidationError({"contract": _("您已签署本合同")}, code="already_signed")
    now = timezone.now()
    if role == "agency":
        certificate = esign.issue_organization_certificate(order.agency.organization, actor=actor)
        name = order.agency.name
    else:
        if not actor.is_verified:
            raise ValidationError({"identity": _("签署前须完成实名认证（姓名与身份证号码）")}, code="not_verified")
        certificate = esign.issue_person_certificate(actor, actor=actor)
        name = actor.name
    verified_at = actor.verified_at or actor.last_login or now
    authorization = esign.authorize_key_use(
        certificate,
        identity_evidence={"user_id": actor.pk, "method": actor.verification_method or "platform_login",
                           "verified_at": verified_at.isoformat(), "login": "platform_session"},
        intent_evidence={"confirmation_id": f"housekeeping.contract:{order.pk}:{role}", "method": "checkbox",
                         "confirmed_at": now.isoformat(), "document_sha256": order.contract_sha256,
                         "statement": CONTRACT_STATEMENT}, actor=actor)
    pdf = bytes(order.contract_pdf)
    stamp = _("{label}：{name}\n签署时间：{time}").format(label=SIGNER_LABELS[role], name=name,
                                                      time=esign.chinese_time(now))
    signed = esign.sign_pdf(pdf, authorization=authorization, signer_certificate=certificate, role=role,
                            field_name=f"Housekeeping{role.title()}Signature", page=_page_count(pdf) - 1,
                            box=SIGNATURE_BOXES[role], stamp_text=stamp, reason=_("签署家政服务合同"),
                            subject=order, actor=actor)
    setattr(order, f"{role}_signed_at", now)
    order.contract_pdf, order.contract_sha256 = signed, hashlib.sha256(signed).hexdigest()
    data = {"order": order.number, "role": role, "sha256": order.contract_sha256,
            "certificate": certificate.serial_number}
    audit.record("housekeeping.contract.signed", actor=actor, target=order, data=data)
    ledger.append(kind="housekeeping.contract.signed", subject=order, actor=actor, digest=order.contract_sha256,
                  data=data)
    if order.customer_signed_at and order.worker_signed_at and order.agency_signed_at:
        completed = esign.complete_document(signed)
        order.contract_pdf, order.contract_sha256 = completed, hashlib.sha256(completed).hexdigest()
        order.status = OrderStatus.SCHEDULED
        data = {"order": order.number, "sha256": order.contract_sha256}
        audit.record("housekeeping.contract.completed", actor=actor, target=order, data=data)
        ledger.append(kind="housekeeping.contract.completed", subject=order, actor=actor,
                      digest=order.contract_sha256, data=data)
        events.publish("housekeeping.contract.completed", order_id=order.pk)
    order.save()
    return order


@transaction.atomic
def check_in(order: Order, *, latitude, longitude, actor) -> Order:
    """The worker checks in at the address (上门签到): the phone's position must lie within the dated radius."""
    order = _locked(order, OrderStatus.SCHEDULED)
    if order.worker.user_id != actor.pk:
        raise PermissionDenied(_("只有本单服务员可以签到"))
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise ValidationError({"location": _("未取得手机定位，请允许定位后重试")}, code="no_location") from None
    metres = int(round(matching.distance_km(lat, lon, order.request.latitude, order.request.longitude) * 1000))
    limit = int(rule("check_in_radius_m", timezone.localdate()).value)
    if metres > limit:
        raise ValidationError({"location": _("当前位置距服务地址 {m} 米，超过 {limit} 米，请到达后再签到").format(
            m=metres, limit=limit)}, code="too_far")
    order.status, order.checked_in_at, order.check_in_distance_m = OrderStatus.IN_SERVICE, timezone.now(), metres
    order.save(update_fields=["status", "checked_in_at", "check_in_distance_m", "updated_at"])
    audit.record("housekeeping.order.checked_in", actor=actor, target=order, data={"distance_m": metres})
    return order


@transaction.atomic
def finish_order(order: Order, *, actor) -> Order:
    """The worker (or their agency) marks the service done; the customer may then rate it."""
    order = _locked(order, OrderStatus.IN_SERVICE)
    if signer_role(actor, order) not in ("worker", "agency"):
        raise PermissionDenied(_("只有本单服务员或其机构可以确认完成"))
    order.status, order.finished_at = OrderStatus.DONE, timezone.now()
    order.save(update_fields=["status", "finished_at", "updated_at"])
    audit.record("housekeeping.order.finished", actor=actor, target=order, data={})
    from .credit import note_first_order

    note_first_order(order.worker_id)
    events.publish("housekeeping.order.finished", order_id=order.pk, worker_id=order.worker_id)
    return order


@transaction.atomic
def cancel_order(order: Order, *, note: str, actor) -> Order:
    """The customer or the agency cancels before the service starts, with a reason.

    Once anyone has signed the three-party contract, cancelling revokes it: the platform issues a revocation
    notice (合同撤销通知书) naming the contract by its SHA-256, who cancelled, when and why, sealed with the
    platform's certificate (PAdES B-T) and appended to the evidence ledger with the contract's digest. The signed
    contract is left as it was signed (a signature cannot be taken back), so the notice is what shows it void.
    """
    order = _locked(order, OrderStatus.OFFERED, OrderStatus.ACCEPTED, OrderStatus.SCHEDULED)
    role = signer_role(actor, order)
    if role not in ("customer", "agency"):
        raise PermissionDenied(_("只有客户或家政机构可以取消订单"))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写取消原因")}, code="required")
    order.status, order.closing_note = OrderStatus.CANCELLED, note[:300]
    fields = ["status", "closing_note", "updated_at"]
    data = {"note": order.closing_note}
    if order.customer_signed_at or order.worker_signed_at or order.agency_signed_at:
        notice = _revocation_notice(order, role=role, actor=actor)
        order.revocation_pdf, order.revocation_sha256 = notice, hashlib.sha256(notice).hexdigest()
        fields += ["revocation_pdf", "revocation_sha256"]
        data.update(contract_sha256=order.contract_sha256, revocation_sha256=order.revocation_sha256, by=role)
    order.save(update_fields=fields)
    audit.record("housekeeping.order.cancelled", actor=actor, target=order, data=data)
    if order.revocation_sha256:
        ledger.append(kind="housekeeping.contract.revoked", subject=order, actor=actor,
                      digest=order.revocation_sha256, data={"order": order.number, **data})
        events.publish("housekeeping.contract.revoked", order_id=order.pk)
    return order


def _revocation_notice(order: Order, *, role: str, actor) -> bytes:
    """The revocation notice as PDF, sealed by the platform (its evidence-service certificate)."""
    from zhili.core.esign.api import platform_seal_pdf, render_pdf

    signed = [SIGNER_LABELS[r] for r in ("customer", "worker", "agency") if getattr(order, f"{r}_signed_at")]
    pdf = render_pdf("", {"o": order, "labels": SIGNER_LABELS, "by": SIGNER_LABELS[role], "signed": signed,
                          "service": ServiceKind(order.request.service).label, "now": timezone.localtime()},
                     template_name="housekeeping/contract_revocation_pdf.html")
    return platform_seal_pdf(pdf, subject=order, reason=_("家政服务合同撤销"), actor=actor,
                             field_name="HousekeepingRevocationSeal")
