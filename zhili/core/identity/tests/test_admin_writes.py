"""Admin pages write through audited services; tokens are revoked by their owner or an administrator."""

import pytest
from django.core.exceptions import PermissionDenied

from zhili.core.foundation.models import AuditEntry
from zhili.core.identity import services
from zhili.core.identity.models import Membership, User
from zhili.core.testing.factories import DepartmentFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_qian(db):
    return UserFactory(username="admin_qian", name="钱平台", is_superuser=True, is_staff=True, phone="13800000099",
                       id_number="")


def test_deactivating_a_user_in_the_admin_goes_through_the_audited_service(client, admin_qian, officer_wang):
    client.force_login(admin_qian)
    page = client.get(f"/admin/identity/user/{officer_wang.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in ("username", "name", "email", "preferred_language")}
    membership = officer_wang.memberships.get()
    data.update({"is_staff": "", "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "1",
                 "memberships-0-id": membership.pk, "memberships-0-user": officer_wang.pk,
                 "memberships-0-role": membership.role, "memberships-0-region": membership.region_id or "",
                 "memberships-0-organization": membership.organization_id or "", "memberships-0-DELETE": "on"})

    response = client.post(f"/admin/identity/user/{officer_wang.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    officer_wang.refresh_from_db()
    assert officer_wang.is_active is False
    changed = AuditEntry.objects.get(action="identity.user.changed", actor=admin_qian)
    assert changed.data["fields"] == ["is_active"]
    assert AuditEntry.objects.filter(action="identity.membership.revoked", actor=admin_qian).count() == 1
    assert not Membership.objects.filter(user=officer_wang).exists()


def test_someone_who_is_no_administrator_changes_nothing(hr_li, officer_wang):
    with pytest.raises(PermissionDenied):
        services.change_user(officer_wang, changes={"is_superuser": True}, actor=hr_li)
    assert User.objects.get(pk=officer_wang.pk).is_superuser is False
    assert not AuditEntry.objects.filter(action="identity.user.changed").exists()


def test_a_token_is_revoked_by_itself_and_by_an_administrator_but_not_by_a_stranger(client, admin_qian, hr_li):
    bank = DepartmentFactory(name="建德农商银行", kind="bank", region=RegionFactory())
    api_client, secret = services.register_api_client(name="贷款系统", organization=bank, scopes=["sharing.read"])
    first, first_token = services.issue_token(api_client.client_id, secret)
    second, second_token = services.issue_token(api_client.client_id, secret)

    with pytest.raises(PermissionDenied):
        services.revoke_token(first, actor=hr_li)
    assert services.resolve_token(first_token) is not None

    response = client.post("/api/v1/identity/revoke", HTTP_AUTHORIZATION=f"Bearer {first_token}")
    services.revoke_token(second, actor=admin_qian)

    assert response.status_code == 204
    assert services.resolve_token(first_token) is None and services.resolve_token(second_token) is None
    assert AuditEntry.objects.filter(action="identity.token.revoked").count() == 2
