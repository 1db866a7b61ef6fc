from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import ChoiceSet, Colour


class Backend(ChoiceSet):
    """How one server process learns of messages committed by another (``ZHILI_LIVE_BACKEND``)."""

    LOCAL = "local", _("进程内通知 + 数据库轮询（内置默认，无需其他服务）"), Colour.GRAY
    POSTGRES = "postgres", _("PostgreSQL LISTEN/NOTIFY"), Colour.BLUE
    REDIS = "redis", _("Redis 发布/订阅"), Colour.RED
