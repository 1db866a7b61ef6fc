"""Realistic synthetic data for the 碳效码 scene, with its truth planted: ``manage.py synth_carbon_code``.

Enterprises of six manufacturing divisions (GB/T 4754) with their typical energy mix per 万元 of value added, an
efficiency spread across firms, seasonal noise and rooftop PV for some; then planted bad rows: a negative
reading, a month in MWh where kWh is required, a reading thirty times the firm's usual, a month without value
added. Each planted firm must come out "not graded" naming that row; the others graded.
"""

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from zhili.core.foundation.api import uscc_check_character

# Energy used per 万元 of value added: kWh of electricity, m3 of gas, t of coal, t of oil, GJ of heat.
PROFILES = {
    "17": ("纺织", {"grid_electricity": 1500, "natural_gas": 40, "heat": 2.0}),
    "22": ("造纸", {"grid_electricity": 1000, "coal": 0.3, "heat": 3.0}),
    "26": ("化工", {"grid_electricity": 1200, "natural_gas": 150, "coal": 0.2, "oil": 0.005}),
    "30": ("建材", {"grid_electricity": 1500, "coal": 0.8}),
    "34": ("通用设备", {"grid_electricity": 350, "natural_gas": 10}),
    "39": ("电子设备", {"grid_electricity": 400}),
}
UNITS = {"grid_electricity": "kWh", "own_generation": "kWh", "natural_gas": "m3", "coal": "t", "oil": "t",
         "heat": "GJ"}
PLANTS = ("negative", "unit", "outlier", "missing_va")


def make_uscc(region_code: str, sequence: int) -> str:
    """A valid unified social credit code (GB 32100) for an enterprise of ``region_code``."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    tail, n = "", sequence
    for _ in range(9):
        tail = alphabet[n % 31] + tail
        n //= 31
    body = f"91{region_code}{tail}"
    return body + uscc_check_character(body)


@dataclass
class Firm:
    uscc: str
    name: str
    industry: str
    region_code: str
    monthly_va: float
    efficiency: float
    pv_share: float
    planted: str = ""


@dataclass
class Synthetic:
    firms: list[Firm]
    energy: list[tuple] = field(default_factory=list)   # uscc, month, kind, quantity, unit, source
    value_added: list[tuple] = field(default_factory=list)  # uscc, month, value_added

    @property
    def planted(self) -> dict[str, str]:
        return {f.uscc: f.planted for f in self.firms if f.planted}


def firms(count: int, region_codes: list[str], *, seed: int = 30, planted_share: float = 0.04) -> list[Firm]:
    """``count`` enterprises spread over ``region_codes`` and the six divisions; ``planted_share`` carry a flaw."""
    rng = random.Random(seed)
    divisions = sorted(PROFILES)
    found = []
    for index in range(count):
        industry = divisions[index % len(divisions)]
        region = region_codes[index % len(region_codes)]
        planted = PLANTS[index % len(PLANTS)] if rng.random() < planted_share else ""
        found.append(Firm(uscc=make_uscc(region[:6], 7_000_000 + index),
                          name=f"{PROFILES[industry][0]}企业{index + 1:04d}", industry=industry, region_code=region,
                          monthly_va=round(rng.uniform(150, 3000), 2), efficiency=math.exp(rng.gauss(0, 0.45)),
                          pv_share=rng.uniform(0.05, 0.25) if rng.random() < 0.3 else 0.0, planted=planted))
    return found


def generate(found: list[Firm], year: int, *, seed: int = 30) -> Synthetic:
    """Twelve months of energy and value-added rows for ``found`` in ``year``, flaws planted as the firms say."""
    rng = random.Random(seed + year)
    data = Synthetic(found)
    for firm in found:
        bad_month = rng.randint(2, 11)
        for month_no in range(1, 13):
            month = dt.date(year, month_no, 1)
            va = round(firm.monthly_va * rng.uniform(0.85, 1.15), 2)
            if not (firm.planted == "missing_va" and month_no == bad_month):
                data.value_added.append((firm.uscc, month, va))
            for kind, per_va in PROFILES[firm.industry][1].items():
                quantity = per_va * va * firm.efficiency * rng.uniform(0.9, 1.1)
                if kind == "grid_electricity" and firm.pv_share:
                    own = quantity * firm.pv_share
                    quantity -= own
                    data.energy.append((firm.uscc, month, "own_generation", round(own, 2), "kWh", "电网营销系统"))
                unit = UNITS[kind]
                if kind == "grid_electricity" and month_no == bad_month:
                    if firm.planted == "negative":
                        quantity = -quantity
                    elif firm.planted == "unit":
                        quantity, unit = quantity / 1000, "MWh"
                    elif firm.planted == "outlier":
                        quantity *= 30
                data.energy.append((firm.uscc, month, kind, round(quantity, 3), unit, _source(kind)))
    return data


def _source(kind: str) -> str:
    return {"grid_electricity": "电网营销系统", "natural_gas": "燃气公司", "heat": "热力公司"}.get(kind, "能源统计直报")


def write_csv(data: Synthetic, energy_path, value_added_path) -> None:
    """The two datasets as CSV files with the datasets' headers, as a source system would send them."""
    import csv

    with open(energy_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["uscc", "month", "kind", "quantity", "unit", "source"])
        for uscc, month, kind, quantity, unit, source in data.energy:
            writer.writerow([uscc, month.isoformat(), kind, quantity, unit, source])
    with open(value_added_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["uscc", "month", "value_added"])
        for uscc, month, va in data.value_added:
            writer.writerow([uscc, month.isoformat(), va])
