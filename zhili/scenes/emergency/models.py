"""Models of the 浙里急救 scene: the road network and gazetteer, stations, ambulances, hospitals, AEDs, volunteers,
calls and runs. Personal data (the call-back number, the patient's vital signs and notes) is encrypted at rest."""

import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel, pii

from .choices import AmbulanceStatus, CallStatus, Capability, LocationSource, Priority, RunStatus


class RoadNetwork(TimeStampedModel):
    """A county's road network as the operator loaded it (edges CSV, gzip), the routing graph is built from it."""

    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("名称"), max_length=200)
    edges_gz = models.BinaryField(_("道路边文件（gzip）"))
    digest = models.CharField(_("SHA-256"), max_length=64)
    node_count = models.PositiveIntegerField(_("节点数"))
    edge_count = models.PositiveIntegerField(_("边数"))
    active = models.BooleanField(_("在用"), default=True)
    speed_profile = models.JSONField(_("分时速度曲线"), default=dict, blank=True)  # {road class: 24 shares}; {}: default

    class Meta:
        verbose_name = _("道路网络")
        verbose_name_plural = _("道路网络")
        ordering = ["-id"]

    def __str__(self):
        return self.name


class Place(TimeStampedModel):
    """Something with a position: longitude/latitude in WGS84 (longitude first, as the map wants)."""

    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    lon = models.FloatField(_("经度"))
    lat = models.FloatField(_("纬度"))

    class Meta:
        abstract = True


class Address(Place):
    """One entry of the county's address gazetteer (地名地址库) a described place is matched against."""

    name = models.CharField(_("地址"), max_length=200, db_index=True)

    class Meta:
        verbose_name = _("标准地址")
        verbose_name_plural = _("标准地址")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Station(Place):
    """An ambulance station (急救站) and the area it covers."""

    name = models.CharField(_("站点名称"), max_length=100)

    class Meta:
        verbose_name = _("急救站")
        verbose_name_plural = _("急救站")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Hospital(Place):
    """A receiving hospital with the centres it runs (胸痛、卒中、创伤、儿科)."""

    organization = models.OneToOneField("orgs.Organization", verbose_name=_("机构"), on_delete=models.PROTECT,
                                        related_name="+")
    name = models.CharField(_("医院名称"), max_length=100)
    capabilities = models.JSONField(_("救治能力"), default=list, blank=True)

    class Meta:
        verbose_name = _("接收医院")
        verbose_name_plural = _("接收医院")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def capability_labels(self) -> list[str]:
        return [str(Capability(c).label) for c in self.capabilities if c in Capability.values]


class Ambulance(Place):
    """An ambulance, its station, its crew and the terminal (device) that reports its position."""

    station = models.ForeignKey(Station, verbose_name=_("所属站点"), on_delete=models.PROTECT,
                                related_name="ambulances")
    plate = models.CharField(_("车牌号"), max_length=20, unique=True)
    call_sign = models.CharField(_("呼号"), max_length=20)
    device_id = models.CharField(_("车载终端编号"), max_length=64, unique=True)
    status = models.CharField(_("状态"), max_length=16, choices=AmbulanceStatus.choices,
                              default=AmbulanceStatus.AT_STATION, db_index=True)
    crew = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("车组人员"), related_name="+", blank=True)
    position_at = models.DateTimeField(_("位置时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("救护车")
        verbose_name_plural = _("救护车")
        ordering = ["call_sign"]

    def __str__(self):
        return f"{self.call_sign}（{self.plate}）"


class Terminal(TimeStampedModel):
    """An ambulance terminal's API credentials (a core API client with the scope of the ambulance's device),
    registered by the dispatch centre; the secret is shown once. A revoked terminal's tokens are refused."""

    ambulance = models.ForeignKey(Ambulance, verbose_name=_("救护车"), on_delete=models.PROTECT,
                                  related_name="terminals")
    client = models.OneToOneField("identity.ApiClient", verbose_name=_("接口客户端"), on_delete=models.PROTECT,
                                  related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("吊销人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("车载终端凭据")
        verbose_name_plural = _("车载终端凭据")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.ambulance.call_sign} {self.client.client_id}"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class AED(Place):
    """An automated external defibrillator: where, when it can be reached, when it was last checked."""

    place = models.CharField(_("放置地点"), max_length=200)
    hours = models.CharField(_("开放时间"), max_length=100, default="24小时")
    checked_on = models.DateField(_("最近检查"), null=True, blank=True)
    usable = models.BooleanField(_("可用"), default=True)

    class Meta:
        verbose_name = _("AED")
        verbose_name_plural = _("AED")
        ordering = ["place"]

    def __str__(self):
        return self.place


class Volunteer(Place):
    """A registered first-aid volunteer (持证救护员) who consented to be told of calls near them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("志愿者"), on_delete=models.PROTECT,
                                related_name="+")
    consented_at = models.DateTimeField(_("同意时间"), null=True, blank=True)
    opted_out_at = models.DateTimeField(_("退出时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("急救志愿者")
        verbose_name_plural = _("急救志愿者")

    def __str__(self):
        return str(self.user)

    @property
    def active(self) -> bool:
        return self.consented_at is not None and self.opted_out_at is None


class Call(TimeStampedModel):
    """A 120 call: who called (number encrypted), where (by consent, words, or unknown), triage and priority."""

    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    caller = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("呼救人"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    phone = pii.EncryptedTextField(_("回拨号码"), blind_index_field="phone_index", blank=True)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    lon = models.FloatField(_("经度"), null=True, blank=True)
    lat = models.FloatField(_("纬度"), null=True, blank=True)
    accuracy_m = models.FloatField(_("定位精度（米）"), null=True, blank=True)
    location_source = models.CharField(_("位置来源"), max_length=16, choices=LocationSource.choices,
                                       default=LocationSource.NONE)
    uncertainty_m = models.FloatField(_("位置不确定半径（米）"), null=True, blank=True)
    location_conflict = models.BooleanField(_("位置来源相互矛盾"), default=False)
    readings = models.JSONField(_("各来源位置"), default=list, blank=True)  # [{source, lon, lat, uncertainty_m}]
    described_place = models.CharField(_("呼救人描述的地点"), max_length=200, blank=True)
    matched_address = models.CharField(_("匹配地址"), max_length=200, blank=True)
    complaint = models.CharField(_("主诉"), max_length=200, blank=True)
    triage = models.JSONField(_("分诊问答"), default=dict, blank=True)
    priority = models.CharField(_("优先级"), max_length=1, choices=Priority.choices, default=Priority.UNKNOWN,
                                db_index=True)
    capability = models.CharField(_("所需救治能力"), max_length=16, choices=Capability.choices,
                                  default=Capability.GENERAL)
    status = models.CharField(_("状态"), max_length=16, choices=CallStatus.choices, default=CallStatus.WAITING,
                              db_index=True)
    received_at = models.DateTimeField(_("受理时间"), db_index=True)
    triaged_at = models.DateTimeField(_("分诊时间"), null=True, blank=True)
    dispatched_at = models.DateTimeField(_("派车时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("呼救")
        verbose_name_plural = _("呼救")
        ordering = ["-received_at", "-id"]

    def __str__(self):
        return f"呼救 {self.pk}"

    @property
    def has_location(self) -> bool:
        return self.lon is not None and self.lat is not None

    @property
    def masked_phone(self) -> str:
        return pii.mask_phone(self.phone) if self.phone else ""


class Run(TimeStampedModel):
    """One ambulance sent to one call: recommendation, the dispatcher's decision, status times, patient record."""

    call = models.ForeignKey(Call, verbose_name=_("呼救"), on_delete=models.PROTECT, related_name="runs")
    ambulance = models.ForeignKey(Ambulance, verbose_name=_("救护车"), on_delete=models.PROTECT, related_name="runs")
    recommended = models.ForeignKey(Ambulance, verbose_name=_("系统推荐车辆"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    override_reason = models.CharField(_("改选理由"), max_length=300, blank=True)
    pre_empted_run = models.ForeignKey("self", verbose_name=_("被抢占的任务"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    dispatcher = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("调度员"), on_delete=models.PROTECT,
                                   related_name="+")
    status = models.CharField(_("状态"), max_length=16, choices=RunStatus.choices, default=RunStatus.ASSIGNED,
                              db_index=True)
    eta_s = models.PositiveIntegerField(_("预计到达（秒）"), null=True, blank=True)
    eta_at = models.DateTimeField(_("预计到达时间"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("派单时间"))
    accepted_at = models.DateTimeField(_("接单时间"), null=True, blank=True)
    en_route_at = models.DateTimeField(_("出车时间"), null=True, blank=True)
    on_scene_at = models.DateTimeField(_("到达现场时间"), null=True, blank=True)
    patient_at = models.DateTimeField(_("接到患者时间"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    handed_over_at = models.DateTimeField(_("交接时间"), null=True, blank=True)
    handed_over_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("接收人"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    hospital = models.ForeignKey(Hospital, verbose_name=_("送往医院"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="runs")
    hospital_eta_at = models.DateTimeField(_("预计到院时间"), null=True, blank=True)
    vitals_json = pii.EncryptedTextField(_("生命体征"), blank=True)
    notes = pii.EncryptedTextField(_("病情记录"), blank=True)
    diagnosis = models.CharField(_("初步诊断类别"), max_length=32, blank=True)
    late_case = models.ForeignKey("cases.Case", verbose_name=_("超时复核工单"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("出车任务")
        verbose_name_plural = _("出车任务")
        ordering = ["-assigned_at", "-id"]

    def __str__(self):
        return f"任务 {self.pk}"

    @property
    def vitals(self) -> list[dict]:
        return json.loads(self.vitals_json) if self.vitals_json else []

    @property
    def latest_vitals(self) -> dict:
        readings = self.vitals
        return readings[-1] if readings else {}

    @property
    def response_s(self) -> int | None:
        if self.on_scene_at is None:
            return None
        return int((self.on_scene_at - self.call.received_at).total_seconds())
