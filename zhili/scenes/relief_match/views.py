"""Pages: the household's phone pages (apply, authorise, progress, 幸福清单, 微心愿), the governance lists and
detail pages with their actions, the home visit on a phone, and the cockpit with the seven indicators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.foundation.api import XlsxWriter
from zhili.core.identity.api import can, require

from . import queries, services
from .choices import ApplicationStatus, Category, MatchStatus, VisitStatus, WarningStatus, WishKind, WishStatus
from .models import HelpMatch, HomeVisit, ReliefApplication, ReliefHousehold, Wish


def _errors(request, problem: ValidationError) -> None:
    for message in problem.messages:
        messages.error(request, message)


def _own_household(user) -> ReliefHousehold | None:
    return ReliefHousehold.objects.select_related("region").filter(user=user).first()


# --- Service side (phone) -------------------------------------------------------------------------------------

@login_required
def home(request):
    """The household's own page: its category, applications in progress, the 幸福清单 and wishes."""
    household = _own_household(request.user)
    if household is None and can(request.user, "relief_match.household.view"):
        return redirect("relief_match:applications")
    if household is None:
        raise Http404(_("您的账号尚未关联救助家庭"))
    return render(request, "relief_match/household_home.html", {
        "household": household, "applications": household.applications.order_by("-id")[:5],
        "list": queries.happiness_list(household),
        "open_application": household.applications.filter(status__in=[
            ApplicationStatus.AUTHORIZING, ApplicationStatus.CHECKING, ApplicationStatus.VISITING]).first()})


@login_required
def apply(request):
    """Apply online: the facts the data pool holds are shown to confirm; the reason is the only thing to write."""
    household = _own_household(request.user)
    if household is None:
        raise Http404(_("您的账号尚未关联救助家庭"))
    kept = services.kept_facts(household)
    if request.method == "POST":
        if not request.POST.get("confirm"):
            messages.error(request, _("请确认以上家庭情况属实"))
        else:
            try:
                application = services.start_application(household, actor=request.user,
                                                          reason=request.POST.get("reason", ""), channel="online")
            except ValidationError as problem:
                _errors(request, problem)
            else:
                return redirect("relief_match:authorize", pk=application.pk)
    return render(request, "relief_match/application_form.html", {"household": household, "kept": kept})


def _application_for(user, pk: int) -> ReliefApplication:
    application = get_object_or_404(ReliefApplication.objects.select_related("household__region"), pk=pk)
    if application.applicant_id != user.pk and not can(user, "relief_match.household.view", application.household):
        raise Http404
    return application


@login_required
def authorize(request, pk: int):
    """Read the authorisation for the economic check and e-sign it."""
    application = _application_for(request.user, pk)
    if request.method == "POST":
        try:
            services.authorize_check(application, actor=request.user, relation=request.POST.get("relation", ""),
                                     intent_confirmed=bool(request.POST.get("intent")),
                                     ip_address=request.META.get("REMOTE_ADDR", ""))
        except ValidationError as problem:
            _errors(request, problem)
        except PermissionDenied as problem:
            messages.error(request, str(problem))
        else:
            messages.success(request, _("已签署授权书，正在核对"))
            return redirect("relief_match:application_detail", pk=application.pk)
    return render(request, "relief_match/application_authorize.html", {
        "application": application, "text": services.AUTHORIZATION_TEMPLATE})


@login_required
def application_detail(request, pk: int):
    """Progress and result of an application, with the check's explanation and the matched helps."""
    application = _application_for(request.user, pk)
    return render(request, "relief_match/application_detail.html", {
        "application": application, "visit": HomeVisit.objects.filter(application=application).first(),
        "matches": application.matches.order_by("policy_name"),
        "can_decide": can(request.user, "relief_match.application.decide", application),
        "categories": [c for c in Category if c != Category.NONE]})


def happiness_by_code(request, token: str):
    """The 幸福清单 reached by scanning the household's code: helps and wishes, no names."""
    household = get_object_or_404(ReliefHousehold, code_token=token)
    return render(request, "relief_match/happiness_list.html", {"household": household,
                                                                "list": queries.happiness_list(household)})


@login_required
def household_code(request):
    """The household's code (救助码) as SVG: scanning it opens the 幸福清单."""
    import segno

    household = _own_household(request.user)
    if household is None:
        raise Http404
    url = request.build_absolute_uri(reverse("relief_match:happiness", args=[household.code_token]))
    buffer = __import__("io").BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=6, border=2)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@login_required
def wishes(request):
    """微心愿: open needs to claim, one's own needs and offers, and posting a new one."""
    if request.method == "POST":
        try:
            services.post_wish(actor=request.user, kind=request.POST.get("kind", ""), title=request.POST.get("title", ""),
                               description=request.POST.get("description", ""))
        except ValidationError as problem:
            _errors(request, problem)
        except PermissionDenied as problem:
            messages.error(request, str(problem))
        else:
            messages.success(request, _("心愿已发布"))
        return redirect("relief_match:wishes")
    return render(request, "relief_match/wish_list.html", {
        "open_needs": Wish.objects.filter(kind=WishKind.NEED, status=WishStatus.OPEN).exclude(
            household__user=request.user)[:50],
        "mine": Wish.objects.filter(poster=request.user)[:50],
        "claimed": Wish.objects.filter(claimed_by=request.user)[:50],
        "household": _own_household(request.user), "kinds": WishKind.choices})


@login_required
@require_POST
def wish_action(request, pk: int, action: str):
    wish = get_object_or_404(Wish, pk=pk)
    try:
        if action == "claim":
            services.claim_wish(wish, actor=request.user)
        elif action == "fulfil":
            services.fulfil_wish(wish, actor=request.user)
        elif action == "rate":
            services.rate_wish(wish, actor=request.user, rating=int(request.POST.get("rating") or 0))
        else:
            raise Http404
    except ValidationError as problem:
        _errors(request, problem)
    except PermissionDenied as problem:
        messages.error(request, str(problem))
    return redirect("relief_match:wishes")


@login_required
@require_POST
def rate_match(request, pk: int):
    match = get_object_or_404(HelpMatch, pk=pk)
    if match.household.user_id != request.user.pk:
        raise Http404
    try:
        services.rate_match(match, actor=request.user, rating=int(request.POST.get("rating") or 0))
    except ValidationError as problem:
        _errors(request, problem)
    return redirect("relief_match:home")


# --- Governance side ------------------------------------------------------------------------------------------

@login_required
def warning_list(request):
    require(request.user, "relief_match.household.view")
    rule, status = request.GET.get("rule", ""), request.GET.get("status", "")
    found = queries.warnings_for(request.user, rule=rule, status=status)
    if request.GET.get("export") == "xlsx":
        writer = XlsxWriter()
        sheet = writer.add_sheet(_("主动发现预警"), header=[_("家庭编码"), _("所在村"), _("预警"), _("发现日期"),
                                                          _("状态"), _("工单")])
        for w in found.iterator(chunk_size=2000):
            sheet.append([w.household.key, w.household.region.name, w.rule_name, w.found_on.isoformat(),
                          str(w.status_choice.label), w.case.number if w.case else ""])
        return writer.response("relief_match_warnings.xlsx")
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(request, "relief_match/warning_list.html", {
        "page": page, "filters": request.GET, "statuses": WarningStatus.choices,
        "query": request.GET.urlencode()})


@login_required
def application_list(request):
    require(request.user, "relief_match.household.view")
    found = queries.applications_for(request.user, status=request.GET.get("status", ""))
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(request, "relief_match/application_list.html", {
        "page": page, "filters": request.GET, "statuses": ApplicationStatus.choices})


@login_required
@require_POST
def decide(request, pk: int):
    """Recognise (with a category) or refuse an application after its home visit."""
    application = _application_for(request.user, pk)
    try:
        if request.POST.get("decision") == "approve":
            matches = services.approve_application(application, actor=request.user,
                                                   category=request.POST.get("category") or None)
            messages.success(request, _("已认定，匹配并推送 {n} 项帮扶").format(n=len(matches)))
        else:
            services.reject_application(application, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("已作出不予认定的决定"))
    except ValidationError as problem:
        _errors(request, problem)
    return redirect("relief_match:application_detail", pk=application.pk)


@login_required
def visit_list(request):
    """The worker's home visits on a phone: those assigned to them first."""
    require(request.user, "relief_match.household.view")
    visits = HomeVisit.objects.select_related("application__household__region").filter(
        application__in=queries.applications_for(request.user))
    return render(request, "relief_match/visit_list.html", {
        "assigned": visits.filter(status=VisitStatus.ASSIGNED).order_by("id"),
        "done": visits.filter(status=VisitStatus.DONE).order_by("-visited_at")[:20]})


@login_required
def visit_record(request, pk: int):
    visit = get_object_or_404(HomeVisit.objects.select_related("application__household__region"), pk=pk)
    if not can(request.user, "relief_match.visit.record", visit):
        raise Http404
    if request.method == "POST":
        try:
            services.record_home_visit(
                visit, actor=request.user, notes=request.POST.get("notes", ""),
                consistent=request.POST.get("consistent") == "yes",
                latitude=request.POST.get("latitude") or None, longitude=request.POST.get("longitude") or None,
                photos=request.FILES.getlist("photos"))
        except ValidationError as problem:
            _errors(request, problem)
        else:
            messages.success(request, _("入户核查已记录"))
            return redirect("relief_match:visits")
    return render(request, "relief_match/visit_form.html", {"visit": visit})


@login_required
def match_list(request):
    require(request.user, "relief_match.household.view")
    found = queries.matches_for(request.user, status=request.GET.get("status", ""), owner=request.GET.get("owner", ""))
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(request, "relief_match/match_list.html", {
        "page": page, "filters": request.GET, "statuses": MatchStatus.choices})


@login_required
@require_POST
def deliver(request, pk: int):
    match = get_object_or_404(HelpMatch.objects.select_related("household__region"), pk=pk)
    if not can(request.user, "relief_match.household.view", match.household):
        raise Http404
    try:
        services.deliver_match(match, actor=request.user, funds_in_place=request.POST.get("funds_in_place") == "yes")
    except ValidationError as problem:
        _errors(request, problem)
    return redirect("relief_match:matches")


@login_required
def household_detail(request, key: str):
    household = get_object_or_404(ReliefHousehold.objects.select_related("region"), key=key)
    if not can(request.user, "relief_match.household.view", household):
        raise Http404
    return render(request, "relief_match/household_detail.html", {
        "household": household, "warnings": household.warnings.all(), "list": queries.happiness_list(household),
        "applications": household.applications.order_by("-id")})


@login_required
def cockpit(request):
    """The seven evaluation indicators for the reader's scope, per town (or per village of a chosen town)."""
    require(request.user, "relief_match.household.view")
    from zhili.core.orgs.api import region_by_code

    region = region_by_code(request.GET.get("region", "")) if request.GET.get("region") else None
    figures = queries.indicators(request.user, region)
    chart = {"labels": [c["region"].name for c in figures["children"]],
             "series": {name: [c["figures"][name]["value"] for c in figures["children"]]
                        for name in queries.INDICATORS}}
    return render(request, "relief_match/cockpit.html", {"figures": figures, "region": region, "chart": chart})
