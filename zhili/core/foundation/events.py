"""An in-process event bus whose events reach their handlers only when the transaction commits.

Scenes subscribe in their ``events.py`` (imported by the scene loader); services publish. A handler that
raises is logged and does not stop the other handlers: the change that caused the event is already
committed and must not be reported as failed.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from .registry import RegistryFrozen

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """Something that happened: a dotted name (``scene.object.verb``) and its payload."""

    name: str
    payload: dict[str, Any]
    occurred_at: Any = field(default_factory=timezone.now)


Handler = Callable[[Event], None]
_handlers: dict[str, list[Handler]] = defaultdict(list)
_frozen = False


def subscribe(name: str, handler: Handler | None = None):
    """Register ``handler`` for events called ``name`` (``"*"`` for all); usable as a decorator."""

    def register(fn: Handler) -> Handler:
        if _frozen:
            raise RegistryFrozen(f"cannot subscribe to {name!r} after start-up")
        if fn not in _handlers[name]:
            _handlers[name].append(fn)
        return fn

    return register(handler) if handler else register


def freeze() -> None:
    global _frozen
    _frozen = True


def publish(name: str, **payload: Any) -> Event:
    """Deliver the event to its handlers once the surrounding transaction commits (at once if none)."""
    event = Event(name=name, payload=payload)
    transaction.on_commit(lambda: deliver(event), robust=True)
    return event


def deliver(event: Event) -> None:
    for handler in [*_handlers.get(event.name, ()), *_handlers.get("*", ())]:
        try:
            handler(event)
        except Exception:
            logger.exception("event handler %r failed for %s", handler, event.name)
