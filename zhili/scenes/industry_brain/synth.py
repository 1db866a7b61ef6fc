"""Synthetic data of the 童装产业大脑 scene at the seed's scale (湖州市吴兴区, 织里镇's children's clothing cluster).

- ``dispatch_workload``: factories (specialities, grades, weekly capacity) and brands' orders around 织里, with
  demand near the pool's capacity and scarce specialities (print, embroidery), for the dispatcher's benchmark;
- ``write_ledger``: credit-relevant ledger entries (orders, contracts, deliveries, payments) as a columnar Parquet
  file, with planted late payers and late deliverers so that the credit rules can be checked against the truth;
- ``garment_picture``: a flat sketch of a garment (tee, dress, shorts) as PNG or JPEG, for the design library's
  demo and tests (real pictures, so that their difference hashes mean something).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .dispatch import Factory, Order

CENTRE = (120.2105, 30.8136)  # 织里镇, 湖州市吴兴区 (WGS84)
SPECIALITIES = ("knit", "woven", "print", "embroidery")
SPECIALITY_SHARE = (0.45, 0.35, 0.12, 0.08)


def _near(rng: random.Random, spread_km: float) -> tuple[float, float]:
    dx, dy = rng.gauss(0, spread_km), rng.gauss(0, spread_km)
    return CENTRE[0] + dx / 95.5, CENTRE[1] + dy / 111.2


def dispatch_workload(orders: int, factories: int, *, weeks: int = 8, load: float = 0.85,
                      seed: int = 35) -> tuple[list[Order], list[Factory]]:
    """``orders`` brand orders over ``factories`` factories whose pooled capacity is ``1/load`` of the demand."""
    rng = random.Random(seed)
    pool = []
    for i in range(factories):
        lon, lat = _near(rng, 12)
        main = rng.choices(SPECIALITIES, SPECIALITY_SHARE)[0]
        extra = {rng.choices(SPECIALITIES, SPECIALITY_SHARE)[0]} if rng.random() < 0.35 else set()
        weekly = rng.choice((1500, 2500, 4000, 6000))
        pool.append((i + 1, f"工厂{i + 1:03d}", lon, lat, frozenset({main} | extra), rng.choices((1, 2, 3), (0.25, 0.5, 0.25))[0],
                     weekly))
    wanted = []
    for i in range(orders):
        lon, lat = _near(rng, 25)
        wanted.append((i + 1, f"订单{i + 1:04d}", lon, lat, rng.choices(SPECIALITIES, SPECIALITY_SHARE)[0],
                       rng.choices((1, 2, 3), (0.2, 0.5, 0.3))[0], rng.randint(1, 12) * 500,
                       rng.randint(1, weeks - 1)))
    demand = sum(w[6] for w in wanted)
    capacity = sum(p[6] for p in pool) * weeks
    scale = demand / (load * capacity)
    factories_out = [Factory(id_, name, lon, lat, spec, grade, tuple([max(100, round(weekly * scale / 100) * 100)] * weeks))
                     for id_, name, lon, lat, spec, grade, weekly in pool]
    orders_out = [Order(id_, name, lon, lat, spec, grade, qty, due)
                  for id_, name, lon, lat, spec, grade, qty, due in wanted]
    return orders_out, factories_out


# ledger entry kinds in the columnar file (the same codes as LedgerKind's ``code``)
KIND_CODES = {"order": 1, "contract": 2, "delivery": 3, "payment": 4}


@dataclass
class LedgerTruth:
    firms: int
    entries: int
    late_payers: set[int]
    late_deliverers: set[int]


def write_ledger(path: Path, *, firms: int = 2619, entries: int = 10_000_000, seed: int = 35,
                 days: int = 365, planted_share: float = 0.05) -> LedgerTruth:
    """Write ``entries`` ledger rows (firm, kind, day, amount, on_time) of ``firms`` firms to a Parquet file.

    A ``planted_share`` of the firms pay late 60 % of the time, another share deliver late 60 % of the time; the
    others are on time 95 % of the time.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    late_payers = set(rng.choice(firms, int(firms * planted_share), replace=False).tolist())
    rest = np.setdiff1d(np.arange(firms), np.array(sorted(late_payers)))
    late_deliverers = set(rng.choice(rest, int(firms * planted_share), replace=False).tolist())
    writer = None
    chunk = 2_000_000
    try:
        for start in range(0, entries, chunk):
            n = min(chunk, entries - start)
            firm = rng.integers(0, firms, n, dtype=np.int32)
            kind = rng.choice(np.array([1, 2, 3, 4], dtype=np.int8), n, p=[0.3, 0.1, 0.3, 0.3])
            day = rng.integers(0, days, n, dtype=np.int32)
            amount = np.round(rng.lognormal(9, 1, n), 2)
            p_on_time = np.full(n, 0.95)
            p_on_time[np.isin(firm, list(late_payers)) & (kind == 4)] = 0.4
            p_on_time[np.isin(firm, list(late_deliverers)) & (kind == 3)] = 0.4
            on_time = rng.random(n) < p_on_time
            table = pa.table({"firm": firm, "kind": kind, "day": day, "amount": amount, "on_time": on_time})
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    return LedgerTruth(firms, entries, late_payers, late_deliverers)


GARMENTS = {  # outlines on a 100 × 100 grid
    "tee": [(30, 10), (42, 10), (50, 18), (58, 10), (70, 10), (92, 30), (80, 42), (72, 34), (72, 92), (28, 92),
            (28, 34), (20, 42), (8, 30)],
    "dress": [(40, 8), (60, 8), (62, 30), (88, 94), (12, 94), (38, 30)],
    "shorts": [(22, 12), (78, 12), (86, 80), (56, 80), (50, 40), (44, 80), (14, 80)],
}


def garment_picture(kind: str, *, width: int = 240, height: int = 300, fmt: str = "PNG", colour=(233, 120, 150),
                    quality: int = 90, stripes: int = 0) -> bytes:
    """A flat sketch of ``kind`` (``GARMENTS``) filled with ``colour`` on white, ``stripes`` dark bands across."""
    import io

    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(picture)
    outline = [(x * width / 100, y * height / 100) for x, y in GARMENTS[kind]]
    draw.polygon(outline, fill=colour, outline=(60, 60, 60))
    for band in range(stripes):
        top = height * (0.35 + band * 0.5 / max(stripes, 1))
        draw.rectangle([0, top, width, top + height * 0.04], fill=(40, 40, 90))
    out = io.BytesIO()
    picture.save(out, format=fmt, **({"quality": quality} if fmt == "JPEG" else {}))
    return out.getvalue()
