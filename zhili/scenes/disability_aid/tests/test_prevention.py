"""Disabling accidents pushed to the departments as core cases (致残事故源头治理): one case per enterprise or place,
routed by the case type's assignment rules, never pushed twice, and handled to closure by the department."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from zhili.core.cases.api import AssignmentRule, Case, transition_case
from zhili.scenes.disability_aid import services
from zhili.scenes.disability_aid.models import InjuryPush
from zhili.scenes.disability_aid.workflows import PREVENTION_TRAFFIC_CASE_TYPE, PREVENTION_WORK_CASE_TYPE

from .conftest import ON


def test_accidents_are_pushed_once_as_cases_and_the_department_closes_its_case(client, pool, clerk_fang, worker_ye,
                                                                               departments):
    hr, police, officer_wu = departments
    with pytest.raises(PermissionDenied):
        services.push_injuries(ON, actor=worker_ye)
    assert not InjuryPush.objects.exists()

    report = services.push_injuries(ON, actor=clerk_fang)
    # W1 and W2 (no employer on record) share one work case, T1 gets a traffic case; W3 is assessed after ON
    assert report == {"records": 3, "cases": 2, "unrouted": 0, "skipped": 0, "rerouted": 0}
    work = Case.objects.get(case_type=PREVENTION_WORK_CASE_TYPE)
    traffic = Case.objects.get(case_type=PREVENTION_TRAFFIC_CASE_TYPE)
    assert (work.organization, work.assignee, traffic.organization) == (hr, officer_wu, police)
    assert "（2 起）" in work.title and "G205国道" in traffic.title and "机械伤害" in work.description
    assert "P00000001" not in work.description and work.due_at is not None
    assert sorted(InjuryPush.objects.filter(case=work).values_list("record_id", flat=True)) == ["W1", "W2"]
    assert services.push_injuries(ON, actor=clerk_fang)["records"] == 0  # never twice

    for step, comment in (("accept", ""), ("dispatch", ""), ("handle", ""),
                          ("report_back", "已约谈企业，完成冲压设备安全防护整改"), ("close", "")):
        work = transition_case(work, step, actor=officer_wu, comment=comment)
    assert work.state == "closed"

    client.force_login(officer_wu)
    page = client.get(reverse("disability_aid:injury_list"), {"source": "work"}).content.decode()
    assert work.number in page and "G205国道" not in page and 'id="push-form"' not in page
    assert client.post(reverse("disability_aid:injury_list"), {"until": ON.isoformat()}).status_code == 403
    client.force_login(worker_ye)
    assert client.get(reverse("disability_aid:injury_list")).status_code == 403


def test_a_county_without_an_assignment_rule_keeps_the_records_until_one_is_set(pool, clerk_fang, departments):
    AssignmentRule.objects.filter(case_type=PREVENTION_TRAFFIC_CASE_TYPE).delete()
    report = services.push_injuries(ON, actor=clerk_fang)
    assert (report["cases"], report["unrouted"]) == (1, 1)
    assert InjuryPush.objects.get(record_id="T1").case is None
    hr, police, _officer = departments
    AssignmentRule.objects.create(case_type=PREVENTION_TRAFFIC_CASE_TYPE, region=hr.region, organization=police)
    assert services.push_injuries(ON, actor=clerk_fang)["rerouted"] == 1  # once the rule exists
    assert InjuryPush.objects.get(record_id="T1").case.organization == police


def test_the_api_lists_pushes_in_scope_with_their_case(client, pool, clerk_fang, worker_ye, departments):
    services.push_injuries(ON, actor=clerk_fang)
    _hr, _police, officer_wu = departments
    client.force_login(officer_wu)
    answer = client.get("/api/v1/disability_aid/injury-pushes?source=work")
    assert answer.status_code == 200
    assert sorted(row["record_id"] for row in answer.json()) == ["W1", "W2"]
    assert {row["case_state"] for row in answer.json()} == {"submitted"}
    client.force_login(worker_ye)
    assert client.get("/api/v1/disability_aid/injury-pushes").status_code == 403
