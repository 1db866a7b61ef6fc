"""Dismissal under Art. 40 (notice or a month's wage in lieu) and the protections of Art. 42."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from zhili.core.foundation.api import AuditEntry
from zhili.core.ledger.api import entries_for
from zhili.scenes.labor_contract import services
from zhili.scenes.labor_contract.choices import ContractStatus
from zhili.scenes.labor_contract.models import TerminationCertificate

ENDED_ON = dt.date(2027, 8, 31)


def dismiss(contract, hr, **kwargs):
    values = {"reason": "employer_no_fault", "ended_on": ENDED_ON, "actor": hr, "confirmed": True}
    values.update(kwargs)
    return services.terminate_contract(contract, **values)


def assert_nothing_changed(contract):
    contract.refresh_from_db()
    assert contract.status == ContractStatus.COMPLETED
    assert TerminationCertificate.objects.count() == 0


@pytest.mark.django_db
def test_art40_dismissal_with_thirty_days_written_notice_is_lawful(completed_contract, hr_li):
    """Given notice in writing 30 days before, HR dismisses under Art. 40; the notice is audited and in the ledger."""
    certificate = dismiss(completed_contract, hr_li, notice_given_on=dt.date(2027, 8, 1), no_protection_confirmed=True)

    completed_contract.refresh_from_db()
    assert (completed_contract.status, certificate.reference) == (ContractStatus.RESCINDED, "《劳动合同法》第四十条")
    entry = AuditEntry.objects.get(action="labor_contract.contract.rescinded")
    assert (entry.data["notice_given_on"], entry.data["pay_in_lieu"], entry.data["no_protection_confirmed"]) == (
        "2027-08-01", False, True)
    assert '"notice_given_on":"2027-08-01"' in list(entries_for(completed_contract))[-1].record.replace(" ", "")


@pytest.mark.django_db
def test_art40_dismissal_with_a_months_wage_in_lieu_is_lawful(completed_contract, hr_li):
    dismiss(completed_contract, hr_li, pay_in_lieu=True, no_protection_confirmed=True)

    completed_contract.refresh_from_db()
    assert completed_contract.status == ContractStatus.RESCINDED
    assert AuditEntry.objects.get(action="labor_contract.contract.rescinded").data["pay_in_lieu"] is True


@pytest.mark.django_db
def test_art40_dismissal_without_notice_or_pay_in_lieu_is_refused(completed_contract, hr_li):
    with pytest.raises(ValidationError) as error:
        dismiss(completed_contract, hr_li, no_protection_confirmed=True)

    assert error.value.message_dict == {"notice_given_on": [
        "无过失性辞退须提前 30 日以书面形式通知劳动者，或者额外支付劳动者一个月工资：请填写书面通知日期或选择额外支付一个月工资"
        "（《劳动合同法》第四十条；《劳动合同法实施条例》第二十条）"]}
    assert_nothing_changed(completed_contract)


@pytest.mark.django_db
def test_art40_notice_of_twenty_nine_days_is_refused(completed_contract, hr_li):
    with pytest.raises(ValidationError) as error:
        dismiss(completed_contract, hr_li, notice_given_on=dt.date(2027, 8, 2), no_protection_confirmed=True)

    assert error.value.message_dict == {"notice_given_on": [
        "书面通知日期 2027-08-02 距解除日期 2027-08-31 不足 30 日，须提前 30 日通知或者额外支付一个月工资（《劳动合同法》第四十条）"]}
    assert_nothing_changed(completed_contract)


@pytest.mark.django_db
def test_art40_dismissal_needs_hr_to_confirm_no_art42_circumstance(completed_contract, hr_li):
    with pytest.raises(ValidationError) as error:
        dismiss(completed_contract, hr_li, pay_in_lieu=True)

    assert error.value.message_dict == {
        "no_protection": ["受保护情形：请确认劳动者不属于不得解除劳动合同的情形（《劳动合同法》第四十二条）"]}
    assert_nothing_changed(completed_contract)


@pytest.mark.parametrize(("code", "message"), [
    ("occupational_hazard", "劳动者从事接触职业病危害作业未进行离岗前职业健康检查，或疑似职业病病人在诊断或者医学观察期间，"
                            "用人单位不得依照第四十条、第四十一条解除劳动合同（《劳动合同法》第四十二条第一项）"),
    ("work_disability", "劳动者在本单位患职业病或者因工负伤并被确认丧失或者部分丧失劳动能力，"
                        "用人单位不得依照第四十条、第四十一条解除劳动合同（《劳动合同法》第四十二条第二项）"),
    ("medical_period", "劳动者患病或者非因工负伤，在规定的医疗期内，用人单位不得依照第四十条、第四十一条解除劳动合同"
                       "（《劳动合同法》第四十二条第三项）"),
    ("pregnancy", "劳动者女职工在孕期、产期、哺乳期，用人单位不得依照第四十条、第四十一条解除劳动合同（《劳动合同法》第四十二条第四项）"),
    ("long_service", "劳动者在本单位连续工作满十五年，且距法定退休年龄不足五年，用人单位不得依照第四十条、第四十一条解除劳动合同"
                     "（《劳动合同法》第四十二条第五项）"),
    ("other_statutory", "劳动者法律、行政法规规定的其他情形，用人单位不得依照第四十条、第四十一条解除劳动合同"
                        "（《劳动合同法》第四十二条第六项）"),
])
@pytest.mark.django_db
def test_each_art42_circumstance_bars_an_art40_dismissal(completed_contract, hr_li, code, message):
    with pytest.raises(ValidationError) as error:
        dismiss(completed_contract, hr_li, notice_given_on=dt.date(2027, 7, 1), protections=[code])

    assert error.value.message_dict == {"protections": [message]}
    assert_nothing_changed(completed_contract)


@pytest.mark.django_db
def test_art42_also_bars_an_economic_layoff_but_not_a_dismissal_for_fault(completed_contract, hr_li):
    with pytest.raises(ValidationError, match="第四十二条第四项"):
        dismiss(completed_contract, hr_li, reason="economic_layoff", protections=["pregnancy"])
    assert_nothing_changed(completed_contract)

    dismiss(completed_contract, hr_li, reason="employer_worker_fault", protections=["pregnancy"])
    completed_contract.refresh_from_db()
    assert completed_contract.status == ContractStatus.RESCINDED


@pytest.mark.django_db
def test_an_unknown_circumstance_code_is_refused(completed_contract, hr_li):
    with pytest.raises(ValidationError) as error:
        dismiss(completed_contract, hr_li, reason="mutual_agreement", protections=["holiday"])

    assert error.value.message_dict == {"protections": ["受保护情形：未知的情形 holiday（《劳动合同法》第四十二条）"]}
    assert_nothing_changed(completed_contract)


@pytest.mark.django_db
def test_the_terminate_page_asks_for_notice_and_the_art42_circumstances(completed_contract, hr_li, client):
    client.force_login(hr_li)
    url = reverse("labor_contract:terminate", args=[completed_contract.number])
    page = client.get(url).content.decode()
    assert "书面通知日期" in page and "代通知金" in page and "女职工在孕期、产期、哺乳期" in page

    response = client.post(url, {"reason": "employer_no_fault", "ended_on": "2027-08-31", "notice_given_on": "2027-07-01",
                                 "protections": ["pregnancy"], "confirm": "on"})
    assert "《劳动合同法》第四十二条第四项" in response.content.decode()
    assert_nothing_changed(completed_contract)

    response = client.post(url, {"reason": "employer_no_fault", "ended_on": "2027-08-31", "notice_given_on": "2027-07-01",
                                 "no_protection": "on", "confirm": "on"})
    assert response.status_code == 302
    completed_contract.refresh_from_db()
    assert completed_contract.status == ContractStatus.RESCINDED
