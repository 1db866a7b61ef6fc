import io
import json

from openpyxl import load_workbook

from zhili.core.cases.models import Case
from zhili.core.cases.services import open_case, transition_case


def test_office_inbox_lists_the_offices_cases(client, world, complaint):
    client.force_login(world.officer_wang)
    response = client.get("/cases/?box=office")
    assert response.status_code == 200
    assert complaint.number in response.content.decode()


def test_my_inbox_lists_only_what_is_assigned_to_me(client, world, complaint):
    in_town = open_case("dummy_complaint", title="街道件", region=world.town, actor=None)
    client.force_login(world.inspector_zhao)
    page = client.get("/cases/").content.decode()
    assert complaint.number in page
    assert in_town.number not in page


def test_the_case_page_shows_the_timeline_and_the_steps_the_user_may_take(client, world, complaint):
    client.force_login(world.officer_wang)
    page = client.get(f"/cases/{complaint.number}/").content.decode()
    assert "某工地拖欠工资三个月" in page
    assert 'value="accept"' in page and 'value="reject"' in page
    assert "登记" in page
    client.force_login(world.worker_zhang)
    requester_page = client.get(f"/cases/{complaint.number}/").content.decode()
    assert 'value="accept"' not in requester_page


def test_an_htmx_post_takes_the_step_and_returns_the_refreshed_panel(client, world, complaint):
    client.force_login(world.officer_wang)
    response = client.post(f"/cases/{complaint.number}/transition/", {"transition": "accept"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "已受理" in response.content.decode()
    assert Case.objects.get(pk=complaint.pk).state == "accepted"


def test_a_post_by_someone_without_the_right_changes_nothing(client, world, complaint):
    client.force_login(world.worker_zhang)
    response = client.post(f"/cases/{complaint.number}/transition/", {"transition": "accept"}, follow=True)
    assert "无权对工单" in response.content.decode()
    assert Case.objects.get(pk=complaint.pk).state == "submitted"
    client.force_login(world.officer_sun)
    # forbidden looks exactly like missing
    assert client.get(f"/cases/{complaint.number}/").status_code == 404
    assert client.get("/cases/NO-SUCH-CASE/").status_code == 404
    assert client.post(f"/cases/{complaint.number}/transition/", {"transition": "accept"}).status_code == 404
    assert Case.objects.get(pk=complaint.pk).events.count() == 1


def test_the_requester_rates_from_the_case_page(client, world, complaint):
    transition_case(complaint, "reject", actor=world.officer_wang, comment="已另案处理")
    client.force_login(world.worker_zhang)
    client.post(f"/cases/{complaint.number}/rate/", {"rating": "4", "comment": "解释清楚"})
    complaint.refresh_from_db()
    assert (complaint.rating, complaint.rating_comment) == (4, "解释清楚")


def test_bulk_accept_from_the_list(client, world, complaint):
    second = open_case("dummy_complaint", title="第二件", region=world.county, actor=None)
    client.force_login(world.officer_wang)
    response = client.post("/cases/bulk/", {"numbers": [complaint.number, second.number], "transition": "accept",
                                            "box": "office"})
    assert response.status_code == 302
    assert response["Location"] == "/cases/?box=office"
    assert set(Case.objects.values_list("state", flat=True)) == {"accepted"}


def test_the_overdue_list_and_its_export(client, world, complaint):
    client.force_login(world.officer_wang)
    assert complaint.number in client.get("/cases/?box=overdue").content.decode()
    response = client.get("/cases/export.xlsx?box=overdue")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("工单编号", "工单类型", "标题", "状态")
    assert rows[1][:4] == (complaint.number, "测试投诉", "某工地拖欠工资三个月", "待受理")
    assert rows[1][8] == "2025-10-09 23:59"
    assert len(rows) == 2


def test_pages_need_a_login(client, world, complaint):
    response = client.get("/cases/")
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_api_lists_shows_and_moves_a_case(client, world, complaint):
    client.force_login(world.officer_wang)
    listed = client.get("/api/v1/cases/cases?box=office").json()
    assert [c["number"] for c in listed] == [complaint.number]
    assert listed[0]["state_label"] == "待受理"
    detail = client.get(f"/api/v1/cases/cases/{complaint.number}").json()
    assert detail["transitions"] == ["accept", "reject"]
    assert [e["action"] for e in detail["timeline"]] == ["opened"]
    moved = client.post(f"/api/v1/cases/cases/{complaint.number}/transition",
                        data=json.dumps({"transition": "accept", "comment": "受理"}), content_type="application/json")
    assert moved.status_code == 200
    assert moved.json()["state"] == "accepted"


def test_api_refuses_a_step_without_the_right(client, world, complaint):
    client.force_login(world.worker_zhang)
    refused = client.post(f"/api/v1/cases/cases/{complaint.number}/transition",
                          data=json.dumps({"transition": "accept"}), content_type="application/json")
    assert refused.status_code == 403
    wrong = client.post(f"/api/v1/cases/cases/{complaint.number}/transition",
                        data=json.dumps({"transition": "close"}), content_type="application/json")
    assert wrong.status_code in (400, 403)
    assert Case.objects.get(pk=complaint.pk).state == "submitted"


def test_a_title_that_looks_like_a_formula_is_exported_as_text(client, world):
    open_case("dummy_complaint", title='=HYPERLINK("http://evil.example","点我")', region=world.county, actor=None)
    client.force_login(world.officer_wang)
    sheet = load_workbook(io.BytesIO(client.get("/cases/export.xlsx?box=office").content)).active
    cell = sheet.cell(row=2, column=3)
    assert (cell.value, cell.data_type) == ('\'=HYPERLINK("http://evil.example","点我")', "s")


def test_my_todo_holds_the_office_steps_of_my_role_as_well_as_what_is_assigned_to_me(client, world, complaint):
    """王芳 (officer of the county office) accepts, dispatches and closes what 赵强 (inspector) handles: the case is in
    her 我的待办 while a step is hers, and out of it while the inspector handles it; 分派给我 stays his alone."""
    from zhili.core.cases.queries import awaiting_me, my_inbox

    assert list(awaiting_me(world.officer_wang)) == [complaint] and not my_inbox(world.officer_wang).exists()
    transition_case(complaint, "accept", actor=world.officer_wang)
    transition_case(complaint, "dispatch", actor=world.officer_wang)
    assert not awaiting_me(world.officer_wang).exists()  # 开始处置 is the assignee's step
    assert list(awaiting_me(world.inspector_zhao)) == [complaint]
    assert not awaiting_me(world.officer_qian).exists()  # the town office is not the owner
    transition_case(complaint, "handle", actor=world.inspector_zhao)
    transition_case(complaint, "report_back", actor=world.inspector_zhao, comment="已支付")
    client.force_login(world.officer_wang)
    assert complaint.number in client.get("/cases/?box=mine").content.decode()  # 办结 is the office's
    assert complaint.number not in client.get("/cases/?box=assigned").content.decode()
    transition_case(complaint, "close", actor=world.officer_wang)
    assert not awaiting_me(world.officer_wang).exists() and not awaiting_me(world.inspector_zhao).exists()
