"""Models of the 浙里好家政 scene: agencies, workers and customers; the 安心码's notice slips, watch list and scans."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel, pii

from .choices import (
    BackgroundCheck,
    CodeColour,
    OrderStatus,
    RatingTarget,
    ScanResult,
    SeekerCategory,
    SeekerStage,
    ServiceKind,
    SlipStatus,
)


class Agency(TimeStampedModel):
    """A housekeeping agency (家政服务机构): an enterprise with a licence, its services, area and credit grade."""

    organization = models.OneToOneField("orgs.Organization", verbose_name=_("企业"), on_delete=models.PROTECT,
                                        related_name="housekeeping_agency")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("机构名称"), max_length=200)
    licence_number = models.CharField(_("营业执照或备案编号"), max_length=40)
    services = models.JSONField(_("服务项目"), default=list)
    area = models.CharField(_("服务区域"), max_length=200, blank=True)
    stars = models.PositiveSmallIntegerField(_("信用等级（A 数）"), default=3)
    rating_avg = models.DecimalField(_("平均评分"), max_digits=3, decimal_places=2, default=0)
    rating_count = models.PositiveIntegerField(_("评价数"), default=0)

    class Meta:
        verbose_name = _("家政服务机构")
        verbose_name_plural = _("家政服务机构")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class Worker(TimeStampedModel):
    """A housekeeper (家政服务员): identity (encrypted), skills, certificates, checks, area, price and 安心码 colour.

    ``code_key`` names the worker in core.indicators (the entity of the safety-code system) and in the QR code;
    it says nothing about the person.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("账号"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="housekeeping_worker")
    agency = models.ForeignKey(Agency, verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="workers")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    code_key = models.CharField(_("安心码编号"), max_length=20, unique=True)
    name = models.CharField(_("姓名"), max_length=50)
    id_number = pii.EncryptedTextField(_("身份证号码"), blind_index_field="id_number_index")
    id_number_index = models.CharField(max_length=64, db_index=True, editable=False)
    phone = pii.EncryptedTextField(_("手机号码"), blank=True)
    skills = models.JSONField(_("服务技能"), default=list)
    certificates = models.JSONField(_("职业技能证书"), default=list)
    languages = models.JSONField(_("语言"), default=list)
    training_hours = models.PositiveIntegerField(_("培训学时"), default=0)
    years_of_service = models.PositiveSmallIntegerField(_("从业年限"), default=0)
    health_certificate_expires = models.DateField(_("健康证有效期至"), null=True, blank=True)
    insurance_expires = models.DateField(_("从业责任保险有效期至"), null=True, blank=True)
    background_check = models.CharField(_("公安背景核查"), max_length=16, choices=BackgroundCheck.choices,
                                        default=BackgroundCheck.PENDING)
    latitude = models.FloatField(_("纬度"))
    longitude = models.FloatField(_("经度"))
    cell = models.BigIntegerField(_("网格"), default=0, db_index=True, editable=False)
    service_radius_km = models.DecimalField(_("服务半径（公里）"), max_digits=5, decimal_places=1, default=5)
    hourly_price = models.DecimalField(_("每小时价格（元）"), max_digits=8, decimal_places=2)
    available = models.BooleanField(_("可接单"), default=True)
    stars = models.PositiveSmallIntegerField(_("信用星级"), default=3)
    rating_avg = models.DecimalField(_("平均评分"), max_digits=3, decimal_places=2, default=0)
    rating_count = models.PositiveIntegerField(_("评价数"), default=0)
    code_colour = models.CharField(_("安心码"), max_length=8, choices=CodeColour.choices, default=CodeColour.YELLOW,
                                   db_index=True)
    code_reasons = models.JSONField(_("赋码原因"), default=list)
    code_updated_at = models.DateTimeField(_("赋码时间"), null=True, blank=True)
    on_watch_list = models.BooleanField(_("在重点关注名单"), default=False, db_index=True)
    active = models.BooleanField(_("在册"), default=True)

    class Meta:
        verbose_name = _("家政服务员")
        verbose_name_plural = _("家政服务员")
        ordering = ["agency", "name", "id"]
        indexes = [models.Index(fields=["region", "code_colour"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("housekeeping:worker_detail", args=[self.pk])

    @property
    def colour(self) -> CodeColour:
        return CodeColour(self.code_colour)

    @property
    def masked_name(self) -> str:
        return pii.mask_name(self.name)

    @property
    def skill_labels(self) -> list[str]:
        return [str(ServiceKind(s).label) for s in self.skills if s in ServiceKind.values]

    @property
    def masked_id_number(self) -> str:
        return pii.mask_id_number(self.id_number) if self.id_number else ""


class Customer(TimeStampedModel):
    """A household that books housekeeping services (雇主/客户), with its address and its grade from agencies."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.PROTECT,
                                related_name="housekeeping_customer")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    phone = pii.EncryptedTextField(_("手机号码"), blank=True)
    address = models.CharField(_("服务地址"), max_length=300)
    latitude = models.FloatField(_("纬度"))
    longitude = models.FloatField(_("经度"))
    stars = models.PositiveSmallIntegerField(_("信用星级"), default=3)
    rating_avg = models.DecimalField(_("平均评分"), max_digits=3, decimal_places=2, default=0)
    rating_count = models.PositiveIntegerField(_("评价数"), default=0)

    class Meta:
        verbose_name = _("家政客户")
        verbose_name_plural = _("家政客户")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class NoticeSlip(TimeStampedModel):
    """A yellow or red notice slip (整改通知单): why the code turned, what to do; sent to the worker and the agency."""

    worker = models.ForeignKey(Worker, verbose_name=_("家政服务员"), on_delete=models.PROTECT, related_name="slips")
    agency = models.ForeignKey(Agency, verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="slips")
    colour = models.CharField(_("码色"), max_length=8, choices=CodeColour.choices)
    reasons = models.JSONField(_("原因及整改要求"), default=list)
    status = models.CharField(_("状态"), max_length=16, choices=SlipStatus.choices, default=SlipStatus.SENT,
                              db_index=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("签收人"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("整改完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("整改通知单")
        verbose_name_plural = _("整改通知单")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.worker} {self.colour}"


class WatchListEntry(TimeStampedModel):
    """A red-coded worker on the watch list (重点关注名单), from the day the code turned red until lifted."""

    worker = models.ForeignKey(Worker, verbose_name=_("家政服务员"), on_delete=models.PROTECT,
                               related_name="watch_entries")
    reasons = models.JSONField(_("原因"), default=list)
    lifted_at = models.DateTimeField(_("移出时间"), null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("移出人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    lift_note = models.CharField(_("移出说明"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("重点关注名单")
        verbose_name_plural = _("重点关注名单")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return str(self.worker)


class CodeScan(TimeStampedModel):
    """One scan of a worker's code: who scanned, and whether the code was shown or refused (the worker sees these)."""

    worker = models.ForeignKey(Worker, verbose_name=_("家政服务员"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="scans")
    scanned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("扫码人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("结果"), max_length=16, choices=ScanResult.choices)
    reason = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("扫码记录")
        verbose_name_plural = _("扫码记录")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.worker} {self.result}"

    @property
    def scanner_label(self) -> str:
        """Who scanned, as the worker sees it: the masked name (a customer's name is personal data too)."""
        user = self.scanned_by
        return pii.mask_name(user.name or user.username) if user else ""


class Complaint(TimeStampedModel):
    """A customer's complaint about a worker; once upheld it counts against the worker's 安心码 for the dated window."""

    worker = models.ForeignKey(Worker, verbose_name=_("家政服务员"), on_delete=models.PROTECT,
                               related_name="complaints")
    customer = models.ForeignKey(Customer, verbose_name=_("投诉人"), on_delete=models.PROTECT,
                                 related_name="complaints")
    lodged_on = models.DateField(_("投诉日期"))
    text = models.TextField(_("投诉内容"))
    upheld = models.BooleanField(_("投诉成立"), default=False)
    order = models.ForeignKey("Order", verbose_name=_("订单"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="complaints")
    case_id = models.PositiveBigIntegerField(_("工单编号"), null=True, blank=True)

    class Meta:
        verbose_name = _("投诉")
        verbose_name_plural = _("投诉")
        ordering = ["-lodged_on", "-id"]

    def __str__(self):
        return f"{self.worker} {self.lodged_on}"


class ServiceRequest(TimeStampedModel):
    """A customer's request (找家政): the service, where, when, how long, the budget and the preferences."""

    customer = models.ForeignKey(Customer, verbose_name=_("客户"), on_delete=models.PROTECT, related_name="requests")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    service = models.CharField(_("服务项目"), max_length=20, choices=ServiceKind.choices)
    address = models.CharField(_("服务地址"), max_length=300)
    latitude = models.FloatField(_("纬度"))
    longitude = models.FloatField(_("经度"))
    starts_at = models.DateTimeField(_("上门时间"))
    hours = models.DecimalField(_("服务时长（小时）"), max_digits=5, decimal_places=1)
    budget_per_hour = models.DecimalField(_("每小时预算（元）"), max_digits=8, decimal_places=2, null=True, blank=True)
    languages = models.JSONField(_("语言偏好"), default=list)
    note = models.CharField(_("备注"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("服务需求")
        verbose_name_plural = _("服务需求")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.customer} {self.service}"


class Order(TimeStampedModel):
    """An order: a request given to one worker (and their agency), its score, its three-party contract, check-in."""

    request = models.ForeignKey(ServiceRequest, verbose_name=_("服务需求"), on_delete=models.PROTECT,
                                related_name="orders")
    customer = models.ForeignKey(Customer, verbose_name=_("客户"), on_delete=models.PROTECT, related_name="orders")
    worker = models.ForeignKey(Worker, verbose_name=_("家政服务员"), on_delete=models.PROTECT, related_name="orders")
    agency = models.ForeignKey(Agency, verbose_name=_("家政机构"), on_delete=models.PROTECT, related_name="orders")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("订单编号"), max_length=24, unique=True)
    status = models.CharField(_("状态"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.OFFERED,
                              db_index=True)
    price_per_hour = models.DecimalField(_("每小时价格（元）"), max_digits=8, decimal_places=2)
    amount = models.DecimalField(_("服务费（元）"), max_digits=10, decimal_places=2)
    match_score = models.DecimalField(_("匹配得分"), max_digits=6, decimal_places=2)
    match_explanation = models.JSONField(_("匹配说明"), default=dict)
    accepted_at = models.DateTimeField(_("接单时间"), null=True, blank=True)
    response_minutes = models.PositiveIntegerField(_("响应时长（分钟）"), null=True, blank=True)
    contract_pdf = models.BinaryField(_("服务合同"), null=True, blank=True)
    contract_sha256 = models.CharField(_("合同摘要"), max_length=64, blank=True)
    customer_signed_at = models.DateTimeField(_("客户签署时间"), null=True, blank=True)
    worker_signed_at = models.DateTimeField(_("服务员签署时间"), null=True, blank=True)
    agency_signed_at = models.DateTimeField(_("机构签章时间"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("上门签到时间"), null=True, blank=True)
    check_in_distance_m = models.PositiveIntegerField(_("签到位置距服务地址（米）"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    closing_note = models.CharField(_("说明"), max_length=300, blank=True)
    # Cancelled after a signature: the platform-sealed revocation notice (合同撤销通知书) naming the contract's
    # digest; the signed contract itself stays as it was signed.
    revocation_pdf = models.BinaryField(_("合同撤销通知书"), null=True, blank=True)
    revocation_sha256 = models.CharField(_("撤销通知书摘要"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("家政订单")
        verbose_name_plural = _("家政订单")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("housekeeping:order_detail", args=[self.pk])

    @property
    def status_choice(self) -> OrderStatus:
        return OrderStatus(self.status)


class Rating(TimeStampedModel):
    """One rating after a finished order: the customer rates the worker and the agency; the agency the customer."""

    order = models.ForeignKey(Order, verbose_name=_("订单"), on_delete=models.PROTECT, related_name="ratings")
    target = models.CharField(_("评价对象"), max_length=16, choices=RatingTarget.choices)
    stars = models.PositiveSmallIntegerField(_("评分"))
    comment = models.CharField(_("评语"), max_length=300, blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评价人"), on_delete=models.PROTECT,
                                 related_name="+")

    class Meta:
        verbose_name = _("评价")
        verbose_name_plural = _("评价")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["order", "target"], name="housekeeping_rating_once")]

    def __str__(self):
        return f"{self.order} {self.target} {self.stars}"


class JobSeeker(TimeStampedModel):
    """A low-income or unemployed person willing to work (当家政), from the data pool with consent, and their path."""

    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    id_number = pii.EncryptedTextField(_("身份证号码"), blind_index_field="id_number_index")
    id_number_index = models.CharField(max_length=64, unique=True, editable=False)
    phone = pii.EncryptedTextField(_("手机号码"), blank=True)
    category = models.CharField(_("类别"), max_length=16, choices=SeekerCategory.choices)
    consent = models.BooleanField(_("同意接收就业信息"), default=False)
    stage = models.CharField(_("进度"), max_length=16, choices=SeekerStage.choices, default=SeekerStage.IDENTIFIED,
                             db_index=True)
    history = models.JSONField(_("进度记录"), default=list)
    worker = models.ForeignKey(Worker, verbose_name=_("上岗登记"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")

    class Meta:
        verbose_name = _("就业帮扶对象")
        verbose_name_plural = _("就业帮扶对象")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.name

    @property
    def masked_name(self) -> str:
        return pii.mask_name(self.name)


class MatchSlot(TimeStampedModel):
    """The nearby-search index: one row per service an eligible worker offers, keyed by service and grid cell.

    Only workers who may be matched (active, available, green code) have rows, so a search reads the few rows of
    the cells around an address for one service under one B-tree index, on SQLite and PostgreSQL alike.
    ``matching.refresh_slots`` keeps it in step whenever a worker's code, availability or place changes.
    """

    worker = models.ForeignKey(Worker, verbose_name=_("家政服务员"), on_delete=models.CASCADE, related_name="+")
    key = models.BigIntegerField(_("检索键"), db_index=True)

    class Meta:
        verbose_name = _("就近检索索引")
        verbose_name_plural = _("就近检索索引")

    def __str__(self):
        return f"{self.worker_id}@{self.key}"
