"""The photo check every service's upload goes through: each refusal names the field and the rule."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from zhili.core.foundation.api import check_photo


def _image(fmt: str, size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt)
    return out.getvalue()


def _refused(data, **bounds) -> str:
    options = {"field": "photo", "label": "现场照片", "max_bytes": 1024 * 1024, "max_pixels": 10_000} | bounds
    with pytest.raises(ValidationError) as raised:
        check_photo(data, **options)
    (message,) = raised.value.message_dict["photo"]
    return message


def test_a_jpeg_and_a_png_pass_with_their_format():
    assert check_photo(_image("JPEG"), field="photo", label="照片", max_bytes=1024 * 1024, max_pixels=10_000) == "JPEG"
    assert check_photo(_image("PNG"), field="photo", label="照片", max_bytes=1024 * 1024, max_pixels=10_000) == "PNG"


def test_each_refusal_names_the_field_and_the_rule():
    png = _image("PNG")
    assert _refused(b"") == "现场照片：文件为空"
    assert _refused(png, max_bytes=10) == "现场照片：不能超过 0 MB"
    assert _refused(png, max_bytes=10, each=True) == "现场照片：每张不能超过 0 MB"
    assert _refused(png[: len(png) // 2]) == "现场照片：须为完整的 JPEG 或 PNG 图片"  # truncated
    assert _refused(_image("GIF")) == "现场照片：须为完整的 JPEG 或 PNG 图片"
    assert _refused(b"not an image at all") == "现场照片：须为完整的 JPEG 或 PNG 图片"
    assert _refused(_image("PNG", size=(200, 100)), max_pixels=19_999) == "现场照片：像素过多（不超过 1 万像素）"
