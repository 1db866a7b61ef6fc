"""The datasets every installed app declares in its ``datasets.py`` module."""

import importlib
import importlib.util

from django.apps import apps

from zhili.core.foundation.registry import Registry

from .declarations import Dataset

datasets = Registry("datasets")


def register_module(module, *, scene: str = "") -> list[Dataset]:
    """Register every Dataset in ``module.DATASETS``; calling it twice with the same module is harmless."""
    registered = []
    for dataset in getattr(module, "DATASETS", ()):
        if scene and not dataset.scene:
            object.__setattr__(dataset, "scene", scene)
        registered.append(datasets.register(dataset.code, dataset))
    return registered


def register_declared() -> None:
    """Import ``<app>.datasets`` of every installed Zhili app and register what it declares."""
    for config in apps.get_app_configs():
        if not config.name.startswith("zhili.") or config.name == "zhili.core.datapool":
            continue
        module_name = f"{config.name}.datasets"
        if importlib.util.find_spec(module_name) is None:
            continue
        code = getattr(config, "code", "") or config.label
        register_module(importlib.import_module(module_name), scene=code)


def get_dataset(code: str) -> Dataset:
    """The declared dataset ``code``; a clear error if none is."""
    dataset = datasets.get(code)
    if dataset is None:
        raise LookupError(f"未声明的数据集：{code}")
    return dataset
