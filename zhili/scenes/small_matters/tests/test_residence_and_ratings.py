"""Residence registration confirmed instead of filled in, the police station's decision, and 好差评 ratings."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhili.core.ledger.api import entries_for
from zhili.scenes.small_matters import queries, services
from zhili.scenes.small_matters.models import Rating, ResidenceRegistration

from .conftest import DAY


@pytest.fixture
def submitted(day_data, citizen_zhou):
    held = services.prepare_residence_registration(citizen_zhou)
    return services.submit_residence_registration(facts=held, actor=citizen_zhou)


def test_the_person_confirms_what_the_landlord_and_employer_reported(day_data, citizen_zhou):
    held = services.prepare_residence_registration(citizen_zhou)
    stop = DAY - dt.timedelta(days=20)
    assert held == {"region_code": "330182", "address": "千岛湖镇新安东路88号3幢201室", "reporter_kind": "landlord",
                    "reporter_name": "方建华", "reported_on": (stop - dt.timedelta(days=88)).isoformat(),
                    "moved_in_on": (stop - dt.timedelta(days=90)).isoformat(),
                    "employer_name": "建德市新安江纺织有限公司",
                    "employed_since": (stop - dt.timedelta(days=403)).isoformat()}
    registration = services.submit_residence_registration(facts=held, actor=citizen_zhou)
    assert (registration.status, registration.address) == ("submitted", held["address"])
    assert "address" not in registration.facts  # kept encrypted in its own field only


def test_without_a_report_nothing_can_be_confirmed(county, citizen_zhou):
    with pytest.raises(ValidationError) as refused:
        services.prepare_residence_registration(citizen_zhou)
    assert list(refused.value.message_dict) == ["address"]
    assert not ResidenceRegistration.objects.exists()


def test_changed_facts_must_be_confirmed_again(day_data, citizen_zhou):
    held = services.prepare_residence_registration(citizen_zhou)
    with pytest.raises(ValidationError):
        services.submit_residence_registration(facts={**held, "address": "别处"}, actor=citizen_zhou)
    assert not ResidenceRegistration.objects.exists()


def test_the_police_station_registers_and_the_number_is_ledgered(submitted, police_lin):
    registration = services.decide_residence_registration(submitted, approve=True, actor=police_lin)
    assert registration.status == "registered"
    assert registration.number == f"JZ330182{timezone.localdate():%Y}000001"
    assert [e.kind for e in entries_for(registration)] == ["small_matters.residence.decided"]
    with pytest.raises(ValidationError):
        services.decide_residence_registration(registration, approve=False, actor=police_lin, note="重复")


def test_only_the_police_of_the_region_decide(submitted, citizen_zhou, clerk_qian, clerk_sun):
    for someone in (citizen_zhou, clerk_qian, clerk_sun):
        with pytest.raises(PermissionDenied):
            services.decide_residence_registration(submitted, approve=True, actor=someone)
    submitted.refresh_from_db()
    assert (submitted.status, submitted.number) == ("submitted", "")


def test_ratings_give_the_good_rate_and_a_bad_one_opens_a_rectification_case(submitted, police_lin, citizen_zhou,
                                                                            catalogue):
    with pytest.raises(ValidationError):
        services.rate_matter(submitted, grade="5", actor=citizen_zhou)  # not finished yet
    submitted = services.decide_residence_registration(submitted, approve=True, actor=police_lin)
    with pytest.raises(PermissionDenied):
        services.rate_matter(submitted, grade="5", actor=police_lin)
    with pytest.raises(ValidationError) as refused:
        services.rate_matter(submitted, grade="1", actor=citizen_zhou)
    assert list(refused.value.message_dict) == ["comment"]
    rating = services.rate_matter(submitted, grade="2", comment="审核等了两天", actor=citizen_zhou)
    assert (rating.matter.code, rating.case.case_type, rating.case.organization.name) == (
        "residence_registration", "small_matters.bad_rating", "公安局")
    with pytest.raises(ValidationError):
        services.rate_matter(submitted, grade="5", actor=citizen_zhou)
    assert Rating.objects.count() == 1
    assert queries.satisfaction()["good_rate"] == 0.0


def test_a_good_rating_counts_in_the_good_rate(detected, citizen_zhou, clerk_qian, catalogue):
    claim = services.confirm_claim(next(c for c in detected.claims if c.person == citizen_zhou), actor=citizen_zhou)
    claim = services.decide_claim(claim, approve=True, actor=clerk_qian)
    services.rate_matter(claim, grade="4", actor=citizen_zhou)
    figures = queries.satisfaction()
    assert (figures["total"], figures["good_rate"]) == (1, 1.0)
    assert [(m.code, n, r) for m, n, r in queries.satisfaction_per_matter()] == [("unemployment_benefit", 1, 1.0)]
    assert Rating.objects.get().case is None
