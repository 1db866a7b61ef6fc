"""Outcomes of a decision, kinds of owners and benefits."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import ChoiceSet, Colour


class Eligibility(ChoiceSet):
    """How a policy came out for one household: eligible, not, or undecided for want of a fact."""

    ELIGIBLE = "eligible", _("符合"), Colour.GREEN
    INELIGIBLE = "ineligible", _("不符合"), Colour.GRAY
    UNDECIDED = "undecided", _("无法判断"), Colour.ORANGE


class OwnerKind(ChoiceSet):
    """Who delivers a policy: a department (政策内) or a social organisation (政策外)."""

    DEPARTMENT = "department", _("部门"), Colour.BLUE
    SOCIAL_ORGANIZATION = "social_organization", _("社会组织"), Colour.GREEN


class BenefitKind(ChoiceSet):
    CASH = "cash", _("现金")
    IN_KIND = "in_kind", _("实物")
    SERVICE = "service", _("服务")
    REDUCTION = "reduction", _("减免")
    SUBSIDY = "subsidy", _("补贴")
    INSURANCE = "insurance", _("保险")


class BenefitPeriod(ChoiceSet):
    MONTH = "month", _("每月")
    YEAR = "year", _("每年")
    ONCE = "once", _("一次性")


class Entity(ChoiceSet):
    HOUSEHOLD = "household", _("家庭")
    PERSON = "person", _("个人")
    ENTERPRISE = "enterprise", _("企业")
