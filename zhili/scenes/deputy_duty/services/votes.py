"""Livelihood projects and the deputies' vote on them (民生实事项目人大代表票决制).

Each deputy of the congress votes once, within the window, for/against/abstain on every candidate; the deputy gets a
receipt (a random code shown once). The ballot is stored under the hash of that receipt, apart from the record that
the deputy voted, with no time or sequence, so nobody can tell who cast it. At the tally every ballot becomes one line
``<receipt hash> <choices>`` of a sorted list whose SHA-256 goes into the ledger with the counts: a deputy checks
that the line of their receipt is in the published list and that the list hashes to the ledgered digest.
A refused vote (outside the window, a second vote, a non-member) changes nothing and is audited.
"""

import hashlib
import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require

from ..choices import ProjectStatus, VoteChoice
from ..models import Ballot, BallotCast, Deputy, LivelihoodProject, VotingSession
from ..rules import parameter
from .common import evidence, required


def receipt_hash(session_id: int, receipt: str) -> str:
    return hashlib.sha256(f"deputy_duty:{session_id}:{receipt}".encode()).hexdigest()


def ballot_line(receipt_digest: str, choices: dict) -> str:
    """A ballot's line in the tally list: its receipt hash and its choices by project id, in id order."""
    return receipt_digest + " " + ",".join(f"{pid}={choices[pid]}" for pid in sorted(choices, key=int))


def lines_digest(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@transaction.atomic
def propose_project(*, congress, year: int, title: str, description: str, budget, department=None,
                    actor) -> LivelihoodProject:
    """Put a project collected from the public on the list of candidates (候选项目)."""
    require(actor, "deputy_duty.structure.manage", congress.region)
    try:
        budget = Decimal(str(budget)).quantize(Decimal("0.01"))
    except ArithmeticError:
        raise ValidationError({"budget": _("计划投资：须为数字（万元）")}, code="invalid") from None
    if budget <= 0:
        raise ValidationError({"budget": _("计划投资：须大于 0")}, code="invalid")
    project = LivelihoodProject.objects.create(
        congress=congress, year=year, title=required(title, "title", _("项目名称"), 100),
        description=required(description, "description", _("项目内容"), 2000), budget=budget, department=department)
    audit.record("deputy_duty.project.proposed", actor=actor, target=project, data={"budget": str(budget)})
    return project


@transaction.atomic
def open_voting(*, congress, title: str, projects, seats: int, opens_at, closes_at, actor) -> VotingSession:
    """Convene a vote of ``congress``'s deputies on candidate ``projects`` between ``opens_at`` and ``closes_at``."""
    require(actor, "deputy_duty.structure.manage", congress.region)
    projects = list(projects)
    if len(projects) < 2 or any(p.congress_id != congress.pk or p.status != ProjectStatus.CANDIDATE
                                for p in projects):
        raise ValidationError({"projects": _("候选项目：须为本级人大的两个以上候选项目")}, code="invalid")
    if not 1 <= seats < len(projects):
        raise ValidationError({"seats": _("拟确定项目数：须少于候选项目数（差额票决）")}, code="invalid")
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("投票截止：须晚于投票开始")}, code="invalid")
    electorate = Deputy.objects.filter(congress=congress, active=True).count()
    session = VotingSession.objects.create(congress=congress, title=required(title, "title", _("名称"), 100),
                                           seats=seats, opens_at=opens_at, closes_at=closes_at,
                                           electorate=electorate)
    session.projects.set(projects)
    audit.record("deputy_duty.voting.opened", actor=actor, target=session,
                 data={"projects": [p.pk for p in projects], "seats": seats, "electorate": electorate,
                       "opens_at": opens_at.isoformat(), "closes_at": closes_at.isoformat()})
    return session


def _refuse(session, actor, reason: str, error: Exception):
    """Audit a refused vote (outside any transaction of the vote, so the entry stays) and raise ``error``."""
    audit.record("deputy_duty.vote.refused", actor=actor, target=session, data={"reason": reason})
    raise error


def cast_vote(session: VotingSession, *, choices: dict, actor, now=None) -> str:
    """Record ``actor``'s ballot and return its receipt (shown once); refused and audited if not allowed."""
    now = now or timezone.now()
    deputy = Deputy.objects.filter(user=actor, congress_id=session.congress_id, active=True).first() \
        if actor is not None and actor.is_authenticated else None
    if deputy is None:
        _refuse(session, actor, "not_a_member", PermissionDenied(_("只有本级人大在任代表可以投票")))
    if not session.opens_at <= now < session.closes_at or session.tallied_at:
        _refuse(session, actor, "outside_window", ValidationError(
            {"choices": _("不在投票时间内（{a} 至 {b}）").format(
                a=timezone.localtime(session.opens_at).strftime("%Y-%m-%d %H:%M"),
                b=timezone.localtime(session.closes_at).strftime("%Y-%m-%d %H:%M"))}, code="outside_window"))
    project_ids = {str(pk) for pk in session.projects.values_list("pk", flat=True)}
    choices = {str(k): v for k, v in (choices or {}).items()}
    if set(choices) != project_ids or any(v not in VoteChoice.values for v in choices.values()):
        raise ValidationError({"choices": _("选票：须对每个候选项目选择赞成、反对或弃权")}, code="incomplete")
    receipt = secrets.token_urlsafe(12)
    try:
        with transaction.atomic():
            BallotCast.objects.create(session=session, deputy=deputy, cast_on=timezone.localdate(now))
            Ballot.objects.create(receipt_hash=receipt_hash(session.pk, receipt), session=session, choices=choices)
            audit.record("deputy_duty.vote.cast", actor=actor, target=session, data={})
    except IntegrityError:
        _refuse(session, actor, "second_vote", ValidationError({"choices": _("您已投过票，每位代表只能投一次")},
                                                               code="second_vote"))
    return receipt


@transaction.atomic
def tally_votes(session: VotingSession, *, actor, now=None) -> VotingSession:
    """Count the ballots once the window has closed, rank and adopt the projects, and ledger the tally."""
    require(actor, "deputy_duty.structure.manage", session.congress.region)
    session = VotingSession.objects.select_for_update().get(pk=session.pk)
    now = now or timezone.now()
    if session.tallied_at:
        raise ValidationError({"session": _("本次票决已计票")}, code="tallied")
    if now < session.closes_at:
        raise ValidationError({"session": _("投票尚未截止，不能计票")}, code="open")
    projects = list(session.projects.all())
    counts = {str(p.pk): {c: 0 for c in VoteChoice.values} for p in projects}
    lines = []
    for digest, choices in session.ballots.values_list("receipt_hash", "choices").order_by("receipt_hash"):
        for pid, choice in choices.items():
            counts[pid][choice] += 1
        lines.append(ballot_line(digest, choices))
    share = Decimal(parameter("project_pass_share", timezone.localdate(now)).value)
    needed = int(session.electorate * share) + 1  # more than the share of all deputies (过半数)
    ranked = sorted(projects, key=lambda p: (-counts[str(p.pk)]["for"], p.pk))
    adopted = 0
    for rank, project in enumerate(ranked, start=1):
        c = counts[str(project.pk)]
        project.votes_for, project.votes_against, project.votes_abstain = c["for"], c["against"], c["abstain"]
        project.rank = rank
        passes = c["for"] >= needed and adopted < session.seats
        adopted += passes
        project.status = ProjectStatus.ADOPTED if passes else ProjectStatus.REJECTED
    LivelihoodProject.objects.bulk_update(ranked, ["votes_for", "votes_against", "votes_abstain", "rank", "status",
                                                   "updated_at"])
    session.tally_lines, session.tally_digest, session.tallied_at = lines, lines_digest(lines), now
    session.save(update_fields=["tally_lines", "tally_digest", "tallied_at", "updated_at"])
    result = {"session": session.pk, "ballots": len(lines), "electorate": session.electorate, "needed": needed,
              "counts": counts, "adopted": [p.pk for p in ranked if p.status == ProjectStatus.ADOPTED],
              "lines_digest": session.tally_digest}
    audit.record("deputy_duty.voting.tallied", actor=actor, target=session, data=result)
    evidence("deputy_duty.voting.tallied", session, actor, result)
    events.publish("deputy_duty.voting.tallied", session_id=session.pk)
    return session
