"""Survey files (GeoJSON and zipped shapefiles read by pyshp) and the 一张图's GeoJSON of a town."""

import io
import json
import zipfile

import shapefile
from django.core.files.uploadedfile import SimpleUploadedFile

from zhili.core.testing.api import PASSWORD
from zhili.scenes.grain_subsidy import importing
from zhili.scenes.grain_subsidy.models import Plot, Survey

from .conftest import rectangle


def _shapefile_zip(records) -> bytes:
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON, encoding="utf-8") as writer:
        writer.field("DKBM", "C", 40)
        writer.field("SXLX", "C", 20)
        for column, (code, klass) in enumerate(records):
            writer.poly(rectangle(column)["coordinates"])
            writer.record(code, klass)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for suffix, buffer in (("shp", shp), ("shx", shx), ("dbf", dbf)):
            archive.writestr(f"survey.{suffix}", buffer.getvalue())
        archive.writestr("survey.cpg", "UTF-8")
    return out.getvalue()


def test_a_zipped_shapefile_with_chinese_classes_is_read_by_line():
    rows = importing.read_survey_file("q2.zip", _shapefile_zip([("P1", "粮"), ("P2", "非农"), ("P3", "常年撂荒")]))
    assert rows == [(1, "P1", "grain"), (2, "P2", "non_agri"), (3, "P3", "perennial")]


def test_the_clerk_uploads_a_survey_and_a_bad_file_is_reported_by_line_without_writing(plots, clerk_qian, county,
                                                                                       client):
    client.login(username="clerk_qian", password=PASSWORD)
    bad = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": rectangle(0), "properties": {"plot_code": "P1", "land_use": "粮"}},
        {"type": "Feature", "geometry": rectangle(9), "properties": {"plot_code": "Z9", "land_use": "粮"}}]}
    page = client.post("/grain_subsidy/surveys/", {
        "name": "第二季度", "taken_on": "2026-07-01",
        "file": SimpleUploadedFile("q2.geojson", json.dumps(bad).encode())}).content.decode()
    assert "第 2 行：地块编码 Z9 不在本区域的地块库中" in page
    assert Survey.objects.count() == 1
    good = client.post("/grain_subsidy/surveys/", {
        "name": "第二季度", "taken_on": "2026-07-01",
        "file": SimpleUploadedFile("q2.zip", _shapefile_zip([("P1", "季节性撂荒"), ("P4", "粮")]))})
    assert good.status_code == 302
    assert dict(Plot.objects.values_list("code", "land_use")) == {"P1": "seasonal", "P2": "seasonal",
                                                                  "P3": "non_agri", "P4": "grain"}


def test_the_town_map_serves_each_plot_in_its_class_colour(plots, clerk_qian, clerk_sun, town, client):
    client.login(username="clerk_qian", password=PASSWORD)
    collection = client.get(f"/grain_subsidy/map/data/?town={town.code}").json()
    features = {f["properties"]["title"]: f for f in collection["features"]}
    assert sorted(features) == ["P1", "P2", "P3", "P4"]
    assert features["P3"]["properties"]["colour"] == "#d93026"  # 非农化: red
    assert features["P1"]["geometry"] == plots["P1"].boundary
    client.login(username="clerk_sun", password=PASSWORD)
    assert client.get(f"/grain_subsidy/map/data/?town={town.code}").status_code == 404


def test_the_map_serves_the_view_it_shows_and_clusters_what_is_too_many(plots, clerk_qian, county, town, client,
                                                                        monkeypatch):
    from zhili.core.testing.api import RegionFactory
    from zhili.scenes.grain_subsidy import mapping

    RegionFactory(code="330182100000", name="寿昌镇", level="town", parent=county)  # first in the list, no plots
    client.login(username="clerk_qian", password=PASSWORD)
    assert client.get("/grain_subsidy/map/").context["town"] == town  # opens on the first town with plots
    west, south = rectangle(0)["coordinates"][0][0]
    east, north = rectangle(1)["coordinates"][0][2]
    view = client.get(f"/grain_subsidy/map/data/?town={town.code}&bbox={west},{south},{east},{north}").json()
    assert sorted(f["properties"]["title"] for f in view["features"]) == ["P1", "P2"]
    assert (view["total"], view["clustered"]) == (2, False)

    monkeypatch.setattr(mapping, "PLOT_LIMIT", 3)
    town_view = client.get(f"/grain_subsidy/map/data/?town={town.code}").json()
    assert (town_view["total"], town_view["clustered"]) == (4, True)
    assert {f["geometry"]["type"] for f in town_view["features"]} == {"Point"}
    counted = [line for f in town_view["features"] for line in f["properties"]["lines"][:-1]]
    assert sum(int(line.rsplit(" ", 1)[1]) for line in counted) == 4  # every plot in exactly one cluster
    # The opening is cached under its data's version: a plot's change shows at once.
    from django.utils import timezone

    Plot.objects.filter(code="P1").update(land_use="forest", updated_at=timezone.now())
    again = client.get(f"/grain_subsidy/map/data/?town={town.code}").json()
    assert any(line.startswith("林地 ") for f in again["features"] for line in f["properties"]["lines"])

    bad = client.get(f"/grain_subsidy/map/data/?town={town.code}&bbox=121,30,120,31")
    assert bad.status_code == 400 and "bbox" in bad.json()["errors"]
