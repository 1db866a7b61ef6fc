"""``insert_instance(row, audit=audit.prepare(...))`` stores the row and the entry ``audit.record`` would store about
it, all or nothing, in one statement on PostgreSQL."""

import datetime as dt

import pytest
from django.db import DataError, IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from zhili.core.datapool.choices import SourceKind
from zhili.core.datapool.models import Batch
from zhili.core.esign.models import KeyUseAuthorization
from zhili.core.foundation import audit
from zhili.core.foundation.context import RequestContext, current
from zhili.core.foundation.models import AuditEntry, insert_instance, insert_values, quoted_column, quoted_table

ENTRY_COLUMNS = ("actor_id", "actor_label", "action", "target_type", "target_id", "target_repr", "data", "ip_address")


def entry_values(pk) -> dict:
    """What an entry says, read back from the database: every column but its own id and time."""
    return AuditEntry.objects.values(*ENTRY_COLUMNS).get(pk=pk)


def authorization_of(certificate, nonce="9f" * 16, **values) -> KeyUseAuthorization:
    return KeyUseAuthorization(
        nonce=nonce, certificate_id=certificate.pk, identity_evidence={"user_id": certificate.user_id},
        intent_evidence={"confirmation_id": "intent-001", "text": "本人确认签署"}, evidence_digest="ef" * 32,
        expires_at=dt.datetime(2025, 3, 1, 8, 35, tzinfo=dt.UTC), **values,
    )


@pytest.fixture
def from_the_office():
    token = current.set(RequestContext(ip_address="10.1.2.3"))
    yield
    current.reset(token)


def test_the_row_and_its_entry_are_stored_as_record_stores_them(worker_zhang, certificate_of_zhang, from_the_office):
    """Given one authorization stored with its entry in one call, when ``audit.record`` writes the same entry about
    the stored row, then both entries say the same, and the row is the row ``insert_instance`` alone stores."""
    data = {"certificate_id": certificate_of_zhang.pk, "evidence_digest": "ef" * 32, "items": [1, "二", None]}

    row = insert_instance(authorization_of(certificate_of_zhang),
                          audit=audit.prepare("esign.key_use.authorized", actor=worker_zhang, data=data))
    recorded = audit.record("esign.key_use.authorized", actor=worker_zhang,
                            target=KeyUseAuthorization.objects.get(pk=row.pk), data=data)

    folded = AuditEntry.objects.exclude(pk=recorded.pk).get(action="esign.key_use.authorized")
    assert entry_values(folded.pk) == entry_values(recorded.pk)
    assert entry_values(folded.pk)["target_id"] == str(row.pk)
    assert entry_values(folded.pk)["ip_address"] == "10.1.2.3"
    stored = KeyUseAuthorization.objects.get(pk=row.pk)
    assert (stored.nonce, stored.certificate_id, stored.evidence_digest, stored.used_at) == (
        "9f" * 16, certificate_of_zhang.pk, "ef" * 32, None)
    assert stored.intent_evidence == {"confirmation_id": "intent-001", "text": "本人确认签署"}
    assert stored.created_at == row.created_at


def test_both_come_back_saved_with_their_keys(worker_zhang, certificate_of_zhang):
    entry = audit.prepare("esign.key_use.authorized", actor=worker_zhang)

    row = insert_instance(authorization_of(certificate_of_zhang), audit=entry)

    assert row.pk is not None and entry.pk is not None
    assert (row._state.adding, row._state.db, entry._state.adding, entry._state.db) == (False, "default", False,
                                                                                          "default")
    assert (entry.target_type, entry.target_id, entry.target_repr) == audit.target_key(row)
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.target_id, stored.created_at) == (str(row.pk), entry.created_at)


def test_an_explicit_primary_key_is_the_entrys_target(worker_zhang, certificate_of_zhang):
    chosen = (KeyUseAuthorization.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000

    row = insert_instance(authorization_of(certificate_of_zhang, pk=chosen),
                          audit=audit.prepare("esign.key_use.authorized", actor=worker_zhang))

    assert row.pk == chosen
    assert AuditEntry.objects.get(action="esign.key_use.authorized").target_id == str(chosen)


def test_a_row_whose_name_shows_its_key_is_described_with_the_key(hr_li):
    """A batch's name shows its key, which the database gives: its entry still names it as ``record`` would."""
    batch = insert_instance(Batch(dataset_code="employers", source_kind=SourceKind.UPLOAD, loaded_by=hr_li),
                            audit=audit.prepare("datapool.batch.started", actor=hr_li))

    entry = AuditEntry.objects.get(action="datapool.batch.started")
    assert (entry.target_type, entry.target_id, entry.target_repr) == (
        "datapool.batch", str(batch.pk), f"employers #{batch.pk}")


def test_an_entry_prepared_with_a_target_is_refused(worker_zhang, certificate_of_zhang):
    entry = audit.prepare("esign.key_use.authorized", actor=worker_zhang, target=worker_zhang)

    with pytest.raises(ValueError, match="target"):
        insert_instance(authorization_of(certificate_of_zhang), audit=entry)
    assert not KeyUseAuthorization.objects.exists()
    assert not AuditEntry.objects.filter(action="esign.key_use.authorized").exists()


@pytest.mark.django_db(transaction=True)
def test_when_the_entry_cannot_be_stored_neither_is_the_row(worker_zhang, certificate_of_zhang):
    """Outside any transaction (autocommit), an entry the database refuses (no action) takes the row with it."""
    entry = audit.prepare("esign.key_use.authorized", actor=worker_zhang)
    entry.action = None

    with pytest.raises(IntegrityError):
        insert_instance(authorization_of(certificate_of_zhang), audit=entry)

    assert not KeyUseAuthorization.objects.exists()
    assert not AuditEntry.objects.filter(target_type="esign.keyuseauthorization").exists()


@pytest.mark.django_db(transaction=True)
def test_an_action_longer_than_its_column_stores_nothing(worker_zhang, certificate_of_zhang):
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL refuses a value longer than its column; SQLite stores it")
    with pytest.raises(DataError, match="too long"):
        insert_instance(authorization_of(certificate_of_zhang),
                        audit=audit.prepare("x" * 121, actor=worker_zhang))

    assert not KeyUseAuthorization.objects.exists()
    assert not AuditEntry.objects.filter(target_type="esign.keyuseauthorization").exists()


def test_the_row_and_its_entry_are_one_statement_on_postgresql(worker_zhang, certificate_of_zhang):
    if connection.vendor != "postgresql":
        pytest.skip("the data-modifying WITH is PostgreSQL's; SQLite inserts one after the other, in process")
    with CaptureQueriesContext(connection) as queries:
        insert_instance(authorization_of(certificate_of_zhang),
                        audit=audit.prepare("esign.key_use.authorized", actor=worker_zhang))

    assert len(queries) == 1
    assert AuditEntry.objects.filter(action="esign.key_use.authorized").count() == 1


def test_insert_values_are_what_record_stores(worker_zhang, from_the_office):
    """The prepared values, inserted by hand, make the entry ``record`` makes; the entry itself stays new."""
    entry = audit.prepare("ledger.entry.appended", actor=worker_zhang, target=worker_zhang, data={"count": 1})

    names, values = insert_values(entry)
    with connection.cursor() as cursor:
        columns = ", ".join(quoted_column(AuditEntry, name) for name in names)
        cursor.execute(f"INSERT INTO {quoted_table(AuditEntry)} ({columns}) VALUES ({', '.join(['%s'] * len(values))})",
                       values)
    recorded = audit.record("ledger.entry.appended", actor=worker_zhang, target=worker_zhang, data={"count": 1})

    by_hand = AuditEntry.objects.exclude(pk=recorded.pk).get(action="ledger.entry.appended")
    assert entry_values(by_hand.pk) == entry_values(recorded.pk)
    assert "id" not in names and entry._state.adding
