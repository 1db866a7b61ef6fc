"""Pages of the governance side: services matched by grade (the enterprise's and the officer's), the 亩均 file,
warnings and rectification, the map."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.foundation.api import audit
from zhili.core.identity.api import require
from zhili.core.ui.api import export_xlsx

from . import diagnosis, effects, governance, matching, queries
from .choices import CarbonLevel, EnergyKind


@login_required
def services_mine(request):
    """The enterprise's services: each matched by its year grade, with the reason for every condition, and what
    drives its grade (energy kinds against its industry, volatility)."""
    require(request.user, "carbon_code.enterprise.own")
    cards = []
    for enterprise in queries.own_enterprises(request.user):
        year = queries.latest_year_result(enterprise)
        cards.append({"enterprise": enterprise, "year": year, "services": matching.services_for(year),
                      "diagnosis": diagnosis.diagnose(year) if year else None})
    return render(request, "carbon_code/services_mine.html", {"cards": cards})


def _service_choice(request) -> str:
    code = request.GET.get("service") or matching.SERVICES[0]
    if code not in matching.SERVICES:
        raise Http404(_("没有这项服务"))
    return code


@login_required
def services_officer(request):
    """Who in the officer's region qualifies for each service (有序用电名单 among them), with the reasons; XLSX."""
    require(request.user, "carbon_code.result.view")
    code = _service_choice(request)
    period = governance.latest_year(request.user)
    results = queries.visible_results(request.user).filter(period=period or "-")
    found = matching.qualifying(results, code)
    domain_policies = {c: governance.policy(c) for c in matching.SERVICES}
    if request.GET.get("format") == "xlsx":
        header = [_("企业"), _("统一社会信用代码"), _("所在区划"), _("行业大类"), _("年度"), _("标识"), _("碳效值 K"),
                  _("单位增加值碳排放 L（t/万元）"), _("依据"), _("说明")]
        return export_xlsx(request, what=f"carbon_code.services.{code}", title=domain_policies[code].name,
                           header=header, rows=([r.enterprise.name, r.enterprise.uscc, r.region.name, r.industry_code,
                                                 r.period, r.label, r.k_value, r.intensity, matching.reasons(d), detail]
                                                for r, d, detail in found))
    return render(request, "carbon_code/services_officer.html", {
        "code": code, "policy": domain_policies[code], "policies": domain_policies.items(), "period": period,
        "rows": [(r, matching.reasons(d), detail) for r, d, detail in found],
        "graded": results.filter(status="graded").count()})


@login_required
def muni_export(request):
    """The carbon indicator rows for the 亩均论英雄 evaluation (fixed column names; CSV, or XLSX with format=xlsx)."""
    require(request.user, "carbon_code.result.view")
    period = governance.latest_year(request.user)
    results = queries.visible_results(request.user).filter(period=period or "-")
    rows = matching.muni_rows(results)
    if request.GET.get("format") == "xlsx":
        return export_xlsx(request, what="carbon_code.muni", title=_("亩均论英雄碳效指标"), header=matching.MUNI_HEADER,
                           rows=rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(matching.MUNI_HEADER)
    writer.writerows(rows)
    audit.record("carbon_code.muni.exported", actor=request.user, data={"period": period, "rows": len(rows)})
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="carbon-muni-{period}.csv"'
    return response


@login_required
@require_POST
def effects_publish(request):
    """Recount the latest year's 30 effect indicators now (the daily job does it too)."""
    require(request.user, "carbon_code.evaluation.run")
    period = governance.latest_year(request.user)
    if period:
        effects.publish_effects(period, actor=request.user)
        messages.success(request, _("{period} 年度应用成效指标已更新").format(period=period))
    return redirect("carbon_code:cockpit")


@login_required
def warnings(request):
    """Worsening grades (year on year, month on month) and the rectification cases pushed to the departments."""
    require(request.user, "carbon_code.result.view")
    return render(request, "carbon_code/warnings.html", {
        "worse": governance.worsening(request.user), "cases": governance.rectification_cases(request.user),
        "period": governance.latest_year(request.user)})


@login_required
def carbon_map(request):
    """The map: each county (or town) in view at its centre, coloured by its carbon index; a click drills down."""
    require(request.user, "carbon_code.cockpit.view")
    data, unplaced = governance.map_data(request.user, region=request.GET.get("region", "").strip()[:12])
    return render(request, "carbon_code/map.html", {"data": data, "unplaced": unplaced,
                                                    "levels": CarbonLevel, "kinds": EnergyKind})
