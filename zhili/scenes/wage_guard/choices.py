"""States of the 安薪在线 scene, with their colours."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class ProjectStatus(ChoiceSet):
    """Where a project stands, from its construction permit to the closing of its special account."""

    UNDER_CONSTRUCTION = "building", _("在建"), Colour.BLUE
    SUSPENDED = "suspended", _("停工"), Colour.ORANGE
    COMPLETED = "completed", _("竣工"), Colour.GREEN
    CLOSED = "closed", _("已销户"), Colour.GRAY


class DepositForm(ChoiceSet):
    """How the wage guarantee deposit is held (人社部发〔2021〕65号: cash or a bank guarantee)."""

    CASH = "cash", _("现金存储"), Colour.BLUE
    BANK_GUARANTEE = "guarantee", _("银行保函"), Colour.GREEN
    EXEMPT = "exempt", _("免缴"), Colour.GRAY


class TransactionKind(ChoiceSet):
    """A movement on the wage special account."""

    LABOR_COST = "labor_cost", _("人工费用拨付"), Colour.GREEN
    WAGE_PAID = "wage_paid", _("工资代发"), Colour.BLUE
    CLOSURE = "closure", _("销户余额转出"), Colour.GRAY


class PunchSource(ChoiceSet):
    """Where an attendance punch came from."""

    DEVICE = "device", _("考勤机导入"), Colour.BLUE
    QR = "qr", _("扫码打卡"), Colour.GREEN


class SheetStatus(ChoiceSet):
    """A monthly wage sheet: drafted by the team, issued to the workers for confirmation, then paid."""

    DRAFT = "draft", _("编制中"), Colour.GRAY
    ISSUED = "issued", _("待确认"), Colour.BLUE
    PAYING = "paying", _("代发中"), Colour.ORANGE
    PAID = "paid", _("已发放"), Colour.GREEN


class LineStatus(ChoiceSet):
    """A worker's line of a wage sheet."""

    DRAFT = "draft", _("未下发"), Colour.GRAY
    PENDING = "pending", _("待确认"), Colour.BLUE
    CONFIRMED = "confirmed", _("已确认"), Colour.GREEN
    DISPUTED = "disputed", _("有异议"), Colour.RED


class PaymentStatus(ChoiceSet):
    """A line of a bank payment batch (批量代发)."""

    SENT = "sent", _("已提交银行"), Colour.BLUE
    PAID = "paid", _("代发成功"), Colour.GREEN
    FAILED = "failed", _("代发失败"), Colour.RED


class BatchStatus(ChoiceSet):
    """A bank payment batch: its file produced, then the bank's return file reconciled."""

    SENT = "sent", _("待回盘"), Colour.BLUE
    RECONCILED = "reconciled", _("已对账"), Colour.GREEN


class FindingKind(ChoiceSet):
    """What a check found on a project (the warning model's own indicators)."""

    BALANCE_SHORT = "balance_short", _("专用账户余额不足以支付当月工资"), Colour.RED
    LABOR_COST_LATE = "labor_cost_late", _("人工费用逾期未拨付"), Colour.ORANGE
    BELOW_MINIMUM = "below_minimum", _("工资低于最低工资标准"), Colour.RED
    LATE_PAY = "late_pay", _("逾期未发放工资"), Colour.RED
    ATTENDANCE_UNPAID = "attendance_unpaid", _("有考勤未列入工资表"), Colour.ORANGE
    PAID_UNATTENDED = "paid_unattended", _("无考勤却列入工资表"), Colour.YELLOW
    NO_CONTRACT = "no_contract", _("在册工人未签劳动合同"), Colour.ORANGE


class ComplaintChannel(ChoiceSet):
    """Where a complaint came in (一窗受理 for every channel)."""

    QR = "qr", _("安薪码扫码"), Colour.GREEN
    HOTLINE = "hotline", _("12333 热线"), Colour.BLUE
    WINDOW = "window", _("窗口来访"), Colour.ORANGE
    ONLINE = "online", _("网上投诉"), Colour.BLUE


class CreditLevel(ChoiceSet):
    """The five-level labour-security credit of an enterprise (浙江 multi-level scale over the national A/B/C)."""

    AAA = "AAA", _("诚信（AAA）"), Colour.GREEN
    AA = "AA", _("较诚信（AA）"), Colour.GREEN
    A = "A", _("一般（A）"), Colour.BLUE
    B = "B", _("较差（B）"), Colour.ORANGE
    C = "C", _("失信（C）"), Colour.RED
