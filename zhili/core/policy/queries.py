"""Reads: a domain with the policies officers keep, every policy listed, every parameter value listed."""

import datetime as dt
import threading
from dataclasses import replace

from django.db.models import Count, Max

from zhili.core.foundation.api import parameter_sets

from .declarations import PolicyPackError
from .domains import Domain, add_policy
from .models import OfficerPolicy
from .registry import domains, get_domain

_cache: dict = {}
_lock = threading.Lock()


def current_domain(code: str) -> Domain:
    """The declared domain ``code`` plus the active policies officers keep for it (cached until one changes)."""
    base = get_domain(code)
    rows = OfficerPolicy.objects.filter(domain=code, is_active=True)
    version = tuple(rows.aggregate(n=Count("id"), latest=Max("updated_at")).values())
    with _lock:
        cached = _cache.get(code)
        if cached and cached[0] == version and cached[1] is base:
            return cached[2]
    domain = replace(base, policies=dict(base.policies))
    for row in rows.order_by("code"):
        try:
            add_policy(domain, row.to_policy())
        except PolicyPackError:
            continue  # a row checked when saved may no longer fit a changed pack; the list page shows it
    with _lock:
        _cache[code] = (version, base, domain)
    return domain


def policy_rows(*, domain: str = "", owner_kind: str = "", category: str = "", search: str = "") -> list:
    """Every policy (declared and kept by officers) as ``(domain code, Policy, OfficerPolicy or None)``."""
    found = []
    officer = {(r.domain, r.code): r for r in OfficerPolicy.objects.all()}
    for code in sorted(domains):
        if domain and code != domain:
            continue
        current = current_domain(code)
        for policy in current.policies.values():
            found.append((code, policy, officer.get((code, policy.code))))
    if owner_kind:
        found = [row for row in found if row[1].owner_kind == owner_kind]
    if category:
        found = [row for row in found if row[1].category == category]
    if search:
        found = [row for row in found if search in row[1].name or search in row[1].owner or search in row[1].code]
    return found


def parameter_rows(day: dt.date | None = None) -> list[dict]:
    """Every dated parameter of the platform (each policy domain's, login limits, case deadlines, thresholds):
    each value (per key) with its date, reference and checked flag.

    ``in_force`` marks the value in force on ``day`` (today by default).
    """
    day = day or dt.date.today()
    rows = []
    for code in sorted(parameter_sets):
        found = parameter_sets[code]
        for name, parameter in found.parameters.items():
            base = {"domain": code, "domain_label": found.label, "name": name, "label": parameter.label,
                    "unit": parameter.unit, "type": parameter.type}
            if parameter.formula:
                rows.append({**base, "key": "", "value": parameter.formula, "display": parameter.formula,
                             "effective_from": None, "reference": "", "checked": None, "in_force": True,
                             "formula": True, "source": str(parameter.source)})
                continue
            for key in parameter.keys() or [None]:
                current = parameter.entry_on(day, key)
                for value in parameter.series(key):
                    rows.append({**base, "key": key or "", "value": value.value, "display": display(value.value),
                                 "effective_from": value.effective_from, "reference": value.reference,
                                 "checked": value.checked, "in_force": value is current, "formula": False,
                                 "source": str(value.source or parameter.source)})
    return rows


def display(value) -> str:
    """A parameter value as people read it: lists joined with 、, tables one entry per clause."""
    if isinstance(value, dict):
        return "；".join(f"{key}：{display(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return "、".join(display(item) for item in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "yellow") and hasattr(value, "red"):
        return f"黄 {value.yellow:g}，红 {value.red:g}"
    return str(value)
