"""Slots: every N minutes on fixed boundaries; daily at a local time (Asia/Shanghai)."""

import datetime as dt

import pytest

from zhili.core.foundation.schedules import Daily, Every

UTC = dt.UTC
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def test_every_n_minutes_starts_on_fixed_boundaries():
    every = Every(minutes=15)

    assert every.slot(dt.datetime(2026, 11, 23, 10, 14, 59, tzinfo=UTC)) == dt.datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert every.slot(dt.datetime(2026, 11, 23, 10, 15, tzinfo=UTC)) == dt.datetime(2026, 11, 23, 10, 15, tzinfo=UTC)
    assert every.next_slot(dt.datetime(2026, 11, 23, 10, 16, tzinfo=UTC)) == dt.datetime(2026, 11, 23, 10, 30,
                                                                                          tzinfo=UTC)


def test_every_refuses_less_than_a_minute():
    with pytest.raises(ValueError, match="at least 1"):
        Every(minutes=0)


def test_daily_runs_at_the_local_time_and_before_it_the_slot_is_yesterdays():
    nightly = Daily(at=dt.time(2, 0))

    # 01:59 in Shanghai is 17:59 UTC the day before: the latest slot began the previous night.
    before = dt.datetime(2026, 11, 23, 1, 59, tzinfo=SHANGHAI)
    after = dt.datetime(2026, 11, 23, 2, 0, tzinfo=SHANGHAI)
    assert nightly.slot(before) == dt.datetime(2026, 11, 22, 2, 0, tzinfo=SHANGHAI)
    assert nightly.slot(after) == dt.datetime(2026, 11, 23, 2, 0, tzinfo=SHANGHAI)
    assert nightly.next_slot(after) == dt.datetime(2026, 11, 24, 2, 0, tzinfo=SHANGHAI)
    assert nightly.describe() == "每天 02:00"
