"""The CJK font used for rendered documents and for signature stamps.

WeasyPrint finds the font through ``@font-face``. pyHanko needs a single-face TrueType file (it refuses
``.ttc`` collections), so the first face is extracted once, subset to ASCII + GB 2312 + common CJK
punctuation (a smaller file loads much faster on every signature), and cached under ``VAR_DIR``.
"""

import hashlib
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


def stamp_font_path(text: str = "") -> Path:
    """A single-face TrueType file for stamps: the cached GB 2312 subset, or the full face for rarer characters."""
    source = cjk_font_path()
    cache = Path(settings.VAR_DIR) / "esign" / "fonts"
    tag = hashlib.sha256(f"{source}:{source.stat().st_mtime_ns}".encode()).hexdigest()[:12]
    subset_path = cache / f"stamp-gb2312-{tag}.ttf"
    full_path = cache / f"stamp-full-{tag}.ttf"
    charset = None
    if not subset_path.exists():
        charset = _charset()
        _write_face(source, subset_path, charset)
    if text:
        charset = charset or _charset()
        if any(ch not in charset and not ch.isspace() for ch in text):
            if not full_path.exists():
                _write_face(source, full_path, None)
            return full_path
    return subset_path


def _write_face(source: Path, target: Path, charset: str | None) -> None:
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
    partial = target.with_suffix(".part")
    font.save(str(partial))
    partial.replace(target)  # atomic: a concurrent reader never sees half a font
