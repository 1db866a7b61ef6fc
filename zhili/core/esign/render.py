"""HTML/CSS templates to PDF with WeasyPrint, with the CJK font embedded as a subset.

The font is declared with ``@font-face`` in two families named after the font itself (for WenQuanYi:
"WenQuanYi Zen Hei GB2312" and "WenQuanYi Zen Hei Full"): the first is the GB 2312 subset of the
configured face (``fonts.stamp_font_path``, 2 MB instead of a 16 MB collection), the second the configured
font itself, which Pango falls back to, character by character, for anything rarer. Either way only the
glyphs a document uses are embedded, and readers see the real font's name.

Speed: the WeasyPrint ``FontConfiguration`` (fontconfig set-up, the loaded font faces), the parsed
stylesheets and the compiled Django templates are kept per thread and reused across documents, instead of
being rebuilt — and the fonts re-read — for every document. Pango and fontconfig objects are not shared
between threads, hence one set per thread.

Size: WeasyPrint lists the width of every glyph a document uses in each CID font's ``/W`` array, although
most CJK glyphs have the same width (1000/1000 em). ``_compact_widths`` leaves the most common width to the
font's ``/DW`` default (ISO 32000-1 §9.7.4.3), so ``/W`` keeps only the other glyphs: every glyph keeps its
width, the page looks the same, and each reader of the file (every signature step, every verification) has
hundreds fewer objects to parse.
"""

import atexit
import threading
from collections import Counter
from functools import lru_cache

from django.template import Context, Template, engines

from .accel import compressed_streams
from .fonts import cjk_font_path, font_family_name, stamp_font_path

PDF_VARIANT = "pdf/a-3b"
STYLESHEET_CACHE_SIZE = 32

_local = threading.local()


def _font_css() -> str:
    full, subset = cjk_font_path(), stamp_font_path()
    name = font_family_name(subset).replace("'", "")
    return (
        f"@font-face {{ font-family: '{name} GB2312'; src: url('{subset.as_uri()}'); }}\n"
        f"@font-face {{ font-family: '{name} Full'; src: url('{full.as_uri()}'); }}\n"
        f"html {{ font-family: '{name} GB2312', '{name} Full', sans-serif; }}\n"
    )


class _Fonts:
    """One thread's WeasyPrint font configuration with the CJK faces loaded, and stylesheets parsed for it."""

    def __init__(self, font_css: str):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.font_css = font_css
        self.config = FontConfiguration()
        self.base = CSS(string=font_css, font_config=self.config)
        self.stylesheets: dict[str, object] = {}

    def stylesheet(self, css: str):
        from weasyprint import CSS

        sheet = self.stylesheets.get(css)
        if sheet is None:
            if len(self.stylesheets) >= STYLESHEET_CACHE_SIZE:
                self.stylesheets.pop(next(iter(self.stylesheets)))
            sheet = self.stylesheets[css] = CSS(string=css, font_config=self.config)
        return sheet


def _fonts() -> _Fonts:
    font_css = _font_css()  # fails with a clear error before any work if no CJK font is installed
    fonts = getattr(_local, "fonts", None)
    if fonts is None or fonts.font_css != font_css:  # first use in this thread, or the font was changed
        fonts = _local.fonts = _Fonts(font_css)
    return fonts


@atexit.register
def _release_fonts() -> None:
    """Free the main thread's fonts while WeasyPrint can still clean up after them (not at interpreter teardown)."""
    _local.__dict__.pop("fonts", None)


DEFAULT_CID_WIDTH = 1000  # a CID font's /DW when it has none (ISO 32000-1, Table 117)


def _compact_widths(document, pdf) -> None:
    """A WeasyPrint finisher: in every CID font, glyphs of the most common width go to ``/DW``, not ``/W``.

    Only the ``/W`` form WeasyPrint writes (``first-CID [width width ...]`` pairs) is rewritten, in the same
    form; anything else is left as it is."""
    import pydyf

    for obj in pdf.objects:
        if not isinstance(obj, pydyf.Dictionary) or obj.get("Subtype") not in ("/CIDFontType0", "/CIDFontType2") \
                or "DW" in obj or not isinstance(obj.get("W"), list):
            continue
        entries, widths = obj["W"], {}
        if len(entries) % 2 or not all(isinstance(first, int) and isinstance(run, list)
                                       for first, run in zip(entries[::2], entries[1::2], strict=True)):
            continue
        for first, run in zip(entries[::2], entries[1::2], strict=True):
            for offset, width in enumerate(run):
                widths[first + offset] = width
        if not widths:
            continue
        common = Counter(widths.values()).most_common(1)[0][0]
        compact, previous, run = pydyf.Array(), None, None
        for cid in sorted(widths):
            if widths[cid] == common:
                continue
            if previous != cid - 1:
                run = pydyf.Array()
                compact.extend((cid, run))
            run.append(widths[cid])
            previous = cid
        obj["W"] = compact
        if common != DEFAULT_CID_WIDTH:
            obj["DW"] = common


def _shareable(font) -> bool:
    """No variation axes or instance, colour glyphs or bitmaps: a face whose every weight is drawn alike."""
    return not (font.bitmap or font.png or font.svg or font.colr or font.variations or "fvar" in font.tables)


def _shared_face(candidate, fonts) -> object | None:
    """The font among ``fonts`` that ``candidate`` can be drawn with: the same face of the same file, the same
    style, and both ``_shareable``, so that only the requested weight differs."""
    if not _shareable(candidate):
        return None
    for font in fonts:
        if font.index == candidate.index and font.style == candidate.style and font.family == candidate.family \
                and _shareable(font) and len(font.file_content) == len(candidate.file_content) \
                and font.file_content == candidate.file_content:
            return font
    return None


def _same_face_font(pango_font, description, fonts) -> object | None:
    """The font among ``fonts`` that Pango draws from the very face object of ``pango_font`` (HarfBuzz keeps one
    per file and index), asked for in the same style without variations, found before a ``Font`` is built for
    it (which copies the whole face file). None when there is none or the face is not one to share: the caller
    then builds the ``Font`` and compares its file (``_shared_face``)."""
    from weasyprint.text.ffi import ffi, harfbuzz, pango

    if pango.pango_font_description_get_variations(description) != ffi.NULL:
        return None
    face = harfbuzz.hb_font_get_face(pango.pango_font_get_hb_font(pango_font))
    style = pango.pango_font_description_get_style(description)
    for font in fonts:
        if harfbuzz.hb_font_get_face(font.hb_font) == face and font.style == style and _shareable(font):
            return font
    return None


def _keep_lighter_weight(font, description) -> None:
    """Name the shared font (``/BaseFont``, ``/FontName``, ``/FontWeight``) after the lighter of its weight and
    the one ``description`` asks for, as WeasyPrint names a font after its description."""
    import re

    from weasyprint.text.ffi import ffi, pango

    weight = pango.pango_font_description_get_weight(description)
    if weight < font.weight:
        described = ffi.string(pango.pango_font_description_to_string(description))
        font.weight = weight
        font.name = font.name.split(b"+", 1)[0] + b"+" + re.split(b" [#@]", described)[0].replace(b" ", b"-")


def _install_face_sharing() -> None:
    """WeasyPrint embeds one font per weight asked for, even when one face serves every weight.

    A CJK face has no bold of its own: a bold heading is laid out with the same face, and WeasyPrint draws
    it with the same outlines (it does not embolden), yet embeds a second subset of the same file under a
    "Bold" name. Inside ``render_pdf`` the second request gets the font already embedded for that face:
    one subset, one set of font objects, identical pages (every glyph is placed as before: WeasyPrint writes
    each glyph's offset from the width recorded in the font it is drawn with). The font keeps the lighter
    weight's name and ``/FontWeight``. Variable fonts (an ``fvar`` table), whose weights are different
    instances, colour and bitmap fonts are never shared.
    """
    from weasyprint.pdf import stream as pdf_stream
    from weasyprint.pdf.fonts import Font
    from weasyprint.text.fonts import get_pango_font_key

    original = pdf_stream.Stream.add_font
    if getattr(original, "shares_faces", False):
        return

    def add_font(self, pango_font):
        aliases = getattr(_local, "face_aliases", None)
        if aliases is None:
            return original(self, pango_font)
        key, description, font_size = get_pango_font_key(pango_font)
        font = self._fonts.get(key) or aliases.get(key)
        if font is None:
            font = _same_face_font(pango_font, description, self._fonts.values())
            if font is None:
                candidate = Font(pango_font, description, font_size)
                font = _shared_face(candidate, self._fonts.values())
                if font is None:
                    font = self._fonts[key] = candidate
                    return font, font_size
            aliases[key] = font
            _keep_lighter_weight(font, description)
        return font, font_size

    add_font.shares_faces = True
    pdf_stream.Stream.add_font = add_font


_install_lock = threading.Lock()


def _face_aliases() -> dict | None:
    """A fresh alias table for one document (``None`` would let WeasyPrint embed one font per weight)."""
    return {}


@lru_cache(maxsize=64)
def _compiled(source: str) -> Template:
    return Template(source)


def render_pdf(template: str, context: dict | None = None, *, template_name: str | None = None,
               css: str = "", archival: bool = True) -> bytes:
    """Render a Django template (given as source text, or by ``template_name``) to PDF bytes.

    The CJK font is embedded (subset); ``archival`` asks WeasyPrint for PDF/A-3b, which later PAdES
    signatures in incremental updates keep intact.
    """
    from weasyprint import HTML

    fonts = _fonts()
    if template_name:
        html = engines["django"].get_template(template_name).render(context or {})
    else:
        html = _compiled(template).render(Context(context or {}))
    document = HTML(string=html, base_url=None)
    stylesheets = [fonts.base] + ([fonts.stylesheet(css)] if css else [])
    options = {"pdf_variant": PDF_VARIANT} if archival else {}
    with _install_lock:
        _install_face_sharing()
    _local.face_aliases = _face_aliases()
    try:
        with compressed_streams():
            return document.write_pdf(stylesheets=stylesheets, font_config=fonts.config, finisher=_compact_widths,
                                      **options)
    finally:
        _local.face_aliases = None
