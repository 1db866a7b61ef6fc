"""Services matched by grade (碳效结果应用): each service a policy of the domain ``carbon_code`` on core.policy.

The facts are an enterprise's latest year result and its diagnosis (the weak energy kind); the policy engine
decides each service with the reason for every condition. The enterprise sees what it qualifies for and why;
an officer sees who qualifies in their region (有序用电名单 among them) and exports the list; the 亩均论英雄
evaluation takes the carbon indicator's rows (``muni_rows``) as a file.
"""

import datetime as dt
from dataclasses import dataclass

from zhili.core.foundation.api import plain_number
from zhili.core.policy.api import Eligibility, current_domain, decide, decide_all

from . import diagnosis
from .choices import CarbonLevel, EnergyKind, ResultStatus
from .models import CarbonResult
from .policies import DOMAIN
from .rules import rule

SERVICES = ("differentiated_reward", "muni_carbon_indicator", "orderly_power_list", "direct_power_trading",
            "energy_saving_diagnosis")


def decision_day(period: str) -> dt.date:
    """Services of a year's result are decided as on the last day of that year."""
    return dt.date(int(period[:4]), 12, 31)


def facts_of(result: CarbonResult | None, found: diagnosis.Diagnosis | None = None) -> dict:
    """The policy facts of an enterprise's year result (empty facts make every service undecided, saying why)."""
    if result is None or result.status != ResultStatus.GRADED:
        return {}
    found = found or diagnosis.diagnose(result)
    return {"grade": int(result.grade), "level": result.level, "k_value": float(result.k_value),
            "intensity": float(result.intensity), "weak_kind": found.weak_kind,
            "weak_excess": found.weak_excess if found.weak_excess is not None else 0.0}


@dataclass
class Match:
    """One service decided for one enterprise, with what the page shows beside it."""

    code: str
    name: str
    status: str
    summary: str
    conditions: list  # (held, line) pairs
    description: str
    office: str
    detail: str = ""

    @property
    def eligible(self) -> bool:
        return self.status == Eligibility.ELIGIBLE

    @property
    def status_choice(self) -> Eligibility:
        return Eligibility(self.status)


def _detail(code: str, result: CarbonResult, found: diagnosis.Diagnosis) -> str:
    """The figure a service gives this enterprise: its reward coefficient, 亩均 score, weak energy kind."""
    day = decision_day(result.period)
    if code == "differentiated_reward":
        coefficient = rule("reward_coefficients", day).value.get(result.grade)
        return f"奖励系数 {coefficient}" if coefficient is not None else ""
    if code == "muni_carbon_indicator":
        score = muni_score(result.grade, day)
        return f"碳效指标得分 {score}（权重 {rule('muni_carbon_weight', day).value}）" if score is not None else ""
    if code == "energy_saving_diagnosis" and found.weak_kind:
        return f"诊断重点：{found.weak_label}，高出行业 {found.weak_excess:.4f} t/万元"
    return ""


def services_for(result: CarbonResult | None) -> list[Match]:
    """Every service decided for an enterprise's year result (or undecided, naming what is missing)."""
    domain = current_domain(DOMAIN)
    found = diagnosis.diagnose(result) if result is not None else diagnosis.Diagnosis()
    facts = facts_of(result, found)
    day = decision_day(result.period) if result is not None else dt.date.today()
    policies = [domain.policies[code] for code in SERVICES]
    matches = []
    for decision in decide_all(domain, facts, on=day, entity="enterprise", policies=policies):
        policy = decision.policy
        matches.append(Match(
            policy.code, policy.name, decision.status, decision.summary(),
            [(c["held"], condition_line(c)) for c in decision.as_dict()["conditions"]],
            policy.benefit.description, policy.office,
            _detail(policy.code, result, found) if decision.eligible and result is not None else ""))
    return matches


def decide_services(result: CarbonResult, found: diagnosis.Diagnosis) -> dict[str, bool]:
    """Whether a graded year result qualifies for each service (the effect indicators count these)."""
    domain = current_domain(DOMAIN)
    facts, day = facts_of(result, found), decision_day(result.period)
    return {code: decide(domain, domain.policies[code], facts, on=day, explain=False).eligible is True
            for code in SERVICES}


def muni_score(grade: str, day: dt.date):
    """The carbon indicator's score in the 亩均 evaluation for a grade (None for an ungraded enterprise)."""
    return rule("muni_carbon_scores", day).value.get(str(grade)) if grade else None


def qualifying(results, code: str) -> list[tuple[CarbonResult, object, str]]:
    """The results (graded, of one year) that qualify for service ``code``: (result, decision, detail)."""
    domain = current_domain(DOMAIN)
    policy = domain.policies[code]
    results = list(results.filter(status=ResultStatus.GRADED).select_related("enterprise", "region", "evaluation"))
    shares = {}
    for period in {r.period for r in results}:
        shares[period] = diagnosis.industry_shares(period, {r.industry_code for r in results if r.period == period})
    found = []
    for result in results:
        diag = diagnosis.diagnose(result, shares[result.period], volatility=False)
        decision = decide(domain, policy, facts_of(result, diag), on=decision_day(result.period))
        if decision.eligible:
            found.append((result, decision, _detail(code, result, diag)))
    found.sort(key=lambda item: (-(item[0].k_value or 0), item[0].enterprise.name))
    return found


def shown(value) -> str:
    """A condition's value or bound as people read it: 4 not 4.0, 高碳 not high, lists joined with 、."""
    if value is None:
        return "—"
    if isinstance(value, (list, tuple)):
        return "、".join(shown(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return plain_number(value)
    labels = {**{c.value: str(c.label) for c in CarbonLevel}, **{k.value: str(k.label) for k in EnergyKind}}
    return labels.get(value, str(value))


def condition_line(condition: dict) -> str:
    """One condition with the value read and its bound: 碳效等级为低效（5 / 4）."""
    if condition.get("threshold") is None:
        return condition["label"]
    return f"{condition['label']}（{shown(condition['value'])} / {shown(condition['threshold'])}）"


def reasons(decision) -> str:
    """The conditions, each with the value read and the bound, in one line for a list or an export."""
    return "；".join(condition_line(c.as_dict()) for c in decision.conditions)


MUNI_HEADER = ["uscc", "enterprise", "year", "industry", "net_t", "value_added_wan", "intensity", "k_value", "grade",
               "level", "carbon_score", "weight"]


def muni_rows(results) -> list[list]:
    """The carbon indicator rows the 亩均论英雄 evaluation takes (one per graded enterprise, fixed column names)."""
    rows = []
    for r in results.filter(status=ResultStatus.GRADED).select_related("enterprise").order_by("enterprise__uscc"):
        day = decision_day(r.period)
        rows.append([r.enterprise.uscc, r.enterprise.name, r.period, r.industry_code, r.net_t, r.value_added,
                     r.intensity, r.k_value, int(r.grade), r.level, muni_score(r.grade, day),
                     rule("muni_carbon_weight", day).value])
    return rows
