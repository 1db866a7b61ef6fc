"""The 安心码: colours from the checks (Ningbo 2020 rules), notice slips, the watch list, and the scan."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhili.core.indicators.api import issue_status_code
from zhili.core.notify.api import Message
from zhili.scenes.housekeeping import services
from zhili.scenes.housekeeping.choices import BackgroundCheck, SlipStatus
from zhili.scenes.housekeeping.indicators import SYSTEM
from zhili.scenes.housekeeping.models import CodeScan, Complaint, NoticeSlip, WatchListEntry

from .conftest import make_worker


def _recompute(clerk, *workers):
    return services.recompute_codes(timezone.localdate(), actor=clerk, workers=list(workers) or None)


def test_a_worker_with_every_check_valid_is_green_and_gets_no_slip(worker_wang, clerk_qian):
    report = _recompute(clerk_qian, worker_wang)
    worker_wang.refresh_from_db()
    assert (report.evaluated, report.changed, report.slips) == (1, 1, 0)
    assert worker_wang.code_colour == "green"
    assert worker_wang.code_reasons == []
    assert NoticeSlip.objects.count() == 0


def test_an_expired_health_certificate_turns_yellow_and_sends_a_slip_to_worker_and_agency(
        anxin, admin_zhou, clerk_qian, wang_user):
    worker = make_worker(anxin, admin_zhou, name="王秀英", serial="011", user=wang_user, clerk=clerk_qian,
                         health_days=-1)
    _recompute(clerk_qian, worker)
    worker.refresh_from_db()
    assert worker.code_colour == "yellow"
    assert [r["code"] for r in worker.code_reasons] == ["health_invalid"]
    slip = NoticeSlip.objects.get(worker=worker)
    assert (slip.colour, slip.status, slip.agency) == ("yellow", SlipStatus.SENT, anxin)
    assert sorted(Message.objects.filter(template="housekeeping_notice_slip").values_list(
        "recipient__username", flat=True)) == ["admin_zhou", "worker_wang"]
    assert not WatchListEntry.objects.exists()


def test_pending_check_and_lapsed_health_and_insurance_stay_yellow_never_add_up_to_red(anxin, admin_zhou):
    worker = make_worker(anxin, admin_zhou, health_days=None, insurance_days=-3)
    _recompute("job:test", worker)
    worker.refresh_from_db()
    assert worker.background_check == BackgroundCheck.PENDING
    assert worker.code_colour == "yellow"
    assert [r["code"] for r in worker.code_reasons] == ["background_pending", "health_invalid", "insurance_invalid"]


def test_an_abnormal_police_check_is_red_on_the_watch_list_in_the_ledger_and_the_detail_is_never_named(
        anxin, admin_zhou, clerk_qian):
    from zhili.core.ledger.api import LedgerEntry

    worker = make_worker(anxin, admin_zhou, clerk=clerk_qian, background=BackgroundCheck.ABNORMAL)
    report = _recompute(clerk_qian, worker)
    worker.refresh_from_db()
    assert (worker.code_colour, worker.on_watch_list, report.watch_listed) == ("red", True, 1)
    entry = WatchListEntry.objects.get(worker=worker)
    assert LedgerEntry.objects.filter(kind="housekeeping.watch.listed").count() == 1
    assert [r["reason"] for r in entry.reasons] == ["身份核查异常"]
    assert "联系所属家政机构" in worker.code_reasons[0]["action"]


def test_upheld_complaints_in_the_window_turn_yellow_at_two_and_older_ones_do_not_count(
        worker_wang, clerk_qian, customer_chen):
    customer = customer_chen.housekeeping_customer
    today = timezone.localdate()
    for days_ago in (0, 95):
        Complaint.objects.create(worker=worker_wang, customer=customer, lodged_on=today - dt.timedelta(days=days_ago),
                                 text="迟到", upheld=True)
    _recompute(clerk_qian, worker_wang)
    worker_wang.refresh_from_db()
    assert worker_wang.code_colour == "green"
    Complaint.objects.create(worker=worker_wang, customer=customer, lodged_on=today - dt.timedelta(days=89),
                             text="损坏物品", upheld=True)
    _recompute(clerk_qian, worker_wang)
    worker_wang.refresh_from_db()
    assert worker_wang.code_colour == "yellow"
    assert [r["code"] for r in worker_wang.code_reasons] == ["complaints"]


def test_fixing_the_cause_turns_green_resolves_the_slip_and_lets_the_clerk_lift_the_watch(
        anxin, admin_zhou, clerk_qian, clerk_sun):
    worker = make_worker(anxin, admin_zhou, clerk=clerk_qian, background=BackgroundCheck.ABNORMAL)
    _recompute(clerk_qian, worker)
    entry = WatchListEntry.objects.get(worker=worker)
    with pytest.raises(ValidationError) as still_red:
        services.lift_watch(entry, note="复核通过", actor=clerk_qian)
    assert "仍为红码" in str(still_red.value)
    services.record_checks(worker, background_check=BackgroundCheck.CLEAR, actor=clerk_qian)
    _recompute(clerk_qian, worker)
    worker.refresh_from_db()
    assert worker.code_colour == "green"
    assert NoticeSlip.objects.get(worker=worker).status == SlipStatus.RESOLVED
    with pytest.raises(PermissionDenied):
        services.lift_watch(entry, note="复核通过", actor=clerk_sun)
    entry.refresh_from_db()
    assert entry.lifted_at is None
    services.lift_watch(entry, note="公安复核通过", actor=clerk_qian)
    worker.refresh_from_db()
    assert worker.on_watch_list is False


def test_only_the_agency_of_the_worker_signs_for_its_slip(anxin, haobangshou, admin_zhou, admin_wu, clerk_qian):
    worker = make_worker(anxin, admin_zhou, clerk=clerk_qian, insurance_days=-1)
    _recompute(clerk_qian, worker)
    slip = NoticeSlip.objects.get(worker=worker)
    with pytest.raises(PermissionDenied):
        services.acknowledge_slip(slip, actor=admin_wu)
    slip.refresh_from_db()
    assert (slip.status, slip.acknowledged_by) == (SlipStatus.SENT, None)
    services.acknowledge_slip(slip, actor=admin_zhou)
    slip.refresh_from_db()
    assert (slip.status, slip.acknowledged_by) == (SlipStatus.ACKNOWLEDGED, admin_zhou)


def test_a_scan_shows_a_current_code_and_refuses_forged_expired_and_superseded_ones(
        worker_wang, clerk_qian, customer_chen):
    _recompute(clerk_qian, worker_wang)
    token = services.issue_code(worker_wang)
    assert services.scan_code(token, actor=customer_chen).worker == worker_wang
    forged = services.scan_code(token[:-3] + "abc", actor=customer_chen)
    expired = services.scan_code(issue_status_code(SYSTEM, worker_wang.code_key, ttl=dt.timedelta(seconds=-1)),
                                 actor=customer_chen)
    services.record_checks(worker_wang, health_certificate_expires=timezone.localdate() - dt.timedelta(days=1),
                           actor=clerk_qian)
    _recompute(clerk_qian, worker_wang)
    superseded = services.scan_code(token, actor=customer_chen)
    assert (forged.worker, expired.worker, superseded.worker) == (None, None, None)
    assert "签名无效" in forged.reason and "已过期" in expired.reason and "已更新" in superseded.reason
    assert list(CodeScan.objects.order_by("id").values_list("result", flat=True)) == [
        "shown", "refused", "refused", "refused"]


def test_a_person_is_on_the_books_of_one_agency_at_a_time_and_bad_input_names_its_field(
        anxin, haobangshou, admin_zhou, admin_wu):
    make_worker(anxin, admin_zhou, serial="021")
    with pytest.raises(ValidationError) as twice:
        make_worker(haobangshou, admin_wu, serial="021")
    assert "安心家政" in twice.value.message_dict["id_number"][0]
    with pytest.raises(ValidationError) as unlocated:
        make_worker(haobangshou, admin_wu, serial="022", latitude=39.9, longitude=116.4)
    assert "address" in unlocated.value.message_dict
    with pytest.raises(PermissionDenied):
        make_worker(anxin, admin_wu, serial="023")
    assert anxin.workers.count() == 1 and haobangshou.workers.count() == 0
