"""Analytics storage any scene can use: fact-table state, index readings with their level, and observations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.models import TimeStampedModel

from .choices import IndexLevel


class FactTableState(TimeStampedModel):
    """Where a declared fact table stands: dirty since when, last refreshed when, how many rows, which version.

    The facts themselves live in a Parquet file under ``VAR_DIR/dashboards/facts/`` (read by DuckDB through
    Ibis) and, on PostgreSQL, in a mirror table ``dashboards_facts_<code>``; ``version`` grows with every
    refresh so that cached aggregates can name the facts they were computed from.
    """

    code = models.CharField(_("事实表"), max_length=64, unique=True)
    dirty = models.BooleanField(_("待刷新"), default=False)
    dirty_since = models.DateTimeField(_("待刷新起始时间"), null=True, blank=True)
    refreshed_at = models.DateTimeField(_("最近刷新时间"), null=True, blank=True)
    watermark = models.DateTimeField(_("已处理至"), null=True, blank=True,
                                     help_text=_("增量刷新从此时间之后变更的源记录开始"))
    row_count = models.PositiveIntegerField(_("行数"), default=0)
    version = models.PositiveIntegerField(_("版本"), default=0)
    refresh_seconds = models.FloatField(_("刷新耗时（秒）"), default=0)

    class Meta:
        verbose_name = _("事实表状态")
        verbose_name_plural = _("事实表状态")

    def __str__(self):
        return f"{self.code} v{self.version}"


class IndexReading(TimeStampedModel):
    """The latest graded value of one index in one scope (a region, an industry...), kept to warn on change."""

    code = models.CharField(_("指数"), max_length=64)
    scope_key = models.CharField(_("范围"), max_length=120, help_text=_("例如 region:330182001000"))
    scope_label = models.CharField(_("范围名称"), max_length=120, blank=True)
    value = models.FloatField(_("数值"), null=True, blank=True)
    level = models.CharField(_("等级"), max_length=16, choices=IndexLevel.choices, default=IndexLevel.NO_DATA)
    reference = models.CharField(_("阈值依据"), max_length=300, blank=True)
    evaluated_at = models.DateTimeField(_("评估时间"))
    warned_at = models.DateTimeField(_("最近预警时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("指数读数")
        verbose_name_plural = _("指数读数")
        constraints = [models.UniqueConstraint(fields=["code", "scope_key"], name="dashboards_one_reading_per_scope")]

    def __str__(self):
        return f"{self.code} {self.scope_key} {self.level}"


class Observation(TimeStampedModel):
    """One counted occurrence fed by another scene through a core event (a complaint, a dispute...).

    Only what an aggregate needs is kept: the stream, the day, the employer and its region and industry.
    ``source_key`` (event name + the publisher's id) makes a repeated event count once.
    """

    stream = models.CharField(_("统计口径"), max_length=64, db_index=True)
    occurred_on = models.DateField(_("发生日期"), db_index=True)
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("单位"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    region = models.ForeignKey("orgs.Region", verbose_name=_("区划"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    source_key = models.CharField(_("来源键"), max_length=160, unique=True)

    class Meta:
        verbose_name = _("统计观测")
        verbose_name_plural = _("统计观测")

    def __str__(self):
        return f"{self.stream} {self.occurred_on}"
