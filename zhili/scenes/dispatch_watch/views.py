"""Pages of the 劳务派遣监管 scene.

Officers: agencies (list, export, register, detail with licence actions and credit grade), annual reports
(list, export, verify, publish), host employers and their warnings (run the checks), special working hours,
the cockpit. An agency's 填报员: the phone-first portal (workers by form or spreadsheet, the annual report).
Enterprises: special working-hours applications. The public: the published verification results.
"""

import datetime as dt
from collections import Counter

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.dashboards.api import cockpit_views, count_cell, table_result
from zhili.core.foundation.api import SpreadsheetRejected, XlsxWriter, add_service_errors, check_upload_size, iter_rows
from zhili.core.identity.api import can, require
from zhili.core.indicators.api import Level

from . import queries, services
from .choices import CreditGrade, HoursStatus, LicenceStatus, ReportStatus, Verdict
from .forms import (
    AgencyForm,
    GradeForm,
    HoursForm,
    LicenceChangeForm,
    ReportForm,
    UploadForm,
    VerifyForm,
    WorkerForm,
)
from .models import Agency
from .permissions import employer_org_ids
from .services.credit import rating_for


def _page(request, items, size=50):
    return Paginator(items, size).get_page(request.GET.get("page"))


def _errors(exc: ValidationError) -> list[str]:
    return [m for ms in exc.message_dict.values() for m in ms] if hasattr(exc, "error_dict") else exc.messages


# ---- agencies ------------------------------------------------------------------------------------------------

def _agency_filters(request) -> dict:
    return {"q": request.GET.get("q", "").strip()[:50], "status": request.GET.get("status", ""),
            "grade": request.GET.get("grade", ""), "region": request.GET.get("region", "").strip()[:12]}


@login_required
def agency_list(request):
    require(request.user, "dispatch_watch.agency.manage")
    filters = _agency_filters(request)
    return render(request, "dispatch_watch/agency_list.html", {
        "page": _page(request, queries.agency_list(request.user, **filters)), "filters": filters,
        "statuses": list(LicenceStatus), "grades": list(CreditGrade), "query": request.GET.urlencode(),
        "credit_year": timezone.localdate().year - 1,
        "messages": request.session.pop("dispatch_watch_messages", [])})


@login_required
def agency_export(request):
    require(request.user, "dispatch_watch.agency.manage")
    writer = XlsxWriter()
    sheet = writer.add_sheet(_("劳务派遣单位"), header=[
        _("许可证编号"), _("单位名称"), _("统一社会信用代码"), _("所在区划"), _("许可状态"), _("有效期至"),
        _("注册资本（元）"), _("在派人数"), _("信用等级")])
    for a in queries.agency_list(request.user, **_agency_filters(request)).iterator(chunk_size=2000):
        sheet.append([a.licence_no, a.name, a.uscc, a.region.name, str(LicenceStatus(a.licence_status).label),
                      a.licence_expires_on.isoformat(), float(a.registered_capital), a.active_workers,
                      a.credit_grade])
    return writer.response("dispatch_watch_agencies.xlsx")


@login_required
def agency_new(request):
    require(request.user, "dispatch_watch.agency.manage")
    form = AgencyForm(request.POST or None)
    region = request.user.memberships.filter(is_active=True, region__isnull=False).first()
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.register_agency(region=region.region if region else None, actor=request.user,
                                              **form.cleaned_data)
            return redirect("dispatch_watch:agency_detail", pk=agency.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "dispatch_watch/agency_new.html", {"form": form})


@login_required
def agency_detail(request, pk: int):
    agency = queries.agency_for(request.user, pk)
    from zhili.core.foundation.api import audit

    return render(request, "dispatch_watch/agency_detail.html", {
        "agency": agency, "licence": queries.licence_state(agency, timezone.localdate()),
        "workers": _page(request, queries.workers_of(agency)), "reports": agency.reports.order_by("-year"),
        "may_manage": can(request.user, "dispatch_watch.agency.manage", agency),
        "grade_form": GradeForm(initial={"year": timezone.localdate().year}),
        "history": audit.entries_for(agency).order_by("-id")[:20], "rating": rating_for(agency),
        "changes": agency.changes.order_by("-id")[:10],
        "errors": request.session.pop("dispatch_watch_errors", [])})


@login_required
@require_POST
def agency_action(request, pk: int, action: str):
    agency = queries.agency_for(request.user, pk)
    try:
        if action == "renew":
            services.renew_licence(agency, applied_on=timezone.localdate(), actor=request.user)
        elif action == "cancel":
            services.cancel_licence(agency, revoked=request.POST.get("revoked") == "1",
                                    reason=request.POST.get("reason", ""), actor=request.user)
        elif action == "change":
            change = get_object_or_404(agency.changes, pk=request.POST.get("change") or 0)
            services.decide_licence_change(change, approve=request.POST.get("decision") == "approve",
                                           reason=request.POST.get("reason", ""), actor=request.user)
        elif action == "grade":
            services.set_credit_grade(agency, grade=request.POST.get("grade", ""),
                                      year=request.POST.get("year") or timezone.localdate().year, actor=request.user)
        else:
            raise Http404
    except ValidationError as exc:
        request.session["dispatch_watch_errors"] = _errors(exc)
    return redirect("dispatch_watch:agency_detail", pk=agency.pk)


@login_required
@require_POST
def credit_compute(request):
    """Compute the year's credit grades of the agencies in the officer's area."""
    require(request.user, "dispatch_watch.agency.manage")
    membership = request.user.memberships.filter(is_active=True, region__isnull=False).first()
    if membership is None:
        raise Http404
    year = request.POST.get("year", "")
    try:
        ratings = services.grade_agencies(int(year) if year.isdigit() else 0, region=membership.region,
                                          actor=request.user)
        request.session["dispatch_watch_messages"] = [
            _("已评价 {n} 家派遣单位的 {year} 年度信用等级").format(n=len(ratings), year=year)]
    except ValidationError as exc:
        request.session["dispatch_watch_messages"] = _errors(exc)
    return redirect(f"{_url('dispatch_watch:agency_list')}?year={year}")


# ---- the agency's portal -------------------------------------------------------------------------------------

@login_required
def portal(request):
    """The agency 填报员's page (phone-first): their agency, its workers, the report form."""
    agencies = list(queries.visible_agencies(request.user).filter(organization_id__in=_own_orgs(request.user)))
    if not agencies:
        raise PermissionDenied(_("您不是劳务派遣单位的填报员"))
    agency = agencies[0]
    worker_form = WorkerForm(request.POST if request.POST.get("form") == "worker" else None, prefix="w")
    report_form = ReportForm(request.POST if request.POST.get("form") == "report" else None, prefix="r",
                             initial={"year": timezone.localdate().year - 1})
    upload_form = UploadForm()
    change_form = LicenceChangeForm(request.POST if request.POST.get("form") == "change" else None, prefix="c")
    messages = []
    if request.method == "POST":
        try:
            if request.POST.get("form") == "change" and change_form.is_valid():
                services.request_licence_change(agency, actor=request.user, **change_form.cleaned_data)
                return redirect("dispatch_watch:portal")
            if request.POST.get("form") == "worker" and worker_form.is_valid():
                services.record_worker(agency, worker_form.cleaned_data, actor=request.user)
                return redirect("dispatch_watch:portal")
            if request.POST.get("form") == "report" and report_form.is_valid():
                data = dict(report_form.cleaned_data)
                services.submit_report(agency, year=data.pop("year"), data=data, actor=request.user)
                return redirect("dispatch_watch:portal")
            if request.POST.get("form") == "upload":
                upload_form = UploadForm(request.POST, request.FILES)
                if upload_form.is_valid():
                    result = _import(agency, upload_form.cleaned_data["file"], request.user)
                    messages.append(_("已导入 {n} 名被派遣劳动者").format(n=result["recorded"]))
        except ValidationError as exc:
            form = {"worker": worker_form, "change": change_form}.get(request.POST.get("form"), report_form)
            if request.POST.get("form") == "upload":
                messages.extend(_errors(exc))
            else:
                add_service_errors(form, exc)
    return render(request, "dispatch_watch/portal.html", {
        "agency": agency, "licence": queries.licence_state(agency, timezone.localdate()),
        "workers": _page(request, queries.workers_of(agency), 20), "reports": agency.reports.order_by("-year"),
        "rating": rating_for(agency), "worker_form": worker_form, "change_form": change_form,
        "changes": agency.changes.order_by("-id")[:10], "report_form": report_form, "upload_form": upload_form, "messages": messages})


def _own_orgs(user):
    from .permissions import agency_org_ids

    return agency_org_ids(user)


def _import(agency: Agency, uploaded, user) -> dict:
    try:
        check_upload_size(uploaded)
        rows = iter_rows(uploaded.read(), uploaded.name)
        header = [str(h or "").strip() for h in next(rows)]
        data = [dict(zip(header, row, strict=False)) for row in rows]
    except (SpreadsheetRejected, StopIteration) as exc:
        raise ValidationError({"file": str(exc) or _("文件中没有数据")}) from None
    return services.import_workers(agency, data, actor=user)


# ---- annual reports ------------------------------------------------------------------------------------------

def _report_filters(request) -> dict:
    year = request.GET.get("year", "")
    return {"year": year if year.isdigit() else "", "verdict": request.GET.get("verdict", ""),
            "status": request.GET.get("status", "")}


@login_required
def report_list(request):
    require(request.user, "dispatch_watch.agency.manage")
    filters = _report_filters(request)
    reports = queries.report_list(request.user, **filters)
    return render(request, "dispatch_watch/report_list.html", {
        "page": _page(request, reports), "filters": filters, "verdicts": list(Verdict),
        "statuses": list(ReportStatus), "counts": [(Verdict(v), n) for v, n in queries.verdict_counts(reports).items()],
        "query": request.GET.urlencode(), "year": timezone.localdate().year - 1})


@login_required
def report_export(request):
    require(request.user, "dispatch_watch.agency.manage")
    writer = XlsxWriter()
    sheet = writer.add_sheet(_("年度报告核验"), header=[
        _("单位名称"), _("许可证编号"), _("报告年度"), _("提交日期"), _("被派遣劳动者人数"), _("系统建议"), _("核验结论"),
        _("结论理由"), _("已公示")])
    for r in queries.report_list(request.user, **_report_filters(request)).iterator(chunk_size=2000):
        sheet.append([r.agency.name, r.agency.licence_no, r.year, r.submitted_on.isoformat(), r.dispatched_total,
                      r.get_suggested_display(), r.get_verdict_display(), r.reasons, _("是") if r.published else _("否")])
    return writer.response("dispatch_watch_reports.xlsx")


@login_required
def report_detail(request, pk: int):
    report = queries.report_for(request.user, pk)
    may_verify = can(request.user, "dispatch_watch.report.verify", report) and report.status == ReportStatus.SUBMITTED
    form = VerifyForm(request.POST or None, initial={"verdict": report.suggested})
    if request.method == "POST":
        if not may_verify:
            raise Http404
        if form.is_valid():
            try:
                services.verify_report(report, actor=request.user, **form.cleaned_data)
                return redirect("dispatch_watch:report_detail", pk=report.pk)
            except ValidationError as exc:
                add_service_errors(form, exc)
    return render(request, "dispatch_watch/report_detail.html",
                  {"report": report, "form": form, "may_verify": may_verify})


@login_required
@require_POST
def report_publish(request):
    require(request.user, "dispatch_watch.agency.manage")
    membership = request.user.memberships.filter(is_active=True, region__isnull=False).first()
    if membership is None:
        raise Http404
    year = int(request.POST.get("year") or timezone.localdate().year - 1)
    services.publish_results(year, region=membership.region, actor=request.user)
    return redirect(f"{_url('dispatch_watch:report_list')}?year={year}")


def _url(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


def public_results(request, year: int):
    """The published verification results and credit grades (公示): no login, no personal data."""
    return render(request, "dispatch_watch/public_results.html",
                  {"year": year, "reports": queries.published_results(year)})


# ---- host employers, checks and warnings ---------------------------------------------------------------------

@login_required
def host_list(request):
    require(request.user, "dispatch_watch.host.view")
    level = request.GET.get("level", "")
    return render(request, "dispatch_watch/host_list.html", {
        "warnings": _page(request, queries.visible_warnings(request.user, level=level if level in Level.values else "")),
        "levels": [Level(v) for v in (Level.YELLOW, Level.ORANGE, Level.RED)], "level": level,
        "may_run": can(request.user, "dispatch_watch.checks.run", None),
        "period_end": _last_month_end(timezone.localdate()),
        "errors": request.session.pop("dispatch_watch_errors", [])})


def _last_month_end(day: dt.date) -> dt.date:
    return day.replace(day=1) - dt.timedelta(days=1)


@login_required
@require_POST
def run_checks(request):
    from .services.checks import run_host_checks

    require(request.user, "dispatch_watch.checks.run", None)
    try:
        day = dt.date.fromisoformat(request.POST.get("period_end", ""))
        run_host_checks(day, actor=request.user)
    except (ValueError, ValidationError) as exc:
        request.session["dispatch_watch_errors"] = _errors(exc) if isinstance(exc, ValidationError) else [
            _("核查月末日期格式不正确")]
    return redirect("dispatch_watch:host_list")


@login_required
def host_detail(request, pk: int):
    host = queries.host_for(request.user, pk)
    return render(request, "dispatch_watch/host_detail.html", {
        "host": host, "warnings": host.warnings.select_related("case").order_by("-created_at")[:20],
        "workers": _page(request, host.workers.select_related("agency__organization"))})


# ---- special working hours -----------------------------------------------------------------------------------

@login_required
def hours_list(request):
    require(request.user, "dispatch_watch.hours.view")
    organizations = employer_org_ids(request.user)
    form = HoursForm(request.POST or None) if organizations else None
    if request.method == "POST" and form is not None and form.is_valid():
        from zhili.core.orgs.api import Organization

        organization = get_object_or_404(Organization, pk=sorted(organizations)[0])
        try:
            services.apply_special_hours(organization, actor=request.user, **form.cleaned_data)
            return redirect("dispatch_watch:hours_list")
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "dispatch_watch/hours_list.html", {
        "page": _page(request, queries.visible_approvals(request.user)), "form": form})


@login_required
def hours_detail(request, pk: int):
    approval = queries.approval_for(request.user, pk)
    may_decide = can(request.user, "dispatch_watch.hours.decide", approval) and approval.status == HoursStatus.SUBMITTED
    errors = []
    if request.method == "POST":
        if not may_decide:
            raise Http404
        try:
            services.decide_special_hours(approval, approve=request.POST.get("decision") == "approve",
                                          note=request.POST.get("note", ""), actor=request.user)
            return redirect("dispatch_watch:hours_detail", pk=approval.pk)
        except ValidationError as exc:
            errors = _errors(exc)
    return render(request, "dispatch_watch/hours_detail.html",
                  {"approval": approval, "may_decide": may_decide, "errors": errors})


@login_required
def hours_pdf(request, pk: int):
    """The sealed decision document; verifiable at core.esign's verification page."""
    approval = queries.approval_for(request.user, pk)
    if not approval.decision_pdf:
        raise Http404(_("尚未作出决定"))
    response = HttpResponse(bytes(approval.decision_pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="special-hours-decision-{approval.pk}.pdf"'
    return response


# ---- cockpit -------------------------------------------------------------------------------------------------

def _analyses(user, region: str = "", grade: str = "") -> dict:
    """The cockpit's figures for the officer's area, or one place (``region``), or the agencies of one credit
    grade (``grade``, "-" for those not yet graded) and their workers."""
    today = timezone.localdate()
    agencies = queries.agency_list(user, region=region, grade=grade)
    by_town: dict = {}
    for a in agencies:
        by_town.setdefault((a.region.code, a.region.name), {g: 0 for g in ["", *CreditGrade.values]})
        by_town[(a.region.code, a.region.name)][a.credit_grade] += 1
    grades = ["", *CreditGrade.values]
    town_rows = [[name, *[count_cell(counts[g]) for g in grades]] for (_code, name), counts in sorted(by_town.items())]
    drill = [{"region": code} for code, _name in sorted(by_town)]
    roster = queries.roster_breakdown(user, today, region=region, grade=grade)
    reports = queries.report_list(user, year=str(today.year - 1)).filter(agency__in=agencies.values("pk"))
    verdicts = queries.verdict_counts(reports)

    def pie(code, title, counts, labels=None):
        rows = [[str((labels or {}).get(k, k) or _("未知")), count_cell(v)] for k, v in sorted(counts.items())]
        return table_result(code, title, [_("类别"), _("人数")], rows, chart="pie")

    from .choices import InsuranceStatus

    return {
        "kpi": table_result("kpi", _("总体情况"), [_("指标"), _("数值")], [
            [_("派遣单位"), count_cell(agencies.count())],
            [_("许可有效"), count_cell(agencies.filter(licence_status=LicenceStatus.VALID).count())],
            [_("在派被派遣劳动者"), count_cell(roster["total"])],
            [_("上年度报告已核验"), count_cell(sum(verdicts.values()))],
            [_("用工单位预警"), count_cell(queries.visible_warnings(user).count())]], chart="kpi"),
        "towns": table_result("towns", _("派遣单位分布（按区划、信用等级）"),
                              [_("区划"), *[str(CreditGrade(g).label) if g else _("未评级") for g in grades]],
                              town_rows, chart="bar", drill=drill),
        "nature": pie("nature", _("岗位性质"), roster["nature"]),
        "ages": pie("ages", _("年龄结构"), roster["ages"]),
        "place": pie("place", _("工作地"), roster["place"]),
        "industry": pie("industry", _("用工单位行业"), roster["industry"]),
        "insurance": pie("insurance", _("参保情况"), roster["insurance"],
                         {k: str(InsuranceStatus(k).label) for k in InsuranceStatus.values}),
        "credit": pie("credit", _("信用等级"), Counter(agencies.values_list("credit_grade", flat=True)),
                      {g: str(CreditGrade(g).label) for g in CreditGrade.values}),
        "verdicts": table_result("verdicts", _("上年度报告核验结论"), [_("结论"), _("单位数")],
                                 [[str(Verdict(v).label), count_cell(n)] for v, n in verdicts.items()], chart="pie"),
    }


COCKPIT_CODE = "dispatch_watch.overview"


def _cockpit_filters(request) -> list[dict]:
    return [
        {"name": "region", "label": _("区划代码"), "type": "hidden", "options": [],
         "value": request.GET.get("region", "")},
        {"name": "grade", "label": _("信用等级"), "type": "select",
         "options": [("", _("全部")), *[(g.value, str(g.label)) for g in CreditGrade], ("-", _("未评级"))],
         "value": request.GET.get("grade", "")}]


cockpit, cockpit_data, cockpit_export = cockpit_views(
    COCKPIT_CODE, permission="dispatch_watch.cockpit.view", filters=_cockpit_filters,
    analyses=lambda request: _analyses(request.user, request.GET.get("region", "").strip()[:12],
                                       request.GET.get("grade", "")[:2]))

