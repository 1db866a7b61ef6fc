"""Measured, version-pinned replacements for hot spots in the PDF and ASN.1 libraries (issue #3 speed targets).

Every patch gives exactly the result of the code it replaces, or hands the input over to that code, and each is
kept only for what it saves, measured by ``bench/esign.py --patches`` (interleaved A/B on the same documents; ADR
0004, issue 22 amendment): about 1 ms or more per contract or per verification. A patch is put in place only over
the exact library version it was written and tested against (``TESTED_VERSIONS``, the pins of requirements.in);
over any other version, or if a function it replaces has gone, the library's own code runs and a warning says so.
No library code is copied here. ``stock_libraries()`` switches all or some patches off.

- ``stream_compression`` (pydyf ``Stream.data``): compresses a stream with zlib level 9 every time it is read, and
  WeasyPrint reads every stream twice when writing PDF/A. ``compressed_streams()`` (used around ``write_pdf`` in
  ``render``) compresses at ``ZLIB_LEVEL`` 1 and reuses the result for the second read, keyed by the uncompressed
  bytes, so a stream's data are the same bytes both times by construction.

- ``name_equality`` (asn1crypto ``Name.__eq__``): RFC 5280 §7.1 string preparation on every call, thousands of calls
  per verification. Names with byte-identical DER are equal at once; otherwise the replacement compares what
  asn1crypto compares, computed once per distinct encoded name (``_comparison_key``, an LRU keyed by the DER).

- ``name_hashable`` (asn1crypto ``Name.hashable``, the key of pyHanko's certificate registry and CRL matching):
  prepared once per distinct encoded name, from the same ``_comparison_key``.

- ``pdf_reader``, the PDF object reader where verification's difference analysis spends its time:
  ``read_until_delimiter`` (one ``read`` and one regular-expression search instead of a generator per byte),
  ``generic._decode_name`` (a name without ``#`` escapes is taken as it is), ``DictionaryObject.read_from_stream``
  and ``ArrayObject.read_from_stream`` (``_read_container`` reads the whole container, nested objects included, with
  one regular-expression tokenizer over a buffer; anything unusual — a comment, a repeated key, a stream after a
  nested dictionary, a malformed token — sends the whole object back to pyHanko's reader from its start), and
  ``HistoricalResolver._subsume_object``, which builds a reference for every number it copies only to return the
  number unchanged (leaves are returned at once).

- ``signature_memo`` (pyhanko-certvalidator ``DefaultSignatureValidator.validate_signature``): a check that
  succeeded is remembered (``_verified``, keyed by a SHA-256 over the signature, the signed bytes, the key and the
  algorithm and its context — every input of the check); a failed check is never remembered.

- ``ess_certid`` (pyHanko ``check_ess_certid``): its answer, a pure function of the two encoded values, is
  remembered keyed by both (``_ess_matches``).

- ``flate_memo`` (pyHanko ``FlateDecode.encode``): the compressed bytes of large inputs (a seal's pixels, shown by
  every signature) are remembered, keyed by the SHA-256 of the exact input.

- ``path_memo`` (pyhanko-certvalidator ``async_validate_path``): a path that validated is remembered on its
  ``ValidationContext``, keyed by the trust anchor, every certificate of the path and what the context holds that
  the validation reads and that can change (registered certificates, CRLs and OCSP responses, which only grow, and
  its timing); a failure, or a validation that added a soft-fail exception or changed the context, is never
  remembered. Every verification builds a new context, so nothing is carried from one to the next.

Measured and removed (issue 22): pyHanko's hex-string reader (the container reader already reads every ``/Contents``),
the object-stream header index, the memo of orphaned objects, and the two copies of pyHanko functions (the
reverse-reference walk and ``extract_certificate_info``), which the issue asked to remove whatever they saved.

``install()`` runs from ``EsignConfig.ready``; it is idempotent.
"""

import binascii
import re
import threading
import warnings
import zlib
from collections import OrderedDict
from contextlib import contextmanager
from functools import lru_cache

ZLIB_LEVEL = 1
_WHITESPACE = b" \n\r\t\f\x00"
_HEX_BYTES = b"0123456789abcdefABCDEF" + _WHITESPACE
_CHUNK = 8192

_installed = False
_replaced: list[tuple] = []  # (owner, name, replacement, original), for stock_libraries
_install_lock = threading.Lock()
_local = threading.local()


def _hex_bytes(span: bytes) -> bytes | None:
    """The bytes of a hex string's contents (between "<" and ">") as pyHanko decodes them, whitespace skipped and
    an odd count of digits ending in an implied 0; ``None`` if anything but hex digits and whitespace is inside
    (a comment, a stray byte), which only pyHanko's own reader reads as it does."""
    if span.translate(None, _HEX_BYTES):
        return None
    digits = span.translate(None, _WHITESPACE)
    return binascii.unhexlify(digits + b"0" if len(digits) % 2 else digits)


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


_TOKEN = re.compile(rb"""[ \n\r\t\f\x00]*(?:
    (<<)                                   # 1: a dictionary opens
  | (>>)                                   # 2: a dictionary closes
  | (\[)                                   # 3: an array opens
  | (\])                                   # 4: an array closes
  | /([^ \n\r\t\f\x00()<>\[\]{}/%]*)       # 5: a name, up to the next whitespace or delimiter
  | ([+,\-.0-9]+)                          # 6: a number, or the object number of a reference
  | (<)                                    # 7: a hex string opens (read up to its ">" by _hex_string)
  | (\()                                   # 8: a literal string opens (read by _literal_string)
  | (true|false|null)                      # 9: a keyword
)""", re.VERBOSE)
_SPACE = re.compile(rb"[ \n\r\t\f\x00]*")
_STRING_SPECIAL = re.compile(rb"[()\\]")
_LOOKAHEAD = 64  # bytes an accepted token must leave after it in the buffer, unless the stream ends there
_ESCAPED_AS_IS = frozenset(b"() /%<>[]#_&$\\")  # pyHanko's _read_string_literal_bytes: "\x" is x for these
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}
_DIGITS = frozenset(b"0123456789")


# Dictionary keys as read, shared: pyHanko never gives a key a container reference, nor changes one.
_KEY_NAMES: dict[bytes, object] = {}
_KEY_NAMES_KEPT = 4096


class _HandOver(Exception):
    """Met something the fast reader leaves to pyHanko's, which then reads the object from its start."""


class _ReadOn(Exception):
    """A token runs to the end of the buffer and the stream goes on: read more and try it again."""


def _read_container(stream, container_ref, as_metadata_stream=False, *, opener: bytes):
    """pyHanko's ``DictionaryObject.read_from_stream`` or ``ArrayObject.read_from_stream`` outside content
    streams: the dictionary or array with everything nested in it, read by one regular-expression tokenizer over
    a buffer instead of a ``read`` per byte. Returns ``None``, with the stream back where it was, for anything it
    does not read exactly as pyHanko does (a comment, a repeated key, a stream after a nested dictionary, a
    malformed token, a string running to the end of the stream, any error): pyHanko's reader then reads it."""
    from pyhanko.pdf_utils import generic

    start = stream.tell()
    try:
        value, end = _parse_container(stream, start, container_ref, generic, opener)
    except Exception:  # noqa: BLE001 - pyHanko's reader reads it again and meets the same error, if any
        stream.seek(start)
        return None
    stream.seek(start + end)
    if type(value) is not dict:
        return value
    # As pyHanko does after every dictionary: is it a stream's?
    stream_data = generic._maybe_read_stream_payload(stream, value, container_ref.get_pdf_handler())
    if stream_data is None:
        return _dictionary(generic, value)
    stream_class = generic.StreamObject
    if as_metadata_stream:
        from pyhanko.pdf_utils.metadata.xmp_xml import MetadataStream

        stream_class = MetadataStream
    return stream_class(value, encoded_data=stream_data)


def _dictionary(generic, items: dict):
    """``DictionaryObject(items)`` for keys that are names already (its key normalisation is the identity)."""
    result = generic.DictionaryObject()
    dict.update(result, items)
    return result


def _hex_string(data: bytes, pos: int, ended: bool) -> tuple[bytes, int]:
    """(the bytes, the offset after ">") of the hex string whose digits start at ``pos``, as pyHanko reads it
    when it holds only hex digits and whitespace (an odd count implies a last 0)."""
    end = data.find(b">", pos)
    if end < 0:
        raise _HandOver if ended else _ReadOn
    decoded = _hex_bytes(data[pos:end])
    if decoded is None:
        raise _HandOver
    return decoded, end + 1


def _literal_string(data: bytes, pos: int, ended: bool) -> tuple[bytes, int]:
    """(the bytes, the offset after ")") of the literal string whose contents start at ``pos``, read as pyHanko's
    ``_read_string_literal_bytes`` reads it: balanced parentheses kept, ``\\n \\r \\t \\b \\f``, ``\\ddd`` (one to
    three digits, octal), ``\\`` before an end of line (one or two EOL bytes) dropped, ``\\x`` as x for
    ``() /%<>[]#_&$\\``. Any other escape, and a string reaching the end of the stream, are pyHanko's to read
    (they are errors there, or depend on where the stream ends)."""
    parts, depth, i, size = [], 1, pos, len(data)
    while True:
        found = _STRING_SPECIAL.search(data, i)
        if found is None:
            raise _HandOver if ended else _ReadOn
        j = found.start()
        special = data[j]
        if special == 0x5C and j + 4 > size:  # what the backslash escapes may lie past the buffer
            raise _HandOver if ended else _ReadOn
        parts.append(data[i:j])
        if special == 0x28:  # "("
            depth += 1
            parts.append(b"(")
            i = j + 1
        elif special == 0x29:  # ")"
            depth -= 1
            if depth == 0:
                return b"".join(parts), j + 1
            parts.append(b")")
            i = j + 1
        else:  # a backslash
            escaped = data[j + 1]
            if escaped in _ESCAPED_AS_IS:
                parts.append(bytes((escaped,)))
                i = j + 2
            elif escaped in _ESCAPES:
                parts.append(_ESCAPES[escaped])
                i = j + 2
            elif escaped in _DIGITS:
                i = j + 2
                while i < j + 4 and data[i] in _DIGITS:
                    i += 1
                parts.append(bytes((int(data[j + 1:i], 8),)))  # "8", "9" or above 255: an error, pyHanko's
            elif escaped in (0x0A, 0x0D):  # a line continuation: the EOL byte, and one more if it is one too
                i = j + 2 + (data[j + 2] in (0x0A, 0x0D))
            else:
                raise _HandOver


def _parse_container(stream, start, container_ref, generic, opener: bytes):
    """(the array, or the dictionary's entries as a plain dict, and the offset after it from ``start``).

    The stream is read from ``start`` into ``data`` in chunks; ``stream`` stays at ``start + len(data)``."""
    NameObject, NumberObject, FloatObject = generic.NameObject, generic.NumberObject, generic.FloatObject
    IndirectObject, BooleanObject, NullObject = generic.IndirectObject, generic.BooleanObject, generic.NullObject
    ArrayObject, pdf_string, decode_name = generic.ArrayObject, generic.pdf_string, generic._decode_name
    indirect, token, handler = generic.INDIRECT_PATTERN, _TOKEN.match, None
    data = stream.read(_CHUNK)
    ended = len(data) < _CHUNK
    if not data.startswith(opener):  # pyHanko's readers begin with exactly "[" or "<<"
        raise _HandOver
    stack = []  # the enclosing containers, each with its key waiting for this value (dictionaries)
    current, key, pos = None, None, 0
    while True:
        found = token(data, pos)
        try:
            if found is None:
                if ended or _SPACE.match(data, pos).end() < len(data) - _LOOKAHEAD:
                    raise _HandOver  # not a token that the fast reader reads
                raise _ReadOn
            if found.end() > len(data) - _LOOKAHEAD and not ended:
                raise _ReadOn
            kind, pos_after = found.lastindex, found.end()
            if kind == 7:
                raw, pos_after = _hex_string(data, pos_after, ended)
            elif kind == 8:
                raw, pos_after = _literal_string(data, pos_after, ended)
        except _ReadOn:
            wanted = max(len(data), _CHUNK)  # the token may go on past the buffer: read on and try again
            more = stream.read(wanted)
            ended = len(more) < wanted
            data += more
            continue
        pos = pos_after
        in_dict = type(current) is dict
        if kind == 1 or kind == 3:
            if current is not None:
                if in_dict and key is None:
                    raise _HandOver  # a container where a dictionary key is due
                stack.append((current, key))
            current, key = ({} if kind == 1 else ArrayObject()), None
            continue
        if kind == 2 or kind == 4:
            if current is None or in_dict != (kind == 2) or key is not None:
                raise _HandOver
            if not stack:
                return current, pos
            if in_dict:
                # pyHanko looks for a stream after every dictionary, a nested one too: hand such a file over
                at = _SPACE.match(data, pos).end()
                if data[at:at + 1] in (b"s", b"%") or (at == len(data) and not ended):
                    raise _HandOver
                value = _dictionary(generic, current)
            else:
                value = current
            current, key = stack.pop()
            in_dict = type(current) is dict
        elif current is None:
            raise _HandOver
        elif kind == 5:
            raw = found.group(5)
            if in_dict and key is None:  # a key, which pyHanko reads without a container reference
                key = _KEY_NAMES.get(raw)
                if key is None:
                    key = NameObject("/" + raw.decode("ascii")) if _PLAIN_NAME.fullmatch(raw) else decode_name(raw)
                    if len(_KEY_NAMES) < _KEY_NAMES_KEPT and _PLAIN_NAME.fullmatch(raw):
                        _KEY_NAMES[raw] = key
                if key in current:
                    raise _HandOver  # a repeated key: pyHanko warns, or raises in strict mode
                continue
            value = NameObject("/" + raw.decode("ascii")) if _PLAIN_NAME.fullmatch(raw) else decode_name(raw)
        elif kind == 6:
            text, at = found.group(6), found.start(6)
            # pyHanko reads a reference where the 20 bytes from a leading digit match INDIRECT_PATTERN
            reference = indirect.match(data, at, at + 20) if text[:1].isdigit() else None
            if reference is not None:
                number, generation = int(reference.group(1)), int(reference.group(2))
                if number <= 0:
                    raise _HandOver
                if handler is None:
                    handler = container_ref.get_pdf_handler()
                value = IndirectObject(number, generation, handler)
                pos = reference.end() - 1  # the pattern also took the byte after the "R"
            elif b"." in text:
                value = FloatObject(text.decode("ascii"))
            else:
                value = int.__new__(NumberObject, int(text))  # NumberObject(text), without its __new__
        elif kind == 7 or kind == 8:
            value = pdf_string(raw)
        else:
            word = found.group(9)
            value = NullObject() if word == b"null" else BooleanObject(word == b"true")
        if in_dict:
            if key is None:
                raise _HandOver
            current[key] = value
            key = None
        else:
            current.append(value)
        value.container_ref = container_ref


def _install_pdf_reader() -> None:
    from pyhanko.pdf_utils import generic, misc, reader

    _replace(misc, "read_until_delimiter", _read_until_delimiter)
    _replace(generic, "read_until_delimiter", _read_until_delimiter)

    original_decode = generic._decode_name

    def decode_name(name_bytes):
        return _decode_name(name_bytes, original_decode)

    _replace(generic, "_decode_name", decode_name)

    original_array = generic.ArrayObject.__dict__["read_from_stream"].__func__
    original_dictionary = generic.DictionaryObject.__dict__["read_from_stream"].__func__
    outside = generic.ContentOpReading.NO

    def read_array(stream, container_ref, in_content_stream=outside):
        if not in_content_stream:
            result = _read_container(stream, container_ref, opener=b"[")
            if result is not None:
                return result
        return original_array(stream, container_ref, in_content_stream=in_content_stream)

    def read_dictionary(stream, container_ref, as_metadata_stream=False, in_content_stream=outside):
        if not in_content_stream:
            result = _read_container(stream, container_ref, as_metadata_stream, opener=b"<<")
            if result is not None:
                return result
        return original_dictionary(stream, container_ref, as_metadata_stream=as_metadata_stream,
                                   in_content_stream=in_content_stream)

    _replace(generic.ArrayObject, "read_from_stream", staticmethod(read_array))
    _replace(generic.DictionaryObject, "read_from_stream", staticmethod(read_dictionary))

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


def _name_hashable(self) -> str:
    """``Name.hashable``: the RDNs' prepared strings joined as asn1crypto joins them, once per encoded name."""
    return "\x1e".join(rdn_hashable for _, rdn_hashable in _comparison_key(self.chosen.dump()))


def _install_name_hashable() -> None:
    from asn1crypto import x509

    _replace(x509.Name, "hashable", property(_name_hashable, doc=x509.Name.hashable.__doc__))


class _Kept:
    """The ``size`` most recently used results, by key, shared by threads."""

    MISSING = object()

    def __init__(self, size: int):
        self.size, self._items, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._items.get(key, self.MISSING)
            if value is not self.MISSING:
                self._items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


_verified = _Kept(1024)  # the platform's recurring checks stay; each document's own ones pass through


def _check_key(signature: bytes, signed_data: bytes, public_key_info, signature_algorithm, context) -> bytes:
    """One digest of every input of a signature check, each length-prefixed so no two inputs collide."""
    import hashlib

    digest = hashlib.sha256()
    for part in (bytes(signature), bytes(signed_data), public_key_info.dump(), signature_algorithm.dump(),
                 repr((context.contextual_md_algorithm, context.prehashed)).encode()):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.digest()


def _install_signature_memo() -> None:
    from pyhanko_certvalidator import sig_validate

    original = sig_validate.DefaultSignatureValidator.validate_signature

    def validate_signature(self, signature, signed_data, public_key_info, signature_algorithm,
                           context=sig_validate.DEFAULT_VALIDATION_CONTEXT):
        key = _check_key(signature, signed_data, public_key_info, signature_algorithm, context)
        if _verified.get(key) is _Kept.MISSING:
            original(self, signature, signed_data, public_key_info, signature_algorithm, context)  # raises if invalid
            _verified.put(key, True)

    validate_signature.__doc__ = original.__doc__
    _replace(sig_validate.DefaultSignatureValidator, "validate_signature", validate_signature)


@lru_cache(maxsize=256)
def _ess_matches(kind: str, certid_der: bytes, certificate_der: bytes) -> bool:
    from asn1crypto import tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import general

    certid = (tsp.ESSCertID if kind == "ESSCertID" else tsp.ESSCertIDv2).load(certid_der)
    return general.check_ess_certid.original(asn1_x509.Certificate.load(certificate_der), certid)


def _install_ess_certid() -> None:
    from asn1crypto import tsp
    from pyhanko.sign import general
    from pyhanko.sign.validation import generic_cms

    original = general.check_ess_certid

    def check_ess_certid(cert, certid):
        if type(certid) not in (tsp.ESSCertID, tsp.ESSCertIDv2):
            return original(cert, certid)
        return _ess_matches(type(certid).__name__, certid.dump(), cert.dump())

    check_ess_certid.__doc__ = original.__doc__
    _replace(general, "check_ess_certid", check_ess_certid)
    _replace(generic_cms, "check_ess_certid", check_ess_certid)


def _context_state(context) -> tuple | None:
    """What a path validation reads from its ``ValidationContext`` besides the path, as far as it can change
    while the context lives: the certificates registered (CRL issuers are looked up among them) and the CRLs and
    OCSP responses held; both only ever grow. ``None`` where the library keeps them otherwise (no memo then)."""
    registry, revinfo = context.certificate_registry, context.revinfo_manager
    certificates = getattr(registry, "certs", None)
    crls, ocsps = getattr(revinfo, "_crls", None), getattr(revinfo, "_ocsps", None)
    if not isinstance(certificates, dict) or not isinstance(crls, list) or not isinstance(ocsps, list):
        return None
    return len(certificates), len(crls), len(ocsps)


def _install_path_memo() -> None:
    import pyhanko_certvalidator as certvalidator

    original = certvalidator.async_validate_path

    async def async_validate_path(validation_context, path, parameters=None):
        state = _context_state(validation_context)
        if parameters is not None or state is None:
            return await original(validation_context, path, parameters)
        anchor = path.trust_anchor.authority
        key = (getattr(anchor, "certificate", None) and anchor.certificate.dump(), id(anchor),
               tuple(cert.dump() for cert in path.iter_certs(include_root=False)), state,
               validation_context.timing_params)
        memo = validation_context.__dict__.setdefault("_zhili_validated_paths", {})
        if key in memo:
            return memo[key]
        soft_failures = len(validation_context.soft_fail_exceptions)
        result = await original(validation_context, path, parameters)
        if len(validation_context.soft_fail_exceptions) == soft_failures and \
                _context_state(validation_context) == state:
            memo[key] = result
        return result

    async_validate_path.__doc__ = original.__doc__
    _replace(certvalidator, "async_validate_path", async_validate_path)


_COMPRESSED_FROM = 16 * 1024  # smaller streams (each signature's own) are compressed as they come
_compressed = _Kept(16)


def _install_flate_memo() -> None:
    import hashlib

    from pyhanko.pdf_utils import filters

    original = filters.FlateDecode.encode

    def encode(self, data, decode_params=None):
        if len(data) < _COMPRESSED_FROM:
            return original(self, data, decode_params)
        key = hashlib.sha256(data).digest()
        result = _compressed.get(key)
        if result is _Kept.MISSING:
            result = original(self, data, decode_params)
            _compressed.put(key, result)
        return result

    encode.__doc__ = original.__doc__
    _replace(filters.FlateDecode, "encode", encode)


def _replace(owner, name: str, fast) -> None:
    """Put ``fast`` at ``owner.name``, linked to the code it replaces (``.original``), and remember both (under the
    patch being installed) for ``stock_libraries``. A missing attribute raises here, at start-up; ``install()``
    then leaves that patch out. Called only from ``install()``, which runs each patch once per process."""
    original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
    function = fast.fget if isinstance(fast, property) else getattr(fast, "__func__", fast)
    function.original = getattr(original, "__func__", None) or getattr(original, "fget", None) or original
    setattr(owner, name, fast)
    _replaced.append((_local.installing, owner, name, fast, original))


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
def stock_libraries(*patches: str):
    """Inside the block, the libraries run their own code again: every patch, or only the ``patches`` named
    (``bench/esign.py`` measures each patch's gain this way, and runs its baseline with all of them off)."""
    install()
    unknown = set(patches) - set(PATCHES)
    if unknown:
        raise ValueError(f"unknown patches: {sorted(unknown)}")
    chosen = [item for item in _replaced if not patches or item[0] in patches]
    for _patch, owner, name, _fast, original in reversed(chosen):
        setattr(owner, name, original)
    try:
        yield
    finally:
        for _patch, owner, name, fast, _original in chosen:
            setattr(owner, name, fast)


def installed() -> list[str]:
    """The patches in place in this process (those whose library is at the version they were written for)."""
    install()
    return list(dict.fromkeys(item[0] for item in _replaced))


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return ""


# Each patch, the distribution whose code it replaces, and the function that puts it in place. A patch is put in
# place only over the exact version of that distribution it was written and tested against (TESTED_VERSIONS, the
# versions pinned in requirements.in); any other version keeps the library's own code, with a warning.
TESTED_VERSIONS = {"pyHanko": "0.38.0", "pyhanko-certvalidator": "0.33.0", "asn1crypto": "1.5.1", "pydyf": "0.13.0"}
PATCHES = {
    "stream_compression": ("pydyf", _install_stream_compression),
    "name_equality": ("asn1crypto", _install_name_equality),
    "pdf_reader": ("pyHanko", _install_pdf_reader),
    "name_hashable": ("asn1crypto", _install_name_hashable),
    "signature_memo": ("pyhanko-certvalidator", _install_signature_memo),
    "ess_certid": ("pyHanko", _install_ess_certid),
    "flate_memo": ("pyHanko", _install_flate_memo),
    "path_memo": ("pyhanko-certvalidator", _install_path_memo),
}


def install() -> None:
    """Put the patches in place, once per process; a patch whose library is not at its tested version, or whose
    target is gone, is left out with a warning and the library's own code runs."""
    global _installed
    if _installed:
        return
    with _install_lock:
        if not _installed:
            for patch in PATCHES:
                install_patch(patch)
            _installed = True


def install_patch(patch: str) -> bool:
    """Put one patch in place if its library is at the tested version and every function it replaces is there;
    otherwise warn, leave the library as it is, and return False."""
    distribution, installer = PATCHES[patch]
    found, tested = _version(distribution), TESTED_VERSIONS[distribution]
    if found != tested:
        warnings.warn(f"zhili.core.esign.accel: {distribution} {found or '(not installed)'} is not the tested "
                      f"{tested}; patch {patch!r} left out, the library's own code runs", RuntimeWarning, stacklevel=2)
        return False
    _local.installing = patch
    before = len(_replaced)
    try:
        installer()
    except (AttributeError, KeyError, ImportError) as exc:
        for _patch, owner, name, _fast, original in reversed(_replaced[before:]):
            setattr(owner, name, original)
        del _replaced[before:]
        warnings.warn(f"zhili.core.esign.accel: patch {patch!r} left out ({exc!r}); the library's own code runs",
                      RuntimeWarning, stacklevel=2)
        return False
    finally:
        _local.installing = None
    return True
