"""Message templates of the labor contract scene (registered when the scene loader imports this module)."""

from zhili.core.notify.api import MessageTemplate, register_template

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
