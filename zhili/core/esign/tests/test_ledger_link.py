"""Signatures leave evidence in the ledger, and verification shows the entries with proofs that check out."""

import hashlib
import json

import pytest
from django.core.management import call_command

from zhili.core.esign import api as esign
from zhili.core.esign.models import SignatureRecord
from zhili.core.esign.tests import helpers
from zhili.core.esign.verify import revision_digests, verify_pdf
from zhili.core.ledger import api as ledger
from zhili.core.ledger.models import LedgerEntry


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_signing_appends_the_signed_file_to_the_ledger(verified_worker, enterprise):
    """Given a worker signature, the ledger holds esign.signature about the record, with the signed file's digest."""
    signed = helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker)

    record = SignatureRecord.objects.get()
    [entry] = ledger.entries_for(record)
    assert entry.kind == "esign.signature"
    assert entry.digest == sha(signed) == record.output_sha256
    assert entry.actor_label == f"identity.user:{verified_worker.pk}"
    assert json.loads(entry.record)["data"] == {
        "role": "worker", "field_name": "WorkerSignature", "evidence_digest": record.evidence_digest,
        "certificate_serial": record.certificate.serial_number,
    }


def test_verification_shows_ledger_entries_of_the_file_and_its_revisions(verified_worker, enterprise, hr_li,
                                                                         seal_png):
    """Given worker and seal signatures and a checkpoint, the report shows both entries with verified proofs."""
    after_worker = helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker)
    after_seal = helpers.seal_as_employer(after_worker, enterprise, hr_li, seal_png)
    checkpoint = ledger.make_checkpoint()

    report = verify_pdf(after_seal)

    assert report.revision_sha256[-1] == sha(after_seal)
    assert sha(after_worker) in report.revision_sha256
    by_kind = {(entry["kind"], entry["document"]): entry for entry in report.ledger_entries}
    assert set(by_kind) == {("esign.signature", "第 2 版（共 3 版）"), ("esign.signature", "整个文件")}
    whole = by_kind[("esign.signature", "整个文件")]
    assert whole["digest"] == sha(after_seal)
    assert whole["tree_size"] == checkpoint.tree_size
    assert whole["root_hash"] == bytes(checkpoint.root_hash).hex()
    assert whole["checkpoint_note"] == checkpoint.note
    for entry in report.ledger_entries:
        assert (entry["record_ok"], entry["proof_ok"], entry["checkpoint_ok"], entry["ok"]) == (True, True, True, True)
        assert entry["verified"] is True
    assert report.ledger_note == ""


def test_a_proof_against_an_unsigned_root_says_so_until_the_minute_job_signs_a_checkpoint(verified_worker, enterprise,
                                                                                         settings):
    """Without a checkpoint covering it, the proof leads to the current root, no note is claimed and the report says
    the root is not signed yet; the minute job (``ledger.checkpoint``) then signs one and the same file shows it."""
    settings.LEDGER_CHECKPOINT_SECONDS = 0
    signed = helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker)

    [entry] = ledger.entries_for_digest(sha(signed))
    assert entry.checkpoint_note == ""
    assert entry.tree_size == ledger.tree_size()
    assert entry.root_hash == ledger.root().hex()
    assert ledger.verify_inclusion(bytes.fromhex(entry.leaf_hash), entry.index, entry.tree_size,
                                   [bytes.fromhex(p) for p in entry.inclusion_proof], ledger.root())
    [shown] = verify_pdf(signed).ledger_entries
    assert (shown["ok"], shown["checkpoint_ok"], shown["signed_root"]) == (True, None, False)
    assert shown["status"] == "包含证明成立，但所依据的树根尚未签名（签名检查点将在记录后一分钟内签发，届时请重新验证）"

    checkpoint = ledger.checkpoint_if_due()  # what the periodic job does every minute

    assert checkpoint.tree_size == ledger.tree_size()
    [shown] = verify_pdf(signed).ledger_entries
    assert (shown["ok"], shown["checkpoint_ok"], shown["signed_root"]) == (True, True, True)
    assert shown["status"] == "证明有效（树根已由签名检查点确认）"


def test_record_document_puts_the_final_file_in_the_ledger(verified_worker, enterprise):
    """A scene records its completed document; verifying that file shows the entry."""
    signed = helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker)
    completed = esign.complete_document(signed)

    entry = esign.record_document(completed, subject=enterprise, kind="esign.document.completed", actor=verified_worker)

    assert (entry.kind, entry.subject_type, entry.subject_id) == ("esign.document.completed", "orgs.organization",
                                                                  str(enterprise.pk))
    assert entry.digest == sha(completed)
    report = verify_pdf(completed)
    assert [(e["index"], e["document"]) for e in report.ledger_entries if e["document"] == "整个文件"] == [
        (entry.index, "整个文件")]


def test_record_document_refuses_an_empty_file(enterprise):
    before = LedgerEntry.objects.count()
    with pytest.raises(Exception, match="文件不能为空"):
        esign.record_document(b"", subject=enterprise, kind="esign.document.completed", actor=None)
    assert LedgerEntry.objects.count() == before


def test_revision_digests_are_the_file_as_it_was_after_each_update(verified_worker, enterprise):
    pdf = helpers.contract_pdf(verified_worker, enterprise)
    signed = helpers.sign_as_worker(pdf, verified_worker)

    assert revision_digests(signed) == [sha(pdf), sha(signed)]


def test_offline_command_checks_a_ledger_proof_file(verified_worker, enterprise, client, tmp_path, capsys):
    """`zhili verify FILE --root root.pem --ledger-proof proof.json` checks the proof from the file alone."""
    signed = helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker)
    ledger.make_checkpoint()
    client.force_login(verified_worker)
    response = client.get("/api/v1/esign/ledger-proof", {"sha256": sha(signed)})
    assert response.status_code == 200
    (tmp_path / "proof.json").write_text(response.content.decode())
    (tmp_path / "root.pem").write_text(esign.platform_root_pem())
    (tmp_path / "contract.pdf").write_bytes(signed)

    call_command("verify", str(tmp_path / "contract.pdf"), "--root", str(tmp_path / "root.pem"),
                 "--ledger-proof", str(tmp_path / "proof.json"))

    output = capsys.readouterr().out
    assert "存证记录：#0 esign.signature" in output
    assert "对应整个文件" in output
    assert "存证原文相符：是  包含证明有效：是  检查点签名有效：是" in output


def test_ledger_proof_endpoint_names_the_field_of_a_bad_digest(verified_worker, client):
    client.force_login(verified_worker)
    response = client.get("/api/v1/esign/ledger-proof", {"sha256": "abc"})
    assert response.status_code == 400
    assert response.json() == {"detail": "sha256：须为 64 位十六进制的 SHA-256 摘要"}
