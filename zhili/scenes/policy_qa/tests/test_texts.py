"""The loader of official texts: every format, chapters and articles with their numbers (之一 included), dates,
and the reasons a file is refused."""

import io

import pytest

from zhili.scenes.policy_qa import texts

from .conftest import TEXTS


def test_chinese_numbers():
    assert [texts.chinese_number(s) for s in ("一", "十", "十二", "二十", "九十八", "一百零七", "二百七十六", "15")] == \
        [1, 10, 12, 20, 98, 107, 276, 15]


def test_the_labour_contract_law_splits_into_its_98_articles_with_chapters():
    parsed = texts.parse_text("劳动合同法.txt", texts.read_document("劳动合同法.txt",
                                                                    (TEXTS / "劳动合同法.txt").read_bytes()))
    assert parsed.title == "中华人民共和国劳动合同法"
    assert parsed.short_title == "劳动合同法"
    assert len(parsed.articles) == 98
    article = next(a for a in parsed.articles if a.number == 82)
    assert article.label == "第八十二条"
    assert article.chapter == "第七章 法律责任"
    assert article.text.startswith("用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。")
    assert len(article.paragraphs) == 2
    assert parsed.promulgated_on.isoformat() == "2012-12-28"
    assert parsed.in_force_from.isoformat() == "2008-01-01"


def test_an_article_numbered_zhi_yi_keeps_its_suffix():
    parsed = texts.parse_text("刑法节选.txt", texts.read_document("刑法节选.txt", (TEXTS / "刑法节选.txt").read_bytes()))
    assert parsed.short_title == "刑法"
    assert [(a.number, a.suffix, a.label) for a in parsed.articles] == [
        (276, 0, "第二百七十六条"), (276, 1, "第二百七十六条之一")]
    assert parsed.articles[1].text.count("\n") == 2  # three paragraphs


@pytest.mark.parametrize("name", ["sample.docx", "sample.pdf", "sample.html"])
def test_docx_pdf_and_html_give_the_same_articles(name):
    parsed = texts.parse_text(name, texts.read_document(name, (TEXTS / name).read_bytes()))
    assert parsed.title.startswith("某市劳动关系促进条例")
    assert [a.label for a in parsed.articles] == ["第一条", "第二条", "第三条", "第三条之一", "第四条"]
    assert [a.chapter for a in parsed.articles][2:] == ["第二章 工资支付"] * 3
    assert parsed.articles[3].text == "建设工程项目应当在施工现场设置维权信息告示牌。"
    assert parsed.in_force_from.isoformat() == "2024-05-01"
    assert parsed.promulgated_on.isoformat() == "2024-03-01"
    assert "alert" not in " ".join(a.text for a in parsed.articles)


def test_gb18030_text_is_read():
    data = "某规定\n第一条 工资应当按月支付。\n第二条 本规定自2020年1月1日起施行。\n".encode("gb18030")
    parsed = texts.parse_text("a.txt", texts.read_document("a.txt", data))
    assert [a.label for a in parsed.articles] == ["第一条", "第二条"]


def test_a_wrapped_pdf_line_that_starts_with_an_earlier_article_stays_in_its_article():
    parsed = texts.parse_text("x.txt", "某法\n第一条 甲。\n第二条 依照本法\n第一条 的规定处理。\n第三条 丙。")
    assert [a.label for a in parsed.articles] == ["第一条", "第二条", "第三条"]
    assert parsed.articles[1].text == "依照本法\n第一条 的规定处理。"


@pytest.mark.parametrize("name, data, reason", [
    ("law.rtf", b"{\\rtf1}", "不支持的文件格式「rtf」"),
    ("law.txt", b"", "文件是空的"),
    ("law.txt", "某通知\n请各单位认真执行。".encode(), "没有找到「第X条」格式的条文"),
    ("law.docx", b"PK\x03\x04 not really a docx", "无法读取 DOCX 文件"),
    ("law.pdf", b"%PDF-1.7 broken", "无法读取 PDF 文件"),
    ("law.txt", b"\x81\x30\xff" * 3, "文本编码无法识别"),
    ("law.txt", "某法\n第一条 甲。\n第一条 又是一条。".encode(), "条文序号重复：第一条"),
    ("law.txt", b"x" * (texts.MAX_BYTES + 1), "文件超过 5 MB 上限"),
])
def test_unreadable_files_name_the_file_and_the_reason(name, data, reason):
    with pytest.raises(texts.TextRejected) as caught:
        texts.parse_text(name, texts.read_document(name, data))
    assert str(caught.value).startswith(f"{name}：")
    assert reason in str(caught.value)


def test_a_docx_built_here_is_read():
    import docx

    document = docx.Document()
    for line in ("测试办法", "第一条 目的。", "第二条 范围。"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = texts.parse_text("t.docx", texts.read_document("t.docx", buffer.getvalue()))
    assert [a.text for a in parsed.articles] == ["目的。", "范围。"]
