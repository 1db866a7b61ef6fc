"""The faster code paths give exactly what the code they replace gives (``accel``, the prebuilt CMS attribute),
on real documents and on the inputs they hand back to the library."""

import hashlib
import io
import zlib

import pydyf
import pytest
from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.sign.general import as_signing_certificate_v2, match_issuer_serial, simple_cms_attribute

from zhili.core.esign import accel, archive, reports, services, signers, tsa, verify


def test_the_container_reader_reads_a_signatures_hex_contents():
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
        assert signers.signing_certificate_v2_attribute(certificate) == expected


def test_stock_libraries_switches_the_replacements_off_and_back_on():
    from pyhanko.pdf_utils import filters

    accel.install()
    fast = filters.FlateDecode.encode
    replaced = {(owner, name): (patch, replacement) for patch, owner, name, replacement, _ in accel._replaced}
    assert {patch for patch, _ in replaced.values()} == set(accel.installed()) == set(accel.PATCHES)
    with accel.stock_libraries():
        assert filters.FlateDecode.encode is fast.original
        for (owner, name), (_patch, replacement) in replaced.items():
            assert vars(owner)[name] is not replacement
    with accel.stock_libraries("flate_memo"):  # one patch off, the others in place
        assert filters.FlateDecode.encode is fast.original
        assert all(vars(owner)[name] is replacement for (owner, name), (patch, replacement) in replaced.items()
                   if patch != "flate_memo")
    assert filters.FlateDecode.encode is fast
    for (owner, name), (_patch, replacement) in replaced.items():
        assert vars(owner)[name] is replacement


def test_a_patch_is_left_out_with_a_warning_over_another_library_version(monkeypatch):
    """Each patch is exact to the library version it was written for: over any other, the library's own code runs
    and a warning says so; a target that has gone is left out the same way, with nothing half replaced."""
    from pyhanko.pdf_utils import filters

    accel.install()
    with accel.stock_libraries("flate_memo"):
        stock = filters.FlateDecode.encode
        monkeypatch.setitem(accel.TESTED_VERSIONS, "pyHanko", "0.0.1")
        with pytest.warns(RuntimeWarning, match=r"pyHanko 0\.38\.0 is not the tested 0\.0\.1; patch 'flate_memo' "
                                                r"left out, the library's own code runs"):
            assert accel.install_patch("flate_memo") is False
        assert filters.FlateDecode.encode is stock
        monkeypatch.setitem(accel.TESTED_VERSIONS, "pyHanko", "0.38.0")

        def half_then_gone():
            accel._replace(filters.FlateDecode, "encode", lambda self, data, decode_params=None: b"")
            raise AttributeError("pyhanko.pdf_utils.filters has no attribute 'renamed'")

        monkeypatch.setitem(accel.PATCHES, "flate_memo", ("pyHanko", half_then_gone))
        before = list(accel._replaced)
        with pytest.warns(RuntimeWarning, match="patch 'flate_memo' left out"):
            assert accel.install_patch("flate_memo") is False
        assert filters.FlateDecode.encode is stock and accel._replaced == before


# --- the PDF object reader and the difference analysis (accel._install_pdf_reader and what follows) ---------

def _outcome(call):
    """What a reader call gives: the value as a comparable tree, or the error, with the stream position."""
    try:
        return ("ok", _tree(call()))
    except Exception as exc:  # noqa: BLE001 - the same error is part of the same behaviour
        return ("error", type(exc).__name__, str(exc))


def _tree(obj):
    """A PDF object as nested tuples of type, value and container reference (the fields pyHanko relies on)."""
    container = getattr(obj, "container_ref", None)
    where = (type(container).__name__, getattr(container, "idnum", None), getattr(container, "generation", None),
             _handler(getattr(container, "pdf", None)))
    if isinstance(obj, generic.DictionaryObject):
        body = tuple((key, _tree(value)) for key, value in obj.items())
        if isinstance(obj, generic.StreamObject):
            body += (("stream", obj.encoded_data),)
    elif isinstance(obj, generic.ArrayObject):
        body = tuple(_tree(value) for value in obj)
    elif isinstance(obj, generic.IndirectObject):
        body = (obj.idnum, obj.generation, _handler(obj.reference.pdf))
    elif isinstance(obj, generic.NullObject):
        body = None
    else:
        body = repr(obj)
    return type(obj).__name__, body, where


def _handler(pdf):
    """Which kind of reader (and which revision of a historical view) a reference resolves in."""
    return type(pdf).__name__, getattr(pdf, "revision", None)


TOKENS = [b"abc def", b"Type/Next", b"Widths[1 2]", b"abc", b"", b"x\x00y", b"a" * 200 + b" tail", b"A#20B<<"]


@pytest.mark.parametrize("data", TOKENS)
def test_fast_token_reader_matches_pyhanko(data):
    from pyhanko.pdf_utils import misc

    accel.install()
    fast = misc.read_until_delimiter
    assert fast.original is not fast and generic.read_until_delimiter is fast

    def run(reader):
        stream = io.BytesIO(data)
        return reader(stream), stream.tell()

    assert run(fast) == run(fast.original)


NAMES = [b"Type", b"", b"FlateDecode", b"A#20B", b"A#2", b"A#zz", b"caf\xc3\xa9", b"a(b", b"a~b!c", b"#41"]


@pytest.mark.parametrize("name", NAMES)
def test_fast_name_decoding_matches_pyhanko(name):
    accel.install()
    fast = generic._decode_name

    assert _outcome(lambda: fast(name)) == _outcome(lambda: fast.original(name))


ARRAYS = [
    b"[]", b"[1 2 3]", b"[ 1\x002\n\r\t\x0c3 ]", b"[1 [500 600] 5 [1.5 -.5 +3 7.]]", b"[0 0 595.275591 841.889764]",
    b"[" + b" ".join(str(n).encode() for n in range(5000)) + b"]",  # longer than one read chunk
    b"[1 2] [3]", b"[[1] [2 [3]]]",
    # handed over to pyHanko: references, names, strings, comments, malformed numbers, unterminated arrays
    b"[1 0 R 2 0 R]", b"[/Name 1]", b"[(text) 1]", b"[<</A 1>>]", b"[1 % comment\n 2]", b"[1-2]", b"[+]",
    b"[1.2.3]", b"[1 2", b"[1 [2 3]", b"[1,2]", b"[--1]", b"[1e5]", b"[true null]", b"[ .]",
]


@pytest.mark.parametrize("data", ARRAYS)
def test_fast_array_reader_matches_pyhanko(data):
    """Through ``read_object`` as pyHanko reads it: the same objects, containers, stream position and errors."""
    accel.install()
    owner = generic.Reference(7, 0, None)

    def run():
        stream = io.BytesIO(data + b" trailing")
        result = _outcome(lambda: generic.read_object(stream, owner))
        return result, stream.tell()

    fast = run()
    with accel.stock_libraries():
        stock = run()
    assert fast == stock


DICTIONARIES = [
    b"<<>>", b"<< /A 1 /B 2.5 /C -3 /D +.5 /E 5. >>", b"<</Type/Page/Parent 3 0 R/MediaBox[0 0 595.28 841.89]>>",
    b"<< /A << /B << /C [1 [2 <</D 4 0 R>>]] >> >> /E true /F false /G null >>",
    b"<< /S (plain text) /H <FEFF00e4> /Odd <414> /E () /X <> >>",
    b"<< /S (with \\) escape) /N (nested (parens) ok) /O (\\101\\102) /T (line\\\nbreak) >>",  # pyHanko reads these
    b"<< /K [(a\\(b) (c) 1] >>",
    b"<< /S (\\n\\r\\t\\b\\f\\(\\)\\\\\\ \\/\\%\\<\\>\\[\\]\\#\\_\\&\\$) >>",  # every one-byte escape
    b"<< /U (\\376\\377\\000A\\116\\0010\\7) /N (\\1234) >>",  # octal: 1-3 digits, a 4th is a digit
    b"<< /A (\\8) >>", b"<< /A (\\400) >>", b"<< /A (\\q) >>", b"<< /A (\\) >>",  # errors in pyHanko
    b"<< /A (a\\\r\nb) /B (a\\\nb) /C (a\\\rb) /D (a\\\n\nb) /E (a\\\n\rb) >>",  # line continuations
    b"<< /A (x (y (z)) \\) w) /B (\r\n\x00\xff) >>", b"<< /A (open (never closed) >>", b"<< /A (a\\",
    b"<< /Name#20Escaped 1 /A#2 2 >>", b"<< /Caf\xc3\xa9 1 >>", b"<< /A 1 0 R /B 0 0 R >>",  # #-escapes, UTF-8, ref 0
    b"<< /A 12345678901234 0 R >>", b"<< /A 1  0   R>>", b"<< /A 1 0 Rx >>", b"<< /A 1\x0b0 R >>",
    b"<< /A 1 0 obj >>", b"<< /A 1 0 >>", b"<< /A [1 0 R 2 0 R] >>", b"<< /A [1 0 R] /B 2 0R >>",
    b"<< /Length 5 >>\nstream\nhello\nendstream", b"<< /Length 6 >> stream\r\nhello!\nendstream",
    b"<< /Length 3 0 R >>\nstream\nabc\nendstream",  # the length is another object's: handed to the handler
    b"<< /Length 4 >>\nstream\nhello\nendstream",  # too long by one: pyHanko looks one byte back
    b"<< /A << /B 1 >> stream\nxy\nendstream >>", b"<< /A << /B 1 >> % note\n /C 2 >>",
    b"<< /A 1 % a comment\n /B 2 >>", b"<< % first\n/A 1>>", b"<< /A 1 /A 2 >>", b"<< 1 2 >>", b"<< /A >>",
    b"<< /A 1 >x", b"<< /A 1", b"<< /A [1 2 >>", b"<< /A (unterminated >>", b"<< /A <41x> >>", b"<< /A <414",
    b"<< /A 1,2 >>", b"<< /A 1.2.3 >>", b"<< /A - >>", b"<< /A tru >>", b"<< /A nul >>", b"<< /A {1} >>",
    b"<< /A /B/C/D >>", b"<<\x00/A\x001\x00>>", b"<< /A 1 >>>>", b" << /A 1 >>", b"<< /A " + b"x" * 10,
    b"<< /Contents <" + b"0a" * 20_000 + b"> /N 1 >>",  # longer than the first read
    b"<< /W [" + b" ".join(b"%d [1000 600]" % n for n in range(0, 6000, 3)) + b"] >>",
    b"<< /A (" + b"z" * 9000 + b") /B 2 >>", b"<< /A " + b" " * 9000 + b"1 >>",
]


@pytest.mark.parametrize("data", DICTIONARIES)
@pytest.mark.parametrize("metadata", [False, True])
def test_fast_dictionary_reader_matches_pyhanko(data, metadata):
    """Through ``read_object``: the same objects, streams, containers, stream position and errors."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    accel.install()
    pdf = _object_stream_pdf([(5, b"<< /A 1 >>"), (6, b"3"), (7, b"1")])
    owner = generic.Reference(7, 0, PdfFileReader(io.BytesIO(pdf), strict=False))

    def run():
        stream = io.BytesIO(data + b" trailing")
        result = _outcome(lambda: generic.read_object(stream, owner, as_metadata_stream=metadata))
        return result, stream.tell()

    fast = run()
    with accel.stock_libraries():
        stock = run()
    assert fast == stock


def test_fast_reader_matches_pyhanko_on_generated_objects():
    """Thousands of seeded random objects, well formed and then some broken by one inserted piece: the same
    outcome (objects, containers, errors) and the same stream position as pyHanko's reader, every time."""
    import random

    accel.install()
    rng = random.Random(20261124)
    scalars = [b"1", b"-2", b"+3", b"3.5", b".5", b"6.", b"0", b"7 0 R", b"12 3 R", b"(s)", b"(a\\)b)", b"(x(y)z)",
               b"()", b"<41>", b"<4>", b"<>", b"true", b"false", b"null", b"/N", b"/B#20C", b"/Caf\xc3\xa9"]
    spaces = [b" ", b"  ", b"\n", b"\r\n", b"\t", b"\x00", b""]
    broken = [b"%c\n", b"R", b"x", b"1,2", b"<", b")", b">", b"]", b">>", b"stream\n", b"/A", b"0 0 R", b"\x0b"]

    def value(depth):
        roll = rng.random()
        if depth > 3 or roll < 0.55:
            return rng.choice(scalars)
        if roll < 0.8:
            return b"[" + rng.choice(spaces).join(value(depth + 1) for _ in range(rng.randint(0, 5))) + b"]"
        keys = rng.sample([b"/A", b"/B", b"/Type", b"/W", b"/Kids", b"/Length"], rng.randint(0, 4))
        return b"<<" + b"".join(rng.choice(spaces) + key + rng.choice(spaces[:5]) + value(depth + 1)
                                for key in keys) + rng.choice(spaces) + b">>"

    owner = generic.Reference(9, 0, None)
    read_fast = 0
    for _ in range(3000):
        data = (b"<<" + b" /K " + value(1) + b" >>") if rng.random() < 0.5 else (b"[ " + value(1) + b" ]")
        if rng.random() < 0.3:
            at = rng.randrange(len(data) + 1)
            data = data[:at] + rng.choice(broken) + data[at:]

        def run(data=data):
            stream = io.BytesIO(data + b" tail")
            return _outcome(lambda: generic.read_object(stream, owner)), stream.tell()

        fast = run()
        with accel.stock_libraries():
            stock = run()
        assert fast == stock, data
        read_fast += fast[0][0] == "ok"
    assert read_fast > 1500  # most were well formed, and read


def _object_stream_pdf(entries: list[tuple[int, bytes]], *, header: bytes | None = None, n: int | None = None,
                       index_of: dict[int, int] | None = None) -> bytes:
    """A small PDF whose objects ``entries`` (number, body) sit in one uncompressed object stream, with an
    xref stream pointing at them; ``header``, ``n`` and ``index_of`` override what a writer would put there."""
    bodies, pairs, offset = [], [], 0
    for number, body in entries:
        pairs.append(b"%d %d" % (number, offset))
        bodies.append(body + b"\n")
        offset += len(body) + 1
    header = header if header is not None else b" ".join(pairs) + b"\n"
    content = header + b"".join(bodies)
    n = len(entries) if n is None else n
    index_of = index_of or {number: i for i, (number, _) in enumerate(entries)}
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = {}
    for number, text in ((1, b"<< /Type /Catalog /Pages 2 0 R >>"), (2, b"<< /Type /Pages /Kids [] /Count 0 >>"),
                         (3, b"<< /Type /ObjStm /N %d /First %d /Length %d >>\nstream\n" % (n, len(header), len(content))
                          + content + b"\nendstream")):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + text + b"\nendobj\n")
    size = max([4, *index_of]) + 1
    rows = []
    for number in range(size):
        if number in offsets:
            rows.append(bytes([1]) + offsets[number].to_bytes(4, "big") + b"\0\0")
        elif number in index_of:
            rows.append(bytes([2]) + (3).to_bytes(4, "big") + index_of[number].to_bytes(2, "big"))
        elif number == 4:
            rows.append(bytes([1]) + out.tell().to_bytes(4, "big") + b"\0\0")
        else:
            rows.append(bytes([0]) + bytes(6))
    xref = b"".join(rows)
    start = out.tell()
    out.write(b"4 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % (size, len(xref))
              + xref + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % start)
    return out.getvalue()


@pytest.fixture(scope="module")
def completed_contract(django_db_setup, django_db_blocker):
    """A contract signed by the worker, sealed by the employer and brought to B-LTA (rolled back afterwards)."""
    from django.db import transaction
    from django.utils import timezone

    from zhili.core.esign.tests import helpers
    from zhili.core.esign.tests.conftest import seal_png
    from zhili.core.identity.choices import VerificationMethod
    from zhili.core.testing import personas

    with django_db_blocker.unblock(), transaction.atomic():
        worker = personas.worker(verification_method=VerificationMethod.SMS_ID_MATCH, verified_at=timezone.now())
        hr = personas.employer_admin()
        enterprise = hr.memberships.get().organization
        services.ensure_platform_ca()
        pdf = helpers.seal_as_employer(helpers.sign_as_worker(helpers.contract_pdf(worker, enterprise), worker),
                                       enterprise, hr, seal_png.__wrapped__())
        completed = archive.complete_document(pdf)
        transaction.set_rollback(True)
    return completed


def _tagged_pdf() -> bytes:
    """Two pages, a structure tree whose elements point back at their parents and pages, and a link from one
    page to the other: the page-tree and structure-tree cases of pyHanko's reverse reference map."""
    from pyhanko.pdf_utils.writer import PdfFileWriter

    writer = PdfFileWriter()
    pages = [writer.insert_page(generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Page"),
        generic.pdf_name("/MediaBox"): generic.ArrayObject([generic.NumberObject(n) for n in (0, 0, 595, 842)]),
    })) for _ in range(2)]
    link = writer.add_object(generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Annot"), generic.pdf_name("/Subtype"): generic.pdf_name("/Link"),
        generic.pdf_name("/Dest"): generic.ArrayObject([pages[1], generic.pdf_name("/Fit")])}))
    pages[0].get_object()[generic.pdf_name("/Annots")] = generic.ArrayObject([link])
    root_elem = writer.add_object(generic.DictionaryObject({generic.pdf_name("/Type"): generic.pdf_name("/StructElem"),
                                                            generic.pdf_name("/S"): generic.pdf_name("/Document")}))
    kids = [writer.add_object(generic.DictionaryObject({
        generic.pdf_name("/S"): generic.pdf_name("/P"), generic.pdf_name("/P"): root_elem,
        generic.pdf_name("/Pg"): page, generic.pdf_name("/K"): generic.NumberObject(n)})) for n, page in enumerate(pages)]
    root_elem.get_object()[generic.pdf_name("/K")] = generic.ArrayObject(kids)
    tree = writer.add_object(generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/StructTreeRoot"), generic.pdf_name("/K"): root_elem,
        generic.pdf_name("/ParentTree"): generic.DictionaryObject({generic.pdf_name("/Nums"): generic.ArrayObject(
            [generic.NumberObject(0), generic.ArrayObject(kids)])})}))
    writer.root[generic.pdf_name("/StructTreeRoot")] = tree
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _historical_views(pdf: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return [reader.get_historical_resolver(revision) for revision in range(reader.xrefs.total_revisions)]


def _same_as_stock(survey):
    """What ``survey()`` finds with the replacements installed, after checking pyHanko's own code finds the same."""
    found = survey()
    with accel.stock_libraries():
        assert survey() == found
    return found


@pytest.mark.django_db
def test_reverse_reference_map_and_subsumed_objects_match_pyhanko(completed_contract):
    """Every revision of a completed contract and of a tagged two-page file: the same paths to every object,
    and every object copied into each historical view exactly as pyHanko copies it."""
    accel.install()
    for pdf in (completed_contract, _tagged_pdf()):
        def survey(pdf=pdf):
            result = []
            for view in _historical_views(pdf):
                view._load_reverse_xref_cache()
                refs = sorted(view.reader.xrefs.explicit_refs_in_revision(view.revision), key=lambda ref: ref.idnum)
                # asked for one object at a time first (as the difference analysis asks), then as a whole
                usages = {ref: view._get_usages_of_ref(ref) for ref in [*refs, generic.Reference(10**6)]}
                objects = {ref: _tree(view(ref)) for ref in refs}
                result.append((usages, view._indirect_object_access_cache, objects))
            return result

        fast = _same_as_stock(survey)
        assert any(len(paths) > 1 for _, cache, _ in fast for paths in cache.values())  # shared objects were mapped
        assert all(usages[generic.Reference(10**6)] == set() for usages, _, _ in fast)


@pytest.mark.django_db
def test_name_hashable_agrees_with_asn1crypto(signer_certificates):
    accel.install()
    person, organization = signer_certificates
    fast = asn1_x509.Name.hashable.fget
    names = [person.issuer, person.subject, organization.subject,
             asn1_x509.Name.build({"common_name": "治理平台签发  CA ", "organization_name": "治理平台"}),
             _name([("common_name", "A"), ("organization_name", "B")]), _name([("common_name", "A")]),
             asn1_x509.GeneralName({"directory_name": person.subject}).chosen]
    for name in names:
        assert fast(name) == fast.original(name)


@pytest.mark.django_db
def test_signature_roles_are_looked_up_in_one_query(django_assert_num_queries):
    """``verify._attach_roles``: one query for all signatures of a file; without a record, the field name decides."""

    items = [reports.SignatureReport(field_name=name, kind="signature", evidence_digest="ab" * 32)
             for name in ("WorkerSignature", "EmployerSeal", "Other")]
    with django_assert_num_queries(1):
        verify._attach_roles(items)

    assert [item.role for item in items] == ["乙方（劳动者）", "甲方（用人单位）", ""]


@pytest.mark.django_db
def test_a_remembered_signature_check_is_only_a_successful_one_on_the_same_bytes(signer_certificates):
    """``DefaultSignatureValidator.validate_signature`` remembers a check that succeeded, keyed by every input;
    changed bytes, another key or another algorithm are checked again, and a failing check always raises."""
    from cryptography.exceptions import InvalidSignature
    from pyhanko_certvalidator.sig_validate import DefaultSignatureValidator

    accel.install()
    validator = DefaultSignatureValidator()
    person, organization = signer_certificates
    platform = services.ensure_platform_ca()
    issuing = asn1_x509.Certificate.load(platform.issuing_cert.public_bytes(serialization.Encoding.DER))
    tbs, signature = person["tbs_certificate"].dump(), person["signature_value"].native
    algorithm, key = person["signature_algorithm"], issuing.public_key
    accel._verified.clear()

    validator.validate_signature(signature, tbs, key, algorithm)
    assert len(accel._verified) == 1
    validator.validate_signature(signature, tbs, key, algorithm)  # remembered: nothing new
    assert len(accel._verified) == 1

    tampered = tbs[:-1] + bytes([tbs[-1] ^ 1])
    wrong_key = person.public_key  # the person's own key did not sign their certificate
    other_signature = organization["signature_value"].native
    for args in ((signature, tampered, key), (signature, tbs, wrong_key), (other_signature, tbs, key)):
        for _ in range(2):
            with pytest.raises(InvalidSignature):
                validator.validate_signature(*args, algorithm)
    assert len(accel._verified) == 1
    with accel.stock_libraries():  # and pyHanko's own check agrees on the genuine one
        validator.validate_signature(signature, tbs, key, algorithm)


@pytest.mark.django_db
def test_remembered_ess_certid_matches_are_pyhankos_answers(signer_certificates, platform_ca):
    """The signing-certificate attribute of a timestamp token against its own certificate and against others."""
    from pyhanko.sign import general

    accel.install()
    fast = general.check_ess_certid
    assert fast.original is not fast
    signed_data = cms.ContentInfo.load(tsa.timestamp(b"contract"))["content"]
    attribute = next(a for a in signed_data["signer_infos"][0]["signed_attrs"]
                     if a["type"].native == "signing_certificate_v2")
    certid = attribute["values"][0]["certs"][0]
    candidates = [c.chosen for c in signed_data["certificates"]] + list(signer_certificates)
    answers = [fast(cert, certid) for cert in candidates * 2]
    assert answers == [fast.original(cert, certid) for cert in candidates * 2]
    assert answers.count(True) == 2  # the TSA's own certificate, seen twice; the issuing CA and signers do not match


def test_large_streams_are_compressed_once_to_the_same_bytes():
    from pyhanko.pdf_utils.filters import FlateDecode

    accel.install()
    image = bytes(range(256)) * 1024  # 256 kB, like a seal's pixels
    small = b"BT /F1 9 Tf (x) Tj ET" * 10
    first, second = FlateDecode().encode(image), FlateDecode().encode(image)
    assert first is second and first == zlib.compress(image)
    assert zlib.decompress(first) == image
    assert FlateDecode().encode(small) == zlib.compress(small)
    changed = image[:-1] + b"\x00"
    assert zlib.decompress(FlateDecode().encode(changed)) == changed


def _statuses(pdf: bytes, context) -> list:
    """What pyHanko reports on each signature and document timestamp of ``pdf``, all checked against ``context``."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp

    found = []
    for embedded in PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures:
        if embedded.sig_object_type == "/DocTimeStamp":
            status = validate_pdf_timestamp(embedded, validation_context=context)
        else:
            status = validate_pdf_signature(embedded, signer_validation_context=context, ts_validation_context=context)
            timestamp = status.timestamp_validity
            found.append((timestamp.intact, timestamp.valid, timestamp.trusted,
                          [cert.dump() for cert in timestamp.validation_path.iter_certs(include_root=True)]))
        found.append((embedded.field_name, status.intact, status.valid, status.trusted, status.revocation_details,
                      status.coverage, status.modification_level,
                      [cert.dump() for cert in status.validation_path.iter_certs(include_root=True)]))
    return found


def _context_for(pdf: bytes, crls: list | None = None):
    """A ValidationContext with the file's own root and CRLs (from its DSS) or the given ones, as ``verify_pdf``
    builds one."""
    from asn1crypto import crl as asn1_crl
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    dss = PdfFileReader(io.BytesIO(pdf), strict=False).root["/DSS"]
    certs = [asn1_x509.Certificate.load(ref.get_object().data) for ref in dss["/Certs"]]
    if crls is None:
        crls = [asn1_crl.CertificateList.load(ref.get_object().data) for ref in dss["/CRLs"]]
    root = next(cert for cert in certs if cert.subject == cert.issuer)
    return ValidationContext(trust_roots=[root], crls=crls, allow_fetching=False, revocation_mode="soft-fail")


@pytest.mark.django_db
def test_each_path_is_validated_once_per_context_with_the_same_reports(completed_contract):
    """Three timestamps name the same TSA certificate: its path is validated once per ValidationContext, and every
    signature's report is what pyHanko's own code reports, path by path."""
    accel.install()
    context = _context_for(completed_contract)
    fast = _statuses(completed_contract, context)
    with accel.stock_libraries():
        stock = _statuses(completed_contract, _context_for(completed_contract))

    assert fast == stock
    assert all(item[1:4] == (True, True, True) for item in fast if isinstance(item[0], str))
    validated = context.__dict__["_zhili_validated_paths"]
    assert len(validated) == 3  # the worker's, the employer's and the TSA's path, of five validations


def test_a_revoked_signer_is_reported_revoked_with_the_memo_as_without_it(verified_worker, enterprise, hr_li,
                                                                          seal_png):
    """The worker's certificate revoked after signing, the platform's current CRLs: the remembered TSA path does
    not hide the revocation, and the reports are pyHanko's own."""
    from zhili.core.esign.choices import RevocationReason
    from zhili.core.esign.models import Certificate
    from zhili.core.esign.tests import helpers

    accel.install()
    platform = services.ensure_platform_ca()
    signed = helpers.seal_as_employer(helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise),
                                                             verified_worker), enterprise, hr_li, seal_png)
    completed = archive.complete_document(signed)
    worker_row = Certificate.objects.get(user=verified_worker)
    services.revoke_certificate(worker_row, reason=RevocationReason.KEY_COMPROMISE, actor=hr_li)
    crls = archive.current_crls(services.ensure_platform_ca())
    assert platform.issuing.pk == services.ensure_platform_ca().issuing.pk

    fast = _statuses(completed, _context_for(completed, crls))
    with accel.stock_libraries():
        stock = _statuses(completed, _context_for(completed, crls))

    assert fast == stock
    worker_status = next(item for item in fast if item[0] == "WorkerSignature")
    seal_status = next(item for item in fast if item[0] == "EmployerSeal")
    assert worker_status[4] is not None and worker_status[3] is False  # revoked, hence not trusted
    assert seal_status[4] is None and seal_status[3] is True
