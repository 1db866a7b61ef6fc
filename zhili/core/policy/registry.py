"""The policy domains every installed app declares: ``<app>/policies.py`` and ``<app>/policy_packs/*.yaml``.

``policies.py`` may set ``DOMAIN`` (default: the app's scene code or label), ``FACTS``, ``PARAMETERS`` and
``POLICIES``. All the packs of one domain are checked together at start-up; a bad one stops the start with its
file and line.
"""

import importlib
import importlib.util
from pathlib import Path

from django.apps import apps

from zhili.core.foundation.registry import Registry

from .declarations import Pack
from .domains import Domain, build_domain
from .packs import read_pack

domains = Registry("policy domains")
PACK_DIR = "policy_packs"
CASE_DIR = "policy_cases"


def module_pack(module, default_domain: str) -> Pack:
    """The declarations of a ``policies.py`` module as a pack."""
    return Pack(domain=getattr(module, "DOMAIN", default_domain), facts=list(getattr(module, "FACTS", ())),
                parameters=list(getattr(module, "PARAMETERS", ())), policies=list(getattr(module, "POLICIES", ())),
                path=getattr(module, "__file__", ""))


def packs_of_app(config) -> list[Pack]:
    """The packs app ``config`` declares, in a stable order (module first, then YAML files by name)."""
    code = getattr(config, "code", "") or config.label
    found = []
    module_name = f"{config.name}.policies"
    if importlib.util.find_spec(module_name) is not None:
        found.append(module_pack(importlib.import_module(module_name), code))
    folder = Path(config.path) / PACK_DIR
    if folder.is_dir():
        found += [read_pack(path, code) for path in sorted(folder.glob("*.yaml"))]
    return found


def build_domains(packs: list[Pack]) -> dict[str, Domain]:
    grouped: dict[str, list[Pack]] = {}
    for pack in packs:
        grouped.setdefault(pack.domain, []).append(pack)
    return {code: build_domain(code, group) for code, group in grouped.items()}


def register_declared() -> None:
    """Build and register the domains of every installed Zhili app."""
    packs = []
    for config in apps.get_app_configs():
        if config.name.startswith("zhili."):
            packs += packs_of_app(config)
    for code, domain in build_domains(packs).items():
        domains.register(code, domain)


def get_domain(code: str) -> Domain:
    """The declared domain ``code``; a clear error if none is."""
    domain = domains.get(code)
    if domain is None:
        raise LookupError(f"未声明的政策领域：{code}")
    return domain
