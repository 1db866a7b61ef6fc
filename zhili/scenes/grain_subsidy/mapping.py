"""The 一张图: plots as GeoJSON for core.ui's map, coloured by survey class or by a round's warning.

A town holds some 20,000 plots, too many to send and draw at once, so the map asks for what its view shows
(``bbox``): where that area holds at most ``PLOT_LIMIT`` plots they come as polygons, written from the boundaries'
stored JSON text without decoding it (each outline has 5–8 vertices and needs no simplifying); where it holds more,
the plots are counted in SQL on a grid of ``GRID`` cells over the area and each cell comes as one point, sized by its
count, in the colour of its commonest class, with the count of each class. A request without ``bbox`` covers the town
(or the village), so the map opens on the town's clusters and turns to polygons as the user zooms in. By class, that
opening is counted on the fixed grid cell each plot stores when it is written (``geometry.grid_cell``), one read of
one index; by a round's colour it goes through the grid over the town's extent. Either is cached under the version of
the data it was drawn from.
"""

import hashlib
import json
import math
from collections import defaultdict

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, F, Max, Min, TextField
from django.db.models.functions import Cast, Floor
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from zhili.core.ui.api import MapData, polygon

from .choices import LandUse, WarningColour
from .geometry import CELL_DEG
from .models import Plot, PreVerifiedPlot

PLOT_LIMIT = 2500  # polygons in one answer at most (a desktop view at zoom 16 holds about 1,200 plots)
GRID = (16, 10)  # cluster cells across and up the area asked for
CACHE_SECONDS = 120  # a write committed late under an older timestamp shows at most this late


def legend(by_warning: bool) -> list[tuple[str, str]]:
    choices = WarningColour if by_warning else LandUse
    return [(str(choice.label), choice.colour) for choice in choices]


def parse_bbox(text: str) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees, or None for an empty text; a bad box is a ValidationError."""
    if not text:
        return None
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise ValidationError({"bbox": _("范围应为“西,南,东,北”四个经纬度数")}) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ValidationError({"bbox": _("范围的西应小于东、南应小于北，且在经纬度范围内")})
    return west, south, east, north


def _version(town, village: str, round_) -> str:
    """What the town's opening view depends on, read from two indexes: its plots' count and newest change and, on a
    round, the round's newest line change. Every write of a plot or a line sets ``updated_at``."""
    plots = Plot.objects.filter(region=town)
    if village:
        plots = plots.filter(village=village)
    seen = plots.order_by().aggregate(n=Count("id"), at=Max("updated_at"))
    version = f"{seen['n']}:{seen['at']}"
    if round_ is not None:
        version += f":{PreVerifiedPlot.objects.filter(round=round_).order_by().aggregate(at=Max('updated_at'))['at']}"
    return version


def town_collection(town, *, village: str = "", round_=None, bbox=None) -> bytes:
    """A FeatureCollection of the town's plots in ``bbox`` (all the town's without it), as UTF-8 JSON bytes, with
    ``legend``, ``total`` (plots in the area) and ``clustered`` (whether the features are cluster points).

    The opening view (no ``bbox``) clusters the whole town, some 20,000 rows; it is kept in the cache under the
    version of the data it was drawn from (``_version``), so it is drawn again only after a plot or line changed."""
    if bbox is None:
        state = f"{village}|{round_.pk if round_ else '-'}|{_version(town, village, round_)}|{translation.get_language()}"
        key = f"grain_subsidy.map.{town.pk}.{hashlib.sha256(state.encode()).hexdigest()}"
        found = cache.get(key)
        if found is None:
            found = _collection(town, village=village, round_=round_, bbox=None)
            cache.set(key, found, CACHE_SECONDS)
        return found
    return _collection(town, village=village, round_=round_, bbox=bbox)


def _cells(town, village: str, choice: dict) -> tuple[int, list[str]]:
    """The town's opening view by class: plots counted per stored grid cell (``geometry.grid_cell``, about 1 km),
    one index read with no arithmetic per row; each cell one point at its centre."""
    plots = Plot.objects.filter(region=town)
    if village:
        plots = plots.filter(village=village)
    merged = defaultdict(list)
    for x, y, value, n in (plots.order_by().values_list("cell_x", "cell_y", "land_use")
                           .annotate(n=Count("*")).values_list("cell_x", "cell_y", "land_use", "n")):
        merged[(x, y)].append((n, value, (x + 0.5) * CELL_DEG, (y + 0.5) * CELL_DEG))
    return sum(n for classes in merged.values() for n, *_rest in classes), _cluster_features(merged, choice)


def _collection(town, *, village: str, round_, bbox) -> bytes:
    plots = Plot.objects.filter(region=town)
    if village:
        plots = plots.filter(village=village)
    if bbox:
        west, south, east, north = bbox
        plots = plots.filter(min_lon__lte=east, max_lon__gte=west, min_lat__lte=north, max_lat__gte=south)
    if round_ is None:
        rows, prefix, key = plots.order_by(), "", "land_use"
        choice = {c.value: (str(c.label), c.colour) for c in LandUse}
    else:
        rows = PreVerifiedPlot.objects.filter(round=round_, plot__in=plots.order_by().values("id")).order_by()
        prefix, key = "plot__", "colour"
        choice = {c.value: (str(c.label), c.colour) for c in WarningColour}
    if bbox is None and round_ is None:
        total, features = _cells(town, village, choice)
        if total > PLOT_LIMIT:
            return _answer(choice, total, True, features)
    extent = rows.aggregate(n=Count("*"), w=Min(f"{prefix}min_lon"), s=Min(f"{prefix}min_lat"),
                            e=Max(f"{prefix}max_lon"), n_=Max(f"{prefix}max_lat"))
    total = extent["n"]
    if total <= PLOT_LIMIT:
        features, clustered = _polygons(rows, prefix, key, choice), False
    else:
        area = bbox or (extent["w"], extent["s"], extent["e"], extent["n_"])
        features, clustered = _clusters(rows, prefix, key, choice, area), True
    return _answer(choice, total, clustered, features)


def _answer(choice: dict, total: int, clustered: bool, features: list[str]) -> bytes:
    legend_json = json.dumps([{"label": label, "colour": colour} for label, colour in choice.values()],
                             ensure_ascii=False)
    return ('{"type":"FeatureCollection","legend":' + legend_json + f',"total":{total},'
            f'"clustered":{json.dumps(clustered)},"features":[' + ",".join(features) + "]}").encode()


def _polygons(rows, prefix: str, key: str, choice: dict) -> list[str]:
    base = reverse("grain_subsidy:plot_detail", args=[0])[:-2]
    values = rows.annotate(b=Cast(F(f"{prefix}boundary"), TextField())).values_list(
        f"{prefix}id" if prefix else "id", f"{prefix}code", f"{prefix}village", key, "b")
    parts = []
    for pk, code, village_name, value, boundary in values.iterator(chunk_size=PLOT_LIMIT + 1):
        label, colour = choice[value]
        props = json.dumps({"title": code, "colour": colour, "lines": [village_name, label], "group": label,
                            "url": f"{base}{pk}/"}, ensure_ascii=False)
        parts.append(f'{{"type":"Feature","geometry":{boundary},"properties":{props}}}')
    return parts


def _clusters(rows, prefix: str, key: str, choice: dict, area) -> list[str]:
    west, south, east, north = area
    step_x = (east - west) / GRID[0] or 1e-6
    step_y = (north - south) / GRID[1] or 1e-6
    cells = (rows.annotate(cx=Floor((F(f"{prefix}min_lon") - west) / step_x),
                           cy=Floor((F(f"{prefix}min_lat") - south) / step_y))
             .values("cx", "cy", key)
             .annotate(n=Count("*"), lon=Avg((F(f"{prefix}min_lon") + F(f"{prefix}max_lon")) / 2),
                       lat=Avg((F(f"{prefix}min_lat") + F(f"{prefix}max_lat")) / 2))
             .order_by())
    merged = defaultdict(list)
    for cell in cells:
        merged[(cell["cx"], cell["cy"])].append((cell["n"], cell[key], cell["lon"], cell["lat"]))
    return _cluster_features(merged, choice)


def _cluster_features(merged: dict, choice: dict) -> list[str]:
    """One point per cell (``merged``: cell → [(count, class, lon, lat)]), sized by its count, in the colour of its
    commonest class, listing the count of each class."""
    parts = []
    for classes in merged.values():
        count = sum(n for n, _value, _lon, _lat in classes)
        lon = sum(n * x for n, _value, x, _lat in classes) / count
        lat = sum(n * y for n, _value, _lon, y in classes) / count
        classes.sort(key=lambda item: (-item[0], item[1]))
        label, colour = choice[classes[0][1]]
        lines = [f"{choice[value][0]} {n}" for n, value, _lon, _lat in classes] + [_("放大地图可见各地块")]
        props = json.dumps({"title": _("{n} 块地块").format(n=count), "colour": colour, "group": label,
                            "radius": round(6 + 2 * math.log10(count) * 2, 1), "lines": lines},
                           ensure_ascii=False)
        parts.append(f'{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{lon:.6f},{lat:.6f}]}},'
                     f'"properties":{props}}}')
    return parts


def plot_map(plot) -> MapData:
    """One plot on the map, in its survey class's colour."""
    use = LandUse(plot.land_use)
    return MapData(legend=[(str(use.label), use.colour)]).add(
        polygon(plot.boundary, title=plot.code, colour=use.colour, lines=[plot.village, str(use.label)]))


def farmer_map(lines) -> MapData:
    """A farmer's pre-verified plots in their warning colours, for the phone page."""
    data = MapData(legend=legend(by_warning=True))
    for line in lines:
        colour = WarningColour(line.colour)
        data.add(polygon(line.plot.boundary, title=line.plot.code, colour=colour.colour,
                         lines=[_("{area} 亩 · {amount} 元").format(area=line.eligible_area_mu, amount=line.amount_yuan),
                                str(colour.label)]))
    return data
