"""Message templates per message type, in Chinese; scenes add theirs at start-up."""

from dataclasses import dataclass

from zhili.core.foundation.registry import Registry


@dataclass(frozen=True)
class MessageTemplate:
    """``body`` is a str.format template; ``provider_code`` names the template at the SMS provider."""

    code: str
    body: str
    subject: str = ""
    provider_code: str = ""


message_templates = Registry("message templates")


def register_template(template: MessageTemplate) -> MessageTemplate:
    return message_templates.register(template.code, template)


register_template(MessageTemplate(
    code="otp_login",
    body="您的登录验证码为 {code}，5 分钟内有效。请勿告诉他人。",
    subject="登录验证码",
    provider_code="SMS_OTP_LOGIN",
))
