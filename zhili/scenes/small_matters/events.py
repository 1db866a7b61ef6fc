"""Messages and event handlers of the 关键小事 scene.

Other scenes meet this one only through events named by string: ``small_matters.claim.detected``,
``.confirmed``, ``.disputed`` and ``.decided`` (payload ``claim_id``, and ``status`` where it changed).
"""

from zhili.core.notify.api import MessageTemplate, register_template

register_template(MessageTemplate(
    code="small_matters_benefit_found", subject="失业保险金主动办理",
    body="{name}，经数据比对，您符合领取失业保险金的条件（{months} 个月，每月 {amount} 元）。"
         "请打开 {link} 核对预填信息并确认，无需填表、无需提交材料。",
))
register_template(MessageTemplate(
    code="small_matters_benefit_not_qualified", subject="失业保险金比对结果",
    body="经数据比对，您暂不符合领取失业保险金的条件：{summary}。详情及办理指引见 {link}。",
))
register_template(MessageTemplate(
    code="small_matters_benefit_decided", subject="失业保险金审核结果",
    body="您的失业保险金申领审核结果：{status}。意见：{note}",
))
