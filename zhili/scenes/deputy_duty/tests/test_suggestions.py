"""Deputies' suggestions against 代表法 Art. 49: three months from assignment, six at most when complex, one month
again after 不满意; only the lead unit answers."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from zhili.core.ledger.api import entries_for
from zhili.scenes.deputy_duty import services


@pytest.fixture
def suggestion(deputy_chen, deputy_user_chen):
    return services.submit_suggestion(deputy=deputy_chen, title="加快老旧小区改造", text="建议将加装电梯纳入民生实事。",
                                      actor=deputy_user_chen)


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
