"""After completion: renew, amend (supplementary agreement), rescind / terminate with the Art. 50 certificate,
transfer; and before it: expiry, resend and remind with a cool-down."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from zhili.core.esign.api import verify_pdf
from zhili.core.identity.api import Role
from zhili.core.ledger.api import entries_for
from zhili.core.notify.api import Message
from zhili.core.testing.api import EnterpriseFactory, MembershipFactory
from zhili.scenes.labor_contract import documents, services
from zhili.scenes.labor_contract.choices import ContractRelation, ContractStatus, DocumentKind
from zhili.scenes.labor_contract.models import ContractStatusChange, FilingRecord, LaborContract, TerminationCertificate

from .journeys import contract_values, sign_through


@pytest.mark.django_db
def test_renewal_is_a_new_draft_linked_to_the_old_and_cannot_be_made_twice(completed_contract, hr_li):
    """Given a completed contract ending 2029-02-28, renewing drafts one starting the next day, no probation."""
    renewal = services.renew_contract(completed_contract, {"term_type": "fixed_term", "end_date": dt.date(2032, 2, 29)},
                                      actor=hr_li)

    assert renewal.status == ContractStatus.DRAFT
    assert renewal.previous_contract_id == completed_contract.pk and renewal.relation == ContractRelation.RENEWAL
    assert (renewal.start_date, renewal.end_date, renewal.probation_months) == (
        dt.date(2029, 3, 1), dt.date(2032, 2, 29), 0)
    assert renewal.worker_id_number == completed_contract.worker_id_number
    assert renewal.status_changes.get().note == f"续订：{completed_contract.number}"
    services.send_contracts([renewal], actor=hr_li)
    assert Message.objects.filter(template="labor_contract_sign_invite").count() == 2
    with pytest.raises(ValidationError, match="已有续订合同"):
        services.renew_contract(completed_contract, actor=hr_li)
    assert LaborContract.objects.filter(relation=ContractRelation.RENEWAL).count() == 1


@pytest.mark.django_db
def test_renewing_a_second_fixed_term_warns_of_the_open_ended_offer(completed_contract, hr_li):
    LaborContract.objects.create(
        number="LCOLD1", employer=completed_contract.employer, worker_name="张伟",
        worker_id_number=completed_contract.worker_id_number, worker_phone="13800000001", job_title="操作工",
        work_place="建德", term_type="fixed_term", start_date=dt.date(2023, 3, 1), end_date=dt.date(2026, 2, 28),
        status=ContractStatus.EXISTING_PAPER, idempotency_key="old-1")

    warnings = services.renewal_warnings(completed_contract, {"end_date": dt.date(2032, 2, 29)})

    assert warnings == ["该劳动者已连续订立 2 次固定期限合同或工作满十年，劳动者提出或同意续订时，除劳动者提出订立固定期限合同外，"
                        "应当订立无固定期限劳动合同（《劳动合同法》第十四条第二款第三项）"]


@pytest.mark.django_db
def test_an_amendment_is_signed_like_a_contract_and_then_changes_the_terms(completed_contract, hr_li, worker_zhang):
    """Given a completed contract, a supplementary agreement changing post and wage is signed worker-then-seal."""
    agreement = services.amend_contract(completed_contract, {"job_title": "班组长", "monthly_wage": Decimal("6000.00")},
                                        actor=hr_li, effective_on=dt.date(2026, 6, 1))
    assert agreement.document_kind == DocumentKind.SUPPLEMENTARY and agreement.status == ContractStatus.DRAFT
    assert agreement.amendments == [
        {"field": "job_title", "label": "工作岗位", "old": "操作工", "new": "班组长"},
        {"field": "monthly_wage", "label": "月工资（元）", "old": "5000.00", "new": "6000.00"}]
    html = documents.render_contract_html(agreement)
    assert "劳动合同变更协议" in html and "班组长" in html and completed_contract.number in html
    completed_contract.refresh_from_db()
    assert completed_contract.job_title == "操作工"

    sign_through(agreement, worker_zhang, hr_li)

    completed_contract.refresh_from_db()
    assert agreement.status == ContractStatus.COMPLETED
    assert (completed_contract.job_title, completed_contract.monthly_wage) == ("班组长", Decimal("6000.00"))
    assert [e.kind for e in entries_for(agreement)][-1] == "labor_contract.contract.completed"
    assert FilingRecord.objects.filter(contract=agreement).count() == 0
    assert completed_contract.status_changes.last().note == f"变更协议 {agreement.number} 已签订，合同条款已变更"


@pytest.mark.django_db
def test_an_amendment_without_a_change_or_of_a_fixed_field_is_refused(completed_contract, hr_li):
    with pytest.raises(ValidationError) as error:
        services.amend_contract(completed_contract, {"job_title": "操作工"}, actor=hr_li)
    assert error.value.message_dict == {"changes": ["变更内容：至少要有一项与原合同不同"]}
    with pytest.raises(ValidationError) as error:
        services.amend_contract(completed_contract, {"worker_name": "李四"}, actor=hr_li)
    assert error.value.message_dict == {"changes": ["不能通过变更协议修改：worker_name"]}
    with pytest.raises(ValidationError) as error:
        services.amend_contract(completed_contract, {"monthly_wage": Decimal("1000")}, actor=hr_li)
    assert list(error.value.message_dict) == ["monthly_wage"]
    assert LaborContract.objects.filter(document_kind=DocumentKind.SUPPLEMENTARY).count() == 0


@pytest.mark.django_db
def test_rescinding_issues_a_sealed_certificate_sent_to_the_worker(completed_contract, hr_li, worker_zhang, client):
    """Given a completed contract, HR rescinds it under Art. 40; the certificate verifies and reaches the worker."""
    certificate = services.terminate_contract(completed_contract, reason="employer_no_fault",
                                              ended_on=dt.date(2027, 8, 31), actor=hr_li, confirmed=True,
                                              note="岗位撤销，已提前三十日书面通知", notice_given_on=dt.date(2027, 8, 1),
                                              no_protection_confirmed=True)

    completed_contract.refresh_from_db()
    assert completed_contract.status == ContractStatus.RESCINDED
    assert (completed_contract.ended_on, completed_contract.end_reason) == (dt.date(2027, 8, 31), "employer_no_fault")
    assert certificate.reference == "《劳动合同法》第四十条"
    assert certificate.service_months == 18
    report = verify_pdf(bytes(certificate.pdf))
    assert report.verdict == "valid"
    assert [s.field_name for s in report.signatures if s.kind == "signature"] == ["EmployerSeal"]
    assert entries_for(completed_contract)[len(entries_for(completed_contract)) - 1].kind == "labor_contract.contract.rescinded"
    sms = Message.objects.get(template="labor_contract_termination_certificate", channel="sms")
    assert sms.address == "13800000001" and completed_contract.number in sms.body
    assert Message.objects.filter(template="labor_contract_termination_certificate", channel="in_app",
                                  recipient=worker_zhang).count() == 1
    assert completed_contract.status_changes.last().note == "用人单位无过失性辞退（提前三十日通知或额外支付一个月工资）（《劳动合同法》第四十条）"

    client.force_login(worker_zhang)
    response = client.get(reverse("labor_contract:termination_pdf", args=[completed_contract.number]) + "?download=1")
    assert response.status_code == 200 and response.content == bytes(certificate.pdf)
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.django_db
def test_termination_by_the_worker_or_without_a_lawful_reason_changes_nothing(completed_contract, worker_zhang, hr_li):
    with pytest.raises(PermissionDenied):
        services.terminate_contract(completed_contract, reason="mutual_agreement", ended_on=dt.date(2027, 1, 1),
                                    actor=worker_zhang, confirmed=True)
    with pytest.raises(ValidationError) as error:
        services.terminate_contract(completed_contract, reason="employer_wants_to", ended_on=dt.date(2026, 1, 1),
                                    actor=hr_li, confirmed=False)
    assert error.value.message_dict == {
        "reason": ["解除或终止原因：请从列表中选择（须有法定依据，《劳动合同法实施条例》第十三条）"],
        "ended_on": ["解除或终止日期：不能早于合同开始日期 2026-03-01"],
        "confirm": ["确认：请勾选确认以本单位名义出具证明并加盖电子印章"]}
    with pytest.raises(ValidationError, match="合同期满终止的日期不能早于合同终止日期"):
        services.terminate_contract(completed_contract, reason="expiry", ended_on=dt.date(2028, 1, 1), actor=hr_li,
                                    confirmed=True)
    completed_contract.refresh_from_db()
    assert completed_contract.status == ContractStatus.COMPLETED
    assert TerminationCertificate.objects.count() == 0
    assert Message.objects.filter(template="labor_contract_termination_certificate").count() == 0


@pytest.mark.django_db
def test_transfer_to_another_employer_rescinds_here_and_drafts_there(completed_contract, hr_li, employer):
    sister = EnterpriseFactory(region=employer.region, name="建德兄弟有限公司")
    MembershipFactory(user=hr_li, role=Role.EMPLOYER_ADMIN, organization=sister)

    new = services.transfer_contract(completed_contract, to_employer=sister, ended_on=dt.date(2027, 2, 28),
                                     actor=hr_li, confirmed=True)

    completed_contract.refresh_from_db()
    assert completed_contract.status == ContractStatus.RESCINDED and completed_contract.end_reason == "transfer"
    assert (new.employer, new.status, new.relation, new.start_date) == (
        sister, ContractStatus.DRAFT, ContractRelation.TRANSFER, dt.date(2027, 3, 1))
    assert new.previous_contract_id == completed_contract.pk
    assert completed_contract.termination_certificate.note == "调动至 建德兄弟有限公司"


@pytest.mark.django_db
def test_unsigned_invitations_expire_after_their_deadline_and_can_be_sent_again(hr_li, employer):
    contract = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    services.send_contracts([contract], actor=hr_li)
    contract.refresh_from_db()
    deadline = contract.sign_deadline
    assert deadline == timezone.localdate() + dt.timedelta(days=30)

    assert services.expire_unsigned_contracts(deadline) == []
    assert [c.pk for c in services.expire_unsigned_contracts(deadline + dt.timedelta(days=1))] == [contract.pk]

    contract.refresh_from_db()
    assert contract.status == ContractStatus.EXPIRED
    assert entries_for(contract)[len(entries_for(contract)) - 1].kind == "labor_contract.contract.expired"
    LaborContract.objects.filter(pk=contract.pk).update(last_invited_at=timezone.now() - dt.timedelta(hours=2))
    services.resend_invitation(contract, actor=hr_li)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.SENT
    assert list(ContractStatusChange.objects.filter(contract=contract).values_list("to_status", flat=True)) == [
        "draft", "sent", "expired", "sent"]
    assert Message.objects.filter(template="labor_contract_sign_invite").count() == 2


@pytest.mark.django_db
def test_resend_and_remind_respect_the_cool_down(hr_li, employer, hr_zhou):
    contract = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    services.send_contracts([contract], actor=hr_li)

    with pytest.raises(ValidationError) as error:
        services.remind_worker(contract, actor=hr_li)
    assert error.value.message_dict == {"resend": ["60 分钟内已向该劳动者发送过签署短信，请稍后再试（避免重复打扰劳动者）"]}
    LaborContract.objects.filter(pk=contract.pk).update(last_invited_at=timezone.now() - dt.timedelta(minutes=61))
    services.remind_worker(contract, actor=hr_li)
    with pytest.raises(ValidationError):
        services.resend_invitation(contract, actor=hr_li)
    with pytest.raises(PermissionDenied):
        services.resend_invitation(contract, actor=hr_zhou)
    reminders = Message.objects.filter(template="labor_contract_sign_reminder", channel="sms")
    assert reminders.count() == 1 and "请在" in reminders.get().body
    assert Message.objects.filter(template="labor_contract_sign_invite").count() == 1


@pytest.mark.django_db
def test_hr_pages_resend_renew_amend_and_terminate(completed_contract, hr_li, client):
    client.force_login(hr_li)
    detail = client.get(completed_contract.get_absolute_url()).content.decode()
    assert "续订" in detail and "变更（补充协议）" in detail and "解除 / 终止" in detail
    response = client.post(reverse("labor_contract:terminate", args=[completed_contract.number]),
                           {"reason": "mutual_agreement", "ended_on": "2027-06-30", "note": ""})
    assert "确认：请勾选确认以本单位名义出具证明并加盖电子印章" in response.content.decode()
    response = client.post(reverse("labor_contract:amend", args=[completed_contract.number]),
                           {"work_place": "建德市洋溪街道", "effective_on": "2026-07-01"})
    agreement = LaborContract.objects.get(document_kind=DocumentKind.SUPPLEMENTARY)
    assert response["Location"] == agreement.get_absolute_url()
    response = client.post(reverse("labor_contract:terminate", args=[completed_contract.number]),
                           {"reason": "mutual_agreement", "ended_on": "2027-06-30", "note": "", "confirm": "on"})
    assert response.status_code == 302
    completed_contract.refresh_from_db()
    assert completed_contract.status == ContractStatus.RESCINDED
