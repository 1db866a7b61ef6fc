"""The suggestion pages: drafting with topic help, co-signing, review and assignment, co-handling, answer,
evaluation and the public reply, each by the person whose step it is; strangers get 404 and change nothing."""

import pytest

from zhili.core.testing.api import PASSWORD, MembershipFactory, UserFactory
from zhili.scenes.deputy_duty import services
from zhili.scenes.deputy_duty.models import Suggestion
from zhili.scenes.deputy_duty.roles import DEPUTY


def _login(client, username):
    client.logout()
    assert client.login(username=username, password=PASSWORD)
    return client


@pytest.fixture
def deputy_li(congress, station, office_ye):
    user = UserFactory(name="李文华", username="deputy_li", phone="13800000037")
    MembershipFactory(user=user, role=DEPUTY)
    return services.register_deputy(user=user, congress=congress, constituency="新安江街道第五选区",
                                    delegation="新安江代表团", station=station, actor=office_ye)


def test_a_suggestion_goes_from_draft_to_public_reply_on_its_pages(client, deputy_chen, deputy_li, office_ye,
                                                                   housing_bureau, handler_fang, handler_zhou,
                                                                   citizen_wang, station):
    services.submit_opinion(station=station, title="加装电梯", text="老旧小区加装电梯难。", actor=citizen_wang)
    past = services.draft_suggestion(deputy=deputy_li, title="老旧小区加装电梯补助", text="建议提高加装电梯补助。",
                                     actor=deputy_li.user)
    services.submit_suggestion(past, actor=deputy_li.user)
    _login(client, "deputy_chen")
    page = client.get("/deputy_duty/suggestions/new/").content.decode()
    assert 'id="topic-help"' in page and "加装电梯" in page
    form = {"deputy": deputy_chen.pk, "kind": "suggestion", "title": "加快老旧小区加装电梯",
            "text": "建议简化老旧小区加装电梯审批。",
            "cosigners": [deputy_li.pk]}
    looked = client.post("/deputy_duty/suggestions/new/", {**form, "look": "1"}).content.decode()
    assert "老旧小区加装电梯补助" in looked and not Suggestion.objects.filter(deputy=deputy_chen).exists()
    response = client.post("/deputy_duty/suggestions/new/", form)
    s = Suggestion.objects.get(deputy=deputy_chen)
    assert response.status_code == 302 and s.status == "draft"

    _login(client, "deputy_li")
    assert 'id="confirm-cosign"' in client.get(s.get_absolute_url()).content.decode()
    client.post(f"/deputy_duty/suggestions/{s.pk}/confirm/")
    _login(client, "deputy_chen")
    client.post(f"/deputy_duty/suggestions/{s.pk}/submit/")
    _login(client, "office_ye")
    assert 'id="assign-form"' in client.get(s.get_absolute_url()).content.decode()
    education = handler_zhou.memberships.get().organization
    client.post(f"/deputy_duty/suggestions/{s.pk}/assign/", {"lead_unit": housing_bureau.pk,
                                                              "co_units": [education.pk]})
    _login(client, "handler_zhou")
    client.post(f"/deputy_duty/suggestions/{s.pk}/cohandle/", {"opinion": "教育局同意配合。"})
    _login(client, "handler_fang")
    refused = client.post(f"/deputy_duty/suggestions/{s.pk}/answer/", {"answer_class": "E", "answer": "已简化。"})
    assert refused.status_code == 400
    client.post(f"/deputy_duty/suggestions/{s.pk}/answer/", {"answer_class": "A", "answer": "已简化审批。",
                                                              "public": "on"})
    _login(client, "deputy_chen")
    client.post(f"/deputy_duty/suggestions/{s.pk}/evaluate/", {"verdict": "satisfied"})
    s.refresh_from_db()
    assert (s.status, list(s.cosigners.all()), s.cohandlings.get().opinion, s.evaluation) == (
        "closed", [deputy_li], "教育局同意配合。", "satisfied")
    client.logout()
    assert "已简化审批。" in client.get(f"/deputy_duty/replies/{s.pk}/").content.decode()
    assert client.get(f"/deputy_duty/replies/{past.pk}/").status_code == 404  # not answered, not public


def test_strangers_get_not_found_and_change_nothing(client, deputy_chen, office_sun, handler_zhou, citizen_wang):
    s = services.submit_suggestion(services.draft_suggestion(deputy=deputy_chen, title="路灯", text="建议修路灯。",
                                                             actor=deputy_chen.user), actor=deputy_chen.user)
    for username in ("office_sun", "handler_zhou", "citizen_wang"):
        _login(client, username)
        assert client.get(s.get_absolute_url()).status_code == 404
        assert client.post(f"/deputy_duty/suggestions/{s.pk}/return/", {"note": "退回"}).status_code == 404
    _login(client, "deputy_chen")
    assert client.post(f"/deputy_duty/suggestions/{s.pk}/return/", {"note": "退回"}).status_code == 404
    s.refresh_from_db()
    assert s.status == "submitted"
