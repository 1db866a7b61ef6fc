"""The deputies' vote on livelihood projects: once each, within the window, members only; an exact tally in the
ledger; every deputy can find their secret ballot in the ledgered tally by their receipt."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhili.core.foundation.api import AuditEntry
from zhili.core.ledger.api import entries_for
from zhili.core.testing.api import MembershipFactory, UserFactory
from zhili.scenes.deputy_duty import queries, services
from zhili.scenes.deputy_duty.models import Ballot, BallotCast
from zhili.scenes.deputy_duty.roles import DEPUTY

NOW = timezone.now()


@pytest.fixture
def deputies(congress, office_ye, deputy_chen):
    """陈建国 and four more deputies of the congress: five voters."""
    more = []
    for i in range(4):
        user = UserFactory(name=f"代表{i}", username=f"deputy_{i}", phone=f"1380000010{i}")
        MembershipFactory(user=user, role=DEPUTY)
        more.append(services.register_deputy(user=user, congress=congress, constituency=f"第{i}选区",
                                             delegation="代表组", actor=office_ye))
    return [deputy_chen, *more]


@pytest.fixture
def session(congress, office_ye, deputies):
    projects = [services.propose_project(congress=congress, year=2027, title=t, description="内容", budget="500",
                                         actor=office_ye) for t in ("老旧小区改造", "公交加密", "幼儿园扩容")]
    return services.open_voting(congress=congress, title="2027 年民生实事项目票决", projects=projects, seats=2,
                                opens_at=NOW - dt.timedelta(hours=1), closes_at=NOW + dt.timedelta(hours=1),
                                actor=office_ye)


def _ids(session):
    return [p.pk for p in session.projects.order_by("id")]


def test_five_deputies_vote_and_the_tally_is_exact_and_ledgered(session, deputies, office_ye):
    a, b, c = _ids(session)
    votes = [("for", "for", "against"), ("for", "against", "for"), ("for", "for", "abstain"),
             ("against", "for", "for"), ("for", "abstain", "against")]
    receipts = [services.cast_vote(session, choices=dict(zip((a, b, c), v, strict=True)), actor=d.user)
                for d, v in zip(deputies, votes, strict=True)]
    session = services.tally_votes(session, actor=office_ye, now=NOW + dt.timedelta(hours=2))
    result = {p.title: (p.votes_for, p.votes_against, p.votes_abstain, p.rank, p.status)
              for p in session.projects.all()}
    assert result == {"老旧小区改造": (4, 1, 0, 1, "adopted"), "公交加密": (3, 1, 1, 2, "adopted"),
                      "幼儿园扩容": (2, 2, 1, 3, "rejected")}
    assert [e.kind for e in entries_for(session)] == ["deputy_duty.voting.tallied"]
    proof = queries.verify_receipt(session, receipts[1])
    assert proof["found"] and proof["in_tally"] and proof["digest_matches"]
    assert proof["choices"] == {str(a): "for", str(b): "against", str(c): "for"}
    assert not queries.verify_receipt(session, "forged-receipt")["found"]


def test_needing_more_than_half_of_all_deputies_a_project_with_two_for_of_five_fails(session, deputies, office_ye):
    a, b, c = _ids(session)
    for d in deputies[:2]:
        services.cast_vote(session, choices={a: "for", b: "for", c: "for"}, actor=d.user)
    session = services.tally_votes(session, actor=office_ye, now=NOW + dt.timedelta(hours=2))
    assert set(session.projects.values_list("status", flat=True)) == {"rejected"}


def test_a_second_vote_is_refused_audited_and_changes_nothing(session, deputy_chen):
    a, b, c = _ids(session)
    services.cast_vote(session, choices={a: "for", b: "for", c: "for"}, actor=deputy_chen.user)
    with pytest.raises(ValidationError):
        services.cast_vote(session, choices={a: "against", b: "against", c: "against"}, actor=deputy_chen.user)
    assert (Ballot.objects.count(), BallotCast.objects.count()) == (1, 1)
    refused = AuditEntry.objects.filter(action="deputy_duty.vote.refused").values_list("data", flat=True)
    assert [d["reason"] for d in refused] == ["second_vote"]


def test_a_vote_outside_the_window_or_by_a_non_member_is_refused_and_audited(session, citizen_wang, deputy_chen):
    a, b, c = _ids(session)
    with pytest.raises(ValidationError):
        services.cast_vote(session, choices={a: "for", b: "for", c: "for"}, actor=deputy_chen.user,
                           now=NOW + dt.timedelta(hours=3))
    with pytest.raises(PermissionDenied):
        services.cast_vote(session, choices={a: "for", b: "for", c: "for"}, actor=citizen_wang)
    assert Ballot.objects.count() == 0
    assert sorted(AuditEntry.objects.filter(action="deputy_duty.vote.refused").values_list("data__reason", flat=True)
                  ) == ["not_a_member", "outside_window"]


def test_a_ballot_must_choose_on_every_candidate(session, deputy_chen):
    a, b, _ = _ids(session)
    with pytest.raises(ValidationError):
        services.cast_vote(session, choices={a: "for", b: "for"}, actor=deputy_chen.user)
    assert Ballot.objects.count() == 0


def test_the_tally_waits_for_the_window_to_close(session, office_ye):
    with pytest.raises(ValidationError):
        services.tally_votes(session, actor=office_ye, now=NOW)
    session.refresh_from_db()
    assert session.tallied_at is None


def test_a_deputy_votes_on_the_page_and_checks_the_receipt_after_the_tally(client, session, deputy_chen, office_ye):
    from zhili.core.testing.api import PASSWORD

    client.login(username="deputy_chen", password=PASSWORD)
    a, b, c = _ids(session)
    page = client.post(f"/deputy_duty/votes/{session.pk}/",
                       {f"project_{a}": "for", f"project_{b}": "against", f"project_{c}": "abstain"})
    receipt = page.context["receipt"]
    again = client.post(f"/deputy_duty/votes/{session.pk}/",
                        {f"project_{a}": "for", f"project_{b}": "for", f"project_{c}": "for"})
    assert again.status_code == 400 and Ballot.objects.count() == 1
    services.tally_votes(session, actor=office_ye, now=NOW + dt.timedelta(hours=2))
    proof = client.get(f"/deputy_duty/votes/{session.pk}/verify/", {"receipt": receipt}).content.decode()
    assert "该选票已计入计票清单" in proof and "计票清单与存证摘要一致" in proof


def test_a_citizen_cannot_see_a_vote(client, session, citizen_wang):
    from zhili.core.testing.api import PASSWORD

    client.login(username="citizen_wang", password=PASSWORD)
    assert client.get(f"/deputy_duty/votes/{session.pk}/").status_code == 404
