"""Message templates and event handlers of the 劳务派遣监管 scene.

Events published: ``dispatch_watch.agency.registered``, ``dispatch_watch.worker.recorded``,
``dispatch_watch.report.submitted``, ``dispatch_watch.report.verified`` (verdict, case_id),
``dispatch_watch.hours.applied``, ``dispatch_watch.hours.decided``, ``dispatch_watch.warning.raised``.
"""

from zhili.core.foundation.api import events
from zhili.core.notify.api import MessageTemplate, register_template

register_template(MessageTemplate(
    code="dispatch_watch_report_overdue",
    body="{agency}：{year}年度劳务派遣经营情况报告应于 {due} 前提交，至今未收到。请尽快登录平台提交；逾期满 {days} 日仍未提交的，"
         "将转劳动保障监察处理。",
    subject="劳务派遣年度报告逾期提醒",
))


register_template(MessageTemplate(
    code="dispatch_watch_change_decided",
    body="{agency}：您于 {applied} 提出的许可变更申请（{fields}）{result}。{reason}",
    subject="劳务派遣许可变更审核结果",
))

register_template(MessageTemplate(
    code="dispatch_watch_hours_decided",
    body="{organization}：特殊工时申请（{kind}，{posts}）{result}{number}。决定书已加盖电子印章，可在平台「特殊工时审批」查看下载。",
    subject="特殊工时审批结果",
))


@events.subscribe("indicators.level.changed")
def on_level_changed(event) -> None:
    """A rise in a host employer's level raises a warning; red and orange ones open a case."""
    from .indicators import SYSTEM_CODE

    payload = event.payload
    if payload.get("system") != SYSTEM_CODE:
        return
    from .services.checks import raise_warning

    raise_warning(payload["entity"], old_level=payload["old"], new_level=payload["new"], period=payload["period"],
                  run_id=payload.get("run_id"))
