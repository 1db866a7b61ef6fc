"""Projects, subcontracts, the special account, labour-cost payments and the guarantee deposit: exact figures."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.foundation.api import audit
from zhili.core.ledger.api import entries_for
from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.models import GuaranteeDeposit, LaborCostInstalment, Project
from zhili.scenes.wage_guard.rules import deposit_terms

DAY = dt.date(2026, 3, 1)


def test_a_registered_project_takes_the_default_labor_cost_share(project):
    assert project.labor_cost_share == Decimal("0.2500")
    assert project.labor_cost_total == Decimal("3000000.00")
    assert [e.action for e in audit.entries_for(project)] == ["wage_guard.project.registered"]


def test_a_permit_number_is_registered_once(project, housing_zhou):
    with pytest.raises(ValidationError) as refused:
        services.register_project(
            region=project.region, name="另一项目", permit_number=project.permit_number, builder=project.builder,
            general_contractor=project.general_contractor, contract_sum="100", start_date=DAY,
            planned_finish=dt.date(2026, 12, 1), work_start=dt.time(7), work_end=dt.time(18), actor=housing_zhou)
    assert list(refused.value.message_dict) == ["permit_number"]
    assert Project.objects.count() == 1


def test_only_the_housing_officer_registers_projects(county, manager_liu, builder, contractor_org):
    with pytest.raises(PermissionDenied):
        services.register_project(
            region=county, name="甲", permit_number="X1", builder=builder, general_contractor=contractor_org,
            contract_sum="100", start_date=DAY, planned_finish=dt.date(2026, 12, 1), work_start=dt.time(7),
            work_end=dt.time(18), actor=manager_liu)
    assert Project.objects.count() == 0


@pytest.mark.parametrize(("contract", "clean", "arrears", "blacklisted", "ratio", "amount"), [
    ("12000000", 0, False, False, "0.0200", "240000.00"),
    ("12000000", 2, False, False, "0.0050", "60000.00"),
    ("12000000", 3, False, False, "0", "0.00"),
    ("2000000", 1, False, False, "0", "0.00"),
    ("2000000", 0, False, False, "0.0200", "40000.00"),
    ("12000000", 0, True, False, "0.0300", "360000.00"),
    ("12000000", 5, False, True, "0.0400", "480000.00"),
    ("300000000", 0, False, False, "0.0200", "5000000.00"),
    ("300000000", 0, False, True, "0.0400", "12000000.00"),
])
def test_the_deposit_ratio_follows_the_record(contract, clean, arrears, blacklisted, ratio, amount):
    got_ratio, got_amount, basis = deposit_terms(contract_sum=Decimal(contract), day=DAY, clean_years=clean,
                                                 arrears_in_two_years=arrears, blacklisted=blacklisted)
    assert (got_ratio, got_amount) == (Decimal(ratio), Decimal(amount))
    assert basis and all(basis)


def test_the_deposit_is_lodged_once_and_ledgered(project, manager_liu):
    deposit = services.lodge_deposit(project, form="guarantee", lodged_on=DAY, arrears_in_two_years=True,
                                     bank_name="建设银行", actor=manager_liu)
    assert (deposit.ratio, deposit.amount) == (Decimal("0.0300"), Decimal("360000.00"))
    assert "上浮 50%" in deposit.basis
    assert [e.kind for e in entries_for(deposit)] == ["wage_guard.deposit.lodged"]
    with pytest.raises(ValidationError):
        services.lodge_deposit(project, form="cash", lodged_on=DAY, actor=manager_liu)
    assert GuaranteeDeposit.objects.count() == 1


def test_labor_cost_is_scheduled_within_a_month_and_settles_oldest_first(project, account, manager_liu):
    with pytest.raises(ValidationError) as refused:
        services.schedule_labor_cost(project, instalments=[(dt.date(2026, 4, 5), "50000")], actor=manager_liu)
    assert "35 天" in refused.value.message_dict["instalments[0]"][0]
    services.schedule_labor_cost(project, instalments=[(dt.date(2026, 3, 31), "60000"), (dt.date(2026, 4, 30), "60000")],
                                 actor=manager_liu)
    entry = services.record_labor_cost_payment(project, amount="80000", paid_on=dt.date(2026, 3, 30),
                                               actor=manager_liu)
    assert entry.balance_after == Decimal("180000.00")
    account.refresh_from_db()
    assert account.balance == Decimal("180000.00")
    assert account.account_name == "建德建工集团有限公司新安江花园一期农民工工资专用账户"
    first, second = LaborCostInstalment.objects.order_by("due_on")
    assert (first.paid_amount, first.paid_on) == (Decimal("60000.00"), dt.date(2026, 3, 30))
    assert (second.paid_amount, second.paid_on) == (Decimal("20000.00"), None)
    assert [e.kind for e in entries_for(account)] == [
        "wage_guard.account.opened", "wage_guard.labor_cost.paid", "wage_guard.labor_cost.paid"]


def test_labor_cost_beyond_the_contract_share_is_refused(project, manager_liu):
    with pytest.raises(ValidationError) as refused:
        services.schedule_labor_cost(project, instalments=[(dt.date(2026, 3, 31), "3000000.01")], actor=manager_liu)
    assert "3000000.00" in refused.value.message_dict["instalments"][0]
    assert LaborCostInstalment.objects.count() == 0


def test_subcontracts_form_tiers_within_the_parent_sum(project, subcontract, manager_liu, county):
    from zhili.core.testing.api import EnterpriseFactory

    second = services.add_subcontract(project, contractor=EnterpriseFactory(region=county), scope="钢筋绑扎",
                                      contract_sum="1000000", parent=subcontract, actor=manager_liu)
    assert (subcontract.tier, second.tier) == (1, 2)
    with pytest.raises(ValidationError) as refused:
        services.add_subcontract(project, contractor=EnterpriseFactory(region=county), scope="超额",
                                 contract_sum="3000000.01", parent=subcontract, actor=manager_liu)
    assert list(refused.value.message_dict) == ["contract_sum"]
