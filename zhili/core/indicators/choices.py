"""Warning levels and evaluation states."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import ChoiceSet, Colour


class Level(ChoiceSet):
    """A graded warning level (预警等级); ``NONE`` shows green on a status code."""

    NONE = "none", _("无预警"), Colour.GREEN
    BLUE = "blue", _("蓝色预警"), Colour.BLUE
    YELLOW = "yellow", _("黄色预警"), Colour.YELLOW
    ORANGE = "orange", _("橙色预警"), Colour.ORANGE
    RED = "red", _("红色预警"), Colour.RED

    @classmethod
    def rank(cls, value: str) -> int:
        return [member.value for member in cls].index(value)

    @classmethod
    def highest(cls, *values: str) -> str:
        return max(values, key=cls.rank)


class RunStatus(ChoiceSet):
    """Where an evaluation run stands."""

    RUNNING = "running", _("计算中"), Colour.BLUE
    SUCCEEDED = "succeeded", _("已完成"), Colour.GREEN
    FAILED = "failed", _("失败"), Colour.RED
