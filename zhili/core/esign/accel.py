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
  ``compressed_streams()`` (used around ``write_pdf`` in ``render``) compresses at ``ZLIB_LEVEL`` 1, zlib's
  fastest, and reuses the result for the second read, keyed by the uncompressed bytes, so a stream's data are
  the same bytes both times by construction. Measured on the benchmark's contract (a 66 kB font subset, the
  bulk of what is compressed): level 6 took 1.8 ms, level 1 0.9 ms, level 9 about four times level 6; level
  1's stream is 6 % larger than level 6's, 2 kB of a 107 kB signed contract.

- ``asn1crypto.x509.Name.__eq__`` compares names by RFC 5280 §7.1, preparing every attribute's string
  again on every call, and pyHanko calls it thousands of times per verification (issuer/serial matching,
  path building). Names with byte-identical DER are equal at once; otherwise the replacement compares
  what asn1crypto compares (per RDN: attribute count and prepared values by type), computed once per
  distinct encoded name (``_comparison_key``, an LRU keyed by the DER).

- The PDF object reader, where verification's difference analysis spends its time (it reads every object
  of every signed revision): ``pyhanko.pdf_utils.misc.read_until_delimiter`` collects a token one byte at a
  time through a generator (now one ``read`` and one regular-expression search); ``generic._decode_name``
  writes a name one byte at a time (a name with no ``#`` escape and only regular characters is now taken as
  it is); ``DictionaryObject.read_from_stream`` and ``ArrayObject.read_from_stream`` read a dictionary or array a
  byte and a call at a time (``_read_container`` now reads the whole of it, nested objects included, with one
  regular-expression tokenizer over a buffer; a literal string with escapes is read by pyHanko's string
  reader in place, and anything else unusual — a comment, a repeated key, a stream after a nested
  dictionary, a malformed token — sends the whole object back to pyHanko's reader from its start); ``PdfFileReader._get_object_from_stream``
  re-reads an object stream's header from the start for every object it takes from it (now the header is
  indexed once per reader, ``_object_stream_index``); ``HistoricalResolver._subsume_object``, which copies
  every object into each historical revision's view, builds a reference for every number in it only to
  return the number unchanged (now it returns such leaves at once); and
  ``HistoricalResolver._load_reverse_xref_cache`` walks into every number of every array to do nothing
  there (``_load_reverse_xref_cache`` is a copy of it that does not, guarded by the source digest of the
  version copied). The copy also takes the objects it walks through as the reader holds them
  (``_unsubsumed_fetcher``) instead of having each copied into the revision's view first, which a walk that
  only reads keys and reference numbers does not need, and leaves each object's paths as collected until the
  difference analysis asks for them (``_Usages``): it asks for a dozen objects' paths, pyHanko built them all.

- ``pyhanko.sign.diff_analysis.policies._find_orphans`` finds a revision's new objects that nothing refers to,
  and the difference analysis asks it once per signature for every later revision: a contract's last
  revision was searched once for each of its two signatures. The answer, which depends only on the file's
  bytes, is kept on the revision's resolver (one per reader and revision) and a copy handed out each time.

- ``pyhanko.sign.general.extract_certificate_info`` copies and parses every certificate embedded in a CMS
  structure, and the platform's certificates are in every signature and timestamp of every contract: the
  parsed certificate is now kept, keyed by its exact bytes (``_embedded_certificate``) — a parse, never a
  trust decision, which each verification's own ``ValidationContext`` still makes.

- ``asn1crypto.x509.Name.hashable`` (the key of pyHanko's certificate registry and CRL matching) prepares
  every attribute's string again on every call: now computed once per distinct encoded name, from the same
  ``_comparison_key``.

- ``pyhanko_certvalidator``'s ``DefaultSignatureValidator.validate_signature`` loads the public key and runs
  the signature check for every certificate, CRL and CMS signature on every path it builds: a verification
  checks the platform's CA, TSA and CRL signatures a dozen times. A check that succeeded is remembered
  (``_verified``, keyed by a SHA-256 over the signature, the signed bytes, the key and the algorithm and its
  context — every input of the check), so the same check on the same bytes is not run again; a check that
  fails is never remembered and always runs (and raises) again.

- ``pyhanko.sign.general.check_ess_certid`` hashes a certificate and compares issuer names each time a CMS
  structure's signing-certificate attribute is checked against its certificate (five times per contract
  verification, mostly for the same platform certificates). Its answer, a pure function of the two encoded
  values, is remembered keyed by both (``_ess_matches``).

- ``pyhanko.pdf_utils.filters.FlateDecode.encode`` compresses a seal's image (230 kB of pixels and alpha) again
  for every signature that shows it. The compressed bytes of large inputs are remembered, keyed by the
  SHA-256 of the exact input (``_compressed``): zlib gives the same output for the same input.

- ``pyhanko_certvalidator.async_validate_path`` (which ``find_valid_path`` calls for each candidate path)
  validates a path again each time it is asked: one verification asks for the TSA certificate's path three
  times (both signatures' timestamps and the document timestamp), with the same ``ValidationContext``. A path
  that validated is remembered on that context, keyed by the trust anchor, every certificate of the path and
  what the context holds that the validation reads and that can change while it lives (the numbers of
  registered certificates, CRLs and OCSP responses, which only grow, and its timing parameters); a failure, or a
  validation that added a soft-fail exception or changed the context, is never remembered. A new context (every
  verification builds one) starts empty, so nothing is carried from one verification to the next.

``install()`` runs from ``EsignConfig.ready``; it is idempotent.
"""

import binascii
import re
import threading
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
    decoded = _hex_bytes(span) if end >= 0 else None
    if decoded is None:  # unterminated, a comment or a bad byte: pyHanko decides
        stream.seek(start)
        return _original(stream)
    stream.seek(start + 1 + len(span) + 1)
    from pyhanko.pdf_utils.generic import pdf_string

    return pdf_string(decoded)


def _hex_bytes(span: bytes) -> bytes | None:
    """The bytes of a hex string's contents (between "<" and ">") as pyHanko decodes them, whitespace skipped and
    an odd count of digits ending in an implied 0; ``None`` if anything but hex digits and whitespace is inside
    (a comment, a stray byte), which only pyHanko's own reader reads as it does."""
    if span.translate(None, _HEX_BYTES):
        return None
    digits = span.translate(None, _WHITESPACE)
    return binascii.unhexlify(digits + b"0" if len(digits) % 2 else digits)


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


def _unsubsumed_fetcher(resolver):
    """``resolver(ref)`` for the reverse-reference walk, without ``_subsume_object``'s copy of the object.

    ``HistoricalResolver.get_object`` copies every object it returns into the revision's own view (each nested
    reference re-bound to the resolver, so that dereferencing stays inside the revision). The walk never
    dereferences through an object: it reads keys, values and the numbers of references, which the reader's
    objects hold as well, and fetches each reference itself, here, by the same rule as ``get_object``: the
    reader's current object if it was last changed at or before the revision, else the object as that revision
    wrote it. Objects the resolver has already copied are taken from its cache. An encrypted file keeps
    pyHanko's path (its objects must be decrypted through the resolver)."""
    reader, revision, cache, historical = resolver.reader, resolver.revision, resolver.cache, {}

    def fetch(ref):
        obj = cache.get(ref)
        if obj is not None:
            return obj
        try:
            last_change = reader.xrefs.get_last_change(ref)
        except KeyError:
            last_change = None
        if last_change is not None and last_change <= revision:
            return reader.get_object(ref, transparent_decrypt=False)
        obj = historical.get(ref)
        if obj is None:  # the reader never caches an object read for an earlier revision
            obj = historical[ref] = reader.get_object(ref, revision, transparent_decrypt=False)
        return obj

    return fetch


class _Usages(dict):
    """pyHanko's ``{reference: {RawPdfPath, …}}`` of a revision, each set built when it is first asked for.

    pyHanko turns every path to every object into a ``RawPdfPath`` as soon as the walk ends, and then asks
    (``HistoricalResolver._get_usages_of_ref``) for the paths of the dozen objects a later revision changed.
    Here the walk's paths stay as they were collected (reversed linked lists) until an object's set is asked
    for; the set is then the one pyHanko would have built. Every way of reading the mapping (length, truth,
    membership, iteration, ``get``) sees all of it."""

    def __init__(self, collected, path_class):
        super().__init__()
        self._collected, self._path_class = collected, path_class

    def __missing__(self, ref):
        paths = self._collected.pop(ref)  # KeyError for an object no path leads to, as pyHanko's dict raises
        built = self[ref] = {self._path_class(*reversed(list(path))) for path in paths}
        return built

    def _complete(self) -> None:
        for ref in list(self._collected):
            self[ref]

    def __eq__(self, other):
        self._complete()
        return dict.__eq__(self, other)

    def __ne__(self, other):
        self._complete()
        return dict.__ne__(self, other)

    __hash__ = None

    def __len__(self):
        return super().__len__() + len(self._collected)

    def __bool__(self):
        return len(self) > 0

    def __contains__(self, ref):
        return super().__contains__(ref) or ref in self._collected

    def get(self, ref, default=None):
        return self[ref] if ref in self else default

    def __iter__(self):
        self._complete()
        return super().__iter__()

    def keys(self):
        self._complete()
        return super().keys()

    def values(self):
        self._complete()
        return super().values()

    def items(self):
        self._complete()
        return super().items()


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
    fetch = self if self.reader.encrypt_dict else _unsubsumed_fetcher(self)

    def _compute_paths_to_refs(obj, cur_path, seen_in_path, *, page_tree_objs, is_struct_tree, struct_tree_objs):
        if isinstance(obj, generic.IndirectObject):
            obj_ref = obj.reference
            if obj_ref in seen_in_path:
                return
            collected[obj_ref].add(cur_path)
            seen_in_path = seen_in_path.cons(obj_ref)
            obj = fetch(obj_ref)
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
    self._indirect_object_access_cache = _Usages(collected, RawPdfPath)


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


def _install_orphan_memo() -> None:
    from pyhanko.sign.diff_analysis import policies

    def find_orphans(hist_rev):
        orphans = hist_rev.__dict__.get("_zhili_orphans")
        if orphans is None:
            orphans = hist_rev.__dict__["_zhili_orphans"] = frozenset(find_orphans.original(hist_rev))
        return set(orphans)

    find_orphans.__doc__ = policies._find_orphans.__doc__
    _replace(policies, "_find_orphans", find_orphans)


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
            _install_signature_memo()
            _install_ess_certid()
            _install_flate_memo()
            _install_path_memo()
            _install_orphan_memo()
            _installed = True
