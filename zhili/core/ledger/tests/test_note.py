"""Checkpoints as C2SP signed notes: format, key hash, verification, and refusal of a forged note."""

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from zhili.core.ledger import note

SEED = bytes(range(32))


def test_a_signed_checkpoint_has_the_c2sp_layout_and_verifies():
    """Given a body, when it is signed, then the note is body, blank line, one em-dash signature line."""
    key = Ed25519PrivateKey.from_private_bytes(SEED)
    body = note.CheckpointBody(origin="example.com/log", tree_size=8, root_hash=bytes(32))
    text = note.sign_checkpoint(body, "example.com/log", key)

    lines = text.split("\n")
    assert lines[:4] == ["example.com/log", "8", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", ""]
    assert lines[4].startswith("\u2014 example.com/log ")
    assert lines[5] == "" and len(lines) == 6
    blob = base64.b64decode(lines[4].rsplit(" ", 1)[1])
    public = note.raw_public_key(key.public_key())
    assert blob[:4] == hashlib.sha256(b"example.com/log\n\x01" + public).digest()[:4]
    key.public_key().verify(blob[4:], body.text().encode())
    vkey = note.verifier_key("example.com/log", key.public_key())
    assert vkey == "example.com/log+{}+{}".format(blob[:4].hex(), base64.b64encode(b"\x01" + public).decode())
    assert note.open_checkpoint(text, vkey) == body


def test_a_note_with_a_changed_root_or_another_key_is_refused():
    key = Ed25519PrivateKey.from_private_bytes(SEED)
    body = note.CheckpointBody(origin="example.com/log", tree_size=8, root_hash=bytes(32))
    text = note.sign_checkpoint(body, "example.com/log", key)
    vkey = note.verifier_key("example.com/log", key.public_key())
    forged = text.replace("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", base64.b64encode(b"\x01" * 32).decode())
    with pytest.raises(note.NoteError, match="检查点签名无效"):
        note.open_checkpoint(forged, vkey)
    other = note.verifier_key("example.com/log", Ed25519PrivateKey.generate().public_key())
    with pytest.raises(note.NoteError, match="没有该公钥的签名"):
        note.open_checkpoint(text, other)
    with pytest.raises(note.NoteError, match="密钥哈希"):
        note.open_checkpoint(text, vkey.replace("+", "+00", 1))
