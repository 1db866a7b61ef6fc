"""Monthly wage sheets from attendance × rates; the worker confirms or disputes on a phone; disputes open cases."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhili.core.cases.api import Case
from zhili.core.ledger.api import entries_for
from zhili.core.notify.api import Message
from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.models import AttendanceDay, WageLine, WageSheet

MARCH = dt.date(2026, 3, 1)
TODAY = dt.date(2026, 4, 3)


def _days(entry, days: int, start: int = 2, hours: float = 9.0):
    tz = timezone.get_current_timezone()
    rows = []
    for d in range(start, start + days):
        first = dt.datetime(2026, 3, d, 7, 0, tzinfo=tz)
        rows.append(AttendanceDay(entry=entry, day=first.date(), first_punch=first,
                                  last_punch=first + dt.timedelta(hours=hours), punches=2, source="device"))
    AttendanceDay.objects.bulk_create(rows)


@pytest.fixture
def attended(roster):
    zhang, li, wang = roster
    _days(zhang, 20)                    # 20 full days × 350
    _days(li, 18)                       # 18 full days + 2 half days × 300
    _days(li, 2, start=21, hours=5)
    _days(wang, 3, hours=3.5)           # under half a day: 0 days, 10.5 hours
    return roster


@pytest.fixture
def sheet(team, attended, lead_chen):
    return services.build_wage_sheet(team, MARCH, actor=lead_chen, deductions={attended[0].pk: "200"}, today=TODAY)


def test_a_sheet_is_built_from_attendance_and_rates(sheet, attended):
    lines = {line.entry.badge: line for line in sheet.lines.all()}
    assert {b: (line.days, line.hours, line.gross, line.deductions, line.net) for b, line in lines.items()} == {
        "001": (Decimal("20.0"), Decimal("180.00"), Decimal("7000.00"), Decimal("200.00"), Decimal("6800.00")),
        "002": (Decimal("19.0"), Decimal("172.00"), Decimal("5700.00"), Decimal("0.00"), Decimal("5700.00")),
        "003": (Decimal("0.0"), Decimal("10.50"), Decimal("0.00"), Decimal("0.00"), Decimal("0.00")),
    }
    assert (sheet.total_gross, sheet.total_net) == (Decimal("12700.00"), Decimal("12500.00"))


def test_a_deduction_over_a_fifth_of_the_wage_is_refused(team, attended, lead_chen):
    with pytest.raises(ValidationError) as refused:
        services.build_wage_sheet(team, MARCH, actor=lead_chen, deductions={attended[0].pk: "1400.01"}, today=TODAY)
    assert "20%" in refused.value.message_dict[f"deductions[{attended[0].pk}]"][0]
    assert WageSheet.objects.count() == 0


def test_a_draft_is_rebuilt_but_an_issued_sheet_is_not(sheet, team, lead_chen):
    rebuilt = services.build_wage_sheet(team, MARCH, actor=lead_chen, today=TODAY)
    assert rebuilt.pk == sheet.pk and rebuilt.total_net == Decimal("12700.00")
    services.issue_wage_sheet(rebuilt, actor=lead_chen, today=TODAY)
    with pytest.raises(ValidationError):
        services.build_wage_sheet(team, MARCH, actor=lead_chen, today=TODAY)
    assert WageLine.objects.filter(sheet=sheet).count() == 3


def test_issuing_asks_each_worker_and_is_ledgered(sheet, lead_chen, attended):
    services.issue_wage_sheet(sheet, actor=lead_chen, today=TODAY)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.confirm_by) == ("issued", dt.date(2026, 4, 8))
    assert set(sheet.lines.values_list("status", flat=True)) == {"pending"}
    assert [e.kind for e in entries_for(sheet)] == ["wage_guard.sheet.issued"]
    note = Message.objects.get(recipient=attended[0].worker)
    assert "6800.00" in note.body and "2026-04-08" in note.body


def test_a_worker_confirms_their_line_before_the_deadline(sheet, lead_chen, attended):
    services.issue_wage_sheet(sheet, actor=lead_chen, today=TODAY)
    line = sheet.lines.get(entry=attended[0])
    now = timezone.make_aware(dt.datetime(2026, 4, 8, 20, 0))
    services.confirm_wage_line(line, actor=attended[0].worker, now=now)
    line.refresh_from_db()
    assert (line.status, line.answered_at) == ("confirmed", now)
    [entry] = entries_for(line)
    assert entry.kind == "wage_guard.line.confirmed"
    with pytest.raises(ValidationError):
        services.confirm_wage_line(line, actor=attended[0].worker, now=now)


def test_a_confirmation_after_the_deadline_is_refused(sheet, lead_chen, attended):
    services.issue_wage_sheet(sheet, actor=lead_chen, today=TODAY)
    line = sheet.lines.get(entry=attended[1])
    with pytest.raises(ValidationError) as refused:
        services.confirm_wage_line(line, actor=attended[1].worker,
                                   now=timezone.make_aware(dt.datetime(2026, 4, 9, 0, 1)))
    assert refused.value.message_dict == {"confirm_by": ["确认截止日期 2026-04-08 已过"]}
    line.refresh_from_db()
    assert line.status == "pending" and not entries_for(line)


def test_a_dispute_opens_a_case_for_the_hr_bureau(sheet, lead_chen, attended, hrss_qian):
    services.issue_wage_sheet(sheet, actor=lead_chen, today=TODAY)
    line = sheet.lines.get(entry=attended[1])
    services.dispute_wage_line(line, reason="少算了两天", claimed_net="6300", actor=attended[1].worker,
                               now=timezone.make_aware(dt.datetime(2026, 4, 5, 9)))
    line.refresh_from_db()
    case = Case.objects.get()
    assert (line.status, line.dispute_case_id) == ("disputed", case.pk)
    assert case.case_type == "wage_guard.wage_dispute"
    assert case.organization == hrss_qian.memberships.get().organization
    assert "主张 6300.00 元" in case.description and case.requester == attended[1].worker
    assert [e.kind for e in entries_for(line)] == ["wage_guard.line.disputed"]


def test_someone_else_cannot_answer_a_workers_line(sheet, lead_chen, attended):
    services.issue_wage_sheet(sheet, actor=lead_chen, today=TODAY)
    line = sheet.lines.get(entry=attended[0])
    with pytest.raises(PermissionDenied):
        services.confirm_wage_line(line, actor=attended[1].worker)
    with pytest.raises(PermissionDenied):
        services.dispute_wage_line(line, reason="x", actor=lead_chen)
    line.refresh_from_db()
    assert line.status == "pending" and Case.objects.count() == 0
