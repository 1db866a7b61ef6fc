"""The audit job: recompute the tree from the records and compare it with every signed checkpoint."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhili.core.foundation.models import AuditEntry
from zhili.core.ledger import api as ledger
from zhili.core.ledger.choices import AlertCode, AlertLevel
from zhili.core.ledger.models import Checkpoint, LedgerAlert, LedgerEntry, MerkleNode

pytestmark = pytest.mark.django_db


def sign_at(fill, settings, *sizes: int) -> None:
    """Fill the log up to each size in turn and sign a checkpoint there; the TSA is down, which the audit does
    not care about."""
    settings.ESIGN_TSA_URL = "http://127.0.0.1:9/unreachable"
    size = 0
    for target in sizes:
        fill(target - size, start=size)
        ledger.make_checkpoint()
        size = target


@pytest.fixture
def signed_log(fill, settings):
    """Twelve entries with checkpoints at 5 and 12."""
    sign_at(fill, settings, 5, 12)


def test_an_untouched_ledger_passes_the_audit(signed_log):
    report = ledger.audit_ledger()

    assert report == {"leaves": 12, "checkpoints": 2, "findings": {}, "alerts": [], "ok": True}
    assert LedgerAlert.objects.count() == 0
    assert AuditEntry.objects.get(action="ledger.audit.completed").data == {
        "leaves": 12, "checkpoints": 2, "findings": {},
    }


def test_a_tampered_record_raises_a_red_alert_against_every_checkpoint_after_it(signed_log):
    """Given someone rewrote record 3 in the database, the audit raises red alerts and writes them to the audit log."""
    entry = LedgerEntry.objects.get(index=3)
    LedgerEntry.objects.filter(index=3).update(record=entry.record.replace("c-3", "c-9"))

    report = ledger.audit_ledger()

    assert report["ok"] is False
    assert report["findings"] == {AlertCode.LEAF_MISMATCH: 1, AlertCode.RECORD_MISMATCH: 1,
                                  AlertCode.ROOT_MISMATCH: 2}
    alerts = LedgerAlert.objects.order_by("id")
    assert {alert.level for alert in alerts} == {AlertLevel.RED}
    roots = alerts.filter(code=AlertCode.ROOT_MISMATCH)
    assert sorted(alert.checkpoint.tree_size for alert in roots) == [5, 12]
    assert alerts.get(code=AlertCode.LEAF_MISMATCH).entry_index == 3
    assert AuditEntry.objects.filter(action="ledger.alert.raised").count() == 4


def test_a_tampered_column_or_leaf_hash_or_signature_is_found(signed_log):
    LedgerEntry.objects.filter(index=7).update(digest="0" * 64)
    LedgerEntry.objects.filter(index=3).update(leaf_hash=b"\x00" * 32)
    latest = Checkpoint.objects.get(tree_size=12)
    Checkpoint.objects.filter(pk=latest.pk).update(note=latest.note.replace("\n12\n", "\n13\n"))

    report = ledger.audit_ledger()

    assert report["findings"] == {AlertCode.SIGNATURE_INVALID: 1, AlertCode.RECORD_MISMATCH: 1,
                                  AlertCode.LEAF_MISMATCH: 1, AlertCode.NODE_MISMATCH: 2}
    assert LedgerAlert.objects.get(code=AlertCode.RECORD_MISMATCH).entry_index == 7
    assert LedgerAlert.objects.get(code=AlertCode.LEAF_MISMATCH).entry_index == 3
    # below level 4 nothing is stored: both roots are computed through the stored leaf hash of entry 3
    assert sorted(alert.checkpoint.tree_size for alert in LedgerAlert.objects.filter(
        code=AlertCode.NODE_MISMATCH)) == [5, 12]


def test_a_tampered_stored_node_is_found_by_the_roots_that_read_it(fill, settings):
    sign_at(fill, settings, 20, 40)
    MerkleNode.objects.filter(level=4, index=0).update(hash=b"\x00" * 32)

    report = ledger.audit_ledger()

    assert report["findings"] == {AlertCode.NODE_MISMATCH: 1}
    # node (4, 0) covers leaves 0–15: the root at 20 reads it (and leaves 16–19), the root at 40 reads (5, 0)
    assert LedgerAlert.objects.get(code=AlertCode.NODE_MISMATCH).checkpoint.tree_size == 20


def test_a_deleted_entry_is_reported_missing(signed_log):
    LedgerEntry.objects.filter(index=10).delete()

    report = ledger.audit_ledger()

    assert report["findings"][AlertCode.MISSING_ENTRIES] == 2
    assert report["leaves"] == 10


def test_the_audit_command_fails_loudly_on_a_difference(signed_log, capsys):
    call_command("ledger_audit")
    assert "账本与全部检查点一致" in capsys.readouterr().out

    LedgerEntry.objects.filter(index=0).update(record="{}")
    with pytest.raises(CommandError, match="账本核对发现差异"):
        call_command("ledger_audit")
    assert "红色告警" in capsys.readouterr().err


def test_the_checkpoint_command_signs_and_reports(fill, settings, capsys):
    settings.ESIGN_TSA_URL = "http://127.0.0.1:9/unreachable"
    fill(3)
    call_command("ledger_checkpoint")
    out = capsys.readouterr().out
    assert "检查点：树大小 3，锚定状态 待锚定" in out
    call_command("ledger_checkpoint", "--if-due")
    assert "无需签发检查点" in capsys.readouterr().out
