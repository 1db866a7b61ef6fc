"""A province-size corpus made from the real texts' structure, for the benchmark and ``manage.py synth_policy_qa``.

Local regulations (某市…条例) are written with chapters and numbered articles like the real ones; each article
joins two or three clauses taken from different real articles, with the local administration's name put in,
so the vocabulary and the lengths are those of real texts while no passage repeats a real article whole.
"""

import random
import re
from pathlib import Path

from .texts import parse_text, read_document

CITIES = ["江城", "青山", "临湖", "北岭", "南溪", "东港", "西坪", "云台", "石桥", "柳河", "金川", "白沙", "松阳", "平原",
          "安宁", "永丰", "长乐", "兴隆", "明德", "宁远"]
KINDS = ["劳动关系促进条例", "工资支付条例", "劳动保障监察办法", "农民工权益保障办法", "集体协商条例", "劳动用工管理规定",
         "职工权益保障条例", "人力资源市场条例", "就业促进条例", "安全生产与职业健康规定"]
CHAPTERS = ["总则", "劳动合同", "工资支付", "工作时间和休息休假", "社会保险", "监督检查", "法律责任", "附则"]
NUMERALS = "一二三四五六七八九"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 23 → 二十三, 108 → 一百零八 (up to 999)."""
    if n < 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + (NUMERALS[n - 11] if n > 10 else "")
    if n < 100:
        return NUMERALS[n // 10 - 1] + "十" + (NUMERALS[n % 10 - 1] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + chinese(rest) if rest < 10 else ("一" + chinese(rest) if rest < 20 else chinese(rest)))
    return NUMERALS[n // 100 - 1] + "百" + tail


def clauses_of(directory: Path) -> list[str]:
    """Every clause (split at 。；) of every article of the ``*.txt`` texts in ``directory``."""
    found = []
    for path in sorted(directory.glob("*.txt")):
        parsed = parse_text(path.name, read_document(path.name, path.read_bytes()))
        for article in parsed.articles:
            found += [c for c in re.split(r"(?<=[。；])", article.text.replace("\n", "")) if len(c) > 8]
    return found


def local_texts(clauses: list[str], passages: int, seed: int = 7):
    """Yield (title, [(chapter, label, text)]) until ``passages`` articles have been written."""
    rng = random.Random(seed)
    written, serial = 0, 0
    while written < passages:
        serial += 1
        city = rng.choice(CITIES) + f"{serial % 97 + 1}号区"
        title = f"{city}{rng.choice(KINDS)}"
        count = min(rng.randint(30, 90), passages - written)
        articles = []
        for number in range(1, count + 1):
            chapter = CHAPTERS[min((number - 1) * len(CHAPTERS) // count, len(CHAPTERS) - 1)]
            text = "".join(rng.sample(clauses, rng.randint(2, 3)))
            text = text.replace("本法", "本条例").replace("国务院", f"{city}人民政府").replace("县级以上", f"{city}")
            articles.append((chapter, f"第{chinese(number)}条", text))
        written += count
        yield title, articles


def write_texts(out: Path, clauses: list[str], passages: int, seed: int = 7) -> int:
    """Write the local texts as TXT files an operator could load; returns how many files."""
    out.mkdir(parents=True, exist_ok=True)
    files = 0
    for title, articles in local_texts(clauses, passages, seed):
        lines, chapter = [title, "", "2025年1月1日 通过"], None
        for name, label, text in articles:
            if name != chapter:
                chapter = name
                lines.append(f"第{chinese(CHAPTERS.index(name) + 1)}章 {name}")
            lines.append(f"{label} {text}")
        files += 1
        (out / f"{files:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return files
