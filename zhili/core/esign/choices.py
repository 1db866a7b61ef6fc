"""Kinds of certificates, revocation reasons and signer roles."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import ChoiceSet, Colour


class CertificateKind(ChoiceSet):
    """What a certificate of the platform CA is for."""

    ROOT = "root", _("平台根证书"), Colour.RED
    ISSUING = "issuing", _("签发证书（中级 CA）"), Colour.ORANGE
    TSA = "tsa", _("时间戳服务证书"), Colour.BLUE
    PERSON = "person", _("个人签名证书"), Colour.GREEN
    ORGANIZATION = "organization", _("单位印章证书"), Colour.GREEN


PLATFORM_KINDS = frozenset({CertificateKind.ROOT, CertificateKind.ISSUING, CertificateKind.TSA})


class RevocationReason(ChoiceSet):
    """CRL reason codes of RFC 5280 §5.3.1 that the platform uses."""

    UNSPECIFIED = "unspecified", _("未说明"), Colour.GRAY
    KEY_COMPROMISE = "key_compromise", _("密钥泄露"), Colour.RED
    AFFILIATION_CHANGED = "affiliation_changed", _("信息变更"), Colour.ORANGE
    SUPERSEDED = "superseded", _("已被替换"), Colour.BLUE
    CESSATION_OF_OPERATION = "cessation_of_operation", _("停止使用"), Colour.GRAY


class SignerRole(ChoiceSet):
    """The part a signer plays in a document; scenes may pass their own role codes too."""

    WORKER = "worker", _("乙方（劳动者）"), Colour.GREEN
    EMPLOYER = "employer", _("甲方（用人单位）"), Colour.BLUE
    WITNESS = "witness", _("见证方"), Colour.GRAY
    PLATFORM = "platform", _("平台"), Colour.GRAY
