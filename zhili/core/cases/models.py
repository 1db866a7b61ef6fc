"""Cases (工单), their timelines, attachments, assignment rules and daily number counters."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.models import OrgScopedModel, TimeStampedModel

from .choices import EventAction, Priority


class Case(OrgScopedModel):
    """One matter handled in a closed loop: who owns it, who handles it, where it stands, when it is due.

    ``organization`` (from OrgScopedModel) is the owning office (承办单位). ``subject`` points at whatever
    the case is about (an enterprise, a warning, a contract). ``state`` is a value of the case type's states.
    """

    case_type = models.CharField(_("工单类型"), max_length=64, db_index=True)
    number = models.CharField(_("工单编号"), max_length=20, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    description = models.TextField(_("诉求内容"), blank=True)
    subject_type = models.ForeignKey("contenttypes.ContentType", verbose_name=_("关联对象类型"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(_("关联对象编号"), max_length=64, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所属区划"), on_delete=models.PROTECT,
                               related_name="cases")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="assigned_cases")
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("督办人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="supervised_cases")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("诉求人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="requested_cases")
    priority = models.CharField(_("紧急程度"), max_length=16, choices=Priority.choices, default=Priority.NORMAL)
    state = models.CharField(_("状态"), max_length=32, db_index=True)
    state_entered_at = models.DateTimeField(_("进入当前状态时间"), default=timezone.now)
    due_at = models.DateTimeField(_("当前环节期限"), null=True, blank=True, db_index=True)
    reminded_at = models.DateTimeField(_("超期提醒时间"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("升级督办时间"), null=True, blank=True)
    supervision_note = models.TextField(_("督办意见"), blank=True)
    result = models.TextField(_("处置结果"), blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    rating_comment = models.TextField(_("评价意见"), blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("工单")
        verbose_name_plural = _("工单")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["case_type", "state"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                                   name="case_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("cases:detail", args=[self.number])

    @property
    def type(self):
        from .registry import get_case_type

        return get_case_type(self.case_type)

    @property
    def state_label(self):
        return self.type.state(self.state).label

    @property
    def state_colour(self):
        return self.type.state(self.state).colour

    @property
    def is_closed(self) -> bool:
        return self.type.is_final(self.state)

    def is_overdue(self, now=None) -> bool:
        return not self.is_closed and self.due_at is not None and self.due_at < (now or timezone.now())


class CaseEvent(TimeStampedModel):
    """One entry of a case's timeline: a step, a comment, a reminder, a rating — who, when, what."""

    case = models.ForeignKey(Case, verbose_name=_("工单"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("动作"), max_length=16, choices=EventAction.choices)
    transition = models.CharField(_("流转"), max_length=64, blank=True)
    from_state = models.CharField(_("原状态"), max_length=32, blank=True)
    to_state = models.CharField(_("新状态"), max_length=32, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("意见"), blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)

    class Meta:
        verbose_name = _("工单记录")
        verbose_name_plural = _("工单记录")
        ordering = ["id"]

    def __str__(self):
        return f"{self.case.number} {self.get_action_display()} {self.transition}"


class CaseAttachment(TimeStampedModel):
    """A file attached to a case, with its SHA-256 so that evidence can be checked later."""

    case = models.ForeignKey(Case, verbose_name=_("工单"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="cases/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("工单附件")
        verbose_name_plural = _("工单附件")
        ordering = ["id"]

    def __str__(self):
        return self.name


class AssignmentRule(TimeStampedModel):
    """Which office (and optionally which officer and supervisor) gets cases of a type in a region.

    The most specific region wins (a town's rule over its county's); an empty ``case_type`` matches every type.
    """

    case_type = models.CharField(_("工单类型"), max_length=64, blank=True, db_index=True,
                                 help_text=_("留空表示适用于所有类型"))
    region = models.ForeignKey("orgs.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("承办单位"), on_delete=models.PROTECT,
                                     related_name="+")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("督办人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("顺序"), default=100)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("分派规则")
        verbose_name_plural = _("分派规则")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.case_type or '*'} · {self.region} → {self.organization}"


class CaseNumberCounter(TimeStampedModel):
    """The last case number used on one day, so that numbers (AJ20261123-0001) are unique and gapless."""

    day = models.DateField(_("日期"), unique=True)
    last = models.PositiveIntegerField(_("最后序号"), default=0)

    class Meta:
        verbose_name = _("工单编号计数")
        verbose_name_plural = _("工单编号计数")

    def __str__(self):
        return f"{self.day:%Y%m%d} #{self.last}"
