"""Carbon-efficiency loans: products for grades, one-click application with the figures shown, the bank decides."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.ledger.api import entries_for
from zhili.core.orgs.api import OrganizationKind
from zhili.core.testing.api import PASSWORD, EnterpriseFactory, MembershipFactory, UserFactory, make_uscc
from zhili.scenes.carbon_code import loans, services
from zhili.scenes.carbon_code.models import LoanApplication
from zhili.scenes.carbon_code.roles import BANK


def _banker(username, bank_name, county, sequence):
    bank = EnterpriseFactory(kind=OrganizationKind.BANK, name=bank_name, uscc=make_uscc(sequence=sequence),
                             region=county, industry=None)
    user = UserFactory(username=username, name=username, phone=f"138000001{sequence % 100:02d}")
    MembershipFactory(user=user, role=BANK, organization=bank)
    return user


@pytest.fixture
def banker_he(county):
    return _banker("banker_he", "农业银行建德支行", county, 501)


@pytest.fixture
def banker_lu(county):
    return _banker("banker_lu", "湖州银行建德支行", county, 502)


@pytest.fixture
def graded(worked_example, officer_zhou):
    services.evaluate_period("2025", actor=officer_zhou)
    return worked_example


def test_a_grade_the_product_does_not_serve_is_refused_naming_the_rule(graded, banker_he, owner_shen):
    firm_a, _b = graded
    preferential = loans.publish_product(name="绿色碳效贷", min_grade=1, max_grade=2, max_amount="1000",
                                         annual_rate="3.15", actor=banker_he)
    with pytest.raises(ValidationError) as refused:
        loans.apply_loan(preferential, enterprise=firm_a, amount="500", actor=owner_shen)
    assert refused.value.message_dict["product"] == ["该产品适用 1–2 级企业，本企业 2025 年为 4 级"]
    assert LoanApplication.objects.count() == 0


def test_the_enterprise_applies_in_one_click_and_the_bank_approves(graded, banker_he, owner_shen, client):
    firm_a, _b = graded
    transition = loans.publish_product(name="转型碳效贷", min_grade=4, max_grade=5, max_amount="800",
                                       annual_rate="3.85", actor=banker_he)
    client.login(username="owner_shen", password=PASSWORD)
    client.post("/carbon_code/loans/", {"product": transition.pk, "amount": "600"})
    application = LoanApplication.objects.get()
    assert (application.amount, application.figures["label"], application.figures["k_value"]) == (
        Decimal("600.00"), "中碳4级", "1.2316")
    client.login(username="banker_he", password=PASSWORD)
    assert "1.2316" in client.get("/carbon_code/bank/").content.decode()
    client.post(f"/carbon_code/bank/applications/{application.pk}/decide/",
                {"decision": "approve", "amount": "500", "annual_rate": "3.60"})
    application.refresh_from_db()
    assert (application.status, application.granted_amount, application.granted_rate) == (
        "approved", Decimal("500.00"), Decimal("3.60"))
    assert [e.kind for e in entries_for(application)] == ["carbon_code.loan.decided"]
    client.login(username="officer_zhou", password=PASSWORD)
    kpi = {row[0]: row[1]["display"] for row in client.get("/carbon_code/cockpit/data/").json()["analyses"]["kpi"]["rows"]}
    assert (kpi["碳效贷笔数"], kpi["碳效贷金额（亿元）"]) == ("1", "0.0500")


def test_another_bank_cannot_see_or_decide_and_nothing_changes(graded, banker_he, banker_lu, owner_shen, client):
    firm_a, _b = graded
    product = loans.publish_product(name="转型碳效贷", min_grade=3, max_grade=5, max_amount="800",
                                    annual_rate="3.85", actor=banker_he)
    application = loans.apply_loan(product, enterprise=firm_a, amount="300", actor=owner_shen)
    with pytest.raises(PermissionDenied):
        loans.decide_loan(application, approve=True, actor=banker_lu)
    client.login(username="banker_lu", password=PASSWORD)
    assert client.post(f"/carbon_code/bank/applications/{application.pk}/decide/",
                       {"decision": "approve"}).status_code == 404
    assert "甲机械有限公司" not in client.get("/carbon_code/bank/").content.decode()
    application.refresh_from_db()
    assert (application.status, application.decided_by_id) == ("submitted", None)
