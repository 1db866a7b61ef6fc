"""An organisation's grant (企业授权): its administrator grants another organisation a named scope of its data for a
subject and a number of days; the grantee's members and API clients read only under a valid grant, each read logged;
revocation and expiry close it at once, and a refused read tells nothing and logs nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhili.core.identity.choices import Role
from zhili.core.identity.services import register_api_client
from zhili.core.ledger.api import entries_for
from zhili.core.sharing.api import (
    NotShared,
    OrgAccessLogEntry,
    OrgGrant,
    consent_text,
    grant_org_access,
    org_access_log_of,
    read_org_data,
    revoke_org_grant,
)
from zhili.core.testing import personas
from zhili.core.testing.dummy_scene.sharing import make_document
from zhili.core.testing.factories import MembershipFactory, UserFactory

SCOPE = "dummy.organization_figures"
YEAR = str(timezone.now().year)


@pytest.fixture
def admin_li(employer):
    return personas.employer_admin(employer)


@pytest.fixture
def banker(bank):
    user = UserFactory(username="banker_qian", name="钱进", phone="13800000071")
    MembershipFactory(user=user, role=Role.OFFICER, organization=bank)
    return user


@pytest.fixture
def figures(employer, worker_zhang):
    make_document(worker_zhang, "合同一", organization=employer)
    make_document(worker_zhang, "合同二", organization=employer)


def _grant(employer, bank, admin, **changes):
    arguments = {"scope": SCOPE, "grantor": employer, "grantee": bank, "subject": YEAR, "purpose": "贷款审批查阅",
                 "days": 10, "actor": admin} | changes
    return grant_org_access(**arguments)


def _read(employer, bank, actor, subject=YEAR):
    return read_org_data(scope=SCOPE, grantor=employer, grantee=bank, subject=subject, reason="审批贷款申请", actor=actor)


def test_the_administrator_grants_and_the_bank_reads_exactly_the_scope_logged(employer, bank, admin_li, banker,
                                                                               figures):
    grant = _grant(employer, bank, admin_li)
    assert grant.consent_text == consent_text(SCOPE, grantor=employer, grantee=bank, subject=YEAR)
    assert f"同意 建德农商银行 查阅本单位 {YEAR} 年度数据" in grant.consent_text and "文档数" in grant.consent_text
    assert [e.kind for e in entries_for(grant)] == ["sharing.org_grant.created"]
    shared = _read(employer, bank, banker)
    assert (shared.fields, shared.grant_id) == ({"name": employer.name, "year": YEAR, "documents": 2}, grant.pk)
    entry = org_access_log_of(employer).get()
    assert (entry.reader, entry.organization, entry.reason, entry.fields) == (
        banker, bank, "审批贷款申请", ["name", "year", "documents"])


def test_an_api_client_of_the_grantee_reads_and_one_of_another_bank_does_not(employer, bank, other_bank, admin_li,
                                                                             figures):
    _grant(employer, bank, admin_li)
    own, _secret = register_api_client(name="农商行信贷系统", organization=bank, scopes=["sharing.read"])
    other, _secret = register_api_client(name="某商业银行系统", organization=other_bank, scopes=["sharing.read"])
    assert _read(employer, bank, own).fields["documents"] == 2
    with pytest.raises(NotShared):
        _read(employer, bank, other)  # a client of another bank naming this bank as grantee
    with pytest.raises(NotShared):
        _read(employer, other_bank, other)
    assert OrgAccessLogEntry.objects.get().client == own


def test_only_an_administrator_of_the_grantor_grants_or_revokes(employer, bank, admin_li, banker, worker_zhang):
    with pytest.raises(PermissionDenied):
        _grant(employer, bank, worker_zhang)
    with pytest.raises(PermissionDenied):
        _grant(employer, bank, banker)
    grant = _grant(employer, bank, admin_li)
    with pytest.raises(PermissionDenied):
        revoke_org_grant(grant, actor=banker)
    assert OrgGrant.objects.get().revoked_at is None


def test_bad_input_names_the_field_and_rule_and_writes_nothing(employer, bank, admin_li):
    with pytest.raises(ValidationError) as refused:
        _grant(employer, bank, admin_li, subject="去年", purpose="看", days=90)
    assert refused.value.message_dict == {"subject": ["年度须为四位年份"], "purpose": ["请写明用途，不少于 4 个字"],
                                          "days": ["有效期须为 1–30 天"]}
    with pytest.raises(ValidationError) as refused:
        _grant(employer, employer, admin_li)
    assert refused.value.message_dict == {"grantee": ["不能授权给本单位自己"]}
    with pytest.raises(ValidationError) as refused:
        _grant(employer, bank, admin_li, scope="nobody.scope")
    assert refused.value.message_dict == {"scope": ["数据范围未登记：nobody.scope"]}
    assert OrgGrant.objects.count() == 0


def test_revoked_expired_other_subject_and_non_members_read_nothing_and_log_nothing(employer, bank, admin_li, banker,
                                                                                    worker_zhang, figures):
    grant = _grant(employer, bank, admin_li)
    with pytest.raises(NotShared):
        _read(employer, bank, banker, subject=str(int(YEAR) - 1))
    with pytest.raises(NotShared):
        _read(employer, bank, worker_zhang)  # not a member of the bank
    with pytest.raises(ValidationError):
        read_org_data(scope=SCOPE, grantor=employer, grantee=bank, subject=YEAR, reason="", actor=banker)
    revoke_org_grant(grant, actor=admin_li)
    with pytest.raises(NotShared):
        _read(employer, bank, banker)
    assert [e.kind for e in entries_for(grant)] == ["sharing.org_grant.created", "sharing.org_grant.revoked"]
    expiring = _grant(employer, bank, admin_li)
    OrgGrant.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(NotShared):
        _read(employer, bank, banker)
    assert OrgAccessLogEntry.objects.count() == 0
