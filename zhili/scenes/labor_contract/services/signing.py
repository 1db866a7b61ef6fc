"""The signing journey: the contract PDF, the worker's steps, the worker's signature, the seal, completion, rejection.

Worker side, in order (each step refuses to run before the one it rests on): ``confirm_worker_identity``
(the logged-in phone, the name and the ID number must match the contract) → ``acknowledge_disclosure``
(guideline Art. 6) → ``confirm_intent`` (its own step, naming the SHA-256 of the PDF shown) →
``sign_as_worker``. ``reject_contract`` is possible instead. Employer side: ``apply_seal`` by an employer
administrator or seal keeper. The party that signs last brings the PDF to PAdES B-LTA (``complete``), the
worker is notified (Art. 10), and every legally relevant step is appended to the evidence ledger.
"""


import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from zhili.core.foundation.api import audit, events, pii

from .. import documents, importing
from ..choices import (
    ContractStatus,
    DocumentStage,
    SignatureMethod,
    SigningStepKind,
)
from ..models import (
    IntentConfirmation,
    LaborContract,
    SigningStep,
)
from ..permissions import is_contract_phone
from .common import _employer_admins, _ledger, _record_change, sha256
from .completion import _complete
from .pdfs import _esign, _pdf, _store_document, current_document
from .progress import steps_done, worker_may_sign_status

WORKER_FIELD = "WorkerSignature"


# Recorded in Chinese with the intent; the page shows a translation next to it in another language.
WORKER_INTENT_STATEMENT = gettext_noop("本人已完整阅读本劳动合同，同意按上述内容订立，并使用本人的电子签名签署。")


SIGNATURE_MAX_BYTES = 300 * 1024


SIGNATURE_MAX_SIDE_PX = 2000


PHONE_MISMATCH = gettext_lazy("登录的手机号与合同预留的劳动者手机号不一致，不能签署此合同。请使用接收签署短信的手机号登录，"
                              "如手机号有变更请联系用人单位更正。")


def _check_worker(contract: LaborContract, actor) -> None:
    """Only the phone the contract names may act for the worker, and only while the contract awaits them."""
    if not getattr(actor, "is_authenticated", False) or not getattr(actor, "phone_index", ""):
        raise PermissionDenied(_("请先使用接收签署短信的手机号登录"))
    # Checked directly, not through ``can``: not even a platform administrator may sign for the worker.
    if not is_contract_phone(actor, contract):
        raise PermissionDenied(str(PHONE_MISMATCH))
    expected = worker_may_sign_status(contract)
    if contract.status != expected:
        if contract.status == ContractStatus.SENT:
            raise ValidationError({"status": _("用人单位尚未盖章，盖章后您会收到通知，届时再签署")}, code="wait_for_seal")
        raise ValidationError({"status": _("合同状态为「{status}」，不能再签署").format(status=contract.status_choice.label)},
                              code="not_signable")


def _locked(contract: LaborContract) -> LaborContract:
    return (LaborContract.objects.select_for_update(of=("self",)).select_related("employer", "template_version")
            .get(pk=contract.pk))


@transaction.atomic
def confirm_worker_identity(contract: LaborContract, *, name: str, id_number: str, actor, ip_address=None,
                            user_agent: str = "") -> SigningStep:
    """实名核验: the name and ID number given must be those on the contract and on the person's record.

    Uses identity's real-name check (which also sets the person's ``verified_at``); links the worker account
    to the contract. A mismatch raises ValidationError naming the field, and nothing is recorded.
    """
    from zhili.core.identity import api as identity
    from zhili.core.identity.api import VerificationMethod

    _check_worker(contract, actor)
    contract = _locked(contract)
    name = (name or "").strip()
    normalised = importing.normalise_id_number(id_number)
    errors = {}
    if not name:
        errors["name"] = _("姓名：必须填写")
    elif name != contract.worker_name.strip():
        errors["name"] = _("姓名：与合同载明的劳动者姓名不一致")
    if not normalised:
        errors["id_number"] = _("身份证号码：必须填写")
    else:
        from zhili.core.foundation.api import pii, validate_id_number

        try:
            validate_id_number(normalised)
        except ValidationError as exc:
            errors["id_number"] = _("身份证号码：{rule}").format(rule="；".join(exc.messages))
        else:
            if pii.blind_index(normalised) != contract.worker_id_number_index:
                errors["id_number"] = _("身份证号码：与合同载明的劳动者身份证号码不一致")
    if errors:
        raise ValidationError(errors, code="mismatch")
    identity.verify_real_name(actor, name=name, id_number=normalised, method=VerificationMethod.SMS_ID_MATCH,
                              actor=actor)
    step = SigningStep.objects.create(contract=contract, user=actor, kind=SigningStepKind.REAL_NAME,
                                      ip_address=ip_address, user_agent=(user_agent or "")[:300],
                                      data={"method": VerificationMethod.SMS_ID_MATCH, "login": "sms_otp"})
    if contract.worker_id is None:
        contract.worker = actor
        contract.save(update_fields=["worker", "updated_at"])
    audit.record("labor_contract.signing.identity_confirmed", actor=actor, target=contract, ip_address=ip_address,
                 data={"step_id": step.pk})
    return step


@transaction.atomic
def acknowledge_disclosure(contract: LaborContract, *, actor, ip_address=None, user_agent: str = "") -> SigningStep:
    """Record that the worker read and acknowledged the signing disclosure (guideline Art. 6)."""
    _check_worker(contract, actor)
    if SigningStepKind.REAL_NAME not in steps_done(contract, actor):
        raise ValidationError({"step": _("请先完成实名核验")}, code="step_order")
    step = SigningStep.objects.create(contract=contract, user=actor, kind=SigningStepKind.DISCLOSURE,
                                      text_sha256=documents.disclosure_sha256(), ip_address=ip_address,
                                      user_agent=(user_agent or "")[:300],
                                      data={"reference": documents.DISCLOSURE_REFERENCE})
    audit.record("labor_contract.signing.disclosure_acknowledged", actor=actor, target=contract,
                 ip_address=ip_address, data={"step_id": step.pk, "text_sha256": step.text_sha256})
    return step


@transaction.atomic
def confirm_intent(contract: LaborContract, *, actor, document_sha256: str, agreed: bool, ip_address=None,
                   user_agent: str = "") -> IntentConfirmation:
    """意愿确认, its own step: the worker ticks the statement for the PDF whose SHA-256 they were shown."""
    _check_worker(contract, actor)
    done = steps_done(contract, actor)
    if SigningStepKind.REAL_NAME not in done or SigningStepKind.DISCLOSURE not in done:
        raise ValidationError({"step": _("请先完成实名核验并阅读签署须知")}, code="step_order")
    if not agreed:
        raise ValidationError({"agree": _("签署意愿：请勾选确认后再继续")}, code="not_agreed")
    document = current_document(contract)
    if document is None or document.sha256 != (document_sha256 or "").strip().lower():
        raise ValidationError({"document_sha256": _("合同文件已变化，请重新阅读后再确认")}, code="document_changed")
    intent = IntentConfirmation.objects.create(
        contract=contract, user=actor, role="worker", statement=WORKER_INTENT_STATEMENT,
        document_sha256=document.sha256, confirmed_at=timezone.now(), ip_address=ip_address,
        user_agent=(user_agent or "")[:300])
    audit.record("labor_contract.signing.intent_confirmed", actor=actor, target=contract, ip_address=ip_address,
                 data={"intent_id": intent.pk, "document_sha256": intent.document_sha256})
    return intent


def _signature_png(data: bytes) -> bytes:
    """Check a drawn signature: a PNG of sensible size with some ink on it."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > SIGNATURE_MAX_BYTES:
        raise ValidationError({"signature": _("手写签名：图片不能超过 300 KB")}, code="too_large")
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValidationError({"signature": _("手写签名：须为 PNG 图片")}, code="not_png")
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError):
        raise ValidationError({"signature": _("手写签名：图片无法读取")}, code="unreadable") from None
    if max(image.size) > SIGNATURE_MAX_SIDE_PX:
        raise ValidationError({"signature": _("手写签名：图片边长不能超过 2000 像素")}, code="too_large")
    alpha = image.convert("RGBA").getchannel("A")
    if alpha.getbbox() is None:
        raise ValidationError({"signature": _("手写签名：请在签名框内写下您的姓名")}, code="empty")
    return data


@transaction.atomic
def sign_as_worker(contract: LaborContract, *, actor, intent: IntentConfirmation, signature_png: bytes | None = None,
                   typed_name: str | None = None) -> LaborContract:
    """Apply the worker's signature (乙方签名) with their certificate, bound to the identity and intent evidence."""
    esign = _esign()
    _check_worker(contract, actor)
    contract = _locked(contract)
    intent = IntentConfirmation.objects.select_for_update().get(pk=intent.pk)
    if intent.contract_id != contract.pk or intent.user_id != actor.pk or intent.role != "worker":
        raise PermissionDenied(_("意愿确认不属于本人或本合同"))
    if intent.consumed_at is not None:
        raise ValidationError({"intent": _("该意愿确认已用于签署，请重新确认签署意愿")}, code="intent_used")
    document = current_document(contract)
    if document is None or document.sha256 != intent.document_sha256:
        raise ValidationError({"intent": _("合同文件已变化，请重新阅读并确认签署意愿")}, code="document_changed")
    if bool(signature_png) == bool((typed_name or "").strip()):
        raise ValidationError({"signature": _("签名：请手写签名或输入姓名（二选一）")}, code="signature_required")
    stamp_text = None
    if signature_png:
        signature_png = _signature_png(signature_png)
        method = SignatureMethod.DRAWN
    else:
        if typed_name.strip() != contract.worker_name.strip():
            raise ValidationError({"typed_name": _("输入的姓名：须与合同载明的劳动者姓名一致")}, code="name_mismatch")
        from zhili.core.esign.api import chinese_time

        stamp_text = _("乙方（签名）：{name}\n签署时间：{time}").format(name=contract.worker_name,
                                                                 time=chinese_time(timezone.now()))
        method = SignatureMethod.TYPED
    steps = steps_done(contract, actor)
    real_name = steps[SigningStepKind.REAL_NAME]
    certificate = esign.issue_person_certificate(actor, actor=actor)
    authorization = esign.authorize_key_use(
        certificate,
        identity_evidence={"user_id": actor.pk, "method": actor.verification_method,
                           "verified_at": actor.verified_at.isoformat(), "login": "sms_otp",
                           "real_name_step_id": real_name.pk, "contract": contract.number},
        intent_evidence={"confirmation_id": f"labor_contract.intent:{intent.pk}", "method": "checkbox_after_disclosure",
                         "confirmed_at": intent.confirmed_at.isoformat(), "document_sha256": intent.document_sha256,
                         "statement": intent.statement, "ip_address": intent.ip_address or "",
                         "disclosure_sha256": steps[SigningStepKind.DISCLOSURE].text_sha256,
                         "signature_method": method},
    )
    pdf = _pdf(document)
    signed = esign.sign_pdf(
        pdf, authorization=authorization, signer_certificate=certificate, role="worker", field_name=WORKER_FIELD,
        page=documents.page_count(pdf) - 1, box=documents.WORKER_SIGNATURE_BOX, stamp_image=signature_png or None,
        stamp_text=stamp_text, reason=_("订立劳动合同（乙方签名）"), location=contract.work_place[:100], actor=actor)
    now = timezone.now()
    intent.consumed_at, intent.signature_method = now, method
    intent.save(update_fields=["consumed_at", "signature_method", "updated_at"])
    stored = _store_document(contract, DocumentStage.WORKER_SIGNED, signed)
    previous = contract.status
    contract.worker_signed_at = now
    contract.status = ContractStatus.WORKER_SIGNED
    contract.save(update_fields=["status", "worker_signed_at", "updated_at"])
    _record_change(contract, previous, ContractStatus.WORKER_SIGNED, actor=actor, note=str(SignatureMethod(method).label))
    audit.record("labor_contract.contract.worker_signed", actor=actor, target=contract,
                 data={"sha256": stored.sha256, "intent_id": intent.pk, "certificate": certificate.serial_number,
                       "method": method})
    _ledger().append(kind="labor_contract.contract.worker_signed", subject=contract, digest=stored.sha256, actor=actor,
                     data={"number": contract.number, "intent_id": intent.pk, "certificate": certificate.serial_number,
                           "method": method})
    events.publish("labor_contract.contract.worker_signed", contract_id=contract.pk)
    if previous == ContractStatus.EMPLOYER_SIGNED:  # employer signed first: the worker's signature concludes it
        _complete(contract, signed, actor=actor)
    return contract


@transaction.atomic
def reject_contract(contract: LaborContract, *, actor, reason: str) -> LaborContract:
    """The worker declines to sign, giving a reason; the employer's HR is told in the app."""
    from zhili.core.notify import api as notify

    _check_worker(contract, actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("拒签理由：必须填写，用人单位会看到")}, code="reason_required")
    if len(reason) > 500:
        raise ValidationError({"reason": _("拒签理由：不能超过 500 个字")}, code="reason_too_long")
    contract = _locked(contract)
    previous = contract.status
    contract.status, contract.reject_reason = ContractStatus.REJECTED, reason
    if contract.worker_id is None:
        contract.worker = actor
    contract.save(update_fields=["status", "reject_reason", "worker", "updated_at"])
    _record_change(contract, previous, ContractStatus.REJECTED, actor=actor, note=reason)
    audit.record("labor_contract.contract.rejected", actor=actor, target=contract, data={"reason": reason})
    _ledger().append(kind="labor_contract.contract.rejected", subject=contract,
                     digest=sha256(f"{contract.number}\n{reason}".encode()), actor=actor,
                     data={"number": contract.number})

    for user in _employer_admins(contract.employer_id):
        notify.send_in_app(user, "labor_contract_rejected",
                           {"name": pii.mask_name(contract.worker_name), "number": contract.number, "reason": reason},
                           dedup_key=f"labor_contract:rejected:{contract.pk}:{user.pk}", actor=actor)
    events.publish("labor_contract.contract.rejected", contract_id=contract.pk)
    return contract
