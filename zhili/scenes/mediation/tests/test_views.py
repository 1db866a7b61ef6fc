"""The pages and the room's endpoints: who may see and do what (404 for what is not theirs, 403 for a room
session they may not enter), and that each refused call changes nothing."""

import pytest
from django.urls import reverse

from zhili.core.identity.api import Role, add_membership
from zhili.core.live import api as live
from zhili.core.testing.api import UserFactory
from zhili.scenes.mediation.models import Evidence, Mediation

from .conftest import application

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def room_urls(m, session="joint"):
    return {name: reverse(f"mediation:{name}", args=[m.pk, session])
            for name in ("room_session", "room_events", "room_poll", "room_post", "room_upload")}


def case_urls(m):
    return [reverse("mediation:detail", args=[m.pk]), reverse("mediation:invitation", args=[m.pk]),
            reverse("mediation:agreement_pdf", args=[m.pk]), reverse("mediation:room", args=[m.pk]),
            reverse("mediation:dossier", args=[m.pk]),
            reverse("mediation:application_form", args=[m.pk, "arbitration"])]


@pytest.fixture
def platform_admin(db):
    user = UserFactory(username="root_admin", phone="13800000099")
    add_membership(user, role=Role.PLATFORM_ADMIN)
    return user


def test_an_outsider_is_told_the_case_does_not_exist_everywhere(client, mediating, outsider):
    client.force_login(outsider)
    for url in case_urls(mediating) + list(room_urls(mediating).values()):
        method = client.post if url.endswith(("post", "upload")) else client.get
        assert method(url).status_code == 404, url
    assert client.post(reverse("mediation:act", args=[mediating.pk, "withdraw"])).status_code == 404
    assert client.get(f"/api/v1/mediation/mediations/{mediating.pk}").status_code == 404
    mediating.refresh_from_db()
    assert mediating.status == "mediating"


def test_the_other_side_and_a_platform_admin_may_not_enter_a_session(client, mediating, hr_li, platform_admin):
    client.force_login(hr_li)
    for name, url in room_urls(mediating, "worker").items():
        method = client.post if name in ("room_post", "room_upload") else client.get
        assert method(url, {"text": "偷看"}).status_code == 403, name
    client.force_login(platform_admin)
    assert client.get(reverse("mediation:detail", args=[mediating.pk])).status_code == 200
    for name, url in room_urls(mediating).items():
        method = client.post if name in ("room_post", "room_upload") else client.get
        assert method(url, {"text": "旁听"}).status_code == 403, name
    assert client.get(f"/api/v1/mediation/mediations/{mediating.pk}/room/joint/messages").status_code == 403
    channel = live.channel_by_key(f"mediation.room:{mediating.pk}:worker")
    assert channel is None or live.records_since(channel) == []


def test_the_room_carries_messages_and_evidence_to_every_participant(client, mediating, worker_zhang, hr_li,
                                                                      mediator_chen):
    urls = room_urls(mediating)
    client.force_login(mediator_chen)
    assert client.get(urls["room_session"]).status_code == 200
    assert client.post(urls["room_post"], {"text": "请双方陈述。"}).status_code == 201
    client.force_login(worker_zhang)
    upload = client.post(urls["room_upload"], {"file": _file("工资条.png", PNG)})
    assert upload.status_code == 201
    bad = client.post(urls["room_upload"], {"file": _file("病毒.png", b"MZ\x90 not a picture")})
    assert bad.status_code == 400 and "file" in bad.json()["errors"]
    client.force_login(hr_li)
    polled = client.get(urls["room_poll"] + "?after=0").json()
    assert [(r["seq"], r["kind"], r["author"]) for r in polled["messages"]] == [
        (1, "text", "调解员"), (2, "evidence", "申请人（劳动者）")]
    after = client.get(urls["room_poll"] + "?after=2").json()
    assert after == {"messages": [], "last_seq": 2}
    evidence = Evidence.objects.get()
    assert client.get(reverse("mediation:evidence", args=[mediating.pk, evidence.pk])).content == PNG
    # Last: the stream gives its database connection back while it waits.
    stream = client.get(urls["room_events"] + "?after=1")
    assert stream["Content-Type"].startswith("text/event-stream")
    frames = iter(stream.streaming_content)
    first = next(frames).decode() + next(frames).decode()
    assert "retry:" in first and '"seq":2' in first


def _file(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="image/png")


def test_phone_application_page_files_a_case(client, worker_zhang, enterprise, hr_li, mediator_chen, county):
    client.force_login(worker_zhang)
    assert client.get(reverse("mediation:apply")).status_code == 200
    values = application()
    form = {"region": county.pk, "applicant_side": "worker", "worker_name": "张伟", "worker_phone": "13800000001",
            "employer_name": values["employer_name"], "employer_uscc": values["employer_uscc"],
            "employer_phone": values["employer_phone"], "dispute_type": "wages", "facts": values["facts"],
            "claim_kind_0": "wages", "claim_amount_0": "12000"}
    response = client.post(reverse("mediation:apply"), form)
    m = Mediation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("mediation:detail", args=[m.pk])
    assert m.channel == "worker"
    assert m.worker == worker_zhang and m.claims.get().amount == 12000


def test_the_invited_employer_accepts_through_the_link_page(client, applied, hr_li):
    client.force_login(hr_li)
    page = client.get(reverse("mediation:invitation", args=[applied.pk]))
    assert page.status_code == 200 and "同意调解" in page.content.decode()
    client.post(reverse("mediation:act", args=[applied.pk, "accept"]))
    applied.refresh_from_db()
    assert applied.status == "mediating"
    assert client.get(reverse("mediation:invitation", args=[applied.pk])).status_code == 302


def test_a_refused_action_shows_its_reason_and_changes_nothing(client, mediating, worker_zhang):
    client.force_login(worker_zhang)
    response = client.post(reverse("mediation:act", args=[mediating.pk, "close"]),
                           {"outcome": "failed", "note": "我想结案"}, follow=True)
    assert response.status_code == 403
    mediating.refresh_from_db()
    assert mediating.status == "mediating"


def test_governance_pages_for_each_role(client, mediating, mediator_chen, admin_zhou, worker_zhang):
    client.force_login(mediator_chen)
    inbox = client.get(reverse("mediation:inbox"))
    assert inbox.status_code == 200 and mediating.number in inbox.content.decode()
    client.force_login(admin_zhou)
    listing = client.get(reverse("mediation:mediation_list") + "?status=mediating&q=宏达")
    assert listing.status_code == 200 and mediating.number in listing.content.decode()
    export = client.get(reverse("mediation:mediation_list") + "?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    data = client.get(reverse("mediation:cockpit_data")).json()["analyses"]
    assert data["status"]["rows"][1] == ["调解中", 1]
    assert client.get(reverse("mediation:cockpit")).status_code == 200
    client.force_login(worker_zhang)
    assert client.get(reverse("mediation:mediation_list")).status_code == 403
    assert client.get(reverse("mediation:cockpit_data")).status_code == 403


def test_api_lists_only_what_the_caller_may_see(client, mediating, worker_zhang, outsider, county, enterprise):
    client.force_login(worker_zhang)
    rows = client.get("/api/v1/mediation/mediations").json()
    assert [r["number"] for r in rows] == [mediating.number]
    client.force_login(outsider)
    assert client.get("/api/v1/mediation/mediations").json() == []
    before = Mediation.objects.count()
    response = client.post("/api/v1/mediation/mediations", {**application(), "region_code": county.code},
                           content_type="application/json")
    assert response.status_code == 403 and Mediation.objects.count() == before


def test_the_committee_keeps_its_roll_of_mediators(client, admin_zhou, mediator_chen, mediator_lin, worker_zhang):
    from zhili.scenes.mediation.models import MediatorProfile

    client.force_login(admin_zhou)
    page = client.get(reverse("mediation:mediators"))
    assert page.status_code == 200 and "林芳" in page.content.decode()
    client.post(reverse("mediation:mediators"), {"user": mediator_lin.pk, "dispute_types": ["wages"],
                                                 "conflict_usccs": "bad-code", "active": "on"})
    assert MediatorProfile.objects.get(user=mediator_lin).dispute_types == ["double_wages", "severance", "wages"]
    client.post(reverse("mediation:mediators"), {"user": mediator_lin.pk, "dispute_types": ["wages"], "active": "on"})
    assert MediatorProfile.objects.get(user=mediator_lin).dispute_types == ["wages"]
    client.force_login(worker_zhang)
    assert client.get(reverse("mediation:mediators")).status_code == 403


def test_the_help_centre_explains_the_scene_and_puts_the_mediators_guide_first_for_a_mediator(client, mediator_chen):
    page = client.get(reverse("help:app", args=["mediation"]))
    assert page.status_code == 200
    assert "调解室" in page.content.decode() and "调解员：主持一次在线调解" in page.content.decode()
    client.force_login(mediator_chen)
    text = client.get(reverse("help:app", args=["mediation"])).content.decode()
    assert text.index("调解员：主持一次在线调解") < text.index("劳动者：在线申请调解")
