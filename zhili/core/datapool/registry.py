"""The datasets every installed app declares in its ``datasets.py`` module."""

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


def get_dataset(code: str) -> Dataset:
    """The declared dataset ``code``; a clear error if none is."""
    dataset = datasets.get(code)
    if dataset is None:
        raise LookupError(f"未声明的数据集：{code}")
    return dataset
