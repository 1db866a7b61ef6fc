"""Employment matching with the person's consent, training feeding the match, a hire recorded on the profile, and
the yearly quota review with the fund due (exact figures from 财税〔2015〕72号 and 财政部公告2023年第8号)."""

import csv
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zhili.core.foundation.api import AuditEntry
from zhili.core.testing.api import EnterpriseFactory
from zhili.scenes.disability_aid import services
from zhili.scenes.disability_aid.matching import matches_for_posting, matches_for_seeker
from zhili.scenes.disability_aid.models import (
    Certificate,
    Employment,
    JobSeeker,
    Person,
    Placement,
    QuotaReview,
)
from zhili.scenes.disability_aid.services.quota import compute, quota_parameters

from .conftest import HOME


def test_a_vacancy_is_matched_with_its_reasons_only_after_consent_and_training_raises_the_score(
        client, yu, yu_user, postings, clerk_fang):
    shop, _deaf_only, _far = postings
    with pytest.raises(ValidationError) as refused:
        services.register_seeker(yu, actor=yu_user, consent=False, skills="电子商务")
    assert list(refused.value.message_dict) == ["consent"] and not JobSeeker.objects.exists()

    seeker = services.register_seeker(yu, actor=yu_user, consent=True, skills="电子商务", latitude=HOME[0],
                                      longitude=HOME[1])
    [match] = matches_for_seeker(seeker)  # the 质检员 post wants hearing disability, the warehouse is 29 km away
    # skills 1 of 2 → 20, distance 3.0 of 10 km → 21, 低保 family → 20, accessible → 10
    assert (match.posting, match.score, match.distance_km) == (shop, 71, Decimal("3.0"))
    assert "具备所需技能 1/2：电子商务" in match.reasons

    course = services.create_course(actor=clerk_fang, title="电商客服培训班", provider="江山市残疾人职业培训中心",
                                    skill="客服", region=yu.region, starts_on=dt.date(2026, 9, 1),
                                    ends_on=dt.date(2099, 9, 30), capacity=1)
    client.force_login(yu_user)
    assert client.post(reverse("disability_aid:my_enrol", args=[course.pk])).status_code == 302
    enrolment = yu.enrolments.get()
    with pytest.raises(ValidationError) as full:
        services.enrol(course, Person.objects.create(key="P00000202", region=yu.region), actor=clerk_fang)
    assert list(full.value.message_dict) == ["person"]  # no certificate (checked before the full course)
    services.complete_enrolment(enrolment, actor=clerk_fang, completed=True, on=dt.date(2026, 9, 30))
    assert matches_for_posting(shop)[0].score == 91  # both skills now

    services.withdraw_seeker(seeker, actor=yu_user)
    assert matches_for_seeker(seeker) == [] and matches_for_posting(shop) == []


def test_the_person_shows_interest_on_a_phone_and_the_clerk_records_the_hire(client, yu, yu_user, postings,
                                                                            clerk_fang, worker_ye):
    shop, deaf_only, _far = postings
    client.force_login(yu_user)
    page = client.get(reverse("disability_aid:my_profile")).content.decode()
    assert 'id="seeker-form"' in page and "电商客服" not in page  # nothing matched before registering
    assert client.post(reverse("disability_aid:my_seeker"), {"skills": "电子商务", "max_distance_km": "10",
                                                             "full_time": "on"}).status_code == 400  # no consent
    assert client.post(reverse("disability_aid:my_seeker"), {"skills": "电子商务", "max_distance_km": "10",
                                                             "full_time": "on", "consent": "on"}).status_code == 302
    page = client.get(reverse("disability_aid:my_profile")).content.decode()
    assert "电商客服" in page and "质检员" not in page  # same town, no coordinates: the town stands for distance
    refused = client.post(reverse("disability_aid:my_interest", args=[deaf_only.pk]))
    assert refused.status_code == 400 and not Placement.objects.exists()
    assert client.post(reverse("disability_aid:my_interest", args=[shop.pk])).status_code == 302
    placement = Placement.objects.get()
    assert placement.status == "interested" and placement.score == 80  # 20 + 30 + 20 + 10

    with pytest.raises(PermissionDenied):
        services.decide_placement(placement, actor=worker_ye, hired=True, on=dt.date(2026, 11, 2))
    client.force_login(worker_ye)
    assert client.get(reverse("disability_aid:job_detail", args=[shop.pk])).status_code == 403
    assert client.get("/api/v1/disability_aid/jobs").status_code == 403
    client.force_login(clerk_fang)
    detail = client.get(reverse("disability_aid:job_detail", args=[shop.pk])).content.decode()
    assert "P00000201" in detail and "本人有意向" in detail
    assert {row["title"] for row in client.get("/api/v1/disability_aid/jobs").json()} == {"电商客服", "质检员",
                                                                                          "仓库管理"}
    assert client.post(reverse("disability_aid:placement_decide", args=[placement.pk]),
                       {"hired": "yes", "on": "2026-11-02"}).status_code == 302
    placement.refresh_from_db()
    shop.refresh_from_db()
    employment = Employment.objects.get()
    assert (placement.status, shop.status, placement.seeker.status) == ("hired", "filled", "placed")
    assert (employment.organization, employment.form, employment.since) == (shop.organization, "quota",
                                                                             dt.date(2026, 11, 2))
    assert AuditEntry.objects.filter(action="disability_aid.placement.decided").count() == 1


def _staff_file(tmp_path, rows):
    from zhili.core.datapool.api import ingest_file

    path = tmp_path / "staff.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["uscc", "year", "staff", "average_wage"])
        writer.writerows(rows)
    batch = ingest_file("da_employer_staff", path, actor="test", check_permission=False)
    assert batch.status == "succeeded", batch.failure_reason


def test_the_quota_review_computes_the_fund_with_the_reductions_in_force(client, tmp_path, pool, town, clerk_fang,
                                                                        worker_ye):
    big, capped, small, met = (EnterpriseFactory(name=n, region=town) for n in ("江山甲厂", "江山乙公司", "江山丙店",
                                                                                 "江山丁厂"))
    severe, mild = (Person.objects.create(key=k, region=town) for k in ("P00000301", "P00000302"))
    for person, grade in ((severe, "2"), (mild, "4")):
        Certificate.objects.create(person=person, number=f"x{grade}", category="4", grade=grade,
                                   issued_on=dt.date(2020, 1, 1), issued_by=clerk_fang)
    services.record_employment(severe, actor=clerk_fang, employer="江山甲厂", form="quota",
                               since=dt.date(2023, 5, 1), organization=big)
    services.record_employment(mild, actor=clerk_fang, employer="江山甲厂", form="quota",
                               since=dt.date(2025, 7, 10), organization=big)
    services.record_employment(Person.objects.create(key="P00000303", region=town), actor=clerk_fang,
                               employer="江山甲厂", form="quota", since=dt.date(2025, 1, 1), organization=big)
    hearing = Person.objects.create(key="P00000013", region=town)  # grade 4, in the national database only
    services.record_employment(hearing, actor=clerk_fang, employer="江山乙公司", form="quota",
                               since=dt.date(2024, 3, 1), organization=capped)
    grade1 = Person.objects.create(key="P00000304", region=town)
    Certificate.objects.create(person=grade1, number="x1", category="1", grade="1", issued_on=dt.date(2019, 1, 1),
                               issued_by=clerk_fang)
    services.record_employment(grade1, actor=clerk_fang, employer="江山丁厂", form="quota",
                               since=dt.date(2024, 1, 1), organization=met)
    _staff_file(tmp_path, [[big.uscc, 2025, "200", "80000"], [capped.uscc, 2025, "100", "250000"],
                           [small.uscc, 2025, "25", "60000"], [met.uscc, 2025, "60", "70000"],
                           [big.uscc, 2024, "180", "76000"], ["91330881MA2XXXXX0X", 2025, "500", "90000"]])

    with pytest.raises(PermissionDenied):
        services.review_quotas(2025, actor=worker_ye)
    assert not QuotaReview.objects.exists()
    report = services.review_quotas(2025, actor=clerk_fang)
    assert (report["reviewed"], report["unknown"], report["fund_due"]) == (4, 1, Decimal("70000.00"))
    reviews = {r.organization: r for r in QuotaReview.objects.filter(year=2025)}
    # 200 × 1.5 % = 3; grade 2 all year counts 2, grade 4 from July 0.5, a person without a certificate 0
    assert (reviews[big].required, reviews[big].disabled_counted, reviews[big].fund_before,
            reviews[big].fund_due, reviews[big].status) == (Decimal("3.00"), Decimal("2.50"),
                                                            Decimal("40000.00"), Decimal("20000.00"), "reduced")
    # the wage is capped at twice the local average (2 × 100,000 yuan); 1 of 100 is 1 %, so 50 % is paid
    assert (reviews[capped].wage_base, reviews[capped].disabled_counted, reviews[capped].fund_before,
            reviews[capped].fund_due) == (Decimal("200000.00"), Decimal("1.00"), Decimal("100000.00"),
                                          Decimal("50000.00"))
    assert (reviews[small].fund_before, reviews[small].fund_due, reviews[small].status) == (
        Decimal("22800.00"), Decimal("0.00"), "exempt")  # 0.38 × 60,000; 30 staff or fewer
    assert (reviews[met].disabled_counted, reviews[met].fund_due, reviews[met].status) == (Decimal("2.00"),
                                                                                           Decimal("0.00"), "met")
    assert reviews[big].parameters["reduction"]["checked"] is True

    client.force_login(clerk_fang)
    page = client.get(reverse("disability_aid:quota_list"), {"year": 2025, "status": "reduced"}).content.decode()
    assert "江山甲厂" in page and "江山丙店" not in page
    export = client.get(reverse("disability_aid:quota_list"), {"year": 2025, "format": "xlsx"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.post(reverse("disability_aid:quota_list"), {"year": "1999"}).status_code == 400
    listed = client.get("/api/v1/disability_aid/quota-reviews", {"year": 2025, "status": "reduced"}).json()
    assert sorted((row["employer"], row["fund_due"]) for row in listed) == [("江山乙公司", "50000.00"),
                                                                            ("江山甲厂", "20000.00")]
    client.force_login(worker_ye)
    assert client.get("/api/v1/disability_aid/quota-reviews", {"year": 2025}).status_code == 403


def test_below_1_percent_pays_90_percent_and_after_2027_no_reduction_is_assumed_unchecked():
    below = compute(staff=Decimal("100"), average_wage=Decimal("50000"), disabled=Decimal("0.50"), enterprise=True,
                    parameters=quota_parameters(2025))
    assert (below["fund_before"], below["fund_due"], below["status"]) == (Decimal("50000.00"), Decimal("45000.00"),
                                                                          "reduced")
    parameters = quota_parameters(2027)  # levied in 2028, after 财政部公告2023年第8号 ends
    result = compute(staff=Decimal("20"), average_wage=Decimal("50000"), disabled=Decimal("0"), enterprise=True,
                     parameters=parameters)
    assert (result["fund_before"], result["fund_due"], result["status"]) == (Decimal("15000.00"),
                                                                             Decimal("15000.00"), "short")
    assert parameters["exempt_staff"]["checked"] is False
