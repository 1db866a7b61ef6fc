"""Pages of the 智慧助残 scene: the worker's phone queue and case page, the clerk's lists, the cockpit."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.dashboards.api import cockpit_views, count_cell, table_result, value_cell
from zhili.core.foundation.api import XLSX_CONTENT_TYPE, add_service_errors
from zhili.core.identity.api import can, require
from zhili.core.ui.api import Column, ListPage, export_xlsx

from .. import queries, services
from ..choices import Category, Grade, Source, SuspectStatus
from ..forms import (
    ApplicationForm,
    AssessmentForm,
    EmploymentRecordForm,
    RunForm,
    SatisfactionForm,
    ServiceForm,
    SuspectFilterForm,
    VisitForm,
)

SUSPECT_COLUMNS = [
    Column("person", _("人员编码"), sort="person__key"), Column("region", _("乡镇（街道）"), sort="person__region__code"),
    Column("found", _("发现日期"), sort="found_on"), Column("sources", _("线索来源")),
    Column("status", _("状态"), sort="status"),
]


@login_required
def visit_list(request):
    """The village disability worker's phone page: cases to visit, then to apply for."""
    require(request.user, "disability_aid.suspect.view")
    return render(request, "disability_aid/visit_list.html", {"suspects": queries.worker_queue(request.user)})


def _detail_context(request, suspect, **forms):
    application = getattr(suspect, "application", None) if hasattr(suspect, "application") else None
    visit = getattr(suspect, "visit", None) if hasattr(suspect, "visit") else None
    certificate = getattr(application, "certificate", None) if application and hasattr(application, "certificate") \
        else None
    may_handle = can(request.user, "disability_aid.suspect.handle", suspect)
    if suspect.person.id_number:
        services.log_person_read(suspect.person, actor=request.user, what="suspect_detail")
    evidence = [{**e, "source_label": Source(e["source"]).label} for e in suspect.evidence]
    context = {
        "suspect": suspect, "person": suspect.person, "evidence": evidence, "visit": visit,
        "application": application, "certificate": certificate,
        "may_visit": may_handle and suspect.status == SuspectStatus.DETECTED,
        "may_apply": may_handle and suspect.status == SuspectStatus.VISITED,
        "may_assess": bool(application) and application.status == "booked"
        and can(request.user, "disability_aid.application.assess", application),
        "may_issue": bool(application) and application.status == "assessed" and certificate is None
        and can(request.user, "disability_aid.certificate.issue", application),
        "visit_form": VisitForm(), "application_form": ApplicationForm(
            initial={"category": visit.observed_category if visit else ""}),
        "assessment_form": AssessmentForm(initial={"category": application.category if application else ""}),
    }
    context.update(forms)
    return context


@login_required
def suspect_detail(request, pk: int):
    suspect = queries.suspect_for(request.user, pk)
    return render(request, "disability_aid/suspect_detail.html", _detail_context(request, suspect))


def _post(request, suspect, form, form_name, call):
    if form.is_valid():
        try:
            call(form.cleaned_data)
            return redirect("disability_aid:suspect_detail", pk=suspect.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    suspect = queries.suspect_for(request.user, suspect.pk)
    return render(request, "disability_aid/suspect_detail.html",
                  _detail_context(request, suspect, **{form_name: form}), status=400)


@login_required
@require_POST
def suspect_visit(request, pk: int):
    suspect = queries.suspect_for(request.user, pk)
    return _post(request, suspect, VisitForm(request.POST), "visit_form",
                 lambda data: services.record_visit(suspect, actor=request.user, **data))


@login_required
@require_POST
def suspect_apply(request, pk: int):
    suspect = queries.suspect_for(request.user, pk)
    return _post(request, suspect, ApplicationForm(request.POST), "application_form",
                 lambda data: services.prepare_application(suspect, actor=request.user, **data))


@login_required
@require_POST
def application_assess(request, pk: int):
    application = queries.application_for(request.user, pk)
    return _post(request, application.suspect, AssessmentForm(request.POST), "assessment_form",
                 lambda data: services.record_assessment(application, actor=request.user, **data))


@login_required
@require_POST
def application_issue(request, pk: int):
    application = queries.application_for(request.user, pk)
    try:
        services.issue_certificate(application, actor=request.user)
    except ValidationError as exc:
        suspect = queries.suspect_for(request.user, application.suspect_id)
        context = _detail_context(request, suspect)
        context["issue_errors"] = exc.messages
        return render(request, "disability_aid/suspect_detail.html", context, status=400)
    return redirect("disability_aid:suspect_detail", pk=application.suspect_id)


@login_required
def suspect_list(request):
    """The clerk's list of suspected cases with filters, pages and an Excel export."""
    require(request.user, "disability_aid.suspect.view")
    suspects = queries.visible_suspects(request.user)
    board = [(SuspectStatus(s), n) for s, n in queries.status_counts(suspects).items()]
    form = SuspectFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("status"):
        suspects = suspects.filter(status=filters["status"])
    if filters.get("source"):
        suspects = suspects.filter(sources__contains=filters["source"])
    if filters.get("found_from"):
        suspects = suspects.filter(found_on__gte=filters["found_from"])
    if filters.get("found_to"):
        suspects = suspects.filter(found_on__lte=filters["found_to"])
    if filters.get("q"):
        suspects = suspects.filter(person__key__icontains=filters["q"].strip())
    listing = ListPage(request, suspects, columns=SUSPECT_COLUMNS, default_sort="-found_on")
    if listing.wants_export:
        header = [_("人员编码"), _("乡镇（街道）"), _("发现日期"), _("线索来源"), _("线索条数"), _("状态"), _("专职委员")]
        rows = ([s.person.key, s.person.region.name, s.found_on, _sources_label(s.sources), len(s.evidence),
                 s.get_status_display(), s.worker.name if s.worker else ""]
                for s in listing.queryset.iterator(chunk_size=2000))
        return export_xlsx(request, what="disability_aid.suspects", title=_("疑似残疾线索"), header=header, rows=rows,
                           filters={k: str(v) for k, v in filters.items() if v})
    rows = [(s, _sources_label(s.sources)) for s in listing.page]
    return render(request, "disability_aid/suspect_list.html",
                  {"form": form, "listing": listing, "rows": rows, "board": board})


def _sources_label(sources: str) -> str:
    return "、".join(str(Source(s).label) for s in sources.split(",") if s in Source.values)


@login_required
def certificate_list(request):
    require(request.user, "disability_aid.certificate.view")
    certificates = queries.visible_certificates(request.user)
    listing = ListPage(request, certificates, columns=[
        Column("person", _("人员编码"), sort="person__key"), Column("category", _("残疾类别"), sort="category"),
        Column("grade", _("残疾等级"), sort="grade"), Column("issued", _("发证日期"), sort="issued_on"),
        Column("status", _("状态"), sort="status")], default_sort="-issued_on")
    if listing.wants_export:
        header = [_("人员编码"), _("残疾人证号"), _("残疾类别"), _("残疾等级"), _("发证日期"), _("主动感知发现"), _("状态")]
        rows = ([c.person.key, c.masked_number, c.get_category_display(), c.get_grade_display(), c.issued_on,
                 _("是") if c.found_by_detection else _("否"), c.get_status_display()]
                for c in listing.queryset.iterator(chunk_size=2000))
        return export_xlsx(request, what="disability_aid.certificates", title=_("残疾人证"), header=header, rows=rows)
    return render(request, "disability_aid/certificate_list.html", {"listing": listing})


def _analyses(user) -> dict:
    suspects = queries.visible_suspects(user)
    funnel = queries.conversion(suspects)
    labels = {"detected": _("主动发现"), "visited": _("入户核查"), "applied": _("申请评残"), "assessed": _("完成评定"),
              "certified": _("发证")}
    certificates = queries.visible_certificates(user)
    by_category = queries.certificate_counts(certificates, "category")
    by_grade = queries.certificate_counts(certificates, "grade")
    runs = list(queries.visible_runs(user).filter(status="approved").order_by("month")[:24])
    return {
        "subsidies": table_result("subsidies", _("两项补贴发放（已复核）"),
                                  [_("月份"), _("发放人数"), _("生活补贴（元）"), _("护理补贴（元）")],
                                  [[f"{r.month:%Y-%m}", count_cell(r.recipients), float(r.living_total),
                                    float(r.nursing_total)] for r in runs], chart="bar", series_columns=[2, 3]),
        "conversion": table_result("conversion", _("主动发现到发证"), [_("环节"), _("人数")],
                                   [[str(labels[k]), count_cell(v)] for k, v in funnel.items()], chart="bar"),
        "category": table_result("category", _("持证残疾人按类别"), [_("类别"), _("人数")],
                                 [[str(c.label), count_cell(by_category.get(c.value, 0))] for c in Category],
                                 chart="pie"),
        "grade": table_result("grade", _("持证残疾人按等级"), [_("等级"), _("人数")],
                              [[str(g.label), count_cell(by_grade.get(g.value, 0))] for g in Grade], chart="bar"),
        **_employment_analyses(user),
    }


def _employment_analyses(user) -> dict:
    from ..choices import EmploymentForm, InjurySource, QuotaStatus, SeekerStatus

    figures = queries.employment_figures(user)
    seekers, hires, quota = figures["seekers"], figures["hires"], figures["quota"]
    accidents = queries.injury_counts(user)["by_cause"].most_common(12)
    rows = [[str(s.label), count_cell(seekers.get(s.value, 0))] for s in SeekerStatus]
    rows += [[_("经推荐录用：{form}").format(form=f.label), count_cell(hires.get(f.value, 0))] for f in EmploymentForm
             if hires.get(f.value)]
    return {
        "employment": table_result("employment", _("残疾人就业"), [_("项目"), _("人数")], rows, chart="bar"),
        "quota": table_result(
            "quota", _("按比例就业年审与保障金"), [_("结论"), _("单位数"), _("应缴保障金（元）")],
            [[str(s.label), value_cell(quota.get(s.value, (0, 0))[0]),
              value_cell(float(quota.get(s.value, (0, 0))[1] or 0), digits=2)] for s in QuotaStatus],
            chart="table", note=_("各年度合计；计征参数及其依据见年审页面")),
        "accidents": table_result(
            "accidents", _("致残事故按原因"), [_("原因或地点"), _("起数")],
            [[f"{InjurySource(source).label} · {cause or _('未载明')}", count_cell(n)]
             for (source, cause), n in accidents], chart="hbar"),
    }


# The cockpit page, its JSON data and the XLSX export of one analysis (core.dashboards.cockpit_views).
cockpit, cockpit_data, cockpit_export = cockpit_views(
    "disability_aid.overview", permission="disability_aid.cockpit.view", analyses=lambda request: _analyses(request.user))


# ---------------------------------------------------------------- the two subsidies' monthly payment run

@login_required
def run_list(request):
    """Monthly payment runs; a clerk prepares the month's run here."""
    require(request.user, "disability_aid.payment.view")
    form = RunForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "disability_aid.payment.prepare")
        if form.is_valid():
            try:
                run = services.prepare_payment_run(form.cleaned_data["month"], actor=request.user)
                return redirect("disability_aid:run_detail", pk=run.pk)
            except ValidationError as exc:
                add_service_errors(form, exc)
    listing = ListPage(request, queries.visible_runs(request.user), columns=[
        Column("month", _("发放月份"), sort="month"), Column("recipients", _("发放人数"), sort="recipients"),
        Column("total", _("合计（元）"), sort="total"), Column("status", _("状态"), sort="status")],
        default_sort="-month")
    return render(request, "disability_aid/run_list.html", {
        "form": form, "listing": listing,
        "may_prepare": can(request.user, "disability_aid.payment.prepare")}, status=400 if form.errors else 200)


@login_required
def run_detail(request, pk: int):
    run = queries.run_for(request.user, pk)
    lines = ListPage(request, run.lines.select_related("person__region"), columns=[
        Column("person", _("人员编码"), sort="person__key"), Column("total", _("小计（元）"), sort="total")],
        default_sort="person", per_page=50)
    if lines.wants_export:
        return xlsx_file(services.payment_xlsx(run), f"残疾人两项补贴发放_{run.month:%Y-%m}.xlsx")
    may_approve = (run.status == "prepared" and run.prepared_by_id != request.user.pk
                   and can(request.user, "disability_aid.payment.approve", run))
    may_review = (run.status == "first_approved" and request.user.pk not in (run.prepared_by_id, run.first_approver_id)
                  and can(request.user, "disability_aid.payment.review", run))
    return render(request, "disability_aid/run_detail.html", {
        "run": run, "lines": lines, "may_approve": may_approve, "may_review": may_review,
        "recoveries": queries.recoveries_for_run(run), "approve_errors": request.session.pop("da_run_errors", None)})


@login_required
@require_POST
def run_approve(request, pk: int):
    run = queries.run_for(request.user, pk)
    try:
        services.approve_payment_run(run, actor=request.user)
    except ValidationError as exc:
        request.session["da_run_errors"] = exc.messages
    return redirect("disability_aid:run_detail", pk=run.pk)


@login_required
def run_file(request, pk: int):
    """The approved run's payment file (CSV, the file whose digest was approved)."""
    run = queries.run_for(request.user, pk)
    try:
        content = services.payment_csv(run)
    except ValidationError as exc:
        raise Http404("；".join(exc.messages)) from None
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="disability_subsidies_{run.month:%Y-%m}.csv"'
    return response


def xlsx_file(content: bytes, file_name: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(file_name)}"
    return response


def _profile_context(request, person, **forms):
    context = queries.profile(person)
    may_serve = can(request.user, "disability_aid.person.serve", person)
    context.update({"may_serve": may_serve, "service_form": ServiceForm(),
                    "employment_form": EmploymentRecordForm()}, **forms)
    return context


@login_required
def person_detail(request, pk: int):
    """The officer's profile page (一人一档): masked identity; each opening is written to the access log."""
    person = queries.person_for(request.user, pk)
    services.log_person_read(person, actor=request.user, what="profile")
    return render(request, "disability_aid/person_detail.html", _profile_context(request, person))


def _profile_post(request, pk, form, form_name, call):
    person = queries.person_for(request.user, pk)
    if form.is_valid():
        try:
            call(person, form.cleaned_data)
            return redirect("disability_aid:person_detail", pk=person.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "disability_aid/person_detail.html",
                  _profile_context(request, person, **{form_name: form}), status=400)


@login_required
@require_POST
def person_service(request, pk: int):
    return _profile_post(request, pk, ServiceForm(request.POST), "service_form",
                         lambda person, data: services.record_service(person, actor=request.user, **data))


@login_required
@require_POST
def person_employment(request, pk: int):
    return _profile_post(request, pk, EmploymentRecordForm(request.POST), "employment_form",
                         lambda person, data: services.record_employment(person, actor=request.user, **data))


def render_my_profile(request, person, *, status: int = 200, **extra):
    """The person's own page with their employment section (求职登记, vacancies that suit them, training)."""
    from ..forms import SeekerForm

    seeker = getattr(person, "seeker", None) if hasattr(person, "seeker") else None
    initial = ({"skills": seeker.skills, "wishes": seeker.wishes, "full_time": seeker.full_time,
                "max_distance_km": seeker.max_distance_km} if seeker else {})
    context = {**queries.profile(person), **queries.jobs_for_person(person), "satisfaction_form": SatisfactionForm(),
               "seeker_form": SeekerForm(initial=initial)}
    context.update(extra)
    return render(request, "disability_aid/my_profile.html", context, status=status)


@login_required
def my_profile(request):
    """The person's own page on a phone: certificate, subsidies paid, services, work and training, and the 笑脸
    mark to give."""
    try:
        person = queries.own_person(request.user)
    except Http404:
        return render(request, "disability_aid/my_profile.html", {"person": None})
    if request.method == "POST":
        form = SatisfactionForm(request.POST)
        if form.is_valid():
            try:
                services.give_satisfaction(person, actor=request.user, **form.cleaned_data)
                return redirect("disability_aid:my_profile")
            except ValidationError as exc:
                add_service_errors(form, exc)
        return render_my_profile(request, person, satisfaction_form=form, status=400)
    return render_my_profile(request, person)
