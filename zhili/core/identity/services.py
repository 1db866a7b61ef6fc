"""Every change to people, memberships, one-time codes and API tokens."""

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation import audit, events, pii
from zhili.core.foundation.models import columns, loaded_instance, quoted_column, quoted_table
from zhili.core.foundation.validators import set_allowed_fields, validate_id_number, validate_mobile
from zhili.core.notify import api as notify

from .choices import Role, VerificationMethod
from .models import AccessToken, ApiClient, Membership, OtpChallenge, User
from .permissions import require_administrator
from .roles import validate_role
from .rules import current_rules


class OtpError(ValidationError):
    """A one-time code could not be issued or was not accepted."""


class LoginLocked(ValidationError):
    """The account is locked after too many failed password attempts."""


def _hash_code(phone_index: str, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{phone_index}:{code}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def request_login_code(phone: str, *, ip_address: str | None) -> OtpChallenge:
    """Send a 6-digit login code by SMS, within the per-phone and per-IP rate limits."""
    validate_mobile(phone)
    rules = current_rules()
    index = pii.blind_index(phone)
    now = timezone.now()
    last = OtpChallenge.objects.filter(phone_index=index).order_by("-created_at").first()
    if last and (now - last.created_at).total_seconds() < rules["otp_resend_seconds"]:
        raise OtpError(_("验证码发送过于频繁，请 {s} 秒后再试").format(s=rules["otp_resend_seconds"]),
                       code="otp_too_soon")
    hour_ago = now - dt.timedelta(hours=1)
    if OtpChallenge.objects.filter(phone_index=index, created_at__gte=hour_ago).count() >= rules["otp_per_phone_hour"]:
        raise OtpError(_("该手机号一小时内获取验证码次数已达上限"), code="otp_phone_limit")
    if ip_address and OtpChallenge.objects.filter(
            ip_address=ip_address, created_at__gte=hour_ago).count() >= rules["otp_per_ip_hour"]:
        raise OtpError(_("当前网络一小时内获取验证码次数已达上限"), code="otp_ip_limit")
    code = f"{secrets.randbelow(10 ** 6):06d}"
    challenge = OtpChallenge.objects.create(
        phone_index=index, code_hash=_hash_code(index, code), ip_address=ip_address,
        expires_at=now + dt.timedelta(seconds=rules["otp_ttl_seconds"]),
    )
    recipient = User.objects.by_phone(phone).first()
    notify.send_sms(phone, "otp_login", {"code": code}, recipient=recipient,
                    dedup_key=f"otp:{challenge.pk}")
    audit.record("identity.otp.requested", actor=recipient, target=challenge, ip_address=ip_address)
    return challenge


def verify_login_code(phone: str, code: str, *, ip_address: str | None) -> User:
    """Check a code; on success consume it and return the phone's user (created as a worker if new).

    A wrong code is counted and committed before the error is raised, so the attempt limit holds.
    """
    validate_mobile(phone)
    rules = current_rules()
    index = pii.blind_index(phone)
    with transaction.atomic():
        challenge = (OtpChallenge.objects.select_for_update()
                     .filter(phone_index=index, consumed_at__isnull=True).order_by("-created_at").first())
        now = timezone.now()
        if challenge is None or challenge.expires_at <= now:
            raise OtpError(_("验证码已过期或不存在，请重新获取"), code="otp_expired")
        if challenge.attempts >= rules["otp_max_attempts"]:
            raise OtpError(_("验证码错误次数过多，请重新获取"), code="otp_attempts")
        challenge.attempts += 1
        if not hmac.compare_digest(challenge.code_hash, _hash_code(index, (code or "").strip())):
            challenge.save(update_fields=["attempts", "updated_at"])
            audit.record("identity.otp.wrong", target=challenge, ip_address=ip_address)
            left = max(rules["otp_max_attempts"] - challenge.attempts, 0)
            error = OtpError(_("验证码不正确，还可尝试 {n} 次").format(n=left), code="otp_wrong")
        else:
            challenge.consumed_at = now
            challenge.save(update_fields=["consumed_at", "attempts", "updated_at"])
            return _login_user_for_phone(phone, ip_address)
    raise error


def _login_user_for_phone(phone: str, ip_address: str | None) -> User:
    user = User.objects.by_phone(phone).first()
    if user is None:
        user = User.objects.create_user(username=f"p{pii.blind_index(phone)[:16]}", phone=phone)
        add_membership(user, role=Role.WORKER, actor=user)
        audit.record("identity.user.registered", actor=user, target=user, ip_address=ip_address)
    if not user.is_active:
        raise OtpError(_("该账号已停用"), code="account_inactive")
    user.last_login = timezone.now()
    user.save(update_fields=["last_login", "updated_at"])
    audit.record("identity.login.otp", actor=user, target=user, ip_address=ip_address)
    return user


def check_password_login(username: str, password: str, *, ip_address: str | None) -> User:
    """Authenticate staff by password, locking the account after repeated failures.

    Failures are audited and counted in a transaction that commits; the refusal is raised after it. Every
    refusal (unknown name, wrong password, locked account) has the same message and the same password-hashing
    cost, so the answer never tells which usernames exist.
    """
    rules = current_rules()
    refusal = _("用户名或密码错误。连续输错 {n} 次后账号将锁定 {m} 分钟，锁定期间请稍后再试").format(
        n=rules["password_max_failures"], m=rules["password_lock_minutes"])
    locked = False
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        if user is None or not user.is_active or not user.has_usable_password():
            make_password(password)  # same cost whether or not the account exists
            audit.record("identity.login.failed", data={"username": username[:50]}, ip_address=ip_address)
        elif user.is_locked:
            make_password(password)
            audit.record("identity.login.refused_locked", actor=user, target=user, ip_address=ip_address)
            locked = True
        elif user.check_password(password):
            user.failed_login_count = 0
            user.locked_until = None
            user.last_login = timezone.now()
            user.save(update_fields=["failed_login_count", "locked_until", "last_login", "updated_at", "password"])
            audit.record("identity.login.password", actor=user, target=user, ip_address=ip_address)
            return user
        else:
            user.failed_login_count += 1
            locked = user.failed_login_count >= rules["password_max_failures"]
            if locked:
                user.locked_until = timezone.now() + dt.timedelta(minutes=rules["password_lock_minutes"])
                user.failed_login_count = 0
            user.save(update_fields=["failed_login_count", "locked_until", "updated_at"])
            audit.record("identity.login.locked" if locked else "identity.login.failed", actor=user, target=user,
                         ip_address=ip_address)
    if locked:
        raise LoginLocked(refusal, code="invalid_login")
    raise ValidationError(refusal, code="invalid_login")


@transaction.atomic
def create_person(*, name: str, id_number: str = "", phone: str = "", username: str | None = None,
                  password: str | None = None, actor=None, **extra) -> User:
    """Create a person with validated real-name data."""
    if id_number:
        validate_id_number(id_number)
        id_number = pii.normalise(id_number)
        if User.objects.by_id_number(id_number).exists():
            raise ValidationError({"id_number": _("该身份证号码已登记")}, code="duplicate")
    if phone:
        validate_mobile(phone)
        if User.objects.by_phone(phone).exists():
            raise ValidationError({"phone": _("该手机号码已登记")}, code="duplicate")
    user = User.objects.create_user(
        username=username or f"u{secrets.token_hex(8)}", password=password, name=name, id_number=id_number,
        phone=phone, **extra,
    )
    audit.record("identity.user.created", actor=actor, target=user)
    events.publish("identity.user.created", user_id=user.pk)
    return user


@transaction.atomic
def add_membership(user: User, *, role: str, organization=None, region=None, actor=None) -> Membership:
    """Give ``user`` the registered ``role`` (in ``organization``, scoped to ``region``); an unknown role is refused."""
    try:
        validate_role(role)
    except ValidationError as exc:
        raise ValidationError({"role": exc.messages}, code="unknown_role") from None
    existing = Membership.objects.filter(user=user, organization=organization, role=role).first()
    if existing and existing.is_active and existing.region_id == getattr(region, "pk", None):
        return existing
    membership, _created = Membership.objects.update_or_create(
        user=user, organization=organization, role=role, defaults={"region": region, "is_active": True},
    )
    audit.record("identity.membership.granted", actor=actor, target=membership,
                 data={"role": role, "organization_id": getattr(organization, "pk", None)})
    return membership


@transaction.atomic
def verify_real_name(user: User, *, name: str, id_number: str, method: str = VerificationMethod.SMS_ID_MATCH,
                     actor=None) -> User:
    """Check that the name and ID number given match the person's record (实名认证)."""
    validate_id_number(id_number)
    if user.id_number and pii.normalise(user.id_number) != pii.normalise(id_number):
        audit.record("identity.real_name.mismatch", actor=actor or user, target=user, data={"field": "id_number"})
        raise ValidationError({"id_number": _("身份证号码与登记信息不一致")}, code="mismatch")
    if user.name and user.name.strip() != name.strip():
        audit.record("identity.real_name.mismatch", actor=actor or user, target=user, data={"field": "name"})
        raise ValidationError({"name": _("姓名与登记信息不一致")}, code="mismatch")
    if not user.id_number:
        if User.objects.by_id_number(id_number).exclude(pk=user.pk).exists():
            raise ValidationError({"id_number": _("该身份证号码已被其他账号认证")}, code="duplicate")
        user.id_number = pii.normalise(id_number)
        user.name = name.strip()
    user.verification_method = method
    user.verified_at = timezone.now()
    user.save()
    audit.record("identity.real_name.verified", actor=actor or user, target=user, data={"method": method})
    return user


@transaction.atomic
def register_api_client(*, name: str, organization, scopes: list[str], actor=None) -> tuple[ApiClient, str]:
    """Create an API client and return it with its secret, shown once."""
    secret = secrets.token_urlsafe(32)
    client = ApiClient.objects.create(
        name=name, organization=organization, scopes=sorted(set(scopes)),
        client_id=f"zc_{secrets.token_hex(8)}", secret_hash=make_password(secret),
    )
    audit.record("identity.api_client.registered", actor=actor, target=client, data={"scopes": client.scopes})
    return client, secret


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_token(client_id: str, client_secret: str, *, scopes: list[str] | None = None) -> tuple[AccessToken, str]:
    """Client-credentials grant: a bearer token with the requested scopes (a subset of the client's)."""
    client = ApiClient.objects.filter(client_id=client_id, is_active=True).first()
    if client is None or not check_password(client_secret, client.secret_hash):
        audit.record("identity.token.refused", data={"client_id": client_id[:64]})
        raise ValidationError(_("客户端标识或密钥错误"), code="invalid_client")
    wanted = set(scopes) if scopes else set(client.scopes)
    if not wanted <= set(client.scopes):
        raise ValidationError(_("申请的范围超出授权：{s}").format(s=", ".join(sorted(wanted - set(client.scopes)))),
                              code="invalid_scope")
    token = secrets.token_urlsafe(32)
    access = AccessToken.objects.create(
        client=client, token_hash=_token_hash(token), scopes=sorted(wanted),
        expires_at=timezone.now() + dt.timedelta(seconds=current_rules()["token_ttl_seconds"]),
    )
    audit.record("identity.token.issued", actor=f"client:{client.client_id}", target=client,
                 data={"scopes": access.scopes})
    return access, token


# One statement per bearer-token request, written out because every API call of a department or bank pays it:
# the ORM spends ~0.3 ms of CPU compiling the three-table select, the statement itself ~0.05 ms. The validity
# test (unrevoked, unexpired, client active) is in the WHERE clause, so it is decided by the database on every
# request, exactly as ``AccessToken.is_valid`` states it; nothing about a token is cached between requests.
_ORGANIZATION = ApiClient._meta.get_field("organization").related_model
_RESOLVE_TOKEN_SQL = (
    f"SELECT {columns(AccessToken, 't', 'pk', 'client', 'scopes')}, {columns(ApiClient, 'c', 'name', 'client_id')},"
    f" {columns(ApiClient, 'c', 'organization')}, {columns(_ORGANIZATION, 'o', 'name', 'region')}"
    f" FROM {quoted_table(AccessToken)} t"
    f" JOIN {quoted_table(ApiClient)} c ON c.{quoted_column(ApiClient, 'pk')} = t.{quoted_column(AccessToken, 'client')}"
    f" JOIN {quoted_table(_ORGANIZATION)} o"
    f" ON o.{quoted_column(_ORGANIZATION, 'pk')} = c.{quoted_column(ApiClient, 'organization')}"
    f" WHERE t.{quoted_column(AccessToken, 'token_hash')} = %s AND t.{quoted_column(AccessToken, 'revoked_at')} IS NULL"
    f" AND t.{quoted_column(AccessToken, 'expires_at')} > %s AND c.{quoted_column(ApiClient, 'is_active')} = %s"
)


def resolve_token(token: str) -> AccessToken | None:
    """The valid token for a bearer string, with its client and the client's organisation; else None.

    Hot path (every bearer-token request). The instances hold the columns selected above; any other field
    (e.g. ``created_at``) is a deferred field that Django loads on first access.
    """
    with connection.cursor() as cursor:
        cursor.execute(_RESOLVE_TOKEN_SQL,
                       [_token_hash(token), connection.ops.adapt_datetimefield_value(timezone.now()), True])
        row = cursor.fetchone()
    if row is None:
        return None
    token_id, client_pk, scopes, client_name, client_id, organization_id, organization_name, region_id = row
    db = connection.alias
    access = loaded_instance(AccessToken, db, id=token_id, client_id=client_pk, scopes=scopes)
    access.client = loaded_instance(ApiClient, db, id=client_pk, name=client_name, client_id=client_id,
                                    organization_id=organization_id, is_active=True)
    access.client.organization = loaded_instance(_ORGANIZATION, db, id=organization_id, name=organization_name,
                                                 region_id=region_id)
    return access


@transaction.atomic
def revoke_token(access: AccessToken, *, actor=None, check: bool = True) -> None:
    """Revoke a bearer token at once: by its owner (its client or the client's organisation) or an administrator.

    ``check=False`` is for the platform's own jobs (the caller is the system, not a person).
    """
    if check and not may_revoke_token(actor, access):
        raise PermissionDenied(_("只有令牌所属单位或平台管理员可以吊销令牌"))
    if access.revoked_at is None:
        access.revoked_at = timezone.now()
        access.save(update_fields=["revoked_at", "updated_at"])
    audit.record("identity.token.revoked", actor=None if isinstance(actor, ApiClient) else actor,
                 target=access.client, data={"token": access.pk, "by_client": isinstance(actor, ApiClient)})


# ---------------------------------------------------------------- administration (the admin pages call these)


USER_ADMIN_FIELDS = ("username", "name", "email", "preferred_language", "is_active", "is_staff", "is_superuser",
                     "locked_until", "failed_login_count")


@transaction.atomic
def change_user(user: User, *, changes: dict, actor, groups=None) -> User:
    """Change an account's administrative fields (never its real-name data or password), audited."""
    require_administrator(actor)
    set_allowed_fields(user, changes, USER_ADMIN_FIELDS)
    user.full_clean(exclude=["password", "id_number", "phone"])
    user.save(update_fields=[*changes, "updated_at"])
    changed = sorted(changes)
    if groups is not None:
        user.groups.set(groups)
        changed.append("groups")
    audit.record("identity.user.changed", actor=actor, target=user,
                 data={"fields": changed, "is_active": user.is_active, "is_superuser": user.is_superuser})
    return user


@transaction.atomic
def change_membership(membership: Membership, *, actor, **changes) -> Membership:
    """Change a membership's role, organisation, region or activity, audited."""
    require_administrator(actor)
    set_allowed_fields(membership, changes, ("role", "organization", "region", "is_active"))
    membership.save()
    audit.record("identity.membership.changed", actor=actor, target=membership,
                 data={"fields": sorted(changes), "role": membership.role, "is_active": membership.is_active})
    return membership


@transaction.atomic
def revoke_membership(membership: Membership, *, actor) -> None:
    """Remove a membership (the role it gave ends at once), audited with the user and role it gave."""
    require_administrator(actor)
    audit.record("identity.membership.revoked", actor=actor, target=membership,
                 data={"user": membership.user_id, "role": membership.role})
    membership.delete()


@transaction.atomic
def change_api_client(client: ApiClient, *, actor, **changes) -> ApiClient:
    """Change an API client's name, organisation, scopes or activity; a deactivated client's tokens stop at once."""
    require_administrator(actor)
    if "scopes" in changes:
        changes["scopes"] = sorted(set(changes["scopes"] or []))
    set_allowed_fields(client, changes, ("name", "organization", "scopes", "is_active"))
    client.save()
    audit.record("identity.api_client.changed", actor=actor, target=client,
                 data={"fields": sorted(changes), "scopes": client.scopes, "is_active": client.is_active})
    return client


def may_revoke_token(actor, access: AccessToken) -> bool:
    """The token's owner (its client, or a member of the client's organisation) or a platform administrator."""
    from .permissions import has_role, organizations_of

    if isinstance(actor, ApiClient):
        return actor.pk == access.client_id
    if actor is None or not getattr(actor, "is_active", False):
        return False
    return (actor.is_superuser or has_role(actor, Role.PLATFORM_ADMIN)
            or access.client.organization_id in organizations_of(actor))
