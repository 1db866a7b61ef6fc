"""Region and industry indices, rankings and the cockpit's drill-down."""

from decimal import Decimal

from zhili.core.testing.api import PASSWORD, RegionFactory
from zhili.scenes.carbon_code import services
from zhili.scenes.carbon_code.models import RegionIndex

from .conftest import firm, months


def _third_firm_in_chun_an(pool, machinery):
    """丙 in 淳安县: 100,000 kWh and 100 万元 a month, L 0.5500."""
    chun_an = RegionFactory(code="330127", name="淳安县")
    third = firm("丙机械有限公司", chun_an, machinery, 103)
    pool([(third.uscc, m, "grid_electricity", 100000, "kWh") for m in months()], [(third.uscc, m, 100) for m in months()])
    return third


def test_county_indices_rank_against_the_province(worked_example, pool, machinery, officer_zhou):
    """Province L = (919.463 + 1,320 + 660) / 4,800 = 0.6041; 建德 0.6221 → index 1.0298 (2nd), 淳安 0.5500 → 0.9105."""
    _third_firm_in_chun_an(pool, machinery)
    services.evaluate_period("2025", actor=officer_zhou)
    counties = {i.code: (i.firms, i.intensity, i.index_value, i.rank)
                for i in RegionIndex.objects.filter(period="2025", level="county")}
    assert counties == {"330182": (2, Decimal("0.6221"), Decimal("1.0298"), 2),
                        "330127": (1, Decimal("0.5500"), Decimal("0.9105"), 1)}
    province = RegionIndex.objects.get(period="2025", level="province")
    assert (province.code, province.intensity, province.index_value) == ("330000", Decimal("0.6041"), Decimal("1.0000"))
    assert RegionIndex.objects.get(level="industry", code="34").firms == 3


def test_an_officer_sees_the_counties_of_their_scope_and_drills_down(worked_example, pool, machinery, officer_zhou,
                                                                     client):
    _third_firm_in_chun_an(pool, machinery)
    services.evaluate_period("2025", actor=officer_zhou)
    client.login(username="officer_zhou", password=PASSWORD)
    page = client.get("/carbon_code/regions/?period=2025&level=county").content.decode()
    assert "建德市" in page and "淳安县" not in page
    data = client.get("/carbon_code/cockpit/data/").json()["analyses"]
    kpi = {row[0]: row[1]["display"] for row in data["kpi"]["rows"]}
    assert (kpi["已评价企业"], kpi["单位增加值碳排放（t/万元）"], kpi["4–5 级企业"]) == ("2", "0.6221", "1")
    assert data["regions"]["drill"] == [{"region": "330182001000"}]  # 建德's one town below its scope
    drilled = client.get("/carbon_code/cockpit/data/?industry=34").json()["analyses"]
    assert [row[0] for row in drilled["worst"]["rows"]] == ["甲机械有限公司", "乙机械有限公司"]
