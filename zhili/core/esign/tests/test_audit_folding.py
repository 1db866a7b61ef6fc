"""The e-signature writes store their audit entry in the statement of the write (PostgreSQL), and the entry says
exactly what ``audit.record`` would say about the same write."""

import dataclasses
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zhili.core.esign import authorization as grants
from zhili.core.esign import services
from zhili.core.esign.models import KeyUseAuthorization, SignatureRecord
from zhili.core.esign.tests import helpers
from zhili.core.foundation import audit
from zhili.core.foundation.models import AuditEntry

ENTRY_COLUMNS = ("actor_id", "actor_label", "action", "target_type", "target_id", "target_repr", "data", "ip_address")


def said(entry_pk) -> dict:
    """What an entry says, read back: every column but its own id and time."""
    return AuditEntry.objects.values(*ENTRY_COLUMNS).get(pk=entry_pk)


def only_entry(action: str) -> AuditEntry:
    return AuditEntry.objects.get(action=action)


def grant(worker):
    certificate = services.issue_person_certificate(worker, actor=worker)
    identity, intent = helpers.evidence_for(worker)
    return certificate, grants.authorize_key_use(certificate, identity_evidence=identity, intent_evidence=intent)


def consumed_data(authorization) -> dict:
    return {"certificate_id": authorization.certificate_id, "nonce": authorization.nonce[:8],
            "evidence_digest": authorization.evidence_digest}


def test_a_recorded_authorization_is_audited_as_record_audits_it(verified_worker):
    """Given a stored authorization, when ``audit.record`` writes the same entry about the stored row, then the two
    entries say the same, and the row holds the grant."""
    certificate, authorization = grant(verified_worker)

    row = services.record_authorization(authorization, actor=verified_worker)

    folded = only_entry("esign.key_use.authorized")
    stored = KeyUseAuthorization.objects.get()
    recorded = audit.record("esign.key_use.authorized", actor=verified_worker, target=stored,
                            data={"certificate_id": certificate.pk, "evidence_digest": authorization.evidence_digest})
    assert said(folded.pk) == said(recorded.pk)
    assert said(folded.pk)["target_id"] == str(row.pk) == str(stored.pk)
    assert (stored.nonce, stored.certificate_id, stored.used_at) == (authorization.nonce, certificate.pk, None)
    assert stored.identity_evidence == authorization.evidence["identity"]
    assert stored.intent_evidence == authorization.evidence["intent"]
    assert stored.evidence_digest == authorization.evidence_digest
    assert stored.expires_at == authorization.issued_at + grants.AUTHORIZATION_TTL


def test_recording_an_authorization_is_one_statement_on_postgresql(verified_worker):
    """Inside the caller's transaction: no savepoint, and the row and its entry in one statement."""
    if connection.vendor != "postgresql":
        pytest.skip("the data-modifying WITH is PostgreSQL's; SQLite inserts the row and the entry in turn, "
                    "in process, with no round trip to save")
    _certificate, authorization = grant(verified_worker)

    with CaptureQueriesContext(connection) as queries:
        services.record_authorization(authorization, actor=verified_worker)

    assert len(queries) == 1, [query["sql"] for query in queries]
    assert KeyUseAuthorization.objects.count() == 1
    assert only_entry("esign.key_use.authorized").target_id == str(KeyUseAuthorization.objects.get().pk)


def test_a_forged_authorization_is_refused_and_the_callers_transaction_goes_on(verified_worker):
    """A grant whose MAC does not match is refused before anything is written, and, with no block of its own,
    it leaves the caller's transaction usable."""
    _certificate, authorization = grant(verified_worker)
    forged = dataclasses.replace(authorization, nonce="0" * 32)

    with transaction.atomic():
        with pytest.raises(PermissionDenied, match="用钥授权"):
            services.record_authorization(forged, actor=verified_worker)
        assert not KeyUseAuthorization.objects.exists()
    assert not AuditEntry.objects.filter(action="esign.key_use.authorized").exists()


def test_consuming_a_recorded_authorization_is_audited_as_record_audits_it(verified_worker):
    _certificate, authorization = grant(verified_worker)
    services.record_authorization(authorization, actor=verified_worker)

    services.consume_authorization(authorization, actor=verified_worker)

    folded = only_entry("esign.key_use.consumed")
    recorded = audit.record("esign.key_use.consumed", actor=verified_worker, data=consumed_data(authorization))
    assert said(folded.pk) == said(recorded.pk)
    assert KeyUseAuthorization.objects.get().used_at is not None


def test_consuming_is_one_statement_on_postgresql(verified_worker):
    if connection.vendor != "postgresql":
        pytest.skip("the data-modifying WITH is PostgreSQL's; SQLite updates and inserts in turn, in process")
    _certificate, authorization = grant(verified_worker)
    services.record_authorization(authorization, actor=verified_worker)

    with CaptureQueriesContext(connection) as queries:
        services.consume_authorization(authorization, actor=verified_worker)

    assert len(queries) == 1, [query["sql"] for query in queries]
    assert AuditEntry.objects.filter(action="esign.key_use.consumed").count() == 1


def test_consuming_an_authorization_never_stored_is_audited_as_record_audits_it(verified_worker):
    """The UPDATE finds no row, so the authorization is inserted as used; its entry is written after it."""
    _certificate, authorization = grant(verified_worker)

    services.consume_authorization(authorization, actor=verified_worker)

    folded = only_entry("esign.key_use.consumed")
    recorded = audit.record("esign.key_use.consumed", actor=verified_worker, data=consumed_data(authorization))
    assert said(folded.pk) == said(recorded.pk)
    assert KeyUseAuthorization.objects.get().used_at is not None


def test_a_second_consumption_is_refused_and_not_audited(verified_worker):
    _certificate, authorization = grant(verified_worker)
    services.record_authorization(authorization, actor=verified_worker)
    services.consume_authorization(authorization, actor=verified_worker)
    used_at = KeyUseAuthorization.objects.get().used_at

    with pytest.raises(PermissionDenied, match="已使用过"):
        services.consume_authorization(authorization, actor=verified_worker)

    assert AuditEntry.objects.filter(action="esign.key_use.consumed").count() == 1
    assert KeyUseAuthorization.objects.get().used_at == used_at


def test_an_expired_authorization_is_refused_and_not_audited(verified_worker):
    _certificate, authorization = grant(verified_worker)
    services.record_authorization(authorization, actor=verified_worker)
    KeyUseAuthorization.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    with pytest.raises(PermissionDenied, match="已过期"):
        services.consume_authorization(authorization, actor=verified_worker)

    assert not AuditEntry.objects.filter(action="esign.key_use.consumed").exists()
    assert KeyUseAuthorization.objects.get().used_at is None


def test_a_signature_record_is_audited_as_record_audits_it(verified_worker):
    certificate, authorization = grant(verified_worker)
    signed_at = dt.datetime(2025, 3, 1, 8, 30, 15, 123456, tzinfo=dt.UTC)

    with services.signing_for(("labor_contract.contract", "7")):
        record = services.record_signature(
            certificate=certificate, role="worker", field_name="WorkerSignature", evidence=authorization.evidence,
            evidence_digest=authorization.evidence_digest, input_sha256="01" * 32, output_sha256="02" * 32,
            signed_at=signed_at, actor=verified_worker,
            timestamp_time=dt.datetime(2025, 3, 1, 8, 30, 16, tzinfo=dt.UTC), timestamp_authority="CN=平台时间戳")

    folded = only_entry("esign.document.signed")
    stored = SignatureRecord.objects.get()
    recorded = audit.record("esign.document.signed", actor=verified_worker, target=stored, data={
        "field": "WorkerSignature", "role": "worker", "sha256": "02" * 32,
        "evidence_digest": authorization.evidence_digest})
    assert said(folded.pk) == said(recorded.pk)
    assert said(folded.pk)["target_id"] == str(record.pk) == str(stored.pk)
    assert (stored.certificate_id, stored.role, stored.field_name, stored.output_sha256, stored.signed_at) == (
        certificate.pk, "worker", "WorkerSignature", "02" * 32, signed_at)
    assert (stored.subject_type, stored.subject_id, stored.timestamp_authority) == (
        "labor_contract.contract", "7", "CN=平台时间戳")
    assert stored.evidence == authorization.evidence
