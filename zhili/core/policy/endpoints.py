"""JSON API: decide a household's facts against a domain's policies; list policies and rule values."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema

from zhili.core.identity.permissions import require

from .evaluation import decide_all
from .queries import current_domain, parameter_rows
from .registry import domains

router = Router(tags=["政策引擎"])


class DecideIn(Schema):
    domain: str
    date: dt.date
    entity: str = "household"
    facts: dict
    members: list[dict] = []


class PolicyOut(Schema):
    domain: str
    code: str
    name: str
    owner: str
    owner_kind: str
    in_statute: bool
    category: str
    entity: str
    reference: str
    effective_from: dt.date
    effective_to: dt.date | None


def _facts(domain, entity: str, values: dict) -> dict:
    """Values converted to the declared types (dates from text); an unknown fact is a 400 naming it."""
    from django.core.exceptions import ValidationError

    declared = domain.facts.get(entity, {})
    found = {}
    for name, value in values.items():
        if name not in declared:
            raise ValidationError({name: f"未声明的事实：{name}"})
        if value is not None and declared[name].type == "date":
            try:
                value = dt.date.fromisoformat(str(value))
            except ValueError:
                raise ValidationError({name: "应为日期（YYYY-MM-DD）"}) from None
        found[name] = value
    return found


@router.post("/decisions")
def post_decisions(request, body: DecideIn):
    """Every policy in force on ``date`` decided for the facts given, each with its explanation."""
    if body.domain not in domains:
        raise Http404
    domain = current_domain(body.domain)
    facts = _facts(domain, body.entity, body.facts)
    members = [_facts(domain, "person", m) for m in body.members]
    return [d.as_dict() for d in decide_all(domain, facts, members, body.date, entity=body.entity)]


@router.get("/policies", response=list[PolicyOut])
def get_policies(request, domain: str = ""):
    require(request.auth, "policy.policy.view", None)
    codes = [domain] if domain else sorted(domains)
    if domain and domain not in domains:
        raise Http404
    return [{"domain": code, **{k: getattr(p, k) for k in PolicyOut.model_fields if k != "domain"}}
            for code in codes for p in current_domain(code).policies.values()]


@router.get("/rules")
def get_rules(request, date: dt.date | None = None):
    """Every dated rule: value, effective date, reference and whether the official value was checked."""
    require(request.auth, "policy.policy.view", None)
    return [{**row, "effective_from": row["effective_from"].isoformat() if row["effective_from"] else None,
             "value": row["value"] if isinstance(row["value"], int | float | str | bool | None) else row["display"]}
            for row in parameter_rows(date)]
