"""Evidence reports (出证): every piece of evidence about one subject, in a PDF the platform signs itself.

The report lists, for a subject such as a contract, each signature with its identity check and intent
confirmation, every access in the audit log, and every ledger entry with its RFC 9162 inclusion proof and the
signed checkpoint it leads to. The platform's evidence-service certificate signs it (PAdES B-T), and its digest
goes to the ledger (``esign.evidence_report``), so a court can check the report the same way as the contract.
"""

import datetime as dt
import hashlib
import io
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zhili.core.foundation import audit, events

REPORT_KIND = "esign.evidence_report"
REPORT_FIELD = "PlatformEvidenceSeal"
REPORT_TEMPLATE = "esign/evidence_report.html"
# Bottom-right of the last page, inside the bottom margin the template keeps free (``@page`` margin 36 mm).
STAMP_BOX = (330, 24, 560, 92)


@dataclass
class SignatureEvidence:
    """One signature about the subject, as the report shows it."""

    record_id: int
    signer: str
    role: str
    field_name: str
    signed_at: dt.datetime
    certificate_serial: str
    timestamp_time: dt.datetime | None
    timestamp_authority: str
    identity_method: str
    identity_time: str
    intent_method: str
    intent_time: str
    intent_reference: str
    evidence_digest: str
    document_sha256: str


@dataclass
class SubjectEvidence:
    """Everything the platform holds as evidence about one subject."""

    subject_type: str
    subject_id: str
    subject_label: str
    signatures: list[SignatureEvidence] = field(default_factory=list)
    accesses: list[Any] = field(default_factory=list)
    ledger_entries: list[dict] = field(default_factory=list)
    document: Any = None


def _label(choices, value: str) -> str:
    return str(dict(choices).get(value, value)) if value else ""


def _signer(record) -> str:
    from .ca import masked_name
    from .services import PLATFORM_SIGNER_NAME

    certificate = record.certificate
    if certificate.user_id:
        return masked_name(certificate.user.name or certificate.user.username)
    if certificate.organization_id:
        return certificate.organization.name
    return PLATFORM_SIGNER_NAME


def _signature_evidence(record) -> SignatureEvidence:
    from zhili.core.identity.choices import VerificationMethod

    from .choices import SignerRole

    identity = (record.evidence or {}).get("identity") or {}
    intent = (record.evidence or {}).get("intent") or {}
    return SignatureEvidence(
        record_id=record.pk, signer=_signer(record), role=_label(SignerRole.choices, record.role),
        field_name=record.field_name, signed_at=record.signed_at,
        certificate_serial=record.certificate.serial_number, timestamp_time=record.timestamp_time,
        timestamp_authority=record.timestamp_authority,
        identity_method=_label(VerificationMethod.choices, str(identity.get("method", ""))),
        identity_time=str(identity.get("verified_at", "")), intent_method=str(intent.get("method", "")),
        intent_time=str(intent.get("confirmed_at", "")), intent_reference=str(intent.get("confirmation_id", "")),
        evidence_digest=record.evidence_digest, document_sha256=record.output_sha256,
    )


def collect_evidence(subject: Any, *, document: bytes | None = None) -> SubjectEvidence:
    """Find every piece of evidence about ``subject`` (a saved model instance or a ``(type, id)`` pair).

    Signatures are those linked to the subject (``signing_for``) and those whose signed file the ledger
    records about the subject; ledger entries are the subject's and its signatures'.
    """
    from zhili.core.foundation.models import AuditEntry
    from zhili.core.ledger import api as ledger

    from .models import SignatureRecord
    from .services import subject_reference
    from .verify import verify_pdf

    subject_type, subject_id = subject_reference(subject)
    evidence = SubjectEvidence(subject_type=subject_type, subject_id=subject_id,
                               subject_label=str(subject) if hasattr(subject, "_meta") else
                               f"{subject_type} #{subject_id}")
    subject_entries = list(ledger.entries_for((subject_type, subject_id)))
    digests = {entry.digest for entry in subject_entries}
    records = list(SignatureRecord.objects.filter(
        Q(subject_type=subject_type, subject_id=subject_id) | Q(output_sha256__in=digests)
    ).exclude(field_name=REPORT_FIELD).select_related("certificate__user", "certificate__organization")
        .order_by("signed_at", "id"))
    if document is not None:
        evidence.document = verify_pdf(document)
        _fill_timestamps(records, evidence.document)
    evidence.signatures = [_signature_evidence(record) for record in records]
    signature_entries = list(ledger.LedgerEntry.objects.filter(
        subject_type=f"{SignatureRecord._meta.app_label}.{SignatureRecord._meta.model_name}",
        subject_id__in=[str(record.pk) for record in records]))
    entries = sorted({entry.index: entry for entry in subject_entries + signature_entries}.values(),
                     key=lambda entry: entry.index)
    evidence.ledger_entries = [_entry_view(proof.as_dict()) for proof in ledger.proofs_for(entries)]
    evidence.accesses = [_access_view(entry) for entry in AuditEntry.objects.filter(
        target_type=subject_type, target_id=subject_id).order_by("created_at", "id")]
    return evidence


def _access_view(entry) -> dict:
    """An audit entry as the report shows it: the actor by user number and masked name, never in full."""
    from .ca import masked_name

    number, _, name = (entry.actor_label or "").partition(":")
    actor = f"{masked_name(name)}（用户编号 {number}）" if name and number else (entry.actor_label or "系统")
    return {"time": entry.created_at, "action": entry.action, "actor": actor, "ip_address": entry.ip_address or ""}


def _fill_timestamps(records, report) -> None:
    """Take timestamp times from the verified document for signatures stored without them."""
    by_digest = {item.evidence_digest: item for item in report.signatures if item.evidence_digest}
    for record in records:
        found = by_digest.get(record.evidence_digest)
        if record.timestamp_time is None and found is not None and found.timestamp_time:
            record.timestamp_time = dt.datetime.fromisoformat(found.timestamp_time)
            record.timestamp_authority = found.timestamp_authority


def _entry_view(entry: dict) -> dict:
    from zhili.core.ledger import api as ledger
    from zhili.core.ledger.api import hash_leaf

    from .proofs import check_ledger_entry

    view = check_ledger_entry(entry, [entry["digest"]], ledger.verifier_key())
    view["leaf_ok"] = hash_leaf(entry["record"].encode()).hex() == entry["leaf_hash"]
    return view


def _platform_authorization(certificate, subject_type: str, subject_id: str, *, actor):
    """Let the platform's own key sign one report: the requester is the identity, the export request the intent.

    The requester's right to the report was checked by the caller (permission ``esign.evidence.export``).
    """
    from . import authorization, keys

    now = timezone.now()
    requester = getattr(actor, "pk", None)
    evidence = json.loads(authorization.canonical_json({
        "certificate": certificate.serial_number,
        "identity": {"user_id": requester, "method": "platform_session", "verified_at": now.isoformat()},
        "intent": {"confirmation_id": f"evidence_report:{subject_type}:{subject_id}",
                   "method": "evidence_export_request", "confirmed_at": now.isoformat()},
    }))
    digest = hashlib.sha256(authorization.canonical_json(evidence).encode("utf-8")).hexdigest()
    nonce = secrets.token_hex(16)
    unsigned = authorization.KeyUseAuthorization(certificate.pk, evidence, digest, now, nonce, "")
    return authorization.KeyUseAuthorization(certificate.pk, evidence, digest, now, nonce,
                                       keys.authorization_mac(unsigned._message()))


def _page_count(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"])


def evidence_report(subject: Any, *, actor, document: bytes | None = None) -> bytes:
    """Render, sign (platform certificate, B-T) and record in the ledger the evidence report about ``subject``.

    ``document`` (optional): the subject's current signed PDF, verified and summarised in the report.
    The caller checks the permission ``esign.evidence.export``; this function writes the audit entry.
    """
    from zhili.core.ledger import api as ledger

    from .render import render_pdf
    from .services import _ledger_actor, platform_signer_certificate
    from .signing import sign_document
    from .stamps import chinese_time

    evidence = collect_evidence(subject, document=document)
    now = timezone.now()
    context = {"evidence": evidence, "generated_at": chinese_time(now), "requester": _requester(actor),
               "ledger_key": ledger.verifier_key(),
               "report_number": f"ZL-EV-{now:%Y%m%d%H%M%S}-{secrets.token_hex(3).upper()}"}
    pdf = render_pdf("", context, template_name=REPORT_TEMPLATE)
    with transaction.atomic():
        certificate = platform_signer_certificate(actor=actor)
        authorization = _platform_authorization(certificate, evidence.subject_type, evidence.subject_id, actor=actor)
        signed = sign_document(
            pdf, authorization=authorization, signer_certificate=certificate, actor=actor, role="platform",
            field_name=REPORT_FIELD, page=_page_count(pdf) - 1, box=STAMP_BOX,
            stamp_text=f"治理平台电子证据服务\n出证时间：{chinese_time(now)}", reason="出具电子证据报告",
        )
        digest = hashlib.sha256(signed).hexdigest()
        entry = ledger.append(kind=REPORT_KIND, subject=(evidence.subject_type, evidence.subject_id), digest=digest,
                              actor=_ledger_actor(actor),
                              data={"report_number": context["report_number"], "signatures": len(evidence.signatures),
                                    "ledger_entries": len(evidence.ledger_entries),
                                    "accesses": len(evidence.accesses)})
        audit.record("esign.evidence_report.issued", actor=actor, target=subject if hasattr(subject, "_meta") else None,
                     data={"subject": f"{evidence.subject_type}:{evidence.subject_id}", "sha256": digest,
                           "ledger_index": entry.index, "report_number": context["report_number"]})
        events.publish("esign.evidence_report.issued", subject_type=evidence.subject_type,
                       subject_id=evidence.subject_id, sha256=digest, ledger_index=entry.index)
    return signed


def _requester(actor) -> str:
    from .ca import masked_name

    if actor is None:
        return "系统"
    name = getattr(actor, "name", "") or getattr(actor, "username", "") or str(actor)
    return f"{masked_name(name)}（用户编号 {actor.pk}）" if getattr(actor, "pk", None) else str(actor)
