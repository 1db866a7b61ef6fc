"""The employer's seal: its placement, the key-use authorization of the administrator, applying it."""


from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events

from .. import documents
from ..choices import (
    ContractStatus,
    DocumentStage,
    SignatureMethod,
)
from ..models import (
    CompanySeal,
    IntentConfirmation,
    LaborContract,
    SealPlacement,
)
from ..permissions import keeps_the_seal
from .common import _ledger, _record_change
from .completion import _complete
from .pdfs import _esign, _pdf, _store_document, current_document
from .progress import employer_may_seal_status
from .signing import _locked

SEAL_FIELD = "EmployerSeal"


SEAL_INTENT_STATEMENT = "本人受用人单位授权，确认以本单位名义对本劳动合同加盖电子印章。"


def seal_placement(contract: LaborContract) -> tuple[int, float, float, float]:
    """Where the seal goes on this contract: (page, x, y, size) in PDF points; page 0 means the last page."""
    placement = SealPlacement.objects.filter(employer_id=contract.employer_id,
                                             template_version_id=contract.template_version_id).first()
    if placement is not None:
        return placement.page, float(placement.x), float(placement.y), float(placement.size)
    version = contract.template_version
    if version is None:
        return 0, 120.0, 640.0, 120.0
    return version.seal_page, float(version.seal_x), float(version.seal_y), 120.0


def employer_key_authorization(contract, intent: IntentConfirmation, *, actor, extra_intent: dict | None = None):
    """The employer's organisation certificate and a key-use authorization for it, bound to the staff member's
    platform session (identity) and the seal confirmation ``intent`` (its statement and document digest), plus
    ``extra_intent`` (the seal image's digest when a seal is applied). Used for sealing a contract and for the
    Art. 50 certificate."""
    esign = _esign()
    certificate = esign.issue_organization_certificate(contract.employer, actor=actor)
    verified_at = actor.verified_at or actor.last_login or intent.confirmed_at
    authorization = esign.authorize_key_use(
        certificate,
        identity_evidence={"user_id": actor.pk, "method": actor.verification_method or "platform_login",
                           "verified_at": verified_at.isoformat(), "login": "platform_session"},
        intent_evidence={"confirmation_id": f"labor_contract.intent:{intent.pk}", "method": "checkbox_confirm_seal",
                         "confirmed_at": intent.confirmed_at.isoformat(), "document_sha256": intent.document_sha256,
                         "statement": intent.statement, **(extra_intent or {})},
    )
    return certificate, authorization


def active_seal(employer) -> CompanySeal | None:
    return CompanySeal.objects.filter(employer=employer, is_active=True).order_by("-id").first()


@transaction.atomic
def apply_seal(contract: LaborContract, *, actor, confirmed: bool, ip_address=None, user_agent: str = "") -> LaborContract:
    """加盖电子印章: sign with the organisation's certificate and seal image at the stored position.

    Only an active employer administrator or seal keeper of the contract's employer may do it, after ticking
    the confirmation. When the worker has signed already this concludes the contract (B-LTA, notification).
    """
    esign = _esign()
    if not keeps_the_seal(actor, contract.employer):
        raise PermissionDenied(_("只有本单位的单位管理员或印章管理员可以加盖本单位电子印章"))
    contract = _locked(contract)
    if contract.status != employer_may_seal_status(contract):
        raise ValidationError({"status": _("合同状态为「{status}」，现在不能盖章").format(
            status=contract.status_choice.label)}, code="not_sealable")
    if not confirmed:
        raise ValidationError({"confirm": _("确认盖章：请勾选确认以本单位名义加盖电子印章")}, code="not_confirmed")
    seal = active_seal(contract.employer)
    if seal is None:
        raise ValidationError({"seal": _("电子印章：本单位尚未上传印章图片")}, code="no_seal")
    document = current_document(contract)
    if document is None:
        raise ValidationError({"document": _("合同文件尚未生成")}, code="no_document")
    pdf = _pdf(document)
    page, x, y, size = seal_placement(contract)
    pages = documents.page_count(pdf)
    page_index = pages - 1 if page == 0 else min(page, pages) - 1
    now = timezone.now()
    intent = IntentConfirmation.objects.create(
        contract=contract, user=actor, role="employer", statement=SEAL_INTENT_STATEMENT, document_sha256=document.sha256,
        confirmed_at=now, ip_address=ip_address, user_agent=(user_agent or "")[:300])
    certificate, authorization = employer_key_authorization(contract, intent, actor=actor,
                                                            extra_intent={"seal_sha256": seal.sha256})
    box = (round(x), round(y), round(x + size), round(y + size))
    sealed = esign.sign_pdf(
        pdf, authorization=authorization, signer_certificate=certificate, role="employer", field_name=SEAL_FIELD,
        page=page_index, box=box, stamp_image=bytes(seal.image), reason=_("订立劳动合同（甲方盖章）"),
        location=contract.work_place[:100], actor=actor)
    intent.consumed_at, intent.signature_method = timezone.now(), SignatureMethod.SEAL
    intent.save(update_fields=["consumed_at", "signature_method", "updated_at"])
    stored = _store_document(contract, DocumentStage.EMPLOYER_SIGNED, sealed)
    previous = contract.status
    contract.employer_signed_at = now
    contract.status = ContractStatus.EMPLOYER_SIGNED
    contract.save(update_fields=["status", "employer_signed_at", "updated_at"])
    _record_change(contract, previous, ContractStatus.EMPLOYER_SIGNED, actor=actor)
    audit.record("labor_contract.contract.sealed", actor=actor, target=contract, ip_address=ip_address,
                 data={"sha256": stored.sha256, "intent_id": intent.pk, "certificate": certificate.serial_number,
                       "box": list(box), "page": page_index + 1})
    _ledger().append(kind="labor_contract.contract.sealed", subject=contract, digest=stored.sha256, actor=actor,
                     data={"number": contract.number, "intent_id": intent.pk,
                           "certificate": certificate.serial_number})
    events.publish("labor_contract.contract.sealed", contract_id=contract.pk)
    if previous == ContractStatus.WORKER_SIGNED:
        _complete(contract, sealed, actor=actor)
    return contract
