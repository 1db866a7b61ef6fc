"""PDF rendering is queued in the send's own transaction: a process dying right after the commit loses nothing."""

import pytest
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from zhili.scenes.labor_contract import services

from .conftest import contract_values


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_rendering_task_is_written_with_the_send_not_after_it(hr_li, employer):
    contract = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    with transaction.atomic():
        services.send_contracts([contract], actor=hr_li)
        # still inside the send's transaction: the task row is already part of it
        queued = list(DBTaskResult.objects.values_list("task_path", "args_kwargs"))
    assert queued == [("zhili.scenes.labor_contract.tasks.render_contract_pdfs",
                       {"args": [], "kwargs": {"contract_ids": [contract.pk], "actor_id": hr_li.pk}})]


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_send_rolled_back_queues_nothing(hr_li, employer):
    contract = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.send_contracts([contract], actor=hr_li)
        raise RuntimeError("the request failed after the send")
    assert DBTaskResult.objects.count() == 0
