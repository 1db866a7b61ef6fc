"""The JSON API at /api/v1/ledger/ and the plain-text pages for outside verifiers."""

import base64

import pytest

from zhili.core.ledger import api as ledger
from zhili.core.ledger import note
from zhili.core.ledger.verify import verify_consistency, verify_inclusion

pytestmark = pytest.mark.django_db


def b64(text: str) -> bytes:
    return base64.b64decode(text)


def test_an_entry_comes_with_an_inclusion_proof_the_verifier_accepts(client, officer_wang, fill):
    fill(6)
    client.force_login(officer_wang)

    body = client.get("/api/v1/ledger/entries/4").json()

    assert body["index"] == 4 and body["kind"] == "labor_contract.signed" and body["subject_id"] == "c-4"
    inclusion = body["inclusion"]
    assert inclusion["tree_size"] == 6
    assert verify_inclusion(b64(inclusion["leaf_hash"]), 4, 6, [b64(p) for p in inclusion["proof"]],
                            b64(inclusion["root_hash"])) is True
    assert b64(inclusion["root_hash"]) == ledger.root()


def test_inclusion_and_consistency_proofs_for_older_sizes(client, officer_wang, fill):
    fill(9)
    client.force_login(officer_wang)

    inclusion = client.get("/api/v1/ledger/proof/inclusion", {"index": 2, "tree_size": 5}).json()
    consistency = client.get("/api/v1/ledger/proof/consistency", {"first": 3, "second": 9}).json()

    assert verify_inclusion(b64(inclusion["leaf_hash"]), 2, 5, [b64(p) for p in inclusion["proof"]],
                            ledger.root(5)) is True
    assert consistency["first_root"] == base64.b64encode(ledger.root(3)).decode()
    assert verify_consistency(3, 9, [b64(p) for p in consistency["proof"]], b64(consistency["first_root"]),
                              b64(consistency["second_root"])) is True


def test_bad_proof_requests_get_a_chinese_400(client, officer_wang, fill):
    fill(2)
    client.force_login(officer_wang)

    too_big = client.get("/api/v1/ledger/proof/inclusion", {"index": 0, "tree_size": 3})
    no_entry = client.get("/api/v1/ledger/proof/inclusion", {"index": 7})
    backwards = client.get("/api/v1/ledger/proof/consistency", {"first": 2, "second": 1})

    assert too_big.status_code == 400
    assert too_big.json()["errors"] == {"tree_size": ["树大小须为 0 至 2 之间的整数"]}
    assert no_entry.json()["errors"] == {"index": ["记录序号 7 不存在"]}
    assert backwards.json()["errors"] == {"first": ["旧树大小须为 0 至 1 之间的整数"]}
    assert client.get("/api/v1/ledger/entries/99").status_code == 404


def test_the_api_needs_a_login(client, fill):
    fill(1)
    assert client.get("/api/v1/ledger/entries/0").status_code == 401
    assert client.get("/api/v1/ledger/checkpoint").status_code == 401


def test_latest_checkpoint_and_public_key_let_an_outsider_check_the_note(client, officer_wang, fill, settings):
    settings.ESIGN_TSA_URL = "http://127.0.0.1:9/unreachable"
    client.force_login(officer_wang)
    assert client.get("/api/v1/ledger/checkpoint").status_code == 404
    fill(3)
    ledger.make_checkpoint()

    checkpoint = client.get("/api/v1/ledger/checkpoint").json()
    key = client.get("/api/v1/ledger/public-key").json()

    assert key["algorithm"] == "Ed25519" and key["origin"] == "zhili.local/ledger"
    assert checkpoint["anchor_status"] == "pending" and checkpoint["timestamp_token"] is None
    assert note.open_checkpoint(checkpoint["note"], key["verifier_key"]).tree_size == 3


def test_a_checkpoint_is_signed_at_once_on_request_and_anchored_after_commit(
        client, officer_wang, fill, platform_tsa, django_capture_on_commit_callbacks):
    """Given three entries and no checkpoint, a logged-in request signs one now; asking again before any new entry
    gives the same one back. Anonymous requests change nothing."""
    fill(3)
    assert client.post("/api/v1/ledger/checkpoint").status_code == 401
    assert ledger.latest_checkpoint() is None
    client.force_login(officer_wang)

    with django_capture_on_commit_callbacks(execute=True):
        made = client.post("/api/v1/ledger/checkpoint").json()
    again = client.post("/api/v1/ledger/checkpoint").json()

    assert made["tree_size"] == 3 and b64(made["root_hash"]) == ledger.root(3)
    assert made["anchor_status"] == "pending"  # the answer is written before the anchoring that follows the commit
    assert ledger.latest_checkpoint().anchor_status == "anchored"
    assert (again["tree_size"], again["note"], again["anchor_status"]) == (3, made["note"], "anchored")
    assert note.open_checkpoint(made["note"], ledger.verifier_key()).tree_size == 3


def test_the_plain_text_key_and_checkpoint_are_public(client, fill, settings):
    settings.ESIGN_TSA_URL = "http://127.0.0.1:9/unreachable"
    assert client.get("/ledger/checkpoint").status_code == 404
    fill(2)
    made = ledger.make_checkpoint()

    vkey = client.get("/ledger/public-key").content.decode().strip()
    text = client.get("/ledger/checkpoint").content.decode()

    assert text == made.note
    assert note.open_checkpoint(text, vkey).root_hash == ledger.root(2)
