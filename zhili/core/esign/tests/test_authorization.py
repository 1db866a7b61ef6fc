"""A key-use authorization is used once, across processes: the database decides, not a process's memory."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.utils import timezone

from zhili.core.esign import api as esign
from zhili.core.esign import authorization as grants
from zhili.core.esign import services, signing
from zhili.core.esign.models import KeyUseAuthorization, SignatureRecord
from zhili.core.esign.tests import helpers


def authorize(worker):
    certificate = services.issue_person_certificate(worker, actor=worker)
    identity, intent = helpers.evidence_for(worker)
    return certificate, esign.authorize_key_use(certificate, identity_evidence=identity, intent_evidence=intent,
                                                actor=worker)


def sign(pdf, certificate, authorization, worker):
    return esign.sign_pdf(pdf, authorization=authorization, signer_certificate=certificate, role="worker",
                          field_name="WorkerSignature", actor=worker)


def test_authorization_is_stored_with_its_evidence(verified_worker):
    certificate, authorization = authorize(verified_worker)

    row = KeyUseAuthorization.objects.get()
    assert (row.nonce, row.certificate, row.used_at) == (authorization.nonce, certificate, None)
    assert row.identity_evidence["user_id"] == verified_worker.pk
    assert row.intent_evidence["confirmation_id"] == "intent-001"
    assert row.evidence_digest == authorization.evidence_digest
    assert row.expires_at == authorization.issued_at + grants.AUTHORIZATION_TTL


@pytest.mark.parametrize("signer", ["api", "signing.sign_pdf"])
def test_a_second_signature_with_the_same_authorization_is_refused(verified_worker, enterprise, signer):
    """Given one signature made (through the API, or ``signing.sign_pdf`` itself, where the key is used), when the
    same authorization is used again, then nothing more is signed."""
    make = sign if signer == "api" else _sign_directly
    pdf = helpers.contract_pdf(verified_worker, enterprise)
    certificate, authorization = authorize(verified_worker)
    make(pdf, certificate, authorization, verified_worker)
    used_at = KeyUseAuthorization.objects.get().used_at
    assert used_at is not None

    with pytest.raises(PermissionDenied, match="用钥授权已使用过"):
        make(pdf, certificate, authorization, verified_worker)

    assert SignatureRecord.objects.count() == 1
    assert KeyUseAuthorization.objects.get().used_at == used_at


def test_an_expired_authorization_is_refused_and_stays_unused(verified_worker, enterprise):
    certificate, authorization = authorize(verified_worker)
    KeyUseAuthorization.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    with pytest.raises(PermissionDenied, match="用钥授权已过期"):
        services.consume_authorization(authorization)

    assert KeyUseAuthorization.objects.get().used_at is None


def test_a_forged_authorization_is_refused_and_nothing_is_stored(verified_worker):
    certificate, authorization = authorize(verified_worker)
    forged = grants.KeyUseAuthorization(certificate.pk, authorization.evidence, authorization.evidence_digest,
                                         authorization.issued_at, "f" * 32, authorization.mac)

    with pytest.raises(PermissionDenied, match="缺少有效的用钥授权"):
        services.consume_authorization(forged)

    assert list(KeyUseAuthorization.objects.values_list("nonce", flat=True)) == [authorization.nonce]


def test_a_failed_signature_leaves_the_authorization_unused(verified_worker, enterprise, settings):
    """Given an unreachable TSA, signing fails and rolls the consumption back, so the signer may retry."""
    from zhili.core.esign.tests.test_tsa import _closed_port
    from zhili.core.esign.tsa import TimestampUnavailable

    pdf = helpers.contract_pdf(verified_worker, enterprise)
    certificate, authorization = authorize(verified_worker)
    settings.ESIGN_TSA_URL = f"http://127.0.0.1:{_closed_port()}/tsa"

    with pytest.raises(TimestampUnavailable):
        sign(pdf, certificate, authorization, verified_worker)

    assert KeyUseAuthorization.objects.get().used_at is None
    assert SignatureRecord.objects.count() == 0


def _consume_in_thread(authorization, outcomes: list, start: threading.Barrier | None = None) -> None:
    try:
        if start is not None:
            start.wait()
        services.consume_authorization(authorization)
        outcomes.append("used")
    except PermissionDenied as exc:
        outcomes.append(str(exc))
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_a_use_in_one_connection_is_refused_in_another(verified_worker):
    """Given an authorization consumed here, a thread with its own database connection cannot use it again."""
    certificate, authorization = authorize(verified_worker)
    services.consume_authorization(authorization)
    outcomes: list = []

    thread = threading.Thread(target=_consume_in_thread, args=(authorization, outcomes))
    thread.start()
    thread.join()

    assert outcomes == ["用钥授权已使用过，每次签署须重新确认意愿"]


@pytest.mark.django_db(transaction=True)
def test_two_connections_racing_with_one_authorization_get_one_use(verified_worker):
    """Two threads consume the same authorization (never stored beforehand) at once: exactly one wins."""
    if connections["default"].vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database uses shared-cache table locks that a second thread "
                    "cannot wait on; the race is checked on PostgreSQL")
    certificate = services.issue_person_certificate(verified_worker, actor=verified_worker)
    identity, intent = helpers.evidence_for(verified_worker)
    authorization = grants.authorize_key_use(certificate, identity_evidence=identity, intent_evidence=intent)
    outcomes: list = []
    start = threading.Barrier(2)

    threads = [threading.Thread(target=_consume_in_thread, args=(authorization, outcomes, start)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["used", "用钥授权已使用过，每次签署须重新确认意愿"]
    row = KeyUseAuthorization.objects.get()
    assert row.used_at is not None


def _sign_directly(pdf, certificate, authorization, worker):
    return signing.sign_pdf(pdf, authorization=authorization, signer_certificate=certificate, role="worker",
                            field_name="WorkerSignature", actor=worker)


def test_an_authorization_never_stored_is_recorded_as_used_by_a_direct_signature(verified_worker, enterprise):
    """``authorization.authorize_key_use`` alone stores nothing; signing stores the use, so it cannot be repeated."""
    pdf = helpers.contract_pdf(verified_worker, enterprise)
    certificate = services.issue_person_certificate(verified_worker, actor=verified_worker)
    identity, intent = helpers.evidence_for(verified_worker)
    authorization = grants.authorize_key_use(certificate, identity_evidence=identity, intent_evidence=intent)
    assert not KeyUseAuthorization.objects.exists()

    _sign_directly(pdf, certificate, authorization, verified_worker)
    row = KeyUseAuthorization.objects.get()
    assert (row.nonce, row.used_at is not None) == (authorization.nonce, True)

    with pytest.raises(PermissionDenied, match="用钥授权已使用过"):
        esign.sign_pdf(pdf, authorization=authorization, signer_certificate=certificate, role="worker",
                       field_name="WorkerSignature", actor=verified_worker)
    assert SignatureRecord.objects.count() == 1


def test_a_government_body_seal_is_used_by_its_own_staff_and_nobody_else(db):
    """A bureau's seal goes on its staff's decisions; a worker, or an officer of another bureau, may not use it."""
    from zhili.core.testing.api import RegionFactory, UserFactory, personas

    officer = personas.department_user()
    bureau = officer.memberships.get().organization
    certificate = services.issue_organization_certificate(bureau, actor=officer)
    identity, intent = helpers.evidence_for(officer)
    assert esign.authorize_key_use(certificate, identity_evidence=identity, intent_evidence=intent, actor=officer)

    elsewhere = personas.department_user(username="officer_far", phone="13800000099",
                                         region=RegionFactory(code="330127", name="淳安县"))
    outsider = UserFactory(username="plain_person", phone="13800000098")
    for person in (elsewhere, outsider):
        identity, intent = helpers.evidence_for(person)
        with pytest.raises(PermissionDenied, match="不能使用单位印章"):
            esign.authorize_key_use(certificate, identity_evidence=identity, intent_evidence=intent, actor=person)
