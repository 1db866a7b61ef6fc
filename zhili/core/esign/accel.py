"""Faster, behaviour-preserving replacements for hot spots in the PDF and ASN.1 libraries (issue #3 speed targets).

Each replacement gives exactly the result of the code it replaces, or hands the input over to that code:

- ``pyhanko.pdf_utils.generic.read_hex_string_from_stream`` reads a hex string one byte at a time through two
  Python generators. Every PAdES signature is a ~20 kB hex string (``/Contents``), and pyHanko reads each of
  them again whenever a later signature, the B-LTA step or verification opens the file: this was a fifth of
  the cost of a verification. ``_read_hex_string`` finds the closing ``>`` in one ``read``, checks the span
  with one regular expression and decodes it with ``binascii``. Anything but hex digits and PDF whitespace
  inside the span (a ``%`` comment, garbage, a missing ``>``) goes back to pyHanko's own reader, unchanged,
  so its errors and its comment handling stay what they were.

- ``pydyf.Stream.data`` compresses a stream with zlib level 9 every time it is read, and WeasyPrint reads
  every stream twice when writing PDF/A (once to write it, once for the MD5 of the file identifier).
  ``compressed_streams()`` (used around ``write_pdf`` in ``render``) compresses at ``ZLIB_LEVEL`` 6,
  zlib's default — 0.8 % larger font subsets, a third of the time — and reuses the result for the second
  read, keyed by the uncompressed bytes, so a stream's data are the same bytes both times by construction.

- ``asn1crypto.x509.Name.__eq__`` compares names by RFC 5280 §7.1, preparing every attribute's string
  again on every call, and pyHanko calls it thousands of times per verification (issuer/serial matching,
  path building). Names with byte-identical DER are equal at once; otherwise the replacement compares
  what asn1crypto compares (per RDN: attribute count and prepared values by type), computed once per
  distinct encoded name (``_comparison_key``, an LRU keyed by the DER).

- The PDF object reader, where verification's difference analysis spends its time (it reads every object
  of every signed revision): ``pyhanko.pdf_utils.misc.read_until_delimiter`` collects a token one byte at a
  time through a generator (now one ``read`` and one regular-expression search); ``generic._decode_name``
  writes a name one byte at a time (a name with no ``#`` escape and only regular characters is now taken as
  it is); ``ArrayObject.read_from_stream`` reads an array one element at a time (an array of plain numbers,
  such as a CID font's ``/W`` widths, is now read in one pass; anything else in it — a reference, a name, a
  comment, a malformed number — goes back to pyHanko's reader); ``PdfFileReader._get_object_from_stream``
  re-reads an object stream's header from the start for every object it takes from it (now the header is
  indexed once per reader, ``_object_stream_index``); ``HistoricalResolver._subsume_object``, which copies
  every object into each historical revision's view, builds a reference for every number in it only to
  return the number unchanged (now it returns such leaves at once); and
  ``HistoricalResolver._load_reverse_xref_cache`` walks into every number of every array to do nothing
  there (``_load_reverse_xref_cache`` is a copy of it that does not, guarded by the source digest of the
  version copied).

- ``pyhanko.sign.general.extract_certificate_info`` copies and parses every certificate embedded in a CMS
  structure, and the platform's certificates are in every signature and timestamp of every contract: the
  parsed certificate is now kept, keyed by its exact bytes (``_embedded_certificate``) — a parse, never a
  trust decision, which each verification's own ``ValidationContext`` still makes.

- ``asn1crypto.x509.Name.hashable`` (the key of pyHanko's certificate registry and CRL matching) prepares
  every attribute's string again on every call: now computed once per distinct encoded name, from the same
  ``_comparison_key``.

``install()`` runs from ``EsignConfig.ready``; it is idempotent.
"""

import binascii
import re
import threading
import zlib
from collections import OrderedDict
from contextlib import contextmanager
from functools import lru_cache

ZLIB_LEVEL = 6
_HEX_SPAN = re.compile(rb"[0-9a-fA-F \n\r\t\f\x00]*")
_WHITESPACE = b" \n\r\t\f\x00"
_CHUNK = 8192

_installed = False
_replaced: list[tuple] = []  # (owner, name, replacement, original), for stock_libraries
_install_lock = threading.Lock()
_local = threading.local()


def _read_hex_string(stream, _original=None):
    """Read ``<hex>`` at the stream's position; the same result and final position as pyHanko's reader."""
    start = stream.tell()
    stream.read(1)  # the "<"
    parts, end = [], -1
    while end < 0:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        end = chunk.find(b">")
        parts.append(chunk if end < 0 else chunk[:end])
    span = b"".join(parts)
    if end < 0 or not _HEX_SPAN.fullmatch(span):  # unterminated, a comment or a bad byte: pyHanko decides
        stream.seek(start)
        return _original(stream)
    stream.seek(start + 1 + len(span) + 1)
    digits = span.translate(None, _WHITESPACE)
    from pyhanko.pdf_utils.generic import pdf_string

    return pdf_string(binascii.unhexlify(digits + b"0" if len(digits) % 2 else digits))


def _install_hex_reader() -> None:
    from pyhanko.pdf_utils import generic

    original = generic.read_hex_string_from_stream

    def read_hex_string_from_stream(stream):
        return _read_hex_string(stream, original)

    read_hex_string_from_stream.__doc__ = original.__doc__
    _replace(generic, "read_hex_string_from_stream", read_hex_string_from_stream)


def _install_stream_compression() -> None:
    import pydyf

    original = pydyf.Stream.data

    def data(self):
        memo = getattr(_local, "memo", None)
        if memo is None or not self.compress:
            return original.fget(self)
        stream = b"\n".join(pydyf._to_bytes(item) for item in self.stream)
        compressed = memo.get(stream)
        if compressed is None:
            compressed = memo[stream] = zlib.compress(stream, ZLIB_LEVEL)
        extra = pydyf.Dictionary(self.extra.copy())
        extra["Filter"] = "/FlateDecode"
        extra["Length"] = len(compressed)
        return b"\n".join((extra.data, b"stream", compressed, b"endstream"))

    _replace(pydyf.Stream, "data", property(data, doc=original.__doc__))


@lru_cache(maxsize=1024)
def _comparison_key(der: bytes) -> tuple:
    """What asn1crypto's ``Name.__eq__`` compares, once per encoded RDN sequence: per RDN, in order, the
    number of attributes and the prepared (RFC 5280 §7.1) values by type (``RelativeDistinguishedName.hashable``)."""
    from asn1crypto import x509

    return tuple((len(rdn), rdn.hashable) for rdn in x509.RDNSequence.load(der))


def _install_name_equality() -> None:
    from asn1crypto import x509

    original = x509.Name.__eq__

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, x509.Name):
            return original(self, other)
        # The RDN sequences' encodings: a Name inside a GeneralName carries an explicit tag of its own.
        mine, theirs = self.chosen.dump(), other.chosen.dump()
        return mine == theirs or _comparison_key(mine) == _comparison_key(theirs)

    _replace(x509.Name, "__eq__", __eq__)


_DELIMITER = re.compile(rb"[ \n\r\t\f\x00()<>\[\]{}/%]")
_PLAIN_NAME = re.compile(rb"[^#()<>\[\]{}/%\x00-\x20\x7f-\xff]*")
_NUMERIC_SPAN = re.compile(rb"[0-9+\-. \n\r\t\f\x00\[\]]*")
_BRACKET = re.compile(rb"[\[\]]")
_TOKEN_CHUNK = 64


def _read_until_delimiter(stream) -> bytes:
    """pyHanko's ``read_until_delimiter``: the bytes up to the next PDF whitespace or delimiter, the stream
    left at that byte (or at the end of the stream), found with one search per chunk instead of a generator."""
    start, parts, length = stream.tell(), [], 0
    while True:
        chunk = stream.read(_TOKEN_CHUNK)
        if not chunk:  # the end of the stream ends the token; nothing to step back over
            return b"".join(parts)
        found = _DELIMITER.search(chunk)
        if found is not None:
            parts.append(chunk[:found.start()])
            stream.seek(start + length + found.start())
            return b"".join(parts)
        parts.append(chunk)
        length += len(chunk)


def _decode_name(name_bytes: bytes, _original=None):
    """pyHanko's ``_decode_name``: a name of regular characters without ``#`` escapes is those characters;
    anything else (escapes, bytes that must be escaped and the error they raise) is pyHanko's to decode."""
    if _PLAIN_NAME.fullmatch(name_bytes):
        from pyhanko.pdf_utils.generic import NameObject

        return NameObject("/" + name_bytes.decode("ascii"))
    return _original(name_bytes)


def _numeric_array(data: bytes, container_ref):
    """(array, length read) for ``data`` starting with an array of plain numbers (nested arrays allowed),
    built as ``read_object`` builds it; ``None`` if any token is not a plain integer or decimal or the array
    does not end within ``data``. ``data`` holds only digits, signs, dots, brackets and PDF whitespace."""
    import decimal

    from pyhanko.pdf_utils.generic import ArrayObject, FloatObject, NumberObject

    depth = 0
    for bracket in _BRACKET.finditer(data):  # where the outermost array ends
        depth += 1 if bracket[0] == b"[" else -1
        if depth == 0:
            length = bracket.end()
            break
    else:
        return None
    stack, current = [], None
    for text in data[:length].replace(b"[", b" [ ").replace(b"]", b" ] ").split():
        if text == b"[":
            array = ArrayObject()
            if current is not None:  # a nested array is an element: read_object gives it the container
                array.container_ref = container_ref
                current.append(array)
            stack.append(current)
            current = array
        elif current is None:  # does not start with "["
            return None
        elif text == b"]":
            done, current = current, stack.pop()
            if current is None:
                return done, length
        else:
            try:  # int() and Decimal() accept exactly the plain numbers these characters can spell
                number = FloatObject(text.decode("ascii")) if b"." in text else NumberObject(text)
            except (ValueError, decimal.InvalidOperation):  # "1-2", "+", "1.2.3", a NUL inside: pyHanko's error
                return None
            number.container_ref = container_ref
            current.append(number)
    return None


def _read_array(stream, container_ref, in_content_stream=None, _original=None):
    """pyHanko's ``ArrayObject.read_from_stream`` for an array of plain numbers, read in one pass; any other
    array (references, names, strings, dictionaries, comments, bad numbers) is read by pyHanko from the start."""
    start = stream.tell()
    data = stream.read(_CHUNK)
    span = _NUMERIC_SPAN.match(data).end()
    while span == len(data):  # the numbers may go on past this chunk
        more = stream.read(_CHUNK)
        if not more:
            break
        data += more
        span = _NUMERIC_SPAN.match(data).end()
    found = _numeric_array(data[:span], container_ref) if data[:1] == b"[" else None
    if found is None:
        stream.seek(start)
        if in_content_stream is None:
            return _original(stream, container_ref)
        return _original(stream, container_ref, in_content_stream=in_content_stream)
    array, length = found
    stream.seek(start + length)
    return array


def _install_pdf_reader() -> None:
    from pyhanko.pdf_utils import generic, misc, reader

    _replace(misc, "read_until_delimiter", _read_until_delimiter)
    _replace(generic, "read_until_delimiter", _read_until_delimiter)

    original_decode = generic._decode_name

    def decode_name(name_bytes):
        return _decode_name(name_bytes, original_decode)

    _replace(generic, "_decode_name", decode_name)

    original_array = generic.ArrayObject.__dict__["read_from_stream"].__func__

    def read_from_stream(stream, container_ref, in_content_stream=None):
        return _read_array(stream, container_ref, in_content_stream, original_array)

    _replace(generic.ArrayObject, "read_from_stream", staticmethod(read_from_stream))

    leaves = frozenset((generic.NumberObject, generic.FloatObject, generic.NameObject, generic.TextStringObject,
                        generic.ByteStringObject, generic.BooleanObject, generic.NullObject))
    original_subsume = reader.HistoricalResolver._subsume_object
    reference, array, dictionary = generic.Reference, generic.ArrayObject, generic.DictionaryObject

    def _subsume_object(self, obj):
        # pyHanko returns a leaf unchanged after building a reference from its container_ref (which must be a
        # Reference), and copies a plain array or dictionary element by element with a new container_ref.
        # Those cases are done here without a call per leaf; anything else (streams, indirect and encrypted
        # objects, subclasses, an unusual container) is pyHanko's.
        kind, container = type(obj), obj.container_ref
        if type(container) is not reference:
            return original_subsume(self, obj)
        if kind in leaves:
            return obj
        if kind is array:
            result = array([value if type(value) in leaves and type(value.container_ref) is reference
                            else self._subsume_object(value) for value in obj])
        elif kind is dictionary:
            result = dictionary({key: value if type(value) in leaves and type(value.container_ref) is reference
                                 else self._subsume_object(value) for key, value in obj.items()})
        else:
            return original_subsume(self, obj)
        result.container_ref = reference(idnum=container.idnum, generation=container.generation, pdf=self)
        return result

    _replace(reader.HistoricalResolver, "_subsume_object", _subsume_object)


_OBJECT_STREAM_PAIR = re.compile(rb"[ \n\r\t\f\x00]*([0-9]+)[ \n\r\t\f\x00]+([0-9]+)(?![+,\-.0-9])")


def _object_stream_index(reader, stream) -> dict[int, tuple[int, int]]:
    """{object number: (position in the header, offset)} for an object stream, read once per reader and stream.

    pyHanko's ``_get_object_from_stream`` reads the header's pairs from the start for every object it takes
    from the stream (quadratic in the objects per stream). The index holds the pairs it would read, in order,
    up to the first pair that is not two plain integers (from there on, pyHanko's reader decides); the first
    pair naming an object wins, as in pyHanko's loop. It lives on the reader, and goes with it."""
    from pyhanko.pdf_utils.decode_limits import DecodePurpose

    indexes = reader.__dict__.setdefault("_zhili_object_stream_indexes", {})
    known = indexes.get(id(stream))
    if known is not None and known[0] is stream:
        return known[1]
    data, position, index = stream.read_data(DecodePurpose.OBJECT_STREAM), 0, {}
    for i in range(stream["/N"]):
        pair = _OBJECT_STREAM_PAIR.match(data, position)
        if pair is None:
            break
        index.setdefault(int(pair[1]), (i, int(pair[2])))
        position = pair.end()
    indexes[id(stream)] = (stream, index)
    return index


def _get_object_from_stream(self, idnum, stmnum, idx, _original=None):
    """pyHanko's ``PdfFileReader._get_object_from_stream``, finding the object's offset in the stream's index
    instead of re-reading the header; every unusual case (not an object stream, an index out of range, a
    header it cannot read, a position that strict mode refuses, an object that fails to read or is not
    allowed in an object stream) is handed to pyHanko's method, which reads, warns or raises as it always did."""
    from io import BytesIO

    from pyhanko.pdf_utils import generic, misc
    from pyhanko.pdf_utils.decode_limits import DecodePurpose

    stream = generic.Reference(stmnum, 0, self).get_object()
    if not isinstance(stream, generic.StreamObject) or stream.get("/Type") != "/ObjStm" \
            or not 0 <= idx < stream["/N"]:
        return _original(self, idnum, stmnum, idx)
    found = _object_stream_index(self, stream).get(idnum)
    if found is None or (self.strict and found[0] != idx):
        return _original(self, idnum, stmnum, idx)
    stream_data = BytesIO(stream.read_data(DecodePurpose.OBJECT_STREAM))
    stream_data.seek(stream["/First"] + found[1])
    try:
        obj = generic.read_object(stream_data, generic.Reference(idnum, 0, self))
    except (misc.PdfStreamError, misc.PdfReadError):
        return _original(self, idnum, stmnum, idx)
    if isinstance(obj, (generic.StreamObject, generic.IndirectObject)):
        return _original(self, idnum, stmnum, idx)
    return obj


def _install_object_streams() -> None:
    from pyhanko.pdf_utils import reader

    original = reader.PdfFileReader._get_object_from_stream

    def get_object_from_stream(self, idnum, stmnum, idx):
        return _get_object_from_stream(self, idnum, stmnum, idx, original)

    _replace(reader.PdfFileReader, "_get_object_from_stream", get_object_from_stream)


# pyHanko 0.38.0's HistoricalResolver._load_reverse_xref_cache, which _load_reverse_xref_cache below copies;
# install() refuses to run over any other version of it. Adapted from pyHanko (MIT License,
# Copyright (c) 2020-2023 Matthias Valvekens).
_REVERSE_XREF_SOURCE_SHA256 = "7a0a27ccb00c0cc0958636117b9165df5be1fd2bed7805219ebc90650b499132"


def _load_reverse_xref_cache(self) -> None:
    """pyHanko's ``HistoricalResolver._load_reverse_xref_cache`` (every path from the trailer to every object
    in a revision, for the difference analysis), with one change: the walk does not descend into a value
    that is neither a reference, a dictionary nor an array. pyHanko's walk calls itself for every number of
    every array (a font's ``/W`` widths: thousands) with a path built for it, and then does nothing with
    them; the paths it records are the same."""
    from collections import defaultdict

    from pyhanko.pdf_utils import generic, misc
    from pyhanko.pdf_utils.reader import RawPdfPath

    if self._indirect_object_access_cache is not None:
        return
    collected = defaultdict(set)
    walked = (generic.IndirectObject, generic.DictionaryObject, generic.ArrayObject)
    root_path = misc.ConsList.sing("/Root")

    def _compute_paths_to_refs(obj, cur_path, seen_in_path, *, page_tree_objs, is_struct_tree, struct_tree_objs):
        if isinstance(obj, generic.IndirectObject):
            obj_ref = obj.reference
            if obj_ref in seen_in_path:
                return
            collected[obj_ref].add(cur_path)
            seen_in_path = seen_in_path.cons(obj_ref)
            obj = self(obj_ref)
            canonical_path = page_tree_objs.get(obj_ref, cur_path)
            if cur_path != canonical_path:
                return
            if not is_struct_tree and obj_ref in struct_tree_objs:
                return
        if isinstance(obj, generic.DictionaryObject):
            for k, v in obj.items():
                if k == "/Parent" or (is_struct_tree and k == "/P") or not isinstance(v, walked):
                    continue
                _compute_paths_to_refs(
                    v, cur_path.cons(k), seen_in_path, page_tree_objs=page_tree_objs,
                    is_struct_tree=is_struct_tree or (cur_path.head == "/StructTreeRoot" and k == "/K"
                                                      and cur_path.tail == root_path),
                    struct_tree_objs=struct_tree_objs)
        elif isinstance(obj, generic.ArrayObject):
            for ix, v in enumerate(obj):
                if isinstance(v, walked):
                    _compute_paths_to_refs(v, cur_path.cons(ix), seen_in_path, page_tree_objs=page_tree_objs,
                                           is_struct_tree=is_struct_tree, struct_tree_objs=struct_tree_objs)

    def _collect_page_tree_refs(pages_obj, path):
        for ix, kid in enumerate(pages_obj["/Kids"]):
            kid_path = path.cons("/Kids").cons(ix)
            if isinstance(kid, generic.IndirectObject):
                yield kid.reference, kid_path
            kid = kid.get_object()
            if kid.get("/Type", None) == "/Pages":
                yield from _collect_page_tree_refs(kid, kid_path)

    def _collect_struct_tree_refs(struct_elem):
        try:
            children = struct_elem["/K"]
        except KeyError:
            return
        if not isinstance(children, generic.ArrayObject):
            children = (children,)
        for child in children:
            child_ref = None
            if isinstance(child, generic.IndirectObject):
                child_ref = child.reference
                child = child.get_object()
            if not isinstance(child, generic.DictionaryObject):
                continue
            try:
                if child["/Type"] != "/StructElem":
                    continue
            except KeyError:
                pass
            if child_ref is not None:
                yield child_ref
            yield from _collect_struct_tree_refs(child)

    pages_ref = self.root.raw_get("/Pages")
    pages_path = misc.ConsList.sing("/Root").cons("/Pages")
    page_tree_nodes = {}
    if isinstance(pages_ref, generic.IndirectObject):
        page_tree_nodes[pages_ref.reference] = pages_path
    for ref, path in _collect_page_tree_refs(pages_ref.get_object(), pages_path):
        if ref in page_tree_nodes:
            raise misc.PdfReadError("Circular reference in page tree in mapping stage")
        page_tree_nodes[ref] = path
    struct_tree_nodes = set()
    try:
        struct_tree_root_ref = self.root.raw_get("/StructTreeRoot")
        struct_tree_root = struct_tree_root_ref.get_object()
        for ref in _collect_struct_tree_refs(struct_tree_root):
            if ref in struct_tree_nodes:
                raise misc.PdfReadError("Circular reference in structure tree in mapping stage")
            struct_tree_nodes.add(ref)
    except KeyError:
        pass
    _compute_paths_to_refs(self.trailer_view, misc.ConsList.empty(), misc.ConsList.empty(),
                           page_tree_objs=page_tree_nodes, is_struct_tree=False, struct_tree_objs=struct_tree_nodes)
    self._indirect_object_access_cache = {
        ref: {RawPdfPath(*reversed(list(p))) for p in paths} for ref, paths in collected.items()
    }


def _install_reverse_xref_cache() -> None:
    from pyhanko.pdf_utils import reader

    original = reader.HistoricalResolver._load_reverse_xref_cache
    _require_source(original, _REVERSE_XREF_SOURCE_SHA256, "_load_reverse_xref_cache")
    _replace(reader.HistoricalResolver, "_load_reverse_xref_cache", _load_reverse_xref_cache)


# pyHanko 0.38.0's pyhanko.sign.general.extract_certificate_info, which _extract_certificate_info copies
# (adapted from pyHanko, MIT License, Copyright (c) 2020-2023 Matthias Valvekens).
_CERTIFICATE_INFO_SOURCE_SHA256 = "d28f4c55f78e39b0be3f1a85c9af8bd4d40f14109fedf49c808deaf4b06b1c2a"
_CERTIFICATES_KEPT = 64  # the platform's CA and TSA certificates and the seals stay; one-off signers pass through
_certificates: "OrderedDict[bytes, object]" = OrderedDict()  # None: seen once, not parsed for keeping
_certificates_lock = threading.Lock()


def _embedded_certificate(chosen):
    """``chosen.untag()`` — the parsed copy pyHanko makes of a certificate embedded in a CMS structure — made
    once per distinct certificate (the platform's CA and TSA certificates and the employer's are in every
    signature and timestamp of every contract) and kept, keyed by the certificate's exact encoded contents.

    Only the parse is kept: nothing about trust, paths or revocation, which each verification's own
    ``ValidationContext`` decides; a document gets back only certificates whose bytes it embeds itself. A
    certificate is kept from its second sighting on (a one-off signer's certificate is not worth keeping) and
    parsed completely before it is shared (asn1crypto parses lazily, and two threads must never see one
    half-parsed); one that cannot be parsed completely is not kept, and goes on as pyHanko's own copy would."""
    if getattr(chosen, "_indefinite", False):  # a BER encoding: untag() re-encodes it, leave that to asn1crypto
        return chosen.untag()
    key = bytes(chosen.contents)
    with _certificates_lock:
        seen = key in _certificates
        kept = _certificates.get(key)
        if seen:
            _certificates.move_to_end(key)
        else:
            _certificates[key] = None
            while len(_certificates) > _CERTIFICATES_KEPT:
                _certificates.popitem(last=False)
    if kept is not None:
        return kept
    certificate = chosen.untag()
    if not seen:
        return certificate
    try:
        certificate.native  # noqa: B018 - parses every part now, before the object is shared
    except Exception:  # noqa: BLE001 - pyHanko meets (or never touches) the broken part as before
        return certificate
    with _certificates_lock:
        if key in _certificates:
            _certificates[key] = certificate
    return certificate


def _extract_certificate_info(signed_data):
    """pyHanko's ``extract_certificate_info``, taking each embedded X.509 certificate from
    ``_embedded_certificate`` instead of copying and parsing it again for every signature and timestamp."""
    from pyhanko.sign.general import SignedDataCerts, _partition_certs, extract_signer_info

    certs = []
    attr_certs = []
    for c in signed_data["certificates"]:
        cert = _embedded_certificate(c.chosen) if c.name == "certificate" else c.chosen.untag()
        if c.name == "certificate":
            certs.append(cert)
        elif c.name == "v2_attr_cert":
            attr_certs.append(cert)
    signer_info = extract_signer_info(signed_data)
    signer_cert, other_certs = _partition_certs(certs, signer_info)
    return SignedDataCerts(signer_cert=signer_cert, other_certs=other_certs, attribute_certs=attr_certs)


def _install_certificate_info() -> None:
    from pyhanko.sign import general
    from pyhanko.sign.validation import ades, dss, generic_cms

    original = general.extract_certificate_info
    _require_source(original, _CERTIFICATE_INFO_SOURCE_SHA256, "_extract_certificate_info")
    for module in (general, generic_cms, dss, ades):
        _replace(module, "extract_certificate_info", _extract_certificate_info)


def _require_source(original, expected_sha256: str, copy_name: str) -> None:
    """Refuse to install a copy of a library function over any other version of it than the one copied."""
    import hashlib
    import inspect

    if hashlib.sha256(inspect.getsource(original).encode()).hexdigest() != expected_sha256:
        raise RuntimeError(f"{original.__module__}.{original.__qualname__} is not the version that "
                           f"zhili.core.esign.accel.{copy_name} copies: compare the two, update the copy "
                           "and its source digest")


def _name_hashable(self) -> str:
    """``Name.hashable``: the RDNs' prepared strings joined as asn1crypto joins them, once per encoded name."""
    return "\x1e".join(rdn_hashable for _, rdn_hashable in _comparison_key(self.chosen.dump()))


def _install_name_hashable() -> None:
    from asn1crypto import x509

    _replace(x509.Name, "hashable", property(_name_hashable, doc=x509.Name.hashable.__doc__))


def _replace(owner, name: str, fast) -> None:
    """Put ``fast`` at ``owner.name``, linked to the code it replaces (``.original``), and remember both for
    ``stock_libraries``. A missing attribute (a renamed library function) raises here, at start-up. Called only
    from ``install()``, which runs each replacement once per process."""
    original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
    function = fast.fget if isinstance(fast, property) else getattr(fast, "__func__", fast)
    function.original = getattr(original, "__func__", None) or getattr(original, "fget", None) or original
    setattr(owner, name, fast)
    _replaced.append((owner, name, fast, original))


@contextmanager
def compressed_streams():
    """Inside the block, pydyf compresses at ``ZLIB_LEVEL`` and compresses each distinct stream once."""
    install()
    outer = getattr(_local, "memo", None)
    _local.memo = {} if outer is None else outer
    try:
        yield
    finally:
        _local.memo = outer


@contextmanager
def stock_libraries():
    """Inside the block, the libraries run their own code again (``bench/esign.py``'s baseline uses this)."""
    install()
    for owner, name, _fast, original in _replaced:
        setattr(owner, name, original)
    try:
        yield
    finally:
        for owner, name, fast, _original in _replaced:
            setattr(owner, name, fast)


def install() -> None:
    """Put the faster readers/writers in place (once per process)."""
    global _installed
    if _installed:
        return
    with _install_lock:
        if not _installed:
            _install_hex_reader()
            _install_stream_compression()
            _install_name_equality()
            _install_pdf_reader()
            _install_reverse_xref_cache()
            _install_object_streams()
            _install_certificate_info()
            _install_name_hashable()
            _installed = True
