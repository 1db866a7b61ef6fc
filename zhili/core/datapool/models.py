"""Batches with their lineage, the bad rows they reported, and the stored rows of every dataset."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.models import TimeStampedModel

from .choices import BatchStatus, SourceKind


class Batch(TimeStampedModel):
    """One load of data into a dataset, with where it came from and what became of its rows (血缘)."""

    dataset_code = models.CharField(_("数据集"), max_length=80, db_index=True)
    source_kind = models.CharField(_("来源方式"), max_length=20, choices=SourceKind.choices)
    source_name = models.CharField(_("来源"), max_length=500, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.RUNNING)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    loaded_by_label = models.CharField(_("导入人标识"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    checksum = models.CharField(_("SHA-256 校验值"), max_length=64, blank=True)
    size_bytes = models.BigIntegerField(_("字节数"), default=0)
    rows_received = models.BigIntegerField(_("收到行数"), default=0)
    rows_accepted = models.BigIntegerField(_("接受行数"), default=0)
    rows_rejected = models.BigIntegerField(_("拒绝行数"), default=0)
    progress_rows = models.BigIntegerField(_("已处理行数"), default=0)
    failure_reason = models.TextField(_("失败原因"), blank=True)

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.dataset_code} #{self.pk}"

    def get_absolute_url(self):
        return reverse("datapool:batch_detail", args=[self.pk])

    @property
    def status_choice(self) -> BatchStatus:
        return BatchStatus(self.status)


class BatchError(TimeStampedModel):
    """One rule a row of a batch broke: line number, field, rule and the value given."""

    batch = models.ForeignKey(Batch, verbose_name=_("批次"), on_delete=models.CASCADE, related_name="errors")
    line = models.BigIntegerField(_("行号"))
    field = models.CharField(_("字段"), max_length=100, blank=True)
    rule = models.CharField(_("规则"), max_length=200)
    value = models.CharField(_("值"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("错误行")
        verbose_name_plural = _("错误行")
        ordering = ["batch", "line", "id"]

    def __str__(self):
        return f"{self.line} {self.field} {self.rule}"


class DatasetRow(models.Model):
    """One stored row of a dataset, found by its key and knowing the batch that last wrote it.

    All datasets share this table; ``data`` holds the typed values (jsonb on PostgreSQL). The batch
    reference has no database constraint because batches are never deleted and the bulk merge of a
    ten-million-row batch should not check it row by row.
    """

    dataset_code = models.CharField(_("数据集"), max_length=80)
    key = models.TextField(_("主键"))
    data = models.JSONField(_("数据"))
    batch = models.ForeignKey(
        Batch, verbose_name=_("批次"), on_delete=models.DO_NOTHING, related_name="+", db_constraint=False,
        db_index=False,
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("数据行")
        verbose_name_plural = _("数据行")
        constraints = [models.UniqueConstraint(fields=["dataset_code", "key"], name="datapool_row_unique_key")]

    def __str__(self):
        return f"{self.dataset_code}:{self.key}"


class StagedRow(models.Model):
    """A validated row waiting in the staging area until its whole batch is merged in one transaction.

    Unlogged on PostgreSQL (see the migration): staged rows are scratch data, emptied after every batch.
    """

    batch_id = models.BigIntegerField(_("批次"), db_index=True)
    line = models.BigIntegerField(_("行号"))
    key = models.TextField(_("主键"))
    data = models.JSONField(_("数据"))

    class Meta:
        verbose_name = _("暂存行")
        verbose_name_plural = _("暂存行")

    def __str__(self):
        return f"{self.batch_id}:{self.line}"
