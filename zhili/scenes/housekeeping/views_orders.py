"""Pages of 找家政 and 评家政: the customer's request and matches (phone), the order with its three-party contract,
check-in, completion, rating and complaint; the clerk's 当家政 list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.identity.api import can, require

from . import maps, matching, queries, services
from .choices import OrderStatus, SeekerStage
from .forms import RatingForm, RequestForm, SeekerForm
from .models import Worker
from .services.orders import need_of, signer_role


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def customer_home(request):
    """The customer's start page: ask for a service (matched at once), their orders, how to scan a code."""
    require(request.user, "housekeeping.customer.use")
    customer = queries.own_customer(request.user)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and customer is not None and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.request_service(customer=customer, actor=request.user, **data)
            return redirect("housekeeping:request_detail", pk=made.pk)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
    return render(request, "housekeeping/customer_home.html", {
        "customer": customer, "form": form, "orders": queries.visible_orders(request.user)[:20]})


@login_required
def request_detail(request, pk: int):
    """The matches for a request: the ten best workers nearby, each with why, and the button to book one."""
    wanted = queries.request_for(request.user, pk)
    found = matching.nearby(need_of(wanted), limit=10, day=timezone.localdate())
    workers = Worker.objects.select_related("agency").in_bulk([c.worker_id for c in found])
    matches = [(c, workers[c.worker_id]) for c in found]
    return render(request, "housekeeping/request_detail.html", {
        "wanted": wanted, "matches": matches, "map": maps.match_map(wanted, matches),
        "order": wanted.orders.exclude(status__in=[OrderStatus.CANCELLED, OrderStatus.DECLINED]).first()})


@login_required
@require_POST
def request_book(request, pk: int):
    wanted = queries.request_for(request.user, pk)
    worker = Worker.objects.filter(pk=request.POST.get("worker")).first()
    if worker is None:
        raise Http404(_("没有这名服务员"))
    try:
        order = services.book_worker(wanted, worker=worker, actor=request.user)
        messages.success(request, _("已下单，等待家政机构接单"))
        return redirect(order)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("housekeeping:request_detail", pk=wanted.pk)


@login_required
def order_detail(request, pk: int):
    order = queries.order_for(request.user, pk)
    role = signer_role(request.user, order)
    return render(request, "housekeeping/order_detail.html", {
        "order": order, "role": role, "signed": bool(role and getattr(order, f"{role}_signed_at")),
        "may_manage": can(request.user, "housekeeping.agency.manage", order.agency),
        "rating_form": RatingForm(), "ratings": order.ratings.all(),
        "explanation": order.match_explanation})


@login_required
def order_contract(request, pk: int):
    order = queries.order_for(request.user, pk)
    if not order.contract_pdf:
        raise Http404(_("合同尚未生成"))
    response = HttpResponse(bytes(order.contract_pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{order.number}.pdf"'
    return response


@login_required
def order_revocation(request, pk: int):
    """The platform-sealed revocation notice of a contract cancelled after signing (the order's parties only)."""
    order = queries.order_for(request.user, pk)
    if not order.revocation_pdf:
        raise Http404(_("合同未被撤销"))
    response = HttpResponse(bytes(order.revocation_pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{order.number}-revocation.pdf"'
    return response


ACTIONS = {
    "accept": lambda order, request: services.accept_order(order, actor=request.user),
    "decline": lambda order, request: services.decline_order(order, note=request.POST.get("note", ""),
                                                             actor=request.user),
    "sign": lambda order, request: services.sign_contract(order, actor=request.user,
                                                          agreed=request.POST.get("agree") == "on",
                                                          document_sha256=request.POST.get("document_sha256", "")),
    "check_in": lambda order, request: services.check_in(order, latitude=request.POST.get("latitude"),
                                                         longitude=request.POST.get("longitude"),
                                                         actor=request.user),
    "finish": lambda order, request: services.finish_order(order, actor=request.user),
    "cancel": lambda order, request: services.cancel_order(order, note=request.POST.get("note", ""),
                                                           actor=request.user),
    "rate": lambda order, request: services.rate_order(order, target=request.POST.get("target", ""),
                                                       stars=request.POST.get("stars"),
                                                       comment=request.POST.get("comment", ""), actor=request.user),
    "complain": lambda order, request: services.lodge_complaint(order, text=request.POST.get("text", ""),
                                                                actor=request.user),
}


@login_required
@require_POST
def order_act(request, pk: int, action: str):
    """One step on an order (accept, sign, check in, finish, cancel, rate, complain), by the service that owns it."""
    order = queries.order_for(request.user, pk)
    step = ACTIONS.get(action)
    if step is None:
        raise Http404(_("没有这项操作"))
    try:
        step(order, request)
        messages.success(request, _("已办理"))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(order)


@login_required
def seeker_list(request):
    """当家政: low-income and unemployed people who agreed, and their path from the offer to the first order."""
    require(request.user, "housekeeping.cockpit.view")
    form = SeekerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from zhili.core.identity.api import scope_region_paths
        from zhili.core.orgs.api import Region

        paths = scope_region_paths(request.user) or []
        region = Region.objects.filter(path__in=paths).order_by("path").first()
        try:
            services.identify_seeker(region=region, actor=request.user, **form.cleaned_data)
            return redirect("housekeeping:seeker_list")
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
    seekers = queries.visible_seekers(request.user)
    return render(request, "housekeeping/seeker_list.html", {
        "form": form, "seekers": seekers[:200], "stages": list(SeekerStage),
        "counts": [(s, seekers.filter(stage=s.value).count()) for s in SeekerStage]})


@login_required
@require_POST
def seeker_advance(request, pk: int):
    seeker = queries.seeker_for(request.user, pk)
    worker = None
    if request.POST.get("stage") == SeekerStage.REGISTERED:
        worker = Worker.objects.filter(id_number_index=seeker.id_number_index, active=True).first()
    try:
        services.advance_seeker(seeker, stage=request.POST.get("stage", ""), worker=worker, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("housekeeping:seeker_list")
