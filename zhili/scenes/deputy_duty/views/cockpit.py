"""The 人大代表履职 cockpit (驾驶舱) on core.dashboards: opinions by state, class and station, satisfaction."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse

from zhili.core.dashboards.api import cockpits, render_cockpit, xlsx_response
from zhili.core.identity.api import require

from .. import analysis


def _analyses(user) -> dict:
    return analysis.cockpit_analyses(user)


@login_required
def cockpit(request):
    require(request.user, "deputy_duty.cockpit.view")
    return render_cockpit(request, cockpits["deputy_duty.overview"], [])


@login_required
def cockpit_data(request):
    require(request.user, "deputy_duty.cockpit.view")
    return JsonResponse({"analyses": _analyses(request.user), "status": "", "scope": {}, "version": 0},
                        json_dumps_params={"ensure_ascii": False})


@login_required
def cockpit_export(request, code: str):
    require(request.user, "deputy_duty.cockpit.view")
    result = _analyses(request.user).get(code)
    if result is None:
        raise Http404("没有这项分析")
    rows = [[cell.get("display") if isinstance(cell, dict) else cell for cell in row] for row in result["rows"]]
    return xlsx_response(f"{result['title']}.xlsx", result["title"], result["headers"], rows)
