"""Plan RFC 9162 proofs over stored complete subtrees, and grow the tree one leaf at a time (no Django).

Node (level k, index i) is the hash of leaves [i·2^k, (i+1)·2^k), complete once every one of those leaves
exists. Any subtree hash the RFC's PATH and SUBPROOF need, MTH(D[start:end]), is either one such node or (on the
right edge of the tree) a right fold of at most log2(n) of them, so a proof needs O(log n) nodes.

Only nodes of level ``LOWEST_STORED_LEVEL`` and above are stored (one row per 8 leaves, not two per leaf). A
lower node is computed from the leaf hashes under it, at most 2^LOWEST_STORED_LEVEL consecutive ones, which
the entries hold anyway: besides its stored nodes a proof reads the leaf hashes of at most three 16-leaf
blocks, an inclusion proof those of the 15 other leaves in its leaf's block (``plan_reads``).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .verify import EMPTY_ROOT, hash_children

Range = tuple[int, int]
Node = tuple[int, int]
INDEX_BITS = 48  # 2.8·10^14 leaves: room enough; a node's key packs its level above its index
LOWEST_STORED_LEVEL = 4  # nodes below cover at most 8 leaves: computed from them, not stored


def node_key(level: int, index: int) -> int:
    """Return the integer primary key of node (level, index)."""
    return (level << INDEX_BITS) | index


def node_of_key(key: int) -> Node:
    """Return the (level, index) a node key packs."""
    return key >> INDEX_BITS, key & ((1 << INDEX_BITS) - 1)


def _largest_power_of_two_below(n: int) -> int:
    """Return the largest power of two strictly less than n (n ≥ 2), the RFC's split point k."""
    return 1 << ((n - 1).bit_length() - 1)


def decompose(start: int, end: int) -> list[Node]:
    """Return the complete subtrees covering [start, end), left to right, largest first."""
    nodes = []
    while start < end:
        level = (end - start).bit_length() - 1
        if start:
            level = min(level, (start & -start).bit_length() - 1)
        nodes.append((level, start >> level))
        start += 1 << level
    return nodes


def fold(hashes: list[bytes]) -> bytes:
    """Return MTH of a range from the hashes of its decomposition: a right fold, as RFC 9162 §2.1.1 splits."""
    if not hashes:
        return EMPTY_ROOT
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = hash_children(left, result)
    return result


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """Return the ranges whose hashes form PATH(index, D[0:size]) (RFC 9162 §2.1.3.1), leaf end first."""
    if not 0 <= index < size:
        raise ValueError("index must lie inside the tree")
    ranges: list[Range] = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = _largest_power_of_two_below(hi - lo)
        if index < lo + k:
            ranges.append((lo + k, hi))
            hi = lo + k
        else:
            ranges.append((lo, lo + k))
            lo = lo + k
    ranges.reverse()
    return ranges


def consistency_ranges(first: int, second: int) -> list[Range]:
    """Return the ranges whose hashes form PROOF(first, D[0:second]) (RFC 9162 §2.1.4.1)."""
    if not 0 <= first <= second:
        raise ValueError("first must not exceed second")
    if first in (0, second):
        return []
    ranges: list[Range] = []
    lo, hi, whole = 0, second, True
    while hi != first:
        k = _largest_power_of_two_below(hi - lo)
        if first - lo <= k:
            ranges.append((lo + k, hi))
            hi = lo + k
        else:
            ranges.append((lo, lo + k))
            lo = lo + k
            whole = False
    if not whole:
        ranges.append((lo, hi))
    ranges.reverse()
    return ranges


def nodes_for(ranges: Iterable[Range]) -> list[Node]:
    """Return every stored node the ranges need, without repeats."""
    seen: dict[Node, None] = {}
    for start, end in ranges:
        for node in decompose(start, end):
            seen[node] = None
    return list(seen)


def range_hashes(ranges: Iterable[Range], nodes: Mapping[Node, bytes]) -> list[bytes]:
    """Return MTH of each range from the stored node hashes."""
    return [fold([nodes[node] for node in decompose(start, end)]) for start, end in ranges]


def is_stored(level: int) -> bool:
    """Whether nodes of ``level`` are stored rows (the others are computed from their leaves)."""
    return level >= LOWEST_STORED_LEVEL


def plan_reads(nodes: Iterable[Node]) -> tuple[list[Node], list[int]]:
    """Return what computing ``nodes`` reads: the stored nodes among them, and the indexes of the leaves under
    the others, ascending."""
    stored, leaves = [], set()
    for level, index in nodes:
        if is_stored(level):
            stored.append((level, index))
        else:
            leaves.update(range(index << level, (index + 1) << level))
    return stored, sorted(leaves)


def subtree_hash(leaves: list[bytes]) -> bytes:
    """Return the hash of a complete subtree (2^k leaves) from its leaf hashes, pair by pair."""
    level = leaves
    while len(level) > 1:
        level = [hash_children(level[i], level[i + 1]) for i in range(0, len(level), 2)]
    return level[0]


def assemble(nodes: Iterable[Node], stored: Mapping[Node, bytes], leaves: Mapping[int, bytes]) -> dict[Node, bytes]:
    """Return ``{node: hash}`` for ``nodes``: stored ones as read, lower ones from the leaf hashes under them.

    Raise LookupError naming the nodes whose row or leaves are missing."""
    found, missing = {}, []
    for level, index in nodes:
        if is_stored(level):
            digest = stored.get((level, index))
        else:
            under = [leaves.get(leaf) for leaf in range(index << level, (index + 1) << level)]
            digest = None if None in under else subtree_hash(under)
        if digest is None:
            missing.append((level, index))
        else:
            found[(level, index)] = digest
    if missing:
        raise LookupError(f"merkle nodes missing from storage: {sorted(missing)[:5]}")
    return found


def build(ranges: list[Range], fetch: Callable[[list[Node]], Mapping[Node, bytes]]) -> list[bytes]:
    """Return the hashes of ``ranges`` with one call of ``fetch`` for all the nodes they need."""
    return range_hashes(ranges, fetch(nodes_for(ranges)))


@dataclass
class CompactRange:
    """The right edge of a tree: one hash per set bit of its size, highest level first (RFC 9162 §2.1.1)."""

    size: int = 0
    peaks: list[bytes] = field(default_factory=list)

    def append(self, leaf_hash: bytes) -> list[tuple[int, int, bytes]]:
        """Add a leaf; return every node (level, index, hash) it completes, the leaf's own first (stored or not:
        see ``is_stored``)."""
        index = self.size
        created = [(0, index, leaf_hash)]
        current = leaf_hash
        level = 0
        while (index >> level) & 1:
            current = hash_children(self.peaks.pop(), current)
            level += 1
            created.append((level, index >> level, current))
        self.peaks.append(current)
        self.size += 1
        return created

    def root(self) -> bytes:
        return fold(self.peaks)

    def pack(self) -> bytes:
        return b"".join(self.peaks)

    @classmethod
    def unpack(cls, size: int, packed: bytes) -> "CompactRange":
        peaks = [bytes(packed[i:i + 32]) for i in range(0, len(packed), 32)]
        if len(peaks) != size.bit_count():
            raise ValueError("packed right edge does not match the tree size")
        return cls(size=size, peaks=peaks)
