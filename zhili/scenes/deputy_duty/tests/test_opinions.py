"""The closed loop of citizens' opinions: submitted, graded, referred as a case with the dated deadline, answered,
rated by the citizen and the deputy, re-handled when either is unsatisfied; every refusal changes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhili.core.cases.api import Case, add_working_days
from zhili.core.foundation.api import audit
from zhili.core.ledger.api import entries_for
from zhili.scenes.deputy_duty import queries, services
from zhili.scenes.deputy_duty.choices import OpinionStatus
from zhili.scenes.deputy_duty.models import Opinion


def test_a_referred_opinion_becomes_a_case_of_the_department_due_in_15_working_days(referred, housing_bureau):
    case = Case.objects.get(pk=referred.case_id)
    assert (referred.status, case.state, case.organization_id) == ("referred", "referred", housing_bureau.pk)
    assert case.requester_id == referred.citizen_id
    due_day = timezone.localtime(case.due_at).date()
    assert due_day == add_working_days(timezone.localdate(case.state_entered_at), 15)


def test_both_satisfied_closes_the_case_and_ledgers_it(replied, citizen_wang, deputy_user_chen):
    opinion = services.rate_opinion(replied, verdict="satisfied", actor=citizen_wang)
    assert opinion.status == OpinionStatus.REPLIED  # the deputy has not rated yet
    opinion = services.rate_opinion(opinion, verdict="basic", actor=deputy_user_chen)
    case = Case.objects.get(pk=opinion.case_id)
    assert (opinion.status, case.state, case.result) == ("closed", "closed", "已调整为 30 秒。")
    assert [e.kind for e in entries_for(case)] == ["case.closed"]


def test_an_unsatisfied_deputy_sends_it_back_for_a_second_round(replied, citizen_wang, deputy_user_chen,
                                                                  handler_fang):
    services.rate_opinion(replied, verdict="satisfied", actor=citizen_wang)
    opinion = services.rate_opinion(replied, verdict="unsatisfied", comment="只改了一个路口", actor=deputy_user_chen)
    assert (opinion.status, opinion.round, Case.objects.get(pk=opinion.case_id).state) == (
        "rehandling", 2, "rehandling")
    opinion = services.reply_opinion(opinion, text="两个路口均已调整。", actor=handler_fang)
    assert queries.round_outcome(opinion) == "pending"  # the first round's ratings do not count again
    services.rate_opinion(opinion, verdict="satisfied", actor=citizen_wang)
    opinion = services.rate_opinion(opinion, verdict="satisfied", actor=deputy_user_chen)
    assert opinion.status == "closed"
    assert list(opinion.ratings.values_list("round", "rater_kind", "verdict")) == [
        (1, "citizen", "satisfied"), (1, "deputy", "unsatisfied"), (2, "citizen", "satisfied"),
        (2, "deputy", "satisfied")]


def test_a_minor_matter_answered_on_the_spot_needs_no_case(opinion, office_ye, citizen_wang, deputy_user_chen):
    opinion = services.grade_opinion(opinion, category="governance", answer="周六上午开放。", actor=office_ye)
    assert (opinion.status, opinion.case_id) == ("answered", None)
    services.rate_opinion(opinion, verdict="satisfied", actor=citizen_wang)
    opinion = services.rate_opinion(opinion, verdict="satisfied", actor=deputy_user_chen)
    assert opinion.status == "closed"
    assert [e.kind for e in entries_for(opinion)] == ["deputy_duty.opinion.closed"]


def test_grading_must_either_answer_or_refer_and_changes_nothing_otherwise(opinion, office_ye, housing_bureau):
    with pytest.raises(ValidationError) as refused:
        services.grade_opinion(opinion, category="transport", answer="好的", department=housing_bureau,
                               actor=office_ye)
    assert list(refused.value.message_dict) == ["answer"]
    with pytest.raises(ValidationError) as refused:
        services.grade_opinion(opinion, category="", department=housing_bureau, actor=office_ye)
    assert list(refused.value.message_dict) == ["category"]
    opinion.refresh_from_db()
    assert (opinion.status, opinion.case_id, Case.objects.count()) == ("submitted", None, 0)


def test_an_office_of_another_county_cannot_grade_and_nothing_changes(opinion, office_sun, housing_bureau):
    with pytest.raises(PermissionDenied):
        services.grade_opinion(opinion, category="transport", department=housing_bureau, actor=office_sun)
    opinion.refresh_from_db()
    assert (opinion.status, opinion.graded_by_id) == ("submitted", None)
    assert [e.action for e in audit.entries_for(opinion)] == ["deputy_duty.opinion.submitted"]


def test_only_the_department_referred_to_may_answer(referred, handler_zhou, citizen_wang):
    for stranger in (handler_zhou, citizen_wang):
        with pytest.raises(PermissionDenied):
            services.reply_opinion(referred, text="已办", actor=stranger)
    referred.refresh_from_db()
    assert (referred.status, Case.objects.get(pk=referred.case_id).state) == ("referred", "referred")


def test_a_rating_is_given_once_per_round_and_unsatisfied_needs_a_reason(replied, citizen_wang):
    with pytest.raises(ValidationError) as refused:
        services.rate_opinion(replied, verdict="unsatisfied", actor=citizen_wang)
    assert list(refused.value.message_dict) == ["comment"]
    services.rate_opinion(replied, verdict="satisfied", actor=citizen_wang)
    with pytest.raises(ValidationError):
        services.rate_opinion(replied, verdict="unsatisfied", comment="改主意", actor=citizen_wang)
    assert replied.ratings.count() == 1


def test_the_case_page_cannot_close_or_send_back_without_the_ratings(replied, citizen_wang):
    from zhili.core.cases.api import transition_case

    case = Case.objects.get(pk=replied.case_id)
    for step in ("close", "rehandle"):
        with pytest.raises(PermissionDenied):
            transition_case(case, step, actor=citizen_wang, comment="直接办结")
    assert Case.objects.get(pk=case.pk).state == "replied"


def test_an_opinion_with_a_third_partys_phone_is_flagged_and_masked_for_others(station, citizen_wang):
    opinion = services.submit_opinion(station=station, title="邻居噪音", actor=citizen_wang,
                                      text="楼上住户电话 13912345678 深夜装修。")
    assert opinion.third_party_data is True
    from zhili.scenes.deputy_duty.privacy import masked
    assert "13912345678" not in masked(opinion.text) and "139****5678" in masked(opinion.text)
    own = services.submit_opinion(station=station, title="回电", text="请打我电话 13800000036 联系。",
                                  actor=citizen_wang)
    assert own.third_party_data is False  # the writer's own phone is not a third party's


def test_a_deputy_enters_an_opinion_for_a_citizen_and_alone_rates_its_answer(deputy_chen, deputy_user_chen, station,
                                                                              office_ye):
    opinion = services.submit_opinion(station=station, deputy=deputy_chen, channel="deputy_upload",
                                      citizen_name="李大伯", title="路灯坏了", text="三盏路灯损坏。",
                                      actor=deputy_user_chen)
    assert (opinion.citizen_id, opinion.citizen_name) == (None, "李大伯")
    opinion = services.grade_opinion(opinion, category="transport", answer="已报修。", actor=office_ye)
    opinion = services.rate_opinion(opinion, verdict="satisfied", actor=deputy_user_chen)
    assert opinion.status == "closed"


def test_someone_not_a_deputy_cannot_enter_for_a_citizen(deputy_chen, station, citizen_wang):
    with pytest.raises(PermissionDenied):
        services.submit_opinion(station=station, deputy=deputy_chen, channel="deputy_upload", citizen_name="李",
                                title="t", text="x", actor=citizen_wang)
    assert Opinion.objects.count() == 0


def test_an_answer_left_unrated_past_7_days_is_closed_by_the_sweep(replied, office_ye):
    Opinion.objects.filter(pk=replied.pk).update(answered_at=timezone.now() - dt.timedelta(days=8))
    assert services.close_unrated() == 1
    replied.refresh_from_db()
    assert (replied.status, Case.objects.get(pk=replied.case_id).state) == ("closed", "closed")


def test_an_answer_within_the_rating_period_is_not_swept(replied):
    Opinion.objects.filter(pk=replied.pk).update(answered_at=timezone.now() - dt.timedelta(days=6))
    assert services.close_unrated() == 0
    replied.refresh_from_db()
    assert replied.status == "replied"


def test_a_planted_topic_comes_first_and_places_and_wordings_are_left_out(station, citizen_wang, county,
                                                                          xinanjiang, congress, office_ye):
    elsewhere = services.register_station(congress=congress, region=county, name="建德市人大代表联络站", area="市区",
                                          address="严州大道 1 号", opening_hours="每周一", actor=office_ye)
    common = "{place}白沙社区公交班次太少，路口红绿灯时间太短，希望尽快解决这个问题。"
    for _ in range(12):
        services.submit_opinion(station=elsewhere, title="公交班次", text=common.format(place=county.name),
                                actor=citizen_wang)
        services.submit_opinion(station=station, title="公交班次", text=common.format(place=xinanjiang.name),
                                actor=citizen_wang)
    for _ in range(4):  # the planted topic: rare in the corpus, this town's own
        services.submit_opinion(station=station, title="充电桩", text=f"{xinanjiang.name}城南村小区充电桩太少，建议增加。",
                                actor=citizen_wang)
    today = timezone.localdate()
    town = queries.hot_words(xinanjiang, today, today, limit=10)
    assert town[0].word == "充电桩" and town[0].opinions == 4
    assert {h.word for h in town} >= {"公交", "班次", "红绿灯"}
    left_out = {"新安江", "建德", "建德市", "白沙", "城南", "城南村", "社区", "街道", "问题", "希望", "建议", "路口"}
    assert not left_out & {h.word for h in queries.hot_words(county, today, today, limit=50)}
    # Counted once per opinion, as a naive segmentation of the same texts counts them.
    from zhili.scenes.deputy_duty.hotwords import count_words
    naive = count_words(f"{o.title} {o.text}" for o in Opinion.objects.filter(station=station))
    assert {h.word: h.opinions for h in town} == {w: n for w, n in naive.items() if w in {h.word for h in town}}
    # The periodic rebuild from the texts writes the very counts kept at each submission.
    from zhili.scenes.deputy_duty.models import HotwordCell, HotwordCount, HotwordTotal

    def snapshot():
        return (sorted(HotwordCount.objects.values_list("region_id", "month", "word", "count")),
                sorted(HotwordCell.objects.values_list("region_id", "month", "opinions")),
                sorted(HotwordTotal.objects.values_list("word", "opinions")))
    kept = snapshot()
    HotwordCount.objects.filter(word="充电桩").update(count=99)  # drift the rebuild repairs
    assert services.rebuild_hotwords() == {"opinions": 28, "cells": 2, "words": len(kept[2])}
    assert snapshot() == kept
