"""The project page's forms of the general contractor: the wage special account (with the bank's file layout), the
labour-cost schedule and the guarantee deposit; refused input names the field and writes nothing; others get 404."""

import datetime as dt
from decimal import Decimal

from zhili.core.foundation.api import AuditEntry
from zhili.core.testing.api import PASSWORD
from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.models import CreditRating, GuaranteeDeposit, LaborCostInstalment, SpecialAccount


def _login(client, user):
    user.set_password(PASSWORD)
    user.save()
    assert client.login(username=user.username, password=PASSWORD)


def test_the_contractor_opens_the_account_with_the_banks_layout(client, project, manager_liu):
    _login(client, manager_liu)
    url = f"/wage_guard/projects/{project.pk}/account/"
    form = {"bank_name": "中国农业银行建德支行", "account_number": "1913-5101", "opened_on": "2026-03-01",
            "bank_layout": "column_txt"}
    refused = client.post(url, form)
    assert refused.status_code == 400 and "账号只能由数字组成" in refused.content.decode()
    assert not SpecialAccount.objects.exists()
    assert client.post(url, {**form, "bank_layout": "swift"}).status_code == 400
    form["account_number"] = "1913 5101 0400 12345"
    assert client.post(url, form).status_code == 302
    account = SpecialAccount.objects.get()
    assert (account.account_number, account.bank_layout) == ("19135101040012345", "column_txt")
    assert AuditEntry.objects.filter(action="wage_guard.account.opened", actor=manager_liu).count() == 1
    page = client.get(f"/wage_guard/projects/{project.pk}/").content.decode()
    assert "网银自定义列序文本" in page and 'id="account-open"' not in page
    assert client.post(url, form).status_code == 400  # a second account: refused by the service, named
    assert SpecialAccount.objects.count() == 1


def test_the_schedule_names_the_line_and_the_rule(client, project, manager_liu):
    _login(client, manager_liu)
    url = f"/wage_guard/projects/{project.pk}/labor-cost/"
    bad_date = client.post(url, {"instalments": "2026-04-01 200000\n2026-05-32 200000"})
    assert bad_date.status_code == 400 and "第 2 行的日期应为 YYYY-MM-DD" in bad_date.content.decode()
    too_far = client.post(url, {"instalments": "2026-04-01 200000\n2026-06-15 200000"})
    assert too_far.status_code == 400 and "超过" in too_far.content.decode()
    assert not LaborCostInstalment.objects.exists()
    assert client.post(url, {"instalments": "2026-04-01 200000\n2026-05-01，150000.50"}).status_code == 302
    assert list(LaborCostInstalment.objects.values_list("due_on", "amount")) == [
        (dt.date(2026, 4, 1), Decimal("200000.00")), (dt.date(2026, 5, 1), Decimal("150000.50"))]
    again = client.post(url, {"instalments": "2026-05-01 1000"})
    assert again.status_code == 400 and "已有一期拨付计划" in again.content.decode()
    assert client.post(url, {"instalments": "2026-05-30 100000"}).status_code == 302  # follows the last one
    assert LaborCostInstalment.objects.count() == 3


def test_the_deposit_ratio_follows_the_record_on_the_platform_not_the_form(client, project, manager_liu,
                                                                           contractor_org):
    assert services.deposit_record(contractor_org, dt.date(2026, 3, 1)) == {
        "clean_years": 0, "arrears_in_two_years": False, "blacklisted": False}
    _login(client, manager_liu)
    url = f"/wage_guard/projects/{project.pk}/deposit/"
    missing = client.post(url, {"form": "exempt", "lodged_on": "2026-03-01"})
    assert missing.status_code == 400 and not GuaranteeDeposit.objects.exists()
    for year, level in ((2023, "AA"), (2024, "A"), (2025, "AA")):
        CreditRating.objects.create(organization=contractor_org, year=year, level=level)
    assert services.deposit_record(contractor_org, dt.date(2026, 3, 1))["clean_years"] == 3
    CreditRating.objects.filter(year=2024).update(level="B")
    assert services.deposit_record(contractor_org, dt.date(2026, 3, 1))["clean_years"] == 1
    assert client.post(url, {"form": "guarantee", "lodged_on": "2026-03-01", "bank_name": "建设银行"}).status_code == 302
    deposit = GuaranteeDeposit.objects.get()
    assert (deposit.form, deposit.ratio, deposit.amount) == ("guarantee", Decimal("0.0200"), Decimal("240000.00"))
    assert AuditEntry.objects.filter(action="wage_guard.deposit.lodged").count() == 1


def test_people_who_do_not_manage_the_project_get_not_found(client, project, team, lead_chen, hrss_sun):
    for person in (lead_chen, hrss_sun):
        _login(client, person)
        for path, data in (("account/", {"bank_name": "x", "account_number": "1", "opened_on": "2026-03-01",
                                         "bank_layout": "platform"}),
                           ("labor-cost/", {"instalments": "2026-04-01 1"}),
                           ("deposit/", {"form": "cash", "lodged_on": "2026-03-01"})):
            assert client.post(f"/wage_guard/projects/{project.pk}/{path}", data).status_code == 404
        client.logout()
    assert not (SpecialAccount.objects.exists() or LaborCostInstalment.objects.exists()
                or GuaranteeDeposit.objects.exists())
