"""Verify every signature and document timestamp of a PDF and say, in Chinese, whether it still holds.

One service behind the upload page, the API endpoint and ``zhili verify FILE.pdf``. It works offline:
pass the platform root certificate (``trust_roots``) and nothing is fetched from the network.
"""

import dataclasses
import hashlib
import io
import logging
from dataclasses import dataclass, field
from functools import lru_cache

from asn1crypto import cms, core
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .signing import parsed_certificate

logger = logging.getLogger(__name__)

COVERAGE_LABELS = {
    "ENTIRE_FILE": "覆盖整个文件",
    "ENTIRE_REVISION": "覆盖签署时的版本，其后另有增量更新",
    "CONTIGUOUS_BLOCK_FROM_START": "只覆盖文件开头的一部分",
    "UNCLEAR": "覆盖范围不明",
}
MODIFICATION_LABELS = {
    "NONE": "签署后无改动",
    "LTA_UPDATES": "签署后仅添加了验证数据和文档时间戳（允许）",
    "FORM_FILLING": "签署后仅有填表或其他签名（允许）",
    "ANNOTATIONS": "签署后添加了批注",
    "OTHER": "签署后内容被改动",
}
VERDICT_LABELS = {
    "valid": "全部签名有效且可信",
    "untrusted": "签名完整，但证书不受信任（未安装平台根证书或来源未知）",
    "invalid": "存在无效签名或签署后内容被改动",
    "unsigned": "文件中没有签名",
    "error": "文件无法验证",
}


@dataclass
class SignatureReport:
    """What is known about one signature or document timestamp."""

    field_name: str
    kind: str  # "signature" or "document_timestamp"
    signer: str = ""
    signer_common_name: str = ""
    role: str = ""
    signing_time: str = ""
    timestamp_time: str = ""
    timestamp_authority: str = ""
    timestamp_trusted: bool = False
    chain: list[str] = field(default_factory=list)
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    revoked: bool = False
    coverage: str = ""
    coverage_label: str = ""
    covers_whole_document: bool = False
    modification_level: str = ""
    changes_after: str = ""
    revision: int = 0
    revisions_after: int = 0
    evidence_digest: str = ""
    ok: bool = False
    problems: list[str] = field(default_factory=list)


@dataclass
class VerificationReport:
    """The verdict on a whole file, its signatures, and its evidence-ledger entries."""

    sha256: str
    size: int
    revisions: int = 0
    verdict: str = "error"
    verdict_label: str = ""
    signatures: list[SignatureReport] = field(default_factory=list)
    revision_sha256: list[str] = field(default_factory=list)
    ledger_entries: list[dict] = field(default_factory=list)
    ledger_note: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.verdict == "valid"

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def _name(certificate: asn1_x509.Certificate | None) -> str:
    if certificate is None:
        return ""
    return _subject_name(certificate.dump())


@lru_cache(maxsize=256)
def _subject_name(der: bytes) -> str:
    subject = x509.load_der_x509_certificate(der).subject
    return subject.rfc4514_string({NameOID.SERIAL_NUMBER: "serialNumber"})


def _common_name(certificate: asn1_x509.Certificate | None) -> str:
    if certificate is None:
        return ""
    return certificate.subject.native.get("common_name", "")


def _iso(moment) -> str:
    if moment is None:
        return ""
    from django.utils import timezone

    return timezone.localtime(moment).isoformat(timespec="seconds")


def _load_roots(trust_roots) -> list[asn1_x509.Certificate]:
    roots = []
    for item in trust_roots or ():
        if isinstance(item, asn1_x509.Certificate):
            roots.append(item)
        elif isinstance(item, x509.Certificate):
            roots.append(parsed_certificate(item.public_bytes(serialization.Encoding.DER)))
        else:
            roots.extend(_roots_from_bytes(bytes(item)))
    return roots


@lru_cache(maxsize=32)
def _roots_from_bytes(data: bytes) -> tuple[asn1_x509.Certificate, ...]:
    return tuple(parsed_certificate(cert.public_bytes(serialization.Encoding.DER))
                 for cert in (x509.load_pem_x509_certificates(data) if b"-----BEGIN" in data
                              else [x509.load_der_x509_certificate(data)]))


def _platform_material():
    """The platform root and current CRLs, if this installation has a CA (``None`` offline or without one)."""
    try:
        from .ca import load_platform_ca

        platform = load_platform_ca()
    except Exception:  # no database (offline use): the caller's root file is the only trust anchor
        logger.debug("no platform CA available for verification", exc_info=True)
        return None, []
    if platform is None:
        return None, []
    root = parsed_certificate(bytes(platform.root.der))  # the stored DER: parsed once per process, not per call
    from .signing import current_crls  # re-signed only when a revocation changed them; no query of its own here

    return root, current_crls(platform)


def _evidence_digest(embedded) -> str:
    from .signing import EVIDENCE_DIGEST_OID

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
               ledger_key: str = "") -> VerificationReport:
    """Check every signature: signer, role, times, chain and trust, integrity, coverage and later changes.

    The evidence-ledger entries of the file and of each of its revisions come from the platform's ledger, or,
    offline, from ``ledger_proofs`` (entries as the report or ``/api/v1/esign/ledger-proof`` give them);
    ``ledger_key`` is the ledger's published verifier key that checks the checkpoint notes.
    """
    report = VerificationReport(sha256=hashlib.sha256(pdf_bytes).hexdigest(), size=len(pdf_bytes))
    roots = _load_roots(trust_roots)
    crls = []
    if use_platform:
        platform_root, crls = _platform_material()
        if platform_root is not None and trust_roots is None:
            roots.append(platform_root)
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
    _attach_roles(validated_signatures)
    report.verdict = _verdict(report.signatures)
    report.verdict_label = VERDICT_LABELS[report.verdict]
    report.revision_sha256 = revision_digests(pdf_bytes)
    if ledger_proofs is not None:
        _attach_given_proofs(report, ledger_proofs, ledger_key)
    else:
        _attach_ledger(report, ledger_key)
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


def timestamp_in_cms(der: bytes) -> tuple | None:
    """Return (time, TSA name) of the signature timestamp token inside a CMS signature, or None if none."""
    try:
        signed_data = cms.ContentInfo.load(der, strict=False)["content"]
        unsigned = signed_data["signer_infos"][0]["unsigned_attrs"]
        token = next((a["values"][0] for a in unsigned if a["type"].native == "signature_time_stamp_token"), None)
        if token is None:
            return None
        token_data = token["content"]
        tst_info = token_data["encap_content_info"]["content"].parsed
        signer_id = token_data["signer_infos"][0]["sid"].chosen
        authority = ""
        for candidate in token_data["certificates"]:
            certificate = candidate.chosen
            if isinstance(signer_id, cms.IssuerAndSerialNumber) and \
                    certificate.serial_number == signer_id["serial_number"].native:
                authority = _name(certificate)
        return tst_info["gen_time"].native, authority
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        logger.info("no readable signature timestamp token", exc_info=True)
        return None


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
    if status.validation_path is not None:
        item.chain = [_name(cert) for cert in status.validation_path.iter_certs(include_root=True)]
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
    item.problems = _problems(item, status, is_timestamp)
    item.ok = not item.problems
    return item, True


def _problems(item: SignatureReport, status, is_timestamp: bool) -> list[str]:
    problems = []
    if not item.intact:
        problems.append("签名后文件内容被篡改（摘要不符）")
    elif not item.valid:
        problems.append("签名值无效")
    if not item.trusted:
        problems.append("证书链不受信任")
    if item.revoked:
        problems.append("签名证书已被吊销")
    if not is_timestamp and not item.timestamp_time:
        problems.append("签名没有可信时间戳")
    elif not is_timestamp and not item.timestamp_trusted:
        problems.append("签名时间戳不可信")
    if item.modification_level in ("ANNOTATIONS", "OTHER") or getattr(status, "docmdp_ok", True) is False:
        problems.append("签署后文件被改动：" + item.changes_after)
    return problems


def _verdict(signatures: list[SignatureReport]) -> str:
    if not signatures:
        return "unsigned"
    if all(s.ok for s in signatures):
        return "valid"
    only_trust = all(set(s.problems) <= {"证书链不受信任", "签名时间戳不可信"} for s in signatures)
    if only_trust and all(s.intact and s.valid for s in signatures):
        return "untrusted"
    return "invalid"


def _attach_ledger(report: VerificationReport, ledger_key: str = "") -> None:
    """Add the evidence-ledger entries for the digests of this file and its revisions, with checked proofs."""
    try:
        from zhili.core.ledger import api as ledger_api

        entries = [entry.as_dict() for entry in ledger_api.entries_for_digests(report.revision_sha256)]
        ledger_key = ledger_key or ledger_api.verifier_key()
    except Exception:  # no database (offline use) or no ledger: the report says so instead of failing
        logger.info("ledger look-up failed", exc_info=True)
        report.ledger_note = "存证记录查询失败（离线验证可用 --ledger-proof 提供存证证明文件）"
        return
    report.ledger_entries = [check_ledger_entry(entry, report.revision_sha256, ledger_key) for entry in entries]
    report.ledger_note = "" if entries else "无存证记录"


def _attach_given_proofs(report: VerificationReport, proofs: list[dict], ledger_key: str) -> None:
    if not isinstance(proofs, list) or not all(isinstance(item, dict) for item in proofs):
        report.ledger_note = "存证证明文件格式错误：应为存证记录（JSON 对象）的列表"
        return
    wanted = set(report.revision_sha256)
    matching = [item for item in proofs if item.get("digest") in wanted]
    report.ledger_entries = [check_ledger_entry(item, report.revision_sha256, ledger_key) for item in matching]
    report.ledger_note = "" if matching else "存证证明文件中没有与本文件摘要相符的记录"


def check_ledger_entry(entry: dict, revision_sha256: list[str], ledger_key: str = "") -> dict:
    """Check one ledger entry from first principles (RFC 9162): the record, its leaf hash, the proof and checkpoint.

    Adds ``document`` (which version of the file the entry records), ``record_ok`` (the canonical record hashes
    to the leaf and names this digest), ``proof_ok`` (``verify_inclusion`` leads to the root) and
    ``checkpoint_ok`` (the signed note verifies under ``ledger_key`` and states that size and root; None when the
    proof leads to the current, not yet signed root or no key is given).
    """
    import json

    from zhili.core.ledger.api import NoteError, hash_leaf, open_checkpoint, verify_inclusion

    result = dict(entry)
    digest = str(entry.get("digest", ""))
    if digest == (revision_sha256[-1] if revision_sha256 else ""):
        result["document"] = "整个文件"
    elif digest in revision_sha256:
        result["document"] = f"第 {revision_sha256.index(digest) + 1} 版（共 {len(revision_sha256)} 版）"
    else:
        result["document"] = "与本文件无关"
    try:
        record_text = str(entry["record"])
        leaf = hash_leaf(record_text.encode())
        record = json.loads(record_text)
        result["record_ok"] = (leaf.hex() == entry.get("leaf_hash", leaf.hex())
                               and (record.get("digest") or {}).get("value") == digest)
        proof = [bytes.fromhex(item) for item in entry["inclusion_proof"]]
        root, size, index = bytes.fromhex(entry["root_hash"]), int(entry["tree_size"]), int(entry["index"])
        result["proof_ok"] = verify_inclusion(leaf, index, size, proof, root)
    except (KeyError, ValueError, TypeError, AttributeError):
        result["record_ok"], result["proof_ok"] = False, False
        root, size = b"", -1
    result["checkpoint_ok"] = None
    note = entry.get("checkpoint_note") or ""
    if note and ledger_key:
        try:
            body = open_checkpoint(note, ledger_key)
            result["checkpoint_ok"] = body.tree_size == size and body.root_hash == root
        except NoteError:
            result["checkpoint_ok"] = False
    result["ok"] = bool(result["record_ok"] and result["proof_ok"] and result["checkpoint_ok"] is not False)
    return result
