"""Message templates per message type, in Chinese; scenes add theirs at start-up (in their ``ready``)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhili.core.foundation.registry import Registry


@dataclass(frozen=True)
class MessageTemplate:
    """``body`` and ``subject`` are str.format templates; ``provider_code`` names the template at the SMS provider.

    The SMS provider renders its own approved copy of the text from ``provider_code`` and the same
    parameters, so ``body`` must say the same thing as the template registered there.
    """

    code: str
    body: str
    subject: str = ""
    provider_code: str = ""

    def render(self, params: dict) -> tuple[str, str]:
        """Return ``(subject, body)`` filled with ``params``; a missing parameter is a clear error."""
        try:
            return self.subject.format(**params), self.body.format(**params)
        except KeyError as exc:
            raise ValidationError(
                {"params": _("消息类型 {code} 缺少参数 {name}").format(code=self.code, name=exc.args[0])},
                code="template_param_missing") from None


message_templates = Registry("message templates")


def register_template(template: MessageTemplate) -> MessageTemplate:
    return message_templates.register(template.code, template)


register_template(MessageTemplate(
    code="otp_login",
    body="您的登录验证码为 {code}，5 分钟内有效。请勿告诉他人。",
    subject="登录验证码",
    provider_code="SMS_OTP_LOGIN",
))
register_template(MessageTemplate(
    code="notice",
    body="{content}",
    subject="{title}",
    provider_code="SMS_NOTICE",
))
register_template(MessageTemplate(
    code="link_notice",
    body="{title}：请打开 {url} 查看办理，链接 {expires} 前有效。",
    subject="{title}",
    provider_code="SMS_LINK_NOTICE",
))
register_template(MessageTemplate(
    code="deadline_reminder",
    body="您的事项「{title}」将于 {deadline} 到期，请及时办理。",
    subject="办理期限提醒",
    provider_code="SMS_DEADLINE_REMINDER",
))
