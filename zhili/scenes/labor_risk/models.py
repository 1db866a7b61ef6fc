"""Monitored enterprises with their current level, and the warnings raised when a level goes up."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel
from zhili.core.indicators.api import Level

from .choices import WarningStatus


class MonitoredEnterprise(TimeStampedModel):
    """An enterprise under watch (监测对象): where it is, its industry, and its current level and score.

    Filled from the market-supervision register (dataset ``lr_enterprises``); the level and score are
    copied from each evaluation so that lists, rankings and the cockpit filter by region and industry.
    """

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("企业名称"), max_length=200)
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在镇街"), on_delete=models.PROTECT,
                               related_name="+")
    industry_code = models.CharField(_("行业门类"), max_length=5, blank=True, db_index=True)
    industry_name = models.CharField(_("行业名称"), max_length=100, blank=True)
    level = models.CharField(_("当前等级"), max_length=20, choices=Level.choices, default=Level.NONE,
                             db_index=True)
    score = models.DecimalField(_("风险得分"), max_digits=9, decimal_places=4, default=0)
    period = models.CharField(_("评估期间"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("监测企业")
        verbose_name_plural = _("监测企业")
        ordering = ["-score", "uscc"]
        indexes = [models.Index(fields=["level", "region"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("labor_risk:profile", args=[self.uscc])

    @property
    def level_choice(self) -> Level:
        return Level(self.level)


class RiskWarning(TimeStampedModel):
    """A warning (预警): an enterprise's level rose in an evaluation; orange and red ones get a case."""

    enterprise = models.ForeignKey(MonitoredEnterprise, verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="warnings")
    period = models.CharField(_("评估期间"), max_length=20)
    old_level = models.CharField(_("原等级"), max_length=20, choices=Level.choices)
    level = models.CharField(_("预警等级"), max_length=20, choices=Level.choices)
    score = models.DecimalField(_("风险得分"), max_digits=9, decimal_places=4, default=0)
    fired = models.JSONField(_("触发指标"), default=list)
    vetoes = models.JSONField(_("否决规则"), default=list)
    run_id = models.BigIntegerField(_("评估批次"), null=True, blank=True)
    status = models.CharField(_("处置状态"), max_length=20, choices=WarningStatus.choices,
                              default=WarningStatus.MONITORING)
    case = models.OneToOneField("cases.Case", verbose_name=_("工单"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("风险预警")
        verbose_name_plural = _("风险预警")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["enterprise", "period", "level"],
                                               name="labor_risk_warning_once_per_period")]

    def __str__(self):
        return f"{self.enterprise.name} {self.period} {self.level}"

    @property
    def level_choice(self) -> Level:
        return Level(self.level)

    @property
    def status_choice(self) -> WarningStatus:
        return WarningStatus(self.status)
