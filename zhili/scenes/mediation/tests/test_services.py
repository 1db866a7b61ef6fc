"""The mediation's services, step by step, with exact figures and the evidence each step leaves."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhili.core.cases.api import Case
from zhili.core.foundation.api import AuditEntry
from zhili.core.identity.api import Role
from zhili.core.ledger.api import entries_for
from zhili.core.notify.api import Message
from zhili.core.testing.api import MembershipFactory, UserFactory
from zhili.scenes.mediation import queries, services
from zhili.scenes.mediation.choices import MediationStatus
from zhili.scenes.mediation.models import Claim, Evidence, Mediation, Record

from .conftest import application

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def kinds(mediation):
    return [e.kind for e in entries_for(mediation)]


def test_an_online_application_is_routed_invited_and_ledgered(applied, mediator_chen, county):
    m = Mediation.objects.get(pk=applied.pk)
    assert m.number == f"TJ{timezone.localdate():%Y%m%d}0001"
    assert m.status == MediationStatus.INVITED
    assert m.deadline_on == m.received_on + dt.timedelta(days=15)
    assert m.mediator == mediator_chen and m.committee.name == "建德市劳动人事争议调解委员会"
    assert [(c.kind, c.amount) for c in m.claims.all()] == [("wages", Decimal("12000.00")),
                                                            ("severance", Decimal("6000.50"))]
    assert m.worker_phone == "13800000001" and m.employer.name == "建德宏达建材有限公司"
    case = Case.objects.get(pk=m.case_id)
    assert (case.case_type, case.state, case.assignee_id) == ("mediation.dispute", "assigning", mediator_chen.pk)
    invite = Message.objects.get(template="mediation_invite")
    assert invite.address == "13800000002" and m.invite_url in invite.body
    assert kinds(m) == ["mediation.application.received"]


def test_a_bad_application_names_each_field_and_writes_nothing(worker_zhang, enterprise, mediator_chen, county):
    with pytest.raises(ValidationError) as refused:
        services.apply_for_mediation(region=county, actor=worker_zhang, **application(
            employer_uscc="123", employer_phone="12345", facts=" ", dispute_type="feud"))
    assert set(refused.value.message_dict) == {"employer_uscc", "employer_phone", "facts", "dispute_type"}
    with pytest.raises(ValidationError) as refused:
        services.apply_for_mediation(region=county, actor=worker_zhang,
                                     **application(claims=[{"kind": "wages", "amount": "-5"}]))
    assert list(refused.value.message_dict) == ["claims"]
    assert Mediation.objects.count() == 0 and Case.objects.count() == 0 and Message.objects.count() == 0


def test_a_worker_applies_only_with_their_own_phone(outsider, enterprise, mediator_chen, county):
    from zhili.core.identity.api import Role, add_membership

    add_membership(outsider, role=Role.WORKER)
    with pytest.raises(PermissionDenied):
        services.apply_for_mediation(region=county, actor=outsider, **application())
    assert Mediation.objects.count() == 0


def test_assignment_respects_type_load_and_conflicts(worker_zhang, enterprise, hr_li, mediator_chen, mediator_lin,
                                                     admin_zhou, county):
    first = services.apply_for_mediation(region=county, actor=worker_zhang, **application())
    second = services.apply_for_mediation(region=county, actor=worker_zhang, **application())
    injury = services.apply_for_mediation(region=county, actor=worker_zhang, **application(dispute_type="work_injury"))
    # 陈明 took the first (fewest open cases, longest on the roll), 林芳 the second; only 陈明 takes injuries.
    assert (first.mediator, second.mediator, injury.mediator) == (mediator_chen, mediator_lin, mediator_chen)
    # 林芳 declares a conflict with the employer: the case passes to 陈明 and she is never given it again.
    services.decline_for_conflict(second, actor=mediator_lin, reason="曾在该公司任职")
    second.refresh_from_db()
    assert second.mediator == mediator_chen and Case.objects.get(pk=second.case_id).assignee == mediator_chen
    with pytest.raises(ValidationError) as refused:
        services.assign_mediator(second, mediator_lin, actor=admin_zhou)
    assert "须回避" in refused.value.message_dict["mediator"][0]
    second.refresh_from_db()
    assert second.mediator == mediator_chen


def test_a_mediator_outside_the_region_is_never_chosen(worker_zhang, enterprise, mediator_sun, county, admin_zhou,
                                                       committee):
    from zhili.core.orgs.api import Organization

    with pytest.raises(ValidationError) as refused:
        services.apply_for_mediation(region=county, actor=worker_zhang, **application())
    assert list(refused.value.message_dict) == ["region"]
    assert Organization.objects.filter(pk=committee.pk).exists() and Mediation.objects.count() == 0


def test_accepting_starts_mediation_and_the_case(mediating, hr_li):
    assert mediating.status == MediationStatus.MEDIATING and mediating.employer_contact == hr_li
    assert Case.objects.get(pk=mediating.case_id).state == "mediating"
    assert kinds(mediating) == ["mediation.application.received", "mediation.invitation.accepted"]


def test_declining_ends_the_mediation_as_failed(applied, hr_li):
    m = services.respond_to_invitation(applied, accept=False, actor=hr_li, reason="已按规定支付")
    assert m.status == MediationStatus.FAILED and "不同意调解" in m.outcome_note
    assert Case.objects.get(pk=m.case_id).state == "failed"
    with pytest.raises(ValidationError):
        services.respond_to_invitation(applied, accept=True, actor=hr_li)


def test_only_the_invited_party_answers(applied, worker_zhang, outsider):
    for who in (worker_zhang, outsider):
        with pytest.raises(PermissionDenied):
            services.respond_to_invitation(applied, accept=True, actor=who)
    applied.refresh_from_db()
    assert applied.status == MediationStatus.INVITED and applied.responded_at is None


def test_evidence_is_checked_by_content_and_ledgered(mediating, worker_zhang, hr_li, outsider):
    evidence = services.add_evidence(mediating, session="joint", name="工资条.png", data=PNG, actor=worker_zhang)
    assert (evidence.content_type, evidence.size, evidence.side) == ("image/png", 72, "worker")
    import hashlib

    assert evidence.sha256 == hashlib.sha256(PNG).hexdigest()
    assert entries_for(mediating).last().digest == evidence.sha256
    with pytest.raises(ValidationError) as refused:
        services.add_evidence(mediating, session="joint", name="a.png", data=b"MZ\x90\x00 not an image", actor=hr_li)
    assert "只接受" in refused.value.message_dict["file"][0]
    with pytest.raises(PermissionDenied):
        services.add_evidence(mediating, session="joint", name="x.png", data=PNG, actor=outsider)
    with pytest.raises(PermissionDenied):  # a back-to-back session belongs to the other side
        services.add_evidence(mediating, session="worker", name="x.png", data=PNG, actor=hr_li)
    assert Evidence.objects.count() == 1


def test_room_messages_are_numbered_per_session(mediating, worker_zhang, hr_li, mediator_chen):
    from zhili.core.live import api as live

    services.post_room_message(mediating, session="joint", text="大家好，今天开始调解。", actor=mediator_chen)
    services.post_room_message(mediating, session="joint", text="我要求支付全部工资。", actor=worker_zhang)
    services.post_room_message(mediating, session="employer", text="单位最多能付一万。", actor=hr_li)
    joint = live.records_since(services.room_channel(mediating, "joint", actor=mediator_chen))
    assert [(r["seq"], r["author"], r["text"]) for r in joint] == [
        (1, "调解员", "大家好，今天开始调解。"), (2, "申请人（劳动者）", "我要求支付全部工资。")]
    private = live.records_since(services.room_channel(mediating, "employer", actor=mediator_chen))
    assert [r["author"] for r in private] == ["被申请人（用人单位）"]
    with pytest.raises(PermissionDenied):
        services.post_room_message(mediating, session="employer", text="我也想看", actor=worker_zhang)


def settle(mediation, worker, employer, mediator, *, due=None):
    due = due or timezone.localdate() + dt.timedelta(days=10)
    rec = services.save_record(mediation, text="双方同意：单位于十日内支付工资一万元。", version=0, actor=mediator)
    services.confirm_record(mediation, sha256_seen=rec.sha256, actor=worker)
    services.confirm_record(mediation, sha256_seen=rec.sha256, actor=employer)
    wages, severance = mediation.claims.order_by("id")
    agreement = services.draft_agreement(mediation, agreed={wages.pk: ("10000", due), severance.pk: (None, None)},
                                         terms="银行转账至劳动者工资卡。", actor=mediator)
    for signer in (worker, employer, mediator):
        agreement = services.sign_agreement(agreement, actor=signer, agreed=True, document_sha256=agreement.sha256)
    assert agreement.status == "signing"  # not in effect before the committee's seal (LDMAL Art. 14)
    with pytest.raises(PermissionDenied):  # the mediator does not keep the committee's seal
        services.seal_agreement(agreement, actor=mediator, confirmed=True)
    keeper = UserFactory(verified=True, name="吴敏", username="seal_wu", phone="13800000035")
    MembershipFactory(user=keeper, role=Role.SEAL_KEEPER, organization=mediation.committee, region=mediation.region)
    with pytest.raises(ValidationError):
        services.seal_agreement(agreement, actor=keeper, confirmed=False)
    return services.seal_agreement(agreement, actor=keeper, confirmed=True)


def test_record_agreement_and_signatures_settle_the_case_and_payments_are_followed(mediating, worker_zhang, hr_li,
                                                                                  mediator_chen):
    from zhili.core.esign.api import verify_pdf

    due = timezone.localdate() + dt.timedelta(days=3)
    agreement = settle(mediating, worker_zhang, hr_li, mediator_chen, due=due)
    mediating.refresh_from_db()
    assert mediating.status == MediationStatus.SETTLED and agreement.status == "effective"
    assert Case.objects.get(pk=mediating.case_id).state == "settled"
    report = verify_pdf(bytes(agreement.pdf))
    signatures = [s for s in report.signatures if s.kind == "signature"]
    assert [s.field_name for s in signatures] == [
        "MediationWorkerSignature", "MediationEmployerSignature", "MediationMediatorSignature",
        "MediationCommitteeSeal"]
    assert "建德市劳动人事争议调解委员会" in signatures[-1].signer
    assert all(s.ok for s in report.signatures)
    assert seal_images(bytes(agreement.pdf)) == [(480, 480)]  # the committee's round seal shows on the agreement
    assert queries.recovered_amount(Mediation.objects.all()) == Decimal("10000.00")
    assert kinds(mediating)[-6:] == ["mediation.record.confirmed", "mediation.agreement.signed",
                                     "mediation.agreement.signed", "mediation.agreement.signed",
                                     "mediation.agreement.sealed", "mediation.agreement.effective"]
    # Performance follow-up: a missed due date is followed up once; the worker records the payment.
    assert services.check_performance(due) == []
    claim = Claim.objects.get(mediation=mediating, agreed_amount__isnull=False)
    assert services.check_performance(due + dt.timedelta(days=1)) == [claim.pk]
    services.check_performance(due + dt.timedelta(days=2))
    assert Message.objects.filter(template="mediation_payment_missed", channel="sms").count() == 1
    with pytest.raises(PermissionDenied):
        services.record_payment(claim, paid_on=timezone.localdate(), actor=hr_li)
    services.record_payment(claim, paid_on=timezone.localdate(), actor=worker_zhang)
    assert services.check_performance(due + dt.timedelta(days=5)) == []


def test_a_confirmed_record_cannot_change_and_a_stale_confirmation_is_refused(mediating, worker_zhang, hr_li,
                                                                               mediator_chen):
    first = services.save_record(mediating, text="第一稿", version=0, actor=mediator_chen)
    services.confirm_record(mediating, sha256_seen=first.sha256, actor=worker_zhang)
    second = services.save_record(mediating, text="第二稿", version=1, actor=mediator_chen)
    assert not second.confirmed_by("worker")  # the correction needs a new confirmation
    with pytest.raises(ValidationError):
        services.confirm_record(mediating, sha256_seen=first.sha256, actor=hr_li)
    services.confirm_record(mediating, sha256_seen=second.sha256, actor=hr_li)
    services.confirm_record(mediating, sha256_seen=second.sha256, actor=worker_zhang)
    with pytest.raises(ValidationError) as refused:
        services.save_record(mediating, text="第三稿", version=2, actor=mediator_chen)
    assert "不能再修改" in refused.value.message_dict["text"][0]
    with pytest.raises(PermissionDenied):
        services.save_record(mediating, text="我来改", version=2, actor=worker_zhang)
    assert Record.objects.get(mediation=mediating).text == "第二稿"


def test_the_mediator_signs_last_and_nobody_signs_twice(mediating, worker_zhang, hr_li, mediator_chen):
    rec = services.save_record(mediating, text="协议内容", version=0, actor=mediator_chen)
    services.confirm_record(mediating, sha256_seen=rec.sha256, actor=worker_zhang)
    services.confirm_record(mediating, sha256_seen=rec.sha256, actor=hr_li)
    wages = mediating.claims.order_by("id").first()
    agreement = services.draft_agreement(mediating, agreed={wages.pk: ("500", timezone.localdate())}, terms="",
                                         actor=mediator_chen)
    with pytest.raises(ValidationError) as refused:
        services.sign_agreement(agreement, actor=mediator_chen, agreed=True, document_sha256=agreement.sha256)
    assert "双方当事人签署后" in refused.value.message_dict["agreement"][0]
    agreement = services.sign_agreement(agreement, actor=worker_zhang, agreed=True, document_sha256=agreement.sha256)
    with pytest.raises(ValidationError):
        services.sign_agreement(agreement, actor=worker_zhang, agreed=True, document_sha256=agreement.sha256)
    with pytest.raises(ValidationError) as refused:  # drafting again after a signature is refused
        services.draft_agreement(mediating, agreed={}, terms="改", actor=mediator_chen)
    assert "已有人签署" in refused.value.message_dict["agreement"][0]


def test_the_fifteen_day_period_ends_as_failed(mediating, mediator_chen):
    day = mediating.deadline_on
    assert services.expire_mediations(day) == []
    assert services.expire_mediations(day + dt.timedelta(days=1)) == [mediating.number]
    mediating.refresh_from_db()
    assert mediating.status == MediationStatus.FAILED and "第十四条" in mediating.outcome_note
    assert Case.objects.get(pk=mediating.case_id).state == "failed"
    assert Message.objects.filter(template="mediation_failed").count() == 2


def test_ratings_once_per_side_after_closure(mediating, worker_zhang, hr_li, mediator_chen, outsider):
    with pytest.raises(ValidationError):
        services.rate_mediation(mediating, process=5, result=5, mediator_score=5, actor=worker_zhang)
    services.close_mediation(mediating, outcome="failed", note="双方分歧过大", actor=mediator_chen)
    mediating.refresh_from_db()
    services.rate_mediation(mediating, process=4, result=2, mediator_score=5, actor=worker_zhang)
    with pytest.raises(ValidationError):
        services.rate_mediation(mediating, process=4, result=2, mediator_score=5, actor=worker_zhang)
    with pytest.raises(ValidationError) as refused:
        services.rate_mediation(mediating, process=9, result=2, mediator_score=5, actor=hr_li)
    assert list(refused.value.message_dict) == ["process"]
    with pytest.raises(PermissionDenied):
        services.rate_mediation(mediating, process=4, result=2, mediator_score=5, actor=outsider)
    assert mediating.ratings.count() == 1


def test_withdrawal_by_the_applicant_only(applied, worker_zhang, hr_li):
    with pytest.raises(PermissionDenied):
        services.withdraw_application(applied, actor=hr_li)
    m = services.withdraw_application(applied, actor=worker_zhang, reason="已私下和解")
    assert m.status == MediationStatus.WITHDRAWN and Case.objects.get(pk=m.case_id).state == "withdrawn"


def test_a_referral_event_registers_an_application(mediator_chen, enterprise, county, django_capture_on_commit_callbacks):
    from zhili.core.foundation.api import events

    with django_capture_on_commit_callbacks(execute=True):
        events.publish("mediation.referral.requested", region_code="330182", worker_name="王五",
                       worker_phone="13900000011", employer_name=enterprise.name, employer_uscc=enterprise.uscc,
                       employer_phone="13900000012", dispute_type="double_wages", facts="入职半年未签劳动合同。",
                       claims=[{"kind": "double_wages", "amount": "30000"}], source="labor_risk.case:12")
        events.publish("mediation.referral.requested", region_code="999999", source="bad")
    m = Mediation.objects.get()
    assert (m.channel, m.referral, m.mediator) == ("referral", "labor_risk.case:12", mediator_chen)
    assert AuditEntry.objects.filter(action="mediation.referral.refused").count() == 1


def test_cockpit_figures(mediating, worker_zhang, hr_li, mediator_chen, enterprise, county):
    settle(mediating, worker_zhang, hr_li, mediator_chen)
    other = services.apply_for_mediation(region=county, actor=worker_zhang, **application(dispute_type="severance"))
    services.respond_to_invitation(other, accept=False, actor=hr_li)
    figures = queries.overview(Mediation.objects.all())
    assert figures["cases"] == 2 and figures["settle_rate"] == 0.5 and figures["recovered"] == "10000.00"
    assert figures["status"] == {"invited": 0, "mediating": 0, "settled": 1, "failed": 1, "withdrawn": 0}
    assert figures["mediators"] == [{"mediator": "陈明", "cases": 2, "settled": 1, "failed": 1, "settle_rate": 0.5}]


def test_the_dossier_is_signed_by_the_platform_and_ledgered(mediating, worker_zhang, hr_li, mediator_chen, outsider):
    from zhili.core.esign.api import verify_pdf

    services.post_room_message(mediating, session="joint", text="双方陈述完毕。", actor=mediator_chen)
    services.add_evidence(mediating, session="joint", name="工资条.png", data=PNG, actor=worker_zhang)
    services.close_mediation(mediating, outcome="failed", note="分歧过大", actor=mediator_chen)
    mediating.refresh_from_db()
    pdf = services.build_dossier(mediating, actor=mediator_chen)
    report = verify_pdf(pdf)
    assert [s.field_name for s in report.signatures] == ["MediationDossierSeal"] and report.signatures[0].ok
    import hashlib

    assert entries_for(mediating).last().kind == "mediation.dossier.built"
    assert entries_for(mediating).last().digest == hashlib.sha256(pdf).hexdigest()
    with pytest.raises(PermissionDenied):
        services.build_dossier(mediating, actor=worker_zhang)
    # Failed: the worker takes a prefilled arbitration application, not a judicial-confirmation one.
    assert services.application_pdf(mediating, kind="arbitration", actor=worker_zhang).startswith(b"%PDF")
    with pytest.raises(ValidationError):
        services.application_pdf(mediating, kind="judicial_confirmation", actor=worker_zhang)
    with pytest.raises(PermissionDenied):
        services.application_pdf(mediating, kind="arbitration", actor=outsider)


def seal_images(pdf: bytes) -> list[tuple[int, int]]:
    """The sizes of the images in the appearance of the committee's seal field."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    def images(xobject, depth=0):
        found = []
        if xobject.get("/Subtype") == "/Image":
            return [(int(xobject["/Width"]), int(xobject["/Height"]))]
        for child in xobject.get("/Resources", {}).get("/XObject", {}).values():
            if depth < 5:
                found += images(child.get_object(), depth + 1)
        return found

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    for field in reader.root["/AcroForm"]["/Fields"]:
        field = field.get_object()
        if field.get("/T") == "MediationCommitteeSeal":
            return images(field["/AP"]["/N"].get_object())
    return []


def test_the_committee_seal_is_a_round_red_seal_drawn_from_its_name():
    import io

    from PIL import Image

    from zhili.scenes.mediation.seal import SIZE, seal_png

    seal = Image.open(io.BytesIO(seal_png("建德市劳动人事争议调解委员会"))).convert("RGBA")
    assert seal.size == (SIZE, SIZE)
    red = (214, 32, 32)
    assert seal.getpixel((SIZE // 2, SIZE // 2))[:3] == red  # the star
    assert seal.getpixel((SIZE // 2, 8))[:3] == red  # the rim
    assert seal.getpixel((2, 2))[3] == 0  # transparent outside the circle
    assert seal.getpixel((SIZE // 2, SIZE // 4))[3] == 0  # between the name and the star
    assert seal_png("建德市劳动人事争议调解委员会") != seal_png("淳安县劳动人事争议调解委员会")  # the name is drawn
