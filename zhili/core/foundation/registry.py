"""Registries that apps fill while starting and that are frozen once start-up is over."""

from collections.abc import Iterator
from typing import Any


class RegistryFrozen(RuntimeError):
    """Raised when something tries to register after start-up."""


class Registry:
    """A named mapping filled at start-up, read-only afterwards.

    ``register`` refuses duplicates so that two scenes cannot silently claim the same name.
    """

    def __init__(self, name: str):
        self.name = name
        self._items: dict[str, Any] = {}
        self._frozen = False
        _REGISTRIES.append(self)

    def register(self, key: str, value: Any) -> Any:
        if self._frozen:
            raise RegistryFrozen(f"registry {self.name!r} is frozen; cannot register {key!r} after start-up")
        if key in self._items and self._items[key] is not value:
            raise KeyError(f"registry {self.name!r} already has {key!r}")
        self._items[key] = value
        return value

    def freeze(self) -> None:
        self._frozen = True

    @property
    def frozen(self) -> bool:
        return self._frozen

    def get(self, key: str, default: Any = None) -> Any:
        return self._items.get(key, default)

    def __getitem__(self, key: str) -> Any:
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"{key!r} is not registered in {self.name!r}") from None

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def items(self):
        return self._items.items()

    def values(self):
        return self._items.values()


_REGISTRIES: list[Registry] = []


def freeze_all() -> None:
    """Freeze every registry; called by the project app once all apps are ready."""
    for registry in _REGISTRIES:
        registry.freeze()
