"""The enterprise's footprint page: its own monthly emissions by kind, net, K and grade, industry, new energy."""

from zhili.core.testing.api import PASSWORD
from zhili.scenes.carbon_code import services


def test_the_enterprise_sees_its_own_footprint_and_an_officer_is_refused(worked_example, officer_zhou, owner_shen,
                                                                         client):
    services.evaluate_period("2025", actor=officer_zhou)
    services.evaluate_period("2025-03", actor=officer_zhou)
    client.login(username="owner_shen", password=PASSWORD)
    assert client.get("/carbon_code/footprint/").status_code == 200
    data = client.get("/carbon_code/footprint/data/").json()["analyses"]

    def shown(code):
        return [[c["display"] if isinstance(c, dict) else c for c in row] for row in data[code]["rows"]]

    kpi = dict(shown("kpi"))
    assert (kpi["碳效等级"], kpi["净排放（tCO2）"], kpi["碳效值 K"]) == ("中碳4级", "919.5", "1.2316")
    # 100,000 kWh × 0.00055 and 10,000 m³ natural gas × its factor; no coal, oil or heat used
    assert shown("by_kind") == [["2025-03", "55.00", "21.62", "—", "—", "—"]]
    assert shown("net")[0][1:] == ["87.62", "11.00", "76.62"]
    assert shown("k_history") == [["2025", "1.2316", "中碳4级"], ["2025-03", "1.2316", "中碳4级"]]
    assert shown("industry") == [["2025-03", "0.7662", "0.6221"]]
    assert shown("new_energy") == [["2025-03", "2.00"]]
    client.login(username="officer_zhou", password=PASSWORD)
    assert client.get("/carbon_code/footprint/data/").status_code == 403
