"""Attendance files and the QR check-in: daily records, every bad line reported, nothing half written."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.models import AttendanceDay


def _csv(lines: list[str]) -> bytes:
    return ("工号,姓名,打卡时间\n" + "\n".join(lines) + "\n").encode("utf-8-sig")


def test_a_device_file_becomes_daily_records(project, roster, lead_chen):
    report = services.import_attendance(project, file_name="考勤.csv", actor=lead_chen, source=_csv([
        "001,张三,2026-03-02 07:01:10", "001,张三,2026-03-02 12:00", "001,张三,2026-03-02 17:31:00",
        "002,李四,2026/03/02 07:30", "002,李四,2026/03/02 11:30",
        "003,,2026-03-03 06:55:00",
    ]))
    assert (report.accepted, report.lines, report.punches, report.days_written) == (True, 6, 6, 3)
    zhang = AttendanceDay.objects.get(entry=roster[0])
    assert (zhang.punches, zhang.hours) == (3, Decimal("10.50"))
    li = AttendanceDay.objects.get(entry=roster[1])
    assert li.hours == Decimal("4.00")
    assert timezone.localtime(li.first_punch).time() == dt.time(7, 30)


def test_a_second_file_extends_the_day(project, roster, lead_chen):
    services.import_attendance(project, file_name="a.csv", actor=lead_chen, source=_csv(["001,张三,2026-03-02 08:00"]))
    services.import_attendance(project, file_name="b.csv", actor=lead_chen, source=_csv(["001,张三,2026-03-02 18:00"]))
    day = AttendanceDay.objects.get()
    assert (day.punches, day.hours) == (2, Decimal("10.00"))


def test_bad_lines_are_reported_by_line_and_nothing_is_written(project, roster, lead_chen, manager_liu):
    services.exit_worker(roster[2], exited_on=dt.date(2026, 3, 10), actor=lead_chen)
    report = services.import_attendance(project, file_name="考勤.csv", actor=lead_chen, source=_csv([
        "001,张三,2026-03-02 07:00",
        "009,赵六,2026-03-02 07:00",
        "001,张三,2026-03-02 07:00:30",
        "002,李四,2026-03-02 22:15",
        "002,李四,昨天早上",
        "003,王五,2026-03-12 08:00",
        "002,张三,2026-03-02 08:00",
        "001,张三,2026-02-27 08:00",
    ]))
    assert not report.accepted
    assert [(e.line, e.field) for e in report.errors] == [
        (3, "工号"), (4, "打卡时间"), (5, "打卡时间"), (6, "打卡时间"), (7, "打卡时间"), (8, "姓名"), (9, "打卡时间")]
    reasons = [e.reason for e in report.errors]
    assert "不在本项目实名制名册中" in reasons[0]
    assert reasons[1] == "重复打卡：与第 2 行相同"
    assert "不在项目作业时间 06:00–19:00 内" in reasons[2]
    assert reasons[3] == "无法识别的打卡时间"
    assert "进场至退场" in reasons[4] and "进场至退场" in reasons[6]
    assert AttendanceDay.objects.count() == 0


def test_a_punch_already_imported_is_a_duplicate(project, roster, lead_chen):
    services.import_attendance(project, file_name="a.csv", actor=lead_chen, source=_csv(["001,张三,2026-03-02 08:00"]))
    report = services.import_attendance(project, file_name="a.csv", actor=lead_chen,
                                        source=_csv(["001,张三,2026-03-02 08:00"]))
    assert [e.reason for e in report.errors] == ["重复打卡：该时间的打卡已导入"]
    assert AttendanceDay.objects.get().punches == 1


def test_an_xlsx_export_with_date_and_time_columns(project, roster, lead_chen):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["考勤号码", "姓名", "日期", "时间"])
    sheet.append(["001", "张三", "2026-03-04", "07:00"])
    sheet.append(["001", "张三", "2026-03-04", "16:00"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = services.import_attendance(project, file_name="考勤.xlsx", source=buffer.getvalue(), actor=lead_chen)
    assert report.accepted
    assert AttendanceDay.objects.get().hours == Decimal("9.00")


def test_a_file_without_the_worker_column_is_refused(project, roster, lead_chen):
    with pytest.raises(ValidationError) as refused:
        services.import_attendance(project, file_name="x.csv", source="姓名,打卡时间\n张三,2026-03-02 08:00\n".encode(),
                                   actor=lead_chen)
    assert "工号" in refused.value.message_dict["file"][0]


def test_a_lead_cannot_import_for_another_subcontractors_team(project, roster, manager_liu, county):
    from zhili.core.testing.api import EnterpriseFactory, MembershipFactory, UserFactory
    from zhili.scenes.wage_guard.roles import TEAM_LEAD

    other = EnterpriseFactory(region=county)
    services.add_subcontract(project, contractor=other, scope="木工", contract_sum="100000", actor=manager_liu)
    stranger = UserFactory(name="赵班长", username="lead_zhao")
    MembershipFactory(user=stranger, role=TEAM_LEAD, organization=other)
    report = services.import_attendance(project, file_name="a.csv", actor=stranger,
                                        source=_csv(["001,张三,2026-03-02 08:00"]))
    assert [e.reason for e in report.errors] == ["工号 001 不属于您管理的班组"]
    assert AttendanceDay.objects.count() == 0


def _at(hour, minute=0):
    return timezone.make_aware(dt.datetime(2026, 3, 5, hour, minute))


def test_a_worker_checks_in_by_qr_inside_the_geofence(project, roster):
    zhang = roster[0].worker
    day = services.check_in(project, latitude="29.477000", longitude="119.279000", actor=zhang, now=_at(7, 2))
    assert day.punches == 1 and day.source == "qr"
    with pytest.raises(ValidationError) as refused:
        services.check_in(project, latitude="29.477", longitude="119.279", actor=zhang, now=_at(7, 2))
    assert refused.value.message_dict == {"time": ["一分钟内已打过卡"]}
    services.check_in(project, latitude="29.476", longitude="119.2795", actor=zhang, now=_at(17, 0))
    assert AttendanceDay.objects.get(entry=roster[0]).hours == Decimal("9.97")


def test_a_check_in_outside_the_geofence_or_hours_is_refused(project, roster):
    zhang = roster[0].worker
    with pytest.raises(ValidationError) as far:
        services.check_in(project, latitude="29.480", longitude="119.279", actor=zhang, now=_at(8))
    assert "445 米" in far.value.message_dict["location"][0]
    with pytest.raises(ValidationError) as late:
        services.check_in(project, latitude="29.476", longitude="119.279", actor=zhang, now=_at(21))
    assert list(late.value.message_dict) == ["time"]
    assert AttendanceDay.objects.count() == 0


def test_someone_not_on_the_roster_cannot_check_in(project, roster, manager_liu):
    with pytest.raises(PermissionDenied):
        services.check_in(project, latitude="29.476", longitude="119.279", actor=manager_liu, now=_at(8))
    assert AttendanceDay.objects.count() == 0
