"""Evaluation runs, each entity's result per period, its current level and the history of its levels."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.models import TimeStampedModel

from .choices import Level, RunStatus


class EvaluationRun(TimeStampedModel):
    """One evaluation of an indicator system for one period on one engine."""

    system_code = models.CharField(_("指标体系"), max_length=80, db_index=True)
    period = models.CharField(_("期间"), max_length=20)
    period_end = models.DateField(_("期末日期"))
    engine = models.CharField(_("计算引擎"), max_length=20)
    status = models.CharField(_("状态"), max_length=20, choices=RunStatus.choices, default=RunStatus.RUNNING)
    entity_count = models.IntegerField(_("主体数"), default=0)
    changed_count = models.IntegerField(_("等级变化数"), default=0)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("评估批次")
        verbose_name_plural = _("评估批次")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.system_code} {self.period}"


class EntityResult(TimeStampedModel):
    """The score and level of one entity in one run, with the explanation: fired indicators, values, rows."""

    run = models.ForeignKey(EvaluationRun, verbose_name=_("评估批次"), on_delete=models.CASCADE,
                            related_name="results")
    system_code = models.CharField(_("指标体系"), max_length=80)
    entity_key = models.CharField(_("主体"), max_length=120)
    period = models.CharField(_("期间"), max_length=20)
    score = models.DecimalField(_("得分"), max_digits=12, decimal_places=6)
    level = models.CharField(_("等级"), max_length=20, choices=Level.choices)
    explanation = models.JSONField(_("说明"), default=dict)

    class Meta:
        verbose_name = _("评估结果")
        verbose_name_plural = _("评估结果")
        indexes = [models.Index(fields=["system_code", "entity_key", "period"])]

    def __str__(self):
        return f"{self.entity_key} {self.period} {self.level}"

    @property
    def level_choice(self) -> Level:
        return Level(self.level)


class EntityLevel(TimeStampedModel):
    """An entity's current level in a system: what its status code shows."""

    system_code = models.CharField(_("指标体系"), max_length=80)
    entity_key = models.CharField(_("主体"), max_length=120)
    level = models.CharField(_("等级"), max_length=20, choices=Level.choices)
    period = models.CharField(_("期间"), max_length=20)
    result = models.ForeignKey(EntityResult, verbose_name=_("评估结果"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("当前等级")
        verbose_name_plural = _("当前等级")
        constraints = [models.UniqueConstraint(fields=["system_code", "entity_key"], name="indicators_level_unique")]

    def __str__(self):
        return f"{self.system_code}:{self.entity_key} {self.level}"

    @property
    def level_choice(self) -> Level:
        return Level(self.level)


class LevelHistory(TimeStampedModel):
    """A change of an entity's level: from which to which, in which period and run."""

    system_code = models.CharField(_("指标体系"), max_length=80)
    entity_key = models.CharField(_("主体"), max_length=120)
    period = models.CharField(_("期间"), max_length=20)
    old_level = models.CharField(_("原等级"), max_length=20, choices=Level.choices)
    new_level = models.CharField(_("新等级"), max_length=20, choices=Level.choices)
    run = models.ForeignKey(EvaluationRun, verbose_name=_("评估批次"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("等级变化")
        verbose_name_plural = _("等级变化")
        ordering = ["system_code", "entity_key", "id"]
        indexes = [models.Index(fields=["system_code", "entity_key", "id"])]

    def __str__(self):
        return f"{self.entity_key} {self.old_level}→{self.new_level}"
