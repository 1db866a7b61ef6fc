"""URLs of the cockpit built with ``cockpit_views`` in test_cockpit_views (pytest.mark.urls)."""

from django.conf import settings
from django.urls import include, path

from zhili.core.dashboards.api import cockpit_views, count_cell, table_result

SEEN = []


def analyses(request) -> dict:
    SEEN.append(request.GET.get("region", ""))
    return {"people": table_result("people", "人数", ["类别", "人数"], [["甲", count_cell(12)], ["乙", count_cell(3)]])}


page, data, export = cockpit_views(
    "dashboards_test.overview", permission="dashboards_test.cockpit.view", analyses=analyses,
    filters=lambda request: [{"name": "region", "label": "区划", "type": "hidden", "options": [],
                              "value": request.GET.get("region", "")}],
    subtitle="测试驾驶舱", extra=lambda request: {"report_url": "/report/"})

# The page extends the site's layout, which names the site's URLs: the site's URLconf is included by name.
urlpatterns = [
    path("dashboards-test/", page, name="dashboards_test_cockpit"),
    path("dashboards-test/data/", data, name="dashboards_test_data"),
    path("dashboards-test/export/<str:code>/", export, name="dashboards_test_export"),
    path("", include(settings.ROOT_URLCONF)),
]
