"""States and categories of the 浙里急救 scene, with their colours."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class Priority(ChoiceSet):
    """Dispatch priority set by triage (the structure of MPDS levels: A most urgent); the order is the rank."""

    A = "A", _("A 级（危及生命）"), Colour.RED
    B = "B", _("B 级（紧急）"), Colour.ORANGE
    C = "C", _("C 级（较急）"), Colour.YELLOW
    D = "D", _("D 级（非紧急）"), Colour.GREEN
    UNKNOWN = "U", _("待分级"), Colour.GRAY


PRIORITY_RANK = {"A": 0, "U": 1, "B": 2, "C": 3, "D": 4}  # an untriaged call ranks just below A: it may be one


class Capability(ChoiceSet):
    """What the receiving hospital must offer (the centres of the national 五大中心 system)."""

    GENERAL = "general", _("综合急诊"), Colour.GRAY
    CHEST_PAIN = "chest_pain", _("胸痛中心"), Colour.RED
    STROKE = "stroke", _("卒中中心"), Colour.BLUE
    TRAUMA = "trauma", _("创伤中心"), Colour.ORANGE
    PAEDIATRIC = "paediatric", _("儿科急救"), Colour.BLUE


class LocationSource(ChoiceSet):
    """Where a call's position came from."""

    GPS = "gps", _("手机定位（经同意）"), Colour.GREEN
    CELL = "cell", _("基站定位（运营商）"), Colour.YELLOW
    DESCRIBED = "described", _("描述地址匹配"), Colour.BLUE
    DISPATCHER = "dispatcher", _("调度员确认"), Colour.BLUE
    NONE = "none", _("位置未知"), Colour.RED


class CallStatus(ChoiceSet):
    """Where a call stands."""

    WAITING = "waiting", _("待调度"), Colour.RED
    DISPATCHED = "dispatched", _("已派车"), Colour.BLUE
    CLOSED = "closed", _("已结束"), Colour.GREEN
    CANCELLED = "cancelled", _("已撤销"), Colour.GRAY


class RunStatus(ChoiceSet):
    """A run (出车任务) from the dispatch order to the handover; the order is the crew's sequence."""

    ASSIGNED = "assigned", _("已派单"), Colour.ORANGE
    ACCEPTED = "accepted", _("已接单"), Colour.YELLOW
    EN_ROUTE = "en_route", _("出车"), Colour.BLUE
    ON_SCENE = "on_scene", _("到达现场"), Colour.BLUE
    PATIENT = "patient", _("接到患者"), Colour.BLUE
    DELIVERED = "delivered", _("送达医院"), Colour.GREEN
    HANDED_OVER = "handed_over", _("已交接"), Colour.GREEN
    DIVERTED = "diverted", _("改派（被抢占）"), Colour.GRAY
    CANCELLED = "cancelled", _("已取消"), Colour.GRAY


NEXT_STATUS = {
    RunStatus.ASSIGNED: RunStatus.ACCEPTED,
    RunStatus.ACCEPTED: RunStatus.EN_ROUTE,
    RunStatus.EN_ROUTE: RunStatus.ON_SCENE,
    RunStatus.ON_SCENE: RunStatus.PATIENT,
    RunStatus.PATIENT: RunStatus.DELIVERED,
}
ACTIVE_RUN = (RunStatus.ASSIGNED, RunStatus.ACCEPTED, RunStatus.EN_ROUTE, RunStatus.ON_SCENE, RunStatus.PATIENT,
              RunStatus.DELIVERED)
PRE_EMPTABLE_RUN = (RunStatus.ASSIGNED, RunStatus.ACCEPTED, RunStatus.EN_ROUTE)  # before patient contact


class AmbulanceStatus(ChoiceSet):
    """Where an ambulance stands for dispatch."""

    AT_STATION = "at_station", _("在站待命"), Colour.GREEN
    RETURNING = "returning", _("返站途中"), Colour.GREEN
    ON_RUN = "on_run", _("任务中"), Colour.BLUE
    OUT_OF_SERVICE = "out", _("停用"), Colour.GRAY
