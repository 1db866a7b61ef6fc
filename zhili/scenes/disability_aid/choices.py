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
