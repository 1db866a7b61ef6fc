"""Choices of the labor-risk scene: where a warning's handling stands."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class WarningStatus(ChoiceSet):
    """Where a warning (预警) stands: a case is open for it, it was closed, or it needs no case."""

    MONITORING = "monitoring", _("重点关注"), Colour.YELLOW
    CASE_OPEN = "case_open", _("处置中"), Colour.ORANGE
    CLOSED = "closed", _("已办结"), Colour.GREEN

