"""The platform CA's cryptography: key generation, certificates, subjects and CRLs (pure functions + loading).

Hierarchy: a root CA signs an issuing CA; the issuing CA signs the TSA certificate and one certificate per
signer. Every certificate below the root names the CRL of its issuer in its CRL distribution points.
Writes (creating and revoking certificates) live in ``services.py``.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cache, cached_property

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from . import keys
from .choices import CertificateKind, RevocationReason

# Lifetimes are technical choices of the platform CA, not legal thresholds.
LIFETIME_DAYS = {
    CertificateKind.ROOT: 20 * 365,
    CertificateKind.ISSUING: 10 * 365,
    CertificateKind.TSA: 10 * 365,
    CertificateKind.PERSON: 3 * 365,
    CertificateKind.ORGANIZATION: 3 * 365,
}
CRL_VALIDITY = dt.timedelta(days=7)
KEY_SIZE = 2048

REASON_FLAGS = {
    RevocationReason.UNSPECIFIED: x509.ReasonFlags.unspecified,
    RevocationReason.KEY_COMPROMISE: x509.ReasonFlags.key_compromise,
    RevocationReason.AFFILIATION_CHANGED: x509.ReasonFlags.affiliation_changed,
    RevocationReason.SUPERSEDED: x509.ReasonFlags.superseded,
    RevocationReason.CESSATION_OF_OPERATION: x509.ReasonFlags.cessation_of_operation,
}


def new_private_key() -> rsa.RSAPrivateKey:
    """An RSA-2048 key: the most widely supported algorithm among PDF readers."""
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)


def crl_url(scope: str) -> str:
    """Where the CRL of ``scope`` ("root" or "issuing") is published."""
    return settings.SITE_URL.rstrip("/") + reverse("esign:crl", args=[scope])


def platform_name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "治理平台"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def masked_name(name: str) -> str:
    """``张伟`` → ``张*``, ``欧阳娜娜`` → ``欧***``: the surname stays, the rest is hidden."""
    name = (name or "").strip()
    if not name:
        return "**"
    return name[0] + "*" * max(len(name) - 1, 2 if len(name) == 1 else 1)


def person_name(user) -> x509.Name:
    """A person's subject: the real name (Electronic Signature Law Art. 21 lists the holder's name among a
    certificate's contents; ADR 0009) and a keyed pseudonym as serialNumber. The ID number never appears."""
    basis = user.id_number or f"user:{user.pk}"
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.COMMON_NAME, (user.name or user.username).strip()[:64]),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, keys.subject_pseudonym(basis)),
    ])


def organization_name(org) -> x509.Name:
    """An organisation seal's subject: its name, and its unified social credit code as serialNumber."""
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org.name[:64]),
        x509.NameAttribute(NameOID.COMMON_NAME, org.name[:64]),
    ]
    if org.uscc:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, org.uscc))
    return x509.Name(attributes)


def build_certificate(*, kind: str, subject: x509.Name, public_key, issuer_cert: x509.Certificate | None,
                      issuer_key, now: dt.datetime | None = None) -> x509.Certificate:
    """Sign a certificate of ``kind`` for ``public_key``; a root (no issuer) signs itself."""
    now = now or timezone.now()
    issuer_name = issuer_cert.subject if issuer_cert is not None else subject
    issuer_public = issuer_cert.public_key() if issuer_cert is not None else public_key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=LIFETIME_DAYS[kind]))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_public), critical=False)
    )
    if kind in (CertificateKind.ROOT, CertificateKind.ISSUING):
        builder = builder.add_extension(
            x509.BasicConstraints(ca=True, path_length=1 if kind == CertificateKind.ROOT else 0), critical=True,
        ).add_extension(_key_usage(cert_sign=True), critical=True)
    else:
        builder = builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        if kind == CertificateKind.TSA:
            builder = builder.add_extension(_key_usage(), critical=True).add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        else:
            builder = builder.add_extension(_key_usage(), critical=True)
    if issuer_cert is not None:
        scope = "root" if kind == CertificateKind.ISSUING else "issuing"
        builder = builder.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier(crl_url(scope))], relative_name=None, reasons=None,
            crl_issuer=None)]), critical=False)
    return _signed(builder, issuer_key, "certificate")


def _signed(builder, key, kind: str):
    """``builder.sign(key)``, also for a key held in a PKCS#11 module (``hsm.HsmKey``), which signs the TBS bytes."""
    from .hsm import HsmKey, resign, throwaway_key

    if not isinstance(key, HsmKey):
        return builder.sign(key, hashes.SHA256())
    draft = builder.sign(throwaway_key(), hashes.SHA256()).public_bytes(serialization.Encoding.DER)
    der = resign(draft, key, kind=kind)
    return x509.load_der_x509_certificate(der) if kind == "certificate" else x509.load_der_x509_crl(der)


def _key_usage(*, cert_sign: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=not cert_sign, content_commitment=not cert_sign,
                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                         key_cert_sign=cert_sign, crl_sign=cert_sign, encipher_only=False, decipher_only=False)


def build_crl(*, issuer_cert: x509.Certificate, issuer_key, revoked, now: dt.datetime | None = None) -> bytes:
    """A DER CRL of ``revoked`` (Certificate rows) signed by the issuer; the CRL number grows with time."""
    now = now or timezone.now()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer_cert.subject)
        .last_update(now - dt.timedelta(minutes=1))
        .next_update(now + CRL_VALIDITY)
        .add_extension(x509.CRLNumber(int(now.timestamp() * 1000)), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_cert.public_key()), critical=False)
    )
    for row in revoked:
        entry = (
            x509.RevokedCertificateBuilder()
            .serial_number(int(row.serial_number, 16))
            .revocation_date(row.revoked_at)
            .add_extension(x509.CRLReason(REASON_FLAGS.get(row.revocation_reason, x509.ReasonFlags.unspecified)),
                           critical=False)
            .build()
        )
        builder = builder.add_revoked_certificate(entry)
    return _signed(builder, issuer_key, "crl").public_bytes(serialization.Encoding.DER)


def serial_hex(certificate: x509.Certificate) -> str:
    return format(certificate.serial_number, "x")


def fingerprint(certificate: x509.Certificate) -> str:
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def to_pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


@dataclass
class PlatformCA:
    """The three platform certificates (root, issuing CA, TSA) as rows, with parsed views and key access.

    ``revocations`` is the revocation state read with the rows (``load_platform_ca``): for each of the three that
    issued revoked certificates, how many and the latest ``revoked_at``; ``None`` when it was not read, and then
    ``archive.current_crls`` reads it itself.
    """

    root: "object"
    issuing: "object"
    tsa: "object"
    revocations: dict[int, tuple[int, dt.datetime]] | None = None

    @cached_property
    def root_cert(self) -> x509.Certificate:
        return load(self.root)

    @cached_property
    def issuing_cert(self) -> x509.Certificate:
        return load(self.issuing)

    @cached_property
    def tsa_cert(self) -> x509.Certificate:
        return load(self.tsa)

    def key_of(self, row):
        return keys.open_private_key(row.encrypted_key, serial_hex=row.serial_number)

    def crl(self, scope: str) -> bytes:
        """The current CRL of ``scope``: "root" lists revoked issuing CAs, "issuing" revoked end entities."""
        issuer = self.root if scope == "root" else self.issuing
        revoked = issuer.issued.filter(revoked_at__isnull=False).order_by("id")
        return build_crl(issuer_cert=load(issuer), issuer_key=self.key_of(issuer), revoked=list(revoked))

    def chain_pem(self) -> str:
        return to_pem(self.issuing_cert) + to_pem(self.root_cert)


def load(row) -> x509.Certificate:
    return x509.load_der_x509_certificate(bytes(row.der))


def load_platform_ca() -> PlatformCA | None:
    """The platform hierarchy and its revocation state from the database in one statement, or ``None`` if it was
    not created yet.

    Read on every signature and verification, so it is hand-written: the ORM's query compilation and the second
    query for the revocation state cost more CPU than the database does. The rows become ``Certificate``
    instances exactly as the ORM makes them (``instance_from_row``).
    """
    from django.db import connection

    from zhili.core.foundation.models import converted_row, instance_from_row

    from .models import Certificate

    statement, kinds, revoked_at = _platform_statement()
    with connection.cursor() as cursor:
        cursor.execute(statement, kinds)
        found = cursor.fetchall()
    width = len(Certificate._meta.concrete_fields)
    rows, revocations = {}, {}
    for values in found:
        row = instance_from_row(Certificate, connection, values[:width])
        rows[row.kind] = row
        count, (latest,) = values[width], converted_row(connection, (revoked_at,), values[width + 1:])
        if count:
            revocations[row.pk] = (count, latest)
    if len(rows) < 3:
        return None
    return PlatformCA(root=rows["root"], issuing=rows["issuing"], tsa=rows["tsa"], revocations=revocations)


@cache
def _platform_statement():
    """The SELECT of the platform rows, each with the count and latest time of the revocations among the
    certificates it issued (two look-ups in the partial index ``esign_cert_revoked_by_issuer``); its parameters
    (the platform kinds); and the ``revoked_at`` field, whose converters the latest time needs."""
    from zhili.core.foundation.models import placeholders, quoted_column, quoted_table, select_list

    from .choices import PLATFORM_KINDS
    from .models import Certificate

    table, revoked_at = quoted_table(Certificate), quoted_column(Certificate, "revoked_at")
    revoked = (f"FROM {table} r WHERE r.{quoted_column(Certificate, 'issuer')} = c.{quoted_column(Certificate, 'pk')}"
               f" AND r.{revoked_at} IS NOT NULL")
    kinds = tuple(sorted(str(value) for value in PLATFORM_KINDS))
    statement = (f"SELECT {select_list(Certificate, 'c')}, (SELECT COUNT(*) {revoked}),"
                 f" (SELECT MAX(r.{revoked_at}) {revoked}) FROM {table} c"
                 f" WHERE c.{quoted_column(Certificate, 'kind')} IN {placeholders(len(kinds))}")
    return statement, kinds, Certificate._meta.get_field("revoked_at")
