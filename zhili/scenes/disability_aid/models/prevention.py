"""Prevention at the source (致残事故源头治理): disabling accidents pushed to the departments concerned."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel

from ..choices import InjurySource


class InjuryPush(TimeStampedModel):
    """One disabling accident record (a work-injury or traffic-injury assessment) pushed to the department
    concerned; the records of one enterprise (work) or one place (traffic) in a push share one core case."""

    source = models.CharField(_("事故类别"), max_length=8, choices=InjurySource.choices, db_index=True)
    record_id = models.CharField(_("记录编号"), max_length=40)
    person_key = models.CharField(_("人员编码"), max_length=20)
    assessed_on = models.DateField(_("鉴定日期"))
    grade = models.PositiveSmallIntegerField(_("伤残（致残）等级"))
    uscc = models.CharField(_("用人单位统一社会信用代码"), max_length=18, blank=True)
    cause = models.CharField(_("致伤原因"), max_length=40, blank=True)
    place = models.CharField(_("事故地点"), max_length=100, blank=True)
    group = models.CharField(_("推送分组"), max_length=120, help_text=_("企业的统一社会信用代码或事故地点"))
    region = models.ForeignKey("orgs.Region", verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="+")
    pushed_on = models.DateField(_("推送日期"), db_index=True)
    case = models.ForeignKey("cases.Case", verbose_name=_("工单"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")

    class Meta:
        verbose_name = _("致残事故推送")
        verbose_name_plural = _("致残事故推送")
        ordering = ["-pushed_on", "group", "record_id"]
        constraints = [models.UniqueConstraint(fields=["source", "record_id"], name="disability_injury_push_once")]

    def __str__(self):
        return f"{self.get_source_display()} {self.record_id}"
