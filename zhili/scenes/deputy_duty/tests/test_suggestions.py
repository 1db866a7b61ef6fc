"""Deputies' suggestions against 代表法 Art. 49: three months from assignment, six at most when complex, one month
again after 不满意; only the lead unit answers."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.ledger.api import entries_for
from zhili.core.testing.api import MembershipFactory, UserFactory
from zhili.scenes.deputy_duty import services
from zhili.scenes.deputy_duty.roles import DEPUTY


@pytest.fixture
def suggestion(deputy_chen, deputy_user_chen):
    draft = services.draft_suggestion(deputy=deputy_chen, title="加快老旧小区改造", text="建议将加装电梯纳入民生实事。",
                                      actor=deputy_user_chen)
    return services.submit_suggestion(draft, actor=deputy_user_chen)


@pytest.fixture
def deputy_li(congress, station, office_ye):
    user = UserFactory(name="李文华", username="deputy_li", phone="13800000037")
    MembershipFactory(user=user, role=DEPUTY)
    return services.register_deputy(user=user, congress=congress, constituency="新安江街道第五选区",
                                    delegation="新安江代表团", station=station, actor=office_ye)


@pytest.fixture
def deputy_he(congress, station, office_ye):
    user = UserFactory(name="何丽", username="deputy_he", phone="13800000038")
    MembershipFactory(user=user, role=DEPUTY)
    return services.register_deputy(user=user, congress=congress, constituency="新安江街道第六选区",
                                    delegation="新安江代表团", station=station, actor=office_ye)


def test_only_deputies_who_confirm_count_as_cosigners(deputy_chen, deputy_user_chen, deputy_li, deputy_he):
    draft = services.draft_suggestion(deputy=deputy_chen, title="增设公交班次", text="建议增加新安江城区公交班次。",
                                      cosigners=[deputy_li, deputy_he], actor=deputy_user_chen)
    assert list(draft.cosigners.all()) == []
    services.answer_invitation(draft, confirm=True, actor=deputy_li.user)
    with pytest.raises(PermissionDenied):  # not invited
        services.answer_invitation(draft, confirm=True, actor=deputy_user_chen)
    s = services.submit_suggestion(draft, actor=deputy_user_chen)
    assert s.status == "submitted" and list(s.cosigners.all()) == [deputy_li]
    assert list(s.invitations.values_list("deputy", flat=True)) == [deputy_li.pk]  # 何丽's lapsed
    with pytest.raises(PermissionDenied):  # the lapsed invitation is gone
        services.answer_invitation(s, confirm=True, actor=deputy_he.user)


def test_review_returns_with_a_reason_or_assigns_lead_and_cohandling_units(suggestion, office_ye, housing_bureau,
                                                                           handler_zhou, handler_fang):
    with pytest.raises(ValidationError) as refused:
        services.return_suggestion(suggestion, note=" ", actor=office_ye)
    assert "note" in refused.value.message_dict
    education = handler_zhou.memberships.get().organization
    s = services.assign_suggestion(suggestion, lead_unit=housing_bureau, co_units=[education, housing_bureau],
                                   actor=office_ye, on=dt.date(2026, 3, 10))
    assert [(c.unit, c.due_on) for c in s.cohandlings.all()] == [(education, dt.date(2026, 4, 10))]
    with pytest.raises(PermissionDenied):  # the lead unit is no co-handler
        services.give_cohandling_opinion(s, opinion="同意", actor=handler_fang)
    c = services.give_cohandling_opinion(s, opinion="可结合学校周边改造一并实施。", actor=handler_zhou,
                                         on=dt.date(2026, 4, 2))
    assert (c.answered_on, c.opinion) == (dt.date(2026, 4, 2), "可结合学校周边改造一并实施。")


def test_assigned_on_30_november_the_answer_is_due_on_28_february(suggestion, office_ye, housing_bureau):
    s = services.assign_suggestion(suggestion, lead_unit=housing_bureau, actor=office_ye, on=dt.date(2026, 11, 30))
    assert (s.status, s.due_on) == ("assigned", dt.date(2027, 2, 28))


def test_a_complex_suggestion_is_due_six_months_after_assignment(suggestion, office_ye, housing_bureau,
                                                                  handler_fang):
    services.assign_suggestion(suggestion, lead_unit=housing_bureau, actor=office_ye, on=dt.date(2026, 3, 10))
    s = services.extend_suggestion(suggestion, reason="涉及多个部门和资金安排", actor=handler_fang)
    assert (s.complex, s.due_on) == (True, dt.date(2026, 9, 10))


def test_an_unsatisfied_deputy_gets_an_answer_again_within_a_month(suggestion, office_ye, housing_bureau,
                                                                    handler_fang, deputy_user_chen):
    services.assign_suggestion(suggestion, lead_unit=housing_bureau, actor=office_ye, on=dt.date(2026, 3, 10))
    s = services.answer_suggestion(suggestion, answer_class="B", answer="列入明年计划。", actor=handler_fang,
                                   on=dt.date(2026, 5, 20))
    assert [e.kind for e in entries_for(s)] == ["deputy_duty.suggestion.answered"]
    s = services.evaluate_suggestion(s, verdict="unsatisfied", actor=deputy_user_chen, on=dt.date(2026, 5, 31))
    assert (s.status, s.due_on) == ("rehandling", dt.date(2026, 6, 30))


def test_only_the_lead_unit_answers_and_nothing_changes_otherwise(suggestion, office_ye, housing_bureau,
                                                                  handler_zhou):
    services.assign_suggestion(suggestion, lead_unit=housing_bureau, actor=office_ye, on=dt.date(2026, 3, 10))
    with pytest.raises(PermissionDenied):
        services.answer_suggestion(suggestion, answer_class="A", answer="已解决", actor=handler_zhou)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.answer) == ("assigned", "")
