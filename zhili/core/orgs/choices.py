from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import ChoiceSet, Colour


class OrganizationKind(ChoiceSet):
    ENTERPRISE = "enterprise", _("企业"), Colour.BLUE
    DEPARTMENT = "department", _("政府部门"), Colour.RED
    BANK = "bank", _("银行"), Colour.GREEN
    OTHER = "other", _("其他组织"), Colour.GRAY


class EnterpriseSize(ChoiceSet):
    """Enterprise size classes of 统计上大中小微型企业划分办法（国统字〔2017〕213号）."""

    LARGE = "large", _("大型"), Colour.RED
    MEDIUM = "medium", _("中型"), Colour.ORANGE
    SMALL = "small", _("小型"), Colour.BLUE
    MICRO = "micro", _("微型"), Colour.GREEN


class OrganizationStatus(ChoiceSet):
    ACTIVE = "active", _("存续"), Colour.GREEN
    ABNORMAL = "abnormal", _("经营异常"), Colour.ORANGE
    DEREGISTERED = "deregistered", _("注销"), Colour.GRAY


class RegionLevel(ChoiceSet):
    PROVINCE = "province", _("省级")
    CITY = "city", _("地级")
    COUNTY = "county", _("县级")
    TOWN = "town", _("乡级")
    VILLAGE = "village", _("村级")
