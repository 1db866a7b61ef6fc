"""States of the 政策咨询机器人 scene, with their colours."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class TextStatus(ChoiceSet):
    """Whether a loaded official text is the version in force."""

    CURRENT = "current", _("现行有效"), Colour.GREEN
    SUPERSEDED = "superseded", _("已被新版本替代"), Colour.GRAY


class EntryKind(ChoiceSet):
    """A knowledge entry is a plain-language answer or a guide to a service on the platform."""

    ANSWER = "answer", _("政策解答"), Colour.BLUE
    GUIDE = "guide", _("办事指南"), Colour.GREEN


class EntryStatus(ChoiceSet):
    """An entry answers while active; an officer marks it outdated when the law it rests on changes."""

    ACTIVE = "active", _("有效"), Colour.GREEN
    OUTDATED = "outdated", _("已过时"), Colour.ORANGE


class Topic(ChoiceSet):
    """What a question is about (hot topics are counted by these)."""

    CONTRACT = "contract", _("劳动合同订立"), Colour.BLUE
    TERMINATION = "termination", _("解除与终止"), Colour.RED
    WAGES = "wages", _("工资报酬"), Colour.ORANGE
    ARREARS = "arrears", _("欠薪维权"), Colour.RED
    HOURS = "hours", _("工时与休假"), Colour.YELLOW
    INSURANCE = "insurance", _("社会保险与工伤"), Colour.GREEN
    DISPATCH = "dispatch", _("劳务派遣与灵活用工"), Colour.GRAY
    DISPUTE = "dispute", _("调解仲裁与投诉"), Colour.BLUE
    WOMEN = "women", _("女职工保护"), Colour.GREEN


class Outcome(ChoiceSet):
    """How the assistant dealt with one question."""

    ANSWERED = "answered", _("已解答"), Colour.GREEN
    CLARIFY = "clarify", _("待澄清"), Colour.YELLOW
    UNANSWERED = "unanswered", _("未能解答"), Colour.RED
    REFUSED = "refused", _("无效提问"), Colour.GRAY


class QueueStatus(ChoiceSet):
    """A question handed to staff: waiting, answered by an officer, or closed without reply."""

    NONE = "", _("无需人工"), Colour.GRAY
    WAITING = "waiting", _("待人工答复"), Colour.ORANGE
    REPLIED = "replied", _("已人工答复"), Colour.GREEN
    CLOSED = "closed", _("已关闭"), Colour.GRAY
