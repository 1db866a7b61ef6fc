"""Appending evidence, signing checkpoints, anchoring them with the TSA, and reading proofs from storage."""

import base64
import hashlib
import socket

import pytest
from asn1crypto import cms, tsp
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhili.core.foundation.models import AuditEntry
from zhili.core.ledger import api as ledger
from zhili.core.ledger import keys, merkle, note
from zhili.core.ledger.choices import AnchorStatus
from zhili.core.ledger.models import Checkpoint, LedgerEntry, MerkleNode
from zhili.core.ledger.verify import hash_leaf

from .conftest import sha
from .test_verify import naive_root

pytestmark = pytest.mark.django_db


def test_append_records_canonical_json_and_the_rfc_leaf_hash(hr_li):
    """Given a signed contract digest, when it is appended, then the leaf is SHA-256(0x00 || canonical JSON)."""
    entry = ledger.append(kind="labor_contract.signed", subject=hr_li, digest=sha("合同"), actor=hr_li,
                          data={"role": "employer", "pages": 3})

    assert entry.index == 0
    assert entry.subject_type == "identity.user" and entry.subject_id == str(hr_li.pk)
    assert entry.actor_label == f"identity.user:{hr_li.pk}"
    expected = (
        '{"actor":"identity.user:PK","data":{"pages":3,"role":"employer"},"digest":{"alg":"sha256","value":"HEX"},'
        '"kind":"labor_contract.signed","subject":{"id":"PK","type":"identity.user"},"time":"TIME","v":1}'
    )
    assert entry.record == expected.replace("PK", str(hr_li.pk)).replace("HEX", sha("合同")).replace(
        "TIME", entry.recorded_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    assert bytes(entry.leaf_hash) == hash_leaf(entry.record.encode())
    assert ledger.root() == bytes(entry.leaf_hash)
    assert list(ledger.entries_for(hr_li)) == [entry]
    audit = AuditEntry.objects.get(action="ledger.entry.appended")
    assert audit.actor == hr_li and audit.data["first_index"] == 0 and audit.data["count"] == 1


def test_append_many_gives_consecutive_indexes_and_stores_every_complete_subtree_of_16_leaves_or_more(fill):
    entries = fill(40)

    assert [e.index for e in entries] == list(range(40))
    assert ledger.tree_size() == 40
    # two subtrees of 16 and one of 32 are stored; the smaller ones are computed from the leaves
    assert sorted(MerkleNode.objects.values_list("level", "index")) == [(4, 0), (4, 1), (5, 0)]
    leaves = [e.record.encode() for e in LedgerEntry.objects.order_by("index")]
    for size in (1, 5, 13, 16, 17, 32, 39, 40):
        assert ledger.root(size) == naive_root(leaves[:size])
    assert ledger.root() == naive_root(leaves)


def test_batches_copy_and_single_appends_store_exactly_the_nodes_of_incremental_growth(fill):
    """Whatever the write path (COPY for big batches, INSERT for small ones, single appends, inside a caller's
    transaction or not), the stored nodes are exactly the complete subtrees of 16 leaves or more, each
    MTH(D[range])."""
    from django.db import transaction

    from zhili.core.ledger.merkle import node_key

    fill(1)
    fill(40, start=1)  # at least storage.COPY_THRESHOLD rows: COPY on PostgreSQL
    with transaction.atomic():  # nested in a caller's transaction
        fill(5, start=41)
        ledger.append(kind="labor_contract.signed", digest=sha("single"))
        fill(33, start=47)

    leaves = [e.record.encode() for e in LedgerEntry.objects.order_by("index")]
    size = len(leaves)
    expected = {}
    level = merkle.LOWEST_STORED_LEVEL
    while (1 << level) <= size:
        width = 1 << level
        for index in range(size // width):
            expected[node_key(level, index)] = naive_root(leaves[index * width:(index + 1) * width])
        level += 1
    stored = {key: bytes(digest) for key, digest in MerkleNode.objects.values_list("key", "hash")}
    assert size == 80
    assert stored == expected


def test_bad_records_are_refused_naming_the_field_and_nothing_is_written(fill):
    fill(2)
    with pytest.raises(ValidationError) as error:
        ledger.append_many([
            {"kind": "labor_contract.signed", "digest": sha("ok")},
            {"kind": "labor_contract.signed", "digest": "not-a-digest"},
        ])
    assert error.value.message_dict == {"records[1]": ["摘要必须是 SHA-256 值：32 字节或 64 位十六进制字符串"]}
    with pytest.raises(ValidationError) as error:
        ledger.append(kind="Labor Contract", digest=sha("x"))
    assert error.value.message_dict["kind"] == ["存证类型须为小写英文点分名称（如 labor_contract.signed），不超过 80 个字符"]
    with pytest.raises(ValidationError) as error:
        ledger.append(kind="x.y", digest=sha("x"), data={"amount": 12.5})
    assert list(error.value.message_dict) == ["record.data.amount"]

    assert ledger.tree_size() == 2
    assert LedgerEntry.objects.count() == 2
    assert AuditEntry.objects.filter(action="ledger.entry.appended").count() == 1


def test_proofs_from_storage_verify_for_every_index_and_size(fill):
    entries = fill(11)
    leaves = [e.record.encode() for e in entries]
    for size in range(1, 12):
        root = ledger.root(size)
        assert root == naive_root(leaves[:size])
        for index in range(size):
            proof = ledger.inclusion_proof(index, size)
            assert ledger.verify_inclusion(bytes(entries[index].leaf_hash), index, size, proof, root) is True
        for first in range(size + 1):
            proof = ledger.consistency_proof(first, size)
            assert ledger.verify_consistency(first, size, proof, ledger.root(first), root) is True


def test_a_proof_for_a_size_beyond_the_tree_is_refused(fill):
    fill(3)
    with pytest.raises(ValidationError) as error:
        ledger.inclusion_proof(0, 4)
    assert error.value.message_dict == {"tree_size": ["树大小须为 0 至 3 之间的整数"]}
    with pytest.raises(ValidationError) as error:
        ledger.inclusion_proof(3, 3)
    assert error.value.message_dict == {"index": ["记录序号须为 0 至 2 之间的整数"]}


def test_a_checkpoint_is_a_signed_note_an_outside_verifier_accepts(fill, settings):
    settings.ESIGN_TSA_URL = "http://127.0.0.1:9/unreachable"
    fill(5)

    checkpoint = ledger.make_checkpoint(actor="test")

    assert checkpoint.tree_size == 5
    assert bytes(checkpoint.root_hash) == ledger.root(5)
    body = note.open_checkpoint(checkpoint.note, ledger.verifier_key())
    assert body == note.CheckpointBody("zhili.local/ledger", 5, ledger.root(5))
    assert checkpoint.note.startswith(f"zhili.local/ledger\n5\n{base64.b64encode(ledger.root(5)).decode()}\n\n\u2014 ")
    assert ledger.make_checkpoint() == checkpoint
    assert Checkpoint.objects.count() == 1
    assert AuditEntry.objects.filter(action="ledger.checkpoint.created").count() == 1


def test_the_signing_key_comes_from_the_setting_when_set(settings):
    derived = ledger.verifier_key()
    settings.LEDGER_SIGNING_KEY = base64.b64encode(bytes(range(32))).decode()
    configured = ledger.verifier_key()
    assert configured != derived
    assert configured == note.verifier_key("zhili.local/ledger", keys.signing_key().public_key())
    settings.SECRET_KEY = "another secret"
    assert ledger.verifier_key() == configured


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_checkpoint_stays_pending_while_the_tsa_is_down_and_is_anchored_later(
        fill, platform_tsa, settings, django_capture_on_commit_callbacks):
    """Given the TSA unreachable, the checkpoint is still made; once the TSA answers, the retry anchors it."""
    fill(4)
    settings.ESIGN_TSA_URL = f"http://127.0.0.1:{closed_port()}/tsa"

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        checkpoint = ledger.make_checkpoint()
    assert len(callbacks) == 2  # the event, and the anchoring that follows the commit

    checkpoint.refresh_from_db()
    assert checkpoint.anchor_status == AnchorStatus.PENDING
    assert checkpoint.timestamp_token is None
    assert checkpoint.anchor_error != ""

    settings.ESIGN_TSA_URL = ""
    assert ledger.anchor_pending_checkpoints() == 1

    checkpoint.refresh_from_db()
    assert checkpoint.anchor_status == AnchorStatus.ANCHORED
    token = cms.ContentInfo.load(bytes(checkpoint.timestamp_token))
    info = token["content"]["encap_content_info"]["content"].parsed
    assert isinstance(info, tsp.TSTInfo)
    assert info["message_imprint"]["hashed_message"].native == hashlib.sha256(checkpoint.note.encode()).digest()
    assert AuditEntry.objects.filter(action="ledger.checkpoint.anchored", target_id=str(checkpoint.pk)).count() == 1
    assert ledger.anchor_pending_checkpoints() == 0


def test_every_n_entries_a_checkpoint_is_signed_and_anchored(
        fill, platform_tsa, settings, django_capture_on_commit_callbacks):
    settings.LEDGER_CHECKPOINT_EVERY = 4
    with django_capture_on_commit_callbacks(execute=True):
        fill(3)
    assert Checkpoint.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        fill(2, start=3)
    with django_capture_on_commit_callbacks(execute=True):
        fill(4, start=5)

    assert list(Checkpoint.objects.order_by("tree_size").values_list("tree_size", "anchor_status")) == [
        (5, AnchorStatus.ANCHORED), (9, AnchorStatus.ANCHORED),
    ]


def test_checkpoint_if_due_waits_for_new_entries_and_for_time(fill, settings):
    settings.ESIGN_TSA_URL = "http://127.0.0.1:9/unreachable"
    settings.LEDGER_CHECKPOINT_EVERY = 0
    settings.LEDGER_CHECKPOINT_SECONDS = 3600
    fill(2)
    first = ledger.checkpoint_if_due()
    assert first.tree_size == 2
    assert ledger.checkpoint_if_due() is None
    fill(1, start=2)
    assert ledger.checkpoint_if_due() is None
    settings.LEDGER_CHECKPOINT_SECONDS = 0
    assert ledger.checkpoint_if_due().tree_size == 3


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_proof_read_from_the_database_verifies_for_random_sizes(fill, data):
    """Property: for any size, index and older size, proofs built from stored nodes pass the RFC verifier."""
    if ledger.tree_size() == 0:
        fill(70)
    size = data.draw(st.integers(min_value=1, max_value=70), label="tree size")
    index = data.draw(st.integers(min_value=0, max_value=size - 1), label="index")
    first = data.draw(st.integers(min_value=0, max_value=size), label="older size")
    root = ledger.root(size)
    leaf = bytes(LedgerEntry.objects.get(index=index).leaf_hash)
    assert ledger.verify_inclusion(leaf, index, size, ledger.inclusion_proof(index, size), root) is True
    assert ledger.verify_consistency(first, size, ledger.consistency_proof(first, size), ledger.root(first),
                                     root) is True
