"""The scene's structure: congresses at four levels, liaison stations with their QR codes, deputies."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit
from zhili.core.identity.api import require

from ..choices import CongressLevel
from ..models import Congress, Deputy, LiaisonStation
from .common import required


@transaction.atomic
def create_congress(*, region, level: str, name: str, term: int, actor) -> Congress:
    """Register the people's congress of ``region`` for its ``term`` (届)."""
    require(actor, "deputy_duty.structure.manage", region)
    if level not in CongressLevel.values:
        raise ValidationError({"level": _("层级：须为省级、市级、县级或乡镇级")}, code="invalid")
    if Congress.objects.filter(region=region, term=term).exists():
        raise ValidationError({"term": _("届次：该区划第 {t} 届人大已登记").format(t=term)}, code="duplicate")
    congress = Congress.objects.create(region=region, level=level, name=required(name, "name", _("名称"), 100),
                                       term=term)
    audit.record("deputy_duty.congress.created", actor=actor, target=congress, data={"level": level, "term": term})
    return congress


@transaction.atomic
def register_station(*, congress: Congress, region, name: str, area: str, address: str, opening_hours: str,
                     actor) -> LiaisonStation:
    """Open a liaison station of ``congress`` in ``region`` (inside the congress's region)."""
    require(actor, "deputy_duty.structure.manage", region)
    if not region.path.startswith(congress.region.path):
        raise ValidationError({"region": _("所在区划：须在{c}的行政区域内").format(c=congress.name)}, code="outside")
    station = LiaisonStation.objects.create(
        congress=congress, region=region, name=required(name, "name", _("名称"), 100),
        area=required(area, "area", _("联系区域"), 200), address=required(address, "address", _("地址"), 200),
        opening_hours=required(opening_hours, "opening_hours", _("接待时间"), 100))
    audit.record("deputy_duty.station.registered", actor=actor, target=station, data={"congress": congress.pk})
    return station


@transaction.atomic
def register_deputy(*, user, congress: Congress, constituency: str, delegation: str, station=None,
                    actor) -> Deputy:
    """Record ``user`` as a deputy of ``congress`` (the deputies' qualification was confirmed by the congress)."""
    require(actor, "deputy_duty.structure.manage", congress.region)
    if station is not None and station.congress_id != congress.pk and not station.region.path.startswith(
            congress.region.path):
        raise ValidationError({"station": _("进站联络站：须在本级人大的行政区域内")}, code="outside")
    if Deputy.objects.filter(user=user, congress=congress).exists():
        raise ValidationError({"user": _("该人员已是{c}代表").format(c=congress.name)}, code="duplicate")
    deputy = Deputy.objects.create(user=user, congress=congress, name=user.name or user.username,
                                   constituency=required(constituency, "constituency", _("选区"), 100),
                                   delegation=required(delegation, "delegation", _("代表团"), 100), station=station)
    audit.record("deputy_duty.deputy.registered", actor=actor, target=deputy,
                 data={"congress": congress.pk, "station": station.pk if station else None})
    return deputy
