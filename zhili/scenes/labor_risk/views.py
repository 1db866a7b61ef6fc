"""Pages: the inspectors' warning list and its export, an enterprise's profile, the cockpit, an enterprise's own code."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from zhili.core.foundation.api import XlsxWriter
from zhili.core.identity.api import require
from zhili.core.indicators.api import Level, check_status_code, issue_status_code, status_code_svg

from . import queries
from .advice import advice_for
from .indicators import LABOR_RISK, SYSTEM_CODE
from .models import MonitoredEnterprise
from .permissions import may_view_entity


def _filters(request) -> dict:
    level = request.GET.get("level", "")
    return {"level": level if level in Level.values else "", "region": request.GET.get("region", "").strip(),
            "industry": request.GET.get("industry", "").strip()}


@login_required
def warning_list(request):
    """预警清单: enterprises with a warning level in the inspector's region, filtered by level, town, industry."""
    require(request.user, "labor_risk.warning.view")
    filters = _filters(request)
    enterprises = queries.warning_list(request.user, **filters)
    page = Paginator(enterprises, 50).get_page(request.GET.get("page"))
    return render(request, "labor_risk/warning_list.html", {
        "page": page, "filters": filters, "levels": [Level(v) for v in queries.WARNING_LEVELS],
        "query": request.GET.urlencode(),
    })


@login_required
def warning_export(request):
    """The warning list, with the same filters, as an XLSX workbook."""
    require(request.user, "labor_risk.warning.view")
    enterprises = queries.warning_list(request.user, **_filters(request))
    writer = XlsxWriter()
    sheet = writer.add_sheet(_("预警清单"), header=[
        _("统一社会信用代码"), _("企业名称"), _("所在镇街"), _("行业"), _("预警等级"), _("风险得分"), _("评估期间")])
    for enterprise in enterprises.iterator(chunk_size=2000):
        sheet.append([enterprise.uscc, enterprise.name, enterprise.region.name, enterprise.industry_name,
                      str(Level(enterprise.level).label), float(enterprise.score), enterprise.period])
    return writer.response("labor_risk_warnings.xlsx")


def _enterprise_or_404(user, uscc: str) -> MonitoredEnterprise:
    enterprise = MonitoredEnterprise.objects.select_related("region").filter(uscc=uscc).first()
    if enterprise is None or not may_view_entity(user, uscc):
        raise Http404(_("没有该企业"))  # the same answer for a forbidden one: existence is not disclosed
    return enterprise


@login_required
def profile(request, uscc: str):
    """企业风险画像: level history, the indicators that fired with their source rows, warnings and cases."""
    enterprise = _enterprise_or_404(request.user, uscc)
    context = queries.enterprise_profile(enterprise)
    context["system"] = LABOR_RISK
    return render(request, "labor_risk/enterprise_profile.html", context)


@login_required
def cockpit(request):
    """驾驶舱: the charts read their figures from ``cockpit_data`` (no inline script, CSP)."""
    require(request.user, "labor_risk.warning.view")
    figures = queries.cockpit_figures(request.user, region=request.GET.get("region", "").strip())
    return render(request, "labor_risk/cockpit.html", {"figures": figures})


@login_required
def cockpit_data(request):
    require(request.user, "labor_risk.warning.view")
    return JsonResponse(queries.cockpit_figures(request.user, region=request.GET.get("region", "").strip()))


@login_required
def my_code(request):
    """An enterprise's own colour code and what to fix: nothing about any other enterprise."""
    require(request.user, "labor_risk.own.view")
    items = []
    for enterprise in queries.own_enterprises(request.user):
        token = issue_status_code(SYSTEM_CODE, enterprise.uscc)
        level = check_status_code(token).level or Level.NONE
        profile_data = queries.enterprise_profile(enterprise, with_sources=False)
        items.append({"enterprise": enterprise, "level": Level(level), "svg": status_code_svg(token, level),
                      "advice": advice_for(profile_data["fired"]), "fired": profile_data["fired"]})
    return render(request, "labor_risk/my_code.html", {"items": items})
