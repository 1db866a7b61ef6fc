"""What 助共体 listens to: the closing of its warning cases (a closed check closes its warning)."""

from zhili.core.foundation.api import events

from .workflows import WARNING_CASE_TYPE


@events.subscribe("cases.case.closed")
def on_case_closed(event) -> None:
    if event.payload.get("case_type") != WARNING_CASE_TYPE:
        return
    from .services import close_warning_for_case

    close_warning_for_case(event.payload["case_id"], actor="event:cases.case.closed")
