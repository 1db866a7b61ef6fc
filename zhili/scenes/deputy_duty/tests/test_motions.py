"""Motions (议案) and misassigned suggestions: the statutory number of signers (组织法: ten at the county level and
up, five at a township's, or a delegation where the rules allow), the presidium's decision, and a unit returning a
suggestion that is not its own within ten days, the period running again from the new assignment."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.foundation.api import audit
from zhili.core.ledger.api import entries_for
from zhili.core.testing.api import PASSWORD, MembershipFactory, UserFactory
from zhili.scenes.deputy_duty import queries, services
from zhili.scenes.deputy_duty.roles import DEPUTY


@pytest.fixture
def fellows(congress, station, office_ye):
    """Nine more deputies of the county congress (with 陈建国, the ten a motion needs)."""
    found = []
    for i in range(9):
        user = UserFactory(name=f"代表{i}", username=f"deputy_{i}", phone=f"1390000{i:04d}")
        MembershipFactory(user=user, role=DEPUTY)
        found.append(services.register_deputy(user=user, congress=congress, constituency=f"第{i}选区",
                                              delegation="新安江代表团", station=station, actor=office_ye))
    return found


def _motion(deputy, fellows, confirming, **extra):
    draft = services.draft_suggestion(deputy=deputy, kind="motion", title="制定农村生活垃圾分类管理办法",
                                      text="建议由市人大常委会制定垃圾分类管理办法。", cosigners=fellows,
                                      actor=deputy.user, **extra)
    for fellow in fellows[:confirming]:
        services.answer_invitation(draft, confirm=True, actor=fellow.user)
    return draft


def test_a_motion_needs_ten_signers_at_the_county_level(deputy_chen, fellows):
    draft = _motion(deputy_chen, fellows, confirming=8)
    with pytest.raises(ValidationError) as refused:
        services.submit_suggestion(draft, actor=deputy_chen.user)
    assert "cosigners" in refused.value.message_dict and "10" in str(refused.value)
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.invitations.count() == 9  # nothing lapsed: the refusal changed nothing
    services.answer_invitation(draft, confirm=True, actor=fellows[8].user)
    motion = services.submit_suggestion(draft, actor=deputy_chen.user)
    assert (motion.status, motion.kind, motion.cosigners.count()) == ("submitted", "motion", 9)
    assert queries.suggestion_timeline(motion)[-1]["step"] == "提交"


def test_a_delegation_may_file_a_motion_at_the_county_level_not_a_suggestion(deputy_chen):
    with pytest.raises(ValidationError) as refused:
        services.draft_suggestion(deputy=deputy_chen, title="t", text="x", by_delegation=True, actor=deputy_chen.user)
    assert "by_delegation" in refused.value.message_dict
    draft = services.draft_suggestion(deputy=deputy_chen, kind="motion", title="修订物业管理规定", text="建议修订。",
                                      by_delegation=True, actor=deputy_chen.user)
    assert services.submit_suggestion(draft, actor=deputy_chen.user).status == "submitted"


def test_the_presidium_places_a_motion_turns_it_into_a_suggestion_or_explains(deputy_chen, fellows, office_ye,
                                                                               housing_bureau):
    motion = services.submit_suggestion(_motion(deputy_chen, fellows, confirming=9), actor=deputy_chen.user)
    with pytest.raises(ValidationError) as refused:  # a motion is not assigned like a suggestion
        services.assign_suggestion(motion, lead_unit=housing_bureau, actor=office_ye)
    assert "status" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:  # turning it into a suggestion owes the deputies a reason
        services.decide_motion(motion, decision="convert", actor=office_ye)
    assert "note" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        services.decide_motion(motion, decision="agenda", actor=deputy_chen.user)
    s = services.decide_motion(motion, decision="convert", note="属于具体工作事项，作为建议办理", actor=office_ye,
                               on=dt.date(2026, 1, 20))
    assert (s.kind, s.from_motion, s.status) == ("suggestion", True, "submitted")
    assert [e.kind for e in entries_for(s)] == ["deputy_duty.motion.decided"]
    s = services.assign_suggestion(s, lead_unit=housing_bureau, actor=office_ye, on=dt.date(2026, 2, 1))
    assert s.due_on == dt.date(2026, 5, 1)  # three months from the assignment
    other = services.submit_suggestion(_motion(deputy_chen, fellows, confirming=9), actor=deputy_chen.user)
    assert services.decide_motion(other, decision="agenda", actor=office_ye).status == "on_agenda"


def test_a_unit_returns_a_misassigned_suggestion_within_ten_days_and_the_period_restarts(
        deputy_chen, office_ye, housing_bureau, handler_fang, handler_zhou):
    draft = services.draft_suggestion(deputy=deputy_chen, title="增加学位", text="建议新建一所小学。",
                                      actor=deputy_chen.user)
    s = services.submit_suggestion(draft, actor=deputy_chen.user)
    education = handler_zhou.memberships.get().organization
    s = services.assign_suggestion(s, lead_unit=housing_bureau, co_units=[education], actor=office_ye,
                                   on=dt.date(2026, 3, 2))
    with pytest.raises(PermissionDenied):  # only the lead unit
        services.report_misassigned(s, reason="不是我们的", actor=handler_zhou, on=dt.date(2026, 3, 5))
    with pytest.raises(ValidationError) as late:
        services.report_misassigned(s, reason="属教育局职责", actor=handler_fang, on=dt.date(2026, 3, 13))
    assert "reason" in late.value.message_dict and "10" in str(late.value)
    s = services.report_misassigned(s, reason="新建学校属教育局职责", actor=handler_fang, on=dt.date(2026, 3, 12))
    assert (s.status, s.lead_unit, s.due_on, s.cohandlings.count()) == ("submitted", None, None, 0)
    s = services.assign_suggestion(s, lead_unit=education, actor=office_ye, on=dt.date(2026, 3, 16))
    assert (s.status, s.assigned_on, s.due_on, s.unit_return_note) == (
        "assigned", dt.date(2026, 3, 16), dt.date(2026, 6, 16), "")
    steps = [t["step"] for t in queries.suggestion_timeline(s)]
    assert steps[-3:] == ["交办", "承办单位提出交办不当，退回重新交办", "交办"]
    assert audit.entries_for(s).filter(action="deputy_duty.suggestion.assigned", data__reassigned=True).exists()


def test_the_office_decides_and_the_unit_returns_on_the_pages(client, deputy_chen, fellows, office_ye,
                                                              housing_bureau, handler_fang, handler_zhou):
    motion = services.submit_suggestion(_motion(deputy_chen, fellows, confirming=9), actor=deputy_chen.user)
    assert client.login(username="handler_fang", password=PASSWORD)
    assert client.post(f"/deputy_duty/suggestions/{motion.pk}/decide/", {"decision": "agenda"}).status_code == 404
    client.logout()
    assert client.login(username="office_ye", password=PASSWORD)
    page = client.get(motion.get_absolute_url()).content.decode()
    assert 'id="decide"' in page and 'id="threshold"' in page and 'id="assign-form"' not in page
    response = client.post(f"/deputy_duty/suggestions/{motion.pk}/decide/", {"decision": "convert", "note": ""})
    assert response.status_code == 400 and "说明" in response.content.decode()
    client.post(f"/deputy_duty/suggestions/{motion.pk}/decide/", {"decision": "convert", "note": "作为建议办理"})
    client.post(f"/deputy_duty/suggestions/{motion.pk}/assign/", {"lead_unit": housing_bureau.pk})
    client.logout()
    assert client.login(username="handler_fang", password=PASSWORD)
    assert 'id="misassigned"' in client.get(motion.get_absolute_url()).content.decode()
    client.post(f"/deputy_duty/suggestions/{motion.pk}/misassigned/", {"reason": "不属于住建局职责"})
    motion.refresh_from_db()
    assert (motion.status, motion.unit_return_note) == ("submitted", "不属于住建局职责")
    page = client.get(motion.get_absolute_url())
    assert page.status_code == 404  # no longer the unit's
