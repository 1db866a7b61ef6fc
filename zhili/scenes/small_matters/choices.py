"""States and kinds of the 关键小事 scene, with their colours."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class LifeStage(ChoiceSet):
    """The six stages of a person's life the 50 matters are grouped by (the seed's 人生六个阶段)."""

    BIRTH = "birth", _("出生"), Colour.GREEN
    SCHOOL = "school", _("上学"), Colour.BLUE
    EMPLOYMENT = "employment", _("就业"), Colour.ORANGE
    LIFE = "life", _("生活"), Colour.YELLOW
    FAMILY = "family", _("婚育"), Colour.RED
    RETIREMENT = "retirement", _("养老"), Colour.GRAY


class ServicePath(ChoiceSet):
    """The seed's five paths of change (五个转变) a matter was redesigned along; ``plain`` for the rest."""

    PROACTIVE = "proactive", _("被动服务转主动服务"), Colour.GREEN
    CONFIRM = "confirm", _("填表转确认"), Colour.BLUE
    PARALLEL = "parallel", _("串联转并联"), Colour.ORANGE
    INTELLIGENT = "intelligent", _("普通办转智能办"), Colour.YELLOW
    ECOSYSTEM = "ecosystem", _("单一事项转生态服务"), Colour.RED
    PLAIN = "plain", _("减材料减时间"), Colour.GRAY


class ClaimStatus(ChoiceSet):
    """Where a proactive unemployment-benefit claim stands."""

    NOT_QUALIFIED = "not_qualified", _("不符合条件"), Colour.GRAY
    NOTIFIED = "notified", _("待本人确认"), Colour.BLUE
    DISPUTED = "disputed", _("信息有异议"), Colour.ORANGE
    CONFIRMED = "confirmed", _("待审核"), Colour.YELLOW
    APPROVED = "approved", _("已核准"), Colour.GREEN
    REJECTED = "rejected", _("未核准"), Colour.RED


class PaymentStatus(ChoiceSet):
    """One month of unemployment benefit: scheduled on approval, paid by the month's payment run."""

    SCHEDULED = "scheduled", _("待发放"), Colour.BLUE
    PAID = "paid", _("已发放"), Colour.GREEN
    STOPPED = "stopped", _("已停发"), Colour.GRAY


class SeparationReason(ChoiceSet):
    """Why an employment ended, as the employment-record system codes it."""

    CONTRACT_EXPIRED = "contract_expired", _("劳动合同期满终止"), Colour.BLUE
    EMPLOYER_TERMINATED = "employer_terminated", _("用人单位解除劳动合同"), Colour.ORANGE
    DISMISSED = "dismissed", _("被用人单位开除、除名或辞退"), Colour.RED
    EMPLOYER_FAULT = "employer_fault", _("因用人单位过错本人解除劳动合同"), Colour.ORANGE
    MUTUAL_BY_EMPLOYER = "mutual_by_employer", _("用人单位提出协商一致解除"), Colour.YELLOW
    VOLUNTARY = "voluntary", _("本人自愿离职"), Colour.GRAY
    RETIRED = "retired", _("退休"), Colour.GRAY


DISPUTABLE_FACTS = {
    "employer_name": _("原工作单位"),
    "separation_reason": _("离职原因"),
    "contribution_months": _("累计缴费月数"),
    "registered_on": _("失业登记日期"),
}


class RegistrationStatus(ChoiceSet):
    """A residence registration (居住登记): confirmed and submitted by the person, decided by the police station."""

    SUBMITTED = "submitted", _("待派出所审核"), Colour.BLUE
    REGISTERED = "registered", _("已登记"), Colour.GREEN
    REJECTED = "rejected", _("不予登记"), Colour.RED


class ReporterKind(ChoiceSet):
    """Who reported the person's residence or employment to the police (房东、单位申报)."""

    LANDLORD = "landlord", _("房东"), Colour.BLUE
    EMPLOYER = "employer", _("用人单位"), Colour.ORANGE
    PROPERTY = "property", _("物业或中介"), Colour.GRAY


class RatingGrade(ChoiceSet):
    """The five grades of 政务服务“好差评” (国办发〔2019〕51号)."""

    VERY_SATISFIED = "5", _("非常满意"), Colour.GREEN
    SATISFIED = "4", _("满意"), Colour.GREEN
    BASIC = "3", _("基本满意"), Colour.BLUE
    DISSATISFIED = "2", _("不满意"), Colour.ORANGE
    VERY_DISSATISFIED = "1", _("非常不满意"), Colour.RED


class DogLicenceStatus(ChoiceSet):
    """A dog licence (犬只登记) through its parallel steps: police review, then one visit at a pet hospital."""

    SUBMITTED = "submitted", _("待公安审核"), Colour.BLUE
    APPROVED = "approved", _("待宠物医院一次办"), Colour.YELLOW
    LICENSED = "licensed", _("已发证"), Colour.GREEN
    REJECTED = "rejected", _("不予登记"), Colour.RED


class FindingStatus(ChoiceSet):
    """Where an experience officer's finding stands (follows its case)."""

    FILED = "filed", _("已转部门"), Colour.BLUE
    ANSWERED = "answered", _("部门已答复"), Colour.GREEN
    REFUSED = "refused", _("部门不予受理"), Colour.RED


class PhotoUseKind(ChoiceSet):
    """What happened to a person's certified photo (每次使用都留痕)."""

    STORED = "stored", _("存入"), Colour.BLUE
    REUSED = "reused", _("复用"), Colour.GREEN
    VIEWED = "viewed", _("查看"), Colour.GRAY
    REPLACED = "replaced", _("更换"), Colour.ORANGE
