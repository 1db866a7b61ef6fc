"""One check for a photo uploaded to a service: bounded in bytes and pixels, decoding completely as one of the
accepted formats (Pillow's ``verify``, which also catches a truncated file), or a ValidationError naming the field
and the rule. The pixel count is read from the header before anything is decoded, so a decompression bomb is refused
without being expanded."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

PHOTO_SUFFIXES = {"JPEG": "jpg", "PNG": "png"}


def check_photo(data: bytes, *, field: str, label: str, max_bytes: int, max_pixels: int, each: bool = False) -> str:
    """The format (``"JPEG"`` or ``"PNG"``, a key of ``PHOTO_SUFFIXES``) of the photo ``data`` after checking it.
    Errors go under ``field`` and begin with ``label`` (the field's name as people read it, already translated);
    ``each`` says the size bound is per photo of several."""
    if not data:
        raise ValidationError({field: _("{label}：文件为空").format(label=label)}, code="empty")
    if len(data) > max_bytes:
        rule = _("{label}：每张不能超过 {mb} MB") if each else _("{label}：不能超过 {mb} MB")
        raise ValidationError({field: rule.format(label=label, mb=max_bytes // (1024 * 1024))}, code="size")
    incomplete = ValidationError({field: _("{label}：须为完整的 JPEG 或 PNG 图片").format(label=label)}, code="content")
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
            if kind in PHOTO_SUFFIXES and width * height <= max_pixels:
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise incomplete from None
    if kind not in PHOTO_SUFFIXES:
        raise incomplete
    if width * height > max_pixels:
        raise ValidationError({field: _("{label}：像素过多（不超过 {n} 万像素）").format(
            label=label, n=max_pixels // 10_000)}, code="pixels")
    return kind
