"""The 30 effect indicators on core.indicators: counted from the scene's records, stored per county, on the cockpit."""

import pytest

from zhili.core.indicators.api import EntityResult
from zhili.core.testing.api import PASSWORD
from zhili.scenes.carbon_code import effects, loans, services

from .test_loans import _banker


@pytest.fixture
def banker_he(county):
    return _banker("banker_he", "农业银行建德支行", county, 501)


def test_the_effects_count_the_loan_decisions_and_the_matched_services(worked_example, officer_zhou, owner_shen,
                                                                       banker_he, client):
    """甲 (中碳4级) gets 600 万元 at 2.80 % when the one-year LPR is 3.00 %: 1.2 万元 a year saved."""
    firm_a, _b = worked_example
    services.evaluate_period("2025", actor=officer_zhou)
    product = loans.publish_product(name="转型碳效贷", min_grade=4, max_grade=5, max_amount="800", annual_rate="2.80",
                                    actor=banker_he)
    application = loans.apply_loan(product, enterprise=firm_a, amount="600", actor=owner_shen)
    loans.decide_loan(application, approve=True, actor=banker_he, amount="600", annual_rate="2.80")
    year = application.period  # a loan counts for the year whose grade it rests on
    assert year == "2025"
    run = effects.publish_effects(year, actor=officer_zhou)
    stored = EntityResult.objects.get(run=run, entity_key="330182").explanation["values"]
    assert len(stored) == 30
    assert (stored["loan_firms"], stored["loan_count"], stored["loan_amount"], stored["loan_cost_saved"]) == (
        1, 1, 600, 1.2)
    rows = {r["code"]: r for r in effects.effect_rows({"330182"}, year)}
    assert rows["loan_firms"]["origin"] == "seed" and rows["reward_firms"]["origin"] == "ours"

    client.login(username="officer_zhou", password=PASSWORD)
    data = client.get("/carbon_code/cockpit/data/").json()["analyses"]
    shown = {row[1]: row[2]["display"] for row in data["effects"]["rows"]}
    assert len(shown) == 30 and shown["贷款金额"] == "600.00" and shown["降低贷款成本"] == "1.20"
    assert {row[0] for row in data["kinds"]["rows"]} == {"电网购电（kWh）", "天然气（m³）"}


def test_only_an_officer_recounts_the_effects(graded_2025, owner_shen, officer_zhou, client):
    client.login(username="owner_shen", password=PASSWORD)
    assert client.post("/carbon_code/effects/publish/").status_code == 403
    assert not EntityResult.objects.filter(system_code=effects.SYSTEM).exists()
    client.login(username="officer_zhou", password=PASSWORD)
    assert client.post("/carbon_code/effects/publish/").status_code == 302
    assert EntityResult.objects.get(system_code=effects.SYSTEM, entity_key="330182").explanation["values"][
        "muni_firms"] == 2


def test_the_effects_of_a_year_with_results(graded_2025):
    """Without loans: the services matched and the year's own generation, per county."""
    values = effects.effect_values("2025")["330182"]
    assert (values["reward_firms"], values["muni_firms"], values["muni_good_firms"], values["poor_firms"]) == (
        1, 2, 1, 1)
    assert (values["diagnosis_firms"], values["substitution_firms"], values["own_generation"], values["offset_t"]) == (
        1, 1, 24.0, 132.0)
    assert values["loan_firms"] == 0


@pytest.fixture
def graded_2025(worked_example, officer_zhou):
    services.evaluate_period("2025", actor=officer_zhou)
