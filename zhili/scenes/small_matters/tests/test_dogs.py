"""Dog licence, serial made parallel: police review, then one visit at the pet hospital issues the licence."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhili.core.ledger.api import entries_for
from zhili.core.testing.api import PASSWORD
from zhili.scenes.small_matters import queries, services
from zhili.scenes.small_matters.models import DogLicence

CHIP = "156100000123456"


@pytest.fixture
def applied(county, citizen_zhou):
    return services.apply_dog_licence(region=county, dog_name="豆豆", breed="柴犬", hospital="千岛湖爱宠动物医院",
                                      visit_on=timezone.localdate() + dt.timedelta(days=3), actor=citizen_zhou)


def test_one_visit_after_the_police_review_issues_the_licence(applied, police_lin, vet_he):
    services.review_dog_licence(applied, approve=True, actor=police_lin)
    licence = services.licence_for_token(services.visit_token(applied))
    licence = services.record_dog_visit(licence, vaccine_batch="202601A", chip_number=CHIP, actor=vet_he)
    assert (licence.status, licence.number, licence.chip_number) == (
        "licensed", f"QD330182{timezone.localdate():%Y}00001", CHIP)
    assert [e.kind for e in entries_for(licence)] == ["small_matters.dog.licensed"]


def test_the_hospital_cannot_act_before_the_police_nor_with_a_bad_chip(applied, police_lin, vet_he):
    with pytest.raises(ValidationError):
        services.record_dog_visit(applied, vaccine_batch="202601A", chip_number=CHIP, actor=vet_he)
    services.review_dog_licence(applied, approve=True, actor=police_lin)
    with pytest.raises(ValidationError) as refused:
        services.record_dog_visit(applied, vaccine_batch="202601A", chip_number="15610000012345X", actor=vet_he)
    assert list(refused.value.message_dict) == ["chip_number"]
    applied.refresh_from_db()
    assert (applied.status, applied.chip_number, applied.number) == ("approved", "", "")


def test_only_the_police_review_and_only_a_hospital_of_the_region_records(applied, citizen_zhou, police_lin,
                                                                         vet_elsewhere):
    with pytest.raises(PermissionDenied):
        services.review_dog_licence(applied, approve=True, actor=citizen_zhou)
    services.review_dog_licence(applied, approve=True, actor=police_lin)
    with pytest.raises(PermissionDenied):
        services.record_dog_visit(applied, vaccine_batch="202601A", chip_number=CHIP, actor=vet_elsewhere)
    applied.refresh_from_db()
    assert applied.status == "approved"


def test_a_forged_code_and_a_past_date_are_refused(county, citizen_zhou, applied):
    with pytest.raises(ValidationError):
        services.licence_for_token(services.visit_token(applied)[:-2] + "xx")
    with pytest.raises(ValidationError) as refused:
        services.apply_dog_licence(region=county, dog_name="旺财", breed="土狗", hospital="千岛湖爱宠动物医院",
                                   visit_on=timezone.localdate() - dt.timedelta(days=1), actor=citizen_zhou)
    assert list(refused.value.message_dict) == ["visit_on"]
    assert DogLicence.objects.count() == 1


def test_the_owner_sees_the_qr_and_the_hospital_scans_it(applied, police_lin, vet_he, client):
    services.review_dog_licence(applied, approve=True, actor=police_lin)
    assert "dog_owner" in queries.situations_of(applied.person)
    client.login(username="citizen_zhou", password=PASSWORD)
    assert "<svg" in client.get(f"/small_matters/dogs/{applied.pk}/").content.decode()
    token = services.visit_token(applied)
    assert client.get(f"/small_matters/dogs/visit/{token}/").status_code == 404  # the owner cannot record
    client.login(username="vet_he", password=PASSWORD)
    assert client.get("/small_matters/dogs/visit/forged/").status_code == 404
    client.post(f"/small_matters/dogs/visit/{token}/", {"vaccine_batch": "202601A", "chip_number": CHIP})
    applied.refresh_from_db()
    assert applied.status == "licensed"
