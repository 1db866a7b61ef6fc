"""A dataset's values as people read them (source rows behind a warning)."""

import datetime as dt

from zhili.core.datapool.api import Field


def test_codes_show_their_labels_and_other_values_read_plainly():
    status = Field("status", "发放状态", choices=("paid", "unpaid"), labels=(("paid", "按时发放"), ("unpaid", "未发放")))
    assert [status.display(v) for v in ("unpaid", "paid", "other", None, "")] == ["未发放", "按时发放", "other", "—", "—"]
    plain = Field("x", "x")
    assert [plain.display(v) for v in (True, False, 2.0, 1234.5678, dt.date(2026, 1, 31), 7)] == [
        "是", "否", "2", "1,234.57", "2026-01-31", "7"]
