"""QR codes for links, as PNG bytes and SVG text (segno, no network, no image library)."""

import io

import segno


def qr_code(url: str) -> segno.QRCode:
    """The QR code for ``url`` with error correction level M, as the size an SMS link needs."""
    return segno.make(url, error="m", micro=False)


def qr_png(url: str, *, scale: int = 8) -> bytes:
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(url: str, *, scale: int = 8) -> str:
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True, title=url)
    return buffer.getvalue().decode("utf-8")
