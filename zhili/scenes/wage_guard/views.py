"""Pages of the 安薪在线 scene: projects, wage sheets and payment files (governance side), the worker's wages on a
phone, and the cockpit. Every page checks who may see what; anything else is "not found"."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from zhili.core.dashboards.api import cockpit_views, count_cell, table_result, xlsx_response
from zhili.core.foundation.api import audit, check_upload_size
from zhili.core.identity.api import can, require
from zhili.core.ui.api import Column, ListPage, export_xlsx

from . import queries, services
from .choices import FindingKind, LineStatus, ProjectStatus
from .forms import (
    DepositLodgeForm,
    FindingFilterForm,
    LaborCostScheduleForm,
    ProjectFilterForm,
    RosterForm,
    SpecialAccountForm,
)
from .models import Team


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


PROJECT_COLUMNS = [
    Column("name", _l("项目名称"), sort="name"), Column("permit", _l("施工许可证号"), sort="permit_number"),
    Column("region", _l("所在区划"), sort="region__code"), Column("gc", _l("施工总承包单位"),
                                                                 sort="general_contractor__name"),
    Column("sum", _l("合同价款（元）"), sort="contract_sum"), Column("start", _l("开工日期"), sort="start_date"),
    Column("status", _l("状态"), sort="status"),
]


@login_required
def project_list(request):
    """在建项目: the projects the person may see, filtered by state and searched by name or permit number; sorted,
    paged and exported (audited) by core.ui's list page."""
    require(request.user, "wage_guard.project.view")
    form = ProjectFilterForm(request.GET or None)
    projects = queries.visible_projects(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            projects = projects.filter(status=data["status"])
        if data["q"]:
            projects = projects.filter(Q(name__icontains=data["q"]) | Q(permit_number=data["q"]))
    listing = ListPage(request, projects, columns=PROJECT_COLUMNS, default_sort="-start_date", per_page=50)
    if listing.wants_export:
        header = [_("项目名称"), _("施工许可证号"), _("所在区划"), _("建设单位"), _("施工总承包单位"),
                  _("合同价款（元）"), _("开工日期"), _("状态")]
        rows = ([p.name, p.permit_number, p.region.name, p.builder.name, p.general_contractor.name,
                 float(p.contract_sum), p.start_date.isoformat(), str(ProjectStatus(p.status).label)]
                for p in listing.queryset.iterator(chunk_size=2000))
        return export_xlsx(request, what="wage_guard.projects", title=_("在建项目"), header=header, rows=rows,
                           file_name="wage_guard_projects.xlsx")
    return render(request, "wage_guard/project_list.html", {"form": form, "listing": listing})


def _kept_teams(user, project):
    return Team.objects.filter(pk__in=[t.pk for t in project.teams.select_related("subcontract", "project")
                                       if can(user, "wage_guard.team.keep", t)])


@login_required
def project_detail(request, pk: int, refused: dict | None = None):
    """The project page; ``refused`` holds a refused form by its name, shown again with its errors (status 400)."""
    refused = refused or {}
    project = queries.project_for(request.user, pk)
    account = getattr(project, "special_account", None)
    deposit = getattr(project, "deposit", None)
    may_manage = can(request.user, "wage_guard.project.manage", project)
    today = dt.date.today()
    roster = project.roster.select_related("worker", "team").order_by("badge")
    teams = _kept_teams(request.user, project)
    context = {
        "project": project, "account": account, "deposit": deposit,
        "account_layout": _layout_label(account.bank_layout) if account else "",
        "account_entries": account.entries.order_by("-id")[:20] if account else [],
        "instalments": project.instalments.all(), "subcontracts": project.subcontracts.select_related("contractor"),
        "teams": project.teams.all(), "roster": roster[:200], "roster_count": roster.count(),
        "sheets": project.sheets.select_related("team"),
        "history": audit.entries_for(project).order_by("-id")[:30],
        "may_manage": may_manage,
        "may_release": can(request.user, "wage_guard.deposit.release", project),
        "may_credit_report": can(request.user, "wage_guard.credit.report", project.general_contractor),
        "own_rating": _own_rating(request.user, project),
        "roster_form": refused.get("roster") or (RosterForm(teams=teams, initial={"entered_on": today})
                                                 if teams.exists() else None),
        "account_form": refused.get("account") or (SpecialAccountForm(initial={"opened_on": today})
                                                   if may_manage and account is None else None),
        "schedule_form": refused.get("schedule") or (LaborCostScheduleForm() if may_manage and not project.closed_on
                                                     else None),
        "deposit_form": refused.get("deposit") or (DepositLodgeForm(initial={"lodged_on": today})
                                                   if may_manage and deposit is None else None),
        "blockers": services.closure_blockers(project), "notice_ends": services.notice_ends(project),
        "no_contract": project.roster.filter(exited_on__isnull=True, contract_reference="").count(),
        "today": dt.date.today().replace(day=1), "day": dt.date.today(),
    }
    return render(request, "wage_guard/project_detail.html", context, status=400 if refused else 200)


def _layout_label(code: str) -> str:
    from .services.bank_layouts import LAYOUTS

    layout = LAYOUTS.get(code)
    return str(layout.label) if layout else code


def _own_rating(user, project):
    """The GC's latest credit rating, when ``user`` is the one who grants others a query of it (core.sharing)."""
    from .models import CreditRating
    from .sharing import enterprise_owner

    if enterprise_owner(project.general_contractor) != user:
        return None
    return CreditRating.objects.filter(organization=project.general_contractor).order_by("-year").first()


@login_required
@require_POST
def attendance_import(request, pk: int):
    """Upload a 考勤机 export; the report lists each refused line, and nothing is written then."""
    project = queries.project_for(request.user, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("请选择考勤文件"))
        return redirect("wage_guard:project_detail", pk=pk)
    try:
        check_upload_size(upload)
        report = services.import_attendance(project, source=upload.read(), file_name=upload.name, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("wage_guard:project_detail", pk=pk)
    if report.accepted:
        messages.success(request, _("已导入 {n} 条打卡，写入 {d} 个考勤日").format(n=report.punches, d=report.days_written))
        return redirect("wage_guard:project_detail", pk=pk)
    return render(request, "wage_guard/import_report.html", {"project": project, "report": report}, status=400)


@login_required
@require_POST
def sheet_build(request, pk: int):
    project = queries.project_for(request.user, pk)
    team = Team.objects.filter(project=project, pk=request.POST.get("team") or 0).first()
    if team is None:
        raise Http404(_("没有该班组"))
    try:
        month = dt.datetime.strptime(request.POST.get("month", ""), "%Y-%m").date()
        sheet = services.build_wage_sheet(team, month, actor=request.user)
    except ValueError:
        messages.error(request, _("工资月份格式应为 YYYY-MM"))
        return redirect("wage_guard:project_detail", pk=pk)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("wage_guard:project_detail", pk=pk)
    return redirect("wage_guard:sheet_detail", pk=sheet.pk)


@login_required
def sheet_detail(request, pk: int):
    sheet = queries.sheet_for(request.user, pk)
    return render(request, "wage_guard/sheet_detail.html", {
        "sheet": sheet, "lines": sheet.lines.select_related("entry__worker", "dispute_case").order_by("entry__badge"),
        "batches": sheet.batches.order_by("sequence"),
        "may_keep": can(request.user, "wage_guard.team.keep", sheet.team),
        "may_manage": can(request.user, "wage_guard.project.manage", sheet.project),
        "history": audit.entries_for(sheet).order_by("-id")[:30],
    })


@login_required
def sheet_export(request, pk: int):
    """The wage ledger (工资支付台账) of the sheet as XLSX: the MWR Art. 15 fields, ID numbers masked."""
    sheet = queries.sheet_for(request.user, pk)
    rows = [[line.entry.badge, line.entry.worker.name, line.entry.worker.masked_id_number, float(line.days),
             float(line.hours), float(line.gross), float(line.deductions), float(line.net),
             str(LineStatus(line.status).label), float(line.paid_amount),
             line.paid_on.isoformat() if line.paid_on else ""]
            for line in sheet.lines.select_related("entry__worker").order_by("entry__badge")]
    return xlsx_response(f"wage_sheet_{sheet.pk}.xlsx", _("工资支付台账"), [
        _("工号"), _("姓名"), _("身份证号码"), _("出勤天数"), _("出勤小时"), _("应发工资"), _("代扣款项"), _("实发工资"),
        _("确认状态"), _("已发放"), _("发放日期")], rows)


@login_required
@require_POST
def sheet_issue(request, pk: int):
    sheet = queries.sheet_for(request.user, pk)
    try:
        services.issue_wage_sheet(sheet, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("wage_guard:sheet_detail", pk=pk)


@login_required
@require_POST
def batch_create(request, pk: int):
    sheet = queries.sheet_for(request.user, pk)
    try:
        batch = services.create_payment_batch(sheet, actor=request.user)
        messages.success(request, _("已生成代发批次 {n}").format(n=batch.number))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("wage_guard:sheet_detail", pk=pk)


@login_required
def batch_file(request, pk: int):
    """The payment file for the bank; only the GC may take it (it holds full card numbers); the download is audited."""
    batch = queries.batch_for(request.user, pk)
    require(request.user, "wage_guard.project.manage", batch.sheet.project)
    audit.record("wage_guard.batch.downloaded", actor=request.user, target=batch, data={"number": batch.number})
    from .services.bank_layouts import encode_file, layout_for

    layout = layout_for(batch.layout)
    response = HttpResponse(encode_file(layout, batch.content), content_type=f"text/plain; charset={layout.encoding}")
    response["Content-Disposition"] = f'attachment; filename="{batch.number}.{layout.extension}"'
    return response


@login_required
@require_POST
def batch_return(request, pk: int):
    batch = queries.batch_for(request.user, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("请选择回盘文件"))
        return redirect("wage_guard:sheet_detail", pk=batch.sheet_id)
    try:
        check_upload_size(upload)
        report = services.reconcile_return_file(batch, content=upload.read(), actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("wage_guard:sheet_detail", pk=batch.sheet_id)
    if not report.accepted:
        return render(request, "wage_guard/return_report.html", {"batch": batch, "report": report}, status=400)
    messages.success(request, _("对账完成：成功 {p} 笔 {t} 元，失败 {f} 笔").format(
        p=report.paid, t=report.paid_total, f=report.failed))
    return redirect("wage_guard:sheet_detail", pk=batch.sheet_id)


@login_required
def my_wages(request):
    """The worker's wage lines on a phone: confirm or dispute each month's line, see what was paid."""
    return render(request, "wage_guard/my_wages.html", {
        "lines": queries.my_lines(request.user)[:24], "entries": queries.my_entries(request.user),
        "complaints": queries.my_complaints(request.user)[:20]})


@login_required
@require_POST
def line_answer(request, pk: int):
    line = queries.my_line(request.user, pk)
    try:
        if request.POST.get("answer") == "confirm":
            services.confirm_wage_line(line, actor=request.user)
            messages.success(request, _("已确认 {m} 工资").format(m=line.sheet.month.strftime("%Y-%m")))
        else:
            services.dispute_wage_line(line, reason=request.POST.get("reason", ""),
                                       claimed_net=request.POST.get("claimed_net") or None, actor=request.user)
            messages.success(request, _("异议已提交，人社部门将先行调解"))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("wage_guard:my_wages")


def _analyses(user) -> dict:
    from zhili.core.dashboards.api import share_cell, stat_cell

    from .choices import ComplaintChannel

    figures = queries.cockpit_figures(user, dt.date.today())
    workers, owed = figures["workers"], figures["owed_workers"]
    kpi = [
        [_("在建项目"), count_cell(sum(figures["projects"].values()), limit=1)],
        [_("实名登记工人"), count_cell(workers)],
        [_("欠薪率（‰）"), stat_cell(owed * 1000.0 / workers if workers else None, workers, digits=2)],
        [_("欠薪率目标（种子：‰）"), stat_cell(queries.SEED_ARREARS_PER_MILLE, 100, digits=2)],
        [_("投诉与异议化解率（%）"), share_cell(figures["closed_cases"], figures["cases"])],
        [_("化解率目标（种子：%）"), stat_cell(queries.SEED_RESOLUTION_PERCENT, 100, digits=2)],
    ]
    status_rows = [[str(ProjectStatus(s).label), count_cell(figures["projects"].get(s, 0), limit=1)]
                   for s in ProjectStatus.values]
    risk_rows = [[str(FindingKind(k).label), count_cell(figures["findings"].get(k, 0), limit=1)]
                 for k in FindingKind.values]
    paid_rows = [[m.strftime("%Y-%m"), count_cell(n), stat_cell(float(total), n, digits=2)]
                 for m, (n, total) in figures["paid_by_month"].items()]
    channel_rows = [[str(ComplaintChannel(c).label), count_cell(figures["channels"].get(c, 0))]
                    for c in ComplaintChannel.values]
    return {
        "kpi": table_result("kpi", _("总体情况"), [_("指标"), _("数值")], kpi, chart="kpi"),
        "status": table_result("status", _("项目状态"), [_("状态"), _("项目数")], status_rows, chart="pie"),
        "risk": table_result("risk", _("未消除的欠薪风险"), [_("问题类型"), _("项目数")], risk_rows, chart="hbar"),
        "paid": table_result("paid", _("按月代发"), [_("月份"), _("发放人数"), _("发放金额（元）")], paid_rows,
                             chart="bar"),
        "channels": table_result("channels", _("投诉渠道"), [_("渠道"), _("件数")], channel_rows, chart="pie"),
    }


cockpit, cockpit_data, cockpit_export = cockpit_views(
    "wage_guard.overview", permission="wage_guard.cockpit.view", analyses=lambda request: _analyses(request.user))


def _project_by_code(token: str):
    from .models import Project

    project = Project.objects.select_related("general_contractor", "builder", "labor_manager", "region").filter(
        qr_token=token).first()
    if project is None:
        raise Http404(_("安薪码无效"))
    return project


def code_page(request, token: str):
    """The 安薪码 page (维权信息公示牌, MWR Art. 34): the parties, pay day, minimum wage, channels; check in, complain."""
    from .rules import rule

    project = _project_by_code(token)
    today = dt.date.today()
    minimum = rule("minimum_hourly_wage", today)
    return render(request, "wage_guard/code_page.html", {
        "project": project, "minimum": minimum.value.get(project.minimum_wage_class), "minimum_ref": minimum.reference,
        "on_roster": request.user.is_authenticated and project.roster.filter(
            worker=request.user, exited_on__isnull=True).exists(),
        "may_complain": request.user.is_authenticated and can(request.user, "wage_guard.complaint.file", project),
    })


@login_required
@require_POST
def code_check_in(request, token: str):
    project = _project_by_code(token)
    try:
        services.check_in(project, latitude=request.POST.get("latitude"), longitude=request.POST.get("longitude"),
                          actor=request.user)
        messages.success(request, _("打卡成功"))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("wage_guard:code_page", token=token)


@login_required
@require_POST
def code_complain(request, token: str):
    project = _project_by_code(token)
    try:
        period_from = dt.datetime.strptime(request.POST.get("period_from", ""), "%Y-%m").date()
        period_to = dt.datetime.strptime(request.POST.get("period_to", ""), "%Y-%m").date()
    except ValueError:
        messages.error(request, _("拖欠月份格式应为 YYYY-MM"))
        return redirect("wage_guard:code_page", token=token)
    try:
        complaint = services.file_complaint(
            project, amount=request.POST.get("amount", ""), period_from=period_from, period_to=period_to,
            workers=request.POST.get("workers") or 1, description=request.POST.get("description", ""),
            actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("wage_guard:code_page", token=token)
    messages.success(request, _("投诉已登记，工单号 {n}，人社部门将先行调解").format(n=complaint.case.number))
    return redirect("wage_guard:my_wages")


@login_required
def project_code(request, pk: int):
    """The project's 安薪码 as SVG, to print on the rights notice board."""
    from zhili.core.notify.api import qr_svg

    project = queries.project_for(request.user, pk)
    url = request.build_absolute_uri(reverse("wage_guard:code_page", args=[project.qr_token]))
    return HttpResponse(qr_svg(url), content_type="image/svg+xml")


FINDING_COLUMNS = [
    Column("project", _l("项目"), sort="project__name"), Column("kind", _l("问题类型"), sort="kind"),
    Column("period", _l("期间"), sort="period"), Column("amount", _l("涉及金额（元）"), sort="amount"),
    Column("workers", _l("涉及人数"), sort="workers"), Column("detail", _l("说明")),
    Column("found", _l("发现日期"), sort="found_on"), Column("case", _l("工单")),
]


@login_required
def finding_list(request):
    """欠薪风险: the checks' findings on the projects the person may see (core.ui's list page)."""
    require(request.user, "wage_guard.project.view")
    form = FindingFilterForm(request.GET or None)
    kind, still_open, text = "", True, ""
    if form.is_valid():
        kind, still_open, text = (form.cleaned_data["kind"], form.cleaned_data["open"] != "0",
                                  form.cleaned_data["q"])
    findings = queries.visible_findings(request.user, kind=kind, open=still_open)
    if text:
        findings = findings.filter(project__name__icontains=text)
    listing = ListPage(request, findings, columns=FINDING_COLUMNS, default_sort="-found_on", per_page=50)
    if listing.wants_export:
        rows = ([f.project.name, str(FindingKind(f.kind).label), f.period, f.uscc, float(f.amount), f.workers,
                 f.detail, f.found_on.isoformat(), f.cleared_on.isoformat() if f.cleared_on else "",
                 f.case.number if f.case else ""] for f in listing.queryset.iterator(chunk_size=2000))
        return export_xlsx(request, what="wage_guard.findings", title=_("欠薪风险"), header=[
            _("项目"), _("问题类型"), _("期间"), _("责任单位"), _("涉及金额"), _("涉及人数"), _("说明"), _("发现日期"),
            _("消除日期"), _("工单")], rows=rows, file_name="wage_guard_findings.xlsx")
    return render(request, "wage_guard/finding_list.html", {"form": form, "listing": listing})


@login_required
def credit_list(request):
    """Credit levels and the arrears blacklist of the region's enterprises."""
    require(request.user, "wage_guard.cockpit.view")
    return render(request, "wage_guard/credit_list.html", {
        "ratings": queries.visible_ratings(request.user)[:500],
        "blacklist": queries.visible_blacklist(request.user)[:500]})


@login_required
def credit_report(request, pk: int):
    """The enterprise's credit report PDF, sealed by the platform; "not found" for anyone who may not ask."""
    from zhili.core.orgs.api import Organization

    organization = Organization.objects.select_related("region").filter(pk=pk).first()
    if organization is None or not can(request.user, "wage_guard.credit.report", organization):
        raise Http404(_("没有该企业"))
    pdf = services.credit_report_pdf(organization, actor=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="credit_report_{organization.uscc or organization.pk}.pdf"'
    return response


@login_required
@require_POST
def contract_request(request, pk: int):
    """The worker asks for the labour contract their roster entry lacks."""
    entry = get_object_or_404(queries.my_entries(request.user), pk=pk)
    try:
        services.request_labor_contract(entry, actor=request.user)
        messages.success(request, _("已通知班组长和劳资专管员，请留意电子劳动合同签署邀请"))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("wage_guard:my_wages")


def _closure_date(request, field: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.POST.get(field, ""))
    except ValueError:
        messages.error(request, _("日期格式应为 YYYY-MM-DD"))
        return None


def _closure_step(request, pk: int, field: str, step, done: str):
    """One step of closing a project (completion, account closure, deposit release): the date from ``field``, then
    ``step(project, day)``; its refusals shown as messages."""
    project = queries.project_for(request.user, pk)
    day = _closure_date(request, field)
    if day is not None:
        try:
            step(project, day)
            messages.success(request, done)
        except ValidationError as exc:
            _errors(request, exc)
    return redirect("wage_guard:project_detail", pk=pk)


@login_required
@require_POST
def project_complete(request, pk: int):
    return _closure_step(request, pk, "finished_on", lambda project, day: services.complete_project(
        project, finished_on=day, actor=request.user), _("已登记竣工，无欠薪公示开始"))


@login_required
@require_POST
def account_close(request, pk: int):
    return _closure_step(request, pk, "closed_on", lambda project, day: services.close_special_account(
        project, closed_on=day, actor=request.user), _("工资专用账户已注销"))


@login_required
@require_POST
def deposit_release(request, pk: int):
    return _closure_step(request, pk, "released_on", lambda project, day: services.release_deposit(
        project, released_on=day, actor=request.user), _("工资保证金已返还"))


@login_required
@require_POST
def roster_add(request, pk: int):
    """进场实名登记 from the project page (the GC's labour manager or the team's lead); errors by field, nothing
    written then."""
    project = queries.project_for(request.user, pk)
    form = RosterForm(request.POST, teams=_kept_teams(request.user, project))
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.register_worker(project, actor=request.user, **data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("{name} 已登记进场，工号 {badge}").format(name=entry.worker.name,
                                                                           badge=entry.badge))
            return redirect("wage_guard:project_detail", pk=pk)
    return project_detail(request, pk, refused={"roster": form})


def _form_errors(form, exc: ValidationError, *, field_of=None) -> None:
    """Put a service's refusal on the form, by field where the service named one the form has."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for field, errors in exc.message_dict.items():
        field = field_of(field) if field_of else field
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def _managed_project(request, pk: int):
    """The project, when the person may manage it; "not found" when they may not even see it, 404 too when they
    may see but not manage it (nothing to offer)."""
    project = queries.project_for(request.user, pk)
    if not can(request.user, "wage_guard.project.manage", project):
        raise Http404(_("没有该项目"))
    return project


@login_required
@require_POST
def account_open(request, pk: int):
    """开立工资专用账户 with the bank's payment-file layout (the GC's labour manager)."""
    project = _managed_project(request, pk)
    form = SpecialAccountForm(request.POST)
    if form.is_valid():
        try:
            account = services.open_special_account(project, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("已开立 {name}").format(name=account.account_name))
            return redirect("wage_guard:project_detail", pk=pk)
    return project_detail(request, pk, refused={"account": form})


@login_required
@require_POST
def labor_cost_schedule(request, pk: int):
    """人工费用拨付计划: instalments added to the project's schedule (cycle and total checked by the service)."""
    project = _managed_project(request, pk)
    form = LaborCostScheduleForm(request.POST)
    if form.is_valid():
        rows = form.cleaned_data["instalments"]
        try:
            created = services.schedule_labor_cost(project, instalments=rows, actor=request.user)
        except ValidationError as exc:
            _form_errors(form, exc, field_of=lambda f: "instalments" if f.startswith("instalments") else f)
        else:
            messages.success(request, _("已登记 {n} 期拨付计划").format(n=len(created)))
            return redirect("wage_guard:project_detail", pk=pk)
    return project_detail(request, pk, refused={"schedule": form})


@login_required
@require_POST
def deposit_lodge(request, pk: int):
    """存储工资保证金: the ratio from the dated rules and the GC's record on the platform."""
    project = _managed_project(request, pk)
    form = DepositLodgeForm(request.POST)
    if form.is_valid():
        try:
            deposit = services.lodge_deposit_on_record(project, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("已登记工资保证金 {a} 元（{f}）").format(a=deposit.amount,
                                                                       f=deposit.get_form_display()))
            return redirect("wage_guard:project_detail", pk=pk)
    return project_detail(request, pk, refused={"deposit": form})
