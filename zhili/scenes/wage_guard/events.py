"""What the 安薪在线 scene tells and hears (subscribed at start-up by the scene loader).

It publishes, for other scenes to take up by name: ``wage_guard.project.registered`` (project_id),
``wage_guard.worker.entered`` (entry_id, project_id, worker_id), ``wage_guard.labor_cost.paid``,
``wage_guard.sheet.issued`` (sheet_id), ``wage_guard.wage.disputed`` (line_id, case_id, project_id, amount: the
mediation scene can take the dispute), ``wage_guard.batch.reconciled`` (batch_id, paid, failed),
``wage_guard.project.completed``, ``wage_guard.account.closed``, ``wage_guard.deposit.released`` (project_id) and
``wage_guard.contract.requested`` (entry_id, worker_id, employer_id, employer_uscc, project_id, project_name, trade,
daily_rate, entered_on: a worker on the roster asks for the labour contract the labour-contract scene makes).

It hears ``labor_contract.contract.completed``: a contract with ``worker_id`` and ``employer_id`` in the payload is
put on that worker's open roster entries with that employer (no import between the scenes).
"""

import logging

from zhili.core.foundation.api import events
from zhili.core.notify.api import MessageTemplate, register_template

log = logging.getLogger(__name__)

register_template(MessageTemplate(
    code="wage_guard_line_issued",
    subject="工资确认",
    body="您在{project}的{month}工资实发 {net} 元，请于 {confirm_by} 前在“安薪在线”确认或提出异议。",
))
register_template(MessageTemplate(
    code="wage_guard_contract_requested",
    subject="工人申请签订劳动合同",
    body="{project}{team}的 {name} 尚无劳动合同记录，申请与{employer}签订劳动合同。"
         "未订立劳动合同的人员不得进入项目现场施工（《保障农民工工资支付条例》第二十八条），请尽快发起电子劳动合同。",
))


@events.subscribe("labor_contract.contract.completed")
def on_contract_completed(event) -> None:
    from .services import record_labor_contract

    payload = event.payload
    worker_id, employer_id = payload.get("worker_id"), payload.get("employer_id")
    if not worker_id or not employer_id:
        return
    changed = record_labor_contract(worker_id=int(worker_id), employer_id=int(employer_id),
                                    number=str(payload.get("number") or f"contract:{payload.get('contract_id')}"))
    if changed:
        log.info("labour contract %s linked to roster entries %s", payload.get("contract_id"),
                 [e.pk for e in changed])
