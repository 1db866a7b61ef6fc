"""Certificates of the platform CA and the evidence bound to each signature."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.models import TimeStampedModel

from .choices import CertificateKind, RevocationReason


class Certificate(TimeStampedModel):
    """An X.509 certificate of the platform CA, with its private key sealed under the key-encryption key.

    Person certificates name the holder (real name, Electronic Signature Law Art. 21) with a keyed pseudonym,
    never the ID number (ADR 0009). The private key is AES-256-GCM ciphertext of the PKCS#8 DER; it is only opened in
    ``keys.open_private_key`` after the signer's identity and intent checks (see ``authorization.authorize_key_use``).
    """

    kind = models.CharField(_("类型"), max_length=16, choices=CertificateKind.choices, db_index=True)
    subject = models.CharField(_("主题"), max_length=255)
    serial_number = models.CharField(_("序列号"), max_length=40, unique=True)
    fingerprint = models.CharField(_("SHA-256 指纹"), max_length=64, unique=True)
    der = models.BinaryField(_("证书（DER）"))
    encrypted_key = models.TextField(_("加密私钥"), blank=True, editable=False)
    issuer = models.ForeignKey("self", verbose_name=_("签发者"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="issued")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("持有人"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="signer_certificates")
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("持有单位"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="signer_certificates")
    not_before = models.DateTimeField(_("生效时间"))
    not_after = models.DateTimeField(_("失效时间"))
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revocation_reason = models.CharField(_("吊销原因"), max_length=32, choices=RevocationReason.choices, blank=True)
    # A certificate issued by an external CA (``external_ca``, EST) has no issuer row: its CA chain is kept here.
    issuer_chain_pem = models.TextField(_("外部 CA 证书链（PEM）"), blank=True, default="")

    class Meta:
        verbose_name = _("数字证书")
        verbose_name_plural = _("数字证书")
        ordering = ["-id"]
        # The CRL state read on every signature and verification (``archive.current_crls``: count and latest
        # time of revocations per issuer) touches only revoked certificates, not every worker's certificate.
        indexes = [models.Index(fields=["issuer", "revoked_at"], condition=models.Q(revoked_at__isnull=False),
                                name="esign_cert_revoked_by_issuer")]
        constraints = [
            models.UniqueConstraint(fields=["kind"], condition=models.Q(kind__in=["root", "issuing", "tsa"]),
                                    name="esign_one_platform_certificate_per_kind"),
            # The platform's own evidence seal (出证): an organisation certificate without an organisation.
            models.UniqueConstraint(fields=["kind"], condition=models.Q(kind="organization", organization__isnull=True,
                                                                        user__isnull=True, revoked_at__isnull=True),
                                    name="esign_one_platform_evidence_certificate"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.subject} #{self.serial_number}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_valid_now(self) -> bool:
        now = timezone.now()
        return not self.is_revoked and self.not_before <= now <= self.not_after


class SignatureRecord(TimeStampedModel):
    """One applied signature: who signed in which role, the evidence of identity and intent, and its digest.

    ``evidence_digest`` (SHA-256 of the canonical evidence JSON) is also inside the signature as a signed
    CMS attribute, so the signature itself vouches for the evidence stored here. ``subject_type``/``subject_id``
    name what was signed (e.g. ``labor_contract.contract``/``42``) when the caller said so (``signing_for``).
    """

    certificate = models.ForeignKey(Certificate, verbose_name=_("签名证书"), on_delete=models.PROTECT,
                                    related_name="signatures")
    role = models.CharField(_("签署角色"), max_length=32)
    field_name = models.CharField(_("签名域"), max_length=100)
    evidence = models.JSONField(_("身份与意愿证据"), default=dict)
    evidence_digest = models.CharField(_("证据摘要"), max_length=64, db_index=True)
    input_sha256 = models.CharField(_("签署前文件摘要"), max_length=64)
    output_sha256 = models.CharField(_("签署后文件摘要"), max_length=64, db_index=True)
    signed_at = models.DateTimeField(_("签署时间"))
    subject_type = models.CharField(_("签署对象类型"), max_length=120, blank=True)
    subject_id = models.CharField(_("签署对象编号"), max_length=64, blank=True)
    timestamp_time = models.DateTimeField(_("时间戳时间"), null=True, blank=True)
    timestamp_authority = models.CharField(_("时间戳机构"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("签署记录")
        verbose_name_plural = _("签署记录")
        ordering = ["-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="esign_signature_subject")]

    def __str__(self):
        return f"{self.field_name} {self.role} {self.signed_at:%Y-%m-%d %H:%M}"


class KeyUseAuthorization(TimeStampedModel):
    """One single-use permission to open a signer's key, shared by every process through the database.

    ``authorization.authorize_key_use`` grants it in memory after the identity and intent checks; this row makes
    the single use hold across processes: ``services.consume_authorization`` marks it used with one
    conditional UPDATE (``used_at IS NULL``), so of two processes racing with the same nonce exactly one wins.
    """

    nonce = models.CharField(_("授权随机数"), max_length=64, unique=True)
    certificate = models.ForeignKey(Certificate, verbose_name=_("签名证书"), on_delete=models.PROTECT,
                                    related_name="key_use_authorizations")
    identity_evidence = models.JSONField(_("身份核验证据"), default=dict)
    intent_evidence = models.JSONField(_("意愿确认证据"), default=dict)
    evidence_digest = models.CharField(_("证据摘要"), max_length=64)
    expires_at = models.DateTimeField(_("失效时间"))
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("用钥授权")
        verbose_name_plural = _("用钥授权")
        ordering = ["-id"]

    def __str__(self):
        state = "used" if self.used_at else "open"
        return f"{self.certificate_id} {self.nonce[:8]}… {state}"
