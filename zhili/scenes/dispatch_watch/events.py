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
