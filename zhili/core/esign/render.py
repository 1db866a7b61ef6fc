"""HTML/CSS templates to PDF with WeasyPrint, with the CJK font embedded as a subset."""

from django.template import Context, Template, engines

from .fonts import cjk_font_path

PDF_VARIANT = "pdf/a-3b"
FONT_FAMILY = "Zhili CJK"


def _font_css() -> str:
    path = cjk_font_path()
    return (
        f"@font-face {{ font-family: '{FONT_FAMILY}'; src: url('{path.as_uri()}'); }}\n"
        f"html {{ font-family: '{FONT_FAMILY}', sans-serif; }}\n"
    )


def render_pdf(template: str, context: dict | None = None, *, template_name: str | None = None,
               css: str = "", archival: bool = True) -> bytes:
    """Render a Django template (given as source text, or by ``template_name``) to PDF bytes.

    The CJK font is embedded (subset); ``archival`` asks WeasyPrint for PDF/A-3b, which later PAdES
    signatures in incremental updates keep intact.
    """
    from weasyprint import CSS, HTML

    font_css = _font_css()  # fails with a clear error before any work if no CJK font is installed
    if template_name:
        html = engines["django"].get_template(template_name).render(context or {})
    else:
        html = Template(template).render(Context(context or {}))
    document = HTML(string=html, base_url=None)
    stylesheets = [CSS(string=font_css)] + ([CSS(string=css)] if css else [])
    options = {"pdf_variant": PDF_VARIANT} if archival else {}
    return document.write_pdf(stylesheets=stylesheets, **options)
