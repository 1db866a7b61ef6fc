"""Policies officers keep in the database (政策外帮扶 mostly), beside those scenes declare in code and YAML."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.models import TimeStampedModel

from .choices import BenefitKind, BenefitPeriod, Entity, OwnerKind
from .declarations import Benefit, Condition, Policy, Source


class OfficerPolicy(TimeStampedModel):
    """A policy added or edited by an officer in the admin or by XLSX import, checked like a declared one.

    ``conditions`` is a list of ``{"label", "test", "reference"}``; each test is a text in the condition
    language of its domain, parsed and type-checked before the policy is saved.
    """

    domain = models.CharField(_("政策领域"), max_length=80)
    code = models.CharField(_("政策编码"), max_length=80)
    name = models.CharField(_("政策名称"), max_length=200)
    owner = models.CharField(_("主办单位"), max_length=200)
    owner_kind = models.CharField(_("主办方类型"), max_length=30, choices=OwnerKind.choices,
                                  default=OwnerKind.SOCIAL_ORGANIZATION)
    in_statute = models.BooleanField(_("政策内"), default=False)
    category = models.CharField(_("帮扶类别"), max_length=40, blank=True)
    entity = models.CharField(_("对象"), max_length=20, choices=Entity.choices, default=Entity.HOUSEHOLD)
    benefit_kind = models.CharField(_("待遇类型"), max_length=20, choices=BenefitKind.choices,
                                    default=BenefitKind.SERVICE)
    benefit_amount = models.CharField(_("待遇金额（元，可为公式）"), max_length=500, blank=True)
    benefit_period = models.CharField(_("待遇周期"), max_length=10, choices=BenefitPeriod.choices,
                                      default=BenefitPeriod.ONCE)
    benefit_description = models.CharField(_("待遇说明"), max_length=500, blank=True)
    conditions = models.JSONField(_("条件"), default=list)
    materials = models.JSONField(_("所需材料"), default=list, blank=True)
    office = models.CharField(_("经办机构"), max_length=200, blank=True)
    deadline_days = models.PositiveIntegerField(_("办理时限（工作日）"), null=True, blank=True)
    reference = models.CharField(_("依据"), max_length=500)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    description = models.TextField(_("说明"), blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("部门维护的政策")
        verbose_name_plural = _("部门维护的政策")
        ordering = ["domain", "code"]
        constraints = [models.UniqueConstraint(fields=["domain", "code"], name="policy_officer_domain_code")]

    def __str__(self):
        return f"{self.name}（{self.code}）"

    def get_absolute_url(self):
        return reverse("policy:policy_detail", args=[self.domain, self.code])

    def to_policy(self, source: Source | None = None) -> Policy:
        """The declaration this row stands for (not yet checked against its domain)."""
        return Policy(
            code=self.code, name=self.name, owner=self.owner, owner_kind=self.owner_kind,
            effective_from=_date(self.effective_from), effective_to=_date(self.effective_to),
            conditions=tuple(Condition(c.get("label", ""), c.get("test", ""), c.get("reference", ""),
                                       source=source or Source("admin", self.pk or 0))
                             for c in self.conditions or ()),
            reference=self.reference, entity=self.entity, in_statute=self.in_statute, category=self.category,
            benefit=Benefit(self.benefit_kind, self.benefit_amount, self.benefit_period, self.benefit_description),
            materials=tuple(self.materials or ()), office=self.office, deadline_days=self.deadline_days,
            description=self.description, source=source or Source("admin", self.pk or 0))


def _date(value):
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value
