"""Models of the 关键小事 scene: the catalogue of matters and the proactive unemployment benefit."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel, pii

from .choices import (
    ClaimStatus,
    DogLicenceStatus,
    LifeStage,
    PaymentStatus,
    PhotoUseKind,
    RatingGrade,
    RegistrationStatus,
    ServicePath,
)


class Matter(TimeStampedModel):
    """One high-frequency matter (关键小事) of the catalogue: who handles it, what it needs, and what it saved.

    ``materials_before``/``days_before`` are the counts before the redesign, ``materials``/``time_limit_days`` the
    ones now; the reduction shown is measured from them. ``situations`` are the tags of a person's situation
    (``unemployed``, ``migrant``, ``dog_owner`` …) for which the matter is shown first.
    """

    code = models.SlugField(_("事项编码"), max_length=40, unique=True)
    name = models.CharField(_("事项名称"), max_length=100)
    stage = models.CharField(_("人生阶段"), max_length=16, choices=LifeStage.choices, db_index=True)
    department = models.CharField(_("主管部门"), max_length=60)
    path = models.CharField(_("改革路径"), max_length=16, choices=ServicePath.choices, default=ServicePath.PLAIN)
    materials = models.JSONField(_("所需材料"), default=list)
    steps = models.JSONField(_("办理环节"), default=list)
    materials_before = models.PositiveSmallIntegerField(_("改革前材料数"))
    time_limit_days = models.PositiveSmallIntegerField(_("承诺时限（工作日）"))
    days_before = models.PositiveSmallIntegerField(_("改革前时限（工作日）"))
    situations = models.JSONField(_("适用情形"), default=list, blank=True)
    basis = models.CharField(_("办理依据"), max_length=300)
    online = models.BooleanField(_("可全程网办"), default=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("关键小事事项")
        verbose_name_plural = _("关键小事事项")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("small_matters:matter_detail", args=[self.code])

    @property
    def stage_choice(self) -> LifeStage:
        return LifeStage(self.stage)

    @property
    def path_choice(self) -> ServicePath:
        return ServicePath(self.path)

    @property
    def materials_cut(self) -> float:
        """The share of materials no longer asked for (0–1)."""
        return 0.0 if not self.materials_before else 1 - len(self.materials) / self.materials_before

    @property
    def time_cut(self) -> float:
        """The share of the time limit saved (0–1)."""
        return 0.0 if not self.days_before else 1 - self.time_limit_days / self.days_before


class BenefitClaim(TimeStampedModel):
    """A proactive unemployment-benefit claim (无感智办): found from the data, confirmed by the person, decided.

    ``person_key`` is the person's pseudonymous key in the exchanged data (the platform's blind index of the ID
    number), so the data pool never holds the number itself; ``person`` is set when that person has an account.
    ``facts`` are the pre-filled facts the person confirms; ``decision`` the policy engine's explanation.
    """

    person_key = models.CharField(_("人员标识"), max_length=64, db_index=True)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("本人"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    name = pii.EncryptedTextField(_("姓名"), blank=True)
    region = models.ForeignKey("orgs.Region", verbose_name=_("参保地"), on_delete=models.PROTECT, related_name="+")
    stop_date = models.DateField(_("停保日期"))
    facts = models.JSONField(_("预填信息"), default=dict)
    decision = models.JSONField(_("资格判断"), default=dict)
    status = models.CharField(_("状态"), max_length=16, choices=ClaimStatus.choices, db_index=True)
    months = models.PositiveSmallIntegerField(_("领取月数"), default=0)
    monthly_amount = models.DecimalField(_("月标准（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    detected_on = models.DateField(_("发现日期"))
    confirmed_at = models.DateTimeField(_("本人确认时间"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    note = models.CharField(_("审核意见"), max_length=500, blank=True)
    correction_case = models.ForeignKey("cases.Case", verbose_name=_("信息更正工单"), null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("失业保险金主动办理")
        verbose_name_plural = _("失业保险金主动办理")
        ordering = ["-detected_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["person_key", "stop_date"], name="sm_claim_once_per_stop")]

    def __str__(self):
        return f"{pii.mask_name(self.name)} {self.stop_date}"

    def get_absolute_url(self):
        return reverse("small_matters:claim_detail", args=[self.pk])

    @property
    def status_choice(self) -> ClaimStatus:
        return ClaimStatus(self.status)

    @property
    def masked_name(self) -> str:
        return pii.mask_name(self.name)

    @property
    def total_amount(self):
        return None if self.monthly_amount is None else self.monthly_amount * self.months


class BenefitPayment(TimeStampedModel):
    """One month of an approved claim's benefit (the payment months recorded on approval)."""

    claim = models.ForeignKey(BenefitClaim, verbose_name=_("失业保险金"), on_delete=models.CASCADE,
                              related_name="payments")
    month = models.DateField(_("所属月份"))
    amount = models.DecimalField(_("金额（元）"), max_digits=10, decimal_places=2)
    status = models.CharField(_("状态"), max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.SCHEDULED)
    paid_at = models.DateTimeField(_("发放时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("失业保险金发放月份")
        verbose_name_plural = _("失业保险金发放月份")
        ordering = ["claim", "month"]
        constraints = [models.UniqueConstraint(fields=["claim", "month"], name="sm_payment_once_per_month")]

    def __str__(self):
        return f"{self.claim_id} {self.month:%Y-%m}"

    @property
    def status_choice(self) -> PaymentStatus:
        return PaymentStatus(self.status)


class ResidenceRegistration(TimeStampedModel):
    """A migrant's residence registration (流动人口居住登记), confirmed instead of filled in.

    ``facts`` are what the platform holds (the landlord's or employer's report through the data pool); the person
    confirms them with no materials and no signature, the police station of the region decides, and a registration
    record (登记凭证) is issued.
    """

    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("本人"), on_delete=models.PROTECT,
                               related_name="+")
    region = models.ForeignKey("orgs.Region", verbose_name=_("居住地"), on_delete=models.PROTECT, related_name="+")
    address = pii.EncryptedTextField(_("居住地址"))
    moved_in_on = models.DateField(_("入住日期"))
    facts = models.JSONField(_("平台已掌握的信息"), default=dict)
    status = models.CharField(_("状态"), max_length=16, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.SUBMITTED, db_index=True)
    number = models.CharField(_("登记凭证编号"), max_length=40, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核民警"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    note = models.CharField(_("审核意见"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("居住登记")
        verbose_name_plural = _("居住登记")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.region} {self.moved_in_on}"

    def get_absolute_url(self):
        return reverse("small_matters:residence_detail", args=[self.pk])

    @property
    def status_choice(self) -> RegistrationStatus:
        return RegistrationStatus(self.status)

    @property
    def masked_person_name(self) -> str:
        return pii.mask_name(self.person.name)


class Rating(TimeStampedModel):
    """A 好差评 rating of one handled matter by the person it was handled for (one per handled object)."""

    matter = models.ForeignKey(Matter, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="ratings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评价人"), on_delete=models.PROTECT,
                               related_name="+")
    subject = models.CharField(_("办件"), max_length=60)
    grade = models.CharField(_("评价"), max_length=1, choices=RatingGrade.choices)
    comment = models.CharField(_("意见"), max_length=500, blank=True)
    case = models.ForeignKey("cases.Case", verbose_name=_("差评整改工单"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("好差评")
        verbose_name_plural = _("好差评")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["subject"], name="sm_rating_once_per_subject")]

    def __str__(self):
        return f"{self.matter} {self.grade}"

    @property
    def grade_choice(self) -> RatingGrade:
        return RatingGrade(self.grade)

    @property
    def is_bad(self) -> bool:
        return int(self.grade) <= 2


class DogLicence(TimeStampedModel):
    """A dog licence (犬只登记证), serial made parallel: the police review the application, then one visit at the
    booked pet hospital records immunisation, the chip and the registration, and the licence is issued."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("犬主"), on_delete=models.PROTECT,
                               related_name="+")
    region = models.ForeignKey("orgs.Region", verbose_name=_("养犬地"), on_delete=models.PROTECT, related_name="+")
    dog_name = models.CharField(_("犬名"), max_length=40)
    breed = models.CharField(_("品种"), max_length=40)
    hospital = models.CharField(_("预约宠物医院"), max_length=100)
    visit_on = models.DateField(_("预约日期"))
    status = models.CharField(_("状态"), max_length=16, choices=DogLicenceStatus.choices,
                              default=DogLicenceStatus.SUBMITTED, db_index=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核民警"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    vaccine_batch = models.CharField(_("狂犬疫苗批号"), max_length=40, blank=True)
    chip_number = models.CharField(_("芯片号"), max_length=15, blank=True)
    visited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("宠物医院经办人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("犬只登记证号"), max_length=40, blank=True)
    note = models.CharField(_("审核意见"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("犬只登记")
        verbose_name_plural = _("犬只登记")
        ordering = ["-id"]

    def __str__(self):
        return self.dog_name

    def get_absolute_url(self):
        return reverse("small_matters:dog_detail", args=[self.pk])

    @property
    def status_choice(self) -> DogLicenceStatus:
        return DogLicenceStatus(self.status)


class Finding(TimeStampedModel):
    """An experience officer's (体验员) finding on a matter: what happened, where, with up to a few photos. It
    becomes a case (``small_matters.finding``) for the department that owns the matter; the department's answer is
    the case's result, which the officer reads on the finding's page."""

    officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("体验员"), on_delete=models.PROTECT,
                                related_name="+")
    matter = models.ForeignKey(Matter, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="findings")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    place = models.CharField(_("体验地点"), max_length=120)
    happened_on = models.DateField(_("体验日期"))
    description = models.TextField(_("发现的问题"), max_length=2000)
    photos = models.PositiveSmallIntegerField(_("照片数"), default=0)
    case = models.ForeignKey("cases.Case", verbose_name=_("工单"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("体验员发现")
        verbose_name_plural = _("体验员发现")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.matter} {self.happened_on}"

    def get_absolute_url(self):
        return reverse("small_matters:finding_detail", args=[self.pk])


class CertifiedPhoto(TimeStampedModel):
    """A person's certified photo (证件照), held once, encrypted at rest (base64 of the normalised JPEG, encrypted
    like every personal field), reused by other matters only with the person's consent."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("本人"), on_delete=models.PROTECT,
                                  related_name="+")
    image = pii.EncryptedTextField(_("证件照（加密）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    width = models.PositiveSmallIntegerField(_("宽（像素）"))
    height = models.PositiveSmallIntegerField(_("高（像素）"))

    class Meta:
        verbose_name = _("证件照")
        verbose_name_plural = _("证件照")

    def __str__(self):
        return f"{self.person_id} {self.sha256[:8]}"


class PhotoConsent(TimeStampedModel):
    """The person's consent that one matter (``matter_code``) reuses their certified photo; revocable."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("本人"), on_delete=models.PROTECT,
                               related_name="+")
    matter = models.ForeignKey(Matter, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(_("同意时间"))
    revoked_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("证件照复用授权")
        verbose_name_plural = _("证件照复用授权")
        ordering = ["-granted_at"]
        constraints = [models.UniqueConstraint(fields=["person", "matter"], condition=models.Q(revoked_at=None),
                                               name="sm_one_live_photo_consent")]

    def __str__(self):
        return f"{self.person_id} {self.matter_id}"


class PhotoUse(models.Model):
    """One use of a certified photo (stored, reused by a matter, viewed, replaced): the reuse log the person reads."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("本人"), on_delete=models.PROTECT,
                               related_name="+")
    kind = models.CharField(_("类型"), max_length=12, choices=PhotoUseKind.choices)
    matter = models.ForeignKey(Matter, verbose_name=_("事项"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    subject = models.CharField(_("办件"), max_length=60, blank=True)
    sha256 = models.CharField(_("照片 SHA-256"), max_length=64)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("证件照使用记录")
        verbose_name_plural = _("证件照使用记录")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.person_id} {self.kind} {self.at:%Y-%m-%d}"

    @property
    def kind_choice(self) -> PhotoUseKind:
        return PhotoUseKind(self.kind)
