"""States and categories of the 劳务派遣监管 scene, with their colours."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class LicenceStatus(ChoiceSet):
    """Where a 劳务派遣经营许可证 stands."""

    VALID = "valid", _("有效"), Colour.GREEN
    EXPIRED = "expired", _("已过期"), Colour.ORANGE
    CANCELLED = "cancelled", _("已注销"), Colour.GRAY
    REVOKED = "revoked", _("已吊销"), Colour.RED


class PostNature(ChoiceSet):
    """The three kinds of posts dispatch may fill (LCL Art. 66), and any other post, which it may not."""

    TEMPORARY = "temporary", _("临时性"), Colour.BLUE
    AUXILIARY = "auxiliary", _("辅助性"), Colour.GREEN
    SUBSTITUTE = "substitute", _("替代性"), Colour.YELLOW
    OTHER = "other", _("主营业务岗位"), Colour.RED


class InsuranceStatus(ChoiceSet):
    """A dispatched worker's social insurance as the agency reports it."""

    PAID = "paid", _("正常参保"), Colour.GREEN
    ARREARS = "arrears", _("欠缴"), Colour.ORANGE
    NONE = "none", _("未参保"), Colour.RED


class WorkerStatus(ChoiceSet):
    ACTIVE = "active", _("派遣中"), Colour.BLUE
    ENDED = "ended", _("已退回"), Colour.GRAY


class ReportStatus(ChoiceSet):
    """An annual report: submitted by the agency, then verified by an officer."""

    SUBMITTED = "submitted", _("待核验"), Colour.BLUE
    VERIFIED = "verified", _("已核验"), Colour.GREEN


class Verdict(ChoiceSet):
    """The verification result (local practice, labor.md §3.3: no national enumeration was found)."""

    QUALIFIED = "qualified", _("合格"), Colour.GREEN
    UNQUALIFIED = "unqualified", _("不合格"), Colour.RED
    NO_BUSINESS = "no_business", _("无业务"), Colour.GRAY


class CreditGrade(ChoiceSet):
    """The five grades of the 2025 national guide (人社厅发〔2025〕6号, labor.md §3.4)."""

    A_PLUS = "A+", _("A+（优秀）"), Colour.GREEN
    A = "A", _("A（良好）"), Colour.BLUE
    B = "B", _("B（合格）"), Colour.YELLOW
    C = "C", _("C（较差）"), Colour.ORANGE
    D = "D", _("D（差）"), Colour.RED


class HoursKind(ChoiceSet):
    """Special working-hour systems that need the labour bureau's approval (WH-503 Arts. 4–5)."""

    COMPREHENSIVE = "comprehensive", _("综合计算工时工作制"), Colour.BLUE
    FLEXIBLE = "flexible", _("不定时工作制"), Colour.YELLOW


class HoursCycle(ChoiceSet):
    WEEK = "week", _("周"), Colour.GRAY
    MONTH = "month", _("月"), Colour.GRAY
    QUARTER = "quarter", _("季"), Colour.GRAY
    YEAR = "year", _("年"), Colour.GRAY


class HoursStatus(ChoiceSet):
    SUBMITTED = "submitted", _("待审批"), Colour.BLUE
    APPROVED = "approved", _("已批准"), Colour.GREEN
    REJECTED = "rejected", _("不予批准"), Colour.RED


class WarningStatus(ChoiceSet):
    OPEN = "open", _("待处置"), Colour.ORANGE
    CASE_OPEN = "case_open", _("已立案处置"), Colour.BLUE
    CLOSED = "closed", _("已办结"), Colour.GREEN


class ChangeStatus(ChoiceSet):
    SUBMITTED = "submitted", _("待审核"), Colour.BLUE
    APPROVED = "approved", _("已准予变更"), Colour.GREEN
    REJECTED = "rejected", _("不予变更"), Colour.RED
