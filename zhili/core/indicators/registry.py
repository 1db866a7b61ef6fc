"""The indicator systems every installed app declares in its ``indicators.py`` module."""

import importlib
import importlib.util

from django.apps import apps

from zhili.core.foundation.registry import Registry

from .declarations import IndicatorSystem

systems = Registry("indicator systems")


def register_module(module, *, scene: str = "") -> list[IndicatorSystem]:
    """Register every system in ``module.INDICATOR_SYSTEMS``; calling it twice is harmless."""
    registered = []
    for system in getattr(module, "INDICATOR_SYSTEMS", ()):
        if scene and not system.scene:
            object.__setattr__(system, "scene", scene)
        registered.append(systems.register(system.code, system))
    return registered


def register_declared() -> None:
    """Import ``<app>.indicators`` of every installed Zhili app and register what it declares."""
    for config in apps.get_app_configs():
        if not config.name.startswith("zhili.") or config.name == "zhili.core.indicators":
            continue
        module_name = f"{config.name}.indicators"
        if importlib.util.find_spec(module_name) is None:
            continue
        register_module(importlib.import_module(module_name), scene=getattr(config, "code", "") or config.label)


def get_system(code: str) -> IndicatorSystem:
    system = systems.get(code)
    if system is None:
        raise LookupError(f"未声明的指标体系：{code}")
    return system
