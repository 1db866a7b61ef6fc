"""Models of the 浙农补 scene: farmers, plots with their boundaries and transfers, aerial surveys, the year's rounds of
each subsidy type, pre-verified plots (预核定), claims and the day's 一卡通 payment files."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel, pii

from .choices import (
    ClaimStatus,
    LandUse,
    LineStatus,
    PaymentFileStatus,
    RoundStatus,
    SubsidyRight,
    SubsidyType,
    WarningColour,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
AREA = {"max_digits": 12, "decimal_places": 2}


class Farmer(TimeStampedModel):
    """A farming household (农户) by its head (户主): identity and 一卡通 bank card encrypted, the town it lives in."""

    region = models.ForeignKey("orgs.Region", verbose_name=_("所在乡镇"), on_delete=models.PROTECT, related_name="+")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("登录账号"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="grain_farmer")
    name = models.CharField(_("户主姓名"), max_length=50)
    id_number = pii.EncryptedTextField(_("户主身份证号码"), blind_index_field="id_number_index")
    id_number_index = models.CharField(max_length=64, editable=False, db_index=True)
    phone = pii.EncryptedTextField(_("手机号码"), blank=True)
    members = models.PositiveSmallIntegerField(_("家庭人口"), default=1)
    bank_name = models.CharField(_("一卡通开户银行"), max_length=100)
    bank_card = pii.EncryptedTextField(_("一卡通卡号"), blind_index_field="bank_card_index")
    bank_card_index = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("农户")
        verbose_name_plural = _("农户")
        ordering = ["region", "id"]
        constraints = [models.UniqueConstraint(fields=["id_number_index"], name="grain_subsidy_farmer_unique_id")]

    def __str__(self):
        return self.name

    @property
    def masked_name(self) -> str:
        return pii.mask_name(self.name)

    @property
    def masked_id_number(self) -> str:
        return pii.mask_id_number(self.id_number or "")

    @property
    def masked_bank_card(self) -> str:
        card = self.bank_card or ""
        return f"{card[:4]} **** **** {card[-4:]}" if len(card) >= 8 else "****"


class Plot(TimeStampedModel):
    """A plot of arable land (地块): its boundary (GeoJSON polygon, WGS84/CGCS2000 degrees), the area measured on the
    ellipsoid and the registered (确权) area, the contract holder (承包户) and the latest class from the surveys."""

    code = models.CharField(_("地块编码"), max_length=40, unique=True)
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在乡镇"), on_delete=models.PROTECT, related_name="+")
    village = models.CharField(_("所在村"), max_length=50)
    contractor = models.ForeignKey(Farmer, verbose_name=_("承包户"), on_delete=models.PROTECT, related_name="plots")
    boundary = models.JSONField(_("地块边界（GeoJSON）"))
    measured_area_mu = models.DecimalField(_("测绘面积（亩）"), **AREA)
    registered_area_mu = models.DecimalField(_("确权面积（亩）"), **AREA)
    grain_zone = models.BooleanField(_("粮食生产功能区"), default=False)
    min_lon = models.FloatField(editable=False)
    min_lat = models.FloatField(editable=False)
    max_lon = models.FloatField(editable=False)
    max_lat = models.FloatField(editable=False)
    cell_x = models.IntegerField(editable=False, default=0)  # geometry.grid_cell, set when the plot is written
    cell_y = models.IntegerField(editable=False, default=0)
    land_use = models.CharField(_("最新监测属性"), max_length=16, choices=LandUse.choices, default=LandUse.UNSURVEYED,
                                db_index=True)

    class Meta:
        verbose_name = _("地块")
        verbose_name_plural = _("地块")
        ordering = ["code"]
        # The map's bounding-box, extent and cluster queries read only this index (region, box, class).
        indexes = [models.Index(fields=["region", "min_lon", "min_lat", "max_lon", "max_lat", "land_use"],
                                name="grain_plot_box_use"),
                   models.Index(fields=["region", "cell_x", "cell_y", "land_use"], name="grain_plot_cell_use"),
                   models.Index(fields=["region", "updated_at"], name="grain_plot_changed")]

    def __str__(self):
        return self.code

    @property
    def land_use_choice(self) -> LandUse:
        return LandUse(self.land_use)


class Transfer(TimeStampedModel):
    """A land transfer (土地流转) of a plot to an operator for a period, saying who holds the subsidy right."""

    plot = models.ForeignKey(Plot, verbose_name=_("地块"), on_delete=models.PROTECT, related_name="transfers")
    operator = models.ForeignKey(Farmer, verbose_name=_("经营者"), on_delete=models.PROTECT, related_name="operated")
    starts_on = models.DateField(_("流转起始日"))
    ends_on = models.DateField(_("流转终止日"))
    subsidy_right = models.CharField(_("耕地地力保护补贴归属"), max_length=16, choices=SubsidyRight.choices,
                                     default=SubsidyRight.CONTRACTOR)
    disputed = models.BooleanField(_("存在流转纠纷"), default=False)

    class Meta:
        verbose_name = _("土地流转")
        verbose_name_plural = _("土地流转")
        ordering = ["plot", "-starts_on"]


class Survey(TimeStampedModel):
    """One aerial survey (航拍监测) of the county: its date and the file it came from."""

    region = models.ForeignKey("orgs.Region", verbose_name=_("监测区域"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("监测批次"), max_length=100)
    taken_on = models.DateField(_("影像日期"))
    source = models.CharField(_("来源文件"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("航拍监测")
        verbose_name_plural = _("航拍监测")
        ordering = ["-taken_on", "-id"]

    def __str__(self):
        return self.name


class SurveyResult(TimeStampedModel):
    """What one survey found on one plot."""

    survey = models.ForeignKey(Survey, verbose_name=_("航拍监测"), on_delete=models.CASCADE, related_name="results")
    plot = models.ForeignKey(Plot, verbose_name=_("地块"), on_delete=models.CASCADE, related_name="survey_results")
    land_use = models.CharField(_("监测属性"), max_length=16, choices=LandUse.choices)

    class Meta:
        verbose_name = _("监测结果")
        verbose_name_plural = _("监测结果")
        ordering = ["plot", "-survey__taken_on"]
        constraints = [models.UniqueConstraint(fields=["survey", "plot"], name="grain_subsidy_result_unique_plot")]


class FieldCheck(TimeStampedModel):
    """A field check (外业核查) of a plot by an inspector on a phone: the class found on the ground, where the
    inspector stood and a photo as evidence (bounded, checked to be a JPEG or PNG image, kept with its SHA-256)."""

    plot = models.ForeignKey(Plot, verbose_name=_("地块"), on_delete=models.CASCADE, related_name="field_checks")
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("核查人"), on_delete=models.PROTECT,
                                  related_name="+")
    checked_at = models.DateTimeField(_("核查时间"))
    land_use = models.CharField(_("实地属性"), max_length=16, choices=LandUse.choices)
    lon = models.FloatField(_("经度"))
    lat = models.FloatField(_("纬度"))
    distance_m = models.FloatField(_("距地块（米）"))
    photo = models.FileField(_("现场照片"), upload_to="grain_subsidy/field_checks/%Y/%m/")
    photo_sha256 = models.CharField(_("照片 SHA-256"), max_length=64)
    photo_bytes = models.PositiveIntegerField(_("照片大小（字节）"))
    note = models.CharField(_("核查说明"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("外业核查")
        verbose_name_plural = _("外业核查")
        ordering = ["-checked_at", "-id"]

    @property
    def land_use_choice(self) -> LandUse:
        return LandUse(self.land_use)


class SubsidyRound(TimeStampedModel):
    """One year's round of one subsidy type in a county: the per-mu amount in force (with its 文号) and the window."""

    region = models.ForeignKey("orgs.Region", verbose_name=_("县（市、区）"), on_delete=models.PROTECT,
                               related_name="+")
    subsidy_type = models.CharField(_("补贴类型"), max_length=24, choices=SubsidyType.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    per_mu_yuan = models.DecimalField(_("每亩补贴标准（元）"), **MONEY)
    per_mu_reference = models.CharField(_("补贴标准依据"), max_length=300)
    opens_on = models.DateField(_("申领开始日"))
    closes_on = models.DateField(_("申领截止日"))
    status = models.CharField(_("状态"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.DRAFT)

    class Meta:
        verbose_name = _("补贴批次")
        verbose_name_plural = _("补贴批次")
        ordering = ["-year", "subsidy_type"]
        constraints = [models.UniqueConstraint(fields=["region", "subsidy_type", "year"],
                                               name="grain_subsidy_round_unique")]

    def __str__(self):
        return f"{self.year} {SubsidyType(self.subsidy_type).label}"

    @property
    def status_choice(self) -> RoundStatus:
        return RoundStatus(self.status)

    @property
    def subsidy_type_choice(self) -> SubsidyType:
        return SubsidyType(self.subsidy_type)


class Claim(TimeStampedModel):
    """A farmer's claim (申领) of their pre-verified plots in one round: confirmed, nothing filled in."""

    round = models.ForeignKey(SubsidyRound, verbose_name=_("补贴批次"), on_delete=models.PROTECT,
                              related_name="claims")
    farmer = models.ForeignKey(Farmer, verbose_name=_("农户"), on_delete=models.PROTECT, related_name="claims")
    status = models.CharField(_("状态"), max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED,
                              db_index=True)
    audited_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_digest = models.CharField(_("审核结论摘要（SHA-256）"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("补贴申领")
        verbose_name_plural = _("补贴申领")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["round", "farmer"], name="grain_subsidy_claim_unique")]

    @property
    def status_choice(self) -> ClaimStatus:
        return ClaimStatus(self.status)


class PaymentFile(TimeStampedModel):
    """The day's payment file (代发文件) for the 一卡通 bank: lines, totals checked, two approvals."""

    round = models.ForeignKey(SubsidyRound, verbose_name=_("补贴批次"), on_delete=models.PROTECT,
                              related_name="payment_files")
    number = models.CharField(_("文件编号"), max_length=40, unique=True)
    day = models.DateField(_("发放日"))
    line_count = models.PositiveIntegerField(_("笔数"))
    total_yuan = models.DecimalField(_("金额合计（元）"), **MONEY)
    content = pii.EncryptedTextField(_("代发文件"))
    digest = models.CharField(_("文件摘要（SHA-256）"), max_length=64)
    status = models.CharField(_("状态"), max_length=16, choices=PaymentFileStatus.choices,
                              default=PaymentFileStatus.MADE)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("制作人"), on_delete=models.PROTECT,
                                related_name="+")
    first_approver = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("初审人"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    second_approver = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("复审人"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    paid_at = models.DateTimeField(_("发放时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("代发文件")
        verbose_name_plural = _("代发文件")
        ordering = ["-day", "-id"]

    def __str__(self):
        return self.number

    @property
    def status_choice(self) -> PaymentFileStatus:
        return PaymentFileStatus(self.status)


class PreVerifiedPlot(TimeStampedModel):
    """A plot's pre-verification (预核定) in a round: who holds the right, eligible area, amount, colour and why;
    then its claim, audit and payment. One per plot and round, so a plot is never paid twice for a subsidy and year."""

    round = models.ForeignKey(SubsidyRound, verbose_name=_("补贴批次"), on_delete=models.CASCADE,
                              related_name="lines")
    plot = models.ForeignKey(Plot, verbose_name=_("地块"), on_delete=models.PROTECT, related_name="pre_verifications")
    farmer = models.ForeignKey(Farmer, verbose_name=_("补贴对象"), on_delete=models.PROTECT,
                               related_name="pre_verifications")
    land_use = models.CharField(_("监测属性"), max_length=16, choices=LandUse.choices)
    eligible_area_mu = models.DecimalField(_("核定面积（亩）"), **AREA)
    amount_yuan = models.DecimalField(_("核定金额（元）"), **MONEY)
    colour = models.CharField(_("预警"), max_length=8, choices=WarningColour.choices, db_index=True)
    reasons = models.JSONField(_("预警原因"), default=list)
    status = models.CharField(_("状态"), max_length=16, choices=LineStatus.choices, default=LineStatus.OFFERED,
                              db_index=True)
    audit_reasons = models.JSONField(_("审核意见"), default=list)
    claim = models.ForeignKey(Claim, verbose_name=_("补贴申领"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="lines")
    payment_file = models.ForeignKey(PaymentFile, verbose_name=_("代发文件"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="lines")
    objection = models.ForeignKey("cases.Case", verbose_name=_("异议工单"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    rectification = models.ForeignKey("cases.Case", verbose_name=_("整改任务"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("预核定地块")
        verbose_name_plural = _("预核定地块")
        ordering = ["round", "plot__code"]
        constraints = [models.UniqueConstraint(fields=["round", "plot"], name="grain_subsidy_line_unique_plot")]
        indexes = [models.Index(fields=["round", "updated_at"], name="grain_line_changed")]

    @property
    def colour_choice(self) -> WarningColour:
        return WarningColour(self.colour)

    @property
    def status_choice(self) -> LineStatus:
        return LineStatus(self.status)

    @property
    def land_use_choice(self) -> LandUse:
        return LandUse(self.land_use)
