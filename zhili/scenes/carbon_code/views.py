"""Pages of the 碳效码 scene: the enterprise's own code (phone-first), the scan page anyone opens, the officers'
list, detail and evaluation, the cockpit."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.dashboards.api import cockpit_views
from zhili.core.identity.api import require
from zhili.core.indicators.api import Level, check_status_code
from zhili.core.sharing.api import NotShared
from zhili.core.ui.api import Column, ListPage, export_xlsx

from . import cockpit as cockpit_analyses
from . import diagnosis, loans, queries, services
from . import footprint as footprint_analyses
from .choices import ResultStatus
from .forms import EvaluateForm, ResultFilterForm
from .models import CarbonBill, CarbonResult, Evaluation, RegionIndex


def _qr_svg(request, token: str, colour: str) -> str:
    import segno

    buffer = io.BytesIO()
    url = request.build_absolute_uri(reverse("carbon_code:scan", args=[token]))
    segno.make(url, error="m").save(buffer, kind="svg", scale=5, border=2, xmldecl=False, dark=colour)
    return buffer.getvalue().decode("utf-8")


@login_required
def mine(request):
    """The enterprise's own page: its code with three labels, the year's figures and monthly results, or why not."""
    require(request.user, "carbon_code.enterprise.own")
    cards = []
    for enterprise in queries.own_enterprises(request.user):
        year = queries.latest_year_result(enterprise)
        token = queries.code_for(enterprise)
        check = check_status_code(token)
        level = Level(check.level or Level.NONE)
        cards.append({
            "enterprise": enterprise, "year": year, "token": token,
            "qr": _qr_svg(request, token, level.colour) if year and year.grade else "",
            "problems": [queries.problem_text(p) for p in (year.problems if year else [])],
            "months": CarbonResult.objects.filter(enterprise=enterprise, period__contains="-").order_by("-period")[:12],
        })
    return render(request, "carbon_code/enterprise_mine.html", {"cards": cards})


def scan(request, token: str):
    """What anyone scanning an enterprise's code sees: the three labels, or that the code is forged or stale."""
    check, enterprise, result = queries.scan(token)
    valid = check.valid and enterprise is not None
    return render(request, "carbon_code/code_scan.html",
                  {"check": check, "valid": valid, "enterprise": enterprise, "result": result,
                   "reason": check.reason or _("伪造或过期：不是本平台签发的碳效码")},
                  status=200 if valid else 410)


RESULT_COLUMNS = [
    Column("enterprise", _("企业"), sort="enterprise__name"), Column("period", _("评价期"), sort="period"),
    Column("industry", _("行业大类"), sort="industry_code"), Column("intensity", _("L（t/万元）"), sort="intensity"),
    Column("k", _("碳效值 K"), sort="k_value"), Column("grade", _("等级"), sort="grade"),
    Column("level", _("水平"), sort="level"), Column("status", _("状态"), sort="status"),
]


def _filtered(request):
    form = ResultFilterForm(request.GET or None)
    results = queries.visible_results(request.user)
    board = queries.status_counts(results)
    if form.is_valid():
        data = form.cleaned_data
        for field in ("period", "grade", "level", "status"):
            if data[field]:
                results = results.filter(**{field: data[field]})
        if data["industry"]:
            results = results.filter(industry_code=data["industry"])
        if data["q"]:
            results = results.filter(Q(enterprise__name__contains=data["q"]) | Q(enterprise__uscc=data["q"]))
    return form, results, board


@login_required
def result_list(request):
    """The officers' list of enterprise results with filters, pagination and XLSX export; evaluate a period."""
    require(request.user, "carbon_code.result.view")
    form, results, board = _filtered(request)
    listing = ListPage(request, results, columns=RESULT_COLUMNS, default_sort="-id", per_page=20)
    if listing.wants_export:
        header = [_("企业"), _("统一社会信用代码"), _("评价期"), _("行业大类"), _("碳排放总量（tCO2）"), _("净排放（tCO2）"),
                  _("增加值（万元）"), _("L（t/万元）"), _("行业 L"), _("碳效值 K"), _("等级"), _("水平"), _("碳中和率"),
                  _("状态"), _("数据问题")]
        rows = ([r.enterprise.name, r.enterprise.uscc, r.period, r.industry_code, r.gross_t, r.net_t, r.value_added,
                 r.intensity, r.industry_intensity, r.k_value, r.grade, r.get_level_display(), r.neutrality,
                 r.get_status_display(), "；".join(queries.problem_text(p) for p in r.problems)]
                for r in listing.queryset.iterator(chunk_size=2000))
        return export_xlsx(request, what="carbon_code.results", title=_("企业碳效"), header=header, rows=rows)
    counts = [(ResultStatus(s), n) for s, n in board.items()]
    return render(request, "carbon_code/result_list.html", {
        "form": form, "listing": listing, "counts": counts, "evaluate_form": EvaluateForm(),
        "evaluations": Evaluation.objects.all()[:5]})


@login_required
@require_POST
def evaluate(request):
    """Evaluate a period for every enterprise in the data pool (officers)."""
    require(request.user, "carbon_code.evaluation.run")
    form = EvaluateForm(request.POST)
    if form.is_valid():
        try:
            evaluation = services.evaluate_period(form.cleaned_data["period"], actor=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("{period} 已评价：{graded}/{total} 家企业得出等级").format(
                period=evaluation.period, graded=evaluation.graded_count, total=evaluation.enterprise_count))
    else:
        messages.error(request, _("评价期须为年份（如 2025）或年月（如 2025-06）"))
    return redirect(reverse("carbon_code:result_list") + f"?period={request.POST.get('period', '')}")


@login_required
def result_detail(request, pk: int):
    """One enterprise's figures for a period: energy by kind, emissions, L, K, grade, level, or its problems."""
    result = queries.result_for(request.user, pk)
    return render(request, "carbon_code/result_detail.html", {
        "result": result, "problems": [queries.problem_text(p) for p in result.problems],
        "factors": result.evaluation.factors, "quantities": queries.quantity_rows(result),
        "bills": CarbonBill.objects.filter(result=result).only("id", "created_at", "sha256"),
        "diagnosis": diagnosis.diagnose(result)})


@login_required
@require_POST
def bill_issue(request, pk: int):
    """Issue the carbon bill of a result (its enterprise or an officer of its region) and download it."""
    result = queries.result_for(request.user, pk)
    bill = services.issue_bill(result, actor=request.user)
    return redirect("carbon_code:bill_pdf", pk=bill.pk)


@login_required
def bill_pdf(request, pk: int):
    """An issued carbon bill as PDF, for its enterprise and the officers of its region."""
    bill = queries.bill_for(request.user, pk)
    response = HttpResponse(bytes(bill.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="carbon-bill-{bill.period}.pdf"'
    return response


@login_required
def loan_mine(request):
    """The enterprise's loans: the products its grade qualifies for with the consent each application gives the
    bank, one-click application, its applications with the grant (revocable) and every read the bank made."""
    require(request.user, "carbon_code.enterprise.own")
    enterprise = queries.own_enterprises(request.user).first()
    year = queries.latest_year_result(enterprise)
    if request.method == "POST":
        product = get_object_or_404(queries.active_products(), pk=request.POST.get("product"))
        try:
            loans.apply_loan(product, enterprise=enterprise, amount=request.POST.get("amount", ""),
                             actor=request.user)
            messages.success(request, _("已提交申请，并已授权该银行查阅本企业的年度碳效数据"))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect("carbon_code:loan_mine")
    grade = int(year.grade) if year and year.grade else None
    products = [(p, eligible, loans.consent_for(p, enterprise, year.period) if eligible else "")
                for p in queries.active_products() for eligible in [grade is not None and p.serves(grade)]]
    return render(request, "carbon_code/loan_mine.html", {
        "enterprise": enterprise, "year": year, "products": products,
        "applications": queries.own_applications(request.user),
        "reads": queries.grant_reads(request.user)[:20]})


@login_required
@require_POST
def loan_revoke(request, pk: int):
    """The enterprise revokes the bank's reading of its figures for one application."""
    application = get_object_or_404(queries.own_applications(request.user), pk=pk)
    loans.revoke(application, actor=request.user)
    messages.success(request, _("已撤销授权，银行不能再查阅本企业的碳效数据"))
    return redirect("carbon_code:loan_mine")


@login_required
def loan_bank(request):
    """The bank's desk: its products (publish one) and the applications; the figures open per application."""
    require(request.user, "carbon_code.loan.publish")
    if request.method == "POST":
        try:
            loans.publish_product(name=request.POST.get("name", ""), min_grade=int(request.POST.get("min_grade") or 0),
                                  max_grade=int(request.POST.get("max_grade") or 0),
                                  max_amount=request.POST.get("max_amount", ""),
                                  annual_rate=request.POST.get("annual_rate", ""), actor=request.user)
            messages.success(request, _("产品已发布"))
        except (ValidationError, ValueError) as exc:
            messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return redirect("carbon_code:loan_bank")
    return render(request, "carbon_code/loan_bank.html", {
        "products": queries.bank_products(request.user), "applications": queries.bank_applications(request.user)})


@login_required
def loan_application(request, pk: int):
    """One application for the bank: the enterprise's figures read through its grant (each opening logged in
    core.sharing; 404 without a valid grant, as for an application of another bank) and the decision form."""
    application = queries.application_for_bank(request.user, pk)
    try:
        figures = loans.read_figures(application, actor=request.user)
    except NotShared:
        raise Http404 from None
    rows = [(figures.labels[code], value) for code, value in figures.fields.items()]
    return render(request, "carbon_code/loan_application.html", {
        "application": application, "rows": rows, "figures": figures, "grant": application.grant})


@login_required
@require_POST
def loan_decide(request, pk: int):
    application = queries.application_for_bank(request.user, pk)
    try:
        loans.decide_loan(application, approve=request.POST.get("decision") == "approve", actor=request.user,
                          amount=request.POST.get("amount"), annual_rate=request.POST.get("annual_rate"),
                          note=request.POST.get("note", ""))
    except NotShared:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("carbon_code:loan_application", pk=application.pk)
    messages.success(request, _("审批结果已记录"))
    return redirect("carbon_code:loan_bank")


INDEX_LEVELS = {"city": _("设区市"), "county": _("县（市、区）"), "town": _("乡镇（街道）"), "industry": _("行业大类")}


@login_required
def region_list(request):
    """Region and industry indices of an evaluated period: totals, intensity, index, rank; XLSX export."""
    require(request.user, "carbon_code.result.view")
    periods = list(RegionIndex.objects.values_list("period", flat=True).distinct().order_by("-period"))
    period = request.GET.get("period") or (periods[0] if periods else "")
    level = request.GET.get("level") if request.GET.get("level") in INDEX_LEVELS else "county"
    rows = [i for i in RegionIndex.objects.filter(period=period, level=level).order_by("rank")
            if queries.index_visible(request.user, i)]
    if request.GET.get("format") == "xlsx":
        header = [_("排名"), _("名称"), _("代码"), _("企业数"), _("碳排放总量（tCO2）"), _("净排放（tCO2）"), _("增加值（万元）"),
                  _("单位增加值碳排放（t/万元）"), _("碳效指数"), _("碳中和率"), _("1–2 级企业数"), _("4–5 级企业数")]
        return export_xlsx(request, what="carbon_code.indices", title=_("区域碳效指数"), header=header, rows=(
            [i.rank, i.name, i.code, i.firms, i.gross_t, i.net_t, i.value_added, i.intensity, i.index_value,
             i.neutrality, i.good_firms, i.poor_firms] for i in rows))
    return render(request, "carbon_code/region_list.html", {
        "rows": rows, "periods": periods, "period": period, "level": level, "levels": INDEX_LEVELS.items(),
        "province": RegionIndex.objects.filter(period=period, level="province").first()})


def _cockpit_filters(request) -> dict:
    return {"region": request.GET.get("region", "").strip()[:12], "industry": request.GET.get("industry", "").strip()[:5]}


def _cockpit_form(request) -> list[dict]:
    return [{"name": name, "label": label, "type": "hidden", "options": [], "value": request.GET.get(name, "")}
            for name, label in (("region", _("区划代码")), ("industry", _("行业大类")))]


# The cockpit page, its JSON data and the XLSX export of one analysis (core.dashboards.cockpit_views).
cockpit, cockpit_data, cockpit_export = cockpit_views(
    "carbon_code.overview", permission="carbon_code.cockpit.view", filters=_cockpit_form,
    analyses=lambda request: cockpit_analyses.analyses(request.user, **_cockpit_filters(request)))

# The enterprise's own footprint page (its stored results only) on the same cockpit components.
footprint, footprint_data, footprint_export = cockpit_views(
    "carbon_code.footprint", permission="carbon_code.enterprise.own",
    analyses=lambda request: footprint_analyses.analyses(request.user))
