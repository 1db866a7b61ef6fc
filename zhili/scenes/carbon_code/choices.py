"""States and kinds of the 碳效码 scene, with their colours."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class EnergyKind(ChoiceSet):
    """A kind of energy an enterprise uses each month, with the unit its dataset rows must carry."""

    GRID_ELECTRICITY = "grid_electricity", _("电网购电（kWh）"), Colour.BLUE
    OWN_GENERATION = "own_generation", _("自发零碳电力（kWh）"), Colour.GREEN
    NATURAL_GAS = "natural_gas", _("天然气（m³）"), Colour.ORANGE
    COAL = "coal", _("煤炭（t）"), Colour.GRAY
    OIL = "oil", _("油品（t）"), Colour.YELLOW
    HEAT = "heat", _("外购热力（GJ）"), Colour.RED


class CarbonLevel(ChoiceSet):
    """碳效水平 from the unit value-added emissions L."""

    LOW = "low", _("低碳"), Colour.GREEN
    MEDIUM = "medium", _("中碳"), Colour.YELLOW
    HIGH = "high", _("高碳"), Colour.RED


class Grade(ChoiceSet):
    """碳效等级 1–5 from the carbon-efficiency value K (1 far below the industry's intensity, 5 far above)."""

    ONE = "1", _("1级"), Colour.GREEN
    TWO = "2", _("2级"), Colour.GREEN
    THREE = "3", _("3级"), Colour.YELLOW
    FOUR = "4", _("4级"), Colour.ORANGE
    FIVE = "5", _("5级"), Colour.RED


class ResultStatus(ChoiceSet):
    """Whether an enterprise's period could be graded, or why not."""

    GRADED = "graded", _("已评价"), Colour.GREEN
    NOT_GRADED = "not_graded", _("无法评价"), Colour.RED


class LoanStatus(ChoiceSet):
    """Where a carbon-efficiency loan application stands."""

    SUBMITTED = "submitted", _("待银行审批"), Colour.BLUE
    APPROVED = "approved", _("已放款"), Colour.GREEN
    REJECTED = "rejected", _("未获批"), Colour.RED
    WITHDRAWN = "withdrawn", _("已撤回"), Colour.GRAY
