"""Livelihood projects and the vote: the office's projects and sessions (tally), the deputy's ballot on a phone and
the check of their receipt against the ledgered tally."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from zhili.core.identity.api import can, require

from .. import queries, services
from ..choices import VoteChoice
from ..models import BallotCast


@login_required
def project_list(request):
    """Every project the person may see (a deputy's congresses; the office's region), with votes and progress."""
    projects = queries.projects_for(request.user)
    sessions = queries.sessions_for(request.user)
    if not projects.exists() and not sessions.exists() and not can(request.user, "deputy_duty.cockpit.view"):
        raise PermissionDenied
    return render(request, "deputy_duty/project_list.html", {"projects": projects[:200], "sessions": sessions[:20]})


@login_required
def session_detail(request, pk: int):
    """A vote: the ballot form for a deputy who has not voted, turnout, and the result once tallied."""
    session = get_object_or_404(queries.sessions_for(request.user), pk=pk)
    projects = list(session.projects.order_by("id"))
    voted = BallotCast.objects.filter(session=session, deputy__user=request.user).exists()
    context = {"session": session, "projects": projects, "voted": voted, "choices": VoteChoice.choices,
               "turnout": session.casts.count(), "may_tally": can(request.user, "deputy_duty.structure.manage",
                                                                  session.congress.region)}
    if request.method == "POST":
        picked = {str(p.pk): request.POST.get(f"project_{p.pk}", "") for p in projects}
        try:
            context["receipt"] = services.cast_vote(session, choices=picked, actor=request.user)
            context["voted"] = True
        except ValidationError as exc:
            context["error"] = "；".join(m for ms in exc.message_dict.values() for m in ms)
        except PermissionDenied as exc:
            context["error"] = str(exc)
    return render(request, "deputy_duty/session_detail.html", context,
                  status=400 if context.get("error") else 200)


@login_required
@require_POST
def session_tally(request, pk: int):
    session = get_object_or_404(queries.sessions_for(request.user), pk=pk)
    require(request.user, "deputy_duty.structure.manage", session.congress.region)
    try:
        services.tally_votes(session, actor=request.user)
    except ValidationError:
        pass  # the page shows whether it is tallied
    return redirect(session.get_absolute_url())


@login_required
def session_verify(request, pk: int):
    """A deputy checks by their receipt that their ballot is in the ledgered tally."""
    session = get_object_or_404(queries.sessions_for(request.user), pk=pk)
    receipt = request.GET.get("receipt", "")
    proof = queries.verify_receipt(session, receipt) if receipt else None
    titles = {str(p.pk): p.title for p in session.projects.all()}
    return render(request, "deputy_duty/session_verify.html", {
        "session": session, "proof": proof, "receipt": receipt,
        "choices": [(titles.get(pid, pid), VoteChoice(c).label) for pid, c in (proof or {}).get("choices", {}).items()]})
