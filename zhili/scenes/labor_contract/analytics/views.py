"""The 就业用工分析 cockpit page, its JSON data and the XLSX export of any of its tables."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.utils import timezone

from zhili.core.dashboards.api import cockpits, render_cockpit, xlsx_response
from zhili.core.foundation.api import audit
from zhili.core.identity.api import require

from . import queries

COCKPIT = "labor_contract.employment"


def _errors(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "；".join(m for messages in exc.message_dict.values() for m in messages)
    return "；".join(exc.messages)


@login_required
def cockpit(request):
    require(request.user, "labor_contract.analytics.view")
    today = timezone.localdate()
    return render_cockpit(request, cockpits[COCKPIT], queries.filter_options(request.user, today),
                          subtitle="劳动合同数据字段拆解：就业结构、行业结构、工资待遇、人才分布与预警")


@login_required
def data(request):
    require(request.user, "labor_contract.analytics.view")
    try:
        payload = queries.cockpit_data(request.user, request.GET)
    except ValidationError as exc:
        return JsonResponse({"error": _errors(exc)}, status=400)
    except PermissionDenied as exc:
        return JsonResponse({"error": str(exc)}, status=403)
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


@login_required
def export(request, code: str):
    require(request.user, "labor_contract.analytics.view")
    try:
        payload = queries.cockpit_data(request.user, request.GET)
    except ValidationError as exc:
        return JsonResponse({"error": _errors(exc)}, status=400)
    result = payload["analyses"].get(code)
    if result is None:
        raise Http404("没有这项分析")
    rows = [[(cell.get("label") if isinstance(cell, dict) and "label" in cell else cell) for cell in row]
            for row in result["rows"]]
    audit.record("labor_contract.analytics.exported", actor=request.user,
                 data={"analysis": code, "filters": dict(request.GET.items())})
    notes = [payload["status"], f"范围：{payload['scope']['label']}"]
    notes += [n for n in (result.get("note"), result.get("reference") and "依据：" + result["reference"]) if n]
    return xlsx_response(f"{result['title']}.xlsx", result["title"], result["headers"], rows, notes=notes)


__all__ = ["PermissionDenied", "cockpit", "data", "export"]
