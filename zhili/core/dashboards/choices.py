"""Levels of a graded index, each with a colour."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import ChoiceSet, Colour


class IndexLevel(ChoiceSet):
    """Where an index stands against its thresholds; NO_DATA when there is nothing to grade."""

    GREEN = "green", _("正常"), Colour.GREEN
    YELLOW = "yellow", _("黄色预警"), Colour.YELLOW
    RED = "red", _("红色预警"), Colour.RED
    NO_DATA = "no_data", _("暂无数据"), Colour.GRAY


WARNING_LEVELS = (IndexLevel.YELLOW, IndexLevel.RED)
