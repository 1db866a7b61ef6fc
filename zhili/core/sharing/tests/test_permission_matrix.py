"""Every sharing endpoint × every caller without the right: refused, no document data, nothing in the access log."""

import pytest
from django.test import Client
from django.utils import timezone

from zhili.core.sharing.models import AccessLogEntry, Grant
from zhili.core.sharing.services import grant_access, revoke_grant
from zhili.core.testing.dummy_scene.sharing import attach_pdf

from .conftest import in_days, token_for

pytestmark = pytest.mark.django_db

SECRET_VALUES = ("张伟的劳动合同", "建德市新安江机械有限公司", "published")
PDF = b"%PDF-1.7\n% dummy original\n%%EOF\n"


@pytest.fixture
def world(worker_zhang, worker_li, hr_li, officer_elsewhere, inspector_zhao, document, bank, other_bank, matter):
    """The worker's document granted to the bank (fields + PDF), and one grant of each ended kind."""
    attach_pdf(document, PDF)
    live = grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                        include_pdf=True, expires_at=in_days(30), actor=worker_zhang)
    expired_party = _bank("建德过期银行", bank.region)
    revoked_party = _bank("建德撤销银行", bank.region)
    expired = grant_access(document_type="dummy.document", object_id=document.pk, party=expired_party,
                           matter=matter, include_pdf=True, expires_at=in_days(1), actor=worker_zhang)
    Grant.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    revoked = grant_access(document_type="dummy.document", object_id=document.pk, party=revoked_party,
                           matter=matter, include_pdf=True, expires_at=in_days(30), actor=worker_zhang)
    revoke_grant(revoked, actor=worker_zhang)
    return {
        "document": document, "live": live,
        "tokens": {
            "client_without_grant": token_for(other_bank),
            "client_with_expired_grant": token_for(expired_party),
            "client_with_revoked_grant": token_for(revoked_party),
            "client_without_read_scope": token_for(bank, scopes=("sharing.verify",)),
        },
        "users": {"worker": worker_zhang, "other_worker": worker_li, "hr": hr_li,
                  "officer_out_of_region": officer_elsewhere, "inspector_in_region_without_reason": inspector_zhao},
    }


def _bank(name, region):
    from zhili.core.orgs.choices import OrganizationKind
    from zhili.core.orgs.models import Organization

    return Organization.objects.create(kind=OrganizationKind.BANK, name=name, region=region)


PARTY_CALLERS = ["client_without_grant", "client_with_expired_grant", "client_with_revoked_grant",
                 "client_without_read_scope", "anonymous", "worker", "other_worker", "hr", "officer_out_of_region",
                 "inspector_in_region_without_reason"]
SESSION_CALLERS = ["other_worker", "hr", "officer_out_of_region", "inspector_in_region_without_reason",
                   "client_without_grant", "client_with_revoked_grant", "anonymous"]


def _client(world, caller) -> tuple[Client, dict]:
    client = Client()
    if caller in world["tokens"]:
        return client, {"HTTP_AUTHORIZATION": f"Bearer {world['tokens'][caller]}"}
    if caller in world["users"]:
        client.force_login(world["users"][caller])
    return client, {}


def _assert_refused(response, allowed=(401, 403)):
    assert response.status_code in allowed
    body = response.content.decode()
    for value in SECRET_VALUES:
        assert value not in body


@pytest.mark.parametrize("caller", PARTY_CALLERS)
@pytest.mark.parametrize("suffix", ["", "/pdf"])
def test_party_endpoints_refuse(world, caller, suffix):
    client, headers = _client(world, caller)

    response = client.get(f"/api/v1/sharing/documents/dummy.document/{world['document'].pk}{suffix}", **headers)

    _assert_refused(response)
    assert response.content != PDF
    if caller.startswith("client"):
        assert response.status_code == 403
        assert response.json() == {"detail": "无权访问或文档不存在"}
    assert AccessLogEntry.objects.count() == 0


@pytest.mark.parametrize("caller", SESSION_CALLERS + ["worker"])
def test_legal_basis_read_refuses(world, caller):
    client, headers = _client(world, caller)
    reason = "" if caller == "inspector_in_region_without_reason" else "劳动保障监察案件调查（建人社监〔2026〕12号）"

    response = client.post(f"/api/v1/sharing/legal/dummy.document/{world['document'].pk}", {"reason": reason},
                           content_type="application/json", **headers)

    _assert_refused(response, allowed=(400, 401, 403))
    if caller == "inspector_in_region_without_reason":
        assert response.status_code == 400
        assert response.json()["errors"] == {"reason": ["请填写查阅事由（法定依据），不少于 4 个字"]}
    assert AccessLogEntry.objects.count() == 0


@pytest.mark.parametrize("caller", SESSION_CALLERS)
def test_revoking_someone_elses_grant_is_refused(world, caller):
    client, headers = _client(world, caller)

    response = client.post(f"/api/v1/sharing/grants/{world['live'].pk}/revoke", **headers)

    assert response.status_code in (401, 403)
    world["live"].refresh_from_db()
    assert world["live"].revoked_at is None


@pytest.mark.parametrize("caller", SESSION_CALLERS)
@pytest.mark.parametrize("path", ["grants", "access-log"])
def test_lists_show_nothing_of_the_workers(world, caller, path):
    client, headers = _client(world, caller)

    response = client.get(f"/api/v1/sharing/{path}", **headers)

    if response.status_code == 200:
        assert response.json() == []
    else:
        assert response.status_code == 401


@pytest.mark.parametrize("caller", SESSION_CALLERS)
def test_pages_show_nothing_of_the_workers(world, caller):
    client, headers = _client(world, caller)

    for url in ("/sharing/", "/sharing/access-log/"):
        response = client.get(url, **headers)
        _assert_refused(response, allowed=(200, 302))
    grant_page = client.get(f"/sharing/grants/new/dummy.document/{world['document'].pk}/", **headers)
    assert grant_page.status_code in (302, 404)
    revoke = client.post(f"/sharing/grants/{world['live'].pk}/revoke/", **headers)
    assert revoke.status_code in (302, 404)
    world["live"].refresh_from_db()
    assert world["live"].revoked_at is None
    if revoke.status_code == 302:
        assert "/accounts/login/" in revoke["Location"]


def test_verification_needs_its_scope(world):
    token = world["tokens"]["client_without_read_scope"].replace("x", "x")
    no_scope = token_for(world["live"].party, scopes=("sharing.read",))

    refused = Client().post("/api/v1/sharing/verify", {"sha256": "0" * 64}, HTTP_AUTHORIZATION=f"Bearer {no_scope}")
    answered = Client().post("/api/v1/sharing/verify", {"sha256": "0" * 64}, HTTP_AUTHORIZATION=f"Bearer {token}")

    assert (refused.status_code, refused.json()) == (403, {"detail": "无权访问或文档不存在"})
    assert answered.status_code == 200
    assert answered.json()["verdict"] == "unknown"
    assert AccessLogEntry.objects.count() == 0
