"""A household applies, signs the check's authorisation, is checked and visited, recognised and matched; the
helps are delivered and rated. Denied steps change nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.foundation.api import AuditEntry
from zhili.scenes.relief_match import services
from zhili.scenes.relief_match.models import HelpMatch, ReliefApplication, ReliefHousehold

from .conftest import LI_FACTS, LI_MEMBERS

pytestmark = pytest.mark.django_db


def _apply(citizen_li):
    household = ReliefHousehold.objects.get(user=citizen_li)
    return services.start_application(household, actor=citizen_li, reason="丈夫去世，本人患病",
                                      declared=LI_FACTS, declared_members=LI_MEMBERS)


def test_li_applies_signs_and_is_recognised_as_dibao_with_every_help_matched(citizen_li, officer_chen, owners):
    application = _apply(citizen_li)

    authorization = services.authorize_check(application, actor=citizen_li, relation="本人", intent_confirmed=True)
    application.refresh_from_db()

    assert authorization.document.tobytes().startswith(b"%PDF") if hasattr(authorization.document, "tobytes") \
        else bytes(authorization.document).startswith(b"%PDF")
    assert (application.status, application.category, application.check_source) == ("visiting", "dibao", "declared")
    dibao = next(d for d in application.explanation if d["policy"] == "det_dibao")
    assert dibao["conditions"][0]["value"] == 700.0 and dibao["conditions"][0]["threshold"] == 1200.0
    visit = application.visit
    assert visit.worker == officer_chen

    services.record_home_visit(visit, actor=officer_chen, notes="家中仅母子二人，母亲术后休养", consistent=True,
                               latitude="29.104500", longitude="121.378900")
    matches = services.approve_application(application, actor=officer_chen)

    assert ReliefHousehold.objects.get(user=citizen_li).category == "dibao"
    codes = sorted(m.policy_code for m in matches)
    assert codes == sorted([
        "dibao_allowance", "price_subsidy", "festival_subsidy", "free_bus", "cable_tv_waiver", "medical_aid",
        "family_doctor", "red_cross_aid", "women_illness_aid", "student_aid", "industry_support", "tongxin_help",
        "wish_fulfilment", "family_counselling", "free_clinic", "produce_sales", "counselling", "single_mother_help",
        "charity_supermarket", "children_care"])
    allowance = next(m for m in matches if m.policy_code == "dibao_allowance")
    assert allowance.amount == 1000  # (1200 − 700) × 2 members
    assert all(m.case is not None for m in matches)
    assert allowance.case.organization.name == "县民政局"

    services.deliver_match(allowance, actor=officer_chen, funds_in_place=True)
    services.rate_match(allowance, actor=citizen_li, rating=5)
    allowance.refresh_from_db()
    assert (allowance.status, allowance.funds_in_place, allowance.rating) == ("delivered", True, 5)
    assert AuditEntry.objects.filter(action="relief_match.application.approved").count() == 1


def test_the_check_waits_for_the_applicants_own_signature(citizen_li):
    application = _apply(citizen_li)

    with pytest.raises(ValidationError):
        services.authorize_check(application, actor=citizen_li, relation="本人", intent_confirmed=False)
    with pytest.raises(ValidationError):
        services.run_check(application, actor=citizen_li)

    application.refresh_from_db()
    assert (application.status, application.category, application.authorizations.count()) == ("authorizing", "", 0)


def test_an_officer_cannot_recognise_before_the_home_visit(citizen_li, officer_chen):
    application = _apply(citizen_li)
    services.authorize_check(application, actor=citizen_li, relation="本人", intent_confirmed=True)

    with pytest.raises(ValidationError) as refused:
        services.approve_application(application, actor=officer_chen)

    assert refused.value.message_dict == {"application": ["入户核查尚未完成"]}
    application.refresh_from_db()
    assert application.status == "visiting" and HelpMatch.objects.count() == 0


def test_a_citizen_cannot_recognise_their_own_application(citizen_li, officer_chen):
    application = _apply(citizen_li)
    services.authorize_check(application, actor=citizen_li, relation="本人", intent_confirmed=True)
    services.record_home_visit(application.visit, actor=officer_chen, notes="属实", consistent=True)

    with pytest.raises(PermissionDenied):
        services.approve_application(application, actor=citizen_li)

    assert ReliefApplication.objects.get().status == "visiting"
    assert HelpMatch.objects.count() == 0


def test_a_second_open_application_is_refused(citizen_li):
    _apply(citizen_li)

    with pytest.raises(ValidationError) as refused:
        _apply(citizen_li)

    assert refused.value.message_dict == {"household": ["该家庭已有在办的申请，请查看办理进度"]}
    assert ReliefApplication.objects.count() == 1
