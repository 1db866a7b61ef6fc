"""Case types of the dummy scene: one standard closed loop that escalates when late, one that only reminds."""

import datetime as dt

from zhili.core.cases.declarations import closed_loop_case_type

SINCE = dt.date(2025, 1, 1)

CASE_TYPES = [
    closed_loop_case_type(
        "dummy_complaint", "测试投诉",
        deadlines={"submitted": 1, "accepted": 1, "dispatched": 1, "handling": 3, "reported": 2},
        deadline_basis="测试场景服务承诺", deadlines_from=SINCE,
    ),
    closed_loop_case_type(
        "dummy_request", "测试咨询", deadlines={"submitted": 2}, deadline_basis="测试场景服务承诺",
        deadlines_from=SINCE,
        on_overdue="remind",
    ),
]
