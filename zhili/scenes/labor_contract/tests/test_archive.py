"""Completed contracts are core.esign's archive: the daily renewal job sees them, and a renewal replaces the
completed document with the renewed file (the old one plus an incremental update), audited."""

import datetime as dt
import hashlib

from zhili.core.esign import api as esign
from zhili.core.foundation.api import AuditEntry
from zhili.scenes.labor_contract.choices import DocumentStage
from zhili.scenes.labor_contract.services import archive


def test_the_renewal_job_sees_completed_contracts_and_a_renewal_replaces_the_completed_file(completed_contract):
    document = completed_contract.documents.get(stage=DocumentStage.COMPLETED)
    completed = bytes(document.pdf)
    expiry = esign.last_timestamp_expiry(completed)

    # Ten days before the platform TSA's certificate expires, the job finds the contract but cannot outlive it.
    counts = esign.renew_archive_timestamps(now=expiry - dt.timedelta(days=10), margin=dt.timedelta(days=365))
    assert counts == {"checked": 1, "renewed": 0, "not_renewable": 1}
    assert list(archive.completed_documents()) == [(str(completed_contract.pk), completed)]

    renewed = esign.renew_archive_timestamp(completed)
    archive.replace_completed(str(completed_contract.pk), renewed)

    document.refresh_from_db()
    assert bytes(document.pdf) == renewed and renewed.startswith(completed)
    assert (document.sha256, document.size) == (hashlib.sha256(renewed).hexdigest(), len(renewed))
    entry = AuditEntry.objects.get(action="labor_contract.document.archive_renewed")
    assert entry.data == {"previous_sha256": hashlib.sha256(completed).hexdigest(), "sha256": document.sha256}
