"""Models of the 人大代表履职 scene: congresses, deputies and liaison stations; citizens' opinions and their ratings."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel, pii

from .choices import (
    ActivityKind,
    AnswerClass,
    CongressLevel,
    DutyKind,
    OpinionCategory,
    OpinionChannel,
    OpinionStatus,
    ProjectStatus,
    ProposalKind,
    RaterKind,
    RecordStatus,
    SuggestionStatus,
    Verdict,
)


def new_code() -> str:
    """A random, unguessable code for a QR link (a station's or a deputy's)."""
    return secrets.token_urlsafe(9)


class Congress(TimeStampedModel):
    """One people's congress (人民代表大会) of a region at one of the four levels, in its term (届)."""

    region = models.ForeignKey("orgs.Region", verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("层级"), max_length=16, choices=CongressLevel.choices)
    name = models.CharField(_("名称"), max_length=100)
    term = models.PositiveSmallIntegerField(_("届次"))

    class Meta:
        verbose_name = _("人民代表大会")
        verbose_name_plural = _("人民代表大会")
        ordering = ["region__code", "-term"]
        constraints = [models.UniqueConstraint(fields=["region", "term"], name="deputy_duty_congress_region_term")]

    def __str__(self):
        return self.name


class LiaisonStation(TimeStampedModel):
    """A deputies' liaison station (代表联络站) serving an area, with its opening hours and QR code."""

    congress = models.ForeignKey(Congress, verbose_name=_("所属人大"), on_delete=models.PROTECT,
                                 related_name="stations")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("名称"), max_length=100)
    area = models.CharField(_("联系区域"), max_length=200)
    address = models.CharField(_("地址"), max_length=200)
    opening_hours = models.CharField(_("接待时间"), max_length=100)
    code = models.CharField(_("二维码编号"), max_length=20, unique=True, default=new_code, editable=False)

    class Meta:
        verbose_name = _("代表联络站")
        verbose_name_plural = _("代表联络站")
        ordering = ["region__code", "name"]

    def __str__(self):
        return self.name

    def get_qr_url(self):
        return reverse("deputy_duty:station_entry", args=[self.code])


class Deputy(TimeStampedModel):
    """A deputy (人大代表) of one congress: constituency, delegation and home liaison station; a login of their own."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("账户"), on_delete=models.PROTECT,
                             related_name="+")
    congress = models.ForeignKey(Congress, verbose_name=_("所属人大"), on_delete=models.PROTECT,
                                 related_name="deputies")
    name = models.CharField(_("姓名"), max_length=50)
    constituency = models.CharField(_("选区"), max_length=100)
    delegation = models.CharField(_("代表团"), max_length=100)
    station = models.ForeignKey(LiaisonStation, verbose_name=_("进站联络站"), on_delete=models.PROTECT,
                                related_name="deputies", null=True, blank=True)
    code = models.CharField(_("代表码编号"), max_length=20, unique=True, default=new_code, editable=False)
    active = models.BooleanField(_("在任"), default=True)

    class Meta:
        verbose_name = _("人大代表")
        verbose_name_plural = _("人大代表")
        ordering = ["congress_id", "name"]
        constraints = [models.UniqueConstraint(fields=["user", "congress"], name="deputy_duty_deputy_once")]

    def __str__(self):
        return self.name

    def get_qr_url(self):
        return reverse("deputy_duty:deputy_entry", args=[self.code])


class Opinion(TimeStampedModel):
    """A citizen's opinion (群众意见) given at a station, by a deputy's QR or through a deputy, and its closed loop.

    The station grades it (answered on the spot, or referred to the department as a core.cases case with a
    deadline); the department's reply is the case's result; the citizen and the deputy who follows it rate it.
    """

    station = models.ForeignKey(LiaisonStation, verbose_name=_("联络站"), on_delete=models.PROTECT,
                                related_name="opinions")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    deputy = models.ForeignKey(Deputy, verbose_name=_("跟踪代表"), on_delete=models.PROTECT, null=True, blank=True,
                               related_name="opinions")
    citizen = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提出人"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="+")
    citizen_name = models.CharField(_("提出人姓名"), max_length=50)
    contact_phone = pii.EncryptedTextField(_("联系电话"), blank=True, blind_index_field="contact_phone_index")
    contact_phone_index = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    channel = models.CharField(_("渠道"), max_length=16, choices=OpinionChannel.choices)
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("意见内容"))
    third_party_data = models.BooleanField(_("含他人个人信息"), default=False,
                                           help_text=_("公开前须遮蔽其中的身份证号、手机号"))
    category = models.CharField(_("分类"), max_length=16, choices=OpinionCategory.choices, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=OpinionStatus.choices,
                              default=OpinionStatus.SUBMITTED, db_index=True)
    spot_answer = models.TextField(_("当场答复"), blank=True)
    department = models.ForeignKey("orgs.Organization", verbose_name=_("承办部门"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    case = models.OneToOneField("cases.Case", verbose_name=_("交办工单"), on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+")
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    graded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("分级人"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    graded_at = models.DateTimeField(_("分级时间"), null=True, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("群众意见")
        verbose_name_plural = _("群众意见")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["region", "created_at"], name="deputy_duty_opinion_region_day")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("deputy_duty:opinion_detail", args=[self.pk])

    @property
    def status_choice(self) -> OpinionStatus:
        return OpinionStatus(self.status)

    @property
    def masked_phone(self) -> str:
        return pii.mask_phone(self.contact_phone) if self.contact_phone else ""


class OpinionRating(TimeStampedModel):
    """A rating of an opinion's answer by the citizen or the deputy, once per round of handling."""

    opinion = models.ForeignKey(Opinion, verbose_name=_("意见"), on_delete=models.CASCADE, related_name="ratings")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评价人"), on_delete=models.PROTECT,
                              related_name="+")
    rater_kind = models.CharField(_("评价人身份"), max_length=16, choices=RaterKind.choices)
    round = models.PositiveSmallIntegerField(_("办理轮次"))
    verdict = models.CharField(_("评价"), max_length=16, choices=Verdict.choices)
    comment = models.CharField(_("评价意见"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("意见评价")
        verbose_name_plural = _("意见评价")
        ordering = ["opinion_id", "round", "id"]
        constraints = [models.UniqueConstraint(fields=["opinion", "round", "rater_kind"],
                                               name="deputy_duty_rating_once_per_round")]

    def __str__(self):
        return f"{self.opinion_id}/{self.round}/{self.rater_kind}"


class LivelihoodProject(TimeStampedModel):
    """A livelihood project (民生实事项目) of a congress's year: collected, shortlisted, voted, implemented, evaluated."""

    congress = models.ForeignKey(Congress, verbose_name=_("所属人大"), on_delete=models.PROTECT,
                                 related_name="projects")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("项目名称"), max_length=100)
    description = models.TextField(_("项目内容"))
    department = models.ForeignKey("orgs.Organization", verbose_name=_("责任单位"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    budget = models.DecimalField(_("计划投资（万元）"), max_digits=12, decimal_places=2)
    status = models.CharField(_("状态"), max_length=16, choices=ProjectStatus.choices,
                              default=ProjectStatus.CANDIDATE, db_index=True)
    votes_for = models.PositiveIntegerField(_("赞成票"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("反对票"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("弃权票"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("得票排名"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    evaluation = models.CharField(_("人大评估"), max_length=16, choices=Verdict.choices, blank=True)
    evaluation_note = models.TextField(_("评估意见"), blank=True)
    evaluated_on = models.DateField(_("评估日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("民生实事项目")
        verbose_name_plural = _("民生实事项目")
        ordering = ["-year", "rank", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("deputy_duty:project_detail", args=[self.pk])


class ProjectUpdate(models.Model):
    """The responsible department's progress report on an adopted project (visible to the deputies at once)."""

    project = models.ForeignKey(LivelihoodProject, verbose_name=_("民生实事项目"), on_delete=models.CASCADE,
                                related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("报送人"), on_delete=models.PROTECT,
                               related_name="+")
    progress = models.PositiveSmallIntegerField(_("进度（%）"))
    text = models.TextField(_("进展情况"))
    created_at = models.DateTimeField(_("报送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("项目进展")
        verbose_name_plural = _("项目进展")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.project_id} {self.progress}%"


class ProjectComment(models.Model):
    """A deputy's comment on an adopted project's implementation (代表监督意见)."""

    project = models.ForeignKey(LivelihoodProject, verbose_name=_("民生实事项目"), on_delete=models.CASCADE,
                                related_name="comments")
    deputy = models.ForeignKey("Deputy", verbose_name=_("代表"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("监督意见"))
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("代表监督意见")
        verbose_name_plural = _("代表监督意见")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.project_id} {self.deputy_id}"


class VotingSession(TimeStampedModel):
    """A vote of a congress's deputies on candidate projects within a window (票决), tallied once into the ledger."""

    congress = models.ForeignKey(Congress, verbose_name=_("所属人大"), on_delete=models.PROTECT,
                                 related_name="voting_sessions")
    title = models.CharField(_("名称"), max_length=100)
    projects = models.ManyToManyField(LivelihoodProject, verbose_name=_("候选项目"), related_name="sessions")
    seats = models.PositiveSmallIntegerField(_("拟确定项目数"))
    opens_at = models.DateTimeField(_("投票开始"))
    closes_at = models.DateTimeField(_("投票截止"))
    electorate = models.PositiveIntegerField(_("应到代表数"), default=0)
    tallied_at = models.DateTimeField(_("计票时间"), null=True, blank=True)
    tally_lines = models.JSONField(_("计票清单"), default=list, blank=True)
    tally_digest = models.CharField(_("计票清单摘要（SHA-256）"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("票决会议")
        verbose_name_plural = _("票决会议")
        ordering = ["-opens_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("deputy_duty:session_detail", args=[self.pk])


class BallotCast(models.Model):
    """That a deputy voted in a session (one row each, so a second vote is refused); says nothing of how."""

    session = models.ForeignKey(VotingSession, verbose_name=_("票决会议"), on_delete=models.PROTECT,
                                related_name="casts")
    deputy = models.ForeignKey(Deputy, verbose_name=_("代表"), on_delete=models.PROTECT, related_name="+")
    cast_on = models.DateField(_("投票日期"))

    class Meta:
        verbose_name = _("投票记录")
        verbose_name_plural = _("投票记录")
        constraints = [models.UniqueConstraint(fields=["session", "deputy"], name="deputy_duty_one_vote_each")]

    def __str__(self):
        return f"{self.session_id}/{self.deputy_id}"


class Ballot(models.Model):
    """One secret ballot: the choices under the hash of the voter's receipt, with no voter, time or sequence."""

    receipt_hash = models.CharField(_("回执摘要"), max_length=64, primary_key=True)
    session = models.ForeignKey(VotingSession, verbose_name=_("票决会议"), on_delete=models.PROTECT,
                                related_name="ballots")
    choices = models.JSONField(_("选择"))

    class Meta:
        verbose_name = _("选票")
        verbose_name_plural = _("选票")
        ordering = ["receipt_hash"]

    def __str__(self):
        return self.receipt_hash[:12]


class HotwordCount(models.Model):
    """How many opinions of one region in one month hold a word (kept up to date at submission)."""

    region = models.ForeignKey("orgs.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("月份"))
    word = models.CharField(_("词"), max_length=16)
    count = models.PositiveIntegerField(_("意见数"), default=0)

    class Meta:
        verbose_name = _("热词计数")
        verbose_name_plural = _("热词计数")
        constraints = [models.UniqueConstraint(fields=["region", "month", "word"], name="deputy_duty_hotword_once")]
        indexes = [models.Index(fields=["month", "region"], name="deputy_duty_hotword_month")]

    def __str__(self):
        return f"{self.word} {self.count}"


class HotwordCell(models.Model):
    """How many opinions one region received in one month (the hot words' selection size)."""

    region = models.ForeignKey("orgs.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("月份"))
    opinions = models.PositiveIntegerField(_("意见数"), default=0)

    class Meta:
        verbose_name = _("热词统计单元")
        verbose_name_plural = _("热词统计单元")
        constraints = [models.UniqueConstraint(fields=["region", "month"], name="deputy_duty_hotword_cell_once")]

    def __str__(self):
        return f"{self.region_id} {self.month} {self.opinions}"


class HotwordTotal(models.Model):
    """How many opinions of the whole corpus hold a word (the weighting's document frequency)."""

    word = models.CharField(_("词"), max_length=16, unique=True)
    opinions = models.PositiveIntegerField(_("意见数"), default=0)

    class Meta:
        verbose_name = _("热词总计")
        verbose_name_plural = _("热词总计")

    def __str__(self):
        return f"{self.word} {self.opinions}"


class Suggestion(TimeStampedModel):
    """A deputy's suggestion, criticism or opinion (建议、批评和意见) with co-signers, handled within the statutory period."""

    deputy = models.ForeignKey(Deputy, verbose_name=_("领衔代表"), on_delete=models.PROTECT, related_name="suggestions")
    kind = models.CharField(_("类别"), max_length=16, choices=ProposalKind.choices, default=ProposalKind.SUGGESTION,
                            db_index=True)
    by_delegation = models.BooleanField(_("以代表团名义提出"), default=False)
    from_motion = models.BooleanField(_("由议案转为建议"), default=False)
    decision_note = models.CharField(_("主席团决定说明"), max_length=500, blank=True)
    decided_on = models.DateField(_("主席团决定日期"), null=True, blank=True)
    unit_return_note = models.CharField(_("承办单位退回理由（交办不当）"), max_length=500, blank=True)
    cosigners = models.ManyToManyField(Deputy, verbose_name=_("附议代表"), related_name="cosigned", blank=True)
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("内容"))
    status = models.CharField(_("状态"), max_length=16, choices=SuggestionStatus.choices,
                              default=SuggestionStatus.SUBMITTED, db_index=True)
    lead_unit = models.ForeignKey("orgs.Organization", verbose_name=_("主办单位"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    assigned_on = models.DateField(_("交办日期"), null=True, blank=True)
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    complex = models.BooleanField(_("涉及面广、情况复杂"), default=False)
    answer_class = models.CharField(_("答复分类"), max_length=1, choices=AnswerClass.choices, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    evaluation = models.CharField(_("代表评价"), max_length=16, choices=Verdict.choices, blank=True)
    review_note = models.CharField(_("审查意见"), max_length=500, blank=True)
    public = models.BooleanField(_("答复公开"), default=False,
                                 help_text=_("领衔代表同意且答复不涉及国家秘密、个人隐私的，答复向社会公开"))

    class Meta:
        verbose_name = _("代表建议")
        verbose_name_plural = _("代表建议")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("deputy_duty:suggestion_detail", args=[self.pk])


class CosignInvitation(models.Model):
    """A fellow deputy asked to co-sign (附议) a draft; they count as co-signers only once they confirm."""

    suggestion = models.ForeignKey(Suggestion, verbose_name=_("代表建议"), on_delete=models.CASCADE,
                                   related_name="invitations")
    deputy = models.ForeignKey(Deputy, verbose_name=_("受邀代表"), on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(_("确认附议时间"), null=True, blank=True)
    declined_at = models.DateTimeField(_("谢绝时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("附议邀请")
        verbose_name_plural = _("附议邀请")
        constraints = [models.UniqueConstraint(fields=["suggestion", "deputy"], name="deputy_duty_cosign_once")]

    def __str__(self):
        return f"{self.suggestion_id} {self.deputy_id}"


class CoHandling(models.Model):
    """A co-handling unit (协办单位) of an assigned suggestion: it sends its opinion to the lead unit in time."""

    suggestion = models.ForeignKey(Suggestion, verbose_name=_("代表建议"), on_delete=models.CASCADE,
                                   related_name="cohandlings")
    unit = models.ForeignKey("orgs.Organization", verbose_name=_("协办单位"), on_delete=models.PROTECT,
                             related_name="+")
    due_on = models.DateField(_("协办意见期限"))
    opinion = models.TextField(_("协办意见"), blank=True)
    answered_on = models.DateField(_("提出日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("协办")
        verbose_name_plural = _("协办")
        constraints = [models.UniqueConstraint(fields=["suggestion", "unit"], name="deputy_duty_cohandling_once")]

    def __str__(self):
        return f"{self.suggestion_id} {self.unit_id}"



class Activity(TimeStampedModel):
    """A theme activity (主题活动) a congress's office publishes for its deputies to join and report on."""

    congress = models.ForeignKey(Congress, verbose_name=_("所属人大"), on_delete=models.PROTECT,
                                 related_name="activities")
    kind = models.CharField(_("类型"), max_length=16, choices=ActivityKind.choices)
    title = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("活动内容"))
    place = models.CharField(_("地点"), max_length=200)
    starts_at = models.DateTimeField(_("开始时间"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT,
                                     related_name="+")

    class Meta:
        verbose_name = _("主题活动")
        verbose_name_plural = _("主题活动")
        ordering = ["-starts_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("deputy_duty:activity_detail", args=[self.pk])


class ActivityParticipation(models.Model):
    """A deputy who joined an activity, and their report of it (with photos) once it took place."""

    activity = models.ForeignKey(Activity, verbose_name=_("主题活动"), on_delete=models.CASCADE,
                                 related_name="participations")
    deputy = models.ForeignKey(Deputy, verbose_name=_("代表"), on_delete=models.PROTECT, related_name="+")
    joined_at = models.DateTimeField(_("报名时间"), auto_now_add=True)
    report = models.TextField(_("活动情况"), blank=True)
    reported_at = models.DateTimeField(_("报告时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("活动参加")
        verbose_name_plural = _("活动参加")
        ordering = ["joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["activity", "deputy"], name="deputy_duty_join_once")]

    def __str__(self):
        return f"{self.activity_id} {self.deputy_id}"


class ActivityPhoto(models.Model):
    """A photo of a deputy's activity report (bounded, checked to be a JPEG or PNG image, kept with its SHA-256)."""

    participation = models.ForeignKey(ActivityParticipation, verbose_name=_("活动参加"), on_delete=models.CASCADE,
                                      related_name="photos")
    image = models.FileField(_("照片"), upload_to="deputy_duty/activities/%Y/%m/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("大小（字节）"))

    class Meta:
        verbose_name = _("活动照片")
        verbose_name_plural = _("活动照片")
        ordering = ["id"]

    def __str__(self):
        return self.sha256[:12]


class DutyRecord(TimeStampedModel):
    """A deputy's duty registration (履职登记): what they did and when; counted once the office confirms it."""

    deputy = models.ForeignKey(Deputy, verbose_name=_("代表"), on_delete=models.PROTECT, related_name="duty_records")
    kind = models.CharField(_("履职类型"), max_length=16, choices=DutyKind.choices)
    done_on = models.DateField(_("履职日期"))
    text = models.TextField(_("履职情况"))
    status = models.CharField(_("状态"), max_length=16, choices=RecordStatus.choices, default=RecordStatus.PENDING,
                              db_index=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("确认人"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    check_note = models.CharField(_("确认意见"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("履职登记")
        verbose_name_plural = _("履职登记")
        ordering = ["-done_on", "-id"]

    def __str__(self):
        return f"{self.deputy_id} {self.done_on}"


class LearningMaterial(TimeStampedModel):
    """A learning material (学习资料) the office publishes for its congress's deputies; each deputy's reading kept."""

    congress = models.ForeignKey(Congress, verbose_name=_("所属人大"), on_delete=models.PROTECT,
                                 related_name="materials")
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("内容"))
    source = models.URLField(_("出处链接"), blank=True)
    readers = models.ManyToManyField(Deputy, verbose_name=_("已学习代表"), related_name="materials_read", blank=True)

    class Meta:
        verbose_name = _("学习资料")
        verbose_name_plural = _("学习资料")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("deputy_duty:material_detail", args=[self.pk])


class DraftLaw(TimeStampedModel):
    """A draft regulation (法规草案) published for comment within a window (立法征求意见), then the office's summary."""

    congress = models.ForeignKey(Congress, verbose_name=_("所属人大"), on_delete=models.PROTECT, related_name="drafts")
    title = models.CharField(_("草案名称"), max_length=100)
    text = models.TextField(_("草案文本"))
    opens_at = models.DateTimeField(_("征求意见开始"))
    closes_at = models.DateTimeField(_("征求意见截止"))
    summary = models.TextField(_("意见采纳情况"), blank=True)
    summarized_at = models.DateTimeField(_("汇总时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("法规草案")
        verbose_name_plural = _("法规草案")
        ordering = ["-opens_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("deputy_duty:draft_detail", args=[self.pk])


class DraftComment(models.Model):
    """A comment on a draft by a deputy or a citizen, seen by the office (and its author) only; third parties'
    personal data in it is flagged and masked on screen."""

    draft = models.ForeignKey(DraftLaw, verbose_name=_("法规草案"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提出人"), on_delete=models.PROTECT,
                               related_name="+")
    deputy = models.ForeignKey(Deputy, verbose_name=_("代表"), on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")
    article = models.CharField(_("针对条款"), max_length=50, blank=True)
    text = models.TextField(_("意见"))
    third_party_data = models.BooleanField(_("含他人个人信息"), default=False)
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("立法意见")
        verbose_name_plural = _("立法意见")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.draft_id} {self.author_id}"
