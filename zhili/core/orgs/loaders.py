"""Read official code lists (GB/T 2260 regions, GB/T 4754 industries) from CSV, checking every row.

Parsing is kept apart from writing: these functions return clean rows or a list of row errors with
line numbers, and ``services.import_regions`` / ``services.import_industries`` write them.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from zhili.core.foundation.validators import REGION_RE

from .choices import RegionLevel

DATA_DIR = Path(__file__).resolve().parent / "data"
ZHEJIANG_REGIONS_CSV = DATA_DIR / "regions_zhejiang.csv"
INDUSTRIES_CSV = DATA_DIR / "industries_gbt4754_2017.csv"

LEVEL_DEPTH = {RegionLevel.PROVINCE: 0, RegionLevel.CITY: 1, RegionLevel.COUNTY: 2, RegionLevel.TOWN: 3,
               RegionLevel.VILLAGE: 4}

# GB/T 4754-2017《国民经济行业分类》: the divisions (大类) each section (门类) spans.
# Reference: https://www.stats.gov.cn/sj/tjbz/gmjjhyfl/ (国家统计局, 2017-06-30 发布, 2017-10-01 实施).
SECTION_DIVISIONS = {
    "A": (1, 5), "B": (6, 12), "C": (13, 43), "D": (44, 46), "E": (47, 50), "F": (51, 52), "G": (53, 60),
    "H": (61, 62), "I": (63, 65), "J": (66, 69), "K": (70, 70), "L": (71, 72), "M": (73, 75), "N": (76, 79),
    "O": (80, 82), "P": (83, 83), "Q": (84, 85), "R": (86, 90), "S": (91, 96), "T": (97, 97),
}
INDUSTRY_RE = re.compile(r"^([A-T]|\d{2,4})$")


@dataclass(frozen=True)
class CodeRow:
    """One checked row of a code list: its CSV line, code, name, level and parent code ("" for none)."""

    line: int
    code: str
    name: str
    level: str
    parent_code: str


class CodeListError(ValueError):
    """A code list has bad rows; ``errors`` holds one Chinese message per bad row, with its line number."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def read_csv(path) -> list[tuple[int, dict]]:
    """Rows of a UTF-8 CSV file (a BOM is accepted) as (line number, dict with stripped values)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"code", "name"} - set(reader.fieldnames or ())
        if missing:
            raise CodeListError([_("第 1 行：缺少列 {cols}（应有 code,name,level,parent_code）").format(
                cols=", ".join(sorted(missing)))])
        return [(number, {k: (v or "").strip() for k, v in row.items() if k})
                for number, row in enumerate(reader, start=2)]


def normalise_region_code(code: str) -> str:
    """A 12-digit statistical code of a county or above (``330182000000``) becomes its 6-digit code."""
    return code[:6] if len(code) == 12 and code.endswith("000000") else code


def region_level(code: str) -> str:
    """The level a GB/T 2260 code denotes (or its 12-digit town/village extension)."""
    if len(code) == 12:
        return RegionLevel.TOWN if code.endswith("000") else RegionLevel.VILLAGE
    if code.endswith("0000"):
        return RegionLevel.PROVINCE
    if code.endswith("00"):
        return RegionLevel.CITY
    return RegionLevel.COUNTY


def region_parent_candidates(code: str, level: str) -> list[str]:
    """Codes that may be the parent of ``code``, nearest first (a municipality's districts skip the city)."""
    province, city, county = code[:2] + "0000", code[:4] + "00", code[:6]
    return {
        RegionLevel.PROVINCE: [],
        RegionLevel.CITY: [province],
        RegionLevel.COUNTY: [city, province],
        RegionLevel.TOWN: [county, city, province],
        RegionLevel.VILLAGE: [code[:9] + "000", county, city, province],
    }[level]


def parse_regions(raw_rows: list[tuple[int, dict]], known_codes: set[str]) -> list[CodeRow]:
    """Check region rows and fill in level and parent where missing; raise CodeListError listing every bad row.

    ``known_codes`` are codes already in the database, which a row may name as its parent.
    """
    errors, rows, seen = [], [], {}
    for line, raw in raw_rows:
        code = normalise_region_code(raw.get("code", ""))
        name = raw.get("name", "")
        if not REGION_RE.match(code) or int(code[:2]) < 11 or int(code[:2]) > 82:
            errors.append(_("第 {line} 行：区划代码“{code}”应为 6 位或 12 位数字（GB/T 2260）").format(
                line=line, code=code))
            continue
        if code in seen:
            errors.append(_("第 {line} 行：区划代码 {code} 与第 {first} 行重复").format(
                line=line, code=code, first=seen[code]))
            continue
        seen[code] = line
        if not name:
            errors.append(_("第 {line} 行：名称不能为空").format(line=line))
            continue
        level = raw.get("level", "") or region_level(code)
        if level not in LEVEL_DEPTH:
            errors.append(_("第 {line} 行：级别“{level}”无效，应为 {allowed} 之一").format(
                line=line, level=level, allowed="/".join(LEVEL_DEPTH)))
            continue
        rows.append(CodeRow(line, code, name, level, normalise_region_code(raw.get("parent_code", ""))))
    levels = {row.code: row.level for row in rows}
    available = known_codes | set(levels)
    resolved = []
    for row in rows:
        parent = row.parent_code
        if not parent:
            parent = next((c for c in region_parent_candidates(row.code, row.level) if c in available), "")
        elif parent not in available:
            errors.append(_("第 {line} 行：上级代码 {parent} 不在代码表或数据库中").format(line=row.line, parent=parent))
            continue
        if parent == row.code or (parent in levels and LEVEL_DEPTH[levels[parent]] >= LEVEL_DEPTH[row.level]):
            errors.append(_("第 {line} 行：上级 {parent} 的级别应高于本级 {code}").format(
                line=row.line, parent=parent, code=row.code))
            continue
        resolved.append(CodeRow(row.line, row.code, row.name, row.level, parent))
    if errors:
        raise CodeListError(errors)
    return sorted(resolved, key=lambda r: (LEVEL_DEPTH[r.level], r.code))


def industry_parent(code: str) -> str:
    """The parent of an industry code by GB/T 4754-2017: division → section, group → division, class → group."""
    if len(code) == 1:
        return ""
    if len(code) == 2:
        number = int(code)
        return next((s for s, (low, high) in SECTION_DIVISIONS.items() if low <= number <= high), "")
    return code[:-1]


def parse_industries(raw_rows: list[tuple[int, dict]], known_codes: set[str]) -> list[CodeRow]:
    """Check industry rows and fill in the parent where missing; raise CodeListError listing every bad row."""
    errors, rows, seen = [], [], {}
    for line, raw in raw_rows:
        code, name = raw.get("code", "").upper(), raw.get("name", "")
        if not INDUSTRY_RE.match(code):
            errors.append(_("第 {line} 行：行业代码“{code}”应为门类字母 A–T 或 2–4 位数字（GB/T 4754-2017）").format(
                line=line, code=code))
            continue
        if code in seen:
            errors.append(_("第 {line} 行：行业代码 {code} 与第 {first} 行重复").format(
                line=line, code=code, first=seen[code]))
            continue
        seen[code] = line
        if not name:
            errors.append(_("第 {line} 行：名称不能为空").format(line=line))
            continue
        parent = raw.get("parent_code", "").upper() or industry_parent(code)
        rows.append(CodeRow(line, code, name, raw.get("level", ""), parent))
    available = known_codes | set(seen)
    for row in rows:
        if row.parent_code and row.parent_code not in available:
            errors.append(_("第 {line} 行：上级代码 {parent} 不在代码表或数据库中").format(
                line=row.line, parent=row.parent_code))
    if errors:
        raise CodeListError(errors)
    return sorted(rows, key=lambda r: (len(r.code) if r.code.isdigit() else 0, r.code))
