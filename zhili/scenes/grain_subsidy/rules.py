"""The 浙农补 scene's rules in force on a day: the dated parameters of ``policies.py`` (DESIGN.md rule 4), and the
three-colour classification of a pre-verified plot (scenes.md §2, design assumption with the reform's exclusions)."""

import datetime as dt
from decimal import Decimal

from zhili.core.foundation.api import ParameterValue, parameter_on

from .choices import LandUse, SubsidyType, WarningColour
from .policies import DOMAIN

PER_MU = {SubsidyType.ARABLE_PROTECTION: "per_mu_arable_protection", SubsidyType.SCALE_GRAIN: "per_mu_scale_grain"}

# Excluded by the reform (livestock farms, forest, whole fields turned to facility agriculture, non-agricultural use,
# perennial abandonment): red, the claim is blocked and a rectification task follows.
RED_USES = frozenset({LandUse.NON_AGRICULTURAL, LandUse.PERENNIAL_ABANDONED, LandUse.LIVESTOCK, LandUse.FOREST,
                      LandUse.FACILITY})
# Checked by hand before payment: seasonal abandonment, a non-grain crop, no survey result yet.
YELLOW_USES = frozenset({LandUse.SEASONAL_ABANDONED, LandUse.NON_GRAIN, LandUse.UNSURVEYED})


def per_mu(subsidy_type: str, day: dt.date) -> ParameterValue:
    """The per-mu amount (yuan) of ``subsidy_type`` in force on ``day``, with its reference."""
    return parameter_on(DOMAIN, PER_MU[SubsidyType(subsidy_type)], day)


def scale_grain_min_area(day: dt.date) -> ParameterValue:
    return parameter_on(DOMAIN, "scale_grain_min_area", day)


def area_tolerance(day: dt.date) -> ParameterValue:
    return parameter_on(DOMAIN, "area_tolerance", day)


def overlap_tolerance_m2(day: dt.date) -> ParameterValue:
    return parameter_on(DOMAIN, "overlap_tolerance_m2", day)


def max_yield_kg_per_mu(day: dt.date) -> ParameterValue:
    return parameter_on(DOMAIN, "max_yield_kg_per_mu", day)


def classify(land_use: str, measured_mu: Decimal, registered_mu: Decimal, *, disputed: bool,
             tolerance: Decimal) -> tuple[str, list[str]]:
    """The colour of a plot and the reason codes behind it (see ``REASONS``)."""
    reasons = []
    if land_use in RED_USES:
        reasons.append(f"use:{land_use}")
    elif land_use in YELLOW_USES:
        reasons.append(f"use:{land_use}")
    if registered_mu > 0 and abs(measured_mu - registered_mu) > registered_mu * tolerance:
        reasons.append("area_mismatch")
    if disputed:
        reasons.append("transfer_dispute")
    if land_use in RED_USES:
        return WarningColour.RED, reasons
    return (WarningColour.YELLOW if reasons else WarningColour.GREEN), reasons


def reason_text(code: str) -> str:
    """A reason code in plain words for the farmer and the clerk."""
    from django.utils.translation import gettext as _

    if code.startswith("use:"):
        return _("航拍监测为「{use}」").format(use=LandUse(code[4:]).label)
    return {
        "area_mismatch": _("测绘面积与确权面积相差超过允许偏差"),
        "transfer_dispute": _("地块存在流转纠纷"),
        "below_scale": _("经营种粮面积未达到规模种粮标准"),
        "duplicate_claim": _("与其他农户已申领的地块重叠（重复申领）"),
        "red": _("红色预警地块不予补贴"),
        "yellow": _("黄色预警，人工核查后发放"),
        "checked_pass": _("人工核查通过"),
        "checked_fail": _("人工核查不通过"),
        "rectified": _("红色预警已整改，经实地复核重新核定"),
        "warning:no_evidence": _("粮食安全预警：享受补贴但最新监测非种粮，且无交售入库记录"),
        "warning:implausible_yield": _("粮食安全预警：交售入库量超过核定面积的合理产量"),
        "warning:fallow": _("粮食安全预警：本年度连续两次监测为撂荒"),
    }.get(code, code)
