"""Rendering: the compacted glyph widths (``render._compact_widths``), the face shared by every weight
(``render._install_face_sharing``) and the reordered face change nothing a reader shows."""

import io
import subprocess

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from zhili.core.esign import render

HTML = """
<h1>劳动合同书</h1>
<p>甲方：建德市某某机械有限公司　乙方：张三　Tel 0571-64712345</p>
<p>月工资 5,200.00 元（大写：伍仟贰佰元整），每月 15 日支付。Wage: CNY 5,200.00 (monthly).</p>
<p><b>第九条</b> 本合同以电子形式订立，与纸质合同具有同等法律效力。ÀÉÎ «» — … ①②③</p>
"""
CSS = "@page { size: A5; margin: 10mm; } p { font-size: 10pt; } h1 { font-size: 18pt; }"


def _cid_fonts(pdf: bytes) -> dict[str, dict]:
    """{font name: the CIDFont dictionary} of a rendered (unsigned, one-revision) PDF."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    fonts = {}
    for ref in reader.xrefs.explicit_refs_in_revision(0):
        obj = reader.get_object(ref)
        if isinstance(obj, dict) and obj.get("/Subtype") in ("/CIDFontType0", "/CIDFontType2"):
            fonts[str(obj["/BaseFont"])[8:]] = obj  # without the random subset tag "ABCDEF+"
    return fonts


def _widths(font: dict) -> dict[int, float]:
    """Every CID's width as a reader takes it: from /W where listed, else /DW (default 1000)."""
    default = float(font.get("/DW", 1000))
    listed, entries, i = {}, list(font["/W"]), 0
    while i < len(entries):
        if isinstance(entries[i + 1], list):
            for offset, width in enumerate(entries[i + 1]):
                listed[entries[i] + offset] = float(width)
            i += 2
        else:  # first last width
            for cid in range(entries[i], entries[i + 1] + 1):
                listed[cid] = float(entries[i + 2])
            i += 3
    return listed, default


def _pixels(pdf: bytes, tmp_path, name: str) -> bytes:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftoppm", "-r", "60", "-gray", str(path)], capture_output=True, check=True).stdout


@pytest.fixture
def both_renderings(monkeypatch):
    compacted = render.render_pdf(HTML, css=CSS)
    monkeypatch.setattr(render, "_compact_widths", lambda document, pdf: None)
    as_weasyprint_writes_it = render.render_pdf(HTML, css=CSS)
    return compacted, as_weasyprint_writes_it


def test_every_glyph_keeps_its_width_and_the_pages_look_the_same(both_renderings, tmp_path):
    compacted, stock = both_renderings
    fonts, stock_fonts = _cid_fonts(compacted), _cid_fonts(stock)
    assert fonts.keys() == stock_fonts.keys() and len(fonts) >= 2  # the GB 2312 face and the full one
    for name, font in fonts.items():
        listed, default = _widths(font)
        stock_listed, stock_default = _widths(stock_fonts[name])
        assert "/DW" not in stock_fonts[name]
        for cid, width in stock_listed.items():  # WeasyPrint lists every glyph the document uses
            assert listed.get(cid, default) == width, (name, cid)
        assert set(listed) <= set(stock_listed)
        assert len(font["/W"]) < len(stock_fonts[name]["/W"])  # the CJK glyphs' 1000s are gone

    assert _pixels(compacted, tmp_path, "compacted") == _pixels(stock, tmp_path, "stock")


def test_a_font_whose_common_width_is_not_1000_gets_it_as_dw():
    import pydyf

    font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/CIDFontType2",
                             "W": pydyf.Array([3, pydyf.Array([500, 500, 250]), 7, pydyf.Array([500, 1000])])})
    untouched = pydyf.Dictionary({"Type": "/Font", "Subtype": "/CIDFontType2", "W": pydyf.Array([1, 5, 500])})
    pdf = pydyf.PDF()
    pdf.add_object(font)
    pdf.add_object(untouched)

    render._compact_widths(None, pdf)

    assert font["DW"] == 500 and list(font["W"]) == [5, [250], 8, [1000]]
    assert list(untouched["W"]) == [1, 5, 500] and "DW" not in untouched  # a form WeasyPrint does not write


def test_the_face_with_common_glyphs_first_renders_the_same_pages_from_far_smaller_subsets(tmp_path, monkeypatch):
    """``fonts._common_glyphs_first`` only renumbers glyphs: the same text, the same pixels, and a typical
    contract's embedded subsets no longer span the whole GB 2312 face."""
    from fontTools.ttLib import TTFont

    from zhili.core.esign import fonts

    natural = tmp_path / "natural-order.ttf"
    fonts._write_face(fonts.cjk_font_path(), natural, fonts._charset(), common_first=False)
    ordered = render.render_pdf(HTML, css=CSS)
    monkeypatch.setattr(render, "stamp_font_path", lambda text="": natural)
    unordered = render.render_pdf(HTML, css=CSS)

    assert _pixels(ordered, tmp_path, "ordered") == _pixels(unordered, tmp_path, "unordered")
    texts = []
    for name, pdf in (("ordered", ordered), ("unordered", unordered)):
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        texts.append(subprocess.run(["pdftotext", str(tmp_path / f"{name}.pdf"), "-"], capture_output=True,
                                    check=True, text=True).stdout)
    assert texts[0] == texts[1] and "劳动合同书" in texts[0]

    def embedded_glyphs(pdf: bytes) -> dict[str, int]:
        """{font name without its subset tag: glyphs in the embedded subset} of the GB 2312 face's subsets."""
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        counts = {}
        for ref in reader.xrefs.explicit_refs_in_revision(0):
            obj = reader.get_object(ref)
            if isinstance(obj, dict) and "/FontFile2" in obj and "GB2312" in str(obj["/FontName"]):
                counts[str(obj["/FontName"])[8:]] = TTFont(io.BytesIO(obj["/FontFile2"].data))["maxp"].numGlyphs
        return counts

    small, large = embedded_glyphs(ordered), embedded_glyphs(unordered)
    assert small.keys() == large.keys() and len(small) >= 1
    for name, count in small.items():  # glyph ids are kept: a subset runs up to the highest id the page uses
        assert count < 2000 < large[name], name


def _text(pdf: bytes, tmp_path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


def test_bold_text_is_drawn_from_the_one_embedded_face_with_the_same_pages_and_text(tmp_path, monkeypatch):
    """The CJK face has no bold: WeasyPrint would embed a second subset of the same file for the heading and
    the <b>, drawn with the same outlines. Shared, the document embeds the face once, under its own weight."""
    shared = render.render_pdf(HTML, css=CSS)
    monkeypatch.setattr(render, "_face_aliases", lambda: None)
    per_weight = render.render_pdf(HTML, css=CSS)

    def gb2312_fonts(pdf):
        return sorted(name for name in _cid_fonts(pdf) if "GB2312" in name)

    per_weight_names, shared_names = gb2312_fonts(per_weight), gb2312_fonts(shared)
    assert len(per_weight_names) == 2 and any(name.endswith("-Bold") for name in per_weight_names)
    assert len(shared_names) == 1 and shared_names[0] in per_weight_names and not shared_names[0].endswith("-Bold")
    assert len(shared) < len(per_weight)
    assert _pixels(shared, tmp_path, "shared") == _pixels(per_weight, tmp_path, "per-weight")
    assert _text(shared, tmp_path, "shared") == _text(per_weight, tmp_path, "per-weight")


def test_a_variable_colour_or_other_face_is_never_shared():
    from types import SimpleNamespace

    def font(**changes):
        values = dict(index=0, style=0, family="F", bitmap=False, png=False, svg=False, colr=False, variations={},
                      tables=["glyf", "cmap"], file_content=b"face")
        return SimpleNamespace(**{**values, **changes})

    embedded = font()
    assert render._shared_face(font(), [embedded]) is embedded
    for different in ({"file_content": b"other"}, {"index": 1}, {"style": 2}, {"family": "G"},
                      {"tables": ["glyf", "fvar"]}, {"variations": {"wght": 700.0}}, {"colr": True},
                      {"bitmap": True}):
        assert render._shared_face(font(**different), [embedded]) is None, different
