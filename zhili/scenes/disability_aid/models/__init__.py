"""Models of the 智慧助残 scene: persons known by their data-pool code, suspected cases with their evidence, home
visits, assessment applications booked at designated hospitals, and certificate records."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel, pii

from ..choices import (
    ApplicationStatus,
    Category,
    CertificateStatus,
    EmploymentForm,
    EntitlementStatus,
    Grade,
    Mark,
    RecoveryStatus,
    RunStatus,
    ServiceKind,
    StopReason,
    SuspectStatus,
)


class Person(TimeStampedModel):
    """A person the scene serves (一人一档), known by the pseudonymous code of the data pool (``key``).

    Name and ID number reach the platform only when a worker confirms them at the home visit (the pool keeps
    codes, not names); both are encrypted, the ID number with a blind index for look-up.
    """

    key = models.CharField(_("人员编码"), max_length=20, unique=True)
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在乡镇（街道）"), on_delete=models.PROTECT,
                               related_name="+")
    village_code = models.CharField(_("所在村（社区）区划代码"), max_length=12, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    gender = models.CharField(_("性别"), max_length=1, blank=True)
    name = pii.EncryptedTextField(_("姓名"), blank=True)
    id_number = pii.EncryptedTextField(_("身份证号码"), blank=True, blind_index_field="id_number_index")
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("服务对象")
        verbose_name_plural = _("服务对象")
        ordering = ["key"]

    def __str__(self):
        return self.key

    @property
    def masked_name(self) -> str:
        return pii.mask_name(self.name) if self.name else ""

    @property
    def masked_id_number(self) -> str:
        return pii.mask_id_number(self.id_number) if self.id_number else ""


class SuspectedCase(TimeStampedModel):
    """A suspected disability (疑似残疾线索) found by the nightly detection, with the records behind it.

    ``evidence`` lists each record: source, record id, date, grade or diagnosis code and the watch-list entry it
    matched. The case is handled by the village disability worker through ``case`` (core.cases).
    """

    person = models.ForeignKey(Person, verbose_name=_("服务对象"), on_delete=models.PROTECT, related_name="suspects")
    found_on = models.DateField(_("发现日期"))
    evidence = models.JSONField(_("线索依据"), default=list)
    sources = models.CharField(_("线索来源"), max_length=80, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=SuspectStatus.choices, default=SuspectStatus.DETECTED,
                              db_index=True)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("残疾人专职委员"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField("cases.Case", verbose_name=_("工单"), null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    closed_note = models.CharField(_("办结说明"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("疑似残疾线索")
        verbose_name_plural = _("疑似残疾线索")
        ordering = ["-found_on", "-id"]

    def __str__(self):
        return f"{self.person.key} {self.found_on}"

    def get_absolute_url(self):
        return reverse("disability_aid:suspect_detail", args=[self.pk])

    @property
    def status_choice(self) -> SuspectStatus:
        return SuspectStatus(self.status)


class HomeVisit(TimeStampedModel):
    """The village worker's home visit (入户核查): what was seen, and whether the person wants a certificate."""

    suspect = models.OneToOneField(SuspectedCase, verbose_name=_("疑似残疾线索"), on_delete=models.PROTECT,
                                   related_name="visit")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("核查人"), on_delete=models.PROTECT,
                               related_name="+")
    visited_at = models.DateTimeField(_("核查时间"))
    notes = models.TextField(_("核查记录"))
    observed_category = models.CharField(_("初步判断类别"), max_length=1, choices=Category.choices, blank=True)
    wishes_to_apply = models.BooleanField(_("本人（监护人）同意申请评残"))
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("入户核查")
        verbose_name_plural = _("入户核查")

    def __str__(self):
        return f"{self.suspect} {self.visited_at:%Y-%m-%d}"


class DesignatedHospital(TimeStampedModel):
    """A hospital designated for disability assessment (残疾评定指定医院), the categories it assesses and how many
    assessments it takes on a working day."""

    organization = models.OneToOneField("orgs.Organization", verbose_name=_("医院"), on_delete=models.PROTECT,
                                        related_name="+")
    region = models.ForeignKey("orgs.Region", verbose_name=_("服务区划"), on_delete=models.PROTECT, related_name="+")
    categories = models.CharField(_("评定类别"), max_length=20, help_text=_("类别代码，如 1234567"))
    daily_capacity = models.PositiveIntegerField(_("每个工作日评定名额"))

    class Meta:
        verbose_name = _("评残指定医院")
        verbose_name_plural = _("评残指定医院")
        ordering = ["organization__name"]

    def __str__(self):
        return self.organization.name


class AssessmentApplication(TimeStampedModel):
    """The certificate application the platform prepares after the visit (评残申请), booked at a hospital, and the
    assessment's result (category, grade) once the hospital has assessed."""

    suspect = models.OneToOneField(SuspectedCase, verbose_name=_("疑似残疾线索"), on_delete=models.PROTECT,
                                   related_name="application")
    person = models.ForeignKey(Person, verbose_name=_("服务对象"), on_delete=models.PROTECT, related_name="applications")
    category = models.CharField(_("申请类别"), max_length=1, choices=Category.choices)
    hospital = models.ForeignKey(DesignatedHospital, verbose_name=_("评定医院"), on_delete=models.PROTECT,
                                 related_name="applications")
    appointment_on = models.DateField(_("预约评定日期"), db_index=True)
    status = models.CharField(_("状态"), max_length=16, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.BOOKED, db_index=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("经办人"), on_delete=models.PROTECT,
                                    related_name="+")
    result_category = models.CharField(_("评定类别"), max_length=1, choices=Category.choices, blank=True)
    result_grade = models.CharField(_("评定等级"), max_length=1, choices=Grade.choices, blank=True)
    assessed_on = models.DateField(_("评定日期"), null=True, blank=True)
    assessor = models.CharField(_("评定医师"), max_length=50, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("结果录入人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("评残申请")
        verbose_name_plural = _("评残申请")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.person.key} {self.get_category_display()}"

    @property
    def status_choice(self) -> ApplicationStatus:
        return ApplicationStatus(self.status)


class Certificate(TimeStampedModel):
    """A disability certificate record (残疾人证): the 20-character number (ID number, category, grade), encrypted
    with a blind index since it carries the ID number; delivered to the home (送证上门)."""

    person = models.ForeignKey(Person, verbose_name=_("持证人"), on_delete=models.PROTECT, related_name="certificates")
    application = models.OneToOneField(AssessmentApplication, verbose_name=_("评残申请"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="certificate")
    number = pii.EncryptedTextField(_("残疾人证号"), blind_index_field="number_index")
    number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    category = models.CharField(_("残疾类别"), max_length=1, choices=Category.choices, db_index=True)
    grade = models.CharField(_("残疾等级"), max_length=1, choices=Grade.choices, db_index=True)
    issued_on = models.DateField(_("发证日期"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发证人"), on_delete=models.PROTECT,
                                  related_name="+")
    found_by_detection = models.BooleanField(_("由主动感知发现"), default=False)
    status = models.CharField(_("状态"), max_length=8, choices=CertificateStatus.choices,
                              default=CertificateStatus.ACTIVE, db_index=True)

    class Meta:
        verbose_name = _("残疾人证")
        verbose_name_plural = _("残疾人证")
        ordering = ["-issued_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["person"], condition=models.Q(status="active"),
                                               name="disability_certificate_one_active_per_person")]

    def __str__(self):
        return f"{self.person.key} {self.get_category_display()}{self.get_grade_display()}"

    @property
    def masked_number(self) -> str:
        return pii.mask_id_number(self.number)


class Entitlement(TimeStampedModel):
    """A person's entitlement to one of the two subsidies (``policy``: living_subsidy or nursing_subsidy), found by
    the monthly run on core.policy; it stops, with its reason and day, when the person no longer qualifies."""

    person = models.ForeignKey(Person, verbose_name=_("服务对象"), on_delete=models.PROTECT, related_name="entitlements")
    policy = models.CharField(_("补贴"), max_length=40)
    monthly_amount = models.DecimalField(_("月标准（元）"), max_digits=10, decimal_places=2)
    since_month = models.DateField(_("起始月份"))
    status = models.CharField(_("状态"), max_length=8, choices=EntitlementStatus.choices,
                              default=EntitlementStatus.ACTIVE, db_index=True)
    stopped_on = models.DateField(_("停发日期"), null=True, blank=True)
    stop_reason = models.CharField(_("停发原因"), max_length=20, choices=StopReason.choices, blank=True)

    class Meta:
        verbose_name = _("补贴资格")
        verbose_name_plural = _("补贴资格")
        ordering = ["person__key", "policy"]
        constraints = [models.UniqueConstraint(fields=["person", "policy"], condition=models.Q(status="active"),
                                               name="disability_entitlement_one_active_per_policy")]

    def __str__(self):
        return f"{self.person.key} {self.policy}"


class PaymentRun(TimeStampedModel):
    """One month's payment run of the two subsidies: one line per person, its totals checked when written and
    again when the file is drawn, approved by two different people, the approval appended to the ledger."""

    month = models.DateField(_("发放月份"), unique=True)
    status = models.CharField(_("状态"), max_length=16, choices=RunStatus.choices, default=RunStatus.PREPARED,
                              db_index=True)
    recipients = models.PositiveIntegerField(_("发放人数"))
    living_total = models.DecimalField(_("生活补贴合计（元）"), max_digits=14, decimal_places=2)
    nursing_total = models.DecimalField(_("护理补贴合计（元）"), max_digits=14, decimal_places=2)
    total = models.DecimalField(_("合计（元）"), max_digits=14, decimal_places=2)
    parameters = models.JSONField(_("适用标准"), default=dict)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("制表人"), on_delete=models.PROTECT,
                                    related_name="+")
    first_approver = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    first_approved_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    second_approver = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("复核人"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    second_approved_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    file_sha256 = models.CharField(_("发放文件 SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("补贴发放批次")
        verbose_name_plural = _("补贴发放批次")
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month:%Y-%m}"

    def get_absolute_url(self):
        return reverse("disability_aid:run_detail", args=[self.pk])

    @property
    def status_choice(self) -> RunStatus:
        return RunStatus(self.status)


class PaymentLine(models.Model):
    """One person's line of a payment run: the living and nursing amounts and their sum."""

    run = models.ForeignKey(PaymentRun, verbose_name=_("发放批次"), on_delete=models.PROTECT, related_name="lines")
    person = models.ForeignKey(Person, verbose_name=_("服务对象"), on_delete=models.PROTECT, related_name="+")
    living_amount = models.DecimalField(_("生活补贴（元）"), max_digits=10, decimal_places=2)
    nursing_amount = models.DecimalField(_("护理补贴（元）"), max_digits=10, decimal_places=2)
    total = models.DecimalField(_("小计（元）"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("发放明细")
        verbose_name_plural = _("发放明细")
        ordering = ["run", "person__key"]
        constraints = [models.UniqueConstraint(fields=["run", "person"], name="disability_payment_line_once")]

    def __str__(self):
        return f"{self.run} {self.person.key}"


class Recovery(TimeStampedModel):
    """Money paid for a month after the entitlement had ended (death or move reported late), to be recovered."""

    person = models.ForeignKey(Person, verbose_name=_("服务对象"), on_delete=models.PROTECT, related_name="recoveries")
    line = models.OneToOneField(PaymentLine, verbose_name=_("多发的发放明细"), on_delete=models.PROTECT,
                                related_name="recovery")
    found_by_run = models.ForeignKey(PaymentRun, verbose_name=_("发现于发放批次"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="found_recoveries")
    reason = models.CharField(_("原因"), max_length=20, choices=StopReason.choices)
    stopped_on = models.DateField(_("停发日期"))
    amount = models.DecimalField(_("应追回（元）"), max_digits=10, decimal_places=2)
    status = models.CharField(_("状态"), max_length=10, choices=RecoveryStatus.choices,
                              default=RecoveryStatus.PENDING)

    class Meta:
        verbose_name = _("补贴追回")
        verbose_name_plural = _("补贴追回")
        ordering = ["-stopped_on", "-id"]

    def __str__(self):
        return f"{self.person.key} {self.amount}"


class ServiceRecord(TimeStampedModel):
    """A service a person received (康复, 辅具适配, 托养, 上门服务, 培训 …), recorded by the worker or the clerk."""

    person = models.ForeignKey(Person, verbose_name=_("服务对象"), on_delete=models.PROTECT, related_name="services")
    kind = models.CharField(_("服务类别"), max_length=16, choices=ServiceKind.choices)
    provided_on = models.DateField(_("服务日期"))
    provider = models.CharField(_("服务机构"), max_length=100)
    notes = models.CharField(_("服务内容"), max_length=500)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("服务记录")
        verbose_name_plural = _("服务记录")
        ordering = ["-provided_on", "-id"]

    def __str__(self):
        return f"{self.person.key} {self.get_kind_display()} {self.provided_on}"


class Employment(TimeStampedModel):
    """A person's employment (就业情况): employer, form, since when and, once it ended, until when."""

    person = models.ForeignKey(Person, verbose_name=_("服务对象"), on_delete=models.PROTECT, related_name="employments")
    employer = models.CharField(_("就业单位"), max_length=100)
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("用人单位"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     help_text=_("在平台登记的用人单位：按比例就业年审据此计数"))
    form = models.CharField(_("就业形式"), max_length=16, choices=EmploymentForm.choices)
    since = models.DateField(_("起始日期"))
    until = models.DateField(_("终止日期"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("就业情况")
        verbose_name_plural = _("就业情况")
        ordering = ["-since", "-id"]

    def __str__(self):
        return f"{self.person.key} {self.employer}"


class Satisfaction(TimeStampedModel):
    """The person's own mark of the services (笑脸), given on their page."""

    person = models.ForeignKey(Person, verbose_name=_("服务对象"), on_delete=models.PROTECT,
                               related_name="satisfactions")
    mark = models.CharField(_("满意度"), max_length=1, choices=Mark.choices)
    comment = models.CharField(_("意见建议"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("满意度评价")
        verbose_name_plural = _("满意度评价")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.person.key} {self.mark}"


from .employment import Enrolment, JobPosting, JobSeeker, Placement, QuotaReview, TrainingCourse  # noqa: E402,F401
from .prevention import InjuryPush  # noqa: E402,F401
