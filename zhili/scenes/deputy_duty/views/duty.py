"""Duty services (履职服务): theme activities (published, joined, reported with photos), duty registration and the
office's confirmation, learning materials, and comments on draft regulations with the office's summary."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhili.core.foundation.api import add_service_errors
from zhili.core.identity.api import can

from .. import queries, services
from ..forms import (
    ActivityForm,
    ActivityReportForm,
    DraftCommentForm,
    DraftForm,
    DraftSummaryForm,
    DutyRecordForm,
    MaterialForm,
)
from ..models import ActivityParticipation, ActivityPhoto, DraftComment, DutyRecord
from ..privacy import masked


def _office_congresses(user):
    return [c for c in queries.congresses_of(user).select_related("region")
            if can(user, "deputy_duty.structure.manage", c.region)]


def _run(form, step):
    """Validate ``form`` and run ``step(cleaned_data)``; the service's refusals go onto the form. True if done."""
    if not form.is_valid():
        return False
    try:
        step(form.cleaned_data)
        return True
    except ValidationError as exc:
        add_service_errors(form, exc)
    except PermissionDenied as exc:
        raise Http404 from exc
    return False


def _congress_from(request, congresses):
    chosen = next((c for c in congresses if str(c.pk) == request.POST.get("congress")), None)
    if chosen is None:
        raise Http404
    return chosen


@login_required
def activity_list(request):
    """The activities of the person's congresses; the office publishes new ones here."""
    congresses = _office_congresses(request.user)
    if not congresses and not queries.deputies_of(request.user).exists():
        raise Http404
    form = ActivityForm(request.POST or None)
    if request.method == "POST":
        congress = _congress_from(request, congresses)
        if _run(form, lambda d: services.publish_activity(congress=congress, actor=request.user, **d)):
            return redirect("deputy_duty:activity_list")
    return render(request, "deputy_duty/activity_list.html", {
        "activities": queries.activities_for(request.user)[:100], "form": form, "congresses": congresses},
        status=400 if form.errors else 200)


@login_required
def activity_detail(request, pk: int):
    activity = get_object_or_404(queries.activities_for(request.user), pk=pk)
    mine = ActivityParticipation.objects.filter(activity=activity, deputy__user=request.user).first()
    office = can(request.user, "deputy_duty.structure.manage", activity.congress.region)
    form = ActivityReportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        def step(d):
            services.report_activity(activity, text=d["text"], photos=[f.read() for f in d["photos"]],
                                     actor=request.user)
        if _run(form, step):
            return redirect(activity.get_absolute_url())
        status = 400
    participations = activity.participations.select_related("deputy").prefetch_related("photos")
    if not office:
        participations = participations.filter(pk=mine.pk) if mine else participations.none()
    return render(request, "deputy_duty/activity_detail.html", {
        "activity": activity, "mine": mine, "office": office, "form": form,
        "may_join": mine is None and not office and timezone.now() < activity.starts_at,
        "may_report": mine is not None and not mine.reported_at and timezone.now() >= activity.starts_at,
        "participations": participations, "joined": activity.participations.count()}, status=status)


@login_required
@require_POST
def activity_join(request, pk: int):
    activity = get_object_or_404(queries.activities_for(request.user), pk=pk)
    try:
        services.join_activity(activity, actor=request.user)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError:
        pass  # already joined or started: the page shows where things stand
    return redirect(activity.get_absolute_url())


@login_required
def activity_photo(request, pk: int):
    """A report's photo, for the deputy who took it and the office of the activity's congress."""
    photo = get_object_or_404(ActivityPhoto.objects.select_related("participation__deputy",
                                                                  "participation__activity__congress__region"), pk=pk)
    joined = photo.participation
    if joined.deputy.user_id != request.user.pk and not can(request.user, "deputy_duty.structure.manage",
                                                             joined.activity.congress.region):
        raise Http404
    return FileResponse(photo.image.open("rb"), content_type="image/png" if photo.image.name.endswith(".png")
                        else "image/jpeg")


@login_required
def duty_records(request):
    """A deputy registers duties done and sees their records; the office confirms or declines pending ones."""
    deputies = list(queries.deputies_of(request.user))
    to_check = queries.duty_records_to_check(request.user)
    if not deputies and not _office_congresses(request.user):
        raise Http404
    form = DutyRecordForm(request.POST or None)
    if request.method == "POST" and deputies:
        deputy = next((d for d in deputies if str(d.pk) == request.POST.get("deputy")), deputies[0])
        if _run(form, lambda d: services.register_duty(deputy=deputy, actor=request.user, **d)):
            return redirect("deputy_duty:duty_records")
    mine = DutyRecord.objects.filter(deputy__in=deputies).select_related("deputy")[:100]
    return render(request, "deputy_duty/duty_records.html", {
        "deputies": deputies, "form": form, "records": mine, "to_check": to_check[:100]},
        status=400 if form.errors else 200)


@login_required
@require_POST
def duty_record_check(request, pk: int):
    record = get_object_or_404(queries.duty_records_to_check(request.user), pk=pk)
    try:
        services.check_duty_record(record, confirm=request.POST.get("confirm") == "1",
                                   note=request.POST.get("note", ""), actor=request.user)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError:
        pass  # a decline without a reason: the record stays pending on the list
    return redirect("deputy_duty:duty_records")


@login_required
def material_list(request):
    congresses = _office_congresses(request.user)
    if not congresses and not queries.deputies_of(request.user).exists():
        raise Http404
    form = MaterialForm(request.POST or None)
    if request.method == "POST":
        congress = _congress_from(request, congresses)
        if _run(form, lambda d: services.publish_material(congress=congress, actor=request.user, **d)):
            return redirect("deputy_duty:material_list")
    read = set(queries.materials_for(request.user).filter(readers__user=request.user).values_list("pk", flat=True))
    return render(request, "deputy_duty/material_list.html", {
        "materials": queries.materials_for(request.user)[:100], "read": read, "form": form,
        "congresses": congresses}, status=400 if form.errors else 200)


@login_required
def material_detail(request, pk: int):
    material = get_object_or_404(queries.materials_for(request.user), pk=pk)
    services.read_material(material, actor=request.user)
    return render(request, "deputy_duty/material_detail.html", {
        "material": material, "readers": material.readers.count()})


@login_required
def draft_list(request):
    """Drafts of regulations open for comment (anyone signed in); the office publishes new ones here."""
    congresses = _office_congresses(request.user)
    form = DraftForm(request.POST or None)
    if request.method == "POST":
        congress = _congress_from(request, congresses)
        if _run(form, lambda d: services.publish_draft(congress=congress, actor=request.user, **d)):
            return redirect("deputy_duty:draft_list")
    return render(request, "deputy_duty/draft_list.html", {
        "drafts": queries.drafts_for(request.user)[:100], "form": form, "congresses": congresses,
        "now": timezone.now()}, status=400 if form.errors else 200)


@login_required
def draft_detail(request, pk: int):
    """A draft: the comment form within its window; the office reads every comment (third parties' numbers masked)
    and publishes the summary after the window; others see their own comments and the summary."""
    draft = get_object_or_404(queries.drafts_for(request.user), pk=pk)
    office = can(request.user, "deputy_duty.structure.manage", draft.congress.region)
    now = timezone.now()
    comment_form = DraftCommentForm(request.POST if "comment" in request.POST else None)
    summary_form = DraftSummaryForm(request.POST if "summarize" in request.POST else None)
    if "comment" in request.POST:
        if _run(comment_form, lambda d: services.comment_draft(draft, actor=request.user, **d)):
            return redirect(draft.get_absolute_url())
    elif "summarize" in request.POST and office:
        if _run(summary_form, lambda d: services.summarize_draft(draft, actor=request.user, **d)):
            return redirect(draft.get_absolute_url())
    comments = DraftComment.objects.filter(draft=draft).select_related("deputy")
    if not office:
        comments = comments.filter(author=request.user)
    shown = [{"comment": c, "text": c.text if c.author_id == request.user.pk else masked(c.text)} for c in comments]
    errors = comment_form.errors or summary_form.errors
    return render(request, "deputy_duty/draft_detail.html", {
        "draft": draft, "office": office, "comments": shown, "total": draft.comments.count(),
        "comment_form": comment_form, "summary_form": summary_form,
        "open": draft.opens_at <= now < draft.closes_at, "closed": now >= draft.closes_at},
        status=400 if errors else 200)
