"""States, categories and grades of the 智慧助残 scene, with their colours."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class Category(ChoiceSet):
    """残疾类别 (GB/T 26341-2010); the value is the digit the certificate number carries (19th character)."""

    VISUAL = "1", _("视力残疾"), Colour.BLUE
    HEARING = "2", _("听力残疾"), Colour.BLUE
    SPEECH = "3", _("言语残疾"), Colour.BLUE
    PHYSICAL = "4", _("肢体残疾"), Colour.BLUE
    INTELLECTUAL = "5", _("智力残疾"), Colour.BLUE
    MENTAL = "6", _("精神残疾"), Colour.BLUE
    MULTIPLE = "7", _("多重残疾"), Colour.BLUE


class Grade(ChoiceSet):
    """残疾等级 (GB/T 26341-2010): 1 and 2 are severe (重度), 3 moderate, 4 mild; the 20th character."""

    ONE = "1", _("一级"), Colour.RED
    TWO = "2", _("二级"), Colour.ORANGE
    THREE = "3", _("三级"), Colour.YELLOW
    FOUR = "4", _("四级"), Colour.GREEN


class Source(ChoiceSet):
    """Where the evidence of a suspected disability comes from."""

    WORK_INJURY = "work_injury", _("工伤劳动能力鉴定"), Colour.ORANGE
    TRAFFIC_INJURY = "traffic_injury", _("交通事故伤残鉴定"), Colour.ORANGE
    DIAGNOSIS = "diagnosis", _("出院或慢病诊断"), Colour.BLUE


class SuspectStatus(ChoiceSet):
    """Where a suspected case stands: found, visited, assessed, then certified or closed without a certificate."""

    DETECTED = "detected", _("待入户核查"), Colour.BLUE
    VISITED = "visited", _("已入户核查"), Colour.YELLOW
    APPLIED = "applied", _("待评定"), Colour.ORANGE
    CERTIFIED = "certified", _("已发证"), Colour.GREEN
    NOT_DISABLED = "not_disabled", _("未达残疾标准"), Colour.GRAY
    DECLINED = "declined", _("本人不申请"), Colour.GRAY


class ApplicationStatus(ChoiceSet):
    """An assessment application (评残申请): booked at a designated hospital, then assessed."""

    BOOKED = "booked", _("已预约评定"), Colour.BLUE
    ASSESSED = "assessed", _("已评定"), Colour.GREEN
    NOT_DISABLED = "not_disabled", _("未达残疾标准"), Colour.GRAY


class CertificateStatus(ChoiceSet):
    """A disability certificate record: in force, or ended (death, move out, re-assessment)."""

    ACTIVE = "active", _("有效"), Colour.GREEN
    ENDED = "ended", _("已注销"), Colour.GRAY


class EntitlementStatus(ChoiceSet):
    """A person's entitlement to one subsidy: paid monthly while active, stopped with its reason."""

    ACTIVE = "active", _("享受中"), Colour.GREEN
    STOPPED = "stopped", _("已停发"), Colour.GRAY


class StopReason(ChoiceSet):
    """Why an entitlement stopped (国发〔2015〕52号: 补贴实行动态管理)."""

    DIED = "died", _("死亡"), Colour.GRAY
    MOVED = "moved", _("户籍迁出"), Colour.ORANGE
    LEFT_ASSISTANCE = "left_assistance", _("退出低保或低边"), Colour.YELLOW
    CERTIFICATE = "certificate", _("残疾人证失效或等级变化"), Colour.YELLOW


class RunStatus(ChoiceSet):
    """A monthly payment run: prepared, approved once, approved twice (then the payment file may be drawn)."""

    PREPARED = "prepared", _("待审核"), Colour.BLUE
    FIRST_APPROVED = "first_approved", _("待复核"), Colour.ORANGE
    APPROVED = "approved", _("已复核，可发放"), Colour.GREEN


class RecoveryStatus(ChoiceSet):
    """Money paid for months after an entitlement ended, to be recovered (追回)."""

    PENDING = "pending", _("待追回"), Colour.RED
    RECOVERED = "recovered", _("已追回"), Colour.GREEN


POLICY_LABELS = {"living_subsidy": _("困难残疾人生活补贴"), "nursing_subsidy": _("重度残疾人护理补贴")}


class ServiceKind(ChoiceSet):
    """What the federation or its partners did for a person (一人一档's services), assistive devices included."""

    REHABILITATION = "rehabilitation", _("康复服务"), Colour.BLUE
    DEVICE = "device", _("辅助器具适配"), Colour.BLUE
    CARE = "care", _("托养照护"), Colour.BLUE
    HOME = "home", _("上门服务"), Colour.BLUE
    TRAINING = "training", _("职业技能培训"), Colour.BLUE
    OTHER = "other", _("其他服务"), Colour.GRAY


class EmploymentForm(ChoiceSet):
    """How a person is employed (残疾人就业形式)."""

    QUOTA = "quota", _("按比例就业"), Colour.GREEN
    CONCENTRATED = "concentrated", _("集中就业"), Colour.GREEN
    SELF = "self", _("个体就业"), Colour.GREEN
    PUBLIC_WELFARE = "public_welfare", _("公益性岗位"), Colour.GREEN
    SUPPORTED = "supported", _("辅助性就业"), Colour.GREEN


class Mark(ChoiceSet):
    """The person's satisfaction mark (笑脸): three faces."""

    SATISFIED = "3", _("满意"), Colour.GREEN
    NEUTRAL = "2", _("基本满意"), Colour.YELLOW
    UNSATISFIED = "1", _("不满意"), Colour.RED


class SeekerStatus(ChoiceSet):
    """A job seeker's registration (求职登记): looking, placed in a job, or withdrawn by the person."""

    ACTIVE = "active", _("求职中"), Colour.BLUE
    PLACED = "placed", _("已就业"), Colour.GREEN
    WITHDRAWN = "withdrawn", _("已撤回"), Colour.GRAY


class PostingStatus(ChoiceSet):
    """A vacancy (岗位): open, filled or closed by the employer."""

    OPEN = "open", _("招聘中"), Colour.GREEN
    FILLED = "filled", _("已招满"), Colour.BLUE
    CLOSED = "closed", _("已关闭"), Colour.GRAY


class PlacementStatus(ChoiceSet):
    """A recommendation of a seeker to a vacancy (推荐就业) and its outcome."""

    RECOMMENDED = "recommended", _("已推荐"), Colour.BLUE
    INTERESTED = "interested", _("本人有意向"), Colour.ORANGE
    HIRED = "hired", _("已录用"), Colour.GREEN
    DECLINED = "declined", _("未录用"), Colour.GRAY


class EnrolmentStatus(ChoiceSet):
    """A person's place on a training course (职业技能培训)."""

    ENROLLED = "enrolled", _("在训"), Colour.BLUE
    COMPLETED = "completed", _("已结业"), Colour.GREEN
    DROPPED = "dropped", _("已退训"), Colour.GRAY


class QuotaStatus(ChoiceSet):
    """An employer's quota review for a year (按比例安排就业年审): met, short (fund due), exempt."""

    MET = "met", _("已达比例"), Colour.GREEN
    REDUCED = "reduced", _("未达比例（减缴）"), Colour.YELLOW
    SHORT = "short", _("未达比例"), Colour.RED
    EXEMPT = "exempt", _("暂免征收"), Colour.BLUE


class InjurySource(ChoiceSet):
    """Where a disabling accident's record comes from (致残事故源头治理)."""

    WORK = "work", _("工伤事故"), Colour.ORANGE
    TRAFFIC = "traffic", _("交通事故"), Colour.RED
