"""What the 安薪在线 scene tells and hears (subscribed at start-up by the scene loader).

It publishes, for other scenes to take up by name: ``wage_guard.project.registered`` (project_id),
``wage_guard.worker.entered`` (entry_id, project_id, worker_id), ``wage_guard.labor_cost.paid``,
``wage_guard.sheet.issued`` (sheet_id), ``wage_guard.wage.disputed`` (line_id, case_id, project_id, amount: the
mediation scene can take the dispute) and ``wage_guard.batch.reconciled`` (batch_id, paid, failed).
"""

from zhili.core.notify.api import MessageTemplate, register_template

register_template(MessageTemplate(
    code="wage_guard_line_issued",
    subject="工资确认",
    body="您在{project}的{month}工资实发 {net} 元，请于 {confirm_by} 前在“安薪在线”确认或提出异议。",
))
