"""An append's audit entry is one more row of the append's statement, and says exactly what ``audit.record`` would
say about the same append."""

import pytest
from django.db import DataError, IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from zhili.core.foundation import audit
from zhili.core.foundation.context import RequestContext, current
from zhili.core.foundation.models import AuditEntry
from zhili.core.ledger import api as ledger
from zhili.core.ledger.models import LedgerEntry, LedgerHead
from zhili.core.ledger.storage import COPY_THRESHOLD

from .conftest import sha

ENTRY_COLUMNS = ("actor_id", "actor_label", "action", "target_type", "target_id", "target_repr", "data", "ip_address")

pytestmark = pytest.mark.django_db


def said(entry_pk) -> dict:
    """What an entry says, read back: every column but its own id and time."""
    return AuditEntry.objects.values(*ENTRY_COLUMNS).get(pk=entry_pk)


def appended_entries() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="ledger.entry.appended").order_by("id"))


def test_one_append_is_audited_as_record_audits_it(worker_zhang):
    """Given the ledger's second append (by a person, from an address), when ``audit.record`` writes the same entry
    about the stored ledger entry, then the two entries say the same."""
    ledger.append(kind="test.first", digest=sha("first"))
    token = current.set(RequestContext(ip_address="10.1.2.3"))
    try:
        appended = ledger.append(kind="labor_contract.signed", subject=("labor_contract.contract", "c-1"),
                                 digest=sha("contract 1"), actor=worker_zhang)
    finally:
        current.reset(token)

    folded = appended_entries()[-1]
    stored = LedgerEntry.objects.get(index=appended.index)
    recorded = audit.record("ledger.entry.appended", actor=worker_zhang, target=stored, ip_address="10.1.2.3",
                            data={"first_index": 1, "last_index": 1, "count": 1, "kinds": ["labor_contract.signed"]})
    assert said(folded.pk) == said(recorded.pk)
    assert (said(folded.pk)["target_id"], said(folded.pk)["target_repr"]) == (
        "1", "#1 labor_contract.signed labor_contract.contract:c-1")
    assert (stored.kind, stored.subject_type, stored.subject_id, stored.digest) == (
        "labor_contract.signed", "labor_contract.contract", "c-1", sha("contract 1"))
    assert LedgerHead.objects.get().tree_size == 2


@pytest.mark.parametrize("count", [3, COPY_THRESHOLD + 8])
def test_a_batch_is_audited_as_record_audits_it(fill, count):
    """A batch (one statement on PostgreSQL below the COPY threshold, a COPY and more statements above it) has
    one entry, about no single ledger entry."""
    fill(count)

    folded = appended_entries()[-1]
    recorded = audit.record("ledger.entry.appended", data={
        "first_index": 0, "last_index": count - 1, "count": count, "kinds": ["labor_contract.signed"]})
    assert said(folded.pk) == said(recorded.pk)
    assert said(folded.pk)["target_type"] == ""
    assert LedgerEntry.objects.count() == count


def test_an_append_on_postgresql_is_the_head_lock_and_one_write(db):
    if connection.vendor != "postgresql":
        pytest.skip("the data-modifying WITH is PostgreSQL's; SQLite writes batch by batch, in process")
    ledger.append(kind="test.first", digest=sha("first"))

    with CaptureQueriesContext(connection) as queries:
        ledger.append(kind="test.second", digest=sha("second"))

    assert len(queries) == 2, [query["sql"] for query in queries]
    assert len(appended_entries()) == 2


@pytest.mark.django_db(transaction=True)
def test_an_append_whose_audit_entry_is_refused_stores_nothing(monkeypatch):
    """All or nothing: when the database refuses the audit entry (an action longer than its column on PostgreSQL,
    none at all on SQLite), neither the ledger entry nor the head is written."""
    ledger.append(kind="test.first", digest=sha("first"))
    prepare = audit.prepare

    def refused(action, **kwargs):
        entry = prepare(action, **kwargs)
        entry.action = "x" * 121 if connection.vendor == "postgresql" else None
        return entry

    monkeypatch.setattr(audit, "prepare", refused)
    with pytest.raises((DataError, IntegrityError)):
        ledger.append(kind="test.second", digest=sha("second"))

    assert LedgerEntry.objects.count() == 1
    assert LedgerHead.objects.get().tree_size == 1
    assert len(appended_entries()) == 1
