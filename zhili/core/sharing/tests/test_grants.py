"""The worker's consent: only the owner grants, with a clear answer for bad input; revocation is theirs alone."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.foundation.models import AuditEntry
from zhili.core.sharing.choices import GrantState
from zhili.core.sharing.models import Grant
from zhili.core.sharing.services import grant_access, revoke_grant

from .conftest import in_days

pytestmark = pytest.mark.django_db


def test_worker_grants_the_matter_minimum_by_default(worker_zhang, document, bank, matter):
    grant = grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                         expires_at=in_days(30), actor=worker_zhang)

    assert grant.fields == ["title", "state"]
    assert grant.include_pdf is False
    assert grant.state == GrantState.ACTIVE
    assert grant.document_label == "张伟的劳动合同"
    assert AuditEntry.objects.filter(action="sharing.grant.created", target_id=str(grant.pk)).count() == 1


def test_chosen_fields_are_kept_in_declared_order(worker_zhang, document, bank, matter):
    grant = grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                         fields=["owner_username", "title"], include_pdf=True, expires_at=in_days(1),
                         actor=worker_zhang)

    assert grant.fields == ["title", "owner_username"]
    assert grant.include_pdf is True


def test_someone_else_cannot_grant_the_workers_document(document, bank, matter, hr_li, worker_li):
    for actor in (worker_li, hr_li):
        with pytest.raises(PermissionDenied):
            grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                         expires_at=in_days(30), actor=actor)

    assert Grant.objects.count() == 0


def test_bad_input_names_the_field_and_the_rule(worker_zhang, document, bank, matter):
    with pytest.raises(ValidationError) as caught:
        grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                     fields=["title", "wage"], expires_at=in_days(-1), actor=worker_zhang)

    assert caught.value.message_dict == {"fields": ["字段不存在：wage"], "expires_at": ["有效期须晚于当前时间"]}
    assert Grant.objects.count() == 0


def test_only_the_worker_revokes_and_it_takes_effect_at_once(worker_zhang, document, bank, matter, hr_li):
    grant = grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                         expires_at=in_days(30), actor=worker_zhang)

    with pytest.raises(PermissionDenied):
        revoke_grant(grant, actor=hr_li)
    grant.refresh_from_db()
    assert grant.revoked_at is None

    revoke_grant(grant, actor=worker_zhang)
    grant.refresh_from_db()
    assert grant.state == GrantState.REVOKED
    assert Grant.objects.valid().count() == 0
