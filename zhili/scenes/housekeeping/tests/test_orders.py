"""找家政 to 评家政: nearby matching with its explanation, the order, the three-party contract on core.esign,
check-in at the address, ratings into grades, complaints as cases, and the job seekers' path."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhili.core.cases.api import Case
from zhili.core.esign.api import verify_pdf
from zhili.scenes.housekeeping import matching, services
from zhili.scenes.housekeeping.choices import BackgroundCheck, OrderStatus
from zhili.scenes.housekeeping.models import JobSeeker, Order
from zhili.scenes.housekeeping.synth import id_number

from .conftest import make_worker

HOME = (29.479, 119.287)  # 陈明's address


def _green(clerk, *workers):
    services.recompute_codes(timezone.localdate(), actor=clerk, workers=list(workers))
    for w in workers:
        w.refresh_from_db()


def _request(customer_user, **extra):
    return services.request_service(customer=customer_user.housekeeping_customer, service="cleaning",
                                    starts_at=timezone.now() + dt.timedelta(days=1), hours="3",
                                    budget_per_hour=extra.pop("budget", "60"), actor=customer_user, **extra)


def test_nearby_matching_keeps_green_available_in_reach_workers_and_explains_each_score(
        anxin, admin_zhou, clerk_qian, customer_chen):
    near = make_worker(anxin, admin_zhou, name="近", serial="101", clerk=clerk_qian, latitude=HOME[0] + 0.01,
                       longitude=HOME[1], hourly_price="50", certificates=[{"name": "家政服务员五级"}],
                       years_of_service=4)
    far = make_worker(anxin, admin_zhou, name="远", serial="102", clerk=clerk_qian, latitude=HOME[0] + 0.04,
                      longitude=HOME[1], hourly_price="80", service_radius_km=10)
    yellow = make_worker(anxin, admin_zhou, name="黄", serial="103", clerk=clerk_qian, latitude=HOME[0],
                         longitude=HOME[1], health_days=-1)
    cook = make_worker(anxin, admin_zhou, name="厨", serial="104", clerk=clerk_qian, latitude=HOME[0],
                       longitude=HOME[1], skills=["cooking"])
    out_of_radius = make_worker(anxin, admin_zhou, name="外", serial="105", clerk=clerk_qian,
                                latitude=HOME[0] + 0.06, longitude=HOME[1], service_radius_km=5)
    _green(clerk_qian, near, far, yellow, cook, out_of_radius)
    need = matching.Need("cleaning", *HOME, Decimal("60"), ("mandarin",))
    found = matching.nearby(need, day=timezone.localdate())
    assert [c.worker_id for c in found] == [near.pk, far.pk]
    first = found[0].explanation()
    assert first["distance_km"] == 1.11
    # distance 30 × (1 − 1.11/15), skill 20 × .95 (certificate .5 + 4 years × .05 + .25), grade 15 × 3/5,
    # rating 15 × .6 (no ratings yet), price 15 × 1 (50 ≤ 60), language 5 × 1
    assert first["parts"] == {"distance": 27.78, "skill": 19.0, "grade": 9.0, "rating": 9.0, "price": 15.0,
                              "language": 5.0}
    assert first["score"] == 84.78
    assert found[1].parts["price"] == 10.0  # 80 against a budget of 60: 1 − 20/60
    assert [c.worker_id for c in matching.scan_all(need, day=timezone.localdate())] == [near.pk, far.pk]


def test_an_order_goes_from_request_to_a_three_party_contract_check_in_rating_and_grade(
        anxin, admin_zhou, clerk_qian, customer_chen, worker_wang):
    worker_wang.latitude, worker_wang.longitude = HOME[0] + 0.005, HOME[1]
    worker_wang.cell = matching.grid_cell(*HOME)
    worker_wang.save()
    _green(clerk_qian, worker_wang)
    request = _request(customer_chen)
    order = services.book_worker(request, worker=worker_wang, actor=customer_chen)
    assert (order.status, order.amount, order.agency) == (OrderStatus.OFFERED, Decimal("150.00"), anxin)
    order = services.accept_order(order, actor=admin_zhou)
    assert order.status == OrderStatus.ACCEPTED and order.response_minutes == 0
    for signer in (customer_chen, worker_wang.user, admin_zhou):
        order = services.sign_contract(order, actor=signer, agreed=True, document_sha256=order.contract_sha256)
    assert order.status == OrderStatus.SCHEDULED
    report = verify_pdf(bytes(order.contract_pdf))
    assert report.ok and [s.field_name for s in report.signatures if s.kind == "signature"] == [
        "HousekeepingCustomerSignature", "HousekeepingWorkerSignature", "HousekeepingAgencySignature"]
    with pytest.raises(ValidationError) as too_far:
        services.check_in(order, latitude=HOME[0] + 0.01, longitude=HOME[1], actor=worker_wang.user)
    assert "1112 米" in too_far.value.message_dict["location"][0]
    order = services.check_in(order, latitude=HOME[0] + 0.001, longitude=HOME[1], actor=worker_wang.user)
    assert (order.status, order.check_in_distance_m) == (OrderStatus.IN_SERVICE, 111)
    order = services.finish_order(order, actor=worker_wang.user)
    services.rate_order(order, target="worker", stars=5, comment="干净利落", actor=customer_chen)
    services.rate_order(order, target="customer", stars=4, actor=admin_zhou)
    with pytest.raises(PermissionDenied):
        services.rate_order(order, target="agency", stars=1, actor=admin_zhou)
    worker_wang.refresh_from_db()
    assert (worker_wang.rating_avg, worker_wang.rating_count) == (Decimal("5.00"), 1)
    # green 20 + no certificate 0 + under 3 years 0 + fewer than 3 ratings: neutral 20 → 40 points: 2 stars
    assert worker_wang.stars == 2


def test_a_worker_not_recommended_cannot_be_booked_and_a_stranger_cannot_sign(
        anxin, admin_zhou, admin_wu, haobangshou, clerk_qian, customer_chen, worker_wang):
    yellow = make_worker(anxin, admin_zhou, name="黄", serial="103", clerk=clerk_qian, latitude=HOME[0],
                         longitude=HOME[1], health_days=-1)
    worker_wang.latitude, worker_wang.longitude, worker_wang.cell = HOME[0], HOME[1], matching.grid_cell(*HOME)
    worker_wang.save()
    _green(clerk_qian, yellow, worker_wang)
    request = _request(customer_chen)
    with pytest.raises(ValidationError) as refused:
        services.book_worker(request, worker=yellow, actor=customer_chen)
    assert "worker" in refused.value.message_dict and not Order.objects.exists()
    order = services.accept_order(services.book_worker(request, worker=worker_wang, actor=customer_chen),
                                  actor=admin_zhou)
    with pytest.raises(PermissionDenied):
        services.sign_contract(order, actor=admin_wu, agreed=True, document_sha256=order.contract_sha256)
    order.refresh_from_db()
    assert (order.agency_signed_at, order.status) == (None, OrderStatus.ACCEPTED)


def test_cancelling_after_a_signature_revokes_the_contract_with_a_platform_sealed_notice_in_the_ledger(
        client, anxin, admin_zhou, clerk_qian, customer_chen, worker_wang, admin_wu):
    from zhili.core.ledger.api import LedgerEntry

    worker_wang.latitude, worker_wang.longitude, worker_wang.cell = HOME[0], HOME[1], matching.grid_cell(*HOME)
    worker_wang.save()
    _green(clerk_qian, worker_wang)
    unsigned = services.accept_order(services.book_worker(_request(customer_chen), worker=worker_wang,
                                                          actor=customer_chen), actor=admin_zhou)
    unsigned = services.cancel_order(unsigned, note="改期", actor=customer_chen)
    assert (unsigned.status, unsigned.revocation_pdf) == (OrderStatus.CANCELLED, None)  # nobody had signed
    order = services.accept_order(services.book_worker(_request(customer_chen), worker=worker_wang,
                                                       actor=customer_chen), actor=admin_zhou)
    order = services.sign_contract(order, actor=customer_chen, agreed=True, document_sha256=order.contract_sha256)
    signed_sha = order.contract_sha256
    order = services.cancel_order(order, note="家中临时有事", actor=admin_zhou)
    assert order.status == OrderStatus.CANCELLED and order.contract_sha256 == signed_sha
    notice = bytes(order.revocation_pdf)
    report = verify_pdf(notice)
    assert report.ok and [s.field_name for s in report.signatures if s.kind == "signature"] == [
        "HousekeepingRevocationSeal"]
    entry = LedgerEntry.objects.get(kind="housekeeping.contract.revoked")
    assert entry.digest == order.revocation_sha256 and signed_sha in entry.record
    client.force_login(customer_chen)
    assert client.get(f"/housekeeping/orders/{order.pk}/revocation.pdf").content == notice
    assert client.get(f"/housekeeping/orders/{unsigned.pk}/revocation.pdf").status_code == 404
    assert "合同撤销通知书" in client.get(f"/housekeeping/orders/{order.pk}/").content.decode()
    client.force_login(admin_wu)  # another agency's administrator
    assert client.get(f"/housekeeping/orders/{order.pk}/revocation.pdf").status_code == 404


def test_an_address_that_cannot_be_located_is_asked_again(customer_chen):
    with pytest.raises(ValidationError) as unlocated:
        _request(customer_chen, address="不存在的路", latitude=None, longitude=None)
    assert "重新填写" in unlocated.value.message_dict["address"][0]


def test_a_complaint_becomes_a_case_and_an_upheld_one_lowers_the_grade(
        anxin, admin_zhou, clerk_qian, customer_chen, worker_wang):
    worker_wang.latitude, worker_wang.longitude, worker_wang.cell = HOME[0], HOME[1], matching.grid_cell(*HOME)
    worker_wang.save()
    _green(clerk_qian, worker_wang)
    order = services.accept_order(services.book_worker(_request(customer_chen), worker=worker_wang,
                                                       actor=customer_chen), actor=admin_zhou)
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.DONE)
    order.refresh_from_db()
    complaint = services.lodge_complaint(order, text="打碎花瓶未告知", actor=customer_chen)
    case = Case.objects.get(pk=complaint.case_id)
    assert case.case_type == "housekeeping.complaint" and case.region == order.region
    services.decide_complaint(complaint, upheld=True, note="机构核实属实", actor=clerk_qian)
    worker_wang.refresh_from_db()
    # green 20 + neutral rating 20 − one upheld complaint 15 = 25 points: 1 star
    assert worker_wang.stars == 1


def test_a_job_seeker_is_offered_trained_checked_registered_and_finishes_the_path_with_a_first_order(
        county, anxin, admin_zhou, clerk_qian):
    with pytest.raises(ValidationError):
        services.identify_seeker(region=county, name="刘芳", id_number=id_number("33018219800101021"),
                                 phone="13900000021", category="low_income", consent=False, actor=clerk_qian)
    assert not JobSeeker.objects.exists()
    seeker = services.identify_seeker(region=county, name="刘芳", id_number=id_number("33018219800101021"),
                                      phone="13900000021", category="low_income", consent=True, actor=clerk_qian)
    for stage in ("offered", "training", "health_checked"):
        seeker = services.advance_seeker(seeker, stage=stage, actor=clerk_qian)
    with pytest.raises(ValidationError):
        services.advance_seeker(seeker, stage="first_order", actor=clerk_qian)
    worker = make_worker(anxin, admin_zhou, name="刘芳", serial="021", clerk=clerk_qian,
                         background=BackgroundCheck.CLEAR)
    seeker = services.advance_seeker(seeker, stage="registered", worker=worker, actor=clerk_qian)
    services.credit.note_first_order(worker.pk)
    seeker.refresh_from_db()
    assert [h["stage"] for h in seeker.history] == ["identified", "offered", "training", "health_checked",
                                                     "registered", "first_order"]
