"""HR's bulk actions on the contract list: 批量盖章 seals every ticked contract awaiting the seal after a confirmation
page, in one transaction, audited; a contract that may not be sealed stops the batch before anything changes."""

import pytest
from django.urls import reverse

from zhili.core.foundation.api import AuditEntry
from zhili.core.testing.api import PASSWORD, make_id_number
from zhili.scenes.labor_contract import services
from zhili.scenes.labor_contract.choices import ContractStatus

from .journeys import contract_values, drawn_signature, seal_png, worker_reaches_signature


@pytest.fixture
def awaiting_seal(hr_li, employer, worker_zhang):
    contract = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    services.send_contracts([contract], actor=hr_li)
    contract.refresh_from_db()
    intent = worker_reaches_signature(contract, worker_zhang)
    services.sign_as_worker(contract, actor=worker_zhang, intent=intent, signature_png=drawn_signature())
    services.upload_seal(employer, seal_png(), actor=hr_li)
    contract.refresh_from_db()
    assert contract.status == services.employer_may_seal_status(contract)
    return contract


@pytest.mark.django_db
def test_hr_seals_the_ticked_contracts_after_confirming(client, hr_li, employer, awaiting_seal):
    draft = services.create_contract(contract_values(worker_name="李强", worker_phone="13800000021",
                                                     worker_id_number=make_id_number(birth="19910101", sequence=21)),
                                     employer=employer, actor=hr_li)
    client.login(username="hr_li", password=PASSWORD)
    url = reverse("labor_contract:list")
    board = client.get(url).content.decode()
    assert 'data-bulk="seal"' in board and 'data-bulk="send"' in board  # each row offers what it may take

    # A draft among them: nothing is sealed, the draft is named.
    response = client.post(url, {"bulk_action": "seal", "selected": [awaiting_seal.number, draft.number],
                                 "confirmed": "1"}, follow=True)
    assert f"{draft.number} 李强：现在不能盖章" in response.content.decode()
    awaiting_seal.refresh_from_db()
    assert awaiting_seal.status == services.employer_may_seal_status(awaiting_seal)

    confirm = client.post(url, {"bulk_action": "seal", "selected": [awaiting_seal.number]})
    assert "以本单位名义为选中的 1 份合同加盖电子印章" in confirm.content.decode()
    response = client.post(url, {"bulk_action": "seal", "selected": [awaiting_seal.number], "confirmed": "1"},
                           follow=True)
    assert "已为 1 份合同加盖电子印章" in response.content.decode()
    awaiting_seal.refresh_from_db()
    assert awaiting_seal.status in (ContractStatus.EMPLOYER_SIGNED, ContractStatus.COMPLETED)
    assert AuditEntry.objects.filter(action="labor_contract.contract.sealed").count() == 1
    entry = AuditEntry.objects.get(action="ui.list.bulk")
    assert entry.actor_id == hr_li.pk and entry.data["rows"] == [awaiting_seal.number]

    # The contract's page shows who did what when, signing steps from the audit log included.
    detail = client.get(awaiting_seal.get_absolute_url()).content.decode()
    assert "劳动者确认签署意愿" in detail and detail.count("zl-timeline-item") >= 5


@pytest.mark.django_db
def test_a_contract_of_another_company_is_a_404_and_nothing_is_sent(client, hr_li, hr_zhou, employer):
    other = hr_zhou.memberships.get().organization
    foreign = services.create_contract(contract_values(), employer=other, actor=hr_zhou)
    client.login(username="hr_li", password=PASSWORD)
    response = client.post(reverse("labor_contract:list"), {"bulk_action": "send", "selected": [foreign.number],
                                                            "confirmed": "1"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == ContractStatus.DRAFT
