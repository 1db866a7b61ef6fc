"""The pages: a household applies on a phone and signs, the worker records the visit with a photo, the officer
recognises it, the cockpit counts it; a stranger sees nothing."""

import io

import pytest

from zhili.scenes.relief_match.models import HelpMatch, ReliefApplication, ReliefHousehold

from .conftest import LI_FACTS, LI_MEMBERS

pytestmark = pytest.mark.django_db


def _png() -> io.BytesIO:
    """A real 2×2 PNG."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    photo = io.BytesIO(data)
    photo.name = "home.png"
    return photo


def test_li_applies_and_signs_then_chen_visits_and_recognises(client, citizen_li, officer_chen, owners):
    from zhili.scenes.relief_match import services

    household = ReliefHousehold.objects.get(user=citizen_li)
    application = services.start_application(household, actor=citizen_li, declared=LI_FACTS,
                                             declared_members=LI_MEMBERS)
    client.force_login(citizen_li)
    page = client.get(f"/relief_match/applications/{application.pk}/authorize/").content.decode()
    refused = client.post(f"/relief_match/applications/{application.pk}/authorize/", {"relation": "本人"})
    signed = client.post(f"/relief_match/applications/{application.pk}/authorize/",
                         {"relation": "本人", "intent": "1"})

    assert "家庭经济状况核对授权书" in page
    assert refused.status_code == 200 and "请阅读授权书并勾选" in refused.content.decode()
    assert signed.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.category) == ("visiting", "dibao")

    client.force_login(officer_chen)
    visits = client.get("/relief_match/visits/").content.decode()
    recorded = client.post(f"/relief_match/visits/{application.visit.pk}/", {
        "notes": "母子二人，母亲术后", "consistent": "yes", "latitude": "29.1045", "longitude": "121.3789",
        "photos": [_png()]})
    decided = client.post(f"/relief_match/applications/{application.pk}/decide/",
                          {"decision": "approve", "category": "dibao"})
    detail = client.get(f"/relief_match/applications/{application.pk}/").content.decode()
    cockpit = client.get("/relief_match/cockpit/").content.decode()

    assert household.key in visits
    assert recorded.status_code == 302 and application.visit.photo_set.count() == 1
    assert decided.status_code == 302
    assert HelpMatch.objects.filter(application=application).count() == 20
    assert 'data-policy="dibao_allowance"' in detail
    assert "网上申报率" in cockpit and "海游街道" in cockpit

    client.force_login(citizen_li)
    home = client.get("/relief_match/").content.decode()
    code = client.get("/relief_match/code.svg")
    client.logout()
    listed = client.get(f"/relief_match/list/{household.code_token}/").content.decode()
    assert "最低生活保障金" in home and code["Content-Type"] == "image/svg+xml"
    assert "最低生活保障金" in listed and "李秀英" not in listed


def test_a_stranger_sees_neither_the_application_nor_the_cockpit(client, citizen_li, sanmen):
    from zhili.core.testing.api import UserFactory
    from zhili.scenes.relief_match import services

    household = ReliefHousehold.objects.get(user=citizen_li)
    application = services.start_application(household, actor=citizen_li, declared=LI_FACTS,
                                             declared_members=LI_MEMBERS)
    stranger = UserFactory(name="路人", username="stranger", verified=True)
    client.force_login(stranger)

    assert client.get(f"/relief_match/applications/{application.pk}/").status_code == 404
    assert client.post(f"/relief_match/applications/{application.pk}/authorize/",
                       {"relation": "本人", "intent": "1"}).status_code == 404
    assert client.get("/relief_match/cockpit/").status_code == 403
    assert client.get(f"/relief_match/households/{household.key}/").status_code == 404
    assert ReliefApplication.objects.get().authorizations.count() == 0


def test_the_api_answers_staff_in_scope_and_the_household_only(client, citizen_li, officer_chen):
    from zhili.core.testing.api import UserFactory
    from zhili.scenes.relief_match import services

    household = ReliefHousehold.objects.get(user=citizen_li)
    application = services.start_application(household, actor=citizen_li, declared=LI_FACTS,
                                             declared_members=LI_MEMBERS)
    client.force_login(officer_chen)
    staff = client.get(f"/api/v1/relief_match/applications/{application.pk}").json()
    client.force_login(citizen_li)
    own = client.get(f"/api/v1/relief_match/applications/{application.pk}")
    denied = client.get("/api/v1/relief_match/warnings")
    client.force_login(UserFactory(username="stranger"))
    hidden = client.get(f"/api/v1/relief_match/applications/{application.pk}")

    assert (staff["household"], staff["status"], staff["check_source"]) == ("H0000001", "authorizing", "declared")
    assert own.status_code == 200 and denied.status_code == 403 and hidden.status_code == 404
