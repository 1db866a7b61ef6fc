"""Services matched by grade (policies on core.policy), the diagnosis against the industry, volatility, the 有序用电
list and the 亩均 file, the warnings page and the map."""

import csv
import io
import json
import re

import pytest

from zhili.core.foundation.api import AuditEntry
from zhili.core.testing.api import PASSWORD
from zhili.scenes.carbon_code import diagnosis, matching, services
from zhili.scenes.carbon_code.models import CarbonResult

from .conftest import firm, months


@pytest.fixture
def graded(worked_example, officer_zhou):
    services.evaluate_period("2025", actor=officer_zhou)
    return worked_example


def _by_code(result):
    return {m.code: m for m in matching.services_for(result)}


def test_the_worked_example_is_diagnosed_and_matched_with_reasons(graded):
    """甲 (中碳4级) uses gas that its industry hardly uses: 259.463 t / 1,200 万元 = 0.2162 against 259.463 / 3,600 =
    0.0721, so gas is its weak kind (0.1441 above); its grid electricity is exactly the industry's 0.55."""
    firm_a, firm_b = graded
    result_a = CarbonResult.objects.get(enterprise=firm_a, period="2025")
    found = diagnosis.diagnose(result_a)
    rows = {r.kind: (round(r.own, 4), round(r.industry, 4)) for r in found.rows}
    assert rows == {"grid_electricity": (0.55, 0.55), "natural_gas": (0.2162, 0.0721)}
    assert (found.weak_kind, found.weak_excess) == ("natural_gas", 0.1441)

    services_a = _by_code(result_a)
    assert services_a["differentiated_reward"].status == "ineligible"
    assert services_a["differentiated_reward"].conditions == [(False, "年度碳效等级达到奖励要求（4 / 3）")]
    assert (services_a["muni_carbon_indicator"].status, services_a["muni_carbon_indicator"].detail) == (
        "eligible", "碳效指标得分 40（权重 0.10）")
    assert services_a["orderly_power_list"].status == "ineligible"  # 中碳, not 高碳
    assert services_a["energy_saving_diagnosis"].eligible
    assert services_a["energy_saving_diagnosis"].detail == "诊断重点：天然气（m³），高出行业 0.1441 t/万元"

    services_b = _by_code(CarbonResult.objects.get(enterprise=firm_b, period="2025"))  # 低碳3级, only grid power
    assert (services_b["differentiated_reward"].status, services_b["differentiated_reward"].detail) == (
        "eligible", "奖励系数 1.0")
    assert services_b["energy_saving_diagnosis"].status == "ineligible"
    assert services_b["direct_power_trading"].status == "ineligible"  # 3 级 is not 1–2


def test_an_enterprise_without_a_graded_year_is_told_what_is_missing(db):
    matches = matching.services_for(None)
    assert {m.status for m in matches} == {"undecided"}
    assert "年度碳效等级" in matches[0].summary


def test_the_orderly_power_list_names_low_efficiency_high_emission_firms_and_exports(
        worked_example, pool, town, machinery, officer_zhou, officer_sun, owner_shen, client):
    """丙 burns 40 t of coal a month for 10 万元 of value added: 高碳5级, on the list with its reasons."""
    firm_c = firm("丙铸造有限公司", town, machinery, 103)
    pool([(firm_c.uscc, m, "coal", 40, "t") for m in months()], [(firm_c.uscc, m, 10) for m in months()])
    services.evaluate_period("2025", actor=officer_zhou)
    assert CarbonResult.objects.get(enterprise=firm_c).label == "高碳5级"
    client.login(username="officer_zhou", password=PASSWORD)
    page = client.get("/carbon_code/services/officer/?service=orderly_power_list").content.decode()
    assert "丙铸造有限公司" in page and "甲机械有限公司" not in page
    assert "碳效等级为低效（5 / 4）" in page
    assert "碳效水平为高排放（高碳 / 高碳）" in page
    export = client.get("/carbon_code/services/officer/?service=orderly_power_list&format=xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEntry.objects.filter(action="ui.list.exported",
                                     data__list="carbon_code.services.orderly_power_list").exists()
    assert client.get("/carbon_code/services/officer/?service=nothing").status_code == 404
    client.login(username="officer_sun", password=PASSWORD)  # another county: nobody of theirs qualifies
    assert "丙铸造有限公司" not in client.get("/carbon_code/services/officer/?service=orderly_power_list").content.decode()
    client.login(username="owner_shen", password=PASSWORD)
    assert client.get("/carbon_code/services/officer/").status_code == 403
    mine = client.get("/carbon_code/services/").content.decode()
    assert "“供电+能效”节能诊断" in mine and "天然气（m³）" in mine


def test_the_muni_file_has_fixed_columns_and_the_grade_scores(graded, officer_zhou, client):
    firm_a, firm_b = graded
    client.login(username="officer_zhou", password=PASSWORD)
    response = client.get("/carbon_code/services/muni.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert list(rows[0]) == matching.MUNI_HEADER
    assert {r["uscc"]: (r["grade"], r["carbon_score"], r["k_value"]) for r in rows} == {
        firm_a.uscc: ("4", "40", "1.2316"), firm_b.uscc: ("3", "60", "0.8841")}
    assert AuditEntry.objects.filter(action="carbon_code.muni.exported", data__rows=2).exists()


def test_a_worsening_year_shows_with_its_case_volatility_and_on_the_map(worked_example, pool, officer_zhou, county,
                                                                        client, django_capture_on_commit_callbacks):
    """2024 at 80,000 kWh a month 甲 is 3 级; 2025 at 100,000 kWh it is 4 级: K up against last year, a case pushed
    to the county's office with a working-day deadline, listed on the warnings page."""
    from zhili.core.cases.api import AssignmentRule

    firm_a, firm_b = worked_example
    office = officer_zhou.memberships.get().organization
    AssignmentRule.objects.create(case_type="carbon_code.rectification", region=county, organization=office)
    energy, va = [], []
    for month in months(2024):
        energy += [(firm_a.uscc, month, "grid_electricity", 80000, "kWh"),
                   (firm_b.uscc, month, "grid_electricity", 200000, "kWh")]
        va += [(firm_a.uscc, month, 100), (firm_b.uscc, month, 200)]
    pool(energy, va)
    with django_capture_on_commit_callbacks(execute=True):
        services.evaluate_period("2024", actor=officer_zhou)
        services.evaluate_period("2025", actor=officer_zhou)
    found = diagnosis.diagnose(CarbonResult.objects.get(enterprise=firm_a, period="2025"))
    assert found.previous_grade == "3" and found.k_change > 0
    client.login(username="officer_zhou", password=PASSWORD)
    page = client.get("/carbon_code/warnings/").content.decode()
    from zhili.core.cases.api import Case

    case = Case.objects.get(case_type="carbon_code.rectification")
    assert case.due_at is not None and case.organization_id == office.pk
    assert "3 → 4" in page and case.number in page and office.name in page
    detail = client.get(f"/carbon_code/results/{CarbonResult.objects.get(enterprise=firm_a, period='2025').pk}/")
    assert "短板能源：天然气（m³）" in detail.content.decode()
    map_page = client.get("/carbon_code/map/").content.decode()
    payload = json.loads(re.search(r'<script id="[^"]+" type="application/json">(.*?)</script>', map_page, re.S)[1])
    (feature,) = payload["features"]  # the town, drawn at its county's seat (建德市)
    assert feature["properties"]["title"] == "新安江街道"
    assert feature["geometry"]["coordinates"] == [119.281, 29.474]
