"""What the 人大代表履职 scene does when something happens (subscribed at start-up by the scene loader).

Events it publishes: ``deputy_duty.opinion.submitted`` / ``graded`` / ``replied`` / ``rated`` (payload
``opinion_id``); ``deputy_duty.suggestion.assigned`` (``suggestion_id``, ``lead_unit``, ``co_units``). It follows ``cases.case.transitioned`` for its own case type, so that a department answering on
the case's page (core.cases) moves the opinion on as the scene's own page does.
"""

from zhili.core.foundation.api import events


@events.subscribe("cases.case.transitioned")
def on_case_transitioned(event) -> None:
    """Bring an opinion's status in line with a reply given on its case's page."""
    from .services import sync_opinion_from_case
    from .workflows import OPINION_CASE

    if event.payload.get("case_type") == OPINION_CASE and event.payload.get("transition") == "reply":
        sync_opinion_from_case(event.payload["case_id"])
