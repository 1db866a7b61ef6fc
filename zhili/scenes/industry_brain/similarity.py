"""Design similarity: a difference hash (dHash) of the design's picture, combined with its tags and sizes.

The dHash (N. Krawetz, "Kind of Like That", hackerfactor.com, 2013) shrinks the picture to 9 × 8 grey pixels and
keeps one bit per pair of horizontal neighbours (is the left one brighter?): 64 bits that survive rescaling,
recompression and small colour changes, so two photos or scans of the same pattern differ in few bits while
unrelated pictures differ in about half. Computed here with Pillow only (no model, nothing downloaded). Only
raster files (PNG, JPEG) have a picture to hash; PDF, SVG and DXF files are compared by tags and sizes alone.

The score (0 to 1) is a weighted mean of three parts, weights from the dated parameter
``design_similarity_weights``: picture 1 − d/64 (d the Hamming distance of the two hashes), tags and sizes each
the Jaccard share (shared ÷ either). When either design has no picture hash, the picture weight is left out and
the other two are rescaled. A design is shown as similar when it shares a tag or its picture is a near duplicate
(d ≤ ``NEAR_DUPLICATE_BITS``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

HASH_BITS = 64
NEAR_DUPLICATE_BITS = 10  # Krawetz: a distance up to about 10 of 64 bits is "likely a variation" of the same picture
RASTER = ("png", "jpg")


class NotAPicture(ValueError):
    """The bytes do not decode as the picture their type says."""


def dhash(content: bytes) -> str:
    """The picture's 64-bit difference hash as 16 hex digits; ``NotAPicture`` when it does not decode."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as picture:
            picture.draft("L", (64, 64))  # JPEG decodes at a reduced scale: fast on large scans
            grey = picture.convert("L").resize((9, 8), Image.Resampling.LANCZOS)
            pixels = grey.tobytes()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise NotAPicture(str(exc)) from exc
    bits = 0
    for row in range(8):
        for column in range(8):
            left, right = pixels[row * 9 + column], pixels[row * 9 + column + 1]
            bits = (bits << 1) | (left > right)
    return f"{bits:016x}"


def distance(first: str, second: str) -> int:
    """How many of the 64 bits differ."""
    return (int(first, 16) ^ int(second, 16)).bit_count()


def jaccard(first: set, second: set) -> float:
    either = first | second
    return len(first & second) / len(either) if either else 0.0


@dataclass(frozen=True)
class Likeness:
    """Why two designs are alike: each part's value and weight, and the weighted score."""

    score: float
    tags: float
    shared_tags: tuple[str, ...]
    sizes: float
    bits: int | None  # Hamming distance of the pictures; None when one has no picture hash
    picture: float | None
    weights: dict

    @property
    def shown(self) -> bool:
        return bool(self.shared_tags) or (self.bits is not None and self.bits <= NEAR_DUPLICATE_BITS)


def likeness(first, second, weights: dict) -> Likeness:
    """Compare two designs (objects with ``tags``, ``sizes`` ``"90/100/…"`` and ``image_hash``)."""
    tags_a, tags_b = set(first.tags), set(second.tags)
    sizes_a = {s for s in first.sizes.split("/") if s}
    sizes_b = {s for s in second.sizes.split("/") if s}
    tag_share, size_share = jaccard(tags_a, tags_b), jaccard(sizes_a, sizes_b)
    bits = picture = None
    used = {"tags": float(weights["tags"]), "sizes": float(weights["sizes"])}
    if first.image_hash and second.image_hash:
        bits = distance(first.image_hash, second.image_hash)
        picture = 1 - bits / HASH_BITS
        used["picture"] = float(weights["picture"])
    total = sum(used.values())
    score = (used["tags"] * tag_share + used["sizes"] * size_share + used.get("picture", 0) * (picture or 0)) / total
    return Likeness(score=round(score, 3), tags=round(tag_share, 3), shared_tags=tuple(sorted(tags_a & tags_b)),
                    sizes=round(size_share, 3), bits=bits, picture=None if picture is None else round(picture, 3),
                    weights={k: round(v / total, 3) for k, v in used.items()})
