"""The governance side: the mediator's inbox, the committee's list (filters, search, pages, XLSX), the cockpit."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from zhili.core.dashboards.api import cockpit_views, table_result, xlsx_response
from zhili.core.identity.api import Role, has_role

from .. import queries
from ..choices import DisputeType, MediationStatus
from ..roles import ADMIN

EXPORT_MAX_ROWS = 10_000


@login_required
def inbox(request):
    """The mediator's open cases, the nearest legal deadline first."""
    if not has_role(request.user, Role.MEDIATOR):
        raise PermissionDenied(_("只有调解员可以查看调解员工作台"))
    rows = (queries.visible_mediations(request.user).filter(mediator=request.user)
            .filter(status__in=(MediationStatus.INVITED, MediationStatus.MEDIATING)).order_by("deadline_on", "id"))
    closed = queries.visible_mediations(request.user).filter(mediator=request.user).exclude(
        status__in=(MediationStatus.INVITED, MediationStatus.MEDIATING))[:20]
    return render(request, "mediation/inbox.html", {"rows": rows, "closed": closed})


def _export_rows(rows):
    for m in rows[:EXPORT_MAX_ROWS]:
        yield [m.number, m.region.name, m.get_channel_display(), m.get_dispute_type_display(), m.employer_name,
               m.get_status_display(), getattr(m.mediator, "name", ""), m.received_on.isoformat(),
               m.deadline_on.isoformat(), m.closed_at.date().isoformat() if m.closed_at else ""]


@login_required
def mediation_list(request):
    """The committee's cases in its scope: filter by state and type, search by number or employer, XLSX."""
    if not has_role(request.user, ADMIN, Role.PLATFORM_ADMIN):
        raise PermissionDenied(_("只有调解委员会管理员可以查看案件列表"))
    base = queries.visible_mediations(request.user)
    rows = queries.filtered(base, status=request.GET.get("status", ""), dispute_type=request.GET.get("type", ""),
                            q=request.GET.get("q", ""))
    if request.GET.get("format") == "xlsx":
        headers = ["案号", "区划", "受理渠道", "争议类型", "用人单位", "状态", "调解员", "收到申请", "期限届满", "结案日期"]
        return xlsx_response("调解案件.xlsx", "调解案件", headers, list(_export_rows(rows)))
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    counts = [(MediationStatus(s), n) for s, n in queries.status_counts(base).items()]
    return render(request, "mediation/list.html", {
        "page": page, "counts": counts, "statuses": MediationStatus, "types": DisputeType,
        "query": request.GET.get("q", ""), "status": request.GET.get("status", ""),
        "type": request.GET.get("type", "")})


def _analyses(user) -> dict:
    rows = queries.visible_mediations(user)
    figures = queries.overview(rows)
    rate = figures["settle_rate"]
    return {
        "headline": table_result("headline", "调解概况", ["指标", "数值"], [
            ["案件数", figures["cases"]],
            ["调解成功率", f"{rate * 100:.1f}%" if rate is not None else "—"],
            ["参考线（九龙坡 53 件成功 33 件）", f"{figures['seed_settle_rate'] * 100:.0f}%"],
            ["协议金额（元）", figures["recovered"]],
            ["平均办理天数", figures["average_days"] if figures["average_days"] is not None else "—"],
        ]),
        "status": table_result("status", "案件状态", ["状态", "件数"],
                               [[str(MediationStatus(s).label), n] for s, n in figures["status"].items()],
                               chart="pie"),
        "types": table_result("types", "争议类型", ["类型", "件数"],
                              [[t["label"], t["count"]] for t in figures["types"]], chart="bar"),
        "mediators": table_result("mediators", "调解员", ["调解员", "案件", "成功", "不成", "成功率"], [
            [r["mediator"], r["cases"], r["settled"], r["failed"],
             f"{r['settle_rate'] * 100:.1f}%" if r["settle_rate"] is not None else "—"] for r in figures["mediators"]]),
        "regions": table_result("regions", "区划", ["区划", "案件", "成功"],
                                [[r["region"], r["cases"], r["settled"]] for r in figures["regions"]]),
    }


cockpit, cockpit_data, cockpit_export = cockpit_views(
    "mediation.overview", permission="mediation.cockpit.view", analyses=lambda request: _analyses(request.user))


@login_required
def mediators(request):
    """The committee's roll of mediators (名册): area, types, declared conflicts, open cases; add or change one."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.db.models import Count, Q
    from django.shortcuts import redirect

    from zhili.core.identity.api import User, filter_by_scope, organizations_of
    from zhili.core.orgs.api import Organization

    from .. import services
    from ..choices import OPEN_STATUSES
    from ..models import MediatorProfile

    if not has_role(request.user, ADMIN):
        raise PermissionDenied(_("只有调解委员会管理员可以管理调解员名册"))
    committees = Organization.objects.filter(pk__in=organizations_of(request.user, ADMIN)).select_related("region")
    candidates = User.objects.filter(memberships__organization__in=committees, memberships__role=Role.MEDIATOR,
                                     memberships__is_active=True).distinct().order_by("name")
    if request.method == "POST":
        user = candidates.filter(pk=request.POST.get("user") or 0).first()
        committee = committees.first()
        if user is None or committee is None:
            messages.error(request, _("调解员：请选择本委员会的调解员"))
        else:
            try:
                services.save_mediator_profile(
                    user, organization=committee, region=committee.region, actor=request.user,
                    dispute_types=request.POST.getlist("dispute_types"),
                    conflict_usccs=request.POST.get("conflict_usccs", "").split(),
                    introduction=request.POST.get("introduction", ""), active=request.POST.get("active") == "on")
            except ValidationError as exc:
                for error in exc.messages:
                    messages.error(request, error)
            else:
                messages.success(request, _("已保存"))
        return redirect("mediation:mediators")
    roll = (filter_by_scope(request.user, MediatorProfile.objects.all()).select_related("user", "region", "organization")
            .annotate(load=Count("user__mediation_cases", filter=Q(user__mediation_cases__status__in=OPEN_STATUSES))))
    return render(request, "mediation/mediators.html", {"roll": roll, "candidates": candidates, "types": DisputeType})
