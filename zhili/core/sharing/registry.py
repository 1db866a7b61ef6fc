"""The document types every installed app declares in its ``sharing.py`` module."""

import importlib
import importlib.util

from django.apps import apps

from zhili.core.foundation.registry import Registry

from .declarations import DocumentType

document_types = Registry("sharing document types")


def register_module(module, *, scene: str = "") -> list[DocumentType]:
    """Register every DocumentType in ``module.DOCUMENT_TYPES``; registering the same one twice is harmless."""
    registered = []
    for document_type in getattr(module, "DOCUMENT_TYPES", ()):
        if scene and not document_type.scene:
            object.__setattr__(document_type, "scene", scene)
        registered.append(document_types.register(document_type.code, document_type))
    return registered


def register_declared() -> None:
    """Import ``<app>.sharing`` of every installed Zhili app and register what it declares."""
    for config in apps.get_app_configs():
        if not config.name.startswith("zhili.") or config.name == "zhili.core.sharing":
            continue
        module_name = f"{config.name}.sharing"
        if importlib.util.find_spec(module_name) is None:
            continue
        code = getattr(config, "code", "") or config.label
        register_module(importlib.import_module(module_name), scene=code)


def get_document_type(code: str) -> DocumentType | None:
    return document_types.get(code)
