from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import ChoiceSet, Colour


class AccessBasis(ChoiceSet):
    """Why someone other than the worker saw a document (查阅依据)."""

    GRANT = "grant", _("本人授权"), Colour.GREEN
    LEGAL = "legal", _("法定职权"), Colour.ORANGE
    VERIFICATION = "verification", _("真伪核验"), Colour.BLUE


class GrantState(ChoiceSet):
    """Whether a grant still opens the document; computed from its dates, never stored."""

    ACTIVE = "active", _("有效"), Colour.GREEN
    EXPIRED = "expired", _("已过期"), Colour.GRAY
    REVOKED = "revoked", _("已撤销"), Colour.RED


class DeliveryStatus(ChoiceSet):
    """Where one webhook delivery stands."""

    PENDING = "pending", _("待发送"), Colour.BLUE
    RETRYING = "retrying", _("重试中"), Colour.ORANGE
    DELIVERED = "delivered", _("已送达"), Colour.GREEN
    DEAD = "dead", _("死信"), Colour.RED
