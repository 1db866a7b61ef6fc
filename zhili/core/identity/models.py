"""Users, memberships, one-time codes and API clients."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation import pii
from zhili.core.foundation.models import TimeStampedModel

from .choices import VerificationMethod
from .roles import RoleDefinition, get_role, role_label, validate_role


class UserManager(BaseUserManager):
    def create_user(self, username, password=None, **fields):
        user = self.model(username=username, **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, username, password=None, **fields):
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        fields.setdefault("name", username)
        return self.create_user(username, password, **fields)

    def by_phone(self, phone: str):
        return self.filter(phone_index=pii.blind_index(phone))

    def by_id_number(self, id_number: str):
        return self.filter(id_number_index=pii.blind_index(id_number))


class User(AbstractBaseUser, PermissionsMixin, TimeStampedModel):
    """A person: a worker who logs in by SMS code, or staff who log in by password.

    The ID number and phone are stored encrypted with a blind index (see ``foundation.pii``);
    they are shown masked everywhere except to the person themselves.
    """

    username = models.CharField(_("用户名"), max_length=150, unique=True)
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    id_number = pii.EncryptedTextField(_("身份证号码"), blind_index_field="id_number_index")
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = pii.EncryptedTextField(_("手机号码"), blind_index_field="phone_index")
    phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    email = models.EmailField(_("电子邮箱"), blank=True)
    verification_method = models.CharField(_("实名认证方式"), max_length=16, choices=VerificationMethod.choices,
                                           default=VerificationMethod.NONE)
    verified_at = models.DateTimeField(_("实名认证时间"), null=True, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)
    is_staff = models.BooleanField(_("可登录管理后台"), default=False)
    failed_login_count = models.PositiveSmallIntegerField(_("连续登录失败次数"), default=0)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)
    preferred_language = models.CharField(_("界面语言"), max_length=10, default="zh-hans")

    objects = UserManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.UniqueConstraint(fields=["phone_index"], condition=~models.Q(phone_index=""),
                                    name="user_unique_phone"),
            models.UniqueConstraint(fields=["id_number_index"], condition=~models.Q(id_number_index=""),
                                    name="user_unique_id_number"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or self.username

    @property
    def masked_id_number(self) -> str:
        return pii.mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return pii.mask_phone(self.phone)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()

    def roles(self) -> set[str]:
        return {m.role for m in self.memberships.all() if m.is_active}


class Membership(TimeStampedModel):
    """A person's role in an organisation; department roles are scoped to a region."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("组织"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="memberships")
    # No static choices: roles come from the registry (core's and each scene's roles.py), so a new scene
    # needs no migration here.
    role = models.CharField(_("角色"), max_length=32, db_index=True, validators=[validate_role])
    region = models.ForeignKey("orgs.Region", verbose_name=_("数据范围（区划）"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               help_text=_("部门角色只能看到本区划及其下级的数据"))
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("角色成员")
        verbose_name_plural = _("角色成员")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="membership_unique_role"),
            models.UniqueConstraint(fields=["user", "role"], condition=models.Q(organization__isnull=True),
                                    name="membership_unique_role_without_organization"),
        ]

    def __str__(self):
        return f"{self.user} · {self.role_label} · {self.organization or '-'}"

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    @property
    def role_definition(self) -> RoleDefinition:
        """The registered role (a gray placeholder for a role no installed scene declares any more)."""
        return get_role(self.role) or RoleDefinition(self.role, self.role)


class OtpChallenge(TimeStampedModel):
    """A one-time SMS code: stored hashed, expires, allows a few attempts, used once."""

    phone_index = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=128)
    purpose = models.CharField(_("用途"), max_length=32, default="login")
    expires_at = models.DateTimeField(_("过期时间"))
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    consumed_at = models.DateTimeField(_("使用时间"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")
        indexes = [models.Index(fields=["phone_index", "created_at"]), models.Index(fields=["ip_address", "created_at"])]

    def __str__(self):
        return f"OTP {self.purpose} {self.created_at:%Y-%m-%d %H:%M}"


class ApiClient(TimeStampedModel):
    """A department or bank system that calls the API with client credentials."""

    name = models.CharField(_("名称"), max_length=100)
    client_id = models.CharField(_("客户端标识"), max_length=64, unique=True)
    secret_hash = models.CharField(max_length=256)
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("所属组织"), on_delete=models.PROTECT,
                                     related_name="api_clients")
    scopes = models.JSONField(_("授权范围"), default=list, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("接口客户端")
        verbose_name_plural = _("接口客户端")

    def __str__(self):
        return f"{self.name} ({self.client_id})"


class AccessToken(TimeStampedModel):
    """A bearer token issued to an API client; only its SHA-256 is stored."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("访问令牌")
        verbose_name_plural = _("访问令牌")

    def __str__(self):
        return f"token for {self.client.client_id} until {self.expires_at:%Y-%m-%d %H:%M}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now() and self.client.is_active
