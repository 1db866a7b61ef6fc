"""Pages of the 浙农补 scene: the farmer's pre-verified plots (phone-first), the clerk's plots, rounds and payment
files, the approver's two approvals, the cockpit. Views read through ``queries`` and write through ``services``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.dashboards.api import cockpit_views
from zhili.core.foundation.api import add_service_errors, audit
from zhili.core.identity.api import can, require
from zhili.core.orgs.api import region_by_code
from zhili.core.ui.api import Column, ListPage, MapData, export_xlsx, region_choices

from . import analytics, importing, mapping, queries, services
from .choices import LineStatus, PaymentFileStatus, RoundStatus
from .forms import FieldCheckForm, LineFilterForm, PlotFilterForm, RoundForm, SurveyUploadForm
from .models import PreVerifiedPlot
from .rules import reason_text


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# ---------------------------------------------------------------- farmer (phone)

@login_required
def mine(request):
    """The farmer's pre-verified plots per round, the claim button and what has arrived (到账)."""
    require(request.user, "grain_subsidy.claim.submit")
    farmer = queries.farmer_of(request.user)
    rounds = queries.my_rounds(farmer) if farmer else []
    for entry in rounds:
        for line in entry["lines"]:
            line.reason_texts = [reason_text(code) for code in line.reasons + line.audit_reasons]
        entry["map"] = mapping.farmer_map(entry["lines"])
    return render(request, "grain_subsidy/mine.html", {"farmer": farmer, "rounds": rounds,
                                                       "objectable": services.OPEN_TO_OBJECTION})


@login_required
@require_POST
def claim(request, round_id: int):
    farmer = queries.farmer_of(request.user)
    entry = next((e for e in (queries.my_rounds(farmer) if farmer else []) if e["round"].pk == round_id), None)
    if entry is None:
        raise Http404(_("没有这个补贴批次"))
    try:
        services.claim_plots(entry["round"], actor=request.user)
        messages.success(request, _("已确认申领，系统审核后发放到您的一卡通"))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("grain_subsidy:mine")


@login_required
@require_POST
def objection(request, pk: int):
    """The farmer's objection to one of their pre-verified plots: opens a case for the county's office."""
    farmer = queries.farmer_of(request.user)
    line = PreVerifiedPlot.objects.filter(pk=pk, farmer=farmer).first() if farmer else None
    if line is None:
        raise Http404(_("没有这个预核定地块"))
    try:
        services.raise_objection(line, reason=request.POST.get("reason", ""), actor=request.user)
        messages.success(request, _("异议已提交，乡镇农业服务中心将核实后答复"))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(f"{reverse('grain_subsidy:mine')}#line-{pk}")


# ---------------------------------------------------------------- clerk: plots

PLOT_COLUMNS = [Column("code", _("地块编码"), sort="code"), Column("town", _("乡镇"), sort="region__code"),
                Column("village", _("村"), sort="village"), Column("contractor", _("承包户")),
                Column("registered", _("确权面积（亩）"), sort="registered_area_mu"),
                Column("measured", _("测绘面积（亩）"), sort="measured_area_mu"),
                Column("land_use", _("最新监测属性"), sort="land_use")]


@login_required
def plot_list(request):
    require(request.user, "grain_subsidy.plot.view")
    form = PlotFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    plots = queries.plots_for(request.user)
    if filters.get("town"):
        filters["town"] = region_by_code(filters["town"])
    plots = queries.filter_plots(plots, **{k: v for k, v in filters.items() if v})
    listing = ListPage(request, plots, columns=PLOT_COLUMNS, default_sort="code", per_page=20)
    if listing.wants_export:
        rows = ([p.code, p.region.name, p.village, p.contractor.masked_name, p.registered_area_mu,
                 p.measured_area_mu, p.get_land_use_display(), _("是") if p.grain_zone else _("否")]
                for p in listing.queryset.iterator(chunk_size=2000))
        return export_xlsx(request, what="grain_subsidy.plots", title=_("浙农补地块"),
                           header=[c.label for c in PLOT_COLUMNS] + [_("粮食生产功能区")], rows=rows)
    uses = queries.land_use_counts(queries.plots_for(request.user))
    return render(request, "grain_subsidy/plot_list.html", {"form": form, "listing": listing, "uses": uses})


@login_required
def plot_detail(request, pk: int):
    plot = queries.plot_for(request.user, pk)
    with transaction.atomic():
        audit.record("grain_subsidy.farmer.read", actor=request.user, target=plot.contractor,
                     data={"what": "plot", "plot": plot.code})
    ring = plot.boundary.get("coordinates", [[]])[0] if isinstance(plot.boundary, dict) else []
    may_check = can(request.user, "grain_subsidy.plot.manage", plot.region)
    form = FieldCheckForm(request.POST or None, request.FILES or None) if may_check else None
    if request.method == "POST" and form is not None and form.is_valid():
        photo = form.cleaned_data["photo"]
        if photo.size > services.PHOTO_MAX_BYTES:
            form.add_error("photo", _("现场照片：不能超过 {mb} MB").format(mb=services.PHOTO_MAX_BYTES // (1024 * 1024)))
        else:
            try:
                services.record_field_check(plot, land_use=form.cleaned_data["land_use"], lon=form.cleaned_data["lon"],
                                            lat=form.cleaned_data["lat"], photo=photo.read(),
                                            note=form.cleaned_data["note"], actor=request.user)
                messages.success(request, _("外业核查已记录"))
                return redirect("grain_subsidy:plot_detail", pk=plot.pk)
            except ValidationError as exc:
                add_service_errors(form, exc)
    return render(request, "grain_subsidy/plot_detail.html", {"plot": plot, "ring": ring, "form": form,
                                                              "checks": plot.field_checks.select_related("inspector"),
                                                              "map": mapping.plot_map(plot),
                                                              **queries.plot_history(plot)})


@login_required
def field_check_photo(request, pk: int):
    """A field check's photo, for whoever may see its plot."""
    from .models import FieldCheck

    check = FieldCheck.objects.filter(pk=pk, plot__in=queries.plots_for(request.user)).first()
    if check is None:
        raise Http404(_("没有这次外业核查"))
    content_type = "image/png" if check.photo.name.endswith(".png") else "image/jpeg"
    return FileResponse(check.photo.open("rb"), content_type=content_type)


# ---------------------------------------------------------------- clerk: rounds

def _county(user):
    codes = region_choices(user, levels=("county",))
    return region_by_code(codes[0][0]) if codes else None


@login_required
def round_list(request):
    require(request.user, "grain_subsidy.plot.view")
    form = RoundForm(request.POST or None)
    may_open = can(request.user, "grain_subsidy.plot.manage")
    if request.method == "POST" and may_open and form.is_valid():
        county = _county(request.user)
        if county is None:
            raise PermissionDenied(_("没有所属县（市、区）"))
        try:
            round_ = services.open_round(region=county, actor=request.user, **form.cleaned_data)
            return redirect("grain_subsidy:round_detail", pk=round_.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    rounds = [(r, queries.round_figures(r)) for r in queries.rounds_for(request.user)]
    return render(request, "grain_subsidy/round_list.html", {"rounds": rounds, "form": form, "may_open": may_open})


LINE_COLUMNS = [Column("plot", _("地块编码"), sort="plot__code"), Column("farmer", _("补贴对象")),
                Column("area", _("核定面积（亩）"), sort="eligible_area_mu"),
                Column("amount", _("核定金额（元）"), sort="amount_yuan"), Column("colour", _("预警"), sort="colour"),
                Column("status", _("状态"), sort="status")]


@login_required
def round_detail(request, pk: int):
    round_ = queries.round_for(request.user, pk)
    form = LineFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    lines = PreVerifiedPlot.objects.filter(round=round_).select_related("plot", "farmer")
    if filters.get("colour"):
        lines = lines.filter(colour=filters["colour"])
    if filters.get("status"):
        lines = lines.filter(status=filters["status"])
    if filters.get("q"):
        lines = lines.filter(plot__code__icontains=filters["q"]) | lines.filter(farmer__name=filters["q"])
    listing = ListPage(request, lines, columns=LINE_COLUMNS, default_sort="plot__code", per_page=20)
    if listing.wants_export:
        rows = ([x.plot.code, x.farmer.masked_name, x.eligible_area_mu, x.amount_yuan, x.get_colour_display(),
                 x.get_status_display(), "；".join(reason_text(c) for c in x.reasons + x.audit_reasons)]
                for x in listing.queryset.iterator(chunk_size=2000))
        return export_xlsx(request, what="grain_subsidy.lines", title=str(round_),
                           header=[c.label for c in LINE_COLUMNS] + [_("原因")], rows=rows)
    for line in listing.page:
        line.reason_texts = [reason_text(code) for code in line.reasons + line.audit_reasons]
    may_manage = can(request.user, "grain_subsidy.plot.manage", round_.region)
    return render(request, "grain_subsidy/round_detail.html", {
        "round": round_, "figures": queries.round_figures(round_), "form": form, "listing": listing,
        "may_manage": may_manage, "is_draft": round_.status == RoundStatus.DRAFT,
        "passed_waiting": lines.model.objects.filter(round=round_, status=LineStatus.PASSED,
                                                     payment_file__isnull=True).exists(),
        "submitted_claims": round_.claims.filter(status="submitted").count(),
        "red_untasked": lines.model.objects.filter(round=round_, colour="red", status=LineStatus.BLOCKED,
                                                   rectification__isnull=True).count()})


@login_required
@require_POST
def round_action(request, pk: int, action: str):
    round_ = queries.round_for(request.user, pk)
    try:
        if action == "pre_verify":
            counts = services.pre_verify_round(round_, actor=request.user)
            messages.success(request, _("预核定完成：{n} 个地块").format(n=counts["plots"]))
        elif action == "audit":
            counts = services.audit_round(round_, actor=request.user)
            messages.success(request, _("审核完成：{n} 份申领").format(n=counts["claims"]))
        elif action == "hold_warned":
            count = services.hold_warned_plots(round_, actor=request.user)
            messages.success(request, _("已暂缓发放 {n} 块有粮食安全预警的地块，待人工核查").format(n=count))
            return redirect(f"{reverse('grain_subsidy:security')}?round={round_.pk}")
        elif action == "rectify":
            count = services.issue_rectifications(round_, actor=request.user)
            messages.success(request, _("已下发整改任务：{n} 块红色预警地块").format(n=count))
        elif action == "payment_file":
            payment_file = services.make_payment_file(round_, actor=request.user)
            return redirect("grain_subsidy:payment_detail", pk=payment_file.pk)
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("grain_subsidy:round_detail", pk=round_.pk)


@login_required
@require_POST
def line_check(request, pk: int):
    """The clerk's manual check of a held plot: release it for payment or exclude it."""
    line = queries.line_for(request.user, pk)
    try:
        services.check_held_plot(line, passed=request.POST.get("decision") == "pass",
                                 note=request.POST.get("note", ""), actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(f"{reverse('grain_subsidy:round_detail', args=[line.round_id])}?status=held")


@login_required
def security(request):
    """Grain security (粮食安全预警): a round's plots warned against storage returns and surveys, and the depots'
    grain and seed stock in three colours."""
    require(request.user, "grain_subsidy.plot.view")
    rounds = list(queries.rounds_for(request.user).exclude(status=RoundStatus.DRAFT))
    wanted = request.GET.get("round", "")
    round_ = next((r for r in rounds if str(r.pk) == wanted), rounds[0] if rounds else None)
    warnings = services.plot_warnings(round_) if round_ else []
    counts = {kind: sum(1 for w in warnings if w.kind == kind) for kind in services.storage.KIND_COLOUR}
    return render(request, "grain_subsidy/security.html", {
        "rounds": rounds, "round": round_, "warnings": warnings[:200], "warning_total": len(warnings),
        "counts": [(reason_text(f"warning:{kind}"), services.storage.KIND_COLOUR[kind], n) for kind, n in counts.items()],
        "holdable": sum(1 for w in warnings if w.status == LineStatus.PASSED),
        "may_manage": round_ is not None and can(request.user, "grain_subsidy.plot.manage", round_.region),
        "depots": services.depot_warnings()})


# ---------------------------------------------------------------- payment files

@login_required
def payment_list(request):
    require(request.user, "grain_subsidy.plot.view")
    files = queries.payment_files_for(request.user)
    return render(request, "grain_subsidy/payment_list.html", {"files": files})


@login_required
def payment_detail(request, pk: int):
    payment_file = queries.payment_file_for(request.user, pk)
    may_approve = (can(request.user, "grain_subsidy.payment.approve", payment_file)
                   and payment_file.status != PaymentFileStatus.PAID
                   and request.user.pk not in (payment_file.made_by_id, payment_file.first_approver_id))
    return render(request, "grain_subsidy/payment_detail.html", {"file": payment_file, "may_approve": may_approve})


@login_required
@require_POST
def payment_approve(request, pk: int):
    payment_file = queries.payment_file_for(request.user, pk)
    try:
        services.approve_payment_file(payment_file, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("grain_subsidy:payment_detail", pk=payment_file.pk)


@login_required
def payment_download(request, pk: int):
    payment_file = queries.payment_file_for(request.user, pk)
    with transaction.atomic():
        audit.record("grain_subsidy.payment_file.downloaded", actor=request.user, target=payment_file,
                     data={"number": payment_file.number})
    response = HttpResponse(payment_file.content, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{payment_file.number}.txt"'
    return response


# ---------------------------------------------------------------- cockpit

# The cockpit page, its JSON data and the XLSX export of one analysis (core.dashboards.cockpit_views).
cockpit, cockpit_data, cockpit_export = cockpit_views(
    "grain_subsidy.overview", permission="grain_subsidy.cockpit.view", analyses=lambda request: analytics.analyses(request.user))


# ---------------------------------------------------------------- 一张图

def _map_town(request):
    codes = region_choices(request.user, levels=("town",))
    wanted = request.GET.get("town") or _first_town_with_plots(request.user, codes)
    town = region_by_code(wanted) if wanted in {code for code, _name in codes} else None
    return town, codes


def _first_town_with_plots(user, codes) -> str:
    """The first town (in the dropdown's order) where the user sees plots: the map opens on land, not on nothing."""
    held = set(queries.plots_for(user).filter(region__code__in=[code for code, _name in codes]).order_by()
               .values_list("region__code", flat=True).distinct())
    return next((code for code, _name in codes if code in held), codes[0][0] if codes else "")


@login_required
def plot_map(request):
    """The 一张图: a town's plots coloured by survey class or by a round's warning, filtered by village."""
    require(request.user, "grain_subsidy.plot.view")
    town, towns = _map_town(request)
    rounds = list(queries.rounds_for(request.user).exclude(status=RoundStatus.DRAFT))
    villages = sorted(set(queries.plots_for(request.user).filter(region=town).values_list("village", flat=True))) \
        if town else []
    query = request.GET.copy()
    if town:
        query["town"] = town.code
    data = MapData(legend=mapping.legend(by_warning=bool(request.GET.get("round"))), centre=(121.0, 30.7))
    return render(request, "grain_subsidy/plot_map.html", {
        "towns": towns, "town": town, "villages": villages, "rounds": rounds, "data": data,
        "village": request.GET.get("village", ""), "round_id": request.GET.get("round", ""),
        "data_url": f"{reverse('grain_subsidy:map_data')}?{query.urlencode()}" if town else ""})


@login_required
def map_data(request):
    """The town's plots in the map's view (``bbox``) as GeoJSON, clustered where they are too many to draw (the map
    page fetches it as the view moves; also for GIS tools)."""
    require(request.user, "grain_subsidy.plot.view")
    town, _towns = _map_town(request)
    if town is None:
        raise Http404(_("没有这个乡镇"))
    round_ = queries.round_for(request.user, int(request.GET["round"])) if request.GET.get("round", "").isdigit() \
        else None
    try:
        bbox = mapping.parse_bbox(request.GET.get("bbox", ""))
    except ValidationError as exc:
        return JsonResponse({"errors": exc.message_dict}, status=400)
    body = mapping.town_collection(town, village=request.GET.get("village", ""), round_=round_, bbox=bbox)
    return HttpResponse(body, content_type="application/geo+json")


# ---------------------------------------------------------------- surveys

@login_required
def survey_list(request):
    """The aerial surveys of the county, and the upload of a survey's result file."""
    require(request.user, "grain_subsidy.plot.view")
    county = _county(request.user)
    may_upload = county is not None and can(request.user, "grain_subsidy.plot.manage", county)
    form = SurveyUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and may_upload and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = importing.read_survey_file(upload.name, upload.read())
            survey = services.record_survey(region=county, name=form.cleaned_data["name"],
                                            taken_on=form.cleaned_data["taken_on"], rows=rows,
                                            source=upload.name, actor=request.user)
            messages.success(request, _("已导入 {n} 个地块的监测结果").format(n=survey.results.count()))
            return redirect("grain_subsidy:survey_list")
        except ValidationError as exc:
            errors = [m for messages_ in exc.message_dict.values() for m in messages_]
    surveys = queries.surveys_for(request.user)
    return render(request, "grain_subsidy/survey_list.html", {"surveys": surveys, "form": form, "errors": errors,
                                                              "may_upload": may_upload})
