"""The proactive unemployment benefit (无感智办): found from the data, confirmed by the person, approved, paid
months recorded; the rules against cases written from 失业保险条例 arts 14–17."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.foundation.api import audit
from zhili.core.ledger.api import entries_for
from zhili.scenes.small_matters import rules, services
from zhili.scenes.small_matters.choices import ClaimStatus
from zhili.scenes.small_matters.models import BenefitClaim, BenefitPayment

from .conftest import DAY, claim_named


@pytest.mark.parametrize(("years", "unused", "months"), [
    (0.99, 0, 0), (1, 0, 12), (4.99, 0, 12), (5, 0, 18), (9.99, 0, 18), (10, 0, 24), (25, 0, 24),
    (2.5, 4, 16), (6, 10, 24),
])
def test_months_follow_article_17(db, years, unused, months):
    """12 / 18 / 24 months by contribution years; unused months of an earlier spell added, 24 at most."""
    assert rules.benefit_months(years, unused, DAY) == months


def test_the_monthly_amount_is_the_ratio_of_the_minimum_wage_and_below_it(db):
    assert rules.benefit_monthly(DAY) == Decimal("2052.00")
    assert rules.benefit_monthly(DAY) < rules.parameter("minimum_wage", DAY).value


def test_detection_finds_the_four_who_qualify_and_tells_the_others_why(detected, citizen_zhou):
    claims = {c.name: c for c in BenefitClaim.objects.all()}
    assert (detected.persons, detected.eligible, detected.not_qualified, detected.notified) == (8, 4, 4, 1)
    assert {n: (c.status, c.months) for n, c in claims.items() if c.status == ClaimStatus.NOTIFIED} == {
        "周晓梅": ("notified", 18), "陈国强": ("notified", 24), "李娜": ("notified", 16), "郑涛": ("notified", 12)}
    failed = {n: [x["label"] for x in c.decision["conditions"] if x["held"] is not True]
              for n, c in claims.items() if c.status == ClaimStatus.NOT_QUALIFIED}
    assert failed == {"王建军": ["失业前用人单位和本人已缴纳失业保险费满1年"], "赵敏": ["非因本人意愿中断就业"],
                      "孙立": ["已经进行失业登记，并有求职要求"], "吴海燕": ["尚未重新就业"]}
    mine = claims["周晓梅"]
    assert (mine.person, mine.monthly_amount, mine.total_amount) == (citizen_zhou, Decimal("2052.00"),
                                                                   Decimal("36936.00"))
    assert mine.facts["separation_reason_label"] == "劳动合同期满终止"
    assert "person_key" not in mine.facts


def test_a_second_run_claims_nothing_twice(detected, clerk_qian):
    again = services.detect_unemployment_benefits(on=DAY, actor=clerk_qian)
    assert (again.already_known, again.eligible, BenefitClaim.objects.count()) == (8, 0, 8)


def test_confirm_then_approve_records_the_payment_months_in_the_ledger(detected, citizen_zhou, clerk_qian):
    claim = BenefitClaim.objects.get(person=citizen_zhou)
    services.confirm_claim(claim, actor=citizen_zhou)
    services.decide_claim(claim, approve=True, actor=clerk_qian, note="符合条件")
    claim.refresh_from_db()
    months = list(BenefitPayment.objects.filter(claim=claim).values_list("month", flat=True))
    assert claim.status == ClaimStatus.APPROVED
    assert (len(months), months[0], months[-1]) == (18, dt.date(2026, 3, 1), dt.date(2027, 8, 1))
    assert sum(p.amount for p in claim.payments.all()) == Decimal("36936.00")
    assert [e.kind for e in entries_for(claim)] == ["small_matters.claim.confirmed", "small_matters.claim.decided"]
    services.pay_benefit_month(claim, dt.date(2026, 3, 1), actor=clerk_qian)
    with pytest.raises(ValidationError):
        services.pay_benefit_month(claim, dt.date(2026, 3, 1), actor=clerk_qian)
    assert claim.payments.filter(status="paid").count() == 1


def test_a_disputed_fact_opens_a_correction_case_and_is_not_kept_silently(detected, citizen_zhou, clerk_qian):
    claim = BenefitClaim.objects.get(person=citizen_zhou)
    services.dispute_claim(claim, fact="contribution_months", correct_value="86", reason="另有一段缴费",
                           actor=citizen_zhou)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISPUTED
    assert claim.correction_case.case_type == "small_matters.fact_correction"
    assert "本人主张：86" in claim.correction_case.description
    with pytest.raises(ValidationError):
        services.decide_claim(claim, approve=True, actor=clerk_qian)  # not confirmed by the person: refused
    assert not claim.payments.exists()


def test_rejecting_needs_a_reason(detected, citizen_zhou, clerk_qian):
    claim = services.confirm_claim(BenefitClaim.objects.get(person=citizen_zhou), actor=citizen_zhou)
    with pytest.raises(ValidationError) as refused:
        services.decide_claim(claim, approve=False, actor=clerk_qian)
    assert list(refused.value.message_dict) == ["note"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED


def test_only_the_person_answers_and_only_a_clerk_of_the_region_decides(detected, citizen_zhou, clerk_qian,
                                                                        clerk_sun):
    mine = BenefitClaim.objects.get(person=citizen_zhou)
    other = claim_named("陈国强")
    with pytest.raises(PermissionDenied):
        services.confirm_claim(other, actor=citizen_zhou)
    with pytest.raises(PermissionDenied):
        services.confirm_claim(mine, actor=clerk_qian)
    services.confirm_claim(mine, actor=citizen_zhou)
    with pytest.raises(PermissionDenied):
        services.decide_claim(mine, approve=True, actor=clerk_sun)
    with pytest.raises(PermissionDenied):
        services.decide_claim(mine, approve=True, actor=citizen_zhou)
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.status, other.status, BenefitPayment.objects.count()) == ("confirmed", "notified", 0)
    assert [e.action for e in audit.entries_for(other)] == ["small_matters.claim.detected"]


@pytest.mark.django_db
def test_the_conditions_of_a_decision_are_translated_when_the_page_is_drawn(detected, citizen_zhou, client):
    claim = BenefitClaim.objects.get(person=citizen_zhou)
    assert claim.decision["conditions"][1]["label"] == "非因本人意愿中断就业"  # stored as the message id
    client.force_login(citizen_zhou)
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(claim.get_absolute_url()).content.decode()
    assert "The job ended against the person&#x27;s will" in english and "非因本人意愿中断就业" not in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    chinese = client.get(claim.get_absolute_url()).content.decode()
    assert "非因本人意愿中断就业" in chinese
