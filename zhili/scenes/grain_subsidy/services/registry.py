"""Farmers, plots, transfers and surveys: the registers pre-verification stands on."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events, pii, validate_id_number
from zhili.core.identity.api import require

from .. import geometry
from ..choices import LandUse, SubsidyRight
from ..models import Farmer, Plot, Survey, SurveyResult, Transfer
from ..rules import overlap_tolerance_m2
from .common import decimal_field


def luhn_ok(digits: str) -> bool:
    """True if ``digits`` passes the Luhn (ISO/IEC 7812) check digit that bank cards carry."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def clean_bank_card(card: str) -> str:
    card = "".join((card or "").split())
    if not card.isdigit() or not 16 <= len(card) <= 19:
        raise ValidationError({"bank_card": _("一卡通卡号须为 16 至 19 位数字")}, code="format")
    if not luhn_ok(card):
        raise ValidationError({"bank_card": _("一卡通卡号校验位不正确（Luhn 校验）")}, code="check_digit")
    return card


@transaction.atomic
def register_farmer(*, region, name: str, id_number: str, bank_name: str, bank_card: str, phone: str = "",
                    members: int = 1, user=None, actor) -> Farmer:
    """Register a farming household by its head, with the 一卡通 card the subsidies are paid to."""
    require(actor, "grain_subsidy.plot.manage", region)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写户主姓名")}, code="required")
    id_number = (id_number or "").strip().upper()
    try:
        validate_id_number(id_number)
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.messages}, code="invalid") from None
    card = clean_bank_card(bank_card)
    if Farmer.objects.filter(id_number_index=pii.blind_index(id_number)).exists():
        raise ValidationError({"id_number": _("该身份证号码已登记为农户")}, code="duplicate")
    farmer = Farmer.objects.create(region=region, user=user, name=name[:50], id_number=id_number, phone=phone or "",
                                   members=max(1, int(members or 1)), bank_name=(bank_name or "").strip()[:100],
                                   bank_card=card)
    audit.record("grain_subsidy.farmer.registered", actor=actor, target=farmer, data={"region": region.code})
    return farmer


def overlapping_plots(boundary: geometry.Boundary, *, region, exclude_farmer=None, day: dt.date):
    """Plots of other farmers in ``region`` that share more than the tolerated area with ``boundary``."""
    tolerance = float(overlap_tolerance_m2(day).value)
    min_lon, min_lat, max_lon, max_lat = boundary.bbox
    candidates = Plot.objects.filter(region=region, min_lon__lte=max_lon, max_lon__gte=min_lon,
                                     min_lat__lte=max_lat, max_lat__gte=min_lat)
    if exclude_farmer is not None:
        candidates = candidates.exclude(contractor=exclude_farmer)
    found = []
    for plot in candidates.only("code", "boundary", "contractor_id"):
        shared = geometry.overlap_m2(boundary.polygon, geometry.parse(plot.boundary).polygon)
        if shared > tolerance:
            found.append((plot, shared))
    return found


@transaction.atomic
def register_plot(*, code: str, region, village: str, contractor: Farmer, boundary, registered_area_mu,
                  grain_zone: bool = False, actor) -> Plot:
    """Register a contracted plot: its boundary must be a simple closed polygon not overlapping other farmers'."""
    require(actor, "grain_subsidy.plot.manage", region)
    code = (code or "").strip()
    if not code:
        raise ValidationError({"code": _("请填写地块编码")}, code="required")
    if Plot.objects.filter(code=code).exists():
        raise ValidationError({"code": _("地块编码 {code} 已存在").format(code=code)}, code="duplicate")
    try:
        shape = geometry.parse(boundary)
    except geometry.BoundaryError as exc:
        raise ValidationError({"boundary": str(exc)}, code="geometry") from None
    registered = decimal_field(registered_area_mu, "registered_area_mu")
    clashes = overlapping_plots(shape, region=region, exclude_farmer=contractor, day=timezone.localdate())
    if clashes:
        raise ValidationError({"boundary": _("与其他农户的地块重叠：{plots}").format(
            plots="、".join(f"{p.code}（{shared:.1f} 平方米）" for p, shared in clashes))}, code="overlap")
    min_lon, min_lat, max_lon, max_lat = shape.bbox
    plot = Plot.objects.create(code=code[:40], region=region, village=(village or "").strip()[:50],
                               contractor=contractor, boundary=boundary, measured_area_mu=shape.area_mu,
                               registered_area_mu=registered, grain_zone=bool(grain_zone), min_lon=min_lon,
                               min_lat=min_lat, max_lon=max_lon, max_lat=max_lat,
                               **geometry.grid_cell(min_lon, min_lat, max_lon, max_lat))
    audit.record("grain_subsidy.plot.registered", actor=actor, target=plot,
                 data={"measured_area_mu": str(plot.measured_area_mu), "registered_area_mu": str(registered)})
    return plot


@transaction.atomic
def register_transfer(plot: Plot, *, operator: Farmer, starts_on: dt.date, ends_on: dt.date,
                      subsidy_right: str = SubsidyRight.CONTRACTOR, disputed: bool = False, actor) -> Transfer:
    """Record a plot's transfer (流转) to an operator; the subsidy right stays with the contractor unless agreed."""
    require(actor, "grain_subsidy.plot.manage", plot.region)
    if operator.pk == plot.contractor_id:
        raise ValidationError({"operator": _("经营者不能是承包户本人")}, code="same")
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("流转终止日不能早于起始日")}, code="order")
    if subsidy_right not in SubsidyRight.values:
        raise ValidationError({"subsidy_right": _("未知的补贴归属")}, code="choice")
    if plot.transfers.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise ValidationError({"starts_on": _("该地块在这段时间已有流转")}, code="overlap")
    transfer = Transfer.objects.create(plot=plot, operator=operator, starts_on=starts_on, ends_on=ends_on,
                                       subsidy_right=subsidy_right, disputed=bool(disputed))
    audit.record("grain_subsidy.transfer.registered", actor=actor, target=plot,
                 data={"operator": operator.pk, "starts_on": starts_on, "ends_on": ends_on,
                       "subsidy_right": subsidy_right, "disputed": bool(disputed)})
    return transfer


@transaction.atomic
def record_survey(*, region, name: str, taken_on: dt.date, rows, source: str = "", actor) -> Survey:
    """Record an aerial survey's class per plot; ``rows`` are ``(line, plot_code, land_use)``. Every bad line is
    reported with its number and rule, and then nothing is written."""
    require(actor, "grain_subsidy.plot.manage", region)
    rows = list(rows)
    # The region's whole register, read once: a county's survey names every plot (200,000 codes exceed what an
    # IN list may carry on SQLite).
    plots = dict(Plot.objects.filter(region__path__startswith=region.path).values_list("code", "id"))
    errors, seen, results = [], set(), []
    surveyed = set(LandUse.values) - {LandUse.UNSURVEYED}
    for line, code, land_use in rows:
        if code not in plots:
            errors.append(_("第 {line} 行：地块编码 {code} 不在本区域的地块库中").format(line=line, code=code))
        elif code in seen:
            errors.append(_("第 {line} 行：地块编码 {code} 重复").format(line=line, code=code))
        elif land_use not in surveyed:
            errors.append(_("第 {line} 行：未知的监测属性「{use}」").format(line=line, use=land_use))
        else:
            seen.add(code)
            results.append((plots[code], land_use))
    if not rows:
        errors.append(_("监测文件没有地块"))
    if errors:
        raise ValidationError({"rows": errors}, code="bad_rows")
    survey = Survey.objects.create(region=region, name=(name or "").strip()[:100] or str(taken_on),
                                   taken_on=taken_on, source=source[:200])
    SurveyResult.objects.bulk_create([SurveyResult(survey=survey, plot_id=pid, land_use=use) for pid, use in results],
                                     batch_size=5000)
    latest = Survey.objects.filter(region=region).exclude(pk=survey.pk).filter(taken_on__gt=taken_on).exists()
    if not latest:
        by_use = {}
        for pid, use in results:
            by_use.setdefault(use, []).append(pid)
        for use, ids in by_use.items():
            for start in range(0, len(ids), 5000):
                Plot.objects.filter(pk__in=ids[start:start + 5000]).update(land_use=use, updated_at=timezone.now())
    audit.record("grain_subsidy.survey.recorded", actor=actor, target=survey,
                 data={"plots": len(results), "taken_on": taken_on})
    events.publish("grain_subsidy.survey.recorded", survey_id=survey.pk)
    return survey
