"""一人一档一画像一笑脸一指数: the officer's profile page (masked, read logged, 404 out of scope), services and
employment recorded with bad input refused, the person's own page and their 笑脸 counted in the index."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zhili.core.foundation.api import AuditEntry, pii
from zhili.core.testing.api import UserFactory, make_id_number
from zhili.scenes.disability_aid import queries, services
from zhili.scenes.disability_aid.models import Certificate, Entitlement, Person, Satisfaction, ServiceRecord

ID_NUMBER = make_id_number(region_code="330881", birth="19700312", sequence=132)


@pytest.fixture
def person(town, clerk_fang):
    person = Person.objects.create(key="P00000099", region=town, name="王秀兰", id_number=ID_NUMBER,
                                   birth_date=dt.date(1970, 3, 12), gender="F")
    Certificate.objects.create(person=person, number=ID_NUMBER + "42", category="4", grade="2",
                               issued_on=dt.date(2025, 6, 1), issued_by=clerk_fang)
    return person


def test_the_officer_s_profile_is_masked_logged_and_not_found_out_of_scope(client, person, clerk_fang, worker_ye,
                                                                         worker_chen):
    Entitlement.objects.create(person=person, policy="nursing_subsidy", monthly_amount=Decimal("250"),
                               since_month=dt.date(2026, 1, 1))
    services.record_service(person, actor=worker_ye, kind="device", provided_on=dt.date(2026, 3, 2),
                            provider="江山市辅具中心", notes="手动轮椅")
    client.force_login(clerk_fang)
    page = client.get(reverse("disability_aid:person_detail", args=[person.pk])).content.decode()
    assert pii.mask_name("王秀兰") in page and "王秀兰" not in page and ID_NUMBER not in page
    assert "手动轮椅" in page and 'id="index-value">60<' in page  # certificate, subsidy, device
    assert AuditEntry.objects.filter(action="disability_aid.person.read", target_id=str(person.pk)).count() == 1
    client.force_login(worker_chen)  # another town's worker
    assert client.get(reverse("disability_aid:person_detail", args=[person.pk])).status_code == 404
    assert client.post(reverse("disability_aid:person_service", args=[person.pk]), {}).status_code == 404

    client.force_login(worker_ye)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    refused = client.post(reverse("disability_aid:person_service", args=[person.pk]), {
        "kind": "rehabilitation", "provided_on": tomorrow.isoformat(), "provider": "康复站", "notes": "上门康复"})
    assert refused.status_code == 400 and "不能晚于今天" in refused.content.decode()
    with pytest.raises(ValidationError) as before:
        services.record_employment(person, actor=worker_ye, employer="江山市福利厂", form="concentrated",
                                   since=dt.date(2026, 5, 1), until=dt.date(2026, 4, 1))
    assert list(before.value.message_dict) == ["until"]
    assert ServiceRecord.objects.count() == 1 and not person.employments.exists()


def test_the_person_sees_their_own_page_and_their_smile_counts_in_the_index(client, person):
    me = UserFactory(id_number=ID_NUMBER, verified=True)
    assert queries.profile(person)["index"] == 20  # the certificate only
    client.force_login(me)
    page = client.get(reverse("disability_aid:my_profile"))
    assert page.status_code == 200 and pii.mask_id_number(ID_NUMBER + "42") in page.content.decode()
    assert 'id="index-value">20<' in page.content.decode()
    assert client.post(reverse("disability_aid:my_profile"), {"mark": "9"}).status_code == 400
    assert client.post(reverse("disability_aid:my_profile"), {"mark": "3", "comment": "上门办证很方便"}).status_code == 302
    assert Satisfaction.objects.get().mark == "3" and queries.profile(person)["index"] == 40
    assert AuditEntry.objects.filter(action="disability_aid.satisfaction.given").count() == 1

    stranger = UserFactory(verified=True)
    client.force_login(stranger)
    assert "上门办证很方便" not in client.get(reverse("disability_aid:my_profile")).content.decode()
    with pytest.raises(PermissionDenied):
        services.give_satisfaction(person, actor=stranger, mark="1")
