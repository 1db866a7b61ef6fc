import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.cases.choices import EventAction
from zhili.core.cases.models import Case, CaseEvent
from zhili.core.cases.services import (
    assign_case,
    attach_file,
    bulk_transition,
    case_digest,
    comment_case,
    open_case,
    rate_case,
    supervise_case,
    transition_case,
    urge_case,
)
from zhili.core.foundation.audit import entries_for
from zhili.core.foundation.models import AuditEntry
from zhili.core.notify.models import Message

from .conftest import at


def test_a_complaint_goes_round_the_closed_loop_and_is_rated(world, complaint, ledger_entries):
    """受理 → 派单 → 处置 → 反馈 → 办结 → 评价, each step by the person whose step it is."""
    # given a complaint routed by the county rule to 建德市人社局, assignee inspector_zhao
    assert complaint.number == "AJ20250930-0001"
    assert complaint.state == "submitted"
    assert complaint.organization == world.county_office
    assert complaint.assignee == world.inspector_zhao
    # when the office accepts and dispatches, the inspector handles and reports back, the office closes
    transition_case(complaint, "accept", actor=world.officer_wang, now=at(2025, 9, 30, 11))
    transition_case(complaint, "dispatch", actor=world.officer_wang, now=at(2025, 9, 30, 14))
    transition_case(complaint, "handle", actor=world.inspector_zhao, now=at(2025, 10, 9, 9))
    transition_case(complaint, "report_back", actor=world.inspector_zhao, comment="已责令总包十日内支付工资",
                    now=at(2025, 10, 10, 16))
    transition_case(complaint, "close", actor=world.officer_wang, now=at(2025, 10, 11, 10))
    # and the worker rates it
    rate_case(complaint, actor=world.worker_zhang, rating=5, comment="处理及时")
    # then the case is closed with its result and rating
    complaint.refresh_from_db()
    assert complaint.state == "closed"
    assert complaint.result == "已责令总包十日内支付工资"
    assert complaint.closed_at == at(2025, 10, 11, 10)
    assert complaint.due_at is None
    assert (complaint.rating, complaint.rating_comment) == (5, "处理及时")
    # and the timeline holds every step in order, with who took it
    steps = list(complaint.events.values_list("action", "transition", "from_state", "to_state", "actor__username"))
    assert steps == [
        ("opened", "", "", "submitted", world.worker_zhang.username),
        ("transition", "accept", "submitted", "accepted", "officer_wang"),
        ("transition", "dispatch", "accepted", "dispatched", "officer_wang"),
        ("transition", "handle", "dispatched", "handling", "inspector_zhao"),
        ("transition", "report_back", "handling", "reported", "inspector_zhao"),
        ("transition", "close", "reported", "closed", "officer_wang"),
        ("rated", "", "", "", world.worker_zhang.username),
    ]
    # and every step is audited, and closure and rating went to the ledger
    assert list(entries_for(complaint).order_by("id").values_list("action", flat=True)) == [
        "cases.case.opened", *["cases.case.transitioned"] * 5, "cases.case.rated"]
    entries = ledger_entries(complaint)
    assert [e.kind for e in entries] == ["case.closed", "case.rated"]
    assert entries[1].digest == case_digest(complaint)
    assert entries[0].digest != entries[1].digest


def test_each_state_gets_its_deadline_in_working_days(world, complaint):
    # given the complaint opened on 30 September 2025 with 1 working day to accept
    assert complaint.due_at == at(2025, 10, 9, 23, 59, 59)
    # when it is accepted and dispatched on 10 October, the handling clock (3 days) starts at handle
    transition_case(complaint, "accept", actor=world.officer_wang, now=at(2025, 10, 10, 9))
    transition_case(complaint, "dispatch", actor=world.officer_wang, now=at(2025, 10, 10, 10))
    transition_case(complaint, "handle", actor=world.inspector_zhao, now=at(2025, 10, 10, 11))
    # then it is due at the end of Tuesday 14 October (Sat 11 is a working day, Sun 12 is not)
    assert complaint.due_at == at(2025, 10, 14, 23, 59, 59)


def test_an_outsider_cannot_move_a_case_and_nothing_changes(world, complaint):
    """A person without the right is refused: no state change, no timeline entry, no audit entry."""
    before = (Case.objects.values().get(pk=complaint.pk), CaseEvent.objects.count(), AuditEntry.objects.count())
    # when the worker, an officer of another county, and an officer of the town office try to accept
    for outsider in (world.worker_zhang, world.officer_sun, world.officer_qian):
        with pytest.raises(PermissionDenied):
            transition_case(complaint, "accept", actor=outsider)
    # then nothing changed
    complaint.refresh_from_db()
    assert complaint.state == "submitted"
    assert (Case.objects.values().get(pk=complaint.pk), CaseEvent.objects.count(), AuditEntry.objects.count()) \
        == before


def test_only_the_assignee_or_the_office_takes_the_assignees_step(world, complaint):
    transition_case(complaint, "accept", actor=world.officer_wang)
    transition_case(complaint, "dispatch", actor=world.officer_wang)
    with pytest.raises(PermissionDenied):
        transition_case(complaint, "handle", actor=world.worker_zhang)
    assert Case.objects.get(pk=complaint.pk).state == "dispatched"
    transition_case(complaint, "handle", actor=world.inspector_zhao)
    assert complaint.state == "handling"


def test_a_step_from_the_wrong_state_or_without_its_comment_is_refused(world, complaint):
    with pytest.raises(ValidationError) as wrong_state:
        transition_case(complaint, "close", actor=world.officer_wang)
    assert wrong_state.value.message_dict == {"transition": ["工单当前状态为「待受理」，不能执行「办结」"]}
    with pytest.raises(ValidationError) as no_comment:
        transition_case(complaint, "reject", actor=world.officer_wang, comment="  ")
    assert no_comment.value.message_dict == {"comment": ["意见：执行「不予受理」必须填写意见"]}
    with pytest.raises(ValidationError) as unknown:
        transition_case(complaint, "teleport", actor=world.officer_wang)
    assert unknown.value.message_dict == {"transition": ["工单类型「测试投诉」没有名为 teleport 的流转"]}
    complaint.refresh_from_db()
    assert complaint.state == "submitted"
    assert complaint.events.count() == 1


def test_dispatch_needs_an_assignee(world):
    case = open_case("dummy_complaint", title="无人承办", region=world.county, actor=None,
                     organization=world.county_office, assignee=None)
    case.assignee = None
    Case.objects.filter(pk=case.pk).update(assignee=None)
    transition_case(case, "accept", actor=world.officer_wang)
    with pytest.raises(ValidationError) as refused:
        transition_case(case, "dispatch", actor=world.officer_wang)
    assert refused.value.message_dict == {"assignee": ["承办人：执行「派单」前须先指定承办人"]}


def test_assignment_rule_by_region_picks_office_and_assignee(world):
    """The most specific region wins: a town case goes to the town office, a county case to the county."""
    in_town = open_case("dummy_complaint", title="街道内欠薪", region=world.town, actor=world.worker_zhang)
    in_county = open_case("dummy_complaint", title="县内欠薪", region=world.county, actor=world.worker_zhang)
    assert (in_town.organization, in_town.assignee, in_town.supervisor) == (world.town_office, world.officer_qian,
                                                                          None)
    assert (in_county.organization, in_county.assignee, in_county.supervisor) == (
        world.county_office, world.inspector_zhao, world.supervisor_chen)
    assert Message.objects.filter(recipient=world.officer_qian, template="cases.case_assigned").count() == 1


def test_a_case_points_at_its_subject(world):
    from zhili.core.testing.factories import EnterpriseFactory

    employer = EnterpriseFactory(region=world.county, name="建德某建设有限公司")
    case = open_case("dummy_complaint", title="欠薪预警", region=world.county, actor=None, subject=employer)
    assert Case.objects.get(pk=case.pk).subject == employer


def test_a_region_without_a_rule_is_refused_with_a_clear_reason(world):
    with pytest.raises(ValidationError) as refused:
        open_case("dummy_complaint", title="无规则", region=world.other_county, actor=world.worker_zhang)
    assert refused.value.message_dict == {
        "region": ["区划「富阳区」没有工单类型「测试投诉」的分派规则，请先配置分派规则或指定承办单位"]}
    assert Case.objects.count() == 0


def test_bad_input_names_the_field(world):
    with pytest.raises(ValidationError) as no_title:
        open_case("dummy_complaint", title=" ", region=world.county, actor=world.worker_zhang)
    assert no_title.value.message_dict == {"title": ["标题：不能为空"]}
    with pytest.raises(ValidationError) as unknown_type:
        open_case("nonexistent", title="x", region=world.county, actor=world.worker_zhang)
    assert unknown_type.value.message_dict == {"case_type": ["未知的工单类型：nonexistent"]}


def test_case_numbers_count_up_per_day(world):
    first = open_case("dummy_complaint", title="一", region=world.county, actor=None, now=at(2026, 11, 23, 8))
    second = open_case("dummy_complaint", title="二", region=world.county, actor=None, now=at(2026, 11, 23, 9))
    next_day = open_case("dummy_complaint", title="三", region=world.county, actor=None, now=at(2026, 11, 24, 8))
    assert [first.number, second.number, next_day.number] == ["AJ20261123-0001", "AJ20261123-0002",
                                                            "AJ20261124-0001"]


def test_only_the_requester_rates_and_only_after_closure(world, complaint):
    with pytest.raises(ValidationError) as too_early:
        rate_case(complaint, actor=world.worker_zhang, rating=4)
    assert too_early.value.message_dict == {"rating": ["满意度：工单办结后才能评价"]}
    transition_case(complaint, "reject", actor=world.officer_wang, comment="不属于本部门职责")
    with pytest.raises(PermissionDenied):
        rate_case(complaint, actor=world.officer_wang, rating=5)
    with pytest.raises(ValidationError) as out_of_range:
        rate_case(complaint, actor=world.worker_zhang, rating=6)
    assert out_of_range.value.message_dict == {"rating": ["满意度：须为 1 至 5 的整数"]}
    complaint.refresh_from_db()
    assert complaint.rating is None


def test_supervisor_supervises_and_urges_but_the_assignee_cannot(world, complaint):
    with pytest.raises(PermissionDenied):
        supervise_case(complaint, actor=world.inspector_zhao, note="自己督办自己")
    supervise_case(complaint, actor=world.supervisor_chen, note="请于本周内办结")
    urge_case(complaint, actor=world.supervisor_chen, note="尽快")
    complaint.refresh_from_db()
    assert complaint.supervision_note.endswith("陈敏] 请于本周内办结")
    assert list(complaint.events.values_list("action", flat=True)) == ["opened", "supervised", "urged"]
    assert list(Message.objects.filter(recipient=world.inspector_zhao).order_by("id")
                .values_list("template", flat=True)) == ["cases.case_assigned", "cases.case_supervised",
                                                         "cases.case_urged"]


def test_comment_attach_and_reassign_are_on_the_timeline(world, complaint):
    comment_case(complaint, actor=world.worker_zhang, comment="补充：共 12 名工人")
    attachment = attach_file(complaint, actor=world.worker_zhang, file=b"%PDF-1.4 wage list", name="工资表.pdf")
    assign_case(complaint, actor=world.officer_wang, assignee=world.officer_wang)
    with pytest.raises(ValidationError) as not_member:
        assign_case(complaint, actor=world.officer_wang, assignee=world.officer_sun)
    assert not_member.value.message_dict == {
        "assignee": ["孙丽 不是承办单位「建德市人力资源和社会保障局」的工作人员，不能承办本工单"]}
    with pytest.raises(PermissionDenied):
        comment_case(complaint, actor=world.officer_sun, comment="路过")
    import hashlib

    assert attachment.sha256 == hashlib.sha256(b"%PDF-1.4 wage list").hexdigest()
    assert attachment.file.read() == b"%PDF-1.4 wage list"
    complaint.refresh_from_db()
    assert complaint.assignee == world.officer_wang
    assert list(complaint.events.values_list("action", flat=True)) == [
        EventAction.OPENED, EventAction.COMMENT, EventAction.ATTACHMENT, EventAction.ASSIGNED]


def test_bulk_transition_moves_what_it_may_and_reports_the_rest(world, complaint):
    second = open_case("dummy_complaint", title="第二件", region=world.county, actor=None)
    in_town = open_case("dummy_complaint", title="街道件", region=world.town, actor=None)
    result = bulk_transition([complaint, second, in_town], "accept", actor=world.officer_wang)
    assert result.done == [complaint.number, second.number]
    assert result.failed == {in_town.number: f"无权对工单 {in_town.number} 执行「受理」"}
    assert Case.objects.get(pk=in_town.pk).state == "submitted"
