"""core.dashboards: fact tables refreshed incrementally, small-cell suppression, graded thresholds, XLSX export."""

import io

import openpyxl
import pytest

from zhili.core.dashboards.api import (
    FactTable,
    IndexLevel,
    Thresholds,
    count_cell,
    fact_table,
    grade,
    record_index_reading,
    refresh_facts,
    share_cell,
    stat_cell,
    value_cell,
    xlsx_bytes,
)

ROWS = {1: ("a", 10.0), 2: ("b", 20.0)}


def build(since):
    import pyarrow as pa

    keys = sorted(ROWS)
    return pa.table({"id": keys, "kind": [ROWS[k][0] for k in keys], "amount": [ROWS[k][1] for k in keys]})


DEMO = FactTable(code="demo.things", columns={"id": "int64", "kind": "string", "amount": "float64"}, key="id",
                 build=build)


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_refresh_merges_changed_rows_by_key(db):
    """A refresh stores the built rows; the next one replaces rows by key and keeps the others."""
    first = refresh_facts(DEMO, actor="test")
    ROWS[2] = ("b", 25.0)
    ROWS[3] = ("c", 30.0)
    try:
        second = refresh_facts(DEMO, actor="test")
        table = fact_table(DEMO)
        rows = table.order_by("id").to_pyarrow().to_pylist()
    finally:
        ROWS.pop(3)
        ROWS[2] = ("b", 20.0)

    assert (first.version, first.row_count) == (1, 2)
    assert (second.version, second.row_count) == (2, 3)
    assert rows == [{"id": 1, "kind": "a", "amount": 10.0}, {"id": 2, "kind": "b", "amount": 25.0},
                    {"id": 3, "kind": "c", "amount": 30.0}]


def test_cells_under_five_carry_no_number():
    assert count_cell(4) == {"value": None, "n": None, "display": "<5", "suppressed": True}
    assert count_cell(0)["display"] == "0"
    assert count_cell(5)["value"] == 5
    assert stat_cell(3210.0, 3)["display"] == "<5"
    assert share_cell(2, 100)["display"] == "<5"  # 2 % of 100 would give the 2 back
    assert share_cell(50, 200)["display"] == "25.00%"


def test_figures_about_firms_or_money_are_never_suppressed():
    assert value_cell(3) == {"value": 3, "n": None, "display": "3", "suppressed": False}
    assert value_cell(1234567)["display"] == "1,234,567"
    assert value_cell(2.5, digits=1, suffix=" 万元")["display"] == "2.5 万元"
    assert value_cell(None)["value"] is None


def test_thresholds_grade_values():
    rule = Thresholds(yellow=5.0, red=10.0)
    assert [grade(v, rule) for v in (None, 4.99, 5.0, 10.0)] == [IndexLevel.NO_DATA, IndexLevel.GREEN,
                                                                   IndexLevel.YELLOW, IndexLevel.RED]
    assert grade(50.0, Thresholds(yellow=80.0, red=60.0, higher_is_worse=False)) == IndexLevel.RED


def test_worse_level_warns_once(officer_wang):
    from zhili.core.notify.models import Message

    rule = Thresholds(yellow=5.0, red=10.0)
    for value in (6.0, 7.0, 12.0, 3.0):
        reading = record_index_reading("demo.ratio", scope_key="region:330182", scope_label="建德市", value=value,
                                       thresholds=rule, reference="测试依据", index_label="测试比例",
                                       recipients=[officer_wang], value_display=f"{value}%")

    assert reading.level == IndexLevel.GREEN
    bodies = list(Message.objects.filter(recipient=officer_wang).order_by("id").values_list("body", flat=True))
    assert bodies == ["建德市「测试比例」为 6.0%，已达黄色预警（阈值：黄色 5.0，红色 10.0；依据：测试依据）。请及时研判处置。",
                      "建德市「测试比例」为 12.0%，已达红色预警（阈值：黄色 5.0，红色 10.0；依据：测试依据）。请及时研判处置。"]


def test_xlsx_writes_suppressed_cells_as_text():
    data = xlsx_bytes("人数", ["类别", "人数"], [["男", count_cell(3)], ["女", count_cell(12)]], notes=["说明"])

    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["人数", None], ["类别", "人数"], ["男", "<5"], ["女", 12], [None, None], ["说明", None]]
