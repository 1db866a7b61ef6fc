"""Invoice photos through the offline OCR (ADR 0019): one drawn invoice of each of the seven types, read as a phone
photo; an upside-down one; the QR code filling and contradicting the print; a scan without text; and the bad
inputs that must get a clear answer instead of a confident wrong one. The engine loads once for the module."""

import io
import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from zhili.core.testing.api import PASSWORD
from zhili.scenes.small_matters import ocr
from zhili.scenes.small_matters.invoice_layouts import KINDS, _font, degrade, render
from zhili.scenes.small_matters.invoices import (
    InvoiceReading,
    _cross_check,
    parse_qr,
    read_invoice_pdf,
    read_invoice_upload,
    recognise_image,
)


@pytest.fixture(scope="module")
def drawn():
    """One invoice of each type (random values, seed fixed) and the engine loaded once."""
    ocr.engine()
    rng = random.Random(29)
    return {kind: render(kind, rng) for kind in KINDS}


def _wrong(reading: InvoiceReading, truth: dict) -> dict:
    return {k: (v, reading.fields.get(k)) for k, v in truth.items() if reading.fields.get(k) != v}


@pytest.mark.parametrize("kind", KINDS)
def test_each_of_the_seven_types_is_read_from_a_photo(drawn, kind):
    rendered = drawn[kind]
    photo = degrade(rendered.image, random.Random(kind))
    reading = read_invoice_upload(_jpeg(photo))
    assert reading.kind == kind
    assert _wrong(reading, rendered.truth) == {}, reading.problems
    assert reading.usable, (reading.problems, reading.checks)
    assert all(passed for _label, passed in reading.checks) and (reading.checks or kind == "taxi")


def test_an_upside_down_photo_is_read_the_right_way_round(drawn):
    rendered = drawn["general"]
    reading = recognise_image(np.asarray(rendered.image.rotate(180)))
    assert reading.notes == ["图像上下颠倒，已按旋转 180° 识别"]
    assert (reading.fields["buyer"], reading.fields["seller"]) == (rendered.truth["buyer"], rendered.truth["seller"])
    assert _wrong(reading, rendered.truth) == {}


def test_the_qr_code_confirms_fills_and_contradicts_the_print(drawn):
    rendered = drawn["vat"]
    qr = parse_qr(ocr.read_qr(np.asarray(rendered.image))[0])
    assert (qr["code"], qr["number"], qr["amount"]) == (rendered.truth["code"], rendered.truth["number"],
                                                        rendered.truth["amount"])
    # the printed number covered and a different one written: the clash is named and the reading is not usable
    image = rendered.image.copy()
    draw = ImageDraw.Draw(image)
    draw.rectangle((995, 70, 1390, 102), fill=(252, 252, 247))
    forged = "1" + rendered.truth["number"][1:] if rendered.truth["number"][0] != "1" else "2" + rendered.truth["number"][1:]
    draw.text((1000, 75), f"发票号码：{forged}", font=_font(22), fill=(25, 25, 30))
    reading = recognise_image(np.asarray(image))
    assert reading.fields["number"] == forged and not reading.usable
    assert any(forged in p and rendered.truth["number"] in p for p in reading.problems), reading.problems
    # a field the OCR missed is filled from the QR code and marked so
    partial = InvoiceReading(kind="vat", fields={"number": qr["number"]}, scores={"number": 0.97})
    _cross_check(partial, qr)
    assert (partial.fields["code"], partial.sources["code"], partial.sources["number"]) == (qr["code"], "qr", "qr")


def test_a_scanned_pdf_without_text_is_read_as_an_image(drawn):
    rendered = drawn["e_invoice"]
    buffer = io.BytesIO()
    rendered.image.save(buffer, "PDF", resolution=150)
    reading = read_invoice_pdf(buffer.getvalue())
    assert reading.notes == ["PDF 中没有文字（扫描件），已按图像识别第一页"]
    assert _wrong(reading, rendered.truth) == {}


def test_something_else_is_not_an_invoice_and_nothing_is_guessed():
    notice = Image.new("RGB", (900, 500), "white")
    draw = ImageDraw.Draw(notice)
    for i, text in enumerate(("关于开展垃圾分类宣传活动的通知", "各社区居委会：", "请于本周六上午九点在文化广场集合。",
                              "联系电话：0571-88886666", "金额：¥25.00")):
        draw.text((40, 40 + i * 70), text, font=_font(30), fill="black")
    reading = read_invoice_upload(_jpeg(notice))
    assert (reading.recognised, reading.fields, reading.usable, reading.confidence) == (False, {}, False, 0.0)
    assert reading.problems[0].startswith("未能识别为发票")
    blank = read_invoice_upload(_jpeg(Image.new("RGB", (640, 480), (120, 130, 140))))
    assert (blank.recognised, blank.fields) == (False, {})


def test_a_badly_blurred_photo_is_never_a_confident_wrong_result(drawn):
    rendered = drawn["vat"]
    blurred = rendered.image.resize((700, 430)).filter(ImageFilter.GaussianBlur(2.6))
    reading = recognise_image(np.asarray(blurred))
    assert not reading.usable
    assert reading.problems
    wrong = _wrong(reading, rendered.truth)
    # whatever was given wrongly is either absent or flagged as doubtful on the page
    flagged = {str(label) for label, value, _score, flag in reading.rows() if flag == "low" or not value}
    from zhili.scenes.small_matters.invoices import FIELD_LABELS

    assert all(str(FIELD_LABELS[name]) in flagged for name in wrong) or not reading.recognised


def test_uploads_are_bounded_and_the_page_names_the_field(drawn, citizen_zhou, client):
    huge = io.BytesIO()
    Image.new("L", (8000, 6000), 255).save(huge, "PNG")
    with pytest.raises(ocr.ImageRejected, match="百万像素"):
        read_invoice_upload(huge.getvalue())
    with pytest.raises(ocr.ImageRejected, match="不是可读取的图片"):
        read_invoice_upload(b"GIF89a" + b"\0" * 100)
    client.login(username="citizen_zhou", password=PASSWORD)
    page = client.post("/small_matters/invoice/", {"invoice": _upload(huge.getvalue(), "big.png")})
    assert page.status_code == 400 and "发票文件：图片超过 40 百万像素" in page.content.decode()
    page = client.post("/small_matters/invoice/", {"invoice": _upload(_jpeg(drawn["taxi"].image), "taxi.jpg")})
    body = page.content.decode()
    assert page.status_code == 200 and "出租车发票" in body and drawn["taxi"].truth["plate"] in body
    assert "核对通过" in body


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=88)
    return out.getvalue()


def _upload(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
