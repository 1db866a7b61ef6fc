"""States, classes and colours of the 浙农补 scene."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class SubsidyType(ChoiceSet):
    """The subsidy types a round pays; each has its per-mu amount as a dated parameter in ``policies.py``."""

    ARABLE_PROTECTION = "arable_protection", _("耕地地力保护补贴"), Colour.GREEN
    SCALE_GRAIN = "scale_grain", _("规模种粮补贴"), Colour.BLUE


class LandUse(ChoiceSet):
    """What an aerial survey or a field check found on a plot (图斑属性: 粮 / 非粮 / 非农 / 撂荒 and the excluded uses)."""

    GRAIN = "grain", _("种粮"), Colour.GREEN
    NON_GRAIN = "non_grain", _("非粮（农业）"), Colour.YELLOW
    SEASONAL_ABANDONED = "seasonal", _("季节性撂荒"), Colour.YELLOW
    PERENNIAL_ABANDONED = "perennial", _("常年撂荒"), Colour.RED
    NON_AGRICULTURAL = "non_agri", _("非农化"), Colour.RED
    LIVESTOCK = "livestock", _("畜牧养殖场"), Colour.RED
    FOREST = "forest", _("林地"), Colour.RED
    FACILITY = "facility", _("设施农业用地"), Colour.RED
    UNSURVEYED = "unsurveyed", _("未监测"), Colour.GRAY


class WarningColour(ChoiceSet):
    """The three-colour warning on a pre-verified plot: green pays, yellow is checked by hand, red is blocked."""

    GREEN = "green", _("绿色"), Colour.GREEN
    YELLOW = "yellow", _("黄色"), Colour.YELLOW
    RED = "red", _("红色"), Colour.RED


class SubsidyRight(ChoiceSet):
    """Who holds the subsidy right of a transferred plot (流转后补贴归属)."""

    CONTRACTOR = "contractor", _("归承包户"), Colour.BLUE
    OPERATOR = "operator", _("归经营者"), Colour.GREEN


class RoundStatus(ChoiceSet):
    """Where a year's round of one subsidy type stands."""

    DRAFT = "draft", _("待预核定"), Colour.GRAY
    PRE_VERIFIED = "pre_verified", _("已预核定"), Colour.BLUE
    CLOSED = "closed", _("已结束"), Colour.GREEN


class LineStatus(ChoiceSet):
    """Where one pre-verified plot stands in the claim: offered, claimed, audited, paid."""

    OFFERED = "offered", _("待确认"), Colour.BLUE
    BLOCKED = "blocked", _("不予申领"), Colour.RED
    CLAIMED = "claimed", _("已申领"), Colour.BLUE
    PASSED = "passed", _("审核通过"), Colour.GREEN
    HELD = "held", _("暂缓发放（人工核查）"), Colour.YELLOW
    EXCLUDED = "excluded", _("审核不通过"), Colour.RED
    IN_FILE = "in_file", _("发放中"), Colour.ORANGE
    PAID = "paid", _("已到账"), Colour.GREEN


class ClaimStatus(ChoiceSet):
    """Where a farmer's claim for one round stands."""

    SUBMITTED = "submitted", _("待审核"), Colour.BLUE
    AUDITED = "audited", _("已审核"), Colour.BLUE
    PAID = "paid", _("已到账"), Colour.GREEN


class PaymentFileStatus(ChoiceSet):
    """The day's 一卡通 payment file: made by a clerk, approved twice, then paid."""

    MADE = "made", _("待初审"), Colour.BLUE
    FIRST_APPROVED = "first_approved", _("待复审"), Colour.YELLOW
    PAID = "paid", _("已发放"), Colour.GREEN
