from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import ChoiceSet, Colour


class Channel(ChoiceSet):
    SMS = "sms", _("短信"), Colour.BLUE
    IN_APP = "in_app", _("站内消息"), Colour.GREEN
    EMAIL = "email", _("电子邮件"), Colour.GRAY


class DeliveryStatus(ChoiceSet):
    PENDING = "pending", _("待发送"), Colour.GRAY
    SENT = "sent", _("已发送"), Colour.GREEN
    RETRYING = "retrying", _("重试中"), Colour.ORANGE
    FAILED = "failed", _("发送失败"), Colour.RED
