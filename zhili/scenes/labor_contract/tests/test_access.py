"""Who sees and changes which contract: HR of the employer only, the named worker, officers in their region."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zhili.core.notify.api import Message
from zhili.core.testing.api import make_id_number
from zhili.scenes.labor_contract import queries, services
from zhili.scenes.labor_contract.choices import ContractStatus
from zhili.scenes.labor_contract.models import ContractStatusChange, LaborContract

from .journeys import contract_values


@pytest.fixture
def contract_for_zhang(hr_li, employer):
    return services.create_contract(contract_values(), employer=employer, actor=hr_li)


@pytest.fixture
def contract_at_zhou(hr_zhou):
    company = hr_zhou.memberships.get().organization
    values = contract_values(worker_name="陈一", worker_id_number=make_id_number(birth="19910101", sequence=77),
                             worker_phone="13900000077")
    return services.create_contract(values, employer=company, actor=hr_zhou)


@pytest.mark.django_db
def test_hr_sends_once_and_the_worker_gets_one_sms_with_a_short_link(hr_li, contract_for_zhang):
    sent = services.send_contracts([contract_for_zhang], actor=hr_li)
    again = services.send_contracts([contract_for_zhang], actor=hr_li)

    contract_for_zhang.refresh_from_db()
    assert (len(sent), len(again), contract_for_zhang.status) == (1, 0, ContractStatus.SENT)
    sms = Message.objects.get(template="labor_contract_sign_invite")
    assert sms.address == "13800000001"
    assert "/s/" in sms.body or "/labor_contract/c/" in sms.body
    assert [(c.from_status, c.to_status) for c in contract_for_zhang.status_changes.all()] == [
        ("", ContractStatus.DRAFT), (ContractStatus.DRAFT, ContractStatus.SENT)]


@pytest.mark.django_db
def test_hr_of_another_employer_can_neither_see_send_nor_revoke(client, hr_zhou, contract_for_zhang):
    with pytest.raises(PermissionDenied):
        services.send_contracts([contract_for_zhang], actor=hr_zhou)
    with pytest.raises(PermissionDenied):
        services.revoke_contract(contract_for_zhang, actor=hr_zhou, reason="试试")

    client.force_login(hr_zhou)
    assert client.get(contract_for_zhang.get_absolute_url()).status_code == 404
    assert client.post(reverse("labor_contract:send", args=[contract_for_zhang.number])).status_code == 404
    assert client.post(reverse("labor_contract:send_selected"), {"number": [contract_for_zhang.number]}).status_code == 302
    assert client.post("/api/v1/labor_contract/send", {"numbers": [contract_for_zhang.number]},
                       content_type="application/json").status_code == 403

    contract_for_zhang.refresh_from_db()
    assert (contract_for_zhang.status, contract_for_zhang.revoke_reason, contract_for_zhang.sent_at) == (
        ContractStatus.DRAFT, "", None)
    assert Message.objects.count() == 0
    assert ContractStatusChange.objects.filter(contract=contract_for_zhang).count() == 1
    assert list(queries.employer_contracts(hr_zhou)) == []


@pytest.mark.django_db
def test_revoke_only_before_the_worker_signs(hr_li, contract_for_zhang):
    services.send_contracts([contract_for_zhang], actor=hr_li)
    revoked = services.revoke_contract(contract_for_zhang, actor=hr_li, reason="岗位取消")
    assert (revoked.status, revoked.revoke_reason) == (ContractStatus.REVOKED, "岗位取消")

    signed = services.create_contract(contract_values(start_date=dt.date(2026, 4, 1), probation_months=0,
                                                      probation_wage=None), employer=revoked.employer, actor=hr_li)
    LaborContract.objects.filter(pk=signed.pk).update(status=ContractStatus.WORKER_SIGNED)
    with pytest.raises(ValidationError) as exc:
        services.revoke_contract(signed, actor=hr_li)
    assert exc.value.message_dict == {"status": ["合同状态为「劳动者已签署」，劳动者签署后不能撤回"]}
    signed.refresh_from_db()
    assert signed.status == ContractStatus.WORKER_SIGNED


@pytest.mark.django_db
def test_worker_sees_only_contracts_naming_them(client, hr_li, hr_zhou, worker_zhang, contract_for_zhang,
                                                contract_at_zhou):
    services.send_contracts([contract_for_zhang], actor=hr_li)
    services.send_contracts([contract_at_zhou], actor=hr_zhou)

    assert list(queries.worker_contracts(worker_zhang)) == [contract_for_zhang]
    client.force_login(worker_zhang)
    page = client.get(reverse("labor_contract:mine")).content.decode()
    assert contract_for_zhang.employer.name in page and "淳安另一家有限公司" not in page
    assert client.get(contract_for_zhang.get_absolute_url()).status_code == 200
    assert client.get(contract_at_zhou.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_officer_sees_only_contracts_of_employers_in_their_region(client, officer_wang, contract_for_zhang,
                                                                  contract_at_zhou):
    assert list(queries.region_contracts(officer_wang)) == [contract_for_zhang]
    client.force_login(officer_wang)
    page = client.get(reverse("labor_contract:region")).content.decode()
    assert contract_for_zhang.number in page and contract_at_zhou.number not in page
    assert client.get(contract_at_zhou.get_absolute_url()).status_code == 404
    overdue = client.get(reverse("labor_contract:region_overdue")).content.decode()
    assert contract_for_zhang.number in overdue  # started 2026-03-01, still a draft


@pytest.mark.django_db
def test_form_errors_name_the_field_and_the_article(hr_li, employer):
    with pytest.raises(ValidationError) as exc:
        services.create_contract(contract_values(end_date=dt.date(2026, 12, 31), probation_months=2),
                                 employer=employer, actor=hr_li)
    assert exc.value.message_dict == {
        "probation_months": ["试用期 2 个月超过该合同期限允许的 1 个月（《劳动合同法》第十九条第一款）"]}
    assert LaborContract.objects.count() == 0
