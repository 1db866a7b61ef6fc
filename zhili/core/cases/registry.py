"""The registry of case types, filled from every installed app's ``workflows.py`` (``CASE_TYPES = [...]``)."""

import importlib
import importlib.util
import logging
from types import ModuleType

from django.apps import apps

from zhili.core.foundation.registry import Registry

from .declarations import CaseType

logger = logging.getLogger(__name__)

case_type_registry = Registry("case types")
_scanned = False


def register(case_type: CaseType) -> CaseType:
    """Register one case type; two declarations may not share a code."""
    if not isinstance(case_type, CaseType):
        raise TypeError(f"CASE_TYPES 只能包含 CaseType，收到 {case_type!r}")
    return case_type_registry.register(case_type.code, case_type)


def register_module(module: ModuleType) -> list[CaseType]:
    """Register every case type a ``workflows`` module declares in ``CASE_TYPES``."""
    declared = list(getattr(module, "CASE_TYPES", []))
    for case_type in declared:
        if case_type_registry.get(case_type.code) is not case_type:
            register(case_type)
    return declared


def scan_installed_apps() -> None:
    """Import ``<app>.workflows`` of every installed app once and register what it declares.

    Called from ``CasesConfig.ready``: by then every app's models are loaded, so importing a scene's
    declaration module is safe; the registry is frozen afterwards by the project app.
    """
    global _scanned
    if _scanned:
        return
    for config in apps.get_app_configs():
        module_name = f"{config.name}.workflows"
        if config.name == "zhili.core.cases" or importlib.util.find_spec(module_name) is None:
            continue
        register_module(importlib.import_module(module_name))
    _scanned = True


def case_types() -> dict[str, CaseType]:
    """Every registered case type by code (scanning the installed apps on first use)."""
    if not _scanned and not case_type_registry.frozen:
        scan_installed_apps()
    return dict(case_type_registry.items())


def get_case_type(code: str) -> CaseType:
    """The case type called ``code``; an unknown code is a clear error."""
    found = case_types().get(code)
    if found is None:
        from django.core.exceptions import ValidationError

        raise ValidationError({"case_type": f"未知的工单类型：{code}"}, code="unknown_case_type")
    return found
