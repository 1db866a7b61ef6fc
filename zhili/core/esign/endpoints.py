"""JSON API of the e-signature package at /api/v1/esign/: verify an uploaded PDF."""

from django.http import HttpRequest
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

router = Router(tags=["esign"])

MAX_PDF_BYTES = 20 * 1024 * 1024


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


class VerificationOut(Schema):
    sha256: str
    size: int
    revisions: int
    verdict: str
    verdict_label: str
    signatures: list[SignatureOut]
    ledger_entries: list[dict]
    ledger_note: str
    error: str


@router.post("/verify", response={200: VerificationOut, 400: ErrorOut}, summary="验证 PDF 中的电子签名")
def verify(request: HttpRequest, file: File[UploadedFile]):
    """Upload a PDF (multipart field ``file``); get, per signature, signer, times, trust, integrity and changes."""
    from .verify import verify_pdf

    if file.size > MAX_PDF_BYTES:
        return Status(400, {"detail": "file：PDF 不能超过 20 MB"})
    return Status(200, verify_pdf(file.read()).as_dict())
