"""Checkpoints as C2SP signed notes (tlog-checkpoint + signed-note, Ed25519): pure Python, no Django.

A checkpoint body is ``<origin>\\n<tree size>\\n<base64 root hash>\\n``. The note is the body, a blank line, and
one signature line per signer: ``— <key name> <base64(key hash || signature)>``, where the key hash is the first
four bytes of SHA-256(key name || 0x0A || 0x01 || public key) and the signature is Ed25519 over the body.
An outside verifier needs this module, ``verify.py`` and the published verifier key
(``<key name>+<hex key hash>+<base64(0x01 || public key)>``).
"""

import base64
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519_TYPE = b"\x01"
SIGNATURE_PREFIX = "\u2014 "  # an em dash and a space, as the signed-note spec requires


class NoteError(ValueError):
    """A note or checkpoint that does not parse or does not verify."""


@dataclass(frozen=True)
class CheckpointBody:
    """The three lines a tlog checkpoint commits to."""

    origin: str
    tree_size: int
    root_hash: bytes

    def text(self) -> str:
        return f"{self.origin}\n{self.tree_size}\n{base64.b64encode(self.root_hash).decode()}\n"


def raw_public_key(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_hash(name: str, public_key: Ed25519PublicKey) -> bytes:
    """Return the 4-byte key hash: SHA-256(name || 0x0A || 0x01 || public key)[:4]."""
    return hashlib.sha256(name.encode() + b"\n" + ED25519_TYPE + raw_public_key(public_key)).digest()[:4]


def verifier_key(name: str, public_key: Ed25519PublicKey) -> str:
    """Return the published verifier key: ``name+hexhash+base64(0x01 || public key)``."""
    encoded = base64.b64encode(ED25519_TYPE + raw_public_key(public_key)).decode()
    return f"{name}+{key_hash(name, public_key).hex()}+{encoded}"


def parse_verifier_key(vkey: str) -> tuple[str, Ed25519PublicKey]:
    """Return the key name and public key of a verifier key string."""
    try:
        name, hash_hex, encoded = vkey.strip().split("+", 2)
        raw = base64.b64decode(encoded, validate=True)
    except ValueError as exc:
        raise NoteError("验证公钥格式错误：应为 名称+八位十六进制+Base64") from exc
    if raw[:1] != ED25519_TYPE or len(raw) != 33:
        raise NoteError("验证公钥不是 Ed25519 公钥")
    public_key = Ed25519PublicKey.from_public_bytes(raw[1:])
    if key_hash(name, public_key).hex() != hash_hex:
        raise NoteError("验证公钥的密钥哈希与公钥不符")
    return name, public_key


def _check_origin(origin: str) -> None:
    if not origin or "\n" in origin or " " in origin or "+" in origin:
        raise NoteError("检查点来源名称不能为空，也不能包含空格、加号或换行")


def sign_checkpoint(body: CheckpointBody, name: str, private_key: Ed25519PrivateKey) -> str:
    """Return the signed note text for ``body`` signed by ``private_key`` under ``name``."""
    _check_origin(body.origin)
    _check_origin(name)
    text = body.text()
    signature = private_key.sign(text.encode())
    blob = base64.b64encode(key_hash(name, private_key.public_key()) + signature).decode()
    return f"{text}\n{SIGNATURE_PREFIX}{name} {blob}\n"


def open_checkpoint(note: str, vkey: str) -> CheckpointBody:
    """Verify ``note`` against the verifier key ``vkey`` and return its checkpoint body; raise NoteError if not."""
    name, public_key = parse_verifier_key(vkey)
    text, separator, signatures = note.partition("\n\n")
    if not separator or not signatures.endswith("\n"):
        raise NoteError("签名便笺格式错误：缺少空行分隔的签名部分")
    text += "\n"
    wanted_hash = key_hash(name, public_key)
    verified = False
    for line in signatures[:-1].split("\n"):
        if not line.startswith(SIGNATURE_PREFIX):
            raise NoteError("签名行格式错误：应以“— ”开头")
        signer, _, blob = line[len(SIGNATURE_PREFIX):].rpartition(" ")
        try:
            raw = base64.b64decode(blob, validate=True)
        except ValueError as exc:
            raise NoteError("签名行的 Base64 编码无效") from exc
        if signer != name or raw[:4] != wanted_hash:
            continue
        try:
            public_key.verify(raw[4:], text.encode())
        except InvalidSignature as exc:
            raise NoteError("检查点签名无效") from exc
        verified = True
    if not verified:
        raise NoteError("检查点没有该公钥的签名")
    return parse_body(text)


def parse_body(text: str) -> CheckpointBody:
    """Parse the first three lines of a checkpoint body."""
    lines = text.split("\n")
    if len(lines) < 4 or lines[-1] != "":
        raise NoteError("检查点正文格式错误：应为 来源、树大小、根哈希 三行")
    origin, size_text, root_text = lines[:3]
    if not size_text.isdigit() or (size_text != "0" and size_text.startswith("0")):
        raise NoteError("检查点树大小必须是无前导零的十进制整数")
    try:
        root = base64.b64decode(root_text, validate=True)
    except ValueError as exc:
        raise NoteError("检查点根哈希的 Base64 编码无效") from exc
    if len(root) != 32:
        raise NoteError("检查点根哈希必须是 32 字节")
    return CheckpointBody(origin=origin, tree_size=int(size_text), root_hash=root)
