"""Pages of the 童装产业大脑 scene: the firm's desk (brand, factory, supplier), the design library, the worker's
phone page, the bank's desk, the officer's map, orders, procurement and credit, and the cockpit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.dashboards.api import cockpit_views, table_result, value_cell
from zhili.core.foundation.api import add_service_errors
from zhili.core.identity.api import require
from zhili.core.orgs.api import Organization, OrganizationKind
from zhili.core.sharing.api import NotShared
from zhili.core.ui.api import MapData, point

from . import credit, designs, monitoring, procurement, queries, services, workers
from .choices import FirmRole, OrderStatus
from .forms import CapacityForm, DesignForm, JobForm, NeedForm, OrderForm, ProfileForm
from .models import JobMatch, SeasonalJob, WorkerProfile

ROLE_COLOURS = {FirmRole.BRAND: "#7048e8", FirmRole.FACTORY: "#1e6fd9", FirmRole.SUPPLIER: "#f5871f",
                FirmRole.PRINTER: "#0ca678"}


def _submit(request, form, call) -> bool:
    """Run ``call(**cleaned_data)`` for a valid POSTed form; put a service's errors on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            call(**form.cleaned_data)
            return True
        except ValidationError as exc:
            add_service_errors(form, exc)
    return False


def _firm(request):
    firm = queries.my_firm(request.user)
    if firm is None:
        raise Http404("您不属于入驻企业")
    return firm


@login_required
def firm_home(request):
    """A firm's desk: its capacity, and what its role does (orders, parts, jobs, quotes), its needs."""
    firm, user = _firm(request), request.user
    which = request.POST.get("form", "")
    capacity = CapacityForm(request.POST if which == "capacity" else None, initial={
        "lines": firm.lines, "machines": firm.machines, "skilled_workers": firm.skilled_workers,
        "monthly_capacity": firm.monthly_capacity}, prefix="cap")
    order = OrderForm(request.POST if which == "order" else None, prefix="order")
    need = NeedForm(request.POST if which == "need" else None, prefix="need")
    job = JobForm(request.POST if which == "job" else None, prefix="job")
    done = (_submit(request, capacity, lambda **d: services.update_capacity(firm, actor=user, **d)) if which == "capacity"
            else _submit(request, order, lambda **d: services.post_order(brand=firm, actor=user, **d))
            if which == "order" else _submit(request, need, lambda **d: procurement.post_need(firm=firm, actor=user, **d))
            if which == "need" else _submit(request, job, lambda **d: workers.post_job(factory=firm, actor=user, **d))
            if which == "job" else False)
    if done:
        return redirect("industry_brain:firm_home")
    context = {"firm": firm, "capacity_form": capacity, "order_form": order, "need_form": need, "job_form": job,
               "orders": queries.orders(user).filter(brand=firm), "parts": queries.parts(user),
               "late": {p.pk for p in queries.late_risk(user)}, "needs": firm.needs.select_related("batch"),
               "batches": queries.batches(user).filter(status="rfq") if firm.role == FirmRole.SUPPLIER else [],
               "jobs": firm.jobs.all(), "matches": JobMatch.objects.filter(job__factory=firm).select_related(
                   "worker__user", "job"),
               "profile": getattr(firm, "credit", None), "loans": queries.loans(user),
               "banks": Organization.objects.filter(kind=OrganizationKind.BANK, region=firm.region)}
    return render(request, "industry_brain/firm_home.html", context)


@login_required
@require_POST
def part_answer(request, pk: int):
    part = queries.part_for(request.user, pk)
    try:
        if "made" in request.POST:
            services.report_progress(part, made=request.POST.get("made"), checked=request.POST.get("checked"),
                                     passed=request.POST.get("passed"), actor=request.user)
        else:
            services.respond_part(part, accept=request.POST.get("answer") == "accept", actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("industry_brain:firm_home")


@login_required
def order_detail(request, pk: int):
    order = queries.order_for(request.user, pk)
    if request.method == "POST":
        try:
            services.record_payment(order, amount=request.POST.get("amount"), actor=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect("industry_brain:order_detail", pk=order.pk)
    return render(request, "industry_brain/order_detail.html",
                  {"order": order, "parts": order.parts.select_related("factory__organization")})


@login_required
@require_POST
def quote(request, pk: int):
    batch = queries.batch_for(request.user, pk)
    try:
        procurement.submit_quote(batch, supplier=_firm(request), unit_price=request.POST.get("unit_price"),
                                 actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("industry_brain:firm_home")


@login_required
@require_POST
def loan_apply(request):
    firm = _firm(request)
    bank = Organization.objects.filter(kind=OrganizationKind.BANK, pk=request.POST.get("bank")).first()
    try:
        credit.apply_loan(firm=firm, bank=bank, amount=request.POST.get("amount"), actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("industry_brain:firm_home")


@login_required
def design_list(request):
    """The design library: search by tag; a firm adds designs (file checked)."""
    firm = queries.my_firm(request.user)
    form = DesignForm(request.POST or None, request.FILES or None)
    if firm and request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.pop("file")
        try:
            designs.add_design(owner=firm, actor=request.user, file_name=upload.name,
                               content=upload.read(designs_limit() + 1), **form.cleaned_data)
            return redirect("industry_brain:design_list")
        except ValidationError as exc:
            add_service_errors(form, exc)
    tag = request.GET.get("tag", "")
    return render(request, "industry_brain/design_list.html",
                  {"designs": queries.designs(request.user, tag)[:100], "form": form if firm else None, "tag": tag})


def designs_limit() -> int:
    from django.utils import timezone

    from .rules import value

    return int(value("design_max_bytes", timezone.localdate()))


@login_required
def design_detail(request, pk: int):
    design = queries.design_for(request.user, pk)
    firm = queries.my_firm(request.user)
    if request.method == "POST" and firm:
        try:
            designs.license_design(design, licensee=firm, actor=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect("industry_brain:design_detail", pk=design.pk)
    licensed = firm is not None and (design.owner_id == firm.pk or design.licences.filter(licensee=firm).exists())
    if request.GET.get("download") and (licensed or design.licence == "free"):
        response = HttpResponse(bytes(design.content), content_type="application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="design-{design.pk}.{design.file_type}"'
        return response
    return render(request, "industry_brain/design_detail.html",
                  {"design": design, "firm": firm, "licensed": licensed,
                   "similar": queries.similar_designs(request.user, design)})


@login_required
def worker_home(request):
    """The worker's phone page: profile, the jobs that fit, invitations to answer."""
    require(request.user, "industry_brain.worker.act", None)
    profile = queries.profile_of(request.user)
    initial = ({"skills": profile.skills, "piece_rate": profile.piece_rate, "available_from": profile.available_from,
                "available_to": profile.available_to} if profile else {})
    form = ProfileForm(request.POST if request.POST.get("form") == "profile" else None, initial=initial)
    region = profile.region if profile else _worker_region(request.user)
    if _submit(request, form, lambda **d: workers.save_profile(user=request.user, region=region, actor=request.user,
                                                               **d)):
        return redirect("industry_brain:worker_home")
    matches = JobMatch.objects.filter(worker=profile).select_related("job__factory__organization") if profile else []
    return render(request, "industry_brain/worker_home.html", {
        "form": form, "profile": profile, "jobs": workers.jobs_for(profile) if profile else [], "matches": matches})


def _worker_region(user):
    from zhili.core.orgs.api import region_by_code

    from .demo import COUNTY

    return region_by_code(COUNTY)


@login_required
@require_POST
def match_action(request):
    """Apply for a job (worker), invite a worker (factory), or answer a match."""
    user = request.user
    try:
        if request.POST.get("match"):
            match = JobMatch.objects.filter(pk=request.POST["match"]).select_related("worker", "job__factory").first()
            if match is None:
                raise Http404
            workers.answer_match(match, accept=request.POST.get("answer") == "accept", actor=user)
        elif request.POST.get("worker"):
            job = SeasonalJob.objects.filter(pk=request.POST.get("job"), factory=_firm(request)).first()
            profile = WorkerProfile.objects.filter(pk=request.POST["worker"]).first()
            if job is None or profile is None:
                raise Http404
            workers.propose_match(profile=profile, job=job, by_worker=False, actor=user)
        else:
            job = SeasonalJob.objects.filter(pk=request.POST.get("job")).first()
            profile = queries.profile_of(user)
            if job is None or profile is None:
                raise Http404
            workers.propose_match(profile=profile, job=job, by_worker=True, actor=user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect(request.POST.get("next") or "industry_brain:worker_home")


@login_required
def bank_home(request):
    """The bank's desk: loan requests, the firm's credit profile read under its grant, decisions."""
    require(request.user, "industry_brain.loan.decide", _bank_of(request.user))
    loans = list(queries.loans(request.user))
    shown = {}
    read = request.GET.get("read")
    for loan in loans:
        if str(loan.pk) == read:
            try:
                shown[loan.pk] = credit.read_credit(loan, actor=request.user)
            except NotShared:
                messages.error(request, "企业的授权已撤回或过期，无法查阅")
    return render(request, "industry_brain/bank_home.html", {"loans": loans, "shown": shown})


def _bank_of(user):
    from zhili.core.identity.api import organizations_of

    from .roles import BANK

    return Organization.objects.filter(pk__in=organizations_of(user, BANK)).first()


@login_required
@require_POST
def loan_decide(request, pk: int):
    loan = queries.loan_for(request.user, pk)
    try:
        credit.decide_loan(loan, approve=request.POST.get("decision") == "approve", note=request.POST.get("note", ""),
                           actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("industry_brain:bank_home")


def _district(user):
    """The officer's district (the first region of their scope; the demo district for a platform administrator)."""
    from zhili.core.identity.api import scope_region_paths
    from zhili.core.orgs.api import Region, region_by_code

    from .demo import COUNTY

    paths = scope_region_paths(user)
    if paths is None:
        return region_by_code(COUNTY)
    region = Region.objects.filter(path__in=paths).order_by("path").first()
    if region is None:
        raise Http404
    return region


@login_required
def firm_list(request):
    """The officer's industry map and directory (产业地图)."""
    require(request.user, "industry_brain.district.manage", None)
    found = queries.firms(request.user)
    role = request.GET.get("role", "")
    if role in FirmRole.values:
        found = found.filter(role=role)
    data = MapData(legend=[(str(FirmRole(r).label), c) for r, c in ROLE_COLOURS.items()])
    for firm in found[:3000]:
        data.add(point(firm.lon, firm.lat, title=firm.name, colour=ROLE_COLOURS[firm.role],
                       group=str(firm.role_choice.label),
                       lines=[str(firm.role_choice.label), f"月产能 {firm.monthly_capacity} 件", firm.speciality_labels]))
    return render(request, "industry_brain/firm_list.html", {"firms": found[:200], "map": data, "role": role,
                                                             "roles": FirmRole, "headline": queries.headline(request.user)})


@login_required
def order_list(request):
    """The officer's orders, the dispatch button, the last plans with their cost against the baseline."""
    require(request.user, "industry_brain.district.manage", None)
    from .models import DispatchPlan

    if request.method == "POST":
        try:
            plan = services.dispatch_orders(region=_district(request.user), actor=request.user)
            if plan is None:
                messages.info(request, "没有待派单的订单")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect("industry_brain:order_list")
    orders = queries.orders(request.user)
    return render(request, "industry_brain/order_list.html", {
        "orders": orders[:200], "posted": orders.filter(status=OrderStatus.POSTED).count(),
        "plans": DispatchPlan.objects.filter(region__in=[_district(request.user)])[:5],
        "late": queries.late_risk(request.user)})


@login_required
def procurement_list(request):
    """The officer pools open needs into requests for quotation and awards them."""
    require(request.user, "industry_brain.district.manage", None)
    if request.method == "POST":
        try:
            if request.POST.get("batch"):
                procurement.award_batch(queries.batch_for(request.user, int(request.POST["batch"])), actor=request.user)
            else:
                procurement.pool_needs(region=_district(request.user), actor=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect("industry_brain:procurement_list")
    return render(request, "industry_brain/procurement_list.html",
                  {"batches": queries.batches(request.user).prefetch_related("quotes__supplier__organization",
                                                                             "needs__firm__organization")[:50]})


@login_required
def credit_list(request):
    """The officer recomputes credit profiles; loans and their cycle times."""
    require(request.user, "industry_brain.district.manage", None)
    from .models import CreditProfile

    if request.method == "POST":
        credit.compute_profiles(region=_district(request.user), actor=request.user)
        return redirect("industry_brain:credit_list")
    profiles = CreditProfile.objects.filter(firm__in=queries.firms(request.user)).select_related(
        "firm__organization").order_by("-score")
    return render(request, "industry_brain/credit_list.html",
                  {"profiles": profiles[:200], "loans": queries.loans(request.user)[:50]})


@login_required
def monitoring_list(request):
    """The officer's monthly monitoring: each district firm's warning level, the indicators that fired, and a new
    evaluation over the monthly dataset on request."""
    require(request.user, "industry_brain.district.manage", None)
    if request.method == "POST":
        run = monitoring.evaluate(actor=request.user, region=_district(request.user))
        messages.success(request, _("已评估 {n} 家企业（{period}）").format(n=run.entity_count, period=run.period))
        return redirect("industry_brain:monitoring_list")
    return render(request, "industry_brain/monitoring_list.html",
                  {"results": monitoring.results_for(queries.firms(request.user))})


def _analyses(user) -> dict:
    head = queries.headline(user)
    # Firms, orders and output are not people: their figures are published as they are (value_cell); small-cell
    # suppression (count_cell) is for figures that could point at a person.
    roles = [[str(label), value_cell(n)] for label, n in head["by_role"].items()]
    statuses = [[str(OrderStatus(s).label), value_cell(queries.orders(user).filter(status=s).count())]
                for s in OrderStatus.values]
    from django.db.models import Sum

    from .models import MonthlyReport

    months = (MonthlyReport.objects.filter(firm__in=queries.firms(user)).values("month")
              .annotate(output=Sum("output_pieces"), energy=Sum("energy_kwh")).order_by("month"))
    monthly = [[m["month"], value_cell(m["output"]), value_cell(m["energy"])] for m in months]
    return {"roles": table_result("roles", "入驻企业（按角色）", ["角色", "家数"], roles, chart="pie"),
            "orders": table_result("orders", "云工厂订单状态", ["状态", "单数"], statuses, chart="bar"),
            "monthly": table_result("monthly", "月度产量与用电", ["月份", "产量（件）", "用电（千瓦时）"], monthly,
                                    chart="line")}


cockpit, cockpit_data, cockpit_export = cockpit_views(
    "industry_brain.overview", permission="industry_brain.cockpit.view", analyses=lambda request: _analyses(request.user))
