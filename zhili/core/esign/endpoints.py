"""JSON API of the e-signature package at /api/v1/esign/: verify a PDF, ledger proofs of a digest, evidence reports."""

from django.http import HttpRequest
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

router = Router(tags=["esign"])


class ErrorOut(Schema):
    detail: str


class SignatureOut(Schema):
    field_name: str
    kind: str
    signer: str
    signer_common_name: str
    role: str
    signing_time: str
    timestamp_time: str
    timestamp_authority: str
    timestamp_trusted: bool
    chain: list[str]
    intact: bool
    valid: bool
    trusted: bool
    revoked: bool
    coverage: str
    coverage_label: str
    covers_whole_document: bool
    modification_level: str
    changes_after: str
    revision: int
    revisions_after: int
    evidence_digest: str
    ok: bool
    problems: list[str]


class PublicLedgerEntryOut(Schema):
    index: int
    kind: str
    recorded_at: str
    digest: str
    document: str
    leaf_hash: str
    tree_size: int
    root_hash: str
    inclusion_proof: list[str]
    checkpoint_note: str
    checkpoint_anchored: bool
    record_ok: bool
    proof_ok: bool
    checkpoint_ok: bool | None
    signed_root: bool
    ok: bool
    status: str


class VerificationOut(Schema):
    sha256: str
    size: int
    revisions: int
    verdict: str
    verdict_label: str
    signatures: list[SignatureOut]
    revision_sha256: list[str]
    ledger_entries: list[PublicLedgerEntryOut]
    ledger_note: str
    error: str


@router.post("/verify", auth=None, response={200: VerificationOut, 400: ErrorOut, 429: ErrorOut},
             summary="验证 PDF 中的电子签名（无需登录）")
def verify(request: HttpRequest, file: File[UploadedFile]):
    """Anyone uploads a PDF (multipart field ``file``), without a login or a CSRF token; gets, per signature, signer,
    times, trust, integrity and changes, and the ledger's proofs (``public.verify_for_anyone``). Rate-limited per
    client address; nothing is kept but a log line."""
    from django.utils.translation import gettext as _

    from . import public

    if file.size > public.MAX_PDF_BYTES:
        return Status(400, {"detail": _("file：PDF 不能超过 20 MB")})
    try:
        public.take_turn(public.client_address(request))
    except public.TooManyVerifications as exc:
        return Status(429, {"detail": str(exc)})
    return Status(200, public.verify_for_anyone(file.read()))


class LedgerProofOut(Schema):
    sha256: str
    verifier_key: str
    entries: list[dict]


@router.get("/ledger-proof", response={200: LedgerProofOut, 400: ErrorOut}, summary="按文件摘要取存证记录及包含证明")
def ledger_proof(request: HttpRequest, sha256: str):
    """The ledger entries recording ``sha256`` with inclusion proofs: save as JSON for ``zhili verify --ledger-proof``."""
    from zhili.core.ledger import api as ledger

    digest = sha256.strip().lower()
    if not ledger.DIGEST_PATTERN.match(digest):
        return Status(400, {"detail": "sha256：须为 64 位十六进制的 SHA-256 摘要"})
    return Status(200, {"sha256": digest, "verifier_key": ledger.verifier_key(),
                        "entries": [entry.as_dict() for entry in ledger.entries_for_digest(digest)]})


@router.post("/evidence/{subject_type}/{subject_id}", response={200: None, 403: ErrorOut, 404: ErrorOut},
             summary="出具电子证据报告（PDF，平台签名）")
def evidence(request: HttpRequest, subject_type: str, subject_id: str):
    """Issue the platform-signed evidence report (出证) about one object and return the PDF."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from .evidence import evidence_report
    from .views import evidence_subject, pdf_download

    user = request.auth
    if not isinstance(user, get_user_model()):
        raise PermissionDenied("出证须由登录用户申请")
    try:
        subject = evidence_subject(subject_type, subject_id, user)
    except Http404 as exc:
        return Status(404, {"detail": str(exc)})
    return pdf_download(evidence_report(subject, actor=user), f"evidence-{subject_type}-{subject.pk}.pdf")
