"""The 碳效码 as a signed code: the enterprise shows it, anyone scans it; forged, expired or superseded codes fail."""

import datetime as dt

from zhili.core.indicators.api import issue_status_code
from zhili.core.testing.api import PASSWORD
from zhili.scenes.carbon_code import queries, services
from zhili.scenes.carbon_code.indicators import SYSTEM

from .conftest import months


def test_a_scan_shows_the_three_labels_of_the_year(worked_example, officer_zhou, client):
    firm_a, _b = worked_example
    services.evaluate_period("2025", actor=officer_zhou)
    token = queries.code_for(firm_a)
    page = client.get(f"/carbon_code/scan/{token}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "甲机械有限公司" in text and "中碳4级" in text and "13%" in text  # neutrality 0.1255


def test_a_forged_code_is_rejected(worked_example, officer_zhou, client):
    firm_a, _b = worked_example
    services.evaluate_period("2025", actor=officer_zhou)
    token = queries.code_for(firm_a)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    page = client.get(f"/carbon_code/scan/{forged}/")
    assert page.status_code == 410
    assert "甲机械有限公司" not in page.content.decode()


def test_an_expired_code_is_rejected(worked_example, officer_zhou, client):
    firm_a, _b = worked_example
    services.evaluate_period("2025", actor=officer_zhou)
    token = issue_status_code(SYSTEM, firm_a.uscc, ttl=dt.timedelta(seconds=-1))
    page = client.get(f"/carbon_code/scan/{token}/")
    assert page.status_code == 410
    assert "码已过期" in page.content.decode()


def test_a_code_from_before_a_grade_change_is_superseded(worked_example, pool, officer_zhou, client):
    """甲 halves its gas use: its grade moves from 4 to 3, and the code it printed before no longer passes."""
    firm_a, _b = worked_example
    services.evaluate_period("2025", actor=officer_zhou)
    old = queries.code_for(firm_a)
    pool([(firm_a.uscc, month, "grid_electricity", 80000, "kWh") for month in months()])
    services.evaluate_period("2025", actor=officer_zhou)
    assert queries.latest_year_result(firm_a).grade == "3"
    assert client.get(f"/carbon_code/scan/{old}/").status_code == 410
    assert client.get(f"/carbon_code/scan/{queries.code_for(firm_a)}/").status_code == 200


def test_the_enterprise_sees_its_code_and_why_not_when_it_cannot_be_graded(worked_example, officer_zhou, owner_shen,
                                                                          client, pool):
    firm_a, _b = worked_example
    services.evaluate_period("2025", actor=officer_zhou)
    client.login(username="owner_shen", password=PASSWORD)
    page = client.get("/carbon_code/").content.decode()
    assert "<svg" in page and "中碳" in page and "4级" in page
    pool([(firm_a.uscc, dt.date(2025, 5, 1), "natural_gas", 10, "t")])
    services.evaluate_period("2025", actor=officer_zhou)
    page = client.get("/carbon_code/").content.decode()
    assert "2025-05 天然气（m³） 的计量单位为 t，本数据集要求 m3" in page and "<svg" not in page
