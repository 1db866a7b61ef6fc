"""Attendance: device files (the common 考勤机 exports, CSV or XLSX) and the phone check-in by the project's QR.

A file is all or nothing: every line with an unknown worker, an unreadable time, a duplicate punch, a time outside
the project's working hours or outside the worker's entry and exit is reported with its line number and reason,
and then nothing is written.
"""

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import SpreadsheetRejected, audit, iter_rows
from zhili.core.identity.api import can, require

from ..choices import PunchSource
from ..models import AttendanceDay, Project, RosterEntry

BADGE_HEADERS = ("工号", "考勤号码", "考勤号", "人员编号", "员工编号", "badge")
NAME_HEADERS = ("姓名", "name")
DATETIME_HEADERS = ("打卡时间", "日期时间", "签到时间", "考勤时间", "time")
DATE_HEADERS = ("日期", "date")
TIME_HEADERS = ("时间", "clock")
FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y%m%d %H%M%S")
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
DUPLICATE_WINDOW = dt.timedelta(minutes=1)


@dataclass
class LineError:
    line: int
    field: str
    reason: str


@dataclass
class ImportReport:
    """What an import did: the lines read, the days written, and every refused line with its reason."""

    lines: int = 0
    punches: int = 0
    days_written: int = 0
    errors: list[LineError] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return not self.errors


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    for i, title in enumerate(header):
        if title in names:
            return i
    return None


def _parse_moment(value, date_value=None) -> dt.datetime | None:
    if date_value is not None:
        if isinstance(date_value, (int, float)) and isinstance(value, (int, float)):
            return EXCEL_EPOCH + dt.timedelta(days=float(date_value) + float(value) % 1)
        value = f"{str(date_value).strip()} {str(value).strip()}"
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, (int, float)):
        return EXCEL_EPOCH + dt.timedelta(days=float(value))
    text = str(value or "").strip()
    for fmt in FORMATS:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _within_hours(project: Project, moment: dt.datetime) -> bool:
    return project.work_start <= moment.time() <= project.work_end


def _merge(punches: dict[tuple[int, dt.date], list[dt.datetime]], entries: dict[int, RosterEntry],
           source: str) -> int:
    """Fold the punches into the daily records (first and last punch, count); returns the days written."""
    tz = timezone.get_current_timezone()
    keys = list(punches)
    existing = {(a.entry_id, a.day): a for a in AttendanceDay.objects.select_for_update().filter(
        entry_id__in={k[0] for k in keys}, day__in={k[1] for k in keys})}
    new, changed = [], []
    for key, moments in punches.items():
        first = timezone.make_aware(min(moments), tz)
        last = timezone.make_aware(max(moments), tz)
        record = existing.get(key)
        if record is None:
            new.append(AttendanceDay(entry=entries[key[0]], day=key[1], first_punch=first, last_punch=last,
                                     punches=len(moments), source=source))
        else:
            record.first_punch = min(record.first_punch, first)
            record.last_punch = max(record.last_punch, last)
            record.punches += len(moments)
            changed.append(record)
    AttendanceDay.objects.bulk_create(new, batch_size=2000)
    for record in changed:
        record.save(update_fields=["first_punch", "last_punch", "punches", "updated_at"])
    return len(new) + len(changed)


@transaction.atomic
def import_attendance(project: Project, *, source, file_name: str, actor) -> ImportReport:
    """Read a 考勤机 export (one punch per line: 工号, 姓名, 打卡时间 — or 日期 and 时间) into daily records."""
    require(actor, "wage_guard.project.view", project)
    report = ImportReport()
    try:
        rows = iter_rows(source, file_name)
        header = [str(c or "").strip() for c in next(rows, ())]
    except SpreadsheetRejected as exc:
        raise ValidationError({"file": str(exc)}, code="unreadable") from None
    badge_col = _column(header, BADGE_HEADERS)
    name_col = _column(header, NAME_HEADERS)
    moment_col = _column(header, DATETIME_HEADERS)
    date_col, time_col = _column(header, DATE_HEADERS), _column(header, TIME_HEADERS)
    if badge_col is None:
        raise ValidationError({"file": _("缺少“工号”列（可用列名：{n}）").format(n="、".join(BADGE_HEADERS))},
                              code="missing_column")
    if moment_col is None and (date_col is None or time_col is None):
        raise ValidationError({"file": _("缺少“打卡时间”列，或“日期”与“时间”两列")}, code="missing_column")
    entries = {e.badge: e for e in RosterEntry.objects.filter(project=project).select_related(
        "worker", "team__subcontract", "team__project")}
    allowed_teams: dict[int, bool] = {}
    punches: dict[tuple[int, dt.date], list[dt.datetime]] = defaultdict(list)
    seen: dict[tuple[int, dt.datetime], int] = {}
    known = {(a.entry_id, a.first_punch) for a in AttendanceDay.objects.filter(entry__project=project)} | {
        (a.entry_id, a.last_punch) for a in AttendanceDay.objects.filter(entry__project=project)}
    tz = timezone.get_current_timezone()
    for number, row in enumerate(rows, start=2):
        if not any(str(c or "").strip() for c in row):
            continue
        report.lines += 1
        cells = list(row) + [None] * (len(header) - len(row))
        badge = str(cells[badge_col] or "").strip()
        if badge.endswith(".0"):
            badge = badge[:-2]
        entry = entries.get(badge)
        if entry is None:
            report.errors.append(LineError(number, "工号", _("工号“{b}”不在本项目实名制名册中").format(b=badge)))
            continue
        if name_col is not None and str(cells[name_col] or "").strip() not in ("", entry.worker.name):
            report.errors.append(LineError(number, "姓名", _("姓名与工号 {b} 登记的工人不一致").format(b=badge)))
            continue
        if entry.team_id not in allowed_teams:
            allowed_teams[entry.team_id] = can(actor, "wage_guard.team.keep", entry.team)
        if not allowed_teams[entry.team_id]:
            report.errors.append(LineError(number, "工号", _("工号 {b} 不属于您管理的班组").format(b=badge)))
            continue
        if moment_col is not None:
            moment = _parse_moment(cells[moment_col])
        else:
            moment = _parse_moment(cells[time_col], cells[date_col])
        if moment is None:
            report.errors.append(LineError(number, "打卡时间", _("无法识别的打卡时间")))
            continue
        moment = moment.replace(second=moment.second, microsecond=0)
        if not _within_hours(project, moment):
            report.errors.append(LineError(number, "打卡时间", _("{t} 不在项目作业时间 {a}–{b} 内").format(
                t=moment.strftime("%H:%M"), a=project.work_start.strftime("%H:%M"),
                b=project.work_end.strftime("%H:%M"))))
            continue
        day = moment.date()
        if day < entry.entered_on or (entry.exited_on and day > entry.exited_on):
            report.errors.append(LineError(number, "打卡时间", _("{d} 不在该工人的进场至退场期间").format(d=day)))
            continue
        minute = moment.replace(second=0)
        if (entry.pk, minute) in seen:
            report.errors.append(LineError(number, "打卡时间", _("重复打卡：与第 {n} 行相同").format(n=seen[(entry.pk, minute)])))
            continue
        if (entry.pk, timezone.make_aware(moment, tz)) in known:
            report.errors.append(LineError(number, "打卡时间", _("重复打卡：该时间的打卡已导入")))
            continue
        seen[(entry.pk, minute)] = number
        punches[(entry.pk, day)].append(moment)
        report.punches += 1
    if report.errors:
        audit.record("wage_guard.attendance.rejected", actor=actor, target=project,
                     data={"file": file_name[:100], "lines": report.lines, "errors": len(report.errors)})
        return report
    if not punches:
        raise ValidationError({"file": _("文件中没有打卡记录")}, code="empty")
    by_pk = {e.pk: e for e in entries.values()}
    report.days_written = _merge(punches, by_pk, PunchSource.DEVICE)
    audit.record("wage_guard.attendance.imported", actor=actor, target=project,
                 data={"file": file_name[:100], "lines": report.lines, "days": report.days_written})
    return report


def distance_m(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m)."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(a))


@transaction.atomic
def check_in(project: Project, *, latitude, longitude, actor, now: dt.datetime | None = None) -> AttendanceDay:
    """A worker's phone check-in by the project's QR: registered here, inside the geofence, in working hours."""
    entry = RosterEntry.objects.filter(project=project, worker=actor, exited_on__isnull=True).first()
    if entry is None:
        raise PermissionDenied(_("您不在本项目的实名制名册中"))
    if project.latitude is None or project.longitude is None:
        raise ValidationError({"location": _("项目未设置打卡位置，请使用考勤机")}, code="no_geofence")
    try:
        distance = distance_m(project.latitude, project.longitude, latitude, longitude)
    except (TypeError, ValueError):
        raise ValidationError({"location": _("未取得有效的定位")}, code="invalid") from None
    if distance > project.geofence_m:
        raise ValidationError({"location": _("您距项目 {d} 米，超出打卡范围 {r} 米").format(
            d=round(distance), r=project.geofence_m)}, code="outside_geofence")
    local = timezone.localtime(now or timezone.now()).replace(tzinfo=None, microsecond=0)
    if not _within_hours(project, local):
        raise ValidationError({"time": _("{t} 不在项目作业时间内").format(t=local.strftime("%H:%M"))},
                              code="outside_hours")
    record = AttendanceDay.objects.filter(entry=entry, day=local.date()).first()
    aware = timezone.make_aware(local, timezone.get_current_timezone())
    if record and min(abs(aware - record.first_punch), abs(aware - record.last_punch)) < DUPLICATE_WINDOW:
        raise ValidationError({"time": _("一分钟内已打过卡")}, code="duplicate")
    _merge({(entry.pk, local.date()): [local]}, {entry.pk: entry}, PunchSource.QR)
    audit.record("wage_guard.attendance.checked_in", actor=actor, target=entry,
                 data={"day": local.date().isoformat(), "distance_m": round(distance)})
    return AttendanceDay.objects.get(entry=entry, day=local.date())
