"""The cockpit page renderer scenes call from their own views (they check permissions and scope first)."""

from django.shortcuts import render
from django.urls import reverse

from .cockpit import Cockpit


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
