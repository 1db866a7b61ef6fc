"""The GC pays on behalf: the bank payment file once per month and team, the return file reconciled, retries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhili.core.ledger.api import entries_for
from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.models import AccountEntry, PaymentBatch, SpecialAccount
from zhili.scenes.wage_guard.tests.test_payroll import MARCH, TODAY, _days

NOW = timezone.make_aware(dt.datetime(2026, 4, 5, 9))


@pytest.fixture
def confirmed(team, roster, lead_chen, account):
    zhang, li, wang = roster
    _days(zhang, 20)
    _days(li, 18)
    _days(wang, 10)
    sheet = services.build_wage_sheet(team, MARCH, actor=lead_chen, today=TODAY)
    services.issue_wage_sheet(sheet, actor=lead_chen, today=TODAY)
    for entry in (zhang, li):
        services.confirm_wage_line(sheet.lines.get(entry=entry), actor=entry.worker, now=NOW)
    return sheet


def _return(batch, answers, *, number=None, count=None, total=None):
    head = f"H|{number or batch.number}|{count or batch.line_count}|{total or batch.total}|20260415"
    return ("\n".join([head] + [f"D|{a}" for a in answers]) + "\n").encode()


def test_the_payment_file_holds_the_confirmed_lines(confirmed, manager_liu):
    batch = services.create_payment_batch(confirmed, actor=manager_liu, today=TODAY)
    sid = confirmed.project_id
    assert batch.number == f"WG{sid:05d}202603{confirmed.team_id:05d}01"
    assert batch.content == (
        f"H|{batch.number}|19135101040012345|建德建工集团有限公司新安江花园一期农民工工资专用账户|2|12400.00|20260403\n"
        "D|1|6222020200112233445|张三|7000.00|2026-03工资\n"
        "D|2|6228480010203040506|李四|5400.00|2026-03工资\n")
    assert [e.kind for e in entries_for(batch)] == ["wage_guard.batch.created"]
    confirmed.refresh_from_db()
    assert confirmed.status == "paying"


def test_a_months_file_is_never_made_twice(confirmed, manager_liu):
    batch = services.create_payment_batch(confirmed, actor=manager_liu, today=TODAY)
    with pytest.raises(ValidationError) as open_batch:
        services.create_payment_batch(confirmed, actor=manager_liu, today=TODAY)
    assert open_batch.value.message_dict["sheet"][0] == f"批次 {batch.number} 尚未回盘对账，不能再生成代发文件"
    services.reconcile_return_file(batch, actor=manager_liu, content=_return(batch, [
        "1|6222020200112233445|7000.00|S|成功", "2|6228480010203040506|5400.00|S|成功"]))
    with pytest.raises(ValidationError) as again:
        services.create_payment_batch(confirmed, actor=manager_liu, today=TODAY)
    assert "已生成" in again.value.message_dict["sheet"][0]
    assert PaymentBatch.objects.count() == 1


def test_the_return_file_pays_debits_and_keeps_failures_for_a_retry(confirmed, manager_liu, roster):
    batch = services.create_payment_batch(confirmed, actor=manager_liu, today=TODAY)
    report = services.reconcile_return_file(batch, actor=manager_liu, content=_return(batch, [
        "1|6222020200112233445|7000.00|S|交易成功", "2|6228480010203040506|5400.00|F|户名与账号不符"]))
    assert (report.paid, report.failed, report.paid_total) == (1, 1, Decimal("7000.00"))
    assert SpecialAccount.objects.get().balance == Decimal("93000.00")
    assert AccountEntry.objects.order_by("-id").first().amount == Decimal("-7000.00")
    zhang_line = confirmed.lines.get(entry=roster[0])
    assert (zhang_line.paid_amount, zhang_line.paid_on) == (Decimal("7000.00"), dt.date(2026, 4, 15))
    assert [e.kind for e in entries_for(zhang_line)] == ["wage_guard.line.confirmed", "wage_guard.wage.paid"]
    li_line = confirmed.lines.get(entry=roster[1])
    assert [e.kind for e in entries_for(li_line)] == ["wage_guard.line.confirmed", "wage_guard.wage.payment_failed"]

    # 王五 did not answer by the deadline: his line becomes payable with the failed one in the retry.
    retry = services.create_payment_batch(confirmed, actor=manager_liu, today=dt.date(2026, 4, 16))
    assert (retry.sequence, retry.line_count, retry.total) == (2, 2, Decimal("8200.00"))
    assert retry.content.splitlines()[1:] == ["D|1|6228480010203040506|李四|5400.00|2026-03工资",
                                              "D|2|6217000010009988776|王五|2800.00|2026-03工资"]
    services.reconcile_return_file(retry, actor=manager_liu, content=_return(retry, [
        "1|6228480010203040506|5400.00|S|", "2|6217000010009988776|2800.00|S|"]))
    confirmed.refresh_from_db()
    assert confirmed.status == "paid"
    assert SpecialAccount.objects.get().balance == Decimal("84800.00")


def test_a_return_file_that_does_not_match_is_reported_by_line_and_changes_nothing(confirmed, manager_liu):
    batch = services.create_payment_batch(confirmed, actor=manager_liu, today=TODAY)
    report = services.reconcile_return_file(batch, actor=manager_liu, content=_return(batch, [
        "1|6222020200112233445|7000.01|S|", "1|6222020200112233445|7000.00|S|", "7|6222020200112233445|1.00|S|"],
        number="WG-OTHER", total="12400.01"))
    assert [(e.line, e.reason) for e in report.errors] == [
        (1, f"批次号 WG-OTHER 与代发批次 {batch.number} 不符"),
        (1, "金额合计 12400.01 与代发文件的 12400.00 不符"),
        (2, "序号 1 的金额 7000.01 与代发文件的 7000.00 不符"),
        (4, "序号 7 不在代发文件中"),
        (5, "序号 2 在回盘文件中缺失"),
    ]
    batch.refresh_from_db()
    assert batch.status == "sent"
    assert SpecialAccount.objects.get().balance == Decimal("100000.00")
    assert not confirmed.lines.filter(paid_amount__gt=0).exists()


def test_a_batch_beyond_the_balance_is_refused(confirmed, manager_liu):
    SpecialAccount.objects.update(balance=Decimal("12399.99"))
    with pytest.raises(ValidationError) as refused:
        services.create_payment_batch(confirmed, actor=manager_liu, today=TODAY)
    assert refused.value.message_dict["sheet"] == ["专用账户余额 12399.99 元不足以支付本批 12400.00 元"]
    assert PaymentBatch.objects.count() == 0


def test_only_the_general_contractor_pays(confirmed, lead_chen):
    with pytest.raises(PermissionDenied):
        services.create_payment_batch(confirmed, actor=lead_chen, today=TODAY)
    assert PaymentBatch.objects.count() == 0


def test_a_bank_that_takes_the_column_layout_gets_it_and_its_return_is_read_alike(confirmed, manager_liu, client):
    from zhili.core.testing.api import PASSWORD

    SpecialAccount.objects.update(bank_layout="column_txt")
    batch = services.create_payment_batch(confirmed, actor=manager_liu, today=TODAY)
    assert batch.layout == "column_txt"
    assert batch.content == ("1,6222020200112233445,张三,7000.00,2026-03工资\r\n"
                             "2,6228480010203040506,李四,5400.00,2026-03工资\r\n")
    manager_liu.set_password(PASSWORD)
    manager_liu.save()
    client.login(username="gc_liu", password=PASSWORD)
    download = client.get(f"/wage_guard/batches/{batch.pk}/file/")
    assert download.content == batch.content.encode("gbk") and "charset=gbk" in download["Content-Type"]

    short = "1,6222020200112233445,7000.00,成功,\r\n".encode("gbk")
    report = services.reconcile_return_file(batch, actor=manager_liu, content=short)
    assert [(e.line, e.reason) for e in report.errors] == [(2, "序号 2 在回盘文件中缺失")]
    answer = "1,6222020200112233445,7000.00,成功,\r\n2,6228480010203040506,5400.00,失败,户名不符\r\n".encode("gbk")
    report = services.reconcile_return_file(batch, actor=manager_liu, content=answer)
    assert (report.paid, report.failed, report.paid_total) == (1, 1, Decimal("7000.00"))


def test_an_unknown_layout_is_refused_when_the_account_is_opened(project, manager_liu):
    with pytest.raises(ValidationError) as refused:
        services.open_special_account(project, bank_name="某银行", account_number="123456789012",
                                      opened_on=dt.date(2026, 3, 1), bank_layout="nobank", actor=manager_liu)
    assert refused.value.message_dict["bank_layout"] == ["未知的代发文件格式 nobank"]
    assert not SpecialAccount.objects.exists()
