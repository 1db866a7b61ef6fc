"""The evidence ledger: entries (leaves), stored complete subtrees, the head, signed checkpoints and alerts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.models import EqualityIndex, TimeStampedModel

from .choices import AlertCode, AlertLevel, AnchorStatus


class LedgerHead(TimeStampedModel):
    """The single row every append locks: the tree size and its right edge (one hash per set bit of the size)."""

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID)
    tree_size = models.BigIntegerField(_("树大小"), default=0)
    right_edge = models.BinaryField(_("右边缘哈希"), default=b"")

    class Meta:
        verbose_name = _("账本头")
        verbose_name_plural = _("账本头")

    def __str__(self):
        return f"ledger head @ {self.tree_size}"


class LedgerEntry(TimeStampedModel):
    """One evidence record (存证记录): a leaf of the Merkle tree, kept as the canonical JSON that was hashed."""

    index = models.BigIntegerField(_("序号"), primary_key=True)
    leaf_hash = models.BinaryField(_("叶子哈希"), max_length=32)
    record = models.TextField(_("存证原文（规范 JSON）"))
    kind = models.CharField(_("类型"), max_length=80)
    subject_type = models.CharField(_("对象类型"), max_length=120, blank=True)
    subject_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    digest = models.CharField(_("摘要（SHA-256）"), max_length=64)
    actor_label = models.CharField(_("操作人标识"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("存证时间"))

    class Meta:
        verbose_name = _("存证记录")
        verbose_name_plural = _("存证记录")
        ordering = ["index"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "index"], name="ledger_entry_subject"),
                   EqualityIndex(fields=["digest"], name="ledger_entry_digest")]

    def __str__(self):
        return f"#{self.index} {self.kind} {self.subject_type}:{self.subject_id}"


class MerkleNode(models.Model):
    """The hash of one complete subtree: leaves [index·2^level, (index+1)·2^level), written once, never changed.

    Only levels from ``merkle.LOWEST_STORED_LEVEL`` (16 leaves) up are stored, one row per 8 leaves; a lower
    node is computed from the entries' leaf hashes. The key packs level and index (see ``merkle.node_key``) so a
    proof fetches its O(log n) nodes by primary key. It does not inherit TimeStampedModel on purpose: two
    timestamps per row would double the table for data that never changes.
    """

    key = models.BigIntegerField(_("节点键"), primary_key=True)
    level = models.PositiveSmallIntegerField(_("层"))
    index = models.BigIntegerField(_("位置"))
    hash = models.BinaryField(_("哈希"), max_length=32)

    class Meta:
        verbose_name = _("默克尔树节点")
        verbose_name_plural = _("默克尔树节点")

    def __str__(self):
        return f"node({self.level}, {self.index})"


class Checkpoint(TimeStampedModel):
    """A signed statement of the tree at one size (C2SP signed note), anchored by an RFC 3161 time-stamp token."""

    tree_size = models.BigIntegerField(_("树大小"), unique=True)
    root_hash = models.BinaryField(_("根哈希"), max_length=32)
    note = models.TextField(_("签名便笺"))
    timestamp_token = models.BinaryField(_("时间戳令牌（DER）"), null=True, blank=True)
    anchor_status = models.CharField(
        _("锚定状态"), max_length=16, choices=AnchorStatus.choices, default=AnchorStatus.PENDING, db_index=True
    )
    anchored_at = models.DateTimeField(_("锚定时间"), null=True, blank=True)
    anchor_error = models.CharField(_("锚定失败原因"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("检查点")
        verbose_name_plural = _("检查点")
        ordering = ["-tree_size"]

    def __str__(self):
        return f"checkpoint @ {self.tree_size}"


class LedgerAlert(TimeStampedModel):
    """A difference the audit found between the records, the stored tree and the signed checkpoints."""

    level = models.CharField(_("级别"), max_length=16, choices=AlertLevel.choices, default=AlertLevel.RED)
    code = models.CharField(_("问题"), max_length=32, choices=AlertCode.choices)
    message = models.CharField(_("说明"), max_length=500)
    checkpoint = models.ForeignKey(
        Checkpoint, verbose_name=_("检查点"), null=True, blank=True, on_delete=models.PROTECT, related_name="alerts"
    )
    entry_index = models.BigIntegerField(_("记录序号"), null=True, blank=True)
    details = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta:
        verbose_name = _("账本告警")
        verbose_name_plural = _("账本告警")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.get_level_display()} {self.message}"
