"""The 安薪在线 scene's rules: dated values with their reference (DESIGN.md rule 4).

Sources are the keys of ``shared/reference/labor.md``: MWR (《保障农民工工资支付条例》, in force 2020-05-01), DEP-NAT
(人社部发〔2021〕65号 工程建设领域农民工工资保证金规定 Art. 11), DEP-FJ (Fujian's implementation, used where Zhejiang's
own figures were not found), ACCT-YN (Yunnan's 25 % labour-cost share), WP (工资支付暂行规定). A value whose official
text could not be checked says so in its reference; the scene page lists them.
"""

import datetime as dt
from decimal import Decimal

from zhili.core.dashboards.api import Dated, value_on

SINCE = dt.date(2020, 5, 1)
DEP_SINCE = dt.date(2021, 11, 1)

RULES = {
    # Guarantee deposit (工资保证金), MWR Art. 32 with DEP-NAT Art. 11 (1 %–3 % of the contract sum).
    "deposit_base_ratio": [
        Dated(Decimal("0.02"), DEP_SINCE, "人社部发〔2021〕65号 第十一条：按合同额 1%–3% 存储；浙江省具体比例未核实，"
              "取区间中值 2%"),
    ],
    "deposit_floor_ratio": [
        Dated(Decimal("0.005"), DEP_SINCE, "人社部发〔2021〕65号 第十一条：同一地区多个项目可降低比例，但不低于 0.5%"),
    ],
    "deposit_exempt_below": [
        Dated(Decimal("3000000"), DEP_SINCE, "人社部发〔2021〕65号 第十一条：合同额 300 万元以下且上一年度无拖欠的可免缴"
              "（省级可调整，浙江调整值未核实）"),
    ],
    "deposit_cap": [
        Dated(Decimal("5000000"), DEP_SINCE, "福建省实施办法：单个项目上限 500 万元（浙江省上限未核实，参照福建）"),
    ],
    # Differentiation by record (MWR Art. 32: reduce or exempt for clean firms, increase after arrears): DEP-FJ.
    "deposit_clean_two_years_ratio": [
        Dated(Decimal("0.005"), DEP_SINCE, "福建省实施办法：连续 2 年无拖欠按 0.5% 存储（浙江未核实，参照福建）"),
    ],
    "deposit_clean_three_years_exempt": [
        Dated(True, DEP_SINCE, "福建省实施办法：连续 3 年无拖欠且落实实名制、专用账户的免缴（浙江未核实，参照福建）"),
    ],
    "deposit_arrears_surcharge": [
        Dated(Decimal("0.5"), DEP_SINCE, "福建省实施办法：前 2 年内有拖欠的上浮 50%（浙江未核实，参照福建）"),
    ],
    "deposit_blacklist_surcharge": [
        Dated(Decimal("1.0"), DEP_SINCE, "福建省实施办法：列入失信联合惩戒名单的上浮 100% 且不设上限（浙江未核实，参照福建）"),
    ],
    # Labour-cost share of the contract sum when the construction contract is silent (MWR Art. 24).
    "default_labor_cost_share": [
        Dated(Decimal("0.25"), SINCE, "云南省规定：合同未约定的按进度款 25% 拨付人工费用（浙江未核实，参照云南）"),
    ],
    # The labour-cost cycle is at most one month (MWR Art. 24).
    "labor_cost_cycle_days": [Dated(31, SINCE, "《保障农民工工资支付条例》第二十四条：人工费用拨付周期不得超过 1 个月")],
    # The special account is opened within 30 days of the contract (ACCT-NAT Art. 6).
    "account_open_days": [Dated(30, dt.date(2021, 7, 1), "人社部发〔2021〕53号：合同签订之日起 30 日内开立专用账户")],
    # Hourly minimum wage of Zhejiang by class (最低工资规定; 浙政发〔2021〕19号, from 2021-08-01).
    "minimum_hourly_wage": [
        Dated({1: Decimal("22.00"), 2: Decimal("20.00"), 3: Decimal("18.00")}, dt.date(2021, 8, 1),
              "浙政发〔2021〕19号：非全日制小时最低工资 22/20/18 元（三档）；正式文本未在参考资料中核实"),
    ],
    # Working day used to count days from hours (劳动法第三十六条: 8 hours a day).
    "standard_day_hours": [Dated(Decimal("8"), dt.date(1995, 1, 1), "《劳动法》第三十六条：每日工作时间不超过 8 小时")],
    # Deductions for damage are capped at 20 % of the month's wage (WP Art. 16).
    "deduction_cap_ratio": [Dated(Decimal("0.20"), dt.date(1995, 1, 1), "《工资支付暂行规定》第十六条：每月扣除部分不得超过"
                                  "当月工资的 20%")],
    # Days a worker has to confirm or dispute an issued line: the platform's service promise, not a legal term.
    "confirm_days": [Dated(5, SINCE, "平台服务约定（非法定期限）：工资表下发后 5 日内确认或提出异议")],
}


def rule(name: str, day: dt.date) -> Dated:
    """The value of rule ``name`` in force on ``day``, with its reference."""
    return value_on(RULES, name, day)


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
