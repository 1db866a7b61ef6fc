"""States and kinds of 助共体: categories, warnings, applications, home visits, matches and wishes."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class Category(ChoiceSet):
    """A household's assistance category (救助类别), as the economic check (核对) decides it."""

    NONE = "none", _("未纳入"), Colour.GRAY
    DIBAO = "dibao", _("低保"), Colour.RED
    DIBIAN = "dibian", _("低边"), Colour.ORANGE
    TEKUN = "tekun", _("特困"), Colour.RED
    SPENDING = "spending", _("支出型困难"), Colour.YELLOW


# The determination policy that decides each category, in the order the check tries them.
DETERMINATIONS = (("det_tekun", Category.TEKUN), ("det_dibao", Category.DIBAO), ("det_dibian", Category.DIBIAN),
                  ("det_spending", Category.SPENDING))


class HelpKind(ChoiceSet):
    """The seed's 13 kinds of joint help (联合帮扶), each a category of policies."""

    BASIC = "basic", _("基本保障帮扶")
    ILLNESS = "illness", _("因病致贫帮扶")
    EDUCATION = "education", _("助学扶智")
    ELDERLY = "elderly", _("暖巢安养帮扶")
    DISABILITY = "disability", _("残疾人帮扶")
    INDUSTRY = "industry", _("产业帮扶")
    JUDICIAL = "judicial", _("司法救助帮扶")
    EMPLOYMENT = "employment", _("就业创业帮扶")
    EMERGENCY = "emergency", _("应急帮扶")
    TONGXIN = "tongxin", _("同心帮扶")
    SOCIAL_SCHOOL = "social_school", _("社会助学")
    SOCIAL_MEDICAL = "social_medical", _("社会助医")
    SOCIAL_CARE = "social_care", _("社会关爱")


class WarningStatus(ChoiceSet):
    OPEN = "open", _("待核查"), Colour.ORANGE
    CASE_OPEN = "case_open", _("核查中"), Colour.BLUE
    CLOSED = "closed", _("已办结"), Colour.GREEN


class Channel(ChoiceSet):
    """How an application came in: online (浙里办/救助码) or at a service counter."""

    ONLINE = "online", _("网上申报"), Colour.GREEN
    COUNTER = "counter", _("窗口代办"), Colour.BLUE


class ApplicationStatus(ChoiceSet):
    AUTHORIZING = "authorizing", _("待授权核对"), Colour.GRAY
    CHECKING = "checking", _("核对中"), Colour.BLUE
    VISITING = "visiting", _("入户核查中"), Colour.ORANGE
    APPROVED = "approved", _("已认定"), Colour.GREEN
    REJECTED = "rejected", _("不予认定"), Colour.RED


class VisitStatus(ChoiceSet):
    ASSIGNED = "assigned", _("待入户"), Colour.ORANGE
    DONE = "done", _("已入户"), Colour.GREEN


class MatchStatus(ChoiceSet):
    PUSHED = "pushed", _("已推送"), Colour.BLUE
    DELIVERED = "delivered", _("已兑现"), Colour.GREEN
    DECLINED = "declined", _("未兑现"), Colour.GRAY


class WishKind(ChoiceSet):
    NEED = "need", _("我的需求心愿"), Colour.ORANGE
    OFFER = "offer", _("我的服务心愿"), Colour.GREEN


class WishStatus(ChoiceSet):
    OPEN = "open", _("待认领"), Colour.ORANGE
    CLAIMED = "claimed", _("已认领"), Colour.BLUE
    FULFILLED = "fulfilled", _("已实现"), Colour.GREEN
    RATED = "rated", _("已评价"), Colour.GREEN
