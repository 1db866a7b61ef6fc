"""Geocoding a described place against the county's address gazetteer (地名地址库) the platform holds.

Scoring is by shared character bigrams (Chinese addresses have no spaces), so "五云街道新建路12号旁边" finds
"缙云县五云街道新建路12号". A match below ``MIN_SCORE`` is no match: the call goes on without a position and the
dispatcher asks for one.
"""

from dataclasses import dataclass

MIN_SCORE = 0.5
NOISE = "附近旁边对面门口这里那里在的了号楼"


def _bigrams(text: str) -> set[str]:
    text = "".join(ch for ch in text if not ch.isspace())
    return {text[i:i + 2] for i in range(len(text) - 1)} | ({text} if len(text) == 1 else set())


@dataclass(frozen=True)
class Match:
    address_id: int
    name: str
    lon: float
    lat: float
    score: float


def geocode(described: str, addresses) -> Match | None:
    """The best address of ``addresses`` (``(id, name, lon, lat)`` rows) for ``described``, or None."""
    wanted = _bigrams(described.strip())
    wanted = {g for g in wanted if not all(ch in NOISE for ch in g)}
    if not wanted:
        return None
    best = None
    for pk, name, lon, lat in addresses:
        have = _bigrams(name)
        score = len(wanted & have) / len(wanted)
        if best is None or score > best.score or (score == best.score and len(name) < len(best.name)):
            best = Match(pk, name, lon, lat, score)
    return best if best is not None and best.score >= MIN_SCORE else None
