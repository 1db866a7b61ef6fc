"""Reading official texts (TXT, DOCX, PDF, HTML) and splitting them into chapters and articles.

``read_document(name, data)`` turns the bytes of an uploaded file into plain lines; ``parse_text(text)`` finds the
title, the header (题注: adoption and amendment dates), the chapters (编/章/节) and the articles, numbered as in
the text (第八十二条, 第二百七十六条之一). A file that cannot be read or holds no article raises ``TextRejected``
naming the file and the reason; nothing is stored by this module (``services.load_text`` does that atomically).
"""

import datetime as dt
import io
import re
from dataclasses import dataclass, field

MAX_BYTES = 5 * 1024 * 1024  # an official text is well under this; bigger uploads are refused
FORMATS = ("txt", "docx", "pdf", "html", "htm")

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = r"[零〇一二三四五六七八九十百千两\d]+"
ARTICLE = re.compile(rf"^\s*第({NUMERAL})条(?:之({NUMERAL}))?(?:[\s\u3000]+|$)")
HEADING = re.compile(rf"^\s*第({NUMERAL})(编|章|节)(?:[\s\u3000]*)(.*)$")
DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
IN_FORCE = re.compile(r"自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日起(?:施行|实施|生效)")


class TextRejected(Exception):
    """An uploaded text that cannot be loaded: ``str(exc)`` names the file and the reason."""

    def __init__(self, name: str, reason: str):
        self.name, self.reason = name, reason
        super().__init__(f"{name}：{reason}")


@dataclass
class ParsedArticle:
    number: int
    suffix: int
    label: str
    chapter: str
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class ParsedText:
    title: str
    header: list[str]
    articles: list[ParsedArticle]

    @property
    def dates(self) -> list[dt.date]:
        return [d for d in (_date(m) for line in self.header for m in DATE.finditer(line)) if d]

    @property
    def promulgated_on(self) -> dt.date | None:
        """The latest adoption or amendment date in the header (题注)."""
        return max(self.dates, default=None)

    @property
    def in_force_from(self) -> dt.date | None:
        """The date of the "自…起施行" clause, where the text has one (usually its last article)."""
        for article in reversed(self.articles):
            match = IN_FORCE.search(article.text)
            if match:
                return _date(match)
        return None

    @property
    def short_title(self) -> str:
        return short_title(self.title)


def short_title(title: str) -> str:
    """The name an answer cites: 中华人民共和国劳动合同法 → 劳动合同法; （节选）and similar notes dropped."""
    name = re.sub(r"[（(][^）)]*[）)]", "", title).strip()
    return name.removeprefix("中华人民共和国") or name


def chinese_number(text: str) -> int:
    """二百七十六 → 276, 十 → 10, 一百零八 → 108; Arabic digits are read as they are."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in CN_DIGITS:
            current = CN_DIGITS[char]
        elif char in CN_UNITS:
            total += (current or 1) * CN_UNITS[char]
            current = 0
        else:
            raise ValueError(char)
    return total + current


def _date(match) -> dt.date | None:
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def file_format(name: str) -> str:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return "html" if suffix == "htm" else suffix


def read_document(name: str, data: bytes) -> str:
    """The plain text of an uploaded file, one paragraph a line."""
    kind = file_format(name)
    if kind not in ("txt", "docx", "pdf", "html"):
        raise TextRejected(name, f"不支持的文件格式「{kind or '无扩展名'}」，请上传 TXT、DOCX、PDF 或 HTML 文件")
    if not data:
        raise TextRejected(name, "文件是空的")
    if len(data) > MAX_BYTES:
        raise TextRejected(name, f"文件超过 {MAX_BYTES // 1024 // 1024} MB 上限")
    try:
        text = {"txt": _read_txt, "docx": _read_docx, "pdf": _read_pdf, "html": _read_html}[kind](data)
    except TextRejected as exc:
        raise TextRejected(name, exc.reason) from None
    except Exception as exc:  # a damaged file: every reader raises its own kind of error
        raise TextRejected(name, f"无法读取 {kind.upper()} 文件（{type(exc).__name__}），文件可能已损坏") from None
    # full-width punctuation stays as the official text has it; only the ideographic space becomes a space
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\xa0", " ")


def _read_txt(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TextRejected("", "文本编码无法识别（支持 UTF-8 与 GB18030）")


def _read_docx(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _read_pdf(data: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise TextRejected("", "PDF 文件已加密，无法读取")
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    if reader.pages and not text.strip():
        raise TextRejected("", "PDF 没有文字层（可能是扫描件），请提供文字版 PDF 或其他格式")
    return text


BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title"}


def _read_html(data: bytes) -> str:
    import lxml.html

    root = lxml.html.document_fromstring(data)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    lines, buffer = [], []

    def walk(element):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in BLOCKS and buffer:
            lines.append("".join(buffer))
            buffer.clear()
        if element.text:
            buffer.append(element.text)
        for child in element:
            walk(child)
        if tag in BLOCKS and buffer:
            lines.append("".join(buffer))
            buffer.clear()
        if element.tail:
            buffer.append(element.tail)

    walk(root)
    if buffer:
        lines.append("".join(buffer))
    return "\n".join(lines)


def parse_text(name: str, text: str) -> ParsedText:
    """Split ``text`` into title, header and articles; ``TextRejected`` when no article can be found."""
    lines = [re.sub(r"[\s\u3000]+", " ", line).strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise TextRejected(name, "文件中没有文字")
    title, header, articles, seen = lines[0][:200], [], [], set()
    heading: dict[str, str] = {}
    current: ParsedArticle | None = None
    for line in lines[1:]:
        article = ARTICLE.match(line)
        head = HEADING.match(line) if not article else None
        if head and len(line) <= 60:
            level = head.group(2)
            heading[level] = line
            if level == "编":
                heading.pop("章", None)
                heading.pop("节", None)
            elif level == "章":
                heading.pop("节", None)
            current = None
            continue
        if article:
            number = chinese_number(article.group(1))
            suffix = chinese_number(article.group(2)) if article.group(2) else 0
            if articles and (number, suffix) < (articles[-1].number, articles[-1].suffix):
                # a wrapped line that starts with a reference to an earlier article (PDF extraction)
                if current is not None:
                    current.paragraphs.append(line)
                continue
            label = f"第{article.group(1)}条" + (f"之{article.group(2)}" if article.group(2) else "")
            if (number, suffix) in seen:
                raise TextRejected(name, f"条文序号重复：{label}")
            seen.add((number, suffix))
            body = line[article.end():].strip()
            chapter = " ".join(heading[level] for level in ("编", "章", "节") if level in heading)
            current = ParsedArticle(number, suffix, label, chapter[:200], [body] if body else [])
            articles.append(current)
        elif current is not None:
            current.paragraphs.append(line)
        elif not articles:
            header.append(line)
    if not articles:
        raise TextRejected(name, "没有找到「第X条」格式的条文，无法拆分")
    empty = [a.label for a in articles if not a.text]
    if empty:
        raise TextRejected(name, f"条文内容为空：{'、'.join(empty[:5])}")
    return ParsedText(title, header, articles)
