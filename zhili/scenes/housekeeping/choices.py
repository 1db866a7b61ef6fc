"""States of the 浙里好家政 scene, with their colours."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class CodeColour(ChoiceSet):
    """The colour of a worker's 安心码 (家政安心码): green may serve, yellow must fix something, red may not serve."""

    GREEN = "green", _("绿码"), Colour.GREEN
    YELLOW = "yellow", _("黄码"), Colour.YELLOW
    RED = "red", _("红码"), Colour.RED

    @classmethod
    def from_level(cls, level: str) -> "CodeColour":
        """The colour a core.indicators level shows as (none and blue: green; yellow and orange: yellow)."""
        return {"red": cls.RED, "orange": cls.YELLOW, "yellow": cls.YELLOW}.get(level, cls.GREEN)


class BackgroundCheck(ChoiceSet):
    """The police (公安) conclusion on a worker's criminal-record check; its detail is never shown."""

    PENDING = "pending", _("待核查"), Colour.GRAY
    CLEAR = "clear", _("无异常"), Colour.GREEN
    ABNORMAL = "abnormal", _("异常"), Colour.RED


class ServiceKind(ChoiceSet):
    """The kinds of housekeeping service a worker offers and a customer asks for."""

    CLEANING = "cleaning", _("日常保洁"), Colour.BLUE
    DEEP_CLEANING = "deep_cleaning", _("开荒保洁"), Colour.BLUE
    MATERNITY = "maternity", _("母婴护理（月嫂）"), Colour.BLUE
    CHILDCARE = "childcare", _("育儿嫂"), Colour.BLUE
    ELDERCARE = "eldercare", _("养老护理"), Colour.ORANGE
    COOKING = "cooking", _("做饭"), Colour.GREEN
    APPLIANCE = "appliance", _("家电清洗"), Colour.GRAY


class Language(ChoiceSet):
    """Languages and dialects a worker speaks."""

    MANDARIN = "mandarin", _("普通话"), Colour.BLUE
    TAIZHOU = "taizhou", _("台州话"), Colour.BLUE
    WENZHOU = "wenzhou", _("温州话"), Colour.BLUE
    ENGLISH = "english", _("英语"), Colour.BLUE


class SlipStatus(ChoiceSet):
    """Where a yellow or red notice slip (整改通知单) stands."""

    SENT = "sent", _("待整改"), Colour.ORANGE
    ACKNOWLEDGED = "acknowledged", _("机构已签收"), Colour.BLUE
    RESOLVED = "resolved", _("已整改"), Colour.GREEN


class ScanResult(ChoiceSet):
    """What a scan of a worker's code found."""

    SHOWN = "shown", _("有效"), Colour.GREEN
    REFUSED = "refused", _("无效（伪造、过期或已更新）"), Colour.RED


class OrderStatus(ChoiceSet):
    """An order's lifecycle: offered to a worker's agency, accepted, contracted (scheduled), in service, done."""

    OFFERED = "offered", _("待机构接单"), Colour.BLUE
    ACCEPTED = "accepted", _("已接单待签约"), Colour.ORANGE
    SCHEDULED = "scheduled", _("已签约待上门"), Colour.BLUE
    IN_SERVICE = "in_service", _("服务中"), Colour.GREEN
    DONE = "done", _("已完成"), Colour.GREEN
    CANCELLED = "cancelled", _("已取消"), Colour.GRAY
    DECLINED = "declined", _("机构未接单"), Colour.GRAY


class RatingTarget(ChoiceSet):
    """Who a rating is about: customers rate the worker and the agency; the agency rates the customer."""

    WORKER = "worker", _("服务员"), Colour.GREEN
    AGENCY = "agency", _("家政机构"), Colour.BLUE
    CUSTOMER = "customer", _("客户"), Colour.ORANGE


class SeekerCategory(ChoiceSet):
    """Why a person is offered a path into housekeeping (当家政)."""

    LOW_INCOME = "low_income", _("低收入人员"), Colour.ORANGE
    UNEMPLOYED = "unemployed", _("登记失业人员"), Colour.BLUE


class SeekerStage(ChoiceSet):
    """A job seeker's path from the offer to the first order."""

    IDENTIFIED = "identified", _("已识别"), Colour.GRAY
    OFFERED = "offered", _("已推送岗位与培训"), Colour.BLUE
    DECLINED = "declined", _("暂不参加"), Colour.GRAY
    TRAINING = "training", _("参加培训"), Colour.ORANGE
    HEALTH_CHECKED = "health_checked", _("已体检"), Colour.ORANGE
    REGISTERED = "registered", _("已上岗登记"), Colour.GREEN
    FIRST_ORDER = "first_order", _("已接首单"), Colour.GREEN
