"""Completion, the 30-day no-arrears notice, the account's closure and the deposit's return (MWR Art. 27)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.ledger.api import entries_for
from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.models import AccountEntry, GuaranteeDeposit, Project

FINISHED = dt.date(2026, 6, 30)


@pytest.fixture
def deposit(project, manager_liu):
    return services.lodge_deposit(project, form="cash", lodged_on=dt.date(2026, 3, 1), bank_name="农业银行",
                                  actor=manager_liu)


def test_a_settled_project_completes_closes_after_the_notice_and_gets_its_deposit_back(
        project, account, deposit, manager_liu, hrss_qian):
    services.complete_project(project, finished_on=FINISHED, actor=manager_liu)
    project.refresh_from_db()
    assert (project.status, project.notice_from) == ("completed", FINISHED)
    assert services.notice_ends(project) == dt.date(2026, 7, 30)
    with pytest.raises(ValidationError) as early:
        services.close_special_account(project, closed_on=dt.date(2026, 7, 29), actor=manager_liu)
    assert "2026-07-30" in early.value.message_dict["closed_on"][0]
    assert "第二十七条" in early.value.message_dict["closed_on"][0]

    closed = services.close_special_account(project, closed_on=dt.date(2026, 7, 30), actor=manager_liu)
    assert (closed.closed_on, closed.balance) == (dt.date(2026, 7, 30), Decimal("0.00"))
    back = AccountEntry.objects.filter(account=closed).order_by("-id").first()
    assert (back.kind, back.amount) == ("closure", Decimal("-100000.00"))
    assert Project.objects.get(pk=project.pk).status == "closed"
    assert [e.kind for e in entries_for(closed)][-1] == "wage_guard.account.closed"

    with pytest.raises(PermissionDenied):
        services.release_deposit(project, released_on=dt.date(2026, 8, 1), actor=manager_liu)
    released = services.release_deposit(project, released_on=dt.date(2026, 8, 1), actor=hrss_qian)
    assert released.released_on == dt.date(2026, 8, 1) and "65号" in released.release_basis
    with pytest.raises(ValidationError):
        services.release_deposit(project, released_on=dt.date(2026, 8, 2), actor=hrss_qian)


def test_unpaid_wages_and_open_complaints_stop_completion_naming_each(project, account, roster, manager_liu):
    from zhili.scenes.wage_guard.tests.test_payroll import MARCH, TODAY, _days

    _days(roster[0], 5)
    sheet = services.build_wage_sheet(roster[0].team, MARCH, actor=manager_liu, today=TODAY)
    services.issue_wage_sheet(sheet, actor=manager_liu, today=TODAY)
    services.file_complaint(project, amount="1750", period_from=MARCH, period_to=MARCH, description="三月工资未发",
                            actor=roster[0].worker)
    with pytest.raises(ValidationError) as refused:
        services.complete_project(project, finished_on=FINISHED, actor=manager_liu)
    message = refused.value.message_dict["finished_on"][0]
    assert "1 条工资未足额发放" in message and "1 件欠薪投诉未办结" in message
    project.refresh_from_db()
    assert (project.status, project.finished_on) == ("building", None)


def test_a_deposit_is_not_returned_before_completion_and_the_notice(project, deposit, hrss_qian, manager_liu):
    with pytest.raises(ValidationError) as not_done:
        services.release_deposit(project, released_on=FINISHED, actor=hrss_qian)
    assert "竣工" in not_done.value.message_dict["status"][0]
    services.complete_project(project, finished_on=FINISHED, actor=manager_liu)
    with pytest.raises(ValidationError) as early:
        services.release_deposit(project, released_on=dt.date(2026, 7, 10), actor=hrss_qian)
    assert "released_on" in early.value.message_dict
    assert GuaranteeDeposit.objects.get(pk=deposit.pk).released_on is None


def test_the_project_page_takes_each_closing_step_and_shows_a_bad_date(
        client, project, account, deposit, manager_liu, hrss_qian):
    from django.contrib.messages import get_messages

    def post(user, name, field, value):
        client.force_login(user)
        response = client.post(f"/wage_guard/projects/{project.pk}/{name}/", {field: value})
        assert response.status_code == 302 and response.url == f"/wage_guard/projects/{project.pk}/"
        return str(list(get_messages(response.wsgi_request))[-1])  # the step's own message, the newest

    assert post(manager_liu, "complete", "finished_on", "30/06/2026") == "日期格式应为 YYYY-MM-DD"
    assert Project.objects.get(pk=project.pk).status != "completed"
    assert post(manager_liu, "complete", "finished_on", FINISHED.isoformat()) == "已登记竣工，无欠薪公示开始"
    assert post(manager_liu, "close", "closed_on", "2026-07-30") == "工资专用账户已注销"
    assert post(hrss_qian, "deposit/release", "released_on", "2026-08-31") == "工资保证金已返还"
    assert GuaranteeDeposit.objects.get(pk=deposit.pk).released_on == dt.date(2026, 8, 31)
