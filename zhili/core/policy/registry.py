"""The policy domains every installed app declares: ``<app>/policies.py`` and ``<app>/policy_packs/*.yaml``.

``policies.py`` may set ``DOMAIN`` (default: the app's scene code or label), ``FACTS``, ``PARAMETERS`` and
``POLICIES``. The one loader (``core/scenes/declarations.py``) hands each app's module and YAML files to
``register_app``; once every app is read, ``build_registered`` checks all the packs of a domain together. A bad
one stops the start with its file and line.
"""

from pathlib import Path

from django.apps import apps

from zhili.core.foundation.api import register_parameter_set
from zhili.core.foundation.registry import Registry

from .declarations import Pack
from .domains import Domain, build_domain
from .packs import read_pack

domains = Registry("policy domains")
CASE_DIR = "policy_cases"


def module_pack(module, default_domain: str) -> Pack:
    """The declarations of a ``policies.py`` module as a pack."""
    return Pack(domain=getattr(module, "DOMAIN", default_domain), facts=list(getattr(module, "FACTS", ())),
                parameters=list(getattr(module, "PARAMETERS", ())), policies=list(getattr(module, "POLICIES", ())),
                path=getattr(module, "__file__", ""))


def app_packs(module, code: str, files) -> list[Pack]:
    """The packs one app declares: its ``policies.py`` module (if any) first, then its YAML files by name."""
    found = [module_pack(module, code)] if module is not None else []
    return found + [read_pack(Path(path), code) for path in sorted(files)]


def build_domains(packs: list[Pack]) -> dict[str, Domain]:
    grouped: dict[str, list[Pack]] = {}
    for pack in packs:
        grouped.setdefault(pack.domain, []).append(pack)
    return {code: build_domain(code, group) for code, group in grouped.items()}


_pending: list[Pack] = []


def register_app(module, *, scene: str, files=()) -> None:
    """The one loader's registrar for ``policies.py`` and ``policy_packs/*.yaml``: read now, checked together later."""
    _pending.extend(app_packs(module, scene, files))


def build_registered() -> None:
    """The loader's finish step: build every domain from all apps' packs at once and register it."""
    built = build_domains(_pending)
    _pending.clear()
    for code, domain in built.items():
        domains.register(code, domain)
        register_parameter_set(code, domain_label(code), domain.parameters.values())


def domain_label(code: str) -> str:
    """The name of the app that owns domain ``code`` (its verbose name), or the code itself."""
    for config in apps.get_app_configs():
        if code in (getattr(config, "code", None), config.label):
            return str(config.verbose_name)
    return code


def get_domain(code: str) -> Domain:
    """The declared domain ``code``; a clear error if none is."""
    domain = domains.get(code)
    if domain is None:
        raise LookupError(f"未声明的政策领域：{code}")
    return domain
