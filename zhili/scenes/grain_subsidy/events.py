"""Events of the 浙农补 scene (subscribed at start-up by the scene loader).

Published, payload in brackets: ``grain_subsidy.survey.recorded`` (survey_id), ``grain_subsidy.round.pre_verified``
and ``grain_subsidy.round.audited`` (round_id), ``grain_subsidy.claim.submitted`` (claim_id),
``grain_subsidy.objection.raised`` (line_id, case_id),
``grain_subsidy.payment_file.paid`` (payment_file_id).
"""

from zhili.core.foundation.api import audit, events


@events.subscribe("grain_subsidy.payment_file.paid")
def on_payment_file_paid(event) -> None:
    """Note the payment's delivery to the farmers' 一卡通 accounts in the audit log."""
    audit.record("grain_subsidy.payment_file.delivered", actor="event:grain_subsidy.payment_file.paid",
                 data={"payment_file_id": event.payload["payment_file_id"]})
