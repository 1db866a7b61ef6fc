import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.foundation.models import AuditEntry
from zhili.core.identity import permissions, services
from zhili.core.identity.models import AccessToken
from zhili.core.testing.factories import DepartmentFactory, RegionFactory
from zhili.core.testing.personas import PASSWORD

pytestmark = pytest.mark.django_db
REFUSAL = "用户名或密码错误。连续输错 5 次后账号将锁定 15 分钟，锁定期间请稍后再试"


def test_staff_log_in_with_their_password(officer_wang):
    assert services.check_password_login("officer_wang", PASSWORD, ip_address="10.0.0.1") == officer_wang
    assert officer_wang.password.startswith("argon2")


def test_five_failures_lock_the_account_even_for_the_right_password(officer_wang):
    for _ in range(4):
        with pytest.raises(ValidationError) as raised:
            services.check_password_login("officer_wang", "wrong", ip_address="10.0.0.1")
        assert raised.value.code == "invalid_login"
    with pytest.raises(services.LoginLocked):
        services.check_password_login("officer_wang", "wrong", ip_address="10.0.0.1")
    with pytest.raises(services.LoginLocked):
        services.check_password_login("officer_wang", PASSWORD, ip_address="10.0.0.1")
    officer_wang.refresh_from_db()
    assert officer_wang.is_locked
    assert AuditEntry.objects.filter(action="identity.login.locked", target_id=str(officer_wang.pk)).count() == 1


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(db):
    with pytest.raises(ValidationError) as raised:
        services.check_password_login("nobody", "whatever", ip_address=None)
    assert raised.value.messages == [REFUSAL]
    assert AuditEntry.objects.filter(action="identity.login.failed", data__username="nobody").count() == 1


def test_a_locked_account_is_refused_in_the_same_words_as_an_unknown_name(officer_wang):
    """The lockout must not tell which usernames exist."""
    for _ in range(5):
        with pytest.raises(ValidationError):
            services.check_password_login("officer_wang", "wrong", ip_address="10.0.0.1")
    with pytest.raises(ValidationError) as locked:
        services.check_password_login("officer_wang", PASSWORD, ip_address="10.0.0.1")
    with pytest.raises(ValidationError) as unknown:
        services.check_password_login("officer_nobody", PASSWORD, ip_address="10.0.0.1")
    assert locked.value.messages == unknown.value.messages == [REFUSAL]
    assert locked.value.code == unknown.value.code == "invalid_login"


def test_client_credentials_give_a_scoped_token_stored_hashed(db):
    bank = DepartmentFactory(name="建德农商银行", kind="bank", region=RegionFactory())
    client, secret = services.register_api_client(name="农商银行贷款系统", organization=bank,
                                                  scopes=["sharing.read", "sharing.verify"])
    access, token = services.issue_token(client.client_id, secret, scopes=["sharing.verify"])
    assert access.scopes == ["sharing.verify"]
    assert not AccessToken.objects.filter(token_hash=token).exists()
    assert services.resolve_token(token) == access
    with pytest.raises(ValidationError):
        services.issue_token(client.client_id, "wrong-secret")
    with pytest.raises(ValidationError) as raised:
        services.issue_token(client.client_id, secret, scopes=["admin"])
    assert raised.value.code == "invalid_scope"
    services.revoke_token(access, actor=access.client)
    assert services.resolve_token(token) is None


def test_department_scope_follows_the_region_tree(officer_wang, db):
    county = RegionFactory(code="330182", name="建德市")
    town = RegionFactory(code="330182100000", name="新安江街道", level="town", parent=county)
    elsewhere = RegionFactory(code="330100", name="杭州市", level="city")
    assert permissions.in_scope(officer_wang, town)
    assert not permissions.in_scope(officer_wang, elsewhere)


def test_permission_checks_deny_by_default(worker_zhang):
    with pytest.raises(PermissionDenied):
        permissions.require(worker_zhang, "no.such.permission")
    assert not permissions.can(worker_zhang, "dummy.document.publish")
