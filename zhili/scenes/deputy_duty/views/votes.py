"""Livelihood projects, their supervision and the vote: the office's projects and sessions (tally), the deputy's ballot on a phone and
the check of their receipt against the ledgered tally."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.foundation.api import Colour, add_service_errors
from zhili.core.identity.api import can, organizations_of, require
from zhili.core.ui.api import TimelineEntry, person

from .. import queries, services
from ..choices import ProjectStatus, VoteChoice
from ..forms import ProgressForm, ProjectCommentForm, ProjectEvaluationForm
from ..models import BallotCast, Deputy
from ..roles import HANDLER


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


def _project_context(request, project, **forms):
    user = request.user
    under_way = project.status in (ProjectStatus.ADOPTED, ProjectStatus.IMPLEMENTING)
    entries = [TimelineEntry(u.created_at, person(u.author), _("进度 {n}%").format(n=u.progress), u.text)
               for u in project.updates.select_related("author")]
    entries += [TimelineEntry(c.created_at, c.deputy.name, _("代表监督意见"), c.text, colour=Colour.ORANGE)
                for c in project.comments.select_related("deputy")]
    entries.sort(key=lambda e: e.when)
    may = {"progress": under_way and project.department_id in organizations_of(user, HANDLER),
           "comment": under_way and Deputy.objects.filter(user=user, congress_id=project.congress_id,
                                                          active=True).exists(),
           "evaluate": under_way and can(user, "deputy_duty.structure.manage", project.congress.region)}
    return {"project": project, "entries": entries, "may": may,
            "progress_form": forms.get("progress_form") or ProgressForm(initial={"progress": project.progress}),
            "comment_form": forms.get("comment_form") or ProjectCommentForm(),
            "evaluation_form": forms.get("evaluation_form") or ProjectEvaluationForm()}


@login_required
def project_detail(request, pk: int):
    """A project's progress reports and the deputies' comments as they come, and its final evaluation."""
    project = get_object_or_404(queries.projects_for(request.user), pk=pk)
    return render(request, "deputy_duty/project_detail.html", _project_context(request, project))


@login_required
@require_POST
def project_act(request, pk: int, action: str):
    project = get_object_or_404(queries.projects_for(request.user), pk=pk)
    steps = {"progress": ("progress_form", ProgressForm, services.report_project_progress),
             "comment": ("comment_form", ProjectCommentForm, services.comment_project),
             "evaluate": ("evaluation_form", ProjectEvaluationForm, services.evaluate_project)}
    if action not in steps:
        raise Http404
    name, form_class, step = steps[action]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            step(project, actor=request.user, **form.cleaned_data)
            return redirect(project.get_absolute_url())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
    return render(request, "deputy_duty/project_detail.html", _project_context(request, project, **{name: form}),
                  status=400)
