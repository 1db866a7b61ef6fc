"""Key-use authorization: a signer's key is used once, and only after identity and intent were confirmed just now.

``authorize_key_use`` checks the evidence and returns a ``KeyUseAuthorization`` (MAC-protected, single use); the
SHA-256 of the canonical evidence JSON becomes a signed CMS attribute of the signature (``signers``), so the
signature vouches for the evidence stored in ``SignatureRecord``. ``signing.sign_pdf`` checks it in front of every
use of a key and consumes it in the database (``services.consume_authorization``).
"""

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from . import keys
from .choices import CertificateKind

# Security parameters of the platform (not legal thresholds): how fresh intent must be, how long an
# authorization may wait before the key is used.
INTENT_MAX_AGE = dt.timedelta(minutes=15)
AUTHORIZATION_TTL = dt.timedelta(minutes=10)
SEAL_ROLES = frozenset({"employer_admin", "seal_keeper"})


@dataclass(frozen=True)
class KeyUseAuthorization:
    """Permission to use one signer's key once, bound to the evidence that granted it."""

    certificate_id: int
    evidence: dict
    evidence_digest: str
    issued_at: dt.datetime
    nonce: str
    mac: str = field(repr=False)

    def _message(self) -> bytes:
        return f"{self.certificate_id}|{self.evidence_digest}|{self.issued_at.isoformat()}|{self.nonce}".encode()

    def is_authentic(self) -> bool:
        return secrets.compare_digest(self.mac, keys.authorization_mac(self._message()))


def canonical_json(data: dict) -> str:
    return json.dumps(json.loads(json.dumps(data, cls=DjangoJSONEncoder)), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))


def _require(evidence: dict, name: str, keys_: tuple[str, ...]) -> None:
    missing = [key for key in keys_ if not evidence.get(key)]
    if missing:
        raise PermissionDenied(f"{name}缺少字段 {', '.join(missing)}：用印/签名前必须完成身份核验与意愿确认")


def _parse_time(value, name: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except ValueError as exc:
            raise PermissionDenied(f"{name} 不是有效的时间（应为 ISO 8601 格式）") from exc
    if timezone.is_naive(moment):
        raise PermissionDenied(f"{name} 必须带时区")
    return moment


def _holds_department_role(members) -> bool:
    """Whether one of ``members`` (a person's memberships in a government body) is a department role: a body's
    seal (机关印章) goes on the decisions its own staff make in office; the scene checks who may decide what."""
    from zhili.core.identity.roles import DEPARTMENT_ROLES

    return any(role in DEPARTMENT_ROLES for role in members.values_list("role", flat=True))


def authorize_key_use(signer_certificate, *, identity_evidence: dict, intent_evidence: dict) -> KeyUseAuthorization:
    """Check that the signer's identity and intent were confirmed just now, and allow one use of the key.

    ``identity_evidence``: ``user_id`` (who acts), ``method`` (e.g. ``sms_id_match``), ``verified_at``.
    ``intent_evidence``: ``confirmation_id``, ``method`` (e.g. ``sms_otp``), ``confirmed_at``, and optionally
    ``otp_challenge_id`` and ``document_sha256``. A person's key may be used only by that person; a seal
    only by an active employer administrator or seal keeper of the organisation, and a government body's seal
    also by its own staff in a department role (the scene decides which decisions they may seal).
    """
    _require(identity_evidence, "身份核验证据", ("user_id", "method", "verified_at"))
    _require(intent_evidence, "意愿确认证据", ("confirmation_id", "method", "confirmed_at"))
    now = timezone.now()
    if not signer_certificate.is_valid_now:
        raise PermissionDenied("签名证书已吊销或不在有效期内，不能使用")
    confirmed_at = _parse_time(intent_evidence["confirmed_at"], "意愿确认时间 confirmed_at")
    _parse_time(identity_evidence["verified_at"], "身份核验时间 verified_at")
    if not now - INTENT_MAX_AGE <= confirmed_at <= now + dt.timedelta(minutes=1):
        raise PermissionDenied("意愿确认已过期（须在签署前 15 分钟内完成），请重新确认")
    acting_user_id = int(identity_evidence["user_id"])
    if signer_certificate.kind == CertificateKind.PERSON:
        if acting_user_id != signer_certificate.user_id:
            raise PermissionDenied("身份核验的用户不是该签名证书的持有人")
    elif signer_certificate.kind == CertificateKind.ORGANIZATION:
        from zhili.core.identity.models import Membership

        members = Membership.objects.filter(user_id=acting_user_id, organization_id=signer_certificate.organization_id,
                                            is_active=True)
        allowed = members.filter(role__in=SEAL_ROLES).exists() or (
            signer_certificate.organization.kind != "enterprise" and _holds_department_role(members))
        if not allowed:
            raise PermissionDenied("操作人不是该单位的印章管理员或单位管理员（机关印章：本机关工作人员），不能使用单位印章")
    else:
        raise PermissionDenied("平台证书不能用于签署文件")
    evidence = json.loads(canonical_json({
        "certificate": signer_certificate.serial_number,
        "identity": identity_evidence,
        "intent": intent_evidence,
    }))
    digest = hashlib.sha256(canonical_json(evidence).encode("utf-8")).hexdigest()
    issued_at = now
    unsigned = KeyUseAuthorization(signer_certificate.pk, evidence, digest, issued_at, secrets.token_hex(16), "")
    return KeyUseAuthorization(signer_certificate.pk, evidence, digest, issued_at, unsigned.nonce,
                               keys.authorization_mac(unsigned._message()))


def check_authorization(authorization, signer_certificate) -> None:
    if not isinstance(authorization, KeyUseAuthorization) or not authorization.is_authentic():
        raise PermissionDenied("缺少有效的用钥授权：须先调用 authorize_key_use 完成身份与意愿核验")
    if authorization.certificate_id != signer_certificate.pk:
        raise PermissionDenied("用钥授权属于另一张证书")
    if timezone.now() - authorization.issued_at > AUTHORIZATION_TTL:
        raise PermissionDenied("用钥授权已过期，请重新确认意愿")
    if not signer_certificate.is_valid_now:
        raise PermissionDenied("签名证书已吊销或不在有效期内，不能使用")
