"""The CJK font used for rendered documents and for signature stamps.

WeasyPrint finds the font through ``@font-face``. pyHanko needs a single-face TrueType file (it refuses
``.ttc`` collections), so the first face is extracted once, subset to ASCII + GB 2312 + common CJK
punctuation (a smaller file loads much faster on every signature), and cached under ``VAR_DIR`` (see
``font_cache_dir``).

Stamps are fast because nothing font-sized happens per signature: the face is parsed once per process
(``_master``), and for each stamp text a tiny TrueType font holding only the glyphs of that text is built
from the parsed glyphs (``stamp_font_bytes``, itself cached by character set). pyHanko then embeds a subset
of that tiny font, which costs a millisecond instead of re-reading and re-subsetting 7,000 glyphs.
"""

import copy
import hashlib
import io
import threading
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


class FontUnavailable(ImproperlyConfigured):
    """No CJK font could be found; rendering or stamping Chinese text is impossible."""


def cjk_font_path() -> Path:
    """The configured CJK font (``ZHILI_CJK_FONT``) or WenQuanYi Zen Hei from Debian's fonts-wqy-zenhei."""
    configured = getattr(settings, "ESIGN_CJK_FONT", "") or DEFAULT_CJK_FONT
    path = Path(configured)
    if not path.is_file():
        raise FontUnavailable(
            f"找不到中文字体文件 {path}：请安装 fonts-wqy-zenhei，或用 ZHILI_CJK_FONT 指定一个 TrueType 中文字体")
    return path


@lru_cache(maxsize=1)
def _charset() -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    chars.update("　、。·“”‘’《》【】（）：；，！？—…￥")
    return "".join(sorted(chars))


@lru_cache(maxsize=1)
def _charset_set() -> frozenset[str]:
    return frozenset(_charset())


def stamp_font_path(text: str = "") -> Path:
    """A single-face TrueType file for stamps: the cached GB 2312 subset, or the full face for rarer characters."""
    source = cjk_font_path()
    cache = font_cache_dir()
    tag = hashlib.sha256(f"{source}:{source.stat().st_mtime_ns}:{_char_order()}".encode()).hexdigest()[:12]
    subset_path = cache / f"stamp-gb2312-{tag}.ttf"
    full_path = cache / f"stamp-full-{tag}.ttf"
    charset = None
    if not subset_path.exists():
        charset = _charset()
        _write_face(source, subset_path, charset)
    if text:
        if any(ch not in _charset_set() and not ch.isspace() for ch in text):
            if not full_path.exists():
                _write_face(source, full_path, None)
            return full_path
    return subset_path


def font_cache_dir() -> Path:
    """Where the extracted faces are kept: ``ESIGN_FONT_CACHE_DIR`` when set (the test suite shares one per test
    worker, instead of rebuilding the subset in every test's own ``VAR_DIR``), else ``VAR_DIR/esign/fonts``. The
    file names carry a digest of the source font and the character order, so a changed font is never mistaken
    for a cached one."""
    configured = getattr(settings, "ESIGN_FONT_CACHE_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "esign" / "fonts"


def font_family_name(path: Path) -> str:
    """The family name (name ID 1) of a single-face font file, e.g. "WenQuanYi Zen Hei"."""
    return _family_name(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _family_name(path: str, mtime_ns: int) -> str:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return str(font["name"].getDebugName(1) or "CJK")


def _write_face(source: Path, target: Path, charset: str | None, *, common_first: bool = True) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    target.parent.mkdir(parents=True, exist_ok=True)
    if source.suffix.lower() in (".ttc", ".otc"):
        font = TTCollection(str(source)).fonts[0]
    else:
        font = TTFont(str(source))
    if charset is not None:
        options = subset.Options()
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.layout_features = ["*"]
        options.drop_tables += ["BDF ", "FFTM", "EBDT", "EBLC", "EBSC"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=charset)
        subsetter.subset(font)
        if common_first:
            font = _common_glyphs_first(font)
    partial = target.with_suffix(".part")
    font.save(str(partial))
    partial.replace(target)  # atomic: a concurrent reader never sees half a font


@lru_cache(maxsize=1)
def _char_order() -> str:
    """The Chinese characters of the platform's own texts, most used first (``bin/cjk-char-order``)."""
    return (Path(__file__).parent / "data" / "cjk_char_order.txt").read_text(encoding="utf-8").strip()


def _common_glyphs_first(font):
    """The face with its glyphs renumbered: ``.notdef``, Latin, CJK punctuation and full-width forms, the
    characters of ``_char_order``, the rest of GB 2312 level 1 then level 2 (their own order: the commoner
    characters first), then every other glyph as it was.

    WeasyPrint embeds a subset that keeps glyph ids (the page's text refers to them), so the subset's tables
    run up to the highest id a document uses: with the common characters first, a typical contract's subset
    is a tenth of the size (and HarfBuzz makes it in half the time) instead of spanning all 7,500 glyphs.
    Outlines, metrics, the character map and layout tables are the same glyph for glyph; only the numbering
    changes, so a document looks exactly the same."""
    from fontTools.ttLib import TTFont

    buffer = io.BytesIO()
    font.save(buffer)  # a fresh parse: every table decompiled under the subset's own glyph order
    buffer.seek(0)
    font = TTFont(buffer)
    font.ensureDecompiled()
    old_order, cmap = font.getGlyphOrder(), font.getBestCmap()
    ranks = {ch: position for position, ch in enumerate(_char_order())}

    def rank(code: int) -> tuple:
        ch = chr(code)
        if code < 0x250:
            return (0, code)
        if 0x3000 <= code < 0x3040 or 0xFF00 <= code < 0xFFF0 or 0x2000 <= code < 0x2070:
            return (1, code)
        if ch in ranks:
            return (2, ranks[ch])
        try:
            encoded = ch.encode("gb2312")
        except UnicodeEncodeError:
            return (5, code)
        return (3 if encoded[0] < 0xD8 else 4, encoded)  # level 1 is rows 16-55, in GB 2312's order

    first_use = {}
    for code in sorted(cmap, key=rank):
        first_use.setdefault(cmap[code], len(first_use))
    order = [old_order[0], *sorted((name for name in old_order[1:] if name in first_use), key=first_use.get),
             *(name for name in old_order[1:] if name not in first_use)]
    font.setGlyphOrder(order)
    font["glyf"].setGlyphOrder(order)
    return font


_master_lock = threading.Lock()


@lru_cache(maxsize=4)
def _master(path: str, mtime_ns: int):
    """The parsed face at ``path`` (fontTools decompiles glyphs lazily), kept for the life of the process."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=None)
    return font, font.getBestCmap()


def stamp_font_bytes(text: str) -> bytes:
    """A tiny single-face TrueType font with the glyphs of ``text`` (plus ``.notdef`` and the space)."""
    path = stamp_font_path(text)
    chars = "".join(sorted(set(text) | {" "}))
    return _tiny_font(str(path), path.stat().st_mtime_ns, chars)


@lru_cache(maxsize=1024)
def _tiny_font(path: str, mtime_ns: int, chars: str) -> bytes:
    """Copy the compiled outlines of ``chars`` out of the parsed face into a new font (no re-encoding)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    with _master_lock:  # fontTools' lazy tables are not safe to expand from two threads at once
        master, cmap = _master(path, mtime_ns)
        source_glyphs, hmtx = master["glyf"].glyphs, master["hmtx"]
        mapping = {ord(ch): cmap[ord(ch)] for ch in chars if ord(ch) in cmap}
        order, glyphs = [], {}
        pending = [master.getGlyphOrder()[0], *dict.fromkeys(mapping.values())]  # .notdef first
        while pending:
            name = pending.pop(0)
            if name in glyphs:
                continue
            order.append(name)
            glyph = source_glyphs[name]
            if glyph.isComposite():  # rare: re-encoded, because it refers to its components by glyph id
                glyph = copy.deepcopy(glyph)
                glyph.expand(master["glyf"])
                pending.extend(component.glyphName for component in glyph.components)
            elif hasattr(glyph, "data"):
                glyph = Glyph(glyph.data)
            else:
                glyph = copy.deepcopy(glyph)
            glyphs[name] = glyph
        metrics = {name: hmtx[name] for name in order}
        head, hhea, os2, maxp = master["head"], master["hhea"], master["OS/2"], master["maxp"]
        names = master["name"]
        family = str(names.getDebugName(1) or "Zhili CJK")
        style = str(names.getDebugName(2) or "Regular")
        ps_name = str(names.getDebugName(6) or "ZhiliCJK").replace(" ", "")
        os2_fields = {field: getattr(os2, field) for field in (
            "usWeightClass", "usWidthClass", "fsType", "sTypoAscender", "sTypoDescender", "sTypoLineGap",
            "usWinAscent", "usWinDescent", "sxHeight", "sCapHeight") if hasattr(os2, field)}
        extra = {tag: master.reader[tag] for tag in ("cvt ", "fpgm", "prep", "gasp") if tag in master.reader.keys()}
        builder = FontBuilder(head.unitsPerEm, isTTF=True)
        builder.setupGlyphOrder(order)
        builder.setupCharacterMap(mapping)
        glyf = newTable("glyf")
        glyf.glyphs, glyf.glyphOrder = glyphs, order
        builder.font["glyf"], builder.font["loca"] = glyf, newTable("loca")
        builder.setupHorizontalMetrics(metrics)
        builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
        builder.setupNameTable({"familyName": family, "styleName": style, "psName": ps_name})
        builder.setupOS2(**os2_fields)
        builder.setupPost()
        builder.font["maxp"] = copy.copy(maxp)  # upper bounds of the whole face hold for a part of it
        builder.font["maxp"].numGlyphs = len(order)
        for attribute in ("xMin", "yMin", "xMax", "yMax", "flags"):
            setattr(builder.font["head"], attribute, getattr(head, attribute))
        for tag, data in extra.items():
            table = newTable(tag)
            table.decompile(data, builder.font)
            builder.font[tag] = table
    builder.font.recalcBBoxes = False  # the copied outlines keep their own bounding boxes
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()
