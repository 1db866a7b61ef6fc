from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import ChoiceSet, Colour


class OrganizationKind(ChoiceSet):
    """What kind of body an organisation is; the general kinds every scene may need, so none adds a migration.

    Enterprises carry a USCC (统一社会信用代码); every other kind may. A labour-dispatch agency is an enterprise
    with ``is_dispatch_agency``.
    """

    ENTERPRISE = "enterprise", _("企业"), Colour.BLUE
    DEPARTMENT = "department", _("政府部门"), Colour.RED
    BANK = "bank", _("银行"), Colour.GREEN
    INSTITUTION = "institution", _("事业单位"), Colour.BLUE
    MEDICAL = "medical", _("医疗卫生机构"), Colour.GREEN
    SOCIAL_ORG = "social_org", _("社会组织"), Colour.YELLOW
    MASS_ORG = "mass_org", _("群团组织"), Colour.ORANGE
    COOPERATIVE = "cooperative", _("农民专业合作社"), Colour.GREEN
    COMMUNITY = "community", _("村（居）民委员会"), Colour.YELLOW
    MEDIATION_ORG = "mediation_org", _("调解组织"), Colour.YELLOW
    LIAISON_STATION = "liaison_station", _("代表联络站"), Colour.RED
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
