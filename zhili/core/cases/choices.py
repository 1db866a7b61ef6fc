from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import ChoiceSet, Colour


class Priority(ChoiceSet):
    """How urgent a case is (紧急程度)."""

    LOW = "low", _("一般"), Colour.GRAY
    NORMAL = "normal", _("普通"), Colour.BLUE
    HIGH = "high", _("紧急"), Colour.ORANGE
    URGENT = "urgent", _("特急"), Colour.RED


class EventAction(ChoiceSet):
    """What one entry of a case's timeline records."""

    OPENED = "opened", _("登记"), Colour.BLUE
    TRANSITION = "transition", _("流转"), Colour.BLUE
    COMMENT = "comment", _("备注"), Colour.GRAY
    ATTACHMENT = "attachment", _("附件"), Colour.GRAY
    ASSIGNED = "assigned", _("指派"), Colour.BLUE
    REMINDED = "reminded", _("超期提醒"), Colour.YELLOW
    ESCALATED = "escalated", _("超期升级督办"), Colour.RED
    SUPERVISED = "supervised", _("督办"), Colour.RED
    URGED = "urged", _("催办"), Colour.ORANGE
    RATED = "rated", _("评价"), Colour.GREEN


class OverdueAction(ChoiceSet):
    """What happens when a case passes the deadline of its state."""

    REMIND = "remind", _("提醒承办人"), Colour.YELLOW
    ESCALATE = "escalate", _("升级督办"), Colour.RED


class Who(ChoiceSet):
    """Whose step a transition is."""

    OWNER = "owner", _("承办单位人员"), Colour.BLUE
    ASSIGNEE = "assignee", _("承办人"), Colour.BLUE
    REQUESTER = "requester", _("诉求人"), Colour.GREEN
