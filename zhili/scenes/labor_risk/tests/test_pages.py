"""Who sees what: the inspector's list in their region only, an enterprise only its own code; cockpit and export."""

import io
import json

import pytest
from openpyxl import load_workbook

from zhili.scenes.labor_risk import queries
from zhili.scenes.labor_risk.indicators import SYSTEM_CODE
from zhili.scenes.labor_risk.models import MonitoredEnterprise, RiskWarning


@pytest.mark.django_db
def test_an_inspector_sees_the_warnings_of_his_region(evaluated, truth, inspector_zhao, client):
    client.force_login(inspector_zhao)

    response = client.get("/labor_risk/?level=red")

    assert response.status_code == 200
    listed = {e.uscc for e in response.context["page"]}
    assert listed == set(MonitoredEnterprise.objects.filter(level="red").values_list("uscc", flat=True))
    assert next(e for e, p in truth.items() if p == "cascade_red") in listed


@pytest.mark.django_db
def test_an_inspector_out_of_region_cannot_see_the_warning(evaluated, truth, inspector_elsewhere, client):
    red_uscc = next(e for e, p in truth.items() if p == "cascade_red")
    client.force_login(inspector_elsewhere)

    listed = client.get("/labor_risk/").context["page"]
    profile = client.get(f"/labor_risk/e/{red_uscc}/")
    api = client.get("/api/v1/labor_risk/warnings")
    history = client.get(f"/indicators/{SYSTEM_CODE}/{red_uscc}/")
    code = client.get(f"/indicators/{SYSTEM_CODE}/{red_uscc}/code.svg")
    missing = client.get(f"/labor_risk/e/{'9' * 18}/")

    assert list(listed) == []
    # forbidden looks exactly like missing, on the scene's pages and on the generic indicator pages
    assert (profile.status_code, history.status_code, code.status_code, missing.status_code) == (404, 404, 404, 404)
    assert (api.status_code, api.json()) == (200, [])
    assert queries.warning_list(inspector_elsewhere).count() == 0


@pytest.mark.django_db
def test_the_profile_shows_fired_indicators_with_source_records_and_the_case(evaluated, truth, inspector_zhao,
                                                                             client):
    red_uscc = next(e for e, p in truth.items() if p == "cascade_red")
    client.force_login(inspector_zhao)

    response = client.get(f"/labor_risk/e/{red_uscc}/")

    assert response.status_code == 200
    unpaid = next(f for f in response.context["fired"] if f["indicator"] == "unpaid_wage_months")
    assert [s["dataset"] for s in unpaid["sources"]] == ["工资发放", "工资发放"]
    assert ("发放状态", "未发放") in unpaid["sources"][0]["values"]  # the label, not the code
    page = response.content.decode()
    assert "labor.md" not in page and "[JLP]" not in page and "True" not in page
    warning = RiskWarning.objects.get(enterprise__uscc=red_uscc)
    assert warning.case.number in response.content.decode()
    history = client.get(f"/indicators/{SYSTEM_CODE}/{red_uscc}/")
    code = client.get(f"/indicators/{SYSTEM_CODE}/{red_uscc}/code.svg")
    assert (history.status_code, code.status_code) == (200, 200)
    assert code["Content-Type"] == "image/svg+xml"


@pytest.mark.django_db
def test_an_enterprise_sees_only_its_own_code(hr_li, officer_wang, client, evaluated, truth):
    """hr_li's enterprise is on the register as yellow; the red enterprise next door stays invisible to her."""
    own = hr_li.memberships.get().organization
    region = MonitoredEnterprise.objects.first().region
    MonitoredEnterprise.objects.create(uscc=own.uscc, name=own.name, region=region, level="yellow", period="2025-06")
    red = MonitoredEnterprise.objects.get(uscc=next(e for e, p in truth.items() if p == "cascade_red"))
    client.force_login(hr_li)

    mine = client.get("/labor_risk/mine/")
    other = client.get(f"/labor_risk/e/{red.uscc}/")
    listing = client.get("/labor_risk/")

    assert mine.status_code == 200
    assert [item["enterprise"].uscc for item in mine.context["items"]] == [own.uscc]
    assert red.name not in mine.content.decode()
    assert "<svg" in mine.content.decode()
    assert (other.status_code, listing.status_code) == (404, 403)


@pytest.mark.django_db
def test_the_cockpit_renders_with_its_data_island(evaluated, officer_wang, client):
    client.force_login(officer_wang)

    response = client.get("/labor_risk/cockpit/")
    data = client.get("/labor_risk/cockpit/data.json").json()

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="cockpit-data" type="application/json"' in body
    assert "labor_risk/cockpit.js" in body and "<script>" not in body
    assert data["total"] == 60
    assert sum(item["count"] for item in data["levels"]) == 60
    red = next(item["count"] for item in data["levels"] if item["level"] == "red")
    assert red == MonitoredEnterprise.objects.filter(level="red").count()
    assert sum(cell[2] for cell in data["heat"]["cells"]) == MonitoredEnterprise.objects.filter(
        level__in=("orange", "red")).count()
    assert json.loads(json.dumps(data)) == data


@pytest.mark.django_db
def test_the_export_opens_as_a_workbook_with_every_listed_enterprise(evaluated, officer_wang, client):
    client.force_login(officer_wang)

    response = client.get("/labor_risk/warnings.xlsx?level=red")

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("统一社会信用代码", "企业名称", "所在镇街", "行业", "预警等级")
    assert {r[0] for r in rows[1:]} == set(MonitoredEnterprise.objects.filter(level="red").values_list("uscc",
                                                                                                       flat=True))
    assert {r[4] for r in rows[1:]} == {"红色预警"}
