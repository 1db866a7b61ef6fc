"""Message templates of the 云调解室 scene, and the referral intake other scenes reach through core events.

Another scene (a labor_risk case, a wage complaint) asks for mediation by publishing
``mediation.referral.requested`` with: ``region_code``, ``worker_name``, ``worker_phone``, ``employer_name``,
``employer_uscc``, ``employer_phone``, ``dispute_type``, ``facts``, ``claims`` (``[{"kind", "amount"}]``) and
``source`` (e.g. ``labor_risk.case:12``). This scene publishes ``mediation.application.received``,
``mediation.invitation.accepted``, ``mediation.mediation.settled`` / ``failed`` / ``withdrawn``,
``mediation.agreement.breached`` and ``mediation.mediation.rated`` (payload ``mediation_id``, ``number``).
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.foundation.api import audit, events
from zhili.core.notify.api import MessageTemplate, register_template

log = logging.getLogger(__name__)

for code, subject, body in (
    ("mediation_invite", "劳动争议调解邀请",
     "{applicant}就与{employer}的劳动争议申请在线调解（案号 {number}）。请打开 {url} 登录后查看并选择是否同意调解。"),
    ("mediation_received", "调解申请已受理", "您的劳动争议调解申请已登记（案号 {number}），请打开 {url} 登录后查看进展、进入调解室。"),
    ("mediation_accepted", "对方已同意调解", "对方已同意在线调解（案号 {number}），调解员将与您联系，请打开 {url} 进入调解室。"),
    ("mediation_assigned", "新的调解案件", "您有新的调解案件 {number}（{employer}），请在调解员工作台处理。"),
    ("mediation_closed", "调解案件已结案", "调解案件 {number} 已结案：{status}。"),
    ("mediation_failed", "调解未达成协议",
     "案号 {number}：{reason}。如需继续主张权利，可以自知道或者应当知道权利被侵害之日起一年内向劳动人事争议仲裁委员会申请仲裁。"),
    ("mediation_agreement_ready", "调解协议待签署", "案号 {number} 的调解协议已制作，请打开 {url} 登录后阅读并签署。"),
    ("mediation_settled", "调解协议已生效", "案号 {number} 的调解协议已经双方和调解员签署生效，请打开 {url} 查看和下载。"),
    ("mediation_payment_missed", "调解协议未按期履行",
     "案号 {number}：约定于 {due_on} 支付的 {amount} 元尚未登记履行。可以依法申请仲裁，或持调解协议书向人民法院申请支付令。"),
):
    register_template(MessageTemplate(code=code, subject=subject, body=body))


@events.subscribe("mediation.referral.requested")
def on_referral(event) -> None:
    """Register a referred dispute as an application (channel 转入); a bad referral is audited, not lost."""
    from zhili.core.orgs.api import region_by_code

    from . import services
    from .choices import Channel, Side

    payload = dict(event.payload)
    try:
        region = region_by_code(str(payload.get("region_code", "")))
        mediation = services.apply_for_mediation(
            channel=Channel.REFERRAL, applicant_side=Side.WORKER, region=region,
            worker_name=payload.get("worker_name", ""), worker_phone=payload.get("worker_phone", ""),
            employer_name=payload.get("employer_name", ""), employer_uscc=payload.get("employer_uscc", ""),
            employer_phone=payload.get("employer_phone", ""), dispute_type=payload.get("dispute_type", ""),
            facts=payload.get("facts", ""), claims=payload.get("claims") or [], actor=None,
            referral=str(payload.get("source", ""))[:100])
    except (ValidationError, PermissionDenied, LookupError) as exc:
        messages = exc.message_dict if isinstance(exc, ValidationError) and hasattr(exc, "error_dict") else str(exc)
        audit.record("mediation.referral.refused", actor="event:mediation.referral.requested",
                     data={"source": str(payload.get("source", "")), "errors": messages})
        log.warning("mediation referral from %s refused: %s", payload.get("source"), messages)
        return
    audit.record("mediation.referral.registered", actor="event:mediation.referral.requested", target=mediation,
                 data={"source": mediation.referral})
