"""Pages of the 浙里好家政 scene: the worker's code and the customer's scan (phone-first), the agency's workers and
notice slips, the clerk's registry and watch list, the cockpit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Avg, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.dashboards.api import cockpit_views, count_cell, table_result
from zhili.core.identity.api import can, require
from zhili.core.notify.api import qr_svg
from zhili.core.ui.api import Column, ListPage, export_xlsx

from . import maps, queries, services
from .choices import CodeColour, OrderStatus, RatingTarget, SeekerStage, ServiceKind
from .forms import ChecksForm, LiftForm, WorkerFilterForm
from .models import CodeScan, Complaint, Rating
from .rules import rule


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# ---------------------------------------------------------------- worker and customer (phone)

@login_required
def my_code(request):
    """The worker's own 安心码: the QR code to show, why this colour, what to do, and who scanned it."""
    require(request.user, "housekeeping.code.show")
    worker = queries.own_worker(request.user)
    if worker is None:
        raise Http404(_("您还不是在册的家政服务员"))
    token = services.issue_code(worker)
    url = request.build_absolute_uri(reverse("housekeeping:scan", args=[token]))
    return render(request, "housekeeping/worker_code.html", {
        "worker": worker, "colour": worker.colour, "qr": qr_svg(url, scale=5), "scan_url": url,
        "slips": worker.slips.all()[:5], "scans": CodeScan.objects.filter(worker=worker).select_related(
            "scanned_by")[:10], "orders": queries.visible_orders(request.user).filter(worker=worker)[:10]})


@login_required
def scan(request, token: str):
    """What a customer sees on scanning a code: masked identity, certificates, grade and colour — or a refusal."""
    found = services.scan_code(token, actor=request.user)
    return render(request, "housekeeping/code_scan.html", {"found": found, "worker": found.worker,
                                                           "today": timezone.localdate()},
                  status=200 if found.worker else 410)


# ---------------------------------------------------------------- agency

@login_required
def agency_home(request):
    """The agency's workers by colour and its open notice slips to sign for."""
    require(request.user, "housekeeping.agency.manage")
    agencies = queries.visible_agencies(request.user)
    workers = queries.visible_workers(request.user)
    slips = queries.visible_slips(request.user).filter(status="sent")
    counts = [(CodeColour(c), n) for c, n in queries.colour_counts(workers).items()]
    return render(request, "housekeeping/agency_home.html", {
        "agencies": agencies, "workers": workers.order_by("code_colour", "name")[:200], "slips": slips,
        "counts": counts, "orders": queries.visible_orders(request.user).filter(
            status__in=["offered", "accepted", "scheduled", "in_service"])[:50]})


@login_required
@require_POST
def slip_acknowledge(request, pk: int):
    slip = queries.slip_for(request.user, pk)
    try:
        services.acknowledge_slip(slip, actor=request.user)
        messages.success(request, _("已签收整改通知单"))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("housekeeping:agency_home")


# ---------------------------------------------------------------- clerk

WORKER_COLUMNS = [
    Column("code_key", _("安心码编号"), sort="code_key"), Column("name", _("姓名"), sort="name"),
    Column("agency", _("所属机构"), sort="agency__name"), Column("colour", _("安心码"), sort="code_colour"),
    Column("stars", _("信用星级"), sort="stars"), Column("updated", _("赋码时间"), sort="code_updated_at"),
]


@login_required
def worker_list(request):
    """Workers in the clerk's region (or the agency's own), by colour, with filters and XLSX export."""
    require(request.user, "housekeeping.worker.view")
    workers = queries.visible_workers(request.user)
    counts = [(CodeColour(c), n) for c, n in queries.colour_counts(workers).items()]
    form = WorkerFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("colour"):
        workers = workers.filter(code_colour=filters["colour"])
    if filters.get("watch"):
        workers = workers.filter(on_watch_list=True)
    if filters.get("q"):
        q = filters["q"]
        workers = workers.filter(Q(name__contains=q) | Q(code_key__icontains=q) | Q(agency__name__contains=q))
    listing = ListPage(request, workers, columns=WORKER_COLUMNS, default_sort="code_key", per_page=20)
    if listing.wants_export:
        header = [_("安心码编号"), _("姓名"), _("身份证号码"), _("所属机构"), _("服务项目"), _("安心码"), _("信用星级"),
                  _("重点关注"), _("赋码时间")]
        rows = ([w.code_key, w.masked_name, w.masked_id_number, w.agency.name,
                 "、".join(str(ServiceKind(s).label) for s in w.skills), str(w.colour.label), w.stars,
                 _("是") if w.on_watch_list else "", timezone.localtime(w.code_updated_at) if w.code_updated_at else ""]
                for w in listing.queryset.iterator(chunk_size=2000))
        return export_xlsx(request, what="housekeeping.workers", title=_("家政服务员"), header=header, rows=rows,
                           file_name="家政服务员.xlsx")
    return render(request, "housekeeping/worker_list.html", {
        "form": form, "listing": listing, "page": listing.page, "counts": counts, "map": maps.worker_map(workers),
        "may_recompute": can(request.user, "housekeeping.codes.recompute", None)})


@login_required
def worker_detail(request, pk: int):
    worker = queries.worker_for(request.user, pk)
    may_check = can(request.user, "housekeeping.checks.record", worker)
    form = ChecksForm(initial={"background_check": worker.background_check,
                               "health_certificate_expires": worker.health_certificate_expires,
                               "insurance_expires": worker.insurance_expires}) if may_check else None
    return render(request, "housekeeping/worker_detail.html", {
        "worker": worker, "form": form, "slips": worker.slips.all()[:20],
        "scans": CodeScan.objects.filter(worker=worker).select_related("scanned_by")[:20]})


@login_required
@require_POST
def worker_checks(request, pk: int):
    """Record check results for a worker and recompute their code at once."""
    worker = queries.worker_for(request.user, pk)
    form = ChecksForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}：{'；'.join(errors)}")
        return redirect(worker)
    try:
        services.record_checks(worker, actor=request.user, **form.cleaned_data)
        services.recompute_codes(timezone.localdate(), actor=request.user, workers=[worker])
        messages.success(request, _("已录入核验结果并重新赋码"))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(worker)


@login_required
@require_POST
def recompute(request):
    require(request.user, "housekeeping.codes.recompute", None)
    report = services.recompute_codes(timezone.localdate(), actor=request.user)
    messages.success(request, _("已重新赋码 {n} 人，其中变化 {c} 人，发出整改通知单 {s} 张").format(
        n=report.evaluated, c=report.changed, s=report.slips))
    return redirect("housekeeping:worker_list")


@login_required
def watch_list(request):
    require(request.user, "housekeeping.cockpit.view")
    entries = queries.visible_watch_list(request.user)
    return render(request, "housekeeping/watch_list.html", {"entries": entries[:200], "form": LiftForm()})


@login_required
@require_POST
def watch_lift(request, pk: int):
    entry = queries.watch_entry_for(request.user, pk)
    try:
        services.lift_watch(entry, note=request.POST.get("note", ""), actor=request.user)
        messages.success(request, _("已移出重点关注名单"))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("housekeeping:watch_list")


# ---------------------------------------------------------------- cockpit

def _analyses(user) -> dict:
    """The cockpit's figures for the clerk's region: codes, grades, orders, response time, ratings, 当家政."""
    workers = queries.visible_workers(user)
    rows = [[str(CodeColour(c).label), count_cell(n)] for c, n in queries.colour_counts(workers).items()]
    agencies = queries.visible_agencies(user)
    grade_rows = [[_("{n}A").format(n=s), count_cell(agencies.filter(stars=s).count())] for s in range(5, 0, -1)]
    star_rows = [[_("{n}星").format(n=s), count_cell(workers.filter(stars=s, active=True).count())]
                 for s in range(5, 0, -1)]
    orders = queries.visible_orders(user)
    order_rows = [[str(OrderStatus(s).label), count_cell(orders.filter(status=s).count())] for s in OrderStatus.values]
    target = rule("response_target_minutes", timezone.localdate()).value
    answered = sorted(orders.exclude(response_minutes=None).values_list("response_minutes", flat=True))
    median = answered[len(answered) // 2] if answered else None
    response_rows = [[_("中位响应时长（分钟）"), count_cell(median) if median is not None else "—"],
                     [_("参考线（分钟）"), count_cell(int(target))],
                     [_("达标订单"), count_cell(sum(1 for m in answered if m <= target))],
                     [_("已接单订单"), count_cell(len(answered))]]
    ratings = Rating.objects.filter(order__in=orders)
    rating_rows = [[str(RatingTarget(t).label), count_cell(ratings.filter(target=t).count()),
                    f"{ratings.filter(target=t).aggregate(a=Avg('stars'))['a'] or 0:.2f}"] for t in RatingTarget.values]
    complaints = Complaint.objects.filter(worker__in=workers)
    complaint_rows = [[_("投诉"), count_cell(complaints.count())],
                      [_("成立"), count_cell(complaints.filter(upheld=True).count())]]
    seekers = queries.visible_seekers(user)
    seeker_rows = [[str(s.label), count_cell(seekers.filter(stage=s.value).count())] for s in SeekerStage]
    return {"colours": table_result("colours", "安心码分布", ["码色", "人数"], rows, chart="pie"),
            "agency_grades": table_result("agency_grades", "机构信用等级", ["等级", "机构数"], grade_rows, chart="bar"),
            "worker_stars": table_result("worker_stars", "服务员信用星级", ["星级", "人数"], star_rows, chart="bar"),
            "orders": table_result("orders", "订单状态", ["状态", "订单数"], order_rows, chart="bar"),
            "response": table_result("response", "接单响应（种子材料参考线 20 分钟）", ["指标", "数值"], response_rows, chart="table"),
            "ratings": table_result("ratings", "评价", ["对象", "评价数", "平均星级"], rating_rows, chart="table"),
            "complaints": table_result("complaints", "投诉", ["项目", "件数"], complaint_rows, chart="table"),
            "seekers": table_result("seekers", "当家政：从推送到首单", ["进度", "人数"], seeker_rows, chart="bar")}


# The cockpit page, its JSON data and the XLSX export of one analysis (core.dashboards.cockpit_views).
cockpit, cockpit_data, cockpit_export = cockpit_views(
    "housekeeping.overview", permission="housekeeping.cockpit.view", analyses=lambda request: _analyses(request.user))
