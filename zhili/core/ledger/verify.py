"""Verify RFC 9162 Merkle proofs and checkpoint roots: pure Python, no Django, fit to hand to outside verifiers.

Written from RFC 9162 §2.1 (the same hashing as RFC 6962): a leaf hash is SHA-256(0x00 || data), an interior
node SHA-256(0x01 || left || right). The verification algorithms are §2.1.3.2 (inclusion) and §2.1.4.2
(consistency), step by step.
"""

import hashlib
from collections.abc import Sequence

HASH_SIZE = 32
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").digest()


def hash_leaf(data: bytes) -> bytes:
    """Return the leaf hash of ``data``: SHA-256(0x00 || data)."""
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def hash_children(left: bytes, right: bytes) -> bytes:
    """Return the interior node hash: SHA-256(0x01 || left || right)."""
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def _valid_hashes(hashes: Sequence[bytes]) -> bool:
    return all(isinstance(h, bytes | bytearray) and len(h) == HASH_SIZE for h in hashes)


def root_from_inclusion_proof(leaf_hash: bytes, index: int, tree_size: int, proof: Sequence[bytes]) -> bytes | None:
    """Return the root the proof leads to (RFC 9162 §2.1.3.2 steps 1–5), or None when the proof is malformed."""
    if index < 0 or index >= tree_size or not _valid_hashes([leaf_hash, *proof]):
        return None
    fn, sn = index, tree_size - 1
    r = bytes(leaf_hash)
    for p in proof:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = hash_children(p, r)
            while fn and not fn & 1:
                fn >>= 1
                sn >>= 1
        else:
            r = hash_children(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        return None
    return r


def verify_inclusion(leaf_hash: bytes, index: int, tree_size: int, proof: Sequence[bytes], root: bytes) -> bool:
    """Tell whether ``proof`` shows the leaf at ``index`` is in the tree of ``tree_size`` with ``root``."""
    computed = root_from_inclusion_proof(leaf_hash, index, tree_size, proof)
    return computed is not None and computed == bytes(root)


def verify_consistency(first: int, second: int, proof: Sequence[bytes], first_root: bytes, second_root: bytes) -> bool:
    """Tell whether ``proof`` shows the tree of size ``second`` extends the tree of size ``first`` (§2.1.4.2)."""
    if first < 0 or second < first:
        return False
    if first == second:
        # An empty proof, and the same tree: nothing to show but equal roots.
        return not proof and first_root == second_root
    if first == 0:
        # Every tree extends the empty tree; the RFC defines no proof for it.
        return not proof
    if not proof or not _valid_hashes([*proof, first_root, second_root]):
        return False
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, bytes(first_root))
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = hash_children(c, fr)
            sr = hash_children(c, sr)
            while fn and not fn & 1:
                fn >>= 1
                sn >>= 1
        else:
            sr = hash_children(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == bytes(first_root) and sr == bytes(second_root) and sn == 0
