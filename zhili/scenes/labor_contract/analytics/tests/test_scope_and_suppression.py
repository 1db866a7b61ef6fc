"""Region data scope, small-cell suppression (page, JSON and export), index warnings and the refresh job."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from zhili.core.dashboards.api import facts_state, index_readings, refresh_dirty_facts
from zhili.core.foundation.api import events
from zhili.scenes.labor_contract.analytics.queries import cockpit_data

from .conftest import AS_OF, PERIOD, PROFILES, SEXES, make_contract, officer
from .test_analyses import shown


def test_town_officer_sees_only_the_town(facts, town_officer):
    """新安江街道's officer gets the town's 25 people, with no way to widen the region."""
    data = cockpit_data(town_officer, PERIOD, today=AS_OF)

    assert shown(data, "headline")[0] == ["在岗人数", "25", None]
    assert shown(data, "region_ranking") == [["建德甲机械有限公司", "25", "5", "20.00%"]]
    assert data["scope"]["crumbs"] == [{"label": "新安江街道", "region": "330182001000"}]
    with pytest.raises(PermissionDenied):
        cockpit_data(town_officer, {**PERIOD, "region": "330182002000"}, today=AS_OF)
    with pytest.raises(PermissionDenied):
        cockpit_data(town_officer, {**PERIOD, "region": "330182"}, today=AS_OF)


def test_town_officer_is_refused_another_town_over_http(client, facts, town_officer):
    client.force_login(town_officer)

    response = client.get(reverse("labor_contract:analytics:data"), {**PERIOD, "region": "330182002000"})

    assert response.status_code == 403
    assert response.json() == {"error": "所选区划不在您的数据权限范围内"}


def test_worker_may_not_open_the_cockpit(client, facts, worker_zhang):
    client.force_login(worker_zhang)

    assert client.get(reverse("labor_contract:analytics:cockpit")).status_code == 403


def test_cells_under_five_people_are_suppressed_everywhere(client, employers, jiande, facts_dir):
    """Given three workers in a town, when anyone looks or exports, then they see "<5" and never the number."""
    from zhili.core.dashboards.api import refresh_facts

    for n in range(3):
        make_contract(employers["A"], n, PROFILES[0], SEXES[0])
    refresh_facts("labor_contract.contracts", actor="test")
    town_officer = officer(jiande["town_a"], "officer_town", "13900000102")
    client.force_login(town_officer)

    data = client.get(reverse("labor_contract:analytics:data"), PERIOD).json()
    sheet = client.get(reverse("labor_contract:analytics:export", args=["headcount"]), PERIOD)

    assert shown(data, "headcount") == [["2026-01", "<5"], ["2026-02", "<5"], ["2026-03", "<5"], ["2026-04", "<5"],
                                        ["2026-05", "<5"], ["2026-06", "<5"]]
    assert all(row[1]["value"] is None for row in data["analyses"]["headcount"]["rows"])
    assert shown(data, "sex") == [["男", "<5", "<5"], ["女", "0", "<5"], ["合计", "<5", "<5"]]
    assert shown(data, "wage_quartiles")[1] == ["中位数", "<5"]
    workbook = openpyxl.load_workbook(io.BytesIO(sheet.content))
    values = [row for row in workbook.active.iter_rows(min_row=3, max_row=8, values_only=True)]
    assert values == [("2026-01", "<5"), ("2026-02", "<5"), ("2026-03", "<5"), ("2026-04", "<5"),
                      ("2026-05", "<5"), ("2026-06", "<5")]


def test_a_lone_hidden_cell_hides_its_smallest_neighbour():
    from zhili.core.dashboards.api import suppress_series

    assert [c["display"] for c in suppress_series([3, 20, 7, 0])] == ["<5", "20", "<5", "0"]
    assert [c["display"] for c in suppress_series([3, 2, 7])] == ["<5", "<5", "7"]


def test_export_carries_the_table_and_its_basis(client, facts, county_officer):
    client.force_login(county_officer)

    response = client.get(reverse("labor_contract:analytics:export", args=["unsigned"]), PERIOD)

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "未签订书面劳动合同比例"
    assert rows[1][:3] == ("口径", "人数", "占在岗比例")
    assert rows[2][:3] == ("未签订书面合同的在岗人数", 15, 37.5)
    assert any(r[0] and str(r[0]).startswith("依据：《劳动合同法》第十条") for r in rows)


def test_red_index_warns_the_responsible_officers_once(contracts, county_officer, town_officer):
    """The county (37.5 % unsigned) and 新安江街道 (20 %) go red, the town's minimum-wage share yellow: told once each."""
    from zhili.core.dashboards.api import refresh_facts
    from zhili.core.notify.api import Message
    from zhili.scenes.labor_contract.analytics.grading import evaluate_indices

    refresh_facts("labor_contract.contracts", actor="test", full=True)
    evaluate_indices(AS_OF)
    evaluate_indices(AS_OF)

    readings = {(r.code, r.scope_key): (r.level, r.value) for r in index_readings()}
    assert readings[("unsigned_ratio", "region:330182")] == ("red", 37.5)
    assert readings[("unsigned_ratio", "region:330182001000")] == ("red", 20.0)
    assert readings[("unsigned_ratio", "region:330182002000")] == ("red", 66.67)
    assert readings[("minimum_wage_share", "region:330182")] == ("green", 14.29)
    assert readings[("minimum_wage_share", "region:330182001000")] == ("yellow", 25.0)  # profile 3: 5 of 20
    assert Message.objects.filter(recipient=county_officer, template="dashboards_index_warning").count() == 1
    assert Message.objects.filter(recipient=town_officer, template="dashboards_index_warning").count() == 2


def test_contract_events_mark_the_facts_dirty_and_the_job_refreshes_them(contracts, employers, django_capture_on_commit_callbacks):
    """A completed contract makes the facts stale; the minute job brings them up to date incrementally."""
    from zhili.core.dashboards.api import refresh_facts

    refresh_facts("labor_contract.contracts", actor="test", full=True)
    assert facts_state("labor_contract.contracts").row_count == 60

    with django_capture_on_commit_callbacks(execute=True):
        make_contract(employers["B"], 900, PROFILES[7], "F")
        events.publish("labor_contract.contract.completed", contract_id=1)
    assert facts_state("labor_contract.contracts").dirty is True

    assert refresh_dirty_facts(actor="test") == ["labor_contract.contracts"]
    state = facts_state("labor_contract.contracts")
    assert (state.dirty, state.row_count, state.version) == (False, 61, 2)
    assert refresh_dirty_facts(actor="test") == []
