"""The one map: features checked when they are made, drawn by Leaflet in Chromium with popups as text."""

import json
import re

import pytest
from django.template import Context, Template
from playwright.sync_api import expect

from zhili.core.testing.api import pages
from zhili.core.ui.api import MapData, line, point, polygon


def test_a_point_is_longitude_first_and_a_swapped_one_is_refused():
    feature = point(119.28, 29.48, title="站", colour="#d63939", lines=["a"], group="站点", code="S1")
    assert feature["geometry"] == {"type": "Point", "coordinates": [119.28, 29.48]}
    assert feature["properties"] == {"title": "站", "colour": "#d63939", "lines": ["a"], "group": "站点",
                                     "code": "S1", "radius": 7}
    with pytest.raises(ValueError, match="经度在前"):
        point(29.48, 200.0, title="bad")


def test_areas_take_rings_or_geometries_and_refuse_other_kinds():
    ring = [(0, 0), (1, 0), (1, 1), (0, 0)]
    assert polygon([ring], title="a")["geometry"] == {"type": "Polygon",
                                                     "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    multi = {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]}
    assert polygon(multi, title="b")["geometry"] is multi
    with pytest.raises(ValueError, match="Polygon"):
        polygon({"type": "Point", "coordinates": [0, 0]}, title="c")
    with pytest.raises(ValueError, match="两个点"):
        line([(0, 0)], title="d")


def test_the_tag_links_leaflet_once_and_escapes_what_features_carry():
    data = MapData(legend=[("红", "#f00")], centre=(119.28, 29.48))
    data.add(point(119.28, 29.48, title="</script><b>x</b>"))
    html = Template("{% load ui %}{% ui_map data %}{% ui_map data label='第二张' %}").render(Context({"data": data}))
    assert html.count("leaflet.js") == 1 and html.count('class="ui-map"') == 2
    assert "</script><b>" not in html  # json_script escapes < and >
    payload = json.loads(re.search(r'<script id="ui-map-1-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert payload["features"][0]["properties"]["title"] == "</script><b>x</b>"
    assert payload["legend"] == [{"label": "红", "colour": "#f00"}] and payload["centre"] == [119.28, 29.48]


@pytest.mark.django_db(transaction=True)
def test_the_map_draws_every_feature_with_text_popups_and_layer_switches_on_a_phone(phone_page, live_server,
                                                                                    officer_wang, page_errors):
    page = phone_page
    pages.sign_in(page, live_server, "officer_wang")
    page.goto(f"{live_server.url}/dummy/map/")
    page.wait_for_selector(".ui-map[data-ready]")
    assert page.locator(".ui-map path.leaflet-interactive").count() == 4  # two points, an area, a line
    assert page.locator(".ui-map-legend").inner_text().split() == ["站点", "地块"]
    page.locator(".ui-map path.leaflet-interactive").first.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    assert popup.inner_text().startswith("新安江站") and popup.locator("a").get_attribute("href") == "/dummy/"
    page.locator(".leaflet-popup-close-button").click()
    expect(popup).to_have_count(0)
    page.locator(".leaflet-control-layers").hover()  # collapsed on a phone: it opens under the finger
    expect(page.locator(".leaflet-control-layers-expanded")).to_have_count(1)
    page.locator(".leaflet-control-layers label:has-text('地块') input").uncheck()
    page.locator(".ui-map").click(position={"x": 10, "y": 200})  # a tap on the map folds it again
    assert page.locator(".ui-map path.leaflet-interactive").count() == 2
    texts = set()
    for i in range(2):
        page.locator(".ui-map path.leaflet-interactive").nth(i).dispatch_event("click")
        texts.add(popup.inner_text())
        page.locator(".leaflet-popup-close-button").click()
        expect(popup).to_have_count(0)
    assert texts == {"新安江站\n24 小时\n查看", "<img src=x onerror=alert(1)>"}  # a title is text, never HTML
    pages.assert_fits(page)
    assert page_errors == []
