"""The visible stamp of a signature: the signer's role, name and time in Chinese, or the seal image."""

import datetime as dt
import io
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils import timezone

from .choices import CertificateKind, SignerRole


def chinese_time(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.year}年{local.month}月{local.day}日 {local.hour:02d}:{local.minute:02d}:{local.second:02d}"


def default_stamp_text(signer_certificate, role: str, moment: dt.datetime) -> str:
    if signer_certificate.kind == CertificateKind.ORGANIZATION:
        holder = signer_certificate.organization.name
    else:
        holder = signer_certificate.user.name or signer_certificate.user.username
    role_label = dict(SignerRole.choices).get(role, role)
    return f"{role_label}：{holder}\n签署时间：{chinese_time(moment)}"


def _tiny_font_factory(font_bytes: bytes, font_size: int):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.font.api import FontEngineFactory
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

    class TinyFontFactory(FontEngineFactory):
        """pyHanko's GlyphAccumulator for a font that holds only the stamp's glyphs (``fonts.stamp_font_bytes``).

        The font is embedded as it is: pyHanko would subset it again and re-encode every outline with
        fontTools, which costs more than the whole signature, for a font that is already the subset.
        """

        def create_font_engine(self, writer, obj_stream=None):
            if obj_stream is None and writer.stream_xrefs:
                obj_stream = writer.prepare_object_stream()
            engine = GlyphAccumulator(writer=writer, font_handle=io.BytesIO(font_bytes), font_size=font_size,
                                      obj_stream=obj_stream)
            engine._subset_created = True
            cid_font = engine.cidfont_obj

            def set_font_file(target_writer):
                stream = generic.StreamObject(stream_data=font_bytes)
                stream.compress()
                reference = target_writer.add_object(stream)
                cid_font._font_descriptor[generic.pdf_name("/FontFile2")] = reference
                return reference

            cid_font.set_font_file = set_font_file
            return engine

    return TinyFontFactory()


@lru_cache(maxsize=32)
def _seal_image(image: bytes):
    """The decoded seal image (Pillow), cached by content: one seal stamps many documents."""
    from PIL import Image

    decoded = Image.open(io.BytesIO(image))
    decoded.load()
    return decoded


def stamp_style(*, text: str | None, image: bytes | None):
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import StaticStampStyle, TextStampStyle

    from .fonts import stamp_font_bytes

    background = None
    if image:
        try:
            background = PdfImage(_seal_image(bytes(image)))
        except Exception as exc:
            raise ValidationError({"stamp_image": "签章图片无法读取（须为 PNG 或 JPEG 图片）"}) from exc
    if not text:
        return StaticStampStyle(background=background, border_width=0)
    size = 9
    font = _tiny_font_factory(stamp_font_bytes(text), size)
    return TextStampStyle(stamp_text=text.replace("%", "%%"), text_box_style=TextBoxStyle(font=font, font_size=size),
                          background=background, background_opacity=0.9, border_width=1)
