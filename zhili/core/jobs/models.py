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


class WorkerHeartbeat(models.Model):
    """The last sign of life of one ``run_worker`` process, and the last database error it recovered from."""

    worker_id = models.CharField(_("进程编号"), max_length=64, unique=True)
    hostname = models.CharField(_("主机"), max_length=200, blank=True)
    pid = models.PositiveIntegerField(_("进程号"), default=0)
    tick_seconds = models.FloatField(_("心跳间隔（秒）"), default=20)
    started_at = models.DateTimeField(_("启动时间"))
    beat_at = models.DateTimeField(_("最近心跳"))
    error_count = models.PositiveIntegerField(_("已恢复的错误次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    last_error_at = models.DateTimeField(_("最近错误时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台进程心跳")
        verbose_name_plural = _("后台进程心跳")
        ordering = ["-beat_at"]

    def __str__(self):
        return f"{self.hostname}:{self.pid} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"
