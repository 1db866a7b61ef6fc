"""Faster, behaviour-preserving replacements for two hot spots in the PDF libraries (issue #3 speed targets).

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

``install()`` runs from ``EsignConfig.ready``; it is idempotent.
"""

import binascii
import re
import threading
import zlib
from contextlib import contextmanager
from functools import lru_cache

ZLIB_LEVEL = 6
_HEX_SPAN = re.compile(rb"[0-9a-fA-F \n\r\t\f\x00]*")
_WHITESPACE = b" \n\r\t\f\x00"
_CHUNK = 8192

_installed = False
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
    if getattr(original, "_zhili_fast", False):
        return

    def read_hex_string_from_stream(stream):
        return _read_hex_string(stream, original)

    read_hex_string_from_stream._zhili_fast = True
    read_hex_string_from_stream.original = original
    read_hex_string_from_stream.__doc__ = original.__doc__
    generic.read_hex_string_from_stream = read_hex_string_from_stream


def _install_stream_compression() -> None:
    import pydyf

    original = pydyf.Stream.data
    if getattr(original.fget, "_zhili_fast", False):
        return

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

    data._zhili_fast = True
    data.original = original.fget
    pydyf.Stream.data = property(data, doc=original.__doc__)


@lru_cache(maxsize=1024)
def _comparison_key(der: bytes) -> tuple:
    """What asn1crypto's ``Name.__eq__`` compares, once per encoded RDN sequence: per RDN, in order, the
    number of attributes and the prepared (RFC 5280 §7.1) values by type (``RelativeDistinguishedName.hashable``)."""
    from asn1crypto import x509

    return tuple((len(rdn), rdn.hashable) for rdn in x509.RDNSequence.load(der))


def _install_name_equality() -> None:
    from asn1crypto import x509

    original = x509.Name.__eq__
    if getattr(original, "_zhili_fast", False):
        return

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, x509.Name):
            return original(self, other)
        # The RDN sequences' encodings: a Name inside a GeneralName carries an explicit tag of its own.
        mine, theirs = self.chosen.dump(), other.chosen.dump()
        return mine == theirs or _comparison_key(mine) == _comparison_key(theirs)

    __eq__._zhili_fast = True
    __eq__.original = original
    x509.Name.__eq__ = __eq__


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
    import pydyf
    from asn1crypto import x509
    from pyhanko.pdf_utils import generic

    install()
    saved = (generic.read_hex_string_from_stream, pydyf.Stream.data, x509.Name.__eq__)
    generic.read_hex_string_from_stream = saved[0].original
    pydyf.Stream.data = property(saved[1].fget.original)
    x509.Name.__eq__ = saved[2].original
    try:
        yield
    finally:
        generic.read_hex_string_from_stream, pydyf.Stream.data, x509.Name.__eq__ = saved


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
            _installed = True
