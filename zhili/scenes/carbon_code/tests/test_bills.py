"""The carbon bill: a sealed PDF with the figures, the industry comparison and a computed improvement plan."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from zhili.core.esign.api import verify_pdf
from zhili.core.ledger.api import entries_for
from zhili.core.testing.api import PASSWORD
from zhili.scenes.carbon_code import services
from zhili.scenes.carbon_code.bills import bill_context, improvement_plan
from zhili.scenes.carbon_code.models import CarbonBill, CarbonResult


def test_the_plan_names_the_cut_to_the_next_grade(worked_example, officer_zhou):
    """甲 (K 1.2316, 4 级) reaches 3 级 at K ≤ 1.2: net ≤ 1.2 × 0.6221 × 1,200 = 895.824 t, a cut of 23.639 t."""
    firm_a, _b = worked_example
    services.evaluate_period("2025", actor=officer_zhou)
    result = CarbonResult.objects.get(enterprise=firm_a)
    plan = improvement_plan(result)
    assert plan[0] == "增加值不变时，净排放减少 23.639 tCO2（2.6%）可达到 3 级（碳效值 ≤ 1.2）。"
    assert plan[1].startswith("电力是最大排放源")
    assert plan[-1].startswith("碳效 4–5 级")
    assert (bill_context(result)["better_than"], bill_context(result)["peers"]) == (0, 2)


def test_the_enterprise_issues_its_bill_sealed_and_ledgered(worked_example, officer_zhou, owner_shen, client):
    firm_a, _b = worked_example
    services.evaluate_period("2025", actor=officer_zhou)
    result = CarbonResult.objects.get(enterprise=firm_a)
    client.login(username="owner_shen", password=PASSWORD)
    response = client.post(f"/carbon_code/results/{result.pk}/bill/")
    bill = CarbonBill.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/carbon_code/bills/{bill.pk}.pdf"
    pdf = client.get(response["Location"])
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    assert verify_pdf(bytes(bill.pdf)).signatures  # the platform's seal
    assert [e.kind for e in entries_for(bill)] == ["carbon_code.bill.issued"]
    # re-evaluating leaves the issued bill as it was
    services.evaluate_period("2025", actor=officer_zhou)
    assert CarbonBill.objects.get().pdf == bill.pdf


def test_another_enterprise_cannot_issue_or_read_the_bill(worked_example, officer_zhou, owner_shen, client):
    _a, firm_b = worked_example
    services.evaluate_period("2025", actor=officer_zhou)
    other = CarbonResult.objects.get(enterprise=firm_b)
    with pytest.raises(PermissionDenied):
        services.issue_bill(other, actor=owner_shen)
    assert CarbonBill.objects.count() == 0
    bill = services.issue_bill(other, actor=officer_zhou)
    client.login(username="owner_shen", password=PASSWORD)
    assert client.get(f"/carbon_code/bills/{bill.pk}.pdf").status_code == 404
    assert client.post(f"/carbon_code/results/{other.pk}/bill/").status_code == 404
    assert CarbonBill.objects.count() == 1
    assert other.k_value == Decimal("0.8841")
