"""Nearby matching (找家政): a customer's request scored against available green-coded workers near the address.

Workers carry a grid cell (about 2 km a side); ``MatchSlot`` holds one indexed row per service of each eligible
worker, keyed by service and cell, so a match reads the rows of the rings of cells around the address, nearest
first, until enough workers are found or the dated maximum distance is reached — never the whole registry. Each candidate's score is the weighted sum of six parts (distance, skill, grade,
ratings, price, language; ``policies.match_weights``), and the explanation lists every part, so a customer and a
clerk can see why a worker came first. ``scan_all`` is the baseline the benchmark measures against: every worker
read and scored in Python.
"""

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from .choices import CodeColour, ServiceKind
from .models import MatchSlot, Worker
from .rules import rule

CELL_DEGREES = 0.02  # about 2.2 km north-south, 1.9 km east-west at 30°N
CELL_STRIDE = 100_000
EARTH_KM = 6371.0088
ENOUGH = 3  # candidates wanted per result asked for, before scoring stops widening the search
FIELDS = ("id", "agency_id", "latitude", "longitude", "skills", "certificates", "years_of_service", "stars",
          "rating_avg", "rating_count", "hourly_price", "languages", "service_radius_km")


SERVICE_STRIDE = 10 ** 11
SERVICES = list(ServiceKind.values)
SLOT_FIELDS = tuple(f"worker__{name}" for name in FIELDS)


def grid_cell(latitude: float, longitude: float) -> int:
    """The grid cell of a point (the indexed key of nearby search)."""
    return math.floor(latitude / CELL_DEGREES) * CELL_STRIDE + math.floor(longitude / CELL_DEGREES)


def slot_key(service: str, cell: int) -> int:
    return (SERVICES.index(service) + 1) * SERVICE_STRIDE + cell


def refresh_slots(worker_ids=None) -> int:
    """Rebuild the search rows of ``worker_ids`` (all workers if None) from their code, availability and place."""
    if worker_ids is None:
        MatchSlot.objects.all().delete()
        return _write_slots(_eligible())
    ids, written = list(worker_ids), 0
    for start in range(0, len(ids), 900):  # within every database's limit of bound parameters
        chunk = ids[start:start + 900]
        MatchSlot.objects.filter(worker_id__in=chunk).delete()
        written += _write_slots(_eligible().filter(pk__in=chunk))
    return written


def _write_slots(workers) -> int:
    rows = [MatchSlot(worker_id=pk, key=slot_key(service, cell))
            for pk, cell, skills in workers.values_list("pk", "cell", "skills").iterator(chunk_size=5000)
            for service in skills if service in SERVICES]
    MatchSlot.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def _ring(row: int, col: int, r: int) -> list[int]:
    """The cells at Chebyshev distance ``r`` around (row, col)."""
    if r == 0:
        return [row * CELL_STRIDE + col]
    cells = [(row + dr) * CELL_STRIDE + col + dc for dr in (-r, r) for dc in range(-r, r + 1)]
    cells += [(row + dr) * CELL_STRIDE + col + dc for dc in (-r, r) for dr in range(-r + 1, r)]
    return cells


@dataclass(frozen=True)
class Need:
    """What is asked: the service, the point, the budget per hour and the preferred languages."""

    service: str
    latitude: float
    longitude: float
    budget_per_hour: Decimal | None = None
    languages: tuple = ()


@dataclass
class Candidate:
    """One scored worker: total score (0–100), distance, and the points of each part with its reason."""

    worker_id: int
    agency_id: int
    score: float
    distance_km: float
    parts: dict = field(default_factory=dict)

    def explanation(self) -> dict:
        return {"score": round(self.score, 2), "distance_km": round(self.distance_km, 2), "parts": self.parts}


def _weights(day: dt.date) -> dict:
    return dict(rule("match_weights", day).value)


def score(row: dict, need: Need, weights: dict, max_km: float) -> Candidate | None:
    """Score one worker row against ``need``; None if out of reach (their radius or the maximum distance)."""
    d = distance_km(need.latitude, need.longitude, row["latitude"], row["longitude"])
    if d > max_km or d > float(row["service_radius_km"]):
        return None
    skill = min(1.0, (0.5 if row["certificates"] else 0.0) + 0.05 * row["years_of_service"] + 0.25)
    rating = float(row["rating_avg"]) / 5 if row["rating_count"] else 0.6
    price = float(row["hourly_price"])
    if need.budget_per_hour:
        budget = float(need.budget_per_hour)
        price_fit = 1.0 if price <= budget else max(0.0, 1 - (price - budget) / budget)
    else:
        price_fit = 0.5
    language = 1.0 if not need.languages or set(need.languages) & set(row["languages"]) else 0.0
    fits = {"distance": max(0.0, 1 - d / max_km), "skill": skill, "grade": row["stars"] / 5, "rating": rating,
            "price": price_fit, "language": language}
    parts = {name: round(weights[name] * value, 2) for name, value in fits.items()}
    return Candidate(row["id"], row["agency_id"], sum(weights[n] * v for n, v in fits.items()), d, parts)


def _eligible():
    return Worker.objects.filter(active=True, available=True, code_colour=CodeColour.GREEN)


def nearby(need: Need, *, limit: int = 10, day: dt.date | None = None) -> list[Candidate]:
    """The ``limit`` best eligible workers for ``need``: green code, available, offering the service, in reach.

    Reads the search rows of the service in the grid rings around the address, nearest rings first (rings 0–1,
    then two more at a time), until ``ENOUGH × limit`` workers in reach are found or the rings pass the maximum
    distance; then scores them and keeps the best. A worker further out can outscore a nearer one only on
    the parts other than distance, which the benchmark's agreement with the full scan measures.
    """
    day = day or dt.date.today()
    weights, max_km = _weights(day), float(rule("match_max_distance_km", day).value)
    if need.service not in SERVICES:
        return []
    row, col = math.floor(need.latitude / CELL_DEGREES), math.floor(need.longitude / CELL_DEGREES)
    max_ring = math.ceil(max_km / (CELL_DEGREES * 111.32 * math.cos(math.radians(need.latitude)))) + 1
    service = (SERVICES.index(need.service) + 1) * SERVICE_STRIDE
    found: list[Candidate] = []
    ring = 0
    while ring <= max_ring:
        last = min(max_ring, ring + (1 if ring == 0 else 2))  # rings 0–1, 2–3, 4–5 …: nearest first
        keys = [service + cell for r in range(ring, last + 1) for cell in _ring(row, col, r)]
        for values in MatchSlot.objects.filter(key__in=keys).values_list(*SLOT_FIELDS):
            candidate = score(dict(zip(FIELDS, values, strict=True)), need, weights, max_km)
            if candidate is not None:
                found.append(candidate)
        if len(found) >= ENOUGH * limit:
            break
        ring = last + 1
    found.sort(key=lambda c: (-c.score, c.distance_km, c.worker_id))
    return found[:limit]


def scan_all(need: Need, *, limit: int = 10, day: dt.date | None = None) -> list[Candidate]:
    """The baseline: read every eligible worker and score each in Python (what the grid index avoids)."""
    day = day or dt.date.today()
    weights, max_km = _weights(day), float(rule("match_max_distance_km", day).value)
    found = []
    for worker in _eligible().values(*FIELDS).iterator(chunk_size=5000):
        if need.service in worker["skills"]:
            candidate = score(worker, need, weights, max_km)
            if candidate is not None:
                found.append(candidate)
    found.sort(key=lambda c: (-c.score, c.distance_km, c.worker_id))
    return found[:limit]
