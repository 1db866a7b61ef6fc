"""Pages and API of the opinions: each face sees its own, a stranger gets 404 and changes nothing."""

from zhili.core.testing.api import PASSWORD
from zhili.scenes.deputy_duty.models import Opinion


def _login(client, username):
    assert client.login(username=username, password=PASSWORD)
    return client


def test_each_face_opens_its_pages(client, replied, station, deputy_chen):
    _login(client, "citizen_wang")
    assert client.get("/deputy_duty/").status_code == 200
    assert client.get(f"/deputy_duty/s/{station.code}/").status_code == 200
    assert client.get(f"/deputy_duty/d/{deputy_chen.code}/").status_code == 200
    page = client.get(f"/deputy_duty/opinions/{replied.pk}/").content.decode()
    assert "已调整为 30 秒。" in page and 'id="rate-form"' in page
    _login(client, "deputy_chen")
    assert 'id="to-rate"' in client.get("/deputy_duty/deputy/").content.decode()
    assert client.get(f"/deputy_duty/d/{deputy_chen.code}/qr.svg").content.startswith(b"<svg")
    _login(client, "office_ye")
    listing = client.get("/deputy_duty/opinions/?status=replied").content.decode()
    assert "路口红绿灯太短" in listing
    export = client.get("/deputy_duty/opinions/?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get("/deputy_duty/cockpit/data/").json()["analyses"]["kpi"]["rows"][0][1]["value"] == 1


def test_a_citizen_gives_an_opinion_by_the_station_qr(client, station, citizen_wang):
    _login(client, "citizen_wang")
    response = client.post(f"/deputy_duty/s/{station.code}/", {"title": "垃圾清运", "text": "每天下午才清运。"})
    opinion = Opinion.objects.get()
    assert response.status_code == 302 and response["Location"] == opinion.get_absolute_url()
    assert (opinion.channel, opinion.citizen_id, opinion.station_id) == ("station_qr", citizen_wang.pk, station.pk)


def test_the_office_grades_and_the_department_answers_on_their_pages(client, opinion, housing_bureau, office_ye,
                                                                     handler_fang):
    _login(client, "office_ye")
    client.post(f"/deputy_duty/opinions/{opinion.pk}/grade/", {"category": "transport", "deputy": "",
                                                                "department": housing_bureau.pk, "answer": ""})
    _login(client, "handler_fang")
    assert 'id="reply-form"' in client.get(f"/deputy_duty/opinions/{opinion.pk}/").content.decode()
    client.post(f"/deputy_duty/opinions/{opinion.pk}/reply/", {"text": "已调整。"})
    opinion.refresh_from_db()
    assert opinion.status == "replied"


def test_strangers_get_not_found_on_page_and_api_and_nothing_changes(client, referred, office_sun, handler_zhou):
    for username in ("office_sun", "handler_zhou"):
        _login(client, username)
        assert client.get(f"/deputy_duty/opinions/{referred.pk}/").status_code == 404
        assert client.post(f"/deputy_duty/opinions/{referred.pk}/reply/", {"text": "x"}).status_code == 404
        assert client.get(f"/api/v1/deputy_duty/opinions/{referred.pk}").status_code == 404
    referred.refresh_from_db()
    assert referred.status == "referred"


def test_the_api_lists_and_rates(client, replied):
    _login(client, "citizen_wang")
    assert [o["id"] for o in client.get("/api/v1/deputy_duty/opinions").json()] == [replied.pk]
    rated = client.post(f"/api/v1/deputy_duty/opinions/{replied.pk}/rating", {"verdict": "satisfied"},
                        content_type="application/json")
    assert rated.status_code == 200 and rated.json()["status"] == "replied"
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/deputy_duty/opinions", "/api/v1/deputy_duty/stations"} <= set(paths)
