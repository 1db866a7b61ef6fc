"""Supervising an adopted livelihood project: the responsible department reports progress (never backwards), deputies
comment, the office evaluates once (ledgered); each on the project's page, strangers get 404 and change nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.ledger.api import entries_for
from zhili.core.testing.api import PASSWORD
from zhili.scenes.deputy_duty import services
from zhili.scenes.deputy_duty.models import LivelihoodProject


@pytest.fixture
def adopted(congress, office_ye, housing_bureau, deputy_chen):
    project = services.propose_project(congress=congress, year=2027, title="老旧小区加装电梯", description="加装 50 台",
                                       budget="800", department=housing_bureau, actor=office_ye)
    LivelihoodProject.objects.filter(pk=project.pk).update(status="adopted")  # as the tally leaves it
    project.refresh_from_db()
    return project


def _login(client, username):
    client.logout()
    assert client.login(username=username, password=PASSWORD)


def test_progress_comments_and_the_final_evaluation(adopted, handler_fang, handler_zhou, deputy_user_chen,
                                                    office_ye):
    services.report_project_progress(adopted, progress=40, text="已完成 20 台", actor=handler_fang)
    with pytest.raises(ValidationError) as backwards:
        services.report_project_progress(adopted, progress=30, text="调整", actor=handler_fang)
    assert "progress" in backwards.value.message_dict
    with pytest.raises(PermissionDenied):  # not the responsible department
        services.report_project_progress(adopted, progress=50, text="x", actor=handler_zhou)
    services.comment_project(adopted, text="请公布每台电梯的进度", actor=deputy_user_chen)
    with pytest.raises(PermissionDenied):
        services.comment_project(adopted, text="x", actor=handler_fang)
    project = services.evaluate_project(adopted, verdict="basic", note="完成 80%，资金到位", actor=office_ye)
    assert (project.status, project.progress, project.evaluation) == ("evaluated", 40, "basic")
    assert [e.kind for e in entries_for(project)] == ["deputy_duty.project.evaluated"]
    with pytest.raises(ValidationError):  # evaluated once; no more reports
        services.report_project_progress(project, progress=100, text="完成", actor=handler_fang)


def test_the_project_page_for_each_face(client, adopted, handler_fang, deputy_user_chen, office_ye, office_sun):
    _login(client, "handler_fang")
    client.post(f"/deputy_duty/projects/{adopted.pk}/progress/", {"progress": "60", "text": "已完成 30 台"})
    _login(client, "deputy_chen")
    page = client.get(adopted.get_absolute_url()).content.decode()
    assert "已完成 30 台" in page and 'id="comment"' in page and 'id="evaluate"' not in page
    client.post(f"/deputy_duty/projects/{adopted.pk}/comment/", {"text": "注意施工安全"})
    _login(client, "office_sun")
    assert client.get(adopted.get_absolute_url()).status_code == 404
    assert client.post(f"/deputy_duty/projects/{adopted.pk}/evaluate/",
                       {"verdict": "satisfied", "note": "好"}).status_code == 404
    _login(client, "office_ye")
    assert "注意施工安全" in client.get(adopted.get_absolute_url()).content.decode()
    client.post(f"/deputy_duty/projects/{adopted.pk}/evaluate/", {"verdict": "satisfied", "note": "按期完成"})
    adopted.refresh_from_db()
    assert (adopted.progress, adopted.status, adopted.comments.count()) == (60, "evaluated", 1)


def test_the_duty_score_counts_by_the_dated_weights_on_the_cockpit(client, adopted, deputy_chen, deputy_user_chen,
                                                                   office_ye, station, citizen_wang):
    filed = services.draft_suggestion(deputy=deputy_chen, title="路灯", text="建议修复路灯。", actor=deputy_user_chen)
    services.submit_suggestion(filed, actor=deputy_user_chen)  # 3 points
    services.draft_suggestion(deputy=deputy_chen, title="草稿", text="未提交。", actor=deputy_user_chen)  # none
    motion = services.draft_suggestion(deputy=deputy_chen, kind="motion", by_delegation=True, title="立法",
                                       text="建议制定条例。", actor=deputy_user_chen)
    services.submit_suggestion(motion, actor=deputy_user_chen)  # 5 points
    services.comment_project(adopted, text="请公布进度", actor=deputy_user_chen)  # 1 point
    services.submit_opinion(station=station, title="噪音", text="工地夜间施工。", actor=citizen_wang)
    _login(client, "office_ye")
    analyses = client.get("/deputy_duty/cockpit/data/").json()["analyses"]
    assert [c["value"] for c in analyses["duty_score"]["rows"][0][1:]] == [9, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0]
    assert analyses["station_activity"]["rows"][0][1]["value"] == 1
