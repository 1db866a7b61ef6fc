"""Verify every signature and document timestamp of a PDF and say, in Chinese, whether it still holds.

One service behind the upload page, the API endpoint and ``zhili verify FILE.pdf``. It works offline:
pass the platform root certificate (``trust_roots``) and nothing is fetched from the network.
"""

import hashlib
import io
import logging

from asn1crypto import core
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .proofs import attach_given_proofs, attach_ledger
from .reports import (
    COVERAGE_LABELS,
    MODIFICATION_LABELS,
    VERDICT_LABELS,
    SignatureReport,
    VerificationReport,
    problems_of,
    verdict_of,
)
from .signers import subject_name
from .trust import chain_apart, configured_roots, load_roots, platform_material

logger = logging.getLogger(__name__)


def _name(certificate: asn1_x509.Certificate | None) -> str:
    if certificate is None:
        return ""
    return subject_name(certificate.dump())


def _common_name(certificate: asn1_x509.Certificate | None) -> str:
    if certificate is None:
        return ""
    return certificate.subject.native.get("common_name", "")


def _iso(moment) -> str:
    if moment is None:
        return ""
    from django.utils import timezone

    return timezone.localtime(moment).isoformat(timespec="seconds")


def _evidence_digest(embedded) -> str:
    from .signers import EVIDENCE_DIGEST_OID

    for attribute in embedded.signer_info["signed_attrs"]:
        if attribute["type"].dotted == EVIDENCE_DIGEST_OID:
            # The attribute's type is the platform's own, so asn1crypto gives its value as Any: read it as the
            # OCTET STRING it was written as (a digest may itself begin with the byte 0x04).
            return core.OctetString.load(attribute["values"][0].dump()).native.hex()
    return ""


def _attach_roles(wanted: list[SignatureReport]) -> None:
    """Name each validated signature's role from its signature record (one query for the whole file, newest
    record first as ``Meta.ordering`` says), else from its field name."""
    if not wanted:
        return
    recorded = {}
    try:
        from django.db import connection

        from zhili.core.foundation.models import placeholders, quoted_column, quoted_table

        from .choices import SignerRole
        from .models import SignatureRecord

        labels = dict(SignerRole.choices)
        digests = sorted({item.evidence_digest for item in wanted})
        # Hand-written (once per verification): the ORM's query compilation costs more CPU than the database.
        digest, field_name, role = (quoted_column(SignatureRecord, name)
                                    for name in ("evidence_digest", "field_name", "role"))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {digest}, {field_name}, {role} FROM {quoted_table(SignatureRecord)}"
                           f" WHERE {digest} IN {placeholders(len(digests))}"
                           f" ORDER BY {quoted_column(SignatureRecord, 'pk')} DESC", digests)
            rows = cursor.fetchall()
        for digest, field_name, role in rows:
            recorded.setdefault((digest, field_name), str(labels.get(role, role)))
    except Exception:
        logger.debug("no signature record available", exc_info=True)
        recorded = {}
    for item in wanted:
        key = (item.evidence_digest, item.field_name)
        item.role = recorded[key] if key in recorded else _role_from_field(item.field_name)


def _role_from_field(field_name: str) -> str:
    lowered = field_name.lower()
    if "worker" in lowered:
        return "乙方（劳动者）"
    if "employer" in lowered or "seal" in lowered:
        return "甲方（用人单位）"
    return ""


def verify_pdf(pdf_bytes: bytes, *, trust_roots=None, use_platform=True, ledger_proofs: list[dict] | None = None,
               ledger_key: str = "", roles_from_records: bool = True) -> VerificationReport:
    """Check every signature: signer, role, times, chain and trust, integrity, coverage and later changes.

    The evidence-ledger entries of the file and of each of its revisions come from the platform's ledger, or,
    offline, from ``ledger_proofs`` (entries as the report or ``/api/v1/esign/ledger-proof`` give them);
    ``ledger_key`` is the ledger's published verifier key that checks the checkpoint notes. Without
    ``roles_from_records`` a signature's role comes from its field's name alone, not from the platform's records.
    """
    report = VerificationReport(sha256=hashlib.sha256(pdf_bytes).hexdigest(), size=len(pdf_bytes))
    roots = load_roots(trust_roots)
    crls = []
    if use_platform:
        platform_root, crls = platform_material()
        if platform_root is not None and trust_roots is None:
            roots.append(platform_root)
            roots.extend(configured_roots())
    context = ValidationContext(trust_roots=roots, crls=crls, allow_fetching=False, revocation_mode="soft-fail")
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        report.revisions = reader.xrefs.total_revisions
        embedded = list(reader.embedded_signatures)
    except Exception as exc:
        report.error = "文件不是可读取的 PDF，无法验证"
        report.verdict_label = VERDICT_LABELS["error"]
        logger.info("unreadable PDF: %s", exc)
        return report
    validated_signatures = []
    for signature in embedded:
        item, validated = _check(signature, context, report.revisions)
        report.signatures.append(item)
        if validated and item.kind == "signature":
            validated_signatures.append(item)
    if roles_from_records:
        _attach_roles(validated_signatures)
    else:
        for item in validated_signatures:
            item.role = _role_from_field(item.field_name)
    report.verdict = verdict_of(report.signatures)
    report.verdict_label = VERDICT_LABELS[report.verdict]
    report.revision_sha256 = revision_digests(pdf_bytes)
    if ledger_proofs is not None:
        attach_given_proofs(report, ledger_proofs, ledger_key)
    else:
        attach_ledger(report, ledger_key)
    return report


def revision_digests(pdf_bytes: bytes) -> list[str]:
    """Return the SHA-256 of every revision of the file (each prefix ending at an ``%%EOF``), the whole file last.

    After an incremental update, the file as it was before is exactly such a prefix: the digest of each
    signed version (``SignatureRecord.output_sha256``) is found here without the database.
    """
    ends, position = [], 0
    while True:
        found = pdf_bytes.find(b"%%EOF", position)
        if found < 0:
            break
        end = found + 5
        while end < len(pdf_bytes) and pdf_bytes[end:end + 1] in (b"\r", b"\n"):
            end += 1
        ends.append(end)
        position = end
    if not ends or ends[-1] != len(pdf_bytes):
        ends.append(len(pdf_bytes))
    digests, running, done, view = [], hashlib.sha256(), 0, memoryview(pdf_bytes)
    for end in dict.fromkeys(ends):  # ascending: each prefix extends the one before, so the file is hashed once
        running.update(view[done:end])
        done = end
        digests.append(running.copy().hexdigest())
    return digests


def _check(embedded, context, total_revisions: int) -> tuple[SignatureReport, bool]:
    """The report on one signature or document timestamp, and whether pyHanko could validate it at all (a
    signature's role is looked up afterwards, for all of them at once)."""
    is_timestamp = embedded.sig_object_type == "/DocTimeStamp"
    item = SignatureReport(field_name=embedded.field_name or "", kind="document_timestamp" if is_timestamp else
                           "signature")
    item.revision = embedded.signed_revision + 1
    item.revisions_after = total_revisions - embedded.signed_revision - 1
    try:
        if is_timestamp:
            status = validate_pdf_timestamp(embedded, validation_context=context)
        else:
            status = validate_pdf_signature(embedded, signer_validation_context=context,
                                            ts_validation_context=context)
    except Exception as exc:
        logger.info("signature %s could not be validated: %s", item.field_name, exc)
        item.problems.append("签名数据损坏，无法验证")
        return item, False
    item.signer = _name(status.signing_cert)
    item.signer_common_name = _common_name(status.signing_cert)
    item.intact, item.valid, item.trusted = bool(status.intact), bool(status.valid), bool(status.trusted)
    item.revoked = status.revocation_details is not None
    # pyHanko's ``trusted`` is false for any signature that fails its integrity check, whatever its chain; the
    # report says only what is wrong, so the chain is judged on its own: by the path pyHanko validated, or, where
    # it validated none (a bad signature value), by validating it here with the same context.
    if status.validation_path is not None:
        item.chain = [_name(cert) for cert in status.validation_path.iter_certs(include_root=True)]
        item.trusted = status.trust_problem_indic is None
    elif not item.valid and status.signing_cert is not None:
        item.trusted, item.revoked, path = chain_apart(status.signing_cert, embedded.other_embedded_certs, context)
        item.chain = [_name(cert) for cert in path]
    coverage = status.coverage.name if isinstance(status.coverage, SignatureCoverageLevel) else "UNCLEAR"
    item.coverage, item.coverage_label = coverage, COVERAGE_LABELS.get(coverage, coverage)
    item.covers_whole_document = coverage == "ENTIRE_FILE"
    level = status.modification_level.name if isinstance(status.modification_level, ModificationLevel) else ""
    item.modification_level = level
    item.changes_after = MODIFICATION_LABELS.get(level, "无法判断签署后的改动")
    if is_timestamp:
        item.timestamp_time = _iso(status.timestamp)
        item.timestamp_authority = item.signer
        item.timestamp_trusted = item.trusted
        item.role = "文档时间戳"
    else:
        item.signing_time = _iso(status.signer_reported_dt)
        item.evidence_digest = _evidence_digest(embedded)
        ts = status.timestamp_validity
        if ts is not None:
            item.timestamp_time = _iso(ts.timestamp)
            item.timestamp_authority = _name(ts.signing_cert)
            item.timestamp_trusted = bool(ts.intact and ts.valid and ts.trusted)
    item.problems = problems_of(item, status, is_timestamp)
    item.ok = not item.problems
    return item, True


