"""The faster code paths give exactly what the code they replace gives (``accel``, the prebuilt CMS attribute)."""

import hashlib
import io
import zlib

import pydyf
import pytest
from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfStreamError
from pyhanko.sign.general import as_signing_certificate_v2, match_issuer_serial, simple_cms_attribute

from zhili.core.esign import accel, services, signing, tsa

HEX_CASES = [
    b"<>",
    b"<41>",
    b"<4142434>",  # odd: a trailing 0 is implied
    b"<48 65\n6c\r6c\t6f\x0c\x00>",
    b"<FEFF00e4>",  # a UTF-16 text string
    b"<" + b"00" * 40_000 + b"> trailing",  # longer than one read chunk
    b"<41 % a comment\n42>",  # pyHanko skips comments inside hex strings; the fast reader hands it over
]
BAD_HEX = [b"<41x2>", b"<4142", b"<41<42>"]


def _read(reader, data: bytes):
    stream = io.BytesIO(data)
    try:
        result = reader(stream)
    except PdfStreamError as exc:
        return ("error", str(exc), stream.tell())
    return (type(result).__name__, bytes(result.original_bytes), stream.tell())


@pytest.mark.parametrize("data", HEX_CASES + BAD_HEX)
def test_fast_hex_reader_matches_pyhanko(data):
    """Same object, same final stream position, same error as pyHanko's own reader."""
    accel.install()
    fast = generic.read_hex_string_from_stream
    assert fast.original is not fast

    assert _read(fast, data) == _read(fast.original, data)


def test_the_whole_reader_uses_the_fast_hex_path():
    accel.install()
    obj = generic.read_object(io.BytesIO(b"<</Contents <0a0B0c> /N 1>>"), generic.TrailerReference(None))
    assert bytes(obj["/Contents"].original_bytes) == b"\x0a\x0b\x0c"


def test_stream_data_is_compressed_once_per_render_and_decodes_to_the_same_bytes():
    accel.install()
    stream = pydyf.Stream([b"BT /F1 12 Tf (Hello) Tj ET"] * 50, {"Type": "/Test"}, compress=True)
    stock = pydyf.Stream.data.fget.original(stream)

    with accel.compressed_streams():
        first, second = stream.data, stream.data

    assert first == second
    body = first.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    stock_body = stock.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert zlib.decompress(body) == zlib.decompress(stock_body)
    assert f"/Length {len(body)}".encode() in first
    assert stream.data == stock  # outside the block, pydyf's own code runs


def _name(*rdns):
    """A Name from RDNs given as lists of (type, value), in this order (multi-valued RDNs allowed)."""
    return asn1_x509.Name(name="", value=asn1_x509.RDNSequence([
        asn1_x509.RelativeDistinguishedName([
            {"type": kind, "value": asn1_x509.DirectoryString(name="utf8_string", value=value)}
            for kind, value in rdn])
        for rdn in rdns]))


def test_name_equality_agrees_with_asn1crypto(signer_certificates):
    accel.install()
    person, organization = signer_certificates
    original = asn1_x509.Name.__eq__.original
    names = [
        person.issuer, organization.issuer, person.subject, organization.subject,
        asn1_x509.Name.build({"common_name": "治理平台签发 CA", "organization_name": "治理平台"}),
        asn1_x509.Name.build({"common_name": "治理平台签发 ca", "organization_name": "治理平台"}),  # case-folded
        asn1_x509.Name.build({"common_name": "治理平台签发  CA ", "organization_name": "治理平台"}),  # spaces
        _name([("common_name", "A")], [("organization_name", "B")]),
        _name([("organization_name", "B")], [("common_name", "A")]),  # the same RDNs in another order
        _name([("common_name", "A"), ("organization_name", "B")]),  # one multi-valued RDN
        _name([("organization_name", "B"), ("common_name", "A")]),
        _name([("common_name", "A"), ("common_name", "A")]),  # a repeated type
        _name([("common_name", "A")]),
    ]
    explicitly_tagged = [asn1_x509.GeneralName({"directory_name": name}).chosen for name in names[:4]]
    names += [asn1_x509.Name.load(name.dump()) for name in names[4:7]] + explicitly_tagged
    for left in names:
        for right in names:
            assert (left == right) is original(left, right), (left.native, right.native)
    assert (names[0] == "not a name") is False


@pytest.fixture
def signer_certificates(verified_worker, enterprise, hr_li):
    person = services.issue_person_certificate(verified_worker, actor=verified_worker)
    organization = services.issue_organization_certificate(enterprise, actor=hr_li)
    return [asn1_x509.Certificate.load(bytes(row.der)) for row in (person, organization)]


def test_a_timestamp_token_names_its_issuer_in_another_encoding_and_still_matches(platform_ca):
    """The TSA's signing-certificate attribute re-encodes the issuer name (asn1crypto), so its bytes differ
    from the certificate's; the names must still compare equal, as pyHanko's check of the token needs."""
    accel.install()
    signed_data = cms.ContentInfo.load(tsa.timestamp(b"contract"))["content"]
    attribute = next(a for a in signed_data["signer_infos"][0]["signed_attrs"]
                     if a["type"].native == "signing_certificate_v2")
    cert_id = attribute["values"][0]["certs"][0]
    certificate = next(c.chosen for c in signed_data["certificates"]
                       if hashlib.sha256(c.chosen.dump()).digest() == cert_id["cert_hash"].native)
    issuer = cert_id["issuer_serial"]["issuer"][0].chosen

    assert issuer.dump() != certificate.issuer.dump()
    assert match_issuer_serial(cert_id["issuer_serial"], certificate) is True


def test_prebuilt_signing_certificate_attribute_is_what_pyhanko_builds(signer_certificates):
    platform = services.ensure_platform_ca()
    tsa = asn1_x509.Certificate.load(platform.tsa_cert.public_bytes(serialization.Encoding.DER))
    for certificate in (*signer_certificates, tsa):
        expected = simple_cms_attribute("signing_certificate_v2", as_signing_certificate_v2(certificate)).dump()
        assert signing.signing_certificate_v2_attribute(certificate) == expected


def test_stock_libraries_switches_the_replacements_off_and_back_on():
    accel.install()
    fast = generic.read_hex_string_from_stream
    with accel.stock_libraries():
        assert generic.read_hex_string_from_stream is fast.original
    assert generic.read_hex_string_from_stream is fast
