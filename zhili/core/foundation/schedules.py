"""When a periodic job is due: ``Every(minutes=5)`` or ``Daily(at=dt.time(2, 0))`` (local time), and the job.

Pure declarations, so that every core package's ``periodic.py`` can declare its jobs without depending on
core.jobs, which registers and runs them.

A schedule maps any instant to its *slot*: the start of the latest period that has begun. A job runs once
per slot; if the platform was down across several slots, only the latest runs when it comes back (the jobs
are sweeps that catch up by themselves: "deliver everything due", "check every deadline").
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Every:
    """Every ``minutes`` minutes, on boundaries counted from 2000-01-01 00:00 UTC."""

    minutes: int

    def __post_init__(self):
        if self.minutes < 1:
            raise ValueError("Every(minutes=...) must be at least 1")

    def slot(self, now: dt.datetime) -> dt.datetime:
        step = dt.timedelta(minutes=self.minutes)
        return EPOCH + ((now - EPOCH) // step) * step

    def next_slot(self, now: dt.datetime) -> dt.datetime:
        return self.slot(now) + dt.timedelta(minutes=self.minutes)

    def describe(self) -> str:
        return f"每 {self.minutes} 分钟"


@dataclass(frozen=True)
class Daily:
    """Once a day at ``at`` in the platform's time zone (TIME_ZONE, Asia/Shanghai)."""

    at: dt.time

    def slot(self, now: dt.datetime) -> dt.datetime:
        local = timezone.localtime(now)
        today = timezone.make_aware(dt.datetime.combine(local.date(), self.at), local.tzinfo)
        return today if local >= today else today - dt.timedelta(days=1)

    def next_slot(self, now: dt.datetime) -> dt.datetime:
        return self.slot(now) + dt.timedelta(days=1)

    def describe(self) -> str:
        return f"每天 {self.at:%H:%M}"


@dataclass(frozen=True)
class PeriodicJob:
    """A django-tasks task run on a schedule, with the keyword arguments it gets."""

    code: str
    name: str
    task: object
    schedule: Every | Daily
    kwargs: dict = field(default_factory=dict)
    help: str = ""
