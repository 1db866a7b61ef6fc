"""A party reads exactly what was granted, the PDF only if granted, and nothing once the grant ends."""

import pytest
from django.test import Client
from django.utils import timezone

from zhili.core.foundation.models import AuditEntry
from zhili.core.sharing.choices import AccessBasis
from zhili.core.sharing.models import AccessLogEntry, Grant
from zhili.core.sharing.services import grant_access, revoke_grant
from zhili.core.testing.dummy_scene.sharing import attach_pdf

from .conftest import in_days

pytestmark = pytest.mark.django_db

REFUSED = {"detail": "无权访问或文档不存在"}


def fetch(token, document, suffix=""):
    return Client().get(f"/api/v1/sharing/documents/dummy.document/{document.pk}{suffix}",
                        HTTP_AUTHORIZATION=f"Bearer {token}")


def test_party_gets_exactly_the_granted_fields_and_the_read_is_logged(worker_zhang, document, bank, bank_token,
                                                                       matter):
    grant = grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                         expires_at=in_days(30), actor=worker_zhang)

    response = fetch(bank_token, document)

    assert response.status_code == 200
    assert response.json() == {"document_type": "dummy.document", "document_id": str(document.pk),
                               "fields": {"title": "张伟的劳动合同", "state": "published"},
                               "labels": {"title": "标题", "state": "状态"}}
    assert "建德市新安江机械有限公司" not in response.content.decode()
    assert "owner_username" not in response.content.decode()
    entry = AccessLogEntry.objects.get()
    assert (entry.worker, entry.grant, entry.basis, entry.fields) == (worker_zhang, grant, AccessBasis.GRANT,
                                                                      ["title", "state"])
    assert entry.accessor_label == "建德农商银行（建德农商银行系统）"
    audited = AuditEntry.objects.get(action="sharing.document.read")
    assert (audited.target_type, audited.target_id, audited.target_repr) == (
        "sharing.grant", str(grant.pk), f"{worker_zhang.name} → 建德农商银行 · 测试贷款")
    assert audited.data == {"document": f"dummy.document:{document.pk}", "fields": ["title", "state"],
                            "grants": [grant.pk]}


def test_pdf_only_when_the_grant_includes_it(worker_zhang, document, bank, bank_token, matter):
    pdf = b"%PDF-1.7\n% a stand-in file for the dummy scene\n%%EOF\n"
    attach_pdf(document, pdf)
    grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                 expires_at=in_days(30), actor=worker_zhang)

    refused = fetch(bank_token, document, "/pdf")
    assert (refused.status_code, refused.json()) == (403, REFUSED)
    assert AccessLogEntry.objects.count() == 0

    grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                 include_pdf=True, expires_at=in_days(30), actor=worker_zhang)
    allowed = fetch(bank_token, document, "/pdf")
    assert allowed.status_code == 200
    assert allowed.content == pdf
    assert AccessLogEntry.objects.get().included_pdf is True


def test_revocation_and_expiry_stop_access_at_once(worker_zhang, document, bank, bank_token, matter):
    grant = grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                         expires_at=in_days(30), actor=worker_zhang)
    assert fetch(bank_token, document).status_code == 200

    revoke_grant(grant, actor=worker_zhang)
    after_revoke = fetch(bank_token, document)

    second = grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                          expires_at=in_days(30), actor=worker_zhang)
    assert fetch(bank_token, document).status_code == 200
    Grant.objects.filter(pk=second.pk).update(expires_at=timezone.now())
    after_expiry = fetch(bank_token, document)

    assert (after_revoke.status_code, after_revoke.json()) == (403, REFUSED)
    assert (after_expiry.status_code, after_expiry.json()) == (403, REFUSED)
    assert AccessLogEntry.objects.count() == 2


def test_missing_and_ungranted_documents_look_the_same(worker_zhang, document, bank_token):
    ungranted = fetch(bank_token, document)
    missing = Client().get("/api/v1/sharing/documents/dummy.document/999999", HTTP_AUTHORIZATION=f"Bearer {bank_token}")
    unknown_type = Client().get("/api/v1/sharing/documents/nothing.here/1", HTTP_AUTHORIZATION=f"Bearer {bank_token}")

    assert ungranted.status_code == missing.status_code == unknown_type.status_code == 403
    assert ungranted.content == missing.content == unknown_type.content
    assert ungranted.json() == REFUSED


def test_grants_of_two_matters_union_and_matter_filter_narrows(worker_zhang, document, bank, bank_token, matter):
    from zhili.core.sharing.models import Matter

    other = Matter.objects.create(code="dummy_housing", name="测试公租房", department_name="住建局", legal_basis="测试依据",
                                  document_type="dummy.document", fields=["organization_name"])
    grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                 expires_at=in_days(30), actor=worker_zhang)
    grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=other,
                 expires_at=in_days(30), actor=worker_zhang)

    both = fetch(bank_token, document).json()["fields"]
    narrowed = Client().get(f"/api/v1/sharing/documents/dummy.document/{document.pk}?matter=dummy_housing",
                            HTTP_AUTHORIZATION=f"Bearer {bank_token}").json()["fields"]

    assert both == {"title": "张伟的劳动合同", "state": "published", "organization_name": "建德市新安江机械有限公司"}
    assert narrowed == {"organization_name": "建德市新安江机械有限公司"}


def test_a_granted_read_costs_five_statements_and_writes_its_log_atomically(worker_zhang, document, bank,
                                                                           bank_token, matter):
    from zhili.core.testing.queries import statements

    grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                 expires_at=in_days(30), actor=worker_zhang)
    fetch(bank_token, document)  # the first request of a test client may set up caches

    sent = statements(lambda: fetch(bank_token, document))

    # token (+ client, organisation); grants (+ worker, matter); document (+ its declared relations); then the
    # access-log row and the audit entry inside one atomic block (a savepoint inside the test's transaction).
    assert sent == [("SELECT", "identity_accesstoken"), ("SELECT", "sharing_grant"),
                    ("SELECT", "dummy_scene_dummydocument"), ("SAVEPOINT", ""),
                    ("INSERT", "sharing_accesslogentry"), ("INSERT", "foundation_auditentry"), ("RELEASE", "")]


def test_a_refused_read_writes_nothing(worker_zhang, document, bank_token):
    from zhili.core.testing.queries import statements

    sent = statements(lambda: fetch(bank_token, document))

    assert sent == [("SELECT", "identity_accesstoken"), ("SELECT", "sharing_grant")]


def test_an_expired_or_revoked_token_or_a_disabled_client_stops_the_read_at_once(worker_zhang, document, bank,
                                                                                  bank_token, matter):
    from zhili.core.identity import services as identity
    from zhili.core.identity.models import AccessToken, ApiClient

    grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                 expires_at=in_days(30), actor=worker_zhang)
    access = identity.resolve_token(bank_token)
    assert fetch(bank_token, document).status_code == 200

    ApiClient.objects.filter(pk=access.client_id).update(is_active=False)
    disabled = fetch(bank_token, document)
    ApiClient.objects.filter(pk=access.client_id).update(is_active=True)
    assert fetch(bank_token, document).status_code == 200
    AccessToken.objects.filter(pk=access.pk).update(expires_at=timezone.now())
    expired = fetch(bank_token, document)
    AccessToken.objects.filter(pk=access.pk).update(expires_at=in_days(1))
    identity.revoke_token(AccessToken.objects.get(pk=access.pk), check=False)
    revoked = fetch(bank_token, document)

    assert disabled.status_code == expired.status_code == revoked.status_code == 401
    assert AccessLogEntry.objects.count() == 2
    assert access.created_at is not None  # a column the token look-up does not select is loaded on access


def test_the_token_look_up_attaches_the_client_and_its_organisation(bank, bank_token):
    from zhili.core.identity import services as identity

    access = identity.resolve_token(bank_token)

    assert access.scopes == ["sharing.read", "sharing.verify"]
    assert (access.client.name, access.client.organization.name) == ("建德农商银行系统", "建德农商银行")
    assert access.client.organization_id == bank.pk and access.client.is_active
    assert identity.resolve_token(bank_token + "x") is None
