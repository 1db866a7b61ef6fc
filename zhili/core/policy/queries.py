"""Reads: a domain with the policies officers keep, every policy listed, every parameter value listed."""

import datetime as dt
import threading
from dataclasses import replace

from django.db.models import Count, Max

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
    """Every parameter of every domain: each value (per key) with its date, reference and checked flag.

    ``in_force`` marks the value in force on ``day`` (today by default).
    """
    day = day or dt.date.today()
    rows = []
    for code in sorted(domains):
        domain = get_domain(code)
        for name, parameter in domain.parameters.items():
            if parameter.formula:
                rows.append({"domain": code, "name": name, "label": parameter.label, "key": "",
                             "value": parameter.formula, "unit": parameter.unit, "effective_from": None,
                             "reference": "", "checked": None, "in_force": True, "formula": True,
                             "source": str(parameter.source)})
                continue
            for key in parameter.keys() or [None]:
                current = parameter.entry_on(day, key)
                for value in parameter.series(key):
                    rows.append({"domain": code, "name": name, "label": parameter.label, "key": key or "",
                                 "value": value.value, "unit": parameter.unit,
                                 "effective_from": value.effective_from, "reference": value.reference,
                                 "checked": value.checked, "in_force": value is current, "formula": False,
                                 "source": str(value.source or parameter.source)})
    return rows
