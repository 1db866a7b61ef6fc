"""Cockpit pages: the renderer, and the three views (page, JSON data, XLSX export) most scenes need from it."""

from collections.abc import Callable
from typing import NamedTuple

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from zhili.core.identity.permissions import require

from .cockpit import Cockpit, cockpits
from .export import xlsx_response


def render_cockpit(request, cockpit: Cockpit, filters: list[dict], *, subtitle: str = "", extra: dict | None = None):
    """Render ``dashboards/cockpit.html``: the filter form (``filters``: name, label, type select/date/hidden,
    options as (value, label) pairs, value) and an empty panel per widget that ``cockpit.js`` fills."""
    context = {
        "cockpit": cockpit,
        "filters": filters,
        "subtitle": subtitle,
        "data_url": reverse(cockpit.data_url_name),
        "export_url": reverse(cockpit.export_url_name, args=["__code__"]),
        **(extra or {}),
    }
    return render(request, "dashboards/cockpit.html", context)


class CockpitViews(NamedTuple):
    """A cockpit's page, its JSON data endpoint and its XLSX export of one analysis (``code`` in the URL)."""

    page: Callable
    data: Callable
    export: Callable


def cockpit_views(cockpit_code: str, *, permission: str, analyses: Callable[..., dict],
                  filters: Callable[..., list[dict]] | None = None, subtitle: str = "",
                  extra: Callable[..., dict] | None = None) -> CockpitViews:
    """The three views of the registered cockpit ``cockpit_code``, each for signed-in users holding ``permission``.

    ``analyses(request)`` returns the table results (``table_result``) by analysis code, already limited to what
    ``request.user`` may see and to the request's filters; ``filters(request)`` the filter form (see
    ``render_cockpit``), ``extra(request)`` more page context. An export of an analysis ``analyses`` does not
    return answers 404. The export writes each cell as shown on the page (suppressed cells as "<5").

        cockpit, cockpit_data, cockpit_export = cockpit_views(
            "my_scene.overview", permission="my_scene.cockpit.view", analyses=lambda request: _analyses(request.user))
    """

    @login_required
    def page(request):
        require(request.user, permission)
        return render_cockpit(request, cockpits[cockpit_code], filters(request) if filters else [],
                              subtitle=subtitle, extra=extra(request) if extra else None)

    @login_required
    def data(request):
        require(request.user, permission)
        return JsonResponse({"analyses": analyses(request), "status": "", "scope": {}, "version": 0},
                            json_dumps_params={"ensure_ascii": False})

    @login_required
    def export(request, code: str):
        require(request.user, permission)
        result = analyses(request).get(code)
        if result is None:
            raise Http404("没有这项分析")
        rows = [[cell.get("display") if isinstance(cell, dict) else cell for cell in row] for row in result["rows"]]
        return xlsx_response(f"{result['title']}.xlsx", result["title"], result["headers"], rows)

    return CockpitViews(page, data, export)
