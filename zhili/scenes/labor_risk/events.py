"""What the labor-risk scene listens to: level changes of its indicator system and the closing of its cases."""

from zhili.core.foundation.api import events

from .indicators import SYSTEM_CODE
from .workflows import CASE_TYPE


@events.subscribe("indicators.level.changed")
def on_level_changed(event) -> None:
    """A rise in an enterprise's level raises a warning; red and orange ones open a case."""
    payload = event.payload
    if payload.get("system") != SYSTEM_CODE:
        return
    from .services import raise_warning

    raise_warning(payload["entity"], old_level=payload["old"], new_level=payload["new"], period=payload["period"],
                  run_id=payload.get("run_id"))


@events.subscribe("cases.case.closed")
def on_case_closed(event) -> None:
    """A closed warning case (办结) closes its warning."""
    if event.payload.get("case_type") != CASE_TYPE:
        return
    from .services import close_warning_for_case

    close_warning_for_case(event.payload["case_id"])
