"""The scene's services with exact figures; every refusal names the field and leaves nothing written."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.foundation.api import events
from zhili.core.ledger import api as ledger
from zhili.core.orgs.api import Organization, OrganizationKind
from zhili.core.sharing.api import NotShared
from zhili.core.testing.api import MembershipFactory, UserFactory
from zhili.scenes.industry_brain import credit, designs, procurement, queries, services, workers
from zhili.scenes.industry_brain.models import (
    CreditEntry,
    Design,
    LoanDecision,
    OrderPart,
    ProcurementBatch,
    ProductionOrder,
    Quote,
)
from zhili.scenes.industry_brain.roles import BANK
from zhili.scenes.industry_brain.synth import garment_picture
from zhili.scenes.industry_brain.tests.conftest import phone_of

PNG = garment_picture("tee")


def _order(brand, in_days, **kw):
    values = {"style": "女童针织裙", "speciality": "knit", "quantity": 1500, "unit_price": "10", "grade": "3",
              "start_date": in_days(0), "due_date": in_days(20)}
    return services.post_order(brand=brand[0], actor=brand[1], **{**values, **kw})


def test_an_order_is_split_between_factories_by_capacity_and_distance(officer, county, brand, near_factory,
                                                                    far_factory, in_days):
    order = _order(brand, in_days)
    plan = services.dispatch_orders(region=county, actor=officer)
    parts = list(order.parts.values_list("factory__organization__name", "quantity"))
    # the near factory makes 1 line × 5,200 × 12 / 52 = 1,200 a week: 1,500 fit in the weeks before the due date,
    # so nothing goes to the far factory 18 km away
    assert sorted(parts) == [("近针织厂", 300), ("近针织厂", 1200)]
    assert plan.cost["late_pieces"] == 0 and plan.cost["total"] <= plan.greedy_cost["total"]
    order.refresh_from_db()
    assert order.status == "dispatched" and order.explanation
    assert ledger.entries_for(order)[0].kind == "industry_brain.order"


@pytest.mark.parametrize(("change", "field"), [
    ({"quantity": 0}, "quantity"), ({"due_date": "2020-01-01"}, "due_date"),
    ({"start_date": "2020-01-01"}, "start_date"), ({"speciality": "silk"}, "speciality")])
def test_bad_orders_are_refused_with_the_field(brand, in_days, change, field):
    with pytest.raises(ValidationError) as refused:
        _order(brand, in_days, **change)
    assert field in refused.value.message_dict
    assert ProductionOrder.objects.count() == 0 and CreditEntry.objects.count() == 0


def test_capacity_beyond_the_lines_is_refused(near_factory):
    firm, user = near_factory
    with pytest.raises(ValidationError) as refused:
        services.update_capacity(firm, lines=1, machines=10, skilled_workers=10, monthly_capacity=9001, actor=user)
    assert "monthly_capacity" in refused.value.message_dict
    firm.refresh_from_db()
    assert firm.monthly_capacity == 5200


def test_a_factory_declines_and_the_next_dispatch_avoids_it(officer, county, brand, near_factory, far_factory,
                                                           in_days):
    order = _order(brand, in_days, quantity=800)
    services.dispatch_orders(region=county, actor=officer)
    part = order.parts.get()
    assert part.factory == near_factory[0]
    with pytest.raises(PermissionDenied):
        services.respond_part(part, accept=True, actor=far_factory[1])
    services.respond_part(part, accept=False, actor=near_factory[1])
    services.dispatch_orders(region=county, actor=officer)
    assert list(order.parts.values_list("factory__organization__name", "status")) == [
        ("近针织厂", "declined"), ("远针织厂", "proposed")]


def test_progress_quality_and_delivery_go_to_the_ledger(officer, county, brand, near_factory, in_days):
    order = _order(brand, in_days, quantity=600)
    services.dispatch_orders(region=county, actor=officer)
    part = order.parts.get()
    services.respond_part(part, accept=True, actor=near_factory[1])
    with pytest.raises(ValidationError) as refused:
        services.report_progress(part, made=600, checked=600, passed=601, actor=near_factory[1])
    assert "passed" in refused.value.message_dict
    services.report_progress(part, made=600, checked=600, passed=600, actor=near_factory[1])
    order.refresh_from_db()
    assert order.status == "delivered"
    assert list(CreditEntry.objects.order_by("id").values_list("kind", "on_time")) == [
        ("order", True), ("contract", True), ("delivery", True)]


def test_group_procurement_pools_awards_the_lowest_and_counts_savings(officer, county, brand, near_factory,
                                                                     suppliers, in_days):
    procurement.post_need(firm=brand[0], material="精梳棉 180g", colour="粉色", quantity=1000, needed_by=in_days(10),
                          own_unit_price="18.60", actor=brand[1])
    procurement.post_need(firm=near_factory[0], material="精梳棉180G", colour=" 粉色", quantity=500,
                          needed_by=in_days(12), own_unit_price="19.20", actor=near_factory[1])
    [batch] = procurement.pool_needs(region=county, actor=officer)
    assert batch.quantity == 1500
    (s1, u1), (s2, u2) = suppliers
    procurement.submit_quote(batch, supplier=s1, unit_price="17.80", actor=u1)
    procurement.submit_quote(batch, supplier=s2, unit_price="17.70", actor=u2)
    with pytest.raises(ValidationError) as refused:
        procurement.submit_quote(batch, supplier=s2, unit_price="17.00", actor=u2)
    assert "unit_price" in refused.value.message_dict and Quote.objects.count() == 2
    batch = procurement.award_batch(batch, actor=officer)
    # (18.60 − 17.70) × 1,000 + (19.20 − 17.70) × 500 = 900 + 750
    assert str(batch.savings) == "1650.00"
    assert sorted(str(n.awarded_amount) for n in batch.needs.all()) == ["17700.00", "8850.00"]


def test_design_files_are_checked_and_private_designs_stay_private(brand, near_factory):
    firm, user = brand
    base = {"owner": firm, "title": "纸样", "sizes": "100/110", "tags": "卫衣,秋冬", "licence": "paid", "fee": "500",
            "private": False, "actor": user}
    broken = b"\x89PNG\r\n\x1a\n" + bytes(32)  # starts as a PNG does, but is no picture
    for name, content in (("a.exe", PNG), ("a.png", b"%PDF-1.7"), ("big.png", PNG + bytes(10 * 1024 * 1024)),
                          ("a.png", broken)):
        with pytest.raises(ValidationError) as refused:
            designs.add_design(file_name=name, content=content, **base)
        assert "file" in refused.value.message_dict
    assert Design.objects.count() == 0
    public = designs.add_design(file_name="a.png", content=PNG, **base)
    secret = designs.add_design(file_name="b.png", content=PNG, **{**base, "private": True, "tags": "秋冬"})
    other = near_factory[1]
    assert [d.pk for d in queries.designs(other, "卫衣")] == [public.pk]
    with pytest.raises(Exception) as hidden:
        queries.design_for(other, secret.pk)
    assert hidden.type.__name__ == "Http404"
    third = designs.add_design(file_name="c.png", content=garment_picture("dress"),
                               **{**base, "tags": "卫衣,春夏", "sizes": "100/110"})
    copy = designs.add_design(file_name="d.jpg", content=garment_picture("tee", width=480, height=600, fmt="JPEG",
                                                                         quality=50, colour=(120, 180, 230)),
                              **{**base, "tags": "童装", "sizes": "120"})
    sketch = designs.add_design(file_name="e.svg", content=b'<svg xmlns="http://www.w3.org/2000/svg"/>',
                                **{**base, "sizes": "100"})
    designs.add_design(file_name="f.png", content=garment_picture("shorts"), **{**base, "tags": "短裤"})
    assert public.image_hash == copy.image_hash != third.image_hash and sketch.image_hash == ""
    found = [(d.pk, why.score, why.bits) for d, why in queries.similar_designs(other, public)]
    # weights picture 0.5, tags 0.4, sizes 0.1. The SVG has no picture: (0.4 × 2/2 + 0.1 × 1/2) ÷ 0.5 = 0.9. The
    # recoloured, doubled JPEG of the same tee: 0 of 64 bits differ, nothing else shared: 0.5 (a near duplicate).
    # The dress: 30 bits differ, one tag of three, the same sizes: 0.5 × 34/64 + 0.4/3 + 0.1 = 0.499. The shorts
    # share neither a tag nor the picture (24 bits differ) and are not shown.
    assert found == [(sketch.pk, 0.9, None), (copy.pk, 0.5, 0), (third.pk, 0.499, 30)]
    designs.license_design(public, licensee=near_factory[0], actor=other)
    assert public.licences.get().fee == 500


def test_an_accepted_match_publishes_what_a_labor_contract_needs(county, near_factory, worker, in_days):
    profile = workers.save_profile(user=worker, region=county, skills=["knit"], piece_rate="1.20",
                                   available_from=in_days(0), available_to=in_days(90), actor=worker)
    job = workers.post_job(factory=near_factory[0], title="平车工", skill="knit", piece_rate="1.50",
                           starts=in_days(5), ends=in_days(60), openings=1, actor=near_factory[1])
    assert workers.jobs_for(profile) == [job] and workers.workers_for(job) == [profile]
    match = workers.propose_match(profile=profile, job=job, by_worker=True, actor=worker)
    with pytest.raises(PermissionDenied):
        workers.answer_match(match, accept=True, actor=worker)
    with _Collect() as published:
        workers.answer_match(match, accept=True, actor=near_factory[1])
    accepted = [payload for name, payload in published if name == "industry_brain.match.accepted"]
    assert len(accepted) == 1 and accepted[0]["employer_uscc"] == near_factory[0].organization.uscc
    assert accepted[0]["worker_user_id"] == worker.pk and accepted[0]["piece_rate"] == "1.50"
    assert workers.jobs_for(profile) == []  # the only opening is filled


class _Collect:
    """What the services publish, in order (names and payloads), while the block runs."""

    def __enter__(self):
        self.seen, self._publish = [], events.publish
        events.publish = lambda name, **payload: self.seen.append((name, payload))
        return self.seen

    def __exit__(self, *exc):
        events.publish = self._publish


def test_credit_profile_bank_read_under_grant_and_decision(officer, county, brand, near_factory, bank, in_days):
    _order(brand, in_days, quantity=1000, unit_price="12.5")
    assert credit.compute_profiles(region=county, actor=officer) == 1
    profile = brand[0].credit
    # delivery and payment: no record yet, half each (35 × 0.5 × 2); volume 12,500 / 5,000,000 × 15; one month 15/12
    assert str(profile.score) == "36.3" and profile.grade == "B"
    organization, banker = bank
    loan = credit.apply_loan(firm=brand[0], bank=organization, amount="50", actor=brand[1])
    assert credit.read_credit(loan, actor=banker)["score"] == "36.3"
    with pytest.raises(PermissionDenied):
        credit.decide_loan(loan, approve=True, actor=near_factory[1])
    credit.decide_loan(loan, approve=False, note="记录不足", actor=banker)
    loan.refresh_from_db()
    assert loan.approved is False and loan.cycle_days is not None
    other = Organization.objects.create(kind=OrganizationKind.BANK, name="另一家银行", region=county)
    other_loan = LoanDecision.objects.create(bank=other, firm=brand[0], amount=10, requested_at=loan.requested_at)
    other_banker = UserFactory(username="ib_bank_other", phone=phone_of("ib_bank_other"))
    MembershipFactory(user=other_banker, role=BANK, organization=other)
    with pytest.raises(NotShared):
        credit.read_credit(other_loan, actor=other_banker)


def test_an_officer_of_another_district_cannot_dispatch_here(county, brand, officer_elsewhere, in_days):
    _order(brand, in_days)
    with pytest.raises(PermissionDenied):
        services.dispatch_orders(region=county, actor=officer_elsewhere)
    assert OrderPart.objects.count() == 0 and ProcurementBatch.objects.count() == 0


def test_a_share_behind_its_pace_opens_one_coordination_case(officer, county, brand, near_factory, in_days):
    from zhili.core.cases.api import Case

    Organization.objects.create(kind=OrganizationKind.DEPARTMENT, name="湖州市吴兴区经济和信息化局", region=county)
    order = _order(brand, in_days, quantity=600)
    services.dispatch_orders(region=county, actor=officer)
    part = order.parts.get()
    services.respond_part(part, accept=True, actor=near_factory[1])
    assert services.open_late_risk_cases(day=in_days(0)) == 0  # nothing expected yet on the first day
    assert services.open_late_risk_cases(day=part.finish_by) == 1  # the finish date, nothing made
    assert services.open_late_risk_cases(day=part.finish_by) == 0  # raised once
    part.refresh_from_db()
    assert Case.objects.get().pk == part.risk_case_id
