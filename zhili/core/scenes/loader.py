"""Find the installed scenes and load their declaration modules by file name."""

import importlib
import importlib.util
import logging

from django.apps import apps

from zhili.core.foundation import events

from .base import SceneConfig
from .registry import RESOURCE_MODULES, menus, resources, scenes

logger = logging.getLogger(__name__)
_loaded = False


def load_scenes() -> None:
    """Register every installed SceneConfig and import its resource modules (once)."""
    global _loaded
    if _loaded:
        return
    for config in apps.get_app_configs():
        if not isinstance(config, SceneConfig):
            continue
        code = config.get_code()
        scenes.register(code, config)
        for resource in RESOURCE_MODULES:
            module_name = f"{config.name}.{resource}"
            if importlib.util.find_spec(module_name) is None:
                continue
            module = importlib.import_module(module_name)
            resources.register(f"{code}.{resource}", module)
            if resource == "navigation":
                menus.register(code, list(getattr(module, "MENU", [])))
    _loaded = True
    events.freeze()


def installed_scenes() -> list[SceneConfig]:
    return list(scenes.values())
