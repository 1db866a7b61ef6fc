"""The 安薪在线 scene's rules: dated values with their reference (DESIGN.md rule 4).

Sources are the keys of ``shared/reference/labor.md``: MWR (《保障农民工工资支付条例》, in force 2020-05-01), DEP-NAT
(人社部发〔2021〕65号 工程建设领域农民工工资保证金规定 Art. 11), DEP-FJ (Fujian's implementation, used where Zhejiang's
own figures were not found), ACCT-YN (Yunnan's 25 % labour-cost share), WP (工资支付暂行规定). A value whose official
text could not be checked says so in its reference; the scene page lists them.
"""

import datetime as dt
from decimal import Decimal

from zhili.core.foundation.api import ParameterValue, parameter_on

from .policies import DOMAIN


def rule(name: str, day: dt.date) -> ParameterValue:
    """The value of rule ``name`` in force on ``day``, with its reference."""
    return parameter_on(DOMAIN, name, day)


def deposit_terms(*, contract_sum: Decimal, day: dt.date, clean_years: int, arrears_in_two_years: bool,
                  blacklisted: bool) -> tuple[Decimal, Decimal, list[str]]:
    """The guarantee deposit's ratio and amount for a contract, with the references that made them.

    The base ratio applies; a firm clean for three years is exempt and for two years pays the reduced ratio; a
    contract under the exemption threshold by a firm without arrears is exempt; arrears in the last two years add
    the surcharge, a blacklisted firm the larger one and no cap.
    """
    basis = []
    if not arrears_in_two_years and not blacklisted:
        if clean_years >= 3 and rule("deposit_clean_three_years_exempt", day).value:
            basis.append(rule("deposit_clean_three_years_exempt", day).reference)
            return Decimal("0"), Decimal("0.00"), basis
        below = rule("deposit_exempt_below", day)
        if contract_sum < below.value and clean_years >= 1:
            basis.append(below.reference)
            return Decimal("0"), Decimal("0.00"), basis
    base = rule("deposit_base_ratio", day)
    ratio = base.value
    basis.append(base.reference)
    if clean_years >= 2 and not arrears_in_two_years and not blacklisted:
        reduced = rule("deposit_clean_two_years_ratio", day)
        ratio = max(reduced.value, rule("deposit_floor_ratio", day).value)
        basis.append(reduced.reference)
    if blacklisted:
        surcharge = rule("deposit_blacklist_surcharge", day)
        ratio = ratio * (1 + surcharge.value)
        basis.append(surcharge.reference)
    elif arrears_in_two_years:
        surcharge = rule("deposit_arrears_surcharge", day)
        ratio = ratio * (1 + surcharge.value)
        basis.append(surcharge.reference)
    amount = (contract_sum * ratio).quantize(Decimal("0.01"))
    if not blacklisted:
        cap = rule("deposit_cap", day)
        if amount > cap.value:
            amount = cap.value.quantize(Decimal("0.01"))
            basis.append(cap.reference)
    return ratio.quantize(Decimal("0.0001")), amount, basis

