"""The signing journey: the contract PDF, the worker's steps, the worker's signature, the seal, completion, rejection.

Worker side, in order (each step refuses to run before the one it rests on): ``confirm_worker_identity``
(the logged-in phone, the name and the ID number must match the contract) → ``acknowledge_disclosure``
(guideline Art. 6) → ``confirm_intent`` (its own step, naming the SHA-256 of the PDF shown) →
``sign_as_worker``. ``reject_contract`` is possible instead. Employer side: ``apply_seal`` by an employer
administrator or seal keeper. The party that signs last brings the PDF to PAdES B-LTA (``complete``), the
worker is notified (Art. 10), and every legally relevant step is appended to the evidence ledger.
"""

import hashlib
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhili.core.foundation import audit, events
from zhili.core.identity.permissions import require

from .. import documents, importing
from ..choices import ContractStatus, DocumentStage, SignatureMethod, SigningOrder, SigningStepKind
from ..models import (
    CompanySeal,
    ContractDocument,
    IntentConfirmation,
    LaborContract,
    SealPlacement,
    SigningStep,
)
from ..permissions import is_contract_phone, keeps_the_seal
from .contracts import _employer_admins, _record_change

WORKER_FIELD = "WorkerSignature"
SEAL_FIELD = "EmployerSeal"
WORKER_INTENT_STATEMENT = "本人已完整阅读本劳动合同，同意按上述内容订立，并使用本人的电子签名签署。"
SEAL_INTENT_STATEMENT = "本人受用人单位授权，确认以本单位名义对本劳动合同加盖电子印章。"
SIGNATURE_MAX_BYTES = 300 * 1024
SIGNATURE_MAX_SIDE_PX = 2000
COMPLETION_LINK_DAYS = 366
PHONE_MISMATCH = gettext_lazy("登录的手机号与合同预留的劳动者手机号不一致，不能签署此合同。请使用接收签署短信的手机号登录，"
                              "如手机号有变更请联系用人单位更正。")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _ledger():
    from zhili.core.ledger import api as ledger

    return ledger


def _esign():
    from zhili.core.esign import api as esign

    return esign


# ---------------------------------------------------------------- where a contract stands in the journey

def signing_order(contract: LaborContract) -> str:
    version = contract.template_version
    return version.signing_order if version is not None else SigningOrder.WORKER_FIRST


def worker_may_sign_status(contract: LaborContract) -> str:
    """The status in which the worker signs: sent (worker first) or employer_signed (employer first)."""
    return ContractStatus.SENT if signing_order(contract) == SigningOrder.WORKER_FIRST else ContractStatus.EMPLOYER_SIGNED


def employer_may_seal_status(contract: LaborContract) -> str:
    return ContractStatus.WORKER_SIGNED if signing_order(contract) == SigningOrder.WORKER_FIRST else ContractStatus.SENT


def current_document(contract: LaborContract) -> ContractDocument | None:
    """The newest stored PDF of the contract (completed, sealed, worker-signed or unsigned)."""
    # The bytes load only when used (``_pdf``): the signing pages need just the digest.
    return ContractDocument.objects.filter(contract=contract).defer("pdf").order_by("-id").first()


def completed_document(contract: LaborContract) -> ContractDocument | None:
    return ContractDocument.objects.filter(contract=contract, stage=DocumentStage.COMPLETED).first()


def steps_done(contract: LaborContract, user) -> dict[str, SigningStep]:
    """The worker's recorded steps for this contract, newest of each kind."""
    found: dict[str, SigningStep] = {}
    for step in SigningStep.objects.filter(contract=contract, user=user).order_by("id"):
        found[step.kind] = step
    return found


def open_intent(contract: LaborContract, user) -> IntentConfirmation | None:
    return (IntentConfirmation.objects.filter(contract=contract, user=user, role="worker", consumed_at__isnull=True)
            .order_by("-id").first())


def _store_document(contract: LaborContract, stage: str, pdf: bytes) -> ContractDocument:
    return ContractDocument.objects.create(contract=contract, stage=stage, pdf=pdf, sha256=sha256(pdf), size=len(pdf))


def _pdf(document: ContractDocument) -> bytes:
    return bytes(document.pdf)


# ---------------------------------------------------------------- the contract PDF

def ensure_contract_pdf(contract: LaborContract, *, actor) -> ContractDocument:
    """Render the contract's PDF once and keep it; later calls return the stored file (no re-rendering)."""
    require(actor, "labor_contract.contract.view", contract)
    existing = current_document(contract)
    if existing is not None:
        return existing
    pdf = documents.render_contract_pdf(contract)  # outside the transaction: rendering takes a moment
    try:
        with transaction.atomic():
            document = _store_document(contract, DocumentStage.UNSIGNED, pdf)
            audit.record("labor_contract.document.rendered", actor=actor, target=contract,
                         data={"sha256": document.sha256, "size": document.size})
    except IntegrityError:  # rendered at the same moment by another request: use theirs
        document = ContractDocument.objects.get(contract=contract, stage=DocumentStage.UNSIGNED)
    return document


def render_contract_pdfs(contract_ids: list[int], *, actor) -> int:
    """Render and store the PDFs of the sent contracts among ``contract_ids`` that have none yet (the task
    workers run this after a send); return how many were rendered. Each PDF is stored in its own short
    transaction; one rendered at the same moment elsewhere (the reading page) is kept, not duplicated."""
    from .contracts import _require_each_employer

    have = set(ContractDocument.objects.filter(contract_id__in=contract_ids).values_list("contract_id", flat=True))
    contracts = list(LaborContract.objects.filter(pk__in=[i for i in contract_ids if i not in have],
                                                  template_version__isnull=False)
                     .select_related("employer", "template_version").order_by("pk"))
    _require_each_employer(actor, "labor_contract.contract.view", contracts)
    rendered = 0
    for contract in contracts:
        pdf = documents.render_contract_pdf(contract)
        try:
            with transaction.atomic():
                document = _store_document(contract, DocumentStage.UNSIGNED, pdf)
                audit.record("labor_contract.document.rendered", actor=actor, target=contract,
                             data={"sha256": document.sha256, "size": document.size})
        except IntegrityError:
            continue
        rendered += 1
    return rendered


# ---------------------------------------------------------------- the worker's steps

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
    from zhili.core.identity import services as identity
    from zhili.core.identity.choices import VerificationMethod

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
        from zhili.core.foundation import pii
        from zhili.core.foundation.validators import validate_id_number

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
    from zhili.core.foundation import pii

    for user in _employer_admins(contract.employer_id):
        notify.send_in_app(user, "labor_contract_rejected",
                           {"name": pii.mask_name(contract.worker_name), "number": contract.number, "reason": reason},
                           dedup_key=f"labor_contract:rejected:{contract.pk}:{user.pk}", actor=actor)
    events.publish("labor_contract.contract.rejected", contract_id=contract.pk)
    return contract


# ---------------------------------------------------------------- the employer's seal

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


def _complete(contract: LaborContract, signed_pdf: bytes, *, actor) -> None:
    """Both parties signed: PAdES B-LTA, status completed, ledger, and the worker told by SMS and in the app."""
    from zhili.core.notify import api as notify

    completed = _esign().complete_document(signed_pdf)
    stored = _store_document(contract, DocumentStage.COMPLETED, completed)
    previous = contract.status
    contract.status, contract.completed_at = ContractStatus.COMPLETED, timezone.now()
    contract.save(update_fields=["status", "completed_at", "updated_at"])
    _record_change(contract, previous, ContractStatus.COMPLETED, actor=actor)
    audit.record("labor_contract.contract.completed", actor=actor, target=contract, data={"sha256": stored.sha256})
    _ledger().append(kind="labor_contract.contract.completed", subject=contract, digest=stored.sha256, actor=actor,
                     data={"number": contract.number, "size": stored.size})
    link = notify.make_short_link(reverse("labor_contract:mine"), expires_in=COMPLETION_LINK_DAYS * 86400,
                                  actor=actor, subject=contract)
    params = {"employer": contract.employer.name, "number": contract.number, "url": link.url}
    notify.send_sms(contract.worker_phone, "labor_contract_completed", params, recipient=contract.worker,
                    dedup_key=f"labor_contract:completed:sms:{contract.pk}", actor=actor)
    if contract.worker is not None:
        notify.send_in_app(contract.worker, "labor_contract_completed", params,
                           dedup_key=f"labor_contract:completed:in_app:{contract.pk}", actor=actor)
    from .lifecycle import after_completion

    after_completion(contract, actor=actor)
    events.publish("labor_contract.contract.completed", contract_id=contract.pk, employer_id=contract.employer_id)
