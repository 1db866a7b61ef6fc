"""The worker survives database errors, shows its heartbeat on /jobs/, and a killed worker's task runs again."""

import datetime as dt

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from zhili.core.foundation.models import AuditEntry
from zhili.core.identity.choices import Role
from zhili.core.jobs import services
from zhili.core.jobs.models import WorkerHeartbeat
from zhili.core.jobs.worker import ResilientWorker
from zhili.core.testing.dummy_scene.periodic import heartbeat
from zhili.core.testing.factories import MembershipFactory, UserFactory

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _worker(**options) -> ResilientWorker:
    values = {"queue_names": ["default"], "interval": 0.01, "batch": False, "backend_name": "default",
              "startup_delay": False, "max_tasks": 1, "worker_id": "worker-a", "excluded_queue_names": []}
    values.update(options)
    return ResilientWorker(**values)


def _drop_the_connection() -> None:
    """Make the worker's next query fail as it does when the database goes away under it.

    On PostgreSQL the server ends the worker's session (``pg_terminate_backend`` from another connection), so the
    failure is the driver's own. SQLite has no server to drop a connection: there the worker's failure in the field
    is a lock held past the busy timeout, raised here as SQLite raises it. (Closing SQLite's raw handle under an open
    statement instead can crash CPython's sqlite3 module, which takes the whole test process with it.)
    """
    if connection.vendor == "postgresql":
        import psycopg

        info = connection.connection.info
        backend_pid = info.backend_pid
        with psycopg.connect(info.dsn, password=info.password or None, autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [backend_pid])
        return
    raise OperationalError("disk I/O error")


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_the_worker_carries_on_after_its_database_connection_drops(monkeypatch):
    """The database fails under the worker while it claims a task: it logs, waits, reconnects, runs it."""
    queued = heartbeat.enqueue(note="after the drop")
    original = DBTaskResultQuerySet.get_locked
    dropped = []

    def drop_then_claim(self):
        if not dropped:
            dropped.append(True)
            _drop_the_connection()
        return original(self)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", drop_then_claim)
    pauses, errors = [], []
    worker = _worker(on_error=errors.append, sleep=pauses.append)

    worker.run()

    assert pauses == [1.0] and worker.recovered == 1 and len(errors) == 1
    assert isinstance(errors[0], (OperationalError, InterfaceError))
    assert DBTaskResult.objects.get(pk=queued.id).status == "SUCCESSFUL"
    assert AuditEntry.objects.filter(action="dummy.heartbeat", data__note="after the drop").count() == 1


@pytest.mark.django_db
def test_a_recovered_error_is_kept_for_the_jobs_page():
    started = timezone.now()
    services.beat("worker-a", started_at=started, tick_seconds=20)
    services.record_worker_error("worker-a", RuntimeError("database is locked"), started_at=started)
    beat = WorkerHeartbeat.objects.get()
    assert (beat.error_count, beat.last_error) == (1, "RuntimeError: database is locked")


@pytest.fixture
def platform_admin(db):
    user = UserFactory(name="管理员", username="admin_qian", phone="13800000099")
    MembershipFactory(user=user, role=Role.PLATFORM_ADMIN, organization=None)
    return user


@pytest.mark.django_db
def test_jobs_page_shows_a_red_alert_without_a_fresh_heartbeat(client, platform_admin):
    client.force_login(platform_admin)
    assert 'data-worker-state="stopped"' in client.get("/jobs/").content.decode()

    services.beat("worker-a", started_at=timezone.now(), tick_seconds=20)
    assert 'data-worker-state="running"' in client.get("/jobs/").content.decode()

    WorkerHeartbeat.objects.update(beat_at=timezone.now() - dt.timedelta(minutes=10))
    page = client.get("/jobs/").content.decode()
    assert 'data-worker-state="stopped"' in page and "最近一次心跳在 10" in page


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_QUEUE, TASK_RUNNING_TIMEOUT_SECONDS=600)
def test_a_task_left_running_by_a_killed_worker_is_queued_again_after_its_timeout():
    now = timezone.now()
    orphan, busy, recent = (heartbeat.enqueue(note=n) for n in ("orphan", "busy", "recent"))
    for queued, worker_id in ((orphan, "killed"), (busy, "alive"), (recent, "killed")):
        DBTaskResult.objects.get(pk=queued.id).claim(worker_id)
    DBTaskResult.objects.filter(pk__in=[orphan.id, busy.id]).update(started_at=now - dt.timedelta(hours=1))
    services.beat("alive", started_at=now, tick_seconds=20, now=now)
    services.beat("killed", started_at=now - dt.timedelta(hours=2), tick_seconds=20,
                  now=now - dt.timedelta(hours=1))

    reclaimed = services.reclaim_stalled_tasks(now)

    assert reclaimed == [str(orphan.id)]
    statuses = {str(pk): status for pk, status in DBTaskResult.objects.values_list("pk", "status")}
    assert (statuses[orphan.id], statuses[busy.id], statuses[recent.id]) == ("READY", "RUNNING", "RUNNING")
    assert AuditEntry.objects.get(action="jobs.task.reclaimed").data["worker"] == "killed"


def test_connections_are_health_checked_before_reuse():
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db
def test_the_daily_calendar_check_audits_its_alert_and_the_jobs_page_shows_it(client, platform_admin, monkeypatch):
    from zhili.core.cases import workdays

    alert = workdays.check_calendar(dt.date(2026, 12, 1))
    assert AuditEntry.objects.get(action="cases.calendar.notice_missing").data == {"alert": alert}
    monkeypatch.setattr(timezone, "localdate", lambda: dt.date(2026, 12, 1))
    client.force_login(platform_admin)
    assert alert in client.get("/jobs/").content.decode()
