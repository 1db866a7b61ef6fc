"""Invoice check from a PDF's text: fields, arithmetic checks, confidence; a PDF without text is read as an image, and
no invoice gets a clear answer."""

from decimal import Decimal

import pytest

from zhili.scenes.small_matters.invoices import read_invoice_pdf, read_invoice_text, words_to_amount

DIGITAL = """电子发票（增值税专用发票） 发票号码：26332000000123456789 开票日期：2026年03月05日
购买方信息 名称：周晓梅 销售方信息 名称：建德市新安江纺织有限公司
合 计 ¥1,000.00 ¥130.00
价税合计（大写） ⓧ壹仟壹佰叁拾圆整 （小写）¥1,130.00"""


@pytest.mark.parametrize(("words", "amount"), [
    ("壹仟贰佰叁拾肆圆伍角陆分", "1234.56"), ("壹万零伍拾圆整", "10050"), ("玖佰零玖圆零伍分", "909.05"),
    ("壹拾贰万叁仟肆佰伍拾陆圆柒角捌分", "123456.78"),
])
def test_amounts_in_words(words, amount):
    assert words_to_amount(words) == Decimal(amount)


def test_a_digital_invoice_is_read_with_its_checks():
    reading = read_invoice_text(DIGITAL)
    assert reading.fields["number"] == "26332000000123456789"
    assert (reading.fields["date"], reading.fields["total"], reading.confidence, reading.usable) == (
        "2026-03-05", "1130.00", 1.0, True)


def test_a_wrong_total_in_words_fails_its_check():
    reading = read_invoice_text(DIGITAL.replace("壹仟壹佰叁拾圆整", "壹仟壹佰叁拾壹圆整"))
    assert ("大写金额与小写金额一致", False) in reading.checks
    assert not reading.usable


def test_a_real_pdf_is_read_and_a_pdf_without_text_is_not_guessed():
    from weasyprint import HTML

    pdf = HTML(string=f"<html><body><pre style='font-family: \"WenQuanYi Zen Hei\", sans-serif'>{DIGITAL}</pre>"
                      "</body></html>").write_pdf()
    reading = read_invoice_pdf(pdf)
    assert reading.fields.get("total") == "1130.00", reading.problems
    blank = HTML(string="<html><body></body></html>").write_pdf()
    empty = read_invoice_pdf(blank)
    assert (empty.fields, empty.confidence < 0.5, empty.usable) == ({}, True, False)
    assert empty.notes == ["PDF 中没有文字（扫描件），已按图像识别第一页"]
    assert empty.problems[0].startswith("未能识别为发票")
    assert "不是可读取的 PDF" in read_invoice_pdf(b"not a pdf").problems[0]
