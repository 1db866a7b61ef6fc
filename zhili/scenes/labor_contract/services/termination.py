"""Rescinding or terminating a contract, with the Art. 50 certificate sealed by the employer."""

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

from zhili.core.foundation.api import audit, events

from .. import documents
from ..choices import (
    ContractStatus,
    TerminationReason,
)
from ..models import (
    IntentConfirmation,
    LaborContract,
    TerminationCertificate,
)
from ..permissions import keeps_the_seal
from ..rules import (
    dismissal_barred,
    no_fault_notice_problem,
    service_months,
    termination_ground,
    value_on,
)
from .common import _ledger, _record_change, _require_concluded
from .sealing import active_seal, employer_key_authorization

CERTIFICATE_TEMPLATE_PATH = Path(documents.__file__).parent / "templates" / "labor_contract" / "termination_certificate.html"


CERTIFICATE_CSS_PATH = Path(documents.__file__).parent / "templates" / "labor_contract" / "termination_certificate.css"


CERTIFICATE_SEAL_BOX = (360, 90, 480, 210)  # PDF points on the certificate's last page, bottom-left origin


CERTIFICATE_LINK_DAYS = 366


TERMINATION_INTENT_STATEMENT = "本人受用人单位授权，确认以本单位名义出具解除或终止劳动合同证明并加盖电子印章。"


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
