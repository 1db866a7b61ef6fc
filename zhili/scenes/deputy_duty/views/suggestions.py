"""Deputies' suggestions (代表建议): drafting with topic help and co-signers, review and assignment by the office,
the lead and co-handling units' work, the deputy's evaluation, and the public replies."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.foundation.api import add_service_errors
from zhili.core.identity.api import can, organizations_of, require
from zhili.core.orgs.api import Organization, OrganizationKind

from .. import queries, services
from ..choices import ProposalKind, SuggestionStatus
from ..forms import (
    AnswerForm,
    AssignForm,
    CohandleForm,
    EvaluateForm,
    ExtendForm,
    MisassignedForm,
    MotionDecisionForm,
    ReturnForm,
    SuggestionDraftForm,
)
from ..models import Deputy
from ..roles import HANDLER


@login_required
def suggestion_list(request):
    """What the person works on: a deputy's drafts, invitations and filed suggestions; the office's review queue;
    a unit's assigned suggestions."""
    suggestions = queries.suggestions_for(request.user)
    is_deputy = can(request.user, "deputy_duty.deputy.act")
    if not is_deputy and not can(request.user, "deputy_duty.structure.manage") and not organizations_of(
            request.user, HANDLER):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status in SuggestionStatus.values:
        suggestions = suggestions.filter(status=status)
    invitations = suggestions.filter(status=SuggestionStatus.DRAFT, invitations__deputy__user=request.user,
                                     invitations__confirmed_at=None, invitations__declined_at=None)
    return render(request, "deputy_duty/suggestion_list.html", {
        "suggestions": suggestions.order_by("-created_at", "-id")[:200], "invitations": invitations,
        "is_deputy": is_deputy, "statuses": SuggestionStatus, "status": status})


@login_required
def suggestion_new(request):
    """Drafting: the hot words of the region's citizens' opinions and similar past suggestions help choose and
    frame the topic; fellow deputies are invited to co-sign."""
    require(request.user, "deputy_duty.deputy.act")
    deputies = queries.deputies_of(request.user)
    if not deputies.exists():
        raise Http404
    chosen = deputies.filter(pk=request.POST.get("deputy") or request.GET.get("deputy")).first() or deputies.first()
    fellows = Deputy.objects.filter(congress=chosen.congress, active=True).exclude(pk=chosen.pk).order_by("name")
    form = SuggestionDraftForm(request.POST or None, deputies=deputies, fellows=fellows, initial={"deputy": chosen})
    similar = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "look" in request.POST:
            similar = queries.similar_suggestions(f"{data['title']} {data['text']}", data["deputy"].congress)
        else:
            try:
                suggestion = services.draft_suggestion(actor=request.user, **data)
                return redirect(suggestion.get_absolute_url())
            except ValidationError as exc:
                add_service_errors(form, exc)
    return render(request, "deputy_duty/suggestion_new.html", {
        "form": form, "hot": queries.topic_hot_words(chosen.congress), "similar": similar,
        "looked": "look" in request.POST}, status=400 if form.errors else 200)


def _detail(request, suggestion, **forms):
    user = request.user
    status = suggestion.status
    is_lead_deputy = suggestion.deputy.user_id == user.pk
    office = can(user, "deputy_duty.structure.manage", suggestion.deputy.congress.region)
    units = set(organizations_of(user, HANDLER))
    is_lead_unit = suggestion.lead_unit_id is not None and suggestion.lead_unit_id in units
    open_work = status in (SuggestionStatus.ASSIGNED, SuggestionStatus.REHANDLING)
    my_cohandling = next((c for c in suggestion.cohandlings.all() if c.unit_id in units and not c.answered_on), None)
    invitation = suggestion.invitations.filter(deputy__user=user, confirmed_at=None, declined_at=None).first()
    departments = _departments(suggestion)
    motion = suggestion.kind == ProposalKind.MOTION
    actions = {
        "invitation": status == SuggestionStatus.DRAFT and invitation is not None,
        "submit": status == SuggestionStatus.DRAFT and is_lead_deputy,
        "decide": status == SuggestionStatus.SUBMITTED and office and motion,
        "review": status == SuggestionStatus.SUBMITTED and office and not motion,
        "misassigned": status == SuggestionStatus.ASSIGNED and is_lead_unit and services.misassigned_open(suggestion),
        "extend": status == SuggestionStatus.ASSIGNED and is_lead_unit and not suggestion.complex,
        "cohandle": open_work and my_cohandling is not None,
        "answer": open_work and is_lead_unit,
        "evaluate": status == SuggestionStatus.ANSWERED and is_lead_deputy,
    }
    context = {"suggestion": suggestion, "actions": actions,
               "invitations": suggestion.invitations.select_related("deputy"),
               "cohandlings": suggestion.cohandlings.select_related("unit"),
               "timeline": queries.suggestion_timeline(suggestion),
               "threshold": services.motion_threshold(suggestion.deputy.congress, timezone.localdate())
               if motion else None,
               "similar": queries.similar_suggestions(f"{suggestion.title} {suggestion.text}",
                                                      suggestion.deputy.congress, exclude=suggestion)
               if is_lead_deputy or office else []}
    defaults = {"assign_form": lambda: AssignForm(departments=departments), "return_form": ReturnForm,
                "decide_form": MotionDecisionForm, "misassigned_form": MisassignedForm,
                "extend_form": ExtendForm, "cohandle_form": CohandleForm, "answer_form": AnswerForm,
                "evaluate_form": EvaluateForm}
    for name, make in defaults.items():
        context[name] = forms.get(name) or make()
    return context


@login_required
def suggestion_detail(request, pk: int):
    suggestion = queries.suggestion_for(request.user, pk)
    return render(request, "deputy_duty/suggestion_detail.html", _detail(request, suggestion))


def _departments(suggestion):
    return Organization.objects.filter(kind=OrganizationKind.DEPARTMENT,
                                       region__path__startswith=suggestion.deputy.congress.region.path)


@login_required
@require_POST
def suggestion_act(request, pk: int, action: str):
    """One step on a suggestion (the service checks who may take it; a refused step changes nothing)."""
    suggestion = queries.suggestion_for(request.user, pk)
    user, post = request.user, request.POST
    steps = {
        "confirm": (None, lambda d: services.answer_invitation(suggestion, confirm=True, actor=user)),
        "decline": (None, lambda d: services.answer_invitation(suggestion, confirm=False, actor=user)),
        "submit": (None, lambda d: services.submit_suggestion(suggestion, actor=user)),
        "return": ("return_form", lambda d: services.return_suggestion(suggestion, actor=user, **d)),
        "assign": ("assign_form", lambda d: services.assign_suggestion(suggestion, actor=user, **d)),
        "decide": ("decide_form", lambda d: services.decide_motion(suggestion, actor=user, **d)),
        "misassigned": ("misassigned_form", lambda d: services.report_misassigned(suggestion, actor=user, **d)),
        "extend": ("extend_form", lambda d: services.extend_suggestion(suggestion, actor=user, **d)),
        "cohandle": ("cohandle_form", lambda d: services.give_cohandling_opinion(suggestion, actor=user, **d)),
        "answer": ("answer_form", lambda d: services.answer_suggestion(suggestion, actor=user, **d)),
        "evaluate": ("evaluate_form", lambda d: services.evaluate_suggestion(suggestion, actor=user, **d)),
    }
    if action not in steps:
        raise Http404
    form_name, step = steps[action]
    form = None
    if form_name == "assign_form":
        form = AssignForm(post, departments=_departments(suggestion))
    elif form_name:
        form = {"return_form": ReturnForm, "extend_form": ExtendForm, "decide_form": MotionDecisionForm,
                "misassigned_form": MisassignedForm, "cohandle_form": CohandleForm,
                "answer_form": AnswerForm, "evaluate_form": EvaluateForm}[form_name](post)
    error = ""
    if form is None or form.is_valid():
        try:
            step(form.cleaned_data if form is not None else {})
            return redirect(suggestion.get_absolute_url())
        except ValidationError as exc:
            if form is not None:
                add_service_errors(form, exc)
            else:
                error = "；".join(m for ms in exc.message_dict.values() for m in ms)
        except PermissionDenied as exc:
            raise Http404 from exc
    suggestion.refresh_from_db()
    context = _detail(request, suggestion, **({form_name: form} if form_name else {}))
    context["error"] = error or _("请按提示修改后再提交")
    return render(request, "deputy_duty/suggestion_detail.html", context, status=400)


def public_replies(request):
    """The answers to deputies' suggestions that may be published (公开答复), for anyone."""
    return render(request, "deputy_duty/public_replies.html", {"suggestions": queries.public_replies()[:100]})


def public_reply(request, pk: int):
    suggestion = get_object_or_404(queries.public_replies(), pk=pk)
    return render(request, "deputy_duty/public_reply.html", {"suggestion": suggestion})
