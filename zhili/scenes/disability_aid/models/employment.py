"""Employment of disabled persons: job seekers with their consent, vacancies, recommendations and placements,
training courses, and each employer's yearly quota review (按比例安排就业) with the fund due (残疾人就业保障金)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel

from ..choices import EnrolmentStatus, PlacementStatus, PostingStatus, QuotaStatus, SeekerStatus


class JobSeeker(TimeStampedModel):
    """A person able and wishing to work (求职登记), matched only while their consent stands.

    ``skills`` are short words separated by 、 or commas (电子商务、缝纫); completed training adds its skill.
    """

    person = models.OneToOneField("disability_aid.Person", verbose_name=_("服务对象"), on_delete=models.PROTECT,
                                  related_name="seeker")
    skills = models.CharField(_("技能"), max_length=200, blank=True)
    wishes = models.CharField(_("求职意向"), max_length=200, blank=True)
    full_time = models.BooleanField(_("可全日制工作"), default=True)
    max_distance_km = models.PositiveIntegerField(_("可接受通勤距离（公里）"), default=10)
    latitude = models.DecimalField(_("居住地纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("居住地经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    consent_at = models.DateTimeField(_("同意推荐时间"), null=True, blank=True,
                                      help_text=_("本人同意将类别、等级和技能用于岗位匹配并推荐给用人单位"))
    status = models.CharField(_("状态"), max_length=10, choices=SeekerStatus.choices, default=SeekerStatus.ACTIVE,
                              db_index=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT,
                                      related_name="+")

    class Meta:
        verbose_name = _("求职登记")
        verbose_name_plural = _("求职登记")
        ordering = ["-id"]

    def __str__(self):
        return self.person.key

    @property
    def skill_set(self) -> set[str]:
        return split_words(self.skills)


def split_words(text: str) -> set[str]:
    """The words of a list typed as 电子商务、缝纫, 电工 (、，, and spaces separate)."""
    for mark in "、，,;；":
        text = (text or "").replace(mark, " ")
    return {word for word in text.split() if word}


class JobPosting(TimeStampedModel):
    """A vacancy an employer offers to disabled persons (岗位), where it is and who it suits."""

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("用人单位"), on_delete=models.PROTECT,
                                     related_name="+")
    title = models.CharField(_("岗位名称"), max_length=100)
    region = models.ForeignKey("orgs.Region", verbose_name=_("工作地乡镇（街道）"), on_delete=models.PROTECT,
                               related_name="+")
    latitude = models.DecimalField(_("工作地纬度"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("工作地经度"), max_digits=9, decimal_places=6)
    positions = models.PositiveIntegerField(_("招聘人数"))
    monthly_wage = models.DecimalField(_("月工资（元）"), max_digits=10, decimal_places=2)
    skills = models.CharField(_("所需技能"), max_length=200, blank=True)
    categories = models.CharField(_("适合的残疾类别"), max_length=7, help_text=_("类别代码，如 14 表示视力、肢体"))
    grades = models.CharField(_("适合的残疾等级"), max_length=4, default="1234")
    full_time = models.BooleanField(_("全日制"), default=True)
    accessible = models.BooleanField(_("无障碍工作场所"), default=False)
    welfare_enterprise = models.BooleanField(_("福利企业（集中就业）"), default=False)
    status = models.CharField(_("状态"), max_length=8, choices=PostingStatus.choices, default=PostingStatus.OPEN,
                              db_index=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT,
                                  related_name="+")

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.organization.name} {self.title}"

    @property
    def skill_set(self) -> set[str]:
        return split_words(self.skills)


class Placement(TimeStampedModel):
    """A seeker recommended for a vacancy with the match's score and reasons, and what came of it; a hire
    records the employment on the person's profile."""

    seeker = models.ForeignKey(JobSeeker, verbose_name=_("求职者"), on_delete=models.PROTECT, related_name="placements")
    posting = models.ForeignKey(JobPosting, verbose_name=_("岗位"), on_delete=models.PROTECT,
                                related_name="placements")
    score = models.PositiveIntegerField(_("匹配分"))
    distance_km = models.DecimalField(_("距离（公里）"), max_digits=7, decimal_places=1, null=True, blank=True)
    reasons = models.JSONField(_("匹配理由"), default=list)
    status = models.CharField(_("状态"), max_length=12, choices=PlacementStatus.choices,
                              default=PlacementStatus.RECOMMENDED, db_index=True)
    recommended_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("推荐人"), on_delete=models.PROTECT,
                                       related_name="+")
    decided_on = models.DateField(_("结果日期"), null=True, blank=True)
    employment = models.OneToOneField("disability_aid.Employment", verbose_name=_("就业情况"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="placement")

    class Meta:
        verbose_name = _("推荐就业")
        verbose_name_plural = _("推荐就业")
        ordering = ["-score", "-id"]
        constraints = [models.UniqueConstraint(fields=["seeker", "posting"], name="disability_placement_once")]

    def __str__(self):
        return f"{self.seeker} → {self.posting}"


class TrainingCourse(TimeStampedModel):
    """A vocational training course (职业技能培训班) and the skill it teaches; completing it adds the skill to the
    person's job-seeker registration, which the matching reads."""

    title = models.CharField(_("培训班名称"), max_length=100)
    provider = models.CharField(_("培训机构"), max_length=100)
    skill = models.CharField(_("培训技能"), max_length=20)
    region = models.ForeignKey("orgs.Region", verbose_name=_("培训地点"), on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("开班日期"))
    ends_on = models.DateField(_("结业日期"))
    capacity = models.PositiveIntegerField(_("名额"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("培训班")
        verbose_name_plural = _("培训班")
        ordering = ["-starts_on", "-id"]

    def __str__(self):
        return self.title


class Enrolment(TimeStampedModel):
    """A person's place on a training course and its end (结业 or 退训)."""

    course = models.ForeignKey(TrainingCourse, verbose_name=_("培训班"), on_delete=models.PROTECT,
                               related_name="enrolments")
    person = models.ForeignKey("disability_aid.Person", verbose_name=_("学员"), on_delete=models.PROTECT,
                               related_name="enrolments")
    status = models.CharField(_("状态"), max_length=10, choices=EnrolmentStatus.choices,
                              default=EnrolmentStatus.ENROLLED)
    completed_on = models.DateField(_("结业日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("培训报名")
        verbose_name_plural = _("培训报名")
        ordering = ["course", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "person"], name="disability_enrolment_once")]

    def __str__(self):
        return f"{self.course} {self.person}"


class QuotaReview(TimeStampedModel):
    """An employer's quota for one year (按比例安排就业年审) and the employment-security fund due on it.

    Figures are the previous year's, as 财税〔2015〕72号 levies them: average staff, disabled persons employed
    (grade 1–2 counted twice), the average wage (capped at twice the local average), the fund before and after
    the reduction in force, and the parameters used (with their references).
    """

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("用人单位"), on_delete=models.PROTECT,
                                     related_name="+")
    year = models.PositiveIntegerField(_("所属年度"))
    staff = models.DecimalField(_("在职职工年平均人数"), max_digits=10, decimal_places=2)
    average_wage = models.DecimalField(_("在职职工年平均工资（元）"), max_digits=12, decimal_places=2)
    disabled_counted = models.DecimalField(_("实际安排残疾人就业人数（折算）"), max_digits=10, decimal_places=2)
    required = models.DecimalField(_("应安排人数"), max_digits=10, decimal_places=2)
    shortfall = models.DecimalField(_("差额人数"), max_digits=10, decimal_places=2)
    wage_base = models.DecimalField(_("计征工资基数（元）"), max_digits=12, decimal_places=2)
    fund_before = models.DecimalField(_("应缴保障金（减缴前，元）"), max_digits=14, decimal_places=2)
    fund_due = models.DecimalField(_("应缴保障金（元）"), max_digits=14, decimal_places=2)
    status = models.CharField(_("结论"), max_length=8, choices=QuotaStatus.choices, db_index=True)
    explanation = models.JSONField(_("计算过程"), default=list)
    parameters = models.JSONField(_("适用标准"), default=dict)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("按比例就业年审")
        verbose_name_plural = _("按比例就业年审")
        ordering = ["-year", "-fund_due", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="disability_quota_once")]

    def __str__(self):
        return f"{self.organization.name} {self.year}"

    @property
    def status_choice(self) -> QuotaStatus:
        return QuotaStatus(self.status)
