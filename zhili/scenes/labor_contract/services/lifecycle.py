"""After a contract is concluded: renew, amend (supplementary agreement), rescind or terminate with the Art. 50
certificate, transfer; and, before it is signed, resend or remind the worker.

A renewal, a transfer's new contract and a supplementary agreement are ``LaborContract`` rows linked to the
earlier contract (``previous_contract``, ``relation``); they go through the same send → worker signs → seal
flow. A supplementary agreement (``document_kind=supplementary``) changes the earlier contract's terms once
both parties have signed it (Art. 35).
"""

import datetime as dt
import hashlib
import secrets
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template import Context
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation import audit, events, pii
from zhili.core.identity.permissions import require

from .. import documents
from ..choices import (
    CONCLUDED_STATUSES,
    ContractRelation,
    ContractStatus,
    DocumentKind,
    SigningChannel,
    TemplateKind,
    TerminationReason,
    TermType,
    WorkingHourSystem,
)
from ..models import ContractTemplate, IntentConfirmation, LaborContract, TemplateVersion, TerminationCertificate
from ..permissions import keeps_the_seal
from ..rules import (
    check_contract,
    dismissal_barred,
    no_fault_notice_problem,
    service_months,
    termination_ground,
    value_on,
)
from .contracts import (
    CONTRACT_FIELDS,
    _new_number,
    _record_change,
    _sign_url,
    create_contract,
    rule_data,
    sign_deadline,
)

SUPPLEMENTARY_TEMPLATE_PATH = Path(documents.__file__).parent / "templates" / "labor_contract" / "supplementary_default.html"
CERTIFICATE_TEMPLATE_PATH = Path(documents.__file__).parent / "templates" / "labor_contract" / "termination_certificate.html"
CERTIFICATE_CSS_PATH = Path(documents.__file__).parent / "templates" / "labor_contract" / "termination_certificate.css"
CERTIFICATE_SEAL_BOX = (360, 90, 480, 210)  # PDF points on the certificate's last page, bottom-left origin
CERTIFICATE_LINK_DAYS = 366
TERMINATION_INTENT_STATEMENT = "本人受用人单位授权，确认以本单位名义出具解除或终止劳动合同证明并加盖电子印章。"

# Terms a supplementary agreement may change (Art. 35), with the label shown in the agreement.
AMENDABLE_FIELDS = {
    "job_title": _("工作岗位"),
    "work_place": _("工作地点"),
    "working_hour_system": _("工时制度"),
    "monthly_wage": _("月工资（元）"),
    "end_date": _("合同终止日期"),
}


def _ledger():
    from zhili.core.ledger import api as ledger

    return ledger


def _contract_values(contract: LaborContract) -> dict:
    values = {name: getattr(contract, name) for name in CONTRACT_FIELDS}
    values["work_region"] = contract.work_region
    return values


def _fresh(contract: LaborContract) -> LaborContract:
    """The contract as stored now, locked for the rest of the transaction."""
    return (LaborContract.objects.select_for_update(of=("self",)).select_related("employer", "work_region")
            .get(pk=contract.pk))


def _require_concluded(contract: LaborContract, what: str) -> None:
    if contract.document_kind != DocumentKind.CONTRACT or contract.status not in CONCLUDED_STATUSES:
        raise ValidationError({"status": _("合同状态为「{status}」，只有已签订的劳动合同可以{what}").format(
            status=contract.status_choice.label, what=what)}, code="not_concluded")


# ---------------------------------------------------------------- renew

@transaction.atomic
def renew_contract(contract: LaborContract, values: dict | None = None, *, actor) -> LaborContract:
    """续订: a new draft contract following ``contract`` (same worker and employer), checked like any new one.

    Defaults: the old terms, starting the day after the old end date, with no probation (Art. 19 ¶2). Send it
    with ``send_contracts``; it is signed the same way. An open-ended offer due under Art. 14 is a warning the
    renewal's rule check reports (``renewal_warnings``).
    """
    require(actor, "labor_contract.contract.create", contract.employer)
    contract = _fresh(contract)
    _require_concluded(contract, _("续订"))
    if contract.successors.filter(relation=ContractRelation.RENEWAL).exclude(
            status__in=[ContractStatus.REVOKED, ContractStatus.REJECTED, ContractStatus.EXPIRED]).exists():
        raise ValidationError({"status": _("该合同已有续订合同，不能重复续订")}, code="already_renewed")
    new_values = _contract_values(contract)
    new_values.update(probation_months=0, probation_wage=None, signed_on=None)
    if contract.end_date:
        new_values["start_date"] = contract.end_date + dt.timedelta(days=1)
        new_values["end_date"] = None
    new_values.update(values or {})
    return create_contract(new_values, employer=contract.employer, actor=actor,
                           previous_contract=contract, relation=ContractRelation.RENEWAL)


def renewal_warnings(contract: LaborContract, values: dict | None = None) -> list[str]:
    """Warnings (not errors) the renewal of ``contract`` with ``values`` would carry, e.g. the Art. 14 offer."""
    new_values = _contract_values(contract)
    new_values.update(probation_months=0, probation_wage=None)
    if contract.end_date:
        new_values["start_date"] = contract.end_date + dt.timedelta(days=1)
    new_values.update(values or {})
    return [str(v) for v in check_contract(rule_data(new_values, contract.employer)) if v.severity == "warning"]


# ---------------------------------------------------------------- amend (supplementary agreement)

def supplementary_template_version() -> TemplateVersion:
    """The platform's supplementary-agreement template (created from the bundled text on first use)."""
    template = ContractTemplate.objects.filter(kind=TemplateKind.SUPPLEMENTARY, employer=None).first()
    if template is not None and (version := template.current_version()) is not None:
        return version
    template = template or ContractTemplate.objects.create(name=_("劳动合同变更协议（通用）"), kind=TemplateKind.SUPPLEMENTARY)
    return TemplateVersion.objects.create(template=template, number=1,
                                          body=SUPPLEMENTARY_TEMPLATE_PATH.read_text(encoding="utf-8"),
                                          basis=_("《劳动合同法》第三十五条：变更劳动合同，应当采用书面形式"))


def _shown(field: str, value) -> str:
    if value in (None, ""):
        return ""
    if field == "working_hour_system":
        return str(WorkingHourSystem(value).label)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@transaction.atomic
def amend_contract(contract: LaborContract, changes: dict, *, actor, effective_on: dt.date | None = None,
                   note: str = "") -> LaborContract:
    """变更: a draft supplementary agreement to ``contract`` listing the changed terms; send and sign it like a
    contract (worker, then seal). The contract's terms change when the agreement is completed.

    An internal change of post (内部调岗) is an amendment of ``job_title`` and ``work_place``.
    """
    require(actor, "labor_contract.contract.create", contract.employer)
    contract = _fresh(contract)
    _require_concluded(contract, _("变更"))
    unknown = sorted(set(changes) - set(AMENDABLE_FIELDS))
    if unknown:
        raise ValidationError({"changes": _("不能通过变更协议修改：{fields}").format(fields="、".join(unknown))},
                              code="not_amendable")
    amendments = [{"field": f, "label": str(AMENDABLE_FIELDS[f]), "old": _shown(f, getattr(contract, f)),
                   "new": _shown(f, value)} for f, value in changes.items() if value != getattr(contract, f)]
    if not amendments:
        raise ValidationError({"changes": _("变更内容：至少要有一项与原合同不同")}, code="no_change")
    merged = {**_contract_values(contract), **changes}
    errors: dict[str, list[str]] = {}
    for violation in check_contract(rule_data(merged, contract.employer, with_history=False)):
        if violation.severity == "error" and violation.field in changes:
            errors.setdefault(violation.field, []).append(str(violation))
    if errors:
        raise ValidationError(errors)
    if contract.term_type == TermType.FIXED_TERM and "end_date" in changes and changes["end_date"] is None:
        raise ValidationError({"end_date": _("固定期限劳动合同必须写明终止日期（《劳动合同法》第十三条）")})
    count = contract.successors.filter(relation=ContractRelation.AMENDMENT).count() + 1
    agreement = LaborContract(
        number=_new_number(), employer=contract.employer, template_version=supplementary_template_version(),
        worker=contract.worker, document_kind=DocumentKind.SUPPLEMENTARY, previous_contract=contract,
        relation=ContractRelation.AMENDMENT, amendments=amendments, status=ContractStatus.DRAFT,
        work_region=contract.work_region, created_by=actor if getattr(actor, "pk", None) else None,
        idempotency_key=f"{contract.idempotency_key}:amend:{count}"[:120],
        **{name: merged[name] for name in CONTRACT_FIELDS if merged.get(name) not in (None, "")})
    agreement.start_date = effective_on or timezone.localdate()
    agreement.probation_months, agreement.probation_end_date = 0, None
    agreement.save()
    _record_change(agreement, "", ContractStatus.DRAFT, actor=actor,
                   note=_("变更协议：{number}").format(number=contract.number))
    _record_change(contract, contract.status, contract.status, actor=actor,
                   note=_("拟订变更协议 {number}：{fields}").format(
                       number=agreement.number, fields="、".join(a["label"] for a in amendments))[:500])
    audit.record("labor_contract.contract.amendment_drafted", actor=actor, target=contract,
                 data={"agreement": agreement.number, "amendments": amendments, "note": note[:500]})
    events.publish("labor_contract.contract.created", contract_id=agreement.pk, employer_id=contract.employer_id)
    return agreement


def _apply_amendment(agreement: LaborContract, *, actor) -> None:
    """The agreement is signed by both parties: the earlier contract's terms become the agreed ones."""
    contract = LaborContract.objects.select_for_update().get(pk=agreement.previous_contract_id)
    fields = []
    for change in agreement.amendments:
        setattr(contract, change["field"], getattr(agreement, change["field"]))
        fields.append(change["field"])
    contract.save(update_fields=[*fields, "updated_at"])
    _record_change(contract, contract.status, contract.status, actor=actor,
                   note=_("变更协议 {number} 已签订，合同条款已变更").format(number=agreement.number))
    audit.record("labor_contract.contract.amended", actor=actor, target=contract,
                 data={"agreement": agreement.number, "amendments": agreement.amendments})
    events.publish("labor_contract.contract.amended", contract_id=contract.pk, agreement_id=agreement.pk)


def after_completion(contract: LaborContract, *, actor) -> None:
    """What follows a completed signature: an agreement changes its contract; a contract is filed (备案)."""
    from .filing import file_contract

    if contract.document_kind == DocumentKind.SUPPLEMENTARY:
        _apply_amendment(contract, actor=actor)
    else:
        file_contract(contract, actor=actor)


# ---------------------------------------------------------------- rescind / terminate, with the Art. 50 certificate

def _first_start(contract: LaborContract):
    """The start of continuous service: the earliest contract in the chain of renewals and transfers (LCL-IR
    Art. 10 counts years with the former employer when the worker was moved not of their own accord)."""
    start, seen, current = contract.start_date, set(), contract
    while current.previous_contract_id and current.previous_contract_id not in seen:
        seen.add(current.previous_contract_id)
        current = current.previous_contract
        start = min(start, current.start_date)
    return start


def _service_text(months: int) -> str:
    years, rest = divmod(months, 12)
    return _("{years} 年 {months} 个月").format(years=years, months=rest)


def _certificate_pdf(contract, *, number, reason, reference, outcome, ended_on, months, note) -> bytes:
    from zhili.core.esign.api import render_pdf

    term = contract.start_date.isoformat() + " 至 " + (contract.end_date.isoformat() if contract.end_date
                                                      else str(contract.get_term_type_display()))
    ended_label = _("解除") if outcome == ContractStatus.RESCINDED else _("终止")
    html = documents._engine.from_string(CERTIFICATE_TEMPLATE_PATH.read_text(encoding="utf-8")).render(Context({
        "title": _("解除劳动合同证明") if outcome == ContractStatus.RESCINDED else _("终止劳动合同证明"),
        "number": number, "contract": contract, "employer": contract.employer,
        "id_number": contract.worker_id_number, "term": term, "ended_label": ended_label, "ended_on": ended_on,
        "reason": TerminationReason(reason).label, "reference": reference, "service": _service_text(months),
        "note": note, "issued_on": timezone.localdate()}))
    return render_pdf("{{ html|safe }}", {"html": html}, css=CERTIFICATE_CSS_PATH.read_text(encoding="utf-8"))


def _seal_certificate(contract, pdf: bytes, *, actor, ip_address, user_agent) -> tuple[bytes, str]:
    """Sign the certificate with the employer's organisation certificate (and seal image if uploaded)."""
    from zhili.core.esign import api as esign

    from .signing import active_seal, employer_key_authorization

    now = timezone.now()
    digest = hashlib.sha256(pdf).hexdigest()
    intent = IntentConfirmation.objects.create(
        contract=contract, user=actor, role="employer", statement=TERMINATION_INTENT_STATEMENT, document_sha256=digest,
        confirmed_at=now, ip_address=ip_address, user_agent=(user_agent or "")[:300], consumed_at=now,
        signature_method="seal")
    certificate, authorization = employer_key_authorization(contract, intent, actor=actor)
    seal = active_seal(contract.employer)
    signed = esign.sign_pdf(
        pdf, authorization=authorization, signer_certificate=certificate, role="employer", field_name="EmployerSeal",
        page=documents.page_count(pdf) - 1, box=CERTIFICATE_SEAL_BOX,
        stamp_image=bytes(seal.image) if seal is not None else None,
        stamp_text=None if seal is not None else contract.employer.name,
        reason=_("出具解除或终止劳动合同证明"), location=(contract.employer.address or contract.work_place)[:100],
        subject=contract, actor=actor)
    return signed, certificate.serial_number


@transaction.atomic
def terminate_contract(contract: LaborContract, *, reason: str, ended_on: dt.date, actor, confirmed: bool,  # noqa: C901, PLR0912, PLR0913
                       note: str = "", ip_address=None, user_agent: str = "", notice_given_on: dt.date | None = None,
                       pay_in_lieu: bool = False, protections=(), no_protection_confirmed: bool = False,
                       ) -> TerminationCertificate:
    """解除 / 终止: end a concluded contract for a reason with its article, and issue the Art. 50 certificate.

    A no-fault dismissal (Art. 40) needs written notice ``no_fault_notice_days`` before ``ended_on``
    (``notice_given_on``) or a month's wage in lieu (``pay_in_lieu``). Art. 40 and 41 dismissals are refused
    while the worker is in a circumstance of Art. 42 (``protections``, codes of the rule
    ``dismissal_protections``); when none is named, HR must confirm that none applies.

    The certificate (term, end date, post, years of service — LCL-IR Art. 24) is rendered as a PDF, sealed with
    the employer's organisation certificate, stored, appended to the ledger and sent to the worker by SMS and
    in the app with a link to download it. Only an employer administrator or seal keeper may do this.
    """
    from zhili.core.notify import api as notify

    if not keeps_the_seal(actor, contract.employer):
        raise PermissionDenied(_("只有本单位的单位管理员或印章管理员可以解除或终止劳动合同并出具证明"))
    contract = (LaborContract.objects.select_for_update(of=("self",)).select_related("employer")
                .get(pk=contract.pk))
    _require_concluded(contract, _("解除或终止"))
    errors = {}
    ground = termination_ground(reason, ended_on) if ended_on else None
    if ground is None:
        errors["reason"] = _("解除或终止原因：请从列表中选择（须有法定依据，《劳动合同法实施条例》第十三条）")
    if ended_on is None:
        errors["ended_on"] = _("解除或终止日期：必须填写")
    elif ended_on < contract.start_date:
        errors["ended_on"] = _("解除或终止日期：不能早于合同开始日期 {start}").format(start=contract.start_date.isoformat())
    elif reason == TerminationReason.EXPIRY and (contract.end_date is None or ended_on < contract.end_date):
        errors["ended_on"] = _("解除或终止日期：合同期满终止的日期不能早于合同终止日期（《劳动合同法》第四十四条第一项）")
    if not confirmed:
        errors["confirm"] = _("确认：请勾选确认以本单位名义出具证明并加盖电子印章")
    protections = sorted(set(protections or ()))
    day = ended_on or timezone.localdate()
    for violation in dismissal_barred(reason, protections, day):
        errors.setdefault("protections", []).append(str(violation))
    if reason in value_on("protected_dismissal_reasons", day).value and not protections and not no_protection_confirmed:
        errors["no_protection"] = _("受保护情形：请确认劳动者不属于不得解除劳动合同的情形（《劳动合同法》第四十二条）")
    if reason == TerminationReason.EMPLOYER_NO_FAULT and ended_on is not None:
        problem = no_fault_notice_problem(notice_given_on, pay_in_lieu, ended_on)
        if problem is not None:
            errors["notice_given_on"] = str(problem)
    if errors:
        raise ValidationError(errors)
    outcome, reference = ground
    dismissal = {}
    if reason == TerminationReason.EMPLOYER_NO_FAULT:
        dismissal = {"notice_given_on": notice_given_on.isoformat() if notice_given_on else None,
                     "pay_in_lieu": bool(pay_in_lieu)}
    if reason in value_on("protected_dismissal_reasons", day).value:
        dismissal["no_protection_confirmed"] = True
    months = service_months(_first_start(contract), ended_on)
    number = f"TC{timezone.localdate():%Y%m%d}{secrets.token_hex(5).upper()}"
    pdf = _certificate_pdf(contract, number=number, reason=reason, reference=reference, outcome=outcome,
                           ended_on=ended_on, months=months, note=(note or "")[:500])
    signed, serial = _seal_certificate(contract, pdf, actor=actor, ip_address=ip_address, user_agent=user_agent)
    certificate = TerminationCertificate.objects.create(
        contract=contract, number=number, reason=reason, reference=reference, ended_on=ended_on,
        service_months=months, note=(note or "")[:500], pdf=signed, sha256=hashlib.sha256(signed).hexdigest(),
        certificate_serial=serial, issued_by=actor)
    previous = contract.status
    contract.status, contract.ended_on, contract.end_reason = outcome, ended_on, reason
    contract.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    _record_change(contract, previous, outcome, actor=actor,
                   note=f"{TerminationReason(reason).label}（{reference}）"[:500])
    audit.record(f"labor_contract.contract.{outcome}", actor=actor, target=contract, ip_address=ip_address,
                 data={"reason": reason, "reference": reference, "ended_on": ended_on, "certificate": number,
                       "sha256": certificate.sha256, "service_months": months, **dismissal})
    _ledger().append(kind=f"labor_contract.contract.{outcome}", subject=contract, digest=certificate.sha256,
                     actor=actor, data={"number": contract.number, "certificate": number, "reason": reason,
                                        "reference": reference, "ended_on": ended_on.isoformat(), **dismissal})
    link = notify.make_short_link(reverse("labor_contract:termination_pdf", args=[contract.number]),
                                  expires_in=dt.timedelta(days=CERTIFICATE_LINK_DAYS), actor=actor, subject=contract)
    params = {"employer": contract.employer.name, "number": contract.number, "ended_on": ended_on.isoformat(),
              "url": link.url}
    notify.send_sms(contract.worker_phone, "labor_contract_termination_certificate", params, recipient=contract.worker,
                    dedup_key=f"labor_contract:termination:sms:{contract.pk}", actor=actor)
    if contract.worker is not None:
        notify.send_in_app(contract.worker, "labor_contract_termination_certificate", params,
                           dedup_key=f"labor_contract:termination:in_app:{contract.pk}", actor=actor)
    events.publish(f"labor_contract.contract.{outcome}", contract_id=contract.pk, reason=reason)
    return certificate


# ---------------------------------------------------------------- transfer (调动)

@transaction.atomic
def transfer_contract(contract: LaborContract, *, to_employer, values: dict | None = None, ended_on: dt.date, actor,
                      confirmed: bool, ip_address=None, user_agent: str = "") -> LaborContract:
    """调动 to another employer: rescind here by agreement (with the certificate) and draft the new employer's
    contract linked to this one, so service years carry over (LCL-IR Art. 10). The actor must be HR of both
    (e.g. a group's HR office). A change of post inside the employer is ``amend_contract`` instead.
    """
    require(actor, "labor_contract.contract.create", to_employer)
    if to_employer.pk == contract.employer_id:
        raise ValidationError({"to_employer": _("调入单位：与原单位相同，单位内部调岗请使用变更协议")}, code="same_employer")
    terminate_contract(contract, reason=TerminationReason.TRANSFER, ended_on=ended_on, actor=actor, confirmed=confirmed,
                       note=_("调动至 {employer}").format(employer=to_employer.name), ip_address=ip_address,
                       user_agent=user_agent)
    new_values = _contract_values(contract)
    new_values.update(start_date=ended_on + dt.timedelta(days=1), probation_months=0, probation_wage=None,
                      signed_on=None, work_region=None)
    new_values.update(values or {})
    return create_contract(new_values, employer=to_employer, actor=actor, previous_contract=contract,
                           relation=ContractRelation.TRANSFER)


# ---------------------------------------------------------------- resend and remind

def _invite_again(contract: LaborContract, *, actor, template: str, action: str) -> LaborContract:
    from zhili.core.notify import api as notify

    from .signing import worker_may_sign_status

    require(actor, "labor_contract.contract.send", contract)
    contract = LaborContract.objects.select_for_update(of=("self",)).select_related("employer").get(pk=contract.pk)
    awaiting = contract.status == worker_may_sign_status(contract)
    if not awaiting and contract.status != ContractStatus.EXPIRED:
        raise ValidationError({"status": _("合同状态为「{status}」，不是等待劳动者签署，不能发送签署短信").format(
            status=contract.status_choice.label)}, code="not_awaiting_worker")
    now, today = timezone.now(), timezone.localdate()
    cooldown = value_on("invitation_resend_cooldown_minutes", today).value
    if contract.last_invited_at and now - contract.last_invited_at < dt.timedelta(minutes=cooldown):
        raise ValidationError({"resend": _("{minutes} 分钟内已向该劳动者发送过签署短信，请稍后再试（避免重复打扰劳动者）").format(
            minutes=cooldown)}, code="cooldown")
    fields = ["last_invited_at", "updated_at"]
    if contract.status == ContractStatus.EXPIRED or not contract.sign_deadline or contract.sign_deadline < today:
        previous = contract.status
        contract.sign_url = _sign_url(contract, actor=actor)
        contract.sign_deadline = sign_deadline(today)
        fields += ["sign_url", "sign_deadline"]
        if previous == ContractStatus.EXPIRED:
            contract.status = ContractStatus.SENT
            fields.append("status")
            _record_change(contract, previous, ContractStatus.SENT, actor=actor, note=_("重新发送签署邀请"))
    contract.last_invited_at = now
    if contract.channel != SigningChannel.REMOTE:
        contract.channel = SigningChannel.REMOTE
        fields.append("channel")
    contract.save(update_fields=fields)
    params = {"employer": contract.employer.name, "url": contract.sign_url,
              "deadline": contract.sign_deadline.isoformat()}
    notify.send_sms(contract.worker_phone, template, params, recipient=contract.worker,
                    dedup_key=f"labor_contract:{action}:{contract.pk}:{now.timestamp():.0f}", actor=actor)
    if contract.worker is not None:
        notify.send_in_app(contract.worker, template, params,
                           dedup_key=f"labor_contract:{action}:in_app:{contract.pk}:{now.timestamp():.0f}", actor=actor)
    audit.record(f"labor_contract.contract.{action}", actor=actor, target=contract,
                 data={"sign_deadline": contract.sign_deadline, "phone": pii.mask_phone(contract.worker_phone)})
    return contract


@transaction.atomic
def resend_invitation(contract: LaborContract, *, actor) -> LaborContract:
    """Send the signing SMS again (a new link and deadline if the old one lapsed); not twice within the cool-down."""
    return _invite_again(contract, actor=actor, template="labor_contract_sign_invite", action="invitation_resent")


@transaction.atomic
def remind_worker(contract: LaborContract, *, actor) -> LaborContract:
    """Remind the worker by SMS (and in the app) that a contract awaits their signature; same cool-down."""
    return _invite_again(contract, actor=actor, template="labor_contract_sign_reminder", action="worker_reminded")
