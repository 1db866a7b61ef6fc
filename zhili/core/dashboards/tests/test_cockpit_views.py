"""core.dashboards.cockpit_views: one cockpit's page, JSON data and XLSX export, each behind login and permission."""

import io
import re

import openpyxl
import pytest
from django.utils import translation

from zhili.core.dashboards.api import Cockpit, Widget, cockpits
from zhili.core.identity.permissions import rules

from . import cockpit_urls

pytestmark = pytest.mark.urls("zhili.core.dashboards.tests.cockpit_urls")


@pytest.fixture(autouse=True)
def test_cockpit(monkeypatch):
    """A cockpit and a rule of its own (both registries are frozen after start-up, so patched for the test)."""
    cockpit = Cockpit(code="dashboards_test.overview", title="测试", widgets=(Widget("people", "人数", chart="pie"),),
                      data_url_name="dashboards_test_data",
                      export_url_name="dashboards_test_export")
    monkeypatch.setitem(cockpits._items, cockpit.code, cockpit)
    monkeypatch.setitem(rules._items, "dashboards_test.cockpit.view", lambda user, obj: user.username == "officer_wang")
    cockpit_urls.SEEN.clear()


def test_holder_sees_page_data_and_export(client, officer_wang):
    client.force_login(officer_wang)

    page = client.get("/dashboards-test/?region=330182")
    data = client.get("/dashboards-test/data/?region=330182").json()
    export = client.get("/dashboards-test/export/people/?region=330182")

    assert page.status_code == 200
    assert page.context["data_url"] == "/dashboards-test/data/" and page.context["report_url"] == "/report/"
    assert page.context["filters"][0]["value"] == "330182" and page.context["subtitle"] == "测试驾驶舱"
    assert [row[0] for row in data["analyses"]["people"]["rows"]] == ["甲", "乙"]
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "甲" in values and "<5" in values and 3 not in values
    assert cockpit_urls.SEEN == ["330182", "330182"]


def test_unknown_analysis_is_404(client, officer_wang):
    client.force_login(officer_wang)

    assert client.get("/dashboards-test/export/nothing/").status_code == 404


def test_others_are_refused_and_anonymous_sent_to_login(client, worker_zhang):
    anonymous = [client.get(url).status_code for url in ("/dashboards-test/", "/dashboards-test/data/", "/dashboards-test/export/people/")]
    client.force_login(worker_zhang)
    refused = [client.get(url).status_code for url in ("/dashboards-test/", "/dashboards-test/data/", "/dashboards-test/export/people/")]

    assert anonymous == [302, 302, 302]
    assert refused == [403, 403, 403]
    assert cockpit_urls.SEEN == []


def test_every_cockpit_title_reads_in_english():
    """Cockpit and widget titles are marked for translation where a scene declares them; in English none is Chinese."""
    with translation.override("en"):
        titles = [(c.code, str(title)) for c in cockpits.values() if not c.code.startswith("dashboards_test")
                  for title in (c.title, *(w.title for w in c.widgets))]
    untranslated = [f"{code}: {title}" for code, title in titles if re.search(r"[\u4e00-\u9fff]", title)]
    assert len(titles) > 50 and not untranslated, untranslated
