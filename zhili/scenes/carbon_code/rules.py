"""The 碳效码 scene's rules in force on a day: emission factors, level and grade bounds (DESIGN.md rule 4)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from zhili.core.foundation.api import ParameterValue, parameter_on

from .choices import EnergyKind
from .policies import DOMAIN

CO2_PER_C = Decimal(44) / Decimal(12)


def rule(name: str, day: dt.date, key=None) -> ParameterValue:
    """The value of rule ``name`` in force on ``day``, with its reference."""
    return parameter_on(DOMAIN, name, day, key)


@dataclass(frozen=True)
class Factor:
    """The emission factor of one energy kind: tonnes CO2 per unit, the unit the dataset must use, its basis."""

    kind: str
    unit: str
    t_co2_per_unit: Decimal
    offset: bool
    reference: str

    def as_row(self) -> dict:
        return {"kind": self.kind, "unit": self.unit, "factor": float(self.t_co2_per_unit), "offset": self.offset}


def factors_on(day: dt.date) -> dict[str, Factor]:
    """Every energy kind's factor in force on ``day``; own zero-carbon generation offsets at the grid factor."""
    grid_set = rule("grid_factor_set", day).value
    grid = rule("grid_factor", day, grid_set)
    grid_t = Decimal(grid.value) / Decimal(1000)  # kg/kWh → t/kWh
    found = {
        EnergyKind.GRID_ELECTRICITY: Factor(EnergyKind.GRID_ELECTRICITY, "kWh", grid_t, False, grid.reference),
        EnergyKind.OWN_GENERATION: Factor(EnergyKind.OWN_GENERATION, "kWh", grid_t, True, grid.reference),
    }
    fuels = rule("fuel_factors", day).value
    for kind, spec in fuels.items():
        value = Decimal(spec["ncv"]) * Decimal(spec["cc"]) * Decimal(spec["of"]) * CO2_PER_C
        found[kind] = Factor(kind, spec["unit"], value, False, spec["reference"])
    heat = rule("heat_factor", day)
    found[EnergyKind.HEAT] = Factor(EnergyKind.HEAT, "GJ", Decimal(heat.value), False, heat.reference)
    return found

