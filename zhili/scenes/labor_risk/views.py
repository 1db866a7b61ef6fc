"""Pages: the inspectors' warning list and its export, an enterprise's profile, the cockpit, an enterprise's own code."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from zhili.core.identity.api import require
from zhili.core.indicators.api import Level, check_status_code, issue_status_code, status_code_svg
from zhili.core.ui.api import Column, ListPage, export_xlsx

from . import queries
from .advice import advice_for
from .forms import WarningFilterForm
from .indicators import LABOR_RISK, SYSTEM_CODE
from .models import MonitoredEnterprise
from .permissions import may_view_entity

LIST_COLUMNS = [
    Column("name", _("企业名称"), sort="name"), Column("uscc", _("统一社会信用代码")), Column("region", _("所在镇街"), sort="region__name"),
    Column("industry", _("行业")), Column("level", _("预警等级"), sort="rank"), Column("score", _("风险得分"), sort="score"),
    Column("period", _("评估期间"), sort="period"),
]


def _filter_form(request) -> WarningFilterForm:
    return WarningFilterForm(request.GET or None, user=request.user)


def _export(request, enterprises):
    """The warning list, with the same filters, as an XLSX workbook; who exported which rows is audited."""
    header = [_("统一社会信用代码"), _("企业名称"), _("所在镇街"), _("行业"), _("预警等级"), _("风险得分"), _("评估期间")]
    rows = ([e.uscc, e.name, e.region.name, e.industry_name, str(Level(e.level).label), float(e.score), e.period]
            for e in enterprises.select_related("region").iterator(chunk_size=2000))
    return export_xlsx(request, what="labor_risk.warnings", title=_("预警清单"), header=header, rows=rows,
                       file_name="labor_risk_warnings.xlsx")


@login_required
def warning_list(request):
    """预警清单: enterprises with a warning level in the inspector's region, filtered by level, town, industry."""
    require(request.user, "labor_risk.warning.view")
    form = _filter_form(request)
    enterprises = queries.warning_list(request.user, **form.filters())
    listing = ListPage(request, enterprises, columns=LIST_COLUMNS, default_sort=("-rank", "-score", "uscc"),
                       per_page=50)
    if listing.wants_export:
        return _export(request, listing.queryset)
    return render(request, "labor_risk/warning_list.html", {"page": listing.page, "listing": listing, "form": form})


@login_required
def warning_export(request):
    """The warning list, with the same filters, as an XLSX workbook (the list's own 导出 Excel link does the same)."""
    require(request.user, "labor_risk.warning.view")
    return _export(request, queries.warning_list(request.user, **_filter_form(request).filters()))


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
