"""One row per job per slot: the record that a periodic job was queued, and the guard against queueing twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicRun(models.Model):
    """A periodic job queued for one slot; the unique (job, slot) pair makes several schedulers safe."""

    job_code = models.CharField(_("任务"), max_length=100)
    slot = models.DateTimeField(_("计划时间"))
    enqueued_at = models.DateTimeField(_("入队时间"), auto_now_add=True)
    task_result_id = models.CharField(_("任务结果编号"), max_length=64, blank=True)
    status = models.CharField(_("入队时状态"), max_length=20, blank=True)
    triggered_by = models.CharField(_("触发人"), max_length=200, blank=True, help_text=_("为空表示按计划触发"))

    class Meta:
        verbose_name = _("定时任务运行")
        verbose_name_plural = _("定时任务运行")
        ordering = ["-slot", "job_code"]
        constraints = [models.UniqueConstraint(fields=["job_code", "slot"], name="jobs_one_run_per_slot")]
        indexes = [models.Index(fields=["job_code", "-slot"], name="jobs_run_latest")]

    def __str__(self):
        return f"{self.job_code} @ {self.slot:%Y-%m-%d %H:%M}"
