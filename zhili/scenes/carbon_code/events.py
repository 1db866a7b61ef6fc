"""What the 碳效码 scene listens to, and the events it publishes (named by string for other scenes).

Published: ``carbon_code.evaluation.completed`` (``evaluation_id``, ``period``), ``carbon_code.bill.issued``,
``carbon_code.loan.applied``, ``carbon_code.loan.decided``. Heard: ``indicators.level.changed`` of the code's
system: an enterprise whose year grade worsens to 4 or 5 gets a rectification case (碳效整改).
"""

from zhili.core.foundation.api import events

from .indicators import SYSTEM


@events.subscribe("indicators.level.changed")
def on_level_changed(event) -> None:
    """A worsening to orange (4 级) or red (5 级) opens a rectification case for the enterprise's region."""
    payload = event.payload
    if payload.get("system") != SYSTEM:
        return
    from .services import open_rectification

    open_rectification(payload["entity"], old_level=payload["old"], new_level=payload["new"],
                       period=payload["period"])
