"""Carbon-efficiency loans: products for grades, one-click application granting the bank the reading of the year's
figures through core.sharing, the bank reads only under that grant and decides."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhili.core.foundation.api import audit
from zhili.core.ledger.api import entries_for
from zhili.core.orgs.api import OrganizationKind
from zhili.core.sharing.api import NotShared, OrgAccessLogEntry
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
    page = client.get("/carbon_code/loans/").content.decode()
    assert "同意 农业银行建德支行 为审批碳效贷，查阅本单位 2025 年度的碳效评价结果" in page
    client.post("/carbon_code/loans/", {"product": transition.pk, "amount": "600"})
    application = LoanApplication.objects.select_related("grant").get()
    assert (application.amount, application.grant.grantee_id, application.grant.subject) == (
        Decimal("600.00"), transition.bank_id, "2025")
    assert "同意 农业银行建德支行" in application.grant.consent_text
    client.login(username="banker_he", password=PASSWORD)
    desk = client.get("/carbon_code/bank/").content.decode()
    assert "甲机械有限公司" in desk and "1.2316" not in desk  # the list shows no figures: they open per application
    opened = client.get(f"/carbon_code/bank/applications/{application.pk}/").content.decode()
    assert "中碳4级" in opened and "1.2316" in opened
    assert OrgAccessLogEntry.objects.filter(grant=application.grant, reader__username="banker_he").count() == 1
    client.post(f"/carbon_code/bank/applications/{application.pk}/decide/",
                {"decision": "approve", "amount": "500", "annual_rate": "3.60"})
    application.refresh_from_db()
    assert (application.status, application.granted_amount, application.granted_rate) == (
        "approved", Decimal("500.00"), Decimal("3.60"))
    assert [e.kind for e in entries_for(application)] == ["carbon_code.loan.decided"]
    assert json.loads(entries_for(application)[0].record)["data"]["grade"] == "4"
    assert OrgAccessLogEntry.objects.filter(grant=application.grant).count() == 2  # the page and the decision
    client.login(username="owner_shen", password=PASSWORD)
    assert "审批碳效贷申请" in client.get("/carbon_code/loans/").content.decode()  # the enterprise sees the reads
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


def test_after_the_enterprise_revokes_the_bank_can_neither_read_nor_decide(graded, banker_he, owner_shen, client):
    firm_a, _b = graded
    product = loans.publish_product(name="转型碳效贷", min_grade=3, max_grade=5, max_amount="800",
                                    annual_rate="3.85", actor=banker_he)
    application = loans.apply_loan(product, enterprise=firm_a, amount="300", actor=owner_shen)
    client.login(username="owner_shen", password=PASSWORD)
    client.post(f"/carbon_code/loans/{application.pk}/revoke/")
    application.refresh_from_db()
    assert application.grant.revoked_at is not None
    client.login(username="banker_he", password=PASSWORD)
    assert client.get(f"/carbon_code/bank/applications/{application.pk}/").status_code == 404
    assert client.post(f"/carbon_code/bank/applications/{application.pk}/decide/",
                       {"decision": "approve"}).status_code == 404
    with pytest.raises(NotShared):
        loans.decide_loan(application, approve=False, actor=banker_he)
    application.refresh_from_db()
    assert (application.status, OrgAccessLogEntry.objects.count(), list(entries_for(application))) == ("withdrawn", 0, [])
    assert "carbon_code.loan.withdrawn" in [e.action for e in audit.entries_for(application)]
    loans.apply_loan(product, enterprise=firm_a, amount="300", actor=owner_shen)  # the enterprise may apply again


def test_an_expired_grant_reads_nothing(graded, banker_he, owner_shen, client):
    firm_a, _b = graded
    product = loans.publish_product(name="转型碳效贷", min_grade=3, max_grade=5, max_amount="800",
                                    annual_rate="3.85", actor=banker_he)
    application = loans.apply_loan(product, enterprise=firm_a, amount="300", actor=owner_shen)
    type(application.grant).objects.filter(pk=application.grant_id).update(expires_at=timezone.now())
    client.login(username="banker_he", password=PASSWORD)
    assert client.get(f"/carbon_code/bank/applications/{application.pk}/").status_code == 404
