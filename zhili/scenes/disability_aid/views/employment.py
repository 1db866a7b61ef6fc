"""Pages of employment: vacancies with their matched seekers, recommendations and hires, training courses, the
yearly quota review with the fund due, and the disabling accidents pushed for prevention."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.foundation.api import add_service_errors
from zhili.core.identity.api import can, require
from zhili.core.orgs.api import Region, enterprises_in_scope
from zhili.core.ui.api import Column, ListPage, export_xlsx

from .. import queries, services
from ..choices import InjurySource, QuotaStatus
from ..forms import (
    CompletionForm,
    CourseForm,
    DecisionForm,
    EnrolForm,
    PostingForm,
    PushForm,
    QuotaFilterForm,
    QuotaForm,
)
from ..matching import matches_for_posting
from ..models import Person


def _towns(user):
    from zhili.core.identity.api import filter_by_scope

    return filter_by_scope(user, Region.objects.filter(level="town"), "parent").order_by("code")


def _posting_form(request, data=None):
    return PostingForm(data, organizations=enterprises_in_scope(request.user).order_by("name"),
                       regions=_towns(request.user))


@login_required
def job_list(request):
    """The employment service's vacancies; a clerk registers a new one here."""
    require(request.user, "disability_aid.job.manage")
    form = _posting_form(request, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                posting = services.post_job(actor=request.user, **form.cleaned_data)
                return redirect("disability_aid:job_detail", pk=posting.pk)
            except ValidationError as exc:
                add_service_errors(form, exc)
    listing = ListPage(request, queries.visible_postings(request.user), columns=[
        Column("organization", _("用人单位"), sort="organization__name"), Column("title", _("岗位名称"), sort="title"),
        Column("region", _("工作地"), sort="region__code"), Column("positions", _("招聘人数"), sort="positions"),
        Column("wage", _("月工资（元）"), sort="monthly_wage"), Column("status", _("状态"), sort="status")],
        default_sort="-id")
    if listing.wants_export:
        header = [_("用人单位"), _("岗位名称"), _("工作地"), _("招聘人数"), _("月工资（元）"), _("适合类别"), _("状态")]
        rows = ([p.organization.name, p.title, p.region.name, p.positions, p.monthly_wage, p.categories,
                 p.get_status_display()] for p in listing.queryset.iterator(chunk_size=2000))
        return export_xlsx(request, what="disability_aid.jobs", title=_("残疾人就业岗位"), header=header, rows=rows)
    return render(request, "disability_aid/job_list.html", {"form": form, "listing": listing},
                  status=400 if form.errors else 200)


def _job_context(request, posting, **extra):
    seekers = queries.visible_seekers(request.user)
    placements = list(posting.placements.select_related("seeker__person").filter(
        seeker__in=seekers))
    taken = {p.seeker_id for p in placements}
    matches = [m for m in matches_for_posting(posting, seekers) if m.seeker.pk not in taken]
    return {"posting": posting, "matches": matches, "open": posting.status == "open",
            "placements": [(p, DecisionForm(auto_id=f"id_decide{p.pk}_%s")) for p in placements], **extra}


@login_required
def job_detail(request, pk: int):
    """A vacancy: the consenting seekers it suits (score and reasons), the recommendations and their answers."""
    require(request.user, "disability_aid.job.manage")
    posting = queries.posting_for(request.user, pk)
    return render(request, "disability_aid/job_detail.html", _job_context(request, posting))


@login_required
@require_POST
def job_recommend(request, pk: int):
    require(request.user, "disability_aid.job.manage")
    posting = queries.posting_for(request.user, pk)
    seeker_id = request.POST.get("seeker", "")
    seeker = get_object_or_404(queries.visible_seekers(request.user), pk=int(seeker_id) if seeker_id.isdigit() else 0)
    try:
        services.recommend(seeker, posting, actor=request.user)
    except ValidationError as exc:
        return render(request, "disability_aid/job_detail.html",
                      _job_context(request, posting, errors=exc.messages), status=400)
    return redirect("disability_aid:job_detail", pk=posting.pk)


@login_required
@require_POST
def placement_decide(request, pk: int):
    placement = queries.placement_for(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_placement(placement, actor=request.user, **form.cleaned_data)
            return redirect("disability_aid:job_detail", pk=placement.posting_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "disability_aid/job_detail.html",
                  _job_context(request, placement.posting, errors=[e for v in form.errors.values() for e in v]),
                  status=400)


@login_required
def course_list(request):
    """Vocational training courses; a clerk opens a new one here."""
    require(request.user, "disability_aid.job.manage")
    form = CourseForm(request.POST or None, regions=_towns(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            course = services.create_course(actor=request.user, **form.cleaned_data)
            return redirect("disability_aid:course_detail", pk=course.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    listing = ListPage(request, queries.visible_courses(request.user), columns=[
        Column("title", _("培训班名称"), sort="title"), Column("skill", _("培训技能"), sort="skill"),
        Column("starts", _("开班日期"), sort="starts_on"), Column("capacity", _("名额"), sort="capacity")],
        default_sort="-starts_on")
    return render(request, "disability_aid/course_list.html", {"form": form, "listing": listing},
                  status=400 if form.errors else 200)


def _course_context(course, **extra):
    return {"course": course, "enrol_form": EnrolForm(), **extra,
            "enrolments": [(e, CompletionForm(auto_id=f"id_complete{e.pk}_%s"))
                           for e in course.enrolments.select_related("person")]}


@login_required
def course_detail(request, pk: int):
    """A course: its trainees; the clerk enrols a person (by code) and records each one's completion."""
    course = queries.course_for(request.user, pk)
    if request.method == "POST":
        form = EnrolForm(request.POST)
        if form.is_valid():
            person = queries.visible_persons(request.user).filter(key=form.cleaned_data["person"].strip()).first()
            if person is None:
                form.add_error("person", _("辖区内没有该人员编码"))
            else:
                try:
                    services.enrol(course, person, actor=request.user)
                    return redirect("disability_aid:course_detail", pk=course.pk)
                except ValidationError as exc:
                    add_service_errors(form, exc)
        return render(request, "disability_aid/course_detail.html", _course_context(course, enrol_form=form),
                      status=400)
    return render(request, "disability_aid/course_detail.html", _course_context(course))


@login_required
@require_POST
def enrolment_complete(request, pk: int):
    enrolment = queries.enrolment_for(request.user, pk)
    form = CompletionForm(request.POST)
    if form.is_valid():
        try:
            services.complete_enrolment(enrolment, actor=request.user, **form.cleaned_data)
            return redirect("disability_aid:course_detail", pk=enrolment.course_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "disability_aid/course_detail.html",
                  _course_context(enrolment.course, errors=[e for v in form.errors.values() for e in v]), status=400)


@login_required
def quota_list(request):
    """按比例就业年审: each employer's quota and the fund due for a year, with filters and an Excel export."""
    require(request.user, "disability_aid.quota.review")
    run_form = QuotaForm(request.POST or None)
    if request.method == "POST" and run_form.is_valid():
        try:
            services.review_quotas(run_form.cleaned_data["year"], actor=request.user)
            return redirect(f"{request.path}?year={run_form.cleaned_data['year']}")
        except ValidationError as exc:
            add_service_errors(run_form, exc)
    reviews = queries.visible_quota_reviews(request.user)
    form = QuotaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("year"):
        reviews = reviews.filter(year=filters["year"])
    if filters.get("status"):
        reviews = reviews.filter(status=filters["status"])
    if filters.get("q"):
        reviews = reviews.filter(organization__name__icontains=filters["q"].strip())
    listing = ListPage(request, reviews, columns=[
        Column("organization", _("用人单位"), sort="organization__name"), Column("year", _("年度"), sort="year"),
        Column("staff", _("职工人数"), sort="staff"), Column("required", _("应安排"), sort="required"),
        Column("disabled", _("实际安排"), sort="disabled_counted"), Column("fund", _("应缴保障金（元）"), sort="fund_due"),
        Column("status", _("结论"), sort="status")], default_sort=["-year", "-fund_due"])
    if listing.wants_export:
        header = [_("用人单位"), _("统一社会信用代码"), _("年度"), _("在职职工年平均人数"), _("年平均工资（元）"),
                  _("应安排人数"), _("实际安排人数（折算）"), _("差额人数"), _("计征工资基数（元）"),
                  _("应缴保障金（减缴前，元）"), _("应缴保障金（元）"), _("结论"), _("计算过程")]
        rows = ([r.organization.name, r.organization.uscc or "", r.year, r.staff, r.average_wage, r.required,
                 r.disabled_counted, r.shortfall, r.wage_base, r.fund_before, r.fund_due, r.get_status_display(),
                 "；".join(r.explanation)] for r in listing.queryset.iterator(chunk_size=2000))
        return export_xlsx(request, what="disability_aid.quota", title=_("按比例就业年审"), header=header, rows=rows,
                           filters={k: str(v) for k, v in filters.items() if v})
    totals = {s: sum((r.fund_due for r in listing.queryset if r.status == s), start=0) for s in QuotaStatus.values}
    return render(request, "disability_aid/quota_list.html", {
        "run_form": run_form, "form": form, "listing": listing, "total_due": sum(totals.values()),
        "statuses": [(QuotaStatus(s), totals[s]) for s in QuotaStatus.values]}, status=400 if run_form.errors else 200)


@login_required
def injury_list(request):
    """Disabling accidents pushed to the departments, each with its case; the clerk pushes new ones here."""
    require(request.user, "disability_aid.prevention.view")
    form = PushForm(request.POST or None)
    may_push = can(request.user, "disability_aid.prevention.push")
    report = None
    if request.method == "POST":
        require(request.user, "disability_aid.prevention.push")
        if form.is_valid():
            try:
                report = services.push_injuries(form.cleaned_data["until"], since=form.cleaned_data["since"],
                                                actor=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
    pushes = queries.visible_injuries(request.user)
    source = request.GET.get("source", "")
    if source in InjurySource.values:
        pushes = pushes.filter(source=source)
    listing = ListPage(request, pushes, columns=[
        Column("source", _("事故类别"), sort="source"), Column("record", _("记录编号"), sort="record_id"),
        Column("assessed", _("鉴定日期"), sort="assessed_on"), Column("grade", _("等级"), sort="grade"),
        Column("group", _("企业或地点"), sort="group"), Column("cause", _("致伤原因"), sort="cause"),
        Column("case", _("工单"))], default_sort=["-pushed_on", "group"])
    if listing.wants_export:
        header = [_("事故类别"), _("记录编号"), _("人员编码"), _("鉴定日期"), _("等级"), _("企业或地点"), _("致伤原因"),
                  _("推送日期"), _("工单编号"), _("工单状态")]
        rows = ([p.get_source_display(), p.record_id, p.person_key, p.assessed_on, p.grade, p.group, p.cause,
                 p.pushed_on, p.case.number if p.case else "", p.case.state if p.case else ""]
                for p in listing.queryset.iterator(chunk_size=2000))
        return export_xlsx(request, what="disability_aid.injuries", title=_("致残事故推送"), header=header, rows=rows)
    return render(request, "disability_aid/injury_list.html", {
        "form": form, "listing": listing, "may_push": may_push, "report": report, "source": source,
        "sources": InjurySource.choices}, status=400 if form.errors else 200)


# --- the person's own page: wish to work, interest in a vacancy, training -------------------------------------------

def own_person_or_404(request) -> Person:
    return queries.own_person(request.user)


@login_required
@require_POST
def my_seeker(request):
    from ..forms import SeekerForm

    person = own_person_or_404(request)
    form = SeekerForm(request.POST)
    if form.is_valid():
        try:
            if request.POST.get("withdraw") and hasattr(person, "seeker"):
                services.withdraw_seeker(person.seeker, actor=request.user)
            else:
                services.register_seeker(person, actor=request.user, **form.cleaned_data)
            return redirect("disability_aid:my_profile")
        except ValidationError as exc:
            add_service_errors(form, exc)
    from . import render_my_profile

    return render_my_profile(request, person, seeker_form=form, status=400)


@login_required
@require_POST
def my_interest(request, pk: int):
    person = own_person_or_404(request)
    seeker = getattr(person, "seeker", None) if hasattr(person, "seeker") else None
    posting = get_object_or_404(queries.visible_postings_for_people(), pk=pk)
    if seeker is None:
        from django.http import Http404

        raise Http404
    try:
        services.recommend(seeker, posting, actor=request.user, interested=True)
    except ValidationError as exc:
        from . import render_my_profile

        return render_my_profile(request, person, job_errors=exc.messages, status=400)
    return redirect("disability_aid:my_profile")


@login_required
@require_POST
def my_enrol(request, pk: int):
    person = own_person_or_404(request)
    course = get_object_or_404(queries.open_courses(), pk=pk)
    try:
        services.enrol(course, person, actor=request.user)
    except ValidationError as exc:
        from . import render_my_profile

        return render_my_profile(request, person, job_errors=exc.messages, status=400)
    return redirect("disability_aid:my_profile")

