"""Message templates the case services send; registered at import, before the registries freeze."""

from zhili.core.notify.api import MessageTemplate, register_template

CASE_ESCALATED = "cases.case_escalated"
CASE_REMINDER = "cases.case_overdue_reminder"
CASE_ASSIGNED = "cases.case_assigned"
CASE_SUPERVISED = "cases.case_supervised"
CASE_URGED = "cases.case_urged"

register_template(MessageTemplate(
    code=CASE_ESCALATED,
    subject="工单超期升级督办",
    body="工单 {number}「{title}」在「{state}」环节已超过期限 {due}，已升级由您督办。",
))
register_template(MessageTemplate(
    code=CASE_REMINDER,
    subject="工单超期提醒",
    body="工单 {number}「{title}」在「{state}」环节已超过期限 {due}，请尽快办理。",
))
register_template(MessageTemplate(
    code=CASE_ASSIGNED,
    subject="新工单待办",
    body="工单 {number}「{title}」已指派给您办理。",
))
register_template(MessageTemplate(
    code=CASE_SUPERVISED,
    subject="工单督办",
    body="工单 {number}「{title}」已被督办：{note}",
))
register_template(MessageTemplate(
    code=CASE_URGED,
    subject="工单催办",
    body="工单 {number}「{title}」收到催办：{note}",
))
