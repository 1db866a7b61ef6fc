"""The compiled CSV path accepts exactly the rows the generic validator accepts, with the same values."""

import json

from zhili.core.datapool.compiled import compile_copy_line, copy_text
from zhili.core.datapool.declarations import Dataset, Field
from zhili.core.datapool.validation import RowValidator

DATASET = Dataset(
    code="compiled_sample", name="样例", source_system="测试", department="测试", key=("code", "number"),
    fields=(
        Field("code", "编号", "string", required=True, max_length=6),
        Field("number", "序号", "integer", required=True),
        Field("amount", "金额", "decimal"),
        Field("day", "日期", "date"),
        Field("at", "时间", "datetime"),
        Field("flag", "标志", "boolean"),
        Field("kind", "类别", "string", choices=("a\\b", "中文", "x")),
    ),
)
HEADER = ["kind", "flag", "at", "day", "amount", "number", "code", "ignored"]
ROWS = [
    ["x", "是", "2025-05-10 08:00:00+08:00", "2025/05/10", "1,000.50", " 7 ", " A\\1 ", "?"],
    ["a\\b", "", "", "2025-05-10T09:00", "-0", "1,000", "中文\"引号", ""],
    ["中文\t", "F", "2025-05-10T10:00", "", "1e3", "3", "t\nab", ""],
    ["", "yes", "", "", "", "8", "z", ""],
    ["y", "", "", "", "", "1", "k", ""],               # kind outside the allowed values
    ["", "", "", "", "", "1", "toolong", ""],          # code longer than 6
    ["", "", "", "", "NaN", "1", "k", ""],             # amount not finite
    ["", "", "", "2025-13-01", "", "1", "k", ""],      # no such date
    ["", "maybe", "", "", "", "1", "k", ""],           # not a yes/no word
    ["", "", "", "", "", "1.5", "k", ""],              # not an integer
    ["", "", "", "", "", "2", "  ", ""],               # required code blank
]


def test_the_compiled_line_is_the_generic_one_or_none_for_a_bad_row():
    validator = RowValidator(DATASET)
    copy_line = compile_copy_line(DATASET, HEADER)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    outcomes = []
    for line, cells in enumerate(ROWS, start=2):
        key, values, problems = validator.validate(dict(zip(HEADER, cells, strict=True)))
        expected = None if problems else f"{line}\t{copy_text(key)}\t{copy_text(encode(values))}\n"
        outcomes.append(copy_line(cells, line) == expected)

    assert outcomes == [True] * len(ROWS)
    assert copy_line(ROWS[0], 2) == ('2\tA\\\\1\x1f7\t{"code":"A\\\\\\\\1","number":7,"amount":"1000.50",'
                                     '"day":"2025-05-10","at":"2025-05-10T08:00:00+08:00","flag":true,'
                                     '"kind":"x"}\n')
    assert [copy_line(cells, 2) is None for cells in ROWS] == [False] * 4 + [True] * 7
