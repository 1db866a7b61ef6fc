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
"""

import atexit
import threading
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
    with compressed_streams():
        return document.write_pdf(stylesheets=stylesheets, font_config=fonts.config, **options)
