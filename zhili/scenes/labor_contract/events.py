"""Message templates of the labor contract scene (registered when the scene loader imports this module), and what
it hears from other scenes: ``wage_guard.contract.requested`` (a worker on a construction site's roster has no
labour contract and asks for one) becomes a draft for the employer (``services.draft_requested_contract``);
``industry_brain.match.accepted`` (a garment factory and a seasonal worker agreed on a job) becomes a fixed-term
draft to the job's end, at the guaranteed monthly pay of a piece-rate worker, and the worker is told."""

import datetime as dt
import logging
from decimal import Decimal

from zhili.core.foundation.api import events
from zhili.core.notify.api import MessageTemplate, register_template

log = logging.getLogger(__name__)

register_template(MessageTemplate(
    code="labor_contract_sign_invite",
    body="{employer} 邀请您签订电子劳动合同，请打开 {url} 登录后查看并签署。签署免费，签署后可随时查看和下载。",
    subject="电子劳动合同签署邀请",
    provider_code="SMS_LABOR_CONTRACT_INVITE",
))
register_template(MessageTemplate(
    code="labor_contract_unsigned_reminder",
    body="劳动者 {name} 的劳动合同（{number}）自用工之日起已 {days} 天仍未签订。应自用工之日起一个月内订立书面劳动合同，"
         "超过一个月不满一年未订立的应向劳动者每月支付二倍工资（{reference}）。",
    subject="劳动合同未签订提醒",
))
register_template(MessageTemplate(
    code="labor_contract_expiry_reminder",
    body="劳动者 {name} 的劳动合同（{number}）将于 {end_date} 到期（还有 {days} 天），请及时与劳动者协商续订或办理终止手续。",
    subject="劳动合同到期提醒",
))
register_template(MessageTemplate(
    code="labor_contract_completed",
    body="您与 {employer} 的电子劳动合同（{number}）已签订生效。请打开 {url} 在「我的合同」中随时免费查看、下载和打印合同全文，并妥善保存。",
    subject="电子劳动合同已签订",
    provider_code="SMS_LABOR_CONTRACT_COMPLETED",
))
register_template(MessageTemplate(
    code="labor_contract_rejected",
    body="劳动者 {name} 拒签了劳动合同（{number}），理由：{reason}。请与劳动者沟通后修改合同或撤回。",
    subject="劳动者拒签劳动合同",
))
register_template(MessageTemplate(
    code="labor_contract_sign_reminder",
    body="{employer} 发给您的电子劳动合同尚未签署，请在 {deadline} 前打开 {url} 登录后查看并签署。签署免费。",
    subject="电子劳动合同待签署提醒",
    provider_code="SMS_LABOR_CONTRACT_REMINDER",
))
register_template(MessageTemplate(
    code="labor_contract_expiry_worker",
    body="您与 {employer} 的劳动合同（{number}）将于 {end_date} 到期（还有 {days} 天），请与用人单位协商续订或办理终止手续。",
    subject="劳动合同即将到期",
    provider_code="SMS_LABOR_CONTRACT_EXPIRY",
))
register_template(MessageTemplate(
    code="labor_contract_open_ended_offer",
    body="劳动者 {name} 的劳动合同（{number}）将于 {end_date} 到期。该劳动者已连续订立 {fixed_terms} 次固定期限劳动合同或在本单位工作 {years} 年；"
         "劳动者提出或者同意续订的，除劳动者提出订立固定期限劳动合同外，应当订立无固定期限劳动合同（{reference}）。",
    subject="应当订立无固定期限劳动合同提醒",
))
register_template(MessageTemplate(
    code="labor_contract_open_ended_worker",
    body="您与 {employer} 的劳动合同（{number}）将于 {end_date} 到期。您已连续订立 {fixed_terms} 次固定期限劳动合同或工作满 {years} 年，"
         "续订时您有权要求订立无固定期限劳动合同（{reference}）。",
    subject="您可以要求订立无固定期限劳动合同",
    provider_code="SMS_LABOR_CONTRACT_OPEN_ENDED",
))
register_template(MessageTemplate(
    code="labor_contract_termination_certificate",
    body="{employer} 已为您出具解除或终止劳动合同证明（合同 {number}，{ended_on}），请打开 {url} 免费查看和下载。",
    subject="解除或终止劳动合同证明",
    provider_code="SMS_LABOR_CONTRACT_TERMINATION",
))
register_template(MessageTemplate(
    code="labor_contract_match_drafted",
    body="您与 {employer} 的用工匹配（{job}）{next}",
    subject="用工匹配转劳动合同",
))
register_template(MessageTemplate(
    code="labor_contract_requested",
    body="劳动者 {name}（{place}）申请与本单位签订劳动合同。{next}",
    subject="劳动者申请签订劳动合同",
))


@events.subscribe("wage_guard.contract.requested")
def on_contract_requested(event) -> None:
    from django.contrib.auth import get_user_model

    from zhili.core.orgs.api import Organization

    from .services.contracts import draft_requested_contract

    payload = event.payload
    employer = Organization.objects.filter(pk=payload.get("employer_id") or 0).first()
    worker = get_user_model().objects.filter(pk=payload.get("worker_id") or 0).first()
    if employer is None or worker is None:
        log.warning("contract request without a known employer or worker: %s", payload)
        return
    contract, errors = draft_requested_contract(
        employer=employer, worker=worker, job_title=str(payload.get("trade") or ""),
        work_place=str(payload.get("project_name") or ""),
        start_date=dt.date.fromisoformat(payload["entered_on"]), daily_rate=payload.get("daily_rate") or "0",
        source=event.name)
    log.info("contract request of worker %s: draft %s, problems %s", worker.pk,
             contract.number if contract else None, sorted(errors))


@events.subscribe("industry_brain.match.accepted")
def on_match_accepted(event) -> None:
    """A piece-rate seasonal job: the contract runs from the job's start to its end; the monthly wage written is
    the local minimum wage, which a piece-rate worker is owed for normal work (最低工资规定 Art. 12), and the task
    description states the piece rate. The worker is told in-app what happened; they see the contract itself
    when the employer sends it for signing."""
    from django.contrib.auth import get_user_model
    from django.utils.translation import gettext as _

    from zhili.core.notify.api import send_in_app
    from zhili.core.orgs.api import Organization

    from .rules import minimum_wage
    from .services.contracts import draft_requested_contract

    payload = event.payload
    employer = Organization.objects.filter(uscc=payload.get("employer_uscc") or "-").select_related("region").first()
    worker = get_user_model().objects.filter(pk=payload.get("worker_user_id") or 0).first()
    if employer is None or worker is None:
        log.warning("accepted match without a known employer or worker: %s", payload)
        return
    start, end = dt.date.fromisoformat(payload["start_date"]), dt.date.fromisoformat(payload["end_date"])
    floor = minimum_wage(employer.region.code if employer.region else "", start)
    job = str(payload.get("job_title") or "")
    contract, errors = draft_requested_contract(
        employer=employer, worker=worker, job_title=job, work_place=str(payload.get("work_place") or ""),
        start_date=start, end_date=end, monthly_wage=floor.monthly if floor else Decimal("0"),
        task_description=_("计件工资，计件单价 {rate} 元/件；正常劳动的月工资不低于当地最低工资标准").format(
            rate=payload.get("piece_rate") or ""),
        source=event.name)
    if contract is not None:
        following = _("已转为劳动合同草稿 {n}，用人单位核对后将发给您签署，届时可在「我的合同」查看。").format(n=contract.number)
    elif errors:
        following = _("未能自动生成劳动合同草稿，已通知用人单位新建合同。")
    else:
        following = _("您与该单位已有劳动合同，不再重复生成。")
    send_in_app(worker, "labor_contract_match_drafted", {"employer": employer.name, "job": job, "next": following},
                dedup_key=f"labor_contract:match:{payload.get('match_id')}:{worker.pk}", actor=f"event:{event.name}")
    log.info("accepted match %s: draft %s, problems %s", payload.get("match_id"),
             contract.number if contract else None, sorted(errors))
