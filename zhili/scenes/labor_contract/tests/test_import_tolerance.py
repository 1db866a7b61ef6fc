"""Imports under load and with clerks' sheets: no write lock held while rows are checked, bad rows explained."""

import threading

import pytest
from django.db import OperationalError
from django.urls import reverse

from zhili.core.identity import api as identity
from zhili.core.identity.api import OtpChallenge
from zhili.core.testing.api import make_id_number
from zhili.scenes.labor_contract import services
from zhili.scenes.labor_contract.models import LaborContract, SendBatch
from zhili.scenes.labor_contract.services import batches as contract_services

from .test_import import row, xlsx


def _write_from_another_connection(outcomes: list) -> None:
    """Ask for an SMS login code on a connection of its own that does not wait for a lock."""

    def target():
        from django.db import connection as own

        try:
            if own.vendor == "sqlite":
                with own.cursor() as cursor:
                    cursor.execute("PRAGMA busy_timeout = 0")
            identity.request_login_code("13900001234", ip_address="127.0.0.9")
            outcomes.append("ok")
        except OperationalError as exc:
            outcomes.append(str(exc))
        finally:
            own.close()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()


@pytest.mark.django_db(transaction=True)
def test_a_login_code_is_sent_while_an_import_checks_its_rows(hr_li, employer, monkeypatch):
    """The import checks rows outside any transaction, so a worker's login write is not locked out."""
    outcomes: list = []
    checked = []
    original = contract_services.check_contract

    def check_and_meanwhile_write(data):
        checked.append(data["worker_name"])
        if len(checked) == 2:
            _write_from_another_connection(outcomes)
        return original(data)

    monkeypatch.setattr(contract_services, "check_contract", check_and_meanwhile_write)
    upload = xlsx([row(f"职工{i}", make_id_number(birth="19880512", sequence=20 + i)) for i in range(3)])

    batch = services.import_contract_batch(upload, employer=employer, actor=hr_li).batch

    assert outcomes == ["ok"]
    assert OtpChallenge.objects.count() == 1
    assert (batch.created_count, batch.error_count) == (3, 0)


@pytest.mark.django_db
def test_an_interrupted_import_is_shown_unfinished_and_finished_by_uploading_again(client, hr_li, employer,
                                                                                   monkeypatch):
    """Chunks already written stay; the same file again creates only the rest, each row once."""
    rows = [row(f"职工{i}", make_id_number(birth="19880512", sequence=40 + i)) for i in range(5)]
    monkeypatch.setattr(contract_services, "IMPORT_CHUNK", 2)
    written = []
    original = contract_services._insert_new

    def die_after_the_first_chunk(chunk):
        if written:
            raise KeyboardInterrupt  # the process killed between two chunks
        written.append(chunk)
        return original(chunk)

    monkeypatch.setattr(contract_services, "_insert_new", die_after_the_first_chunk)
    with pytest.raises(KeyboardInterrupt):
        services.import_contract_batch(xlsx(rows), employer=employer, actor=hr_li)
    interrupted = SendBatch.objects.get()
    assert LaborContract.objects.count() == 2
    client.force_login(hr_li)
    page = client.get(reverse("labor_contract:batch_detail", args=[interrupted.pk])).content.decode()
    assert "这一批尚未导入完成" in page

    monkeypatch.setattr(contract_services, "_insert_new", original)
    again = services.import_contract_batch(xlsx(rows), employer=employer, actor=hr_li).batch

    assert (again.created_count, again.duplicate_count) == (3, 2)
    assert LaborContract.objects.count() == 5
