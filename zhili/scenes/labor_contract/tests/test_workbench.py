"""The labour-contract entries of the role workbenches: HR's counts of its own company, the worker's contracts
to sign listed first on their home, nothing of another company's."""

import pytest

from zhili.core.testing.api import make_id_number
from zhili.core.ui.api import workbench_for
from zhili.scenes.labor_contract import services

from .journeys import contract_values


def _counts(user):
    return {todo.code.split(":")[1]: todo.count for todo in workbench_for(user).todos}


@pytest.mark.django_db
def test_hr_sees_drafts_and_sent_contracts_and_the_worker_sees_the_one_to_sign(client, hr_li, employer,
                                                                               worker_zhang, hr_zhou):
    first = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    services.create_contract(contract_values(worker_name="李强", worker_phone="13800000021",
                                             worker_id_number=make_id_number(birth="19910101", sequence=11)),
                             employer=employer, actor=hr_li)
    services.send_contracts([first], actor=hr_li)

    hr = _counts(hr_li)
    assert (hr["drafts"], hr["awaiting_worker"], hr["awaiting_seal"], hr["signing_expired"]) == (1, 1, 0, 0)
    assert "to_sign" not in hr and "overdue_unsigned" not in hr
    assert _counts(hr_zhou)["drafts"] == 0  # another company's HR sees none of these

    bench = workbench_for(worker_zhang)
    assert [(t.label, t.count) for t in bench.pending] == [("待我签署的劳动合同", 1)]
    assert bench.pending[0].url == "/labor_contract/mine/"

    client.force_login(worker_zhang)
    page = client.get("/").content.decode()
    assert page.index('id="pending-actions"') < page.index('id="worker-home"')  # their pending actions first
    assert 'data-todo="labor_contract:to_sign"' in page

    client.force_login(hr_li)
    page = client.get("/").content.decode()
    assert 'href="/labor_contract/?status=draft" data-todo="labor_contract:drafts"' in page
    assert 'data-shortcut="labor_contract:batch_upload"' in page
    assert first.number in page  # among the recent contracts
