"""A periodic job of the test-only scene: each run leaves one audit entry, so tests can count runs."""

from django_tasks import task

from zhili.core.foundation.schedules import Every, PeriodicJob


@task()
def heartbeat(note: str = "") -> str:
    from zhili.core.foundation import audit

    audit.record("dummy.heartbeat", actor="task:dummy.heartbeat", data={"note": note})
    return note


HEARTBEAT = PeriodicJob("dummy.heartbeat", "测试心跳", heartbeat, Every(minutes=10), kwargs={"note": "tick"})

PERIODIC_JOBS = [
    HEARTBEAT,
]
