"""States and kinds of the 云调解室 scene, with their colours."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class MediationStatus(ChoiceSet):
    """Where a mediation stands: the other party is invited, then mediation runs until it ends one of three ways."""

    INVITED = "invited", _("待对方确认"), Colour.BLUE
    MEDIATING = "mediating", _("调解中"), Colour.ORANGE
    SETTLED = "settled", _("调解成功"), Colour.GREEN
    FAILED = "failed", _("调解不成"), Colour.RED
    WITHDRAWN = "withdrawn", _("已撤回"), Colour.GRAY


OPEN_STATUSES = (MediationStatus.INVITED, MediationStatus.MEDIATING)
OUTCOMES = (MediationStatus.SETTLED, MediationStatus.FAILED, MediationStatus.WITHDRAWN)


class Side(ChoiceSet):
    """The two sides of a labour dispute."""

    WORKER = "worker", _("劳动者"), Colour.GREEN
    EMPLOYER = "employer", _("用人单位"), Colour.BLUE


class Channel(ChoiceSet):
    """Through which door the application came (一站式受理)."""

    WORKER = "worker", _("劳动者在线申请"), Colour.GREEN
    EMPLOYER = "employer", _("用人单位在线申请"), Colour.BLUE
    WALK_IN = "walk_in", _("调解员代为登记（口头申请）"), Colour.GRAY
    REFERRAL = "referral", _("其他场景转入"), Colour.ORANGE


class DisputeType(ChoiceSet):
    """The kind of dispute, as the seed's cases (severance, double wages, work injuries below grade 9...)."""

    WAGES = "wages", _("拖欠劳动报酬"), Colour.RED
    SEVERANCE = "severance", _("经济补偿金"), Colour.ORANGE
    DOUBLE_WAGES = "double_wages", _("未签劳动合同二倍工资"), Colour.YELLOW
    WORK_INJURY = "work_injury", _("工伤待遇"), Colour.GRAY
    SOCIAL_INSURANCE = "social_insurance", _("社会保险"), Colour.BLUE
    OTHER = "other", _("其他劳动争议"), Colour.GRAY


class ClaimKind(ChoiceSet):
    """One claimed item (请求事项) with an amount."""

    WAGES = "wages", _("拖欠工资"), Colour.RED
    OVERTIME = "overtime", _("加班费"), Colour.ORANGE
    SEVERANCE = "severance", _("经济补偿金"), Colour.ORANGE
    DAMAGES = "damages", _("违法解除赔偿金"), Colour.RED
    DOUBLE_WAGES = "double_wages", _("二倍工资差额"), Colour.YELLOW
    INJURY = "injury", _("工伤待遇"), Colour.GRAY
    OTHER = "other", _("其他"), Colour.GRAY


class Session(ChoiceSet):
    """A room's sessions: together, or back to back with one side (背对背)."""

    JOINT = "joint", _("联合调解"), Colour.BLUE
    WORKER = "worker", _("与劳动者单独沟通"), Colour.GREEN
    EMPLOYER = "employer", _("与用人单位单独沟通"), Colour.ORANGE


class AgreementStatus(ChoiceSet):
    """A mediation agreement: being signed, or in effect once both parties and the mediator signed."""

    SIGNING = "signing", _("签署中"), Colour.BLUE
    EFFECTIVE = "effective", _("已生效"), Colour.GREEN
