"""From a suspected case to a certificate: the worker's visit, the application the platform prepares and books, the
hospital's result, the certificate record — and every refusal leaves nothing changed."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.cases.api import Case
from zhili.core.ledger.api import entries_for
from zhili.scenes.disability_aid import services
from zhili.scenes.disability_aid.certificates import check_certificate_number
from zhili.scenes.disability_aid.models import AssessmentApplication, Certificate, HomeVisit, SuspectedCase

from .conftest import id_number_for

MONDAY = dt.date(2026, 11, 2)  # a working week without holidays


def _suspect(key):
    return SuspectedCase.objects.select_related("person").get(person__key=key)


def _visit(suspect, worker, **extra):
    values = {"notes": "上门核查：左侧肢体偏瘫，需要搀扶行走", "wishes_to_apply": True, "name": "王秀兰",
              "id_number": id_number_for(suspect.person), "observed_category": "4"}
    values.update(extra)
    return services.record_visit(suspect, actor=worker, **values)


def test_a_suspected_person_is_visited_booked_assessed_and_certified(detected, hospital, worker_ye, clerk_fang):
    suspect = _suspect("P00000002")
    _visit(suspect, worker_ye, latitude="29.4761", longitude="119.2795")
    application = services.prepare_application(suspect, actor=worker_ye, category="4", today=MONDAY)
    assert application.appointment_on == dt.date(2026, 11, 5)  # third working day after Monday
    assert application.hospital == hospital
    application = services.record_assessment(application, actor=clerk_fang, disabled=True, category="4", grade="2",
                                             assessed_on=dt.date(2026, 11, 5), assessor="赵医师")
    certificate = services.issue_certificate(application, actor=clerk_fang, issued_on=dt.date(2026, 11, 9))

    id_number = id_number_for(suspect.person)
    assert certificate.number == id_number + "42"
    assert check_certificate_number(certificate.number) == (id_number, "4", "2")
    assert Certificate.objects.filter(number_index=certificate.number_index).count() == 1
    suspect.refresh_from_db()
    assert suspect.status == "certified"
    assert Case.objects.get(pk=suspect.case_id).state == "certified"
    assert [e.kind for e in entries_for(application)] == ["disability_aid.assessment.recorded"]
    assert [e.kind for e in entries_for(certificate)] == ["disability_aid.certificate.issued"]
    assert suspect.person.name == "王秀兰" and suspect.person.masked_id_number.startswith("330881")


def test_bookings_fill_a_hospital_s_day_then_move_to_the_next_working_day(detected, hospital, worker_ye):
    days = []
    for key in ("P00000001", "P00000002", "P00000003"):
        suspect = _suspect(key)
        _visit(suspect, worker_ye)
        days.append(services.prepare_application(suspect, actor=worker_ye, category="4", today=dt.date(2026, 11, 4))
                    .appointment_on)
    # Wednesday + 3 working days is Monday 9 November; the hospital takes two a day
    assert days == [dt.date(2026, 11, 9), dt.date(2026, 11, 9), dt.date(2026, 11, 10)]


def test_an_id_number_that_fails_its_check_or_the_register_is_refused_and_nothing_changes(detected, worker_ye):
    suspect = _suspect("P00000001")
    good = id_number_for(suspect.person)
    wrong_digit = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as refused:
        _visit(suspect, worker_ye, id_number=wrong_digit)
    assert list(refused.value.message_dict) == ["id_number"]
    other_birthday = id_number_for(_suspect("P00000002").person)
    with pytest.raises(ValidationError) as mismatch:
        _visit(suspect, worker_ye, id_number=other_birthday)
    assert "出生日期与户籍登记（1968-04-12）不符" in mismatch.value.message_dict["id_number"][0]
    suspect.refresh_from_db()
    suspect.person.refresh_from_db()
    assert suspect.status == "detected" and suspect.person.name == "" and suspect.person.id_number == ""
    assert HomeVisit.objects.count() == 0
    assert Case.objects.get(pk=suspect.case_id).state == "detected"


def test_a_grade_outside_one_to_four_is_refused_naming_the_field(detected, hospital, worker_ye, clerk_fang):
    suspect = _suspect("P00000003")
    _visit(suspect, worker_ye)
    application = services.prepare_application(suspect, actor=worker_ye, category="6", today=MONDAY)
    for grade in ("5", "0", ""):
        with pytest.raises(ValidationError) as refused:
            services.record_assessment(application, actor=clerk_fang, disabled=True, category="6", grade=grade,
                                       assessed_on=dt.date(2026, 11, 5))
        assert list(refused.value.message_dict) == ["grade"]
        assert "1–4" in refused.value.message_dict["grade"][0]
    application.refresh_from_db()
    assert application.status == "booked" and application.result_grade == ""
    assert list(entries_for(application)) == []
    with pytest.raises(ValidationError):
        services.issue_certificate(application, actor=clerk_fang)
    assert Certificate.objects.count() == 0


@pytest.mark.parametrize("number, rule", [
    ("33088119680412131", "20 位"),
    ("330881196804121310" + "43", "校验位"),
    ("33088119680412131X" + "83", "1–7"),
    ("33088119680412131X" + "45", "1–4"),
])
def test_a_certificate_number_that_fails_its_check_is_refused(number, rule):
    """The 20-character number: ID number (GB 11643 check digit), category 1–7, grade 1–4."""
    from zhili.core.testing.api import make_id_number

    if rule in ("1–7", "1–4"):
        number = make_id_number("330881", "19680412", 131) + number[18:]
    with pytest.raises(ValidationError) as refused:
        check_certificate_number(number)
    assert rule in refused.value.message_dict["number"][0]


def test_not_disabled_and_declined_close_the_case_without_a_certificate(detected, hospital, worker_ye, clerk_fang):
    declined = _suspect("P00000001")
    services.record_visit(declined, actor=worker_ye, notes="本人表示不需要办证", wishes_to_apply=False)
    declined.refresh_from_db()
    assert declined.status == "declined" and Case.objects.get(pk=declined.case_id).state == "declined"
    with pytest.raises(ValidationError):
        services.prepare_application(declined, actor=worker_ye, category="4")

    assessed = _suspect("P00000003")
    _visit(assessed, worker_ye)
    application = services.prepare_application(assessed, actor=worker_ye, category="6", today=MONDAY)
    with pytest.raises(ValidationError) as no_note:
        services.record_assessment(application, actor=clerk_fang, disabled=False, assessed_on=dt.date(2026, 11, 5))
    assert list(no_note.value.message_dict) == ["note"]
    services.record_assessment(application, actor=clerk_fang, disabled=False, assessed_on=dt.date(2026, 11, 5),
                               note="精神症状已缓解，未达精神残疾标准")
    assessed.refresh_from_db()
    assert assessed.status == "not_disabled" and Case.objects.get(pk=assessed.case_id).state == "not_disabled"
    assert Certificate.objects.count() == 0


def test_a_worker_of_another_town_and_the_worker_at_the_wrong_step_change_nothing(detected, hospital, worker_ye,
                                                                                worker_chen, clerk_fang):
    suspect = _suspect("P00000001")
    with pytest.raises(PermissionDenied):
        _visit(suspect, worker_chen)
    assert HomeVisit.objects.count() == 0
    _visit(suspect, worker_ye)
    application = services.prepare_application(suspect, actor=worker_ye, category="4", today=MONDAY)
    with pytest.raises(PermissionDenied):
        services.record_assessment(application, actor=worker_ye, disabled=True, category="4", grade="3",
                                   assessed_on=dt.date(2026, 11, 5))
    with pytest.raises(PermissionDenied):
        services.issue_certificate(application, actor=worker_ye)
    application.refresh_from_db()
    assert application.status == "booked" and AssessmentApplication.objects.count() == 1
    assert Certificate.objects.count() == 0
