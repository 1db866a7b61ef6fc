"""The signing journey at service level: send → real name → disclosure → intent → worker signs → seal → completed."""

import hashlib
import io
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.esign.api import verify_pdf
from zhili.core.foundation.api import AuditEntry
from zhili.core.identity.api import Role
from zhili.core.ledger.api import entries_for
from zhili.core.notify.api import Message
from zhili.core.testing.api import MembershipFactory, UserFactory, make_id_number
from zhili.scenes.labor_contract import services
from zhili.scenes.labor_contract.choices import ContractStatus, DocumentStage, SigningOrder
from zhili.scenes.labor_contract.models import ContractDocument, IntentConfirmation, SigningStep

from .journeys import contract_values, drawn_signature, seal_png, worker_reaches_signature


@pytest.fixture
def sent_contract(hr_li, employer):
    contract = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    services.send_contracts([contract], actor=hr_li)
    contract.refresh_from_db()
    return contract


def pdfsig(pdf: bytes, folder) -> str:
    path = folder / f"{hashlib.sha256(pdf).hexdigest()[:12]}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout


@pytest.mark.django_db
def test_full_journey_ends_in_a_completed_contract_whose_pdf_verifies(sent_contract, worker_zhang, hr_li, employer,
                                                                    tmp_path):
    """Given a sent contract, when the worker signs and HR seals, the PDF holds two valid trusted signatures."""
    intent = worker_reaches_signature(sent_contract, worker_zhang)
    services.sign_as_worker(sent_contract, actor=worker_zhang, intent=intent, signature_png=drawn_signature())
    sent_contract.refresh_from_db()
    assert sent_contract.status == ContractStatus.WORKER_SIGNED
    assert sent_contract.worker_id == worker_zhang.pk

    services.upload_seal(employer, seal_png(), actor=hr_li)
    services.apply_seal(sent_contract, actor=hr_li, confirmed=True)

    sent_contract.refresh_from_db()
    assert sent_contract.status == ContractStatus.COMPLETED
    assert sent_contract.completed_at is not None
    stages = list(ContractDocument.objects.filter(contract=sent_contract).values_list("stage", flat=True))
    assert stages == [DocumentStage.UNSIGNED, DocumentStage.WORKER_SIGNED, DocumentStage.EMPLOYER_SIGNED,
                      DocumentStage.COMPLETED]
    pdf = bytes(services.completed_document(sent_contract).pdf)
    report = verify_pdf(pdf)
    signatures = [s for s in report.signatures if s.kind == "signature"]
    assert report.verdict == "valid"
    assert [s.field_name for s in signatures] == ["WorkerSignature", "EmployerSeal"]
    assert all(s.intact and s.trusted and s.valid for s in signatures)
    output = pdfsig(pdf, tmp_path)
    assert output.count("Signature Validation: Signature is Valid.") == 2
    assert "Signature Field Name: WorkerSignature" in output and "Signature Field Name: EmployerSeal" in output

    kinds = [e.kind for e in entries_for(sent_contract)]
    assert kinds == ["labor_contract.contract.sent", "labor_contract.contract.worker_signed",
                     "labor_contract.contract.sealed", "labor_contract.contract.completed"]
    sms = Message.objects.get(template="labor_contract_completed", channel="sms")
    assert sms.address == "13800000001" and sent_contract.number in sms.body
    assert Message.objects.filter(template="labor_contract_completed", channel="in_app",
                                  recipient=worker_zhang).count() == 1
    intent.refresh_from_db()
    assert intent.consumed_at is not None and intent.signature_method == "drawn"
    assert list(sent_contract.status_changes.values_list("to_status", flat=True)) == [
        "draft", "sent", "worker_signed", "employer_signed", "completed"]


@pytest.mark.django_db
def test_the_sms_link_leads_to_the_signing_start_page(sent_contract, client):
    sms = Message.objects.get(template="labor_contract_sign_invite")
    path = "/" + sms.body.split("打开 ")[1].split(" ")[0].split("/", 3)[3]
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/labor_contract/s/{sent_contract.number}/"


@pytest.mark.django_db
def test_another_phone_is_refused_and_nothing_changes(sent_contract):
    """Given a person logged in with another phone, every worker step is refused."""
    stranger = UserFactory(name="张伟", phone="13900000009")
    with pytest.raises(PermissionDenied, match="手机号与合同预留的劳动者手机号不一致"):
        services.confirm_worker_identity(sent_contract, name="张伟", id_number=sent_contract.worker_id_number,
                                         actor=stranger)
    sent_contract.refresh_from_db()
    stranger.refresh_from_db()
    assert sent_contract.status == ContractStatus.SENT and sent_contract.worker_id is None
    assert stranger.verified_at is None
    assert SigningStep.objects.count() == 0


@pytest.mark.django_db
def test_wrong_id_number_is_refused_naming_the_field_and_nothing_changes(sent_contract, worker_zhang):
    other_id = make_id_number(birth="19920101", sequence=77)
    with pytest.raises(ValidationError) as error:
        services.confirm_worker_identity(sent_contract, name="张伟", id_number=other_id, actor=worker_zhang)
    assert error.value.message_dict == {"id_number": ["身份证号码：与合同载明的劳动者身份证号码不一致"]}
    with pytest.raises(ValidationError) as error:
        services.confirm_worker_identity(sent_contract, name="张三", id_number=worker_zhang.id_number,
                                         actor=worker_zhang)
    assert error.value.message_dict == {"name": ["姓名：与合同载明的劳动者姓名不一致"]}
    sent_contract.refresh_from_db()
    assert sent_contract.worker_id is None and SigningStep.objects.count() == 0
    with pytest.raises(ValidationError, match="请先完成实名核验"):
        services.acknowledge_disclosure(sent_contract, actor=worker_zhang)


@pytest.mark.django_db
def test_intent_needs_the_tick_and_the_document_shown(sent_contract, worker_zhang):
    services.confirm_worker_identity(sent_contract, name="张伟", id_number=worker_zhang.id_number, actor=worker_zhang)
    services.acknowledge_disclosure(sent_contract, actor=worker_zhang)
    document = services.ensure_contract_pdf(sent_contract, actor=worker_zhang)
    with pytest.raises(ValidationError, match="请勾选确认"):
        services.confirm_intent(sent_contract, actor=worker_zhang, document_sha256=document.sha256, agreed=False)
    with pytest.raises(ValidationError, match="合同文件已变化"):
        services.confirm_intent(sent_contract, actor=worker_zhang, document_sha256="0" * 64, agreed=True)
    assert IntentConfirmation.objects.count() == 0


@pytest.mark.django_db
def test_seal_cannot_be_applied_by_hr_of_another_company_or_by_the_worker(sent_contract, worker_zhang, hr_li,
                                                                          hr_zhou, employer):
    intent = worker_reaches_signature(sent_contract, worker_zhang)
    services.sign_as_worker(sent_contract, actor=worker_zhang, intent=intent, typed_name="张伟")
    services.upload_seal(employer, seal_png(), actor=hr_li)
    for intruder in (hr_zhou, worker_zhang):
        with pytest.raises(PermissionDenied, match="只有本单位的单位管理员或印章管理员"):
            services.apply_seal(sent_contract, actor=intruder, confirmed=True)
    with pytest.raises(PermissionDenied):
        services.upload_seal(employer, seal_png(), actor=hr_zhou)
    sent_contract.refresh_from_db()
    assert sent_contract.status == ContractStatus.WORKER_SIGNED
    assert not ContractDocument.objects.filter(contract=sent_contract, stage=DocumentStage.EMPLOYER_SIGNED).exists()


@pytest.mark.django_db
def test_a_seal_keeper_may_apply_the_seal(sent_contract, worker_zhang, hr_li, employer):
    keeper = UserFactory(name="钱印", username="keeper_qian", phone="13800000021")
    MembershipFactory(user=keeper, role=Role.SEAL_KEEPER, organization=employer)
    intent = worker_reaches_signature(sent_contract, worker_zhang)
    services.sign_as_worker(sent_contract, actor=worker_zhang, intent=intent, typed_name="张伟")
    services.upload_seal(employer, seal_png(), actor=hr_li)
    services.apply_seal(sent_contract, actor=keeper, confirmed=True)
    sent_contract.refresh_from_db()
    assert sent_contract.status == ContractStatus.COMPLETED


@pytest.mark.django_db
def test_worker_rejects_with_a_reason_and_hr_is_told(sent_contract, worker_zhang, hr_li):
    with pytest.raises(ValidationError, match="拒签理由：必须填写"):
        services.reject_contract(sent_contract, actor=worker_zhang, reason="  ")
    services.reject_contract(sent_contract, actor=worker_zhang, reason="工资与面试时说的不一致")
    sent_contract.refresh_from_db()
    assert sent_contract.status == ContractStatus.REJECTED
    assert sent_contract.reject_reason == "工资与面试时说的不一致"
    message = Message.objects.get(template="labor_contract_rejected", recipient=hr_li)
    assert "工资与面试时说的不一致" in message.body
    assert [e.kind for e in entries_for(sent_contract)][-1] == "labor_contract.contract.rejected"


@pytest.mark.django_db
def test_seal_upload_refuses_an_opaque_or_non_png_image(hr_li, employer):
    from PIL import Image

    opaque = io.BytesIO()
    Image.new("RGB", (200, 200), (255, 255, 255)).save(opaque, format="PNG")
    with pytest.raises(ValidationError) as error:
        services.upload_seal(employer, opaque.getvalue(), actor=hr_li)
    assert error.value.message_dict == {"image": ["印章图片：须为透明背景的 PNG（印章以外的部分应透明）"]}
    with pytest.raises(ValidationError, match="须为 PNG 格式"):
        services.upload_seal(employer, b"GIF89a....", actor=hr_li)
    assert services.active_seal(employer) is None


@pytest.mark.django_db
def test_employer_first_order_seals_then_the_worker_concludes(hr_li, employer, worker_zhang):
    version = services.create_default_template(actor=hr_li)
    version.signing_order = SigningOrder.EMPLOYER_FIRST
    version.save()
    contract = services.create_contract(contract_values(), employer=employer, actor=hr_li, template_version=version)
    services.send_contracts([contract], actor=hr_li)
    contract.refresh_from_db()
    with pytest.raises(ValidationError, match="用人单位尚未盖章"):
        services.confirm_worker_identity(contract, name="张伟", id_number=worker_zhang.id_number, actor=worker_zhang)
    services.upload_seal(employer, seal_png(), actor=hr_li)
    services.ensure_contract_pdf(contract, actor=hr_li)
    services.apply_seal(contract, actor=hr_li, confirmed=True)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.EMPLOYER_SIGNED
    intent = worker_reaches_signature(contract, worker_zhang)
    services.sign_as_worker(contract, actor=worker_zhang, intent=intent, typed_name="张伟")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.COMPLETED
    assert verify_pdf(bytes(services.completed_document(contract).pdf)).verdict == "valid"


@pytest.mark.django_db
def test_reads_by_others_are_logged_but_the_workers_own_are_not(sent_contract, worker_zhang, hr_li, client):
    client.force_login(hr_li)
    client.get(sent_contract.get_absolute_url())
    client.force_login(worker_zhang)
    client.get(sent_contract.get_absolute_url())
    reads = AuditEntry.objects.filter(action="labor_contract.contract.read", target_id=str(sent_contract.pk))
    assert [(e.actor_id, e.data["what"]) for e in reads] == [(hr_li.pk, "detail")]


def test_send_renders_each_pdf_in_the_task_worker_once_the_chunk_commits(hr_li, employer, monkeypatch,
                                                                          django_capture_on_commit_callbacks):
    from zhili.scenes.labor_contract.services import sending

    monkeypatch.setattr(sending, "SEND_CHUNK", 2)
    monkeypatch.setattr(sending, "RENDER_TASK_SIZE", 1)
    drafts = [services.create_contract(contract_values(worker_id_number=make_id_number(sequence=500 + i),
                                                       worker_phone=f"1390000000{i}"), employer=employer, actor=hr_li)
              for i in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_contracts(drafts, actor=hr_li)
    assert len(sent) == 3
    documents = ContractDocument.objects.filter(contract__in=drafts, stage=DocumentStage.UNSIGNED)
    assert documents.count() == 3  # the tests' task backend runs each queued task at once
    assert AuditEntry.objects.filter(action="labor_contract.document.rendered").count() == 3
    # the reading page finds the PDF and renders nothing; a repeat of the task renders nothing either
    assert services.ensure_contract_pdf(drafts[0], actor=hr_li).pk == documents.get(contract=drafts[0]).pk
    assert services.render_contract_pdfs([c.pk for c in drafts], actor=hr_li) == 0
    # sending again changes nothing
    assert services.send_contracts(drafts, actor=hr_li) == []
    assert Message.objects.filter(template="labor_contract_sign_invite").count() == 3


def test_a_foreign_contract_stops_the_whole_send_before_any_chunk(hr_li, hr_zhou, employer, monkeypatch):
    from zhili.scenes.labor_contract.services import sending

    monkeypatch.setattr(sending, "SEND_CHUNK", 1)
    mine = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    other_employer = hr_zhou.memberships.get(role=Role.EMPLOYER_ADMIN).organization
    foreign = services.create_contract(contract_values(worker_id_number=make_id_number(sequence=777),
                                                       work_place="淳安县"), employer=other_employer, actor=hr_zhou)
    with pytest.raises(PermissionDenied):
        services.send_contracts([mine, foreign], actor=hr_li)
    mine.refresh_from_db()
    assert mine.status == ContractStatus.DRAFT
    assert not Message.objects.filter(template="labor_contract_sign_invite").exists()


def test_the_render_task_renders_as_the_sender_and_nothing_without_an_account(hr_li, employer):
    from zhili.scenes.labor_contract.tasks import render_contract_pdfs

    contract = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    services.send_contracts([contract], actor=hr_li)
    assert render_contract_pdfs.call(contract_ids=[contract.pk], actor_id=None) == {"rendered": 0}
    assert render_contract_pdfs.call(contract_ids=[contract.pk], actor_id=hr_li.pk) == {"rendered": 1}
    assert ContractDocument.objects.filter(contract=contract, stage=DocumentStage.UNSIGNED).count() == 1
