"""Events of the 浙农补 scene (subscribed at start-up by the scene loader).

Published, payload in brackets: ``grain_subsidy.survey.recorded`` (survey_id), ``grain_subsidy.round.pre_verified``
and ``grain_subsidy.round.audited`` (round_id), ``grain_subsidy.claim.submitted`` (claim_id),
``grain_subsidy.objection.raised`` (line_id, case_id), ``grain_subsidy.rectification.issued`` (round_id, count),
``grain_subsidy.payment_file.paid`` (payment_file_id).
"""

from zhili.core.foundation.api import audit, events
from zhili.core.notify.api import MessageTemplate, register_template

register_template(MessageTemplate(
    code="grain_subsidy_rectification",
    subject="浙农补红色预警地块整改通知",
    body="您的地块{plot}在{round}中为红色预警（{reasons}），暂不能申领补贴。请于{due}前完成整改，乡镇将实地复核，"
         "复核通过后可重新申领。",
))


@events.subscribe("grain_subsidy.payment_file.paid")
def on_payment_file_paid(event) -> None:
    """Note the payment's delivery to the farmers' 一卡通 accounts in the audit log."""
    audit.record("grain_subsidy.payment_file.delivered", actor="event:grain_subsidy.payment_file.paid",
                 data={"payment_file_id": event.payload["payment_file_id"]})
