"""The indicator systems every installed app declares in its ``indicators.py`` module."""

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


def get_system(code: str) -> IndicatorSystem:
    system = systems.get(code)
    if system is None:
        raise LookupError(f"未声明的指标体系：{code}")
    return system
