"""What the 童装产业大脑 scene publishes (other scenes meet it only through these names):

- ``industry_brain.order.posted`` (order_id), ``industry_brain.dispatch.planned`` (plan_id),
  ``industry_brain.part.answered`` (part_id, accepted);
- ``industry_brain.batch.opened`` / ``industry_brain.batch.awarded`` (batch_id);
- ``industry_brain.match.accepted`` (match_id, employer_uscc, employer_name, worker_user_id, job_title,
  work_place, start_date, end_date, piece_rate): what a labor contract needs; labor_contract turns it into a
  fixed-term draft for the employer's administrators and tells the worker;
- ``industry_brain.credit.computed`` (region, firms), ``industry_brain.loan.decided`` (loan_id, approved).

It hears ``datapool.batch.loaded`` for its two monthly datasets: the rows become the firms' monthly reports
(``monitoring.take_monthly``).
"""

import logging

from zhili.core.foundation.api import events

log = logging.getLogger(__name__)


@events.subscribe("datapool.batch.loaded")
def on_batch_loaded(event) -> None:
    from .monitoring import MONTHLY, POWER, take_monthly

    if event.payload.get("dataset") not in (MONTHLY, POWER):
        return
    taken = take_monthly(actor=f"event:{event.name}")
    log.info("monthly batch %s: %s rows taken, unknown codes %s", event.payload.get("batch_id"), taken["taken"],
             taken["unknown_uscc"][:10])
