"""Models of the 政策咨询机器人 scene: official texts and their articles, the knowledge base, consultations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel

from .choices import EntryKind, EntryStatus, Outcome, QueueStatus, TextStatus, Topic


class LawText(TimeStampedModel):
    """One version of an official text (法律、法规、规章) an operator loaded; a new version supersedes the old."""

    title = models.CharField(_("标题"), max_length=200)
    short_title = models.CharField(_("简称"), max_length=100, db_index=True,
                                   help_text=_("引用时使用的名称，如「劳动合同法」"))
    version = models.PositiveIntegerField(_("版本"), default=1)
    status = models.CharField(_("状态"), max_length=16, choices=TextStatus.choices, default=TextStatus.CURRENT,
                              db_index=True)
    promulgated_on = models.DateField(_("公布（修正）日期"), null=True, blank=True)
    effective_from = models.DateField(_("施行日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    header = models.TextField(_("题注"), blank=True)
    source_name = models.CharField(_("来源文件"), max_length=200)
    source_format = models.CharField(_("文件格式"), max_length=8)
    digest = models.CharField(_("文件摘要（SHA-256）"), max_length=64)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("法规文本")
        verbose_name_plural = _("法规文本")
        ordering = ["short_title", "-version"]
        constraints = [models.UniqueConstraint(fields=["short_title", "version"], name="policy_qa_text_version")]

    def __str__(self):
        return f"{self.title}（第{self.version}版）"


class Article(models.Model):
    """One article (条) of a text, numbered as in the text: 第八十二条, 第二百七十六条之一."""

    law = models.ForeignKey(LawText, verbose_name=_("法规文本"), on_delete=models.CASCADE, related_name="articles")
    ordinal = models.PositiveIntegerField(_("顺序"))
    number = models.PositiveIntegerField(_("条号"))
    suffix = models.PositiveSmallIntegerField(_("之几"), default=0, help_text=_("第X条之一为 1，无则为 0"))
    label = models.CharField(_("条文序号"), max_length=40)
    chapter = models.CharField(_("所在章节"), max_length=200, blank=True)
    text = models.TextField(_("条文"))
    tokens = models.TextField(_("检索分词"), blank=True)

    class Meta:
        verbose_name = _("条文")
        verbose_name_plural = _("条文")
        ordering = ["law", "ordinal"]
        constraints = [models.UniqueConstraint(fields=["law", "number", "suffix"], name="policy_qa_article_number")]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.law.short_title}{self.label}"


class Entry(TimeStampedModel):
    """A knowledge entry: a plain-language answer citing articles, or a guide to a service on the platform."""

    code = models.SlugField(_("编号"), max_length=60, unique=True)
    kind = models.CharField(_("类型"), max_length=8, choices=EntryKind.choices, default=EntryKind.ANSWER)
    topic = models.CharField(_("主题"), max_length=16, choices=Topic.choices, db_index=True)
    question = models.CharField(_("标准问题"), max_length=200)
    variants = models.TextField(_("问法变体"), blank=True, help_text=_("每行一种问法"))
    answer = models.TextField(_("简要回答"))
    citations = models.JSONField(_("依据条文"), default=list, blank=True,
                                 help_text=_("如「劳动合同法第八十二条」"))
    steps = models.TextField(_("办理步骤"), blank=True, help_text=_("每行一步"))
    service_url_name = models.CharField(_("平台办事页面"), max_length=80, blank=True)
    service_label = models.CharField(_("办事页面名称"), max_length=80, blank=True)
    effective_from = models.DateField(_("依据生效日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=EntryStatus.choices, default=EntryStatus.ACTIVE,
                              db_index=True)
    outdated_reason = models.CharField(_("过时原因"), max_length=300, blank=True)
    shipped = models.BooleanField(_("平台内置"), default=False)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("最后编辑人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("知识条目")
        verbose_name_plural = _("知识条目")
        ordering = ["topic", "code"]

    def __str__(self):
        return self.question

    def variant_list(self) -> list[str]:
        return [line.strip() for line in self.variants.splitlines() if line.strip()]

    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]


class Synonym(TimeStampedModel):
    """An officer's addition to the synonym and paraphrase table: a way of asking → the statute's words."""

    phrase = models.CharField(_("口语说法"), max_length=40, unique=True)
    expansion = models.CharField(_("对应法规用语"), max_length=200, help_text=_("空格分隔"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("添加人"), on_delete=models.PROTECT,
                                 related_name="+")

    class Meta:
        verbose_name = _("同义与改写")
        verbose_name_plural = _("同义与改写")
        ordering = ["phrase"]

    def __str__(self):
        return f"{self.phrase} → {self.expansion}"


class Consultation(TimeStampedModel):
    """One question put to the assistant, what it answered, and what became of it."""

    asker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提问人"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    visitor = models.CharField(_("匿名访客标识"), max_length=64, blank=True, db_index=True)
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    question = models.CharField(_("问题"), max_length=500)
    keywords = models.JSONField(_("关键词"), default=list, blank=True)
    outcome = models.CharField(_("结果"), max_length=16, choices=Outcome.choices, db_index=True)
    entry = models.ForeignKey(Entry, verbose_name=_("所答条目"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="consultations")
    topic = models.CharField(_("主题"), max_length=16, choices=Topic.choices, blank=True, db_index=True)
    confidence = models.FloatField(_("匹配度"), default=0)
    helpful = models.BooleanField(_("是否有帮助"), null=True, blank=True)
    service_opened = models.BooleanField(_("已引导办理"), default=False)
    queue_status = models.CharField(_("人工处理"), max_length=16, choices=QueueStatus.choices, blank=True,
                                    default=QueueStatus.NONE, db_index=True)
    reply = models.TextField(_("人工答复"), blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("答复人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("咨询记录")
        verbose_name_plural = _("咨询记录")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.question[:40]
