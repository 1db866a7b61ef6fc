"""The scheduler queues each job once per slot, also when two schedulers tick at the same moment."""

import datetime as dt
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from zhili.core.foundation.models import AuditEntry
from zhili.core.jobs import services
from zhili.core.jobs.models import PeriodicRun
from zhili.core.jobs.registry import all_jobs, get_job
from zhili.core.testing.factories import UserFactory

NOW = dt.datetime(2026, 11, 23, 9, 3, tzinfo=dt.UTC)


def heartbeats() -> int:
    return AuditEntry.objects.filter(action="dummy.heartbeat").count()


@pytest.mark.django_db
def test_a_job_runs_once_per_slot_and_again_in_the_next():
    job = get_job("dummy.heartbeat")

    first = services.tick(NOW, jobs=[job])
    again = services.tick(NOW + dt.timedelta(minutes=6), jobs=[job])  # same 10-minute slot (09:00)
    later = services.tick(NOW + dt.timedelta(minutes=7), jobs=[job])  # 09:10

    assert [(r.job_code, r.slot) for r in first] == [("dummy.heartbeat", dt.datetime(2026, 11, 23, 9, 0,
                                                                                       tzinfo=dt.UTC))]
    assert again == []
    assert [r.slot for r in later] == [dt.datetime(2026, 11, 23, 9, 10, tzinfo=dt.UTC)]
    assert heartbeats() == 2
    assert first[0].status == "SUCCESSFUL" and first[0].task_result_id


@pytest.mark.django_db
def test_every_declared_job_runs_on_an_empty_platform():
    runs = services.tick(NOW)

    codes = {job.code for job in all_jobs()}
    assert {"notify.deliver_outbox", "ledger.checkpoint", "ledger.audit", "cases.deadlines", "dashboards.refresh",
            "sharing.webhook_retries"} <= codes
    assert {run.job_code for run in runs} == codes
    assert {run.job_code: run.status for run in runs} == dict.fromkeys(codes, "SUCCESSFUL")


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_queue_a_job_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    job = get_job("dummy.heartbeat")
    barrier = threading.Barrier(4)
    errors = []

    def scheduler():
        try:
            barrier.wait()
            services.tick(NOW, jobs=[job])
        except Exception as problem:  # noqa: BLE001 - reported below
            errors.append(problem)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert PeriodicRun.objects.filter(job_code="dummy.heartbeat").count() == 1
    assert heartbeats() == 1


@pytest.mark.django_db
def test_the_command_queues_what_is_due(capsys):
    call_command("run_worker", "--once", "--job", "dummy.heartbeat")

    assert "dummy.heartbeat" in capsys.readouterr().out
    assert heartbeats() == 1


@pytest.mark.django_db
def test_the_command_names_an_unknown_job():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--job"):
        call_command("run_worker", "--once", "--job", "nope")


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="zh-hans")
def test_only_platform_admins_see_the_jobs_and_run_one(client, officer_wang):
    client.force_login(officer_wang)
    assert client.get(reverse("jobs:list")).status_code == 403
    assert client.post(reverse("jobs:run_now", args=["dummy.heartbeat"])).status_code == 403
    assert heartbeats() == 0 and not PeriodicRun.objects.exists()

    admin = UserFactory(username="admin_qian", name="钱平台", is_superuser=True, is_staff=True, phone="13800000099",
                        id_number="")
    client.force_login(admin)
    page = client.get(reverse("jobs:list"))
    assert page.status_code == 200
    assert "测试心跳" in page.content.decode() and "每 10 分钟" in page.content.decode()

    response = client.post(reverse("jobs:run_now", args=["dummy.heartbeat"]))
    assert response.status_code == 302
    run = PeriodicRun.objects.get(job_code="dummy.heartbeat")
    assert run.triggered_by.endswith("钱平台") and heartbeats() == 1
    assert AuditEntry.objects.filter(action="jobs.job.run_now", actor=admin).count() == 1
    assert client.post(reverse("jobs:run_now", args=["nope"])).status_code == 404
