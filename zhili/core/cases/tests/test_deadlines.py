from io import StringIO

from django.core.management import call_command

from zhili.core.cases.models import Case
from zhili.core.cases.services import check_deadlines, open_case, transition_case
from zhili.core.foundation.audit import entries_for
from zhili.core.notify.models import Message

from .conftest import at


def test_a_case_past_its_deadline_is_escalated_to_its_supervisor(world, complaint):
    """Opened 30 Sep 2025 with 1 working day to accept: due at the end of 9 Oct, after the National Day holiday."""
    # given the sweep runs during the holiday and on the last day: nothing is late yet
    assert check_deadlines(now=at(2025, 10, 5, 9)).escalated == []
    assert check_deadlines(now=at(2025, 10, 9, 23, 59)).escalated == []
    # when it runs the next morning
    sweep = check_deadlines(now=at(2025, 10, 10, 9))
    # then the complaint is escalated, once, with a timeline entry, an audit entry and a message to 陈敏
    assert sweep.escalated == [complaint.number]
    complaint.refresh_from_db()
    assert complaint.escalated_at == at(2025, 10, 10, 9)
    assert complaint.state == "submitted"
    escalation = complaint.events.get(action="escalated")
    assert (escalation.actor, escalation.data["supervisor_ids"]) == (None, [world.supervisor_chen.pk])
    assert entries_for(complaint).filter(action="cases.case.escalated", actor_label="system").count() == 1
    message = Message.objects.get(template="cases.case_escalated")
    assert message.recipient == world.supervisor_chen
    assert message.channel == "in_app"
    assert message.body == (f"工单 {complaint.number}「某工地拖欠工资三个月」在「待受理」环节已超过期限 "
                            "2025-10-09 23:59，已升级由您督办。")
    # and a second run changes nothing
    assert check_deadlines(now=at(2025, 10, 10, 12)).escalated == []
    assert Message.objects.filter(template="cases.case_escalated").count() == 1


def test_a_late_case_in_a_new_state_is_escalated_again(world, complaint):
    check_deadlines(now=at(2025, 10, 10, 9))
    transition_case(complaint, "accept", actor=world.officer_wang, now=at(2025, 10, 10, 10))
    # accepted on Friday 10 Oct with 1 working day to dispatch: due end of Saturday 11 Oct (调休上班)
    assert complaint.due_at == at(2025, 10, 11, 23, 59, 59)
    assert check_deadlines(now=at(2025, 10, 12, 9)).escalated == [complaint.number]
    assert complaint.events.filter(action="escalated").count() == 2


def test_without_a_named_supervisor_the_office_above_is_told(world):
    case = open_case("dummy_complaint", title="无督办人", region=world.town, actor=None, now=at(2025, 9, 30, 10))
    check_deadlines(now=at(2025, 10, 10, 9))
    recipients = Message.objects.filter(template="cases.case_escalated").values_list("recipient__username", flat=True)
    assert sorted(recipients) == ["inspector_zhao", "officer_wang"]
    assert Case.objects.get(pk=case.pk).escalated_at is not None


def test_a_remind_only_type_reminds_the_assignee_and_does_not_escalate(world):
    case = open_case("dummy_request", title="政策咨询", region=world.county, actor=world.worker_zhang,
                     now=at(2025, 9, 30, 10))
    # 2 working days after 30 Sep: 9 and 10 Oct
    sweep = check_deadlines(now=at(2025, 10, 11, 9))
    assert (sweep.reminded, sweep.escalated) == ([case.number], [])
    case.refresh_from_db()
    assert (case.reminded_at, case.escalated_at) == (at(2025, 10, 11, 9), None)
    assert Message.objects.get(template="cases.case_overdue_reminder").recipient == world.inspector_zhao


def test_closed_cases_are_never_late(world, complaint):
    transition_case(complaint, "reject", actor=world.officer_wang, comment="重复投诉", now=at(2025, 9, 30, 11))
    assert check_deadlines(now=at(2025, 12, 1, 9)).escalated == []


def test_the_management_command_runs_the_sweep_at_a_given_time(world, complaint):
    out = StringIO()
    call_command("check_case_deadlines", "--now", "2025-10-10T09:00+08:00", stdout=out)
    assert out.getvalue().splitlines() == ["reminded=0 escalated=1", f"escalated {complaint.number}"]


def test_the_task_wraps_the_sweep(world, complaint):
    from zhili.core.cases.tasks import check_case_deadlines

    # given the real clock is long past the complaint's deadline of 9 October 2025
    result = check_case_deadlines.enqueue()
    assert result.return_value == {"reminded": [], "escalated": [complaint.number]}
