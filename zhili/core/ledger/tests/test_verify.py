"""The pure verifier against the RFC 6962 / RFC 9162 reference vectors of the Certificate Transparency code.

The vectors (leaves, roots per tree size, inclusion and consistency proofs) are those of
github.com/transparency-dev/merkle proof/verify_test.go, carried over from google/certificate-transparency.
A naive recursive MTH, written straight from RFC 9162 §2.1.1, checks the roots independently.
"""

import hashlib

import pytest

from zhili.core.ledger import verify
from zhili.core.ledger.verify import hash_children, hash_leaf, verify_consistency, verify_inclusion

LEAVES = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
)]
ROOTS = [bytes.fromhex(h) for h in (
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
)]


def h(text: str) -> bytes:
    return bytes.fromhex(text)


# (0-based leaf index, tree size, proof)
INCLUSION = [
    (0, 8, [h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]),
    (5, 8, [h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
            h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]),
    (2, 3, [h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]),
    (1, 5, [h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]),
    (0, 1, []),
]

# (first size, second size, proof)
CONSISTENCY = [
    (1, 1, []),
    (1, 8, [h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]),
    (6, 8, [h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]),
    (2, 5, [h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]),
    (6, 7, [h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            h("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]),
]

SOME_HASH = h("abacaba000000000000000000000000000000000000000000060061e00123456")


def naive_root(leaves: list[bytes]) -> bytes:
    """MTH(D[n]) exactly as RFC 9162 §2.1.1 defines it, by recursion."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return hash_leaf(leaves[0])
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hash_children(naive_root(leaves[:k]), naive_root(leaves[k:]))


def test_the_naive_mth_gives_the_reference_root_for_every_size():
    """Given the eight reference leaves, then MTH of each prefix is the published root."""
    assert [naive_root(LEAVES[:n]) for n in range(1, 9)] == ROOTS
    assert naive_root(LEAVES).hex() == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    assert naive_root([]) == verify.EMPTY_ROOT


@pytest.mark.parametrize(("index", "size", "proof"), INCLUSION)
def test_reference_inclusion_proofs_verify(index, size, proof):
    assert verify_inclusion(hash_leaf(LEAVES[index]), index, size, proof, ROOTS[size - 1]) is True


def corrupted_inclusions(index, size, proof, root, leaf):
    """The probes of the reference verifier test: each must be refused."""
    probes = [
        (index - 1, size, root, leaf, proof), (index + 1, size, root, leaf, proof),
        (index ^ 2, size, root, leaf, proof), (index, size * 2, root, leaf, proof),
        (index, size // 2, root, leaf, proof), (index, size, root, b"WrongLeaf", proof),
        (index, size, verify.EMPTY_ROOT, leaf, proof), (index, size, SOME_HASH, leaf, proof),
        (index, size, root, leaf, [*proof, b""]), (index, size, root, leaf, [*proof, root]),
        (index, size, root, leaf, [b"", *proof]), (index, size, root, leaf, [root, *proof]),
    ]
    for position in range(len(proof)):
        flipped = list(proof)
        flipped[position] = bytes([flipped[position][0] ^ 8]) + flipped[position][1:]
        probes.append((index, size, root, leaf, flipped))
    if proof:
        probes.append((index, size, root, leaf, proof[:-1]))
    if len(proof) > 1:
        probes.append((index, size, root, leaf, [proof[0], SOME_HASH, *proof[1:]]))
    return probes


@pytest.mark.parametrize(("index", "size", "proof"), INCLUSION[:4])
def test_corrupted_inclusion_proofs_are_refused(index, size, proof):
    leaf = hash_leaf(LEAVES[index])
    for probe_index, probe_size, root, leaf_hash, probe_proof in corrupted_inclusions(
            index, size, proof, ROOTS[size - 1], leaf):
        assert verify_inclusion(leaf_hash, probe_index, probe_size, probe_proof, root) is False


def test_inclusion_in_an_empty_tree_or_out_of_range_is_refused():
    for index, size in ((0, 0), (0, 1), (1, 0), (2, 1)):
        assert verify_inclusion(SOME_HASH, index, size, [], b"") is False
        assert verify_inclusion(b"", index, size, [], verify.EMPTY_ROOT) is False
        assert verify_inclusion(SOME_HASH, index, size, [], verify.EMPTY_ROOT) is False


@pytest.mark.parametrize(("first", "second", "proof"), CONSISTENCY)
def test_reference_consistency_proofs_verify(first, second, proof):
    assert verify_consistency(first, second, proof, ROOTS[first - 1], ROOTS[second - 1]) is True


@pytest.mark.parametrize(("first", "second", "proof"), CONSISTENCY[1:])
def test_corrupted_consistency_proofs_are_refused(first, second, proof):
    root1, root2 = ROOTS[first - 1], ROOTS[second - 1]
    probes = [
        (first - 1, second, root1, root2, proof), (first + 1, second, root1, root2, proof),
        (first ^ 2, second, root1, root2, proof), (first, second * 2, root1, root2, proof),
        (first, second // 2, root1, root2, proof), (first, second, b"WrongRoot", root2, proof),
        (first, second, root1, b"WrongRoot", proof), (first, second, root2, root1, proof),
        (first, second, root1, root2, []), (first, second, root1, root2, [*proof, b""]),
        (first, second, root1, root2, [*proof, root1]), (first, second, root1, root2, [*proof, root2]),
        (first, second, root1, root2, [b"", *proof]), (first, second, root1, root2, [root1, *proof]),
        (first, second, root1, root2, [root2, *proof]), (first, second, root1, root2, [proof[0], *proof]),
        (first, second, root1, root2, proof[:-1]),
    ]
    for position in range(len(proof)):
        flipped = list(proof)
        flipped[position] = bytes([flipped[position][0] ^ 16]) + flipped[position][1:]
        probes.append((first, second, root1, root2, flipped))
    for size1, size2, r1, r2, probe in probes:
        assert verify_consistency(size1, size2, probe, r1, r2) is False, (size1, size2)


def test_trivial_consistency_cases_follow_the_reference_verifier():
    one, two = b"don't care 1", b"don't care 2"
    assert verify_consistency(0, 0, [], one, one) is True
    assert verify_consistency(0, 1, [], one, two) is True
    assert verify_consistency(1, 1, [], two, two) is True
    assert verify_consistency(0, 0, [], one, two) is False
    assert verify_consistency(1, 1, [], one, two) is False
    assert verify_consistency(1, 0, [], one, two) is False
    assert verify_consistency(2, 1, [], one, two) is False
    assert verify_consistency(1, 2, [], one, two) is False
    assert verify_consistency(0, 1, [verify.EMPTY_ROOT], verify.EMPTY_ROOT, verify.EMPTY_ROOT) is False
    assert verify_consistency(1, 1, [verify.EMPTY_ROOT], verify.EMPTY_ROOT, verify.EMPTY_ROOT) is False


def test_the_outside_verifier_modules_have_no_django_imports():
    """verify.py and note.py are shipped to outside parties: they must stand alone."""
    from zhili.core.ledger import note

    for module in (verify, note):
        source = open(module.__file__, encoding="utf-8").read()
        assert "django" not in source
        assert "import zhili" not in source and "from zhili" not in source
