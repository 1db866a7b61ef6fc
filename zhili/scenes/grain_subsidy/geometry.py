"""Plot boundaries: GeoJSON polygons in WGS84/CGCS2000 degrees, checked with shapely and measured on the ellipsoid
with pyproj's geodesic (Karney's algorithm on GRS80, the ellipsoid of CGCS2000; WGS84 differs by < 0.1 mm)."""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import shapely
from django.utils.translation import gettext as _
from pyproj import Geod
from shapely.geometry import Polygon, shape
from shapely.validation import explain_validity

GEOD = Geod(ellps="GRS80")
SQUARE_METRES_PER_MU = Decimal(10000) / Decimal(15)  # 1 亩 = 10000/15 m² (市制)
TWO_PLACES = Decimal("0.01")


class BoundaryError(ValueError):
    """A boundary that is not a simple closed polygon in degrees; the message names the rule broken."""


@dataclass(frozen=True)
class Boundary:
    polygon: Polygon
    area_m2: float

    @property
    def area_mu(self) -> Decimal:
        return (Decimal(repr(self.area_m2)) / SQUARE_METRES_PER_MU).quantize(TWO_PLACES, ROUND_HALF_UP)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.polygon.bounds


def _ring_closed(ring) -> bool:
    return len(ring) >= 4 and list(ring[0])[:2] == list(ring[-1])[:2]


def parse(geojson) -> Boundary:
    """The boundary of a GeoJSON Polygon (a Feature's geometry is accepted), or ``BoundaryError``."""
    if isinstance(geojson, dict) and geojson.get("type") == "Feature":
        geojson = geojson.get("geometry")
    if not isinstance(geojson, dict) or geojson.get("type") != "Polygon":
        raise BoundaryError(_("边界须为 GeoJSON 多边形（Polygon）"))
    rings = geojson.get("coordinates")
    if not isinstance(rings, list) or not rings:
        raise BoundaryError(_("多边形没有坐标"))
    for ring in rings:
        if not isinstance(ring, list) or not all(isinstance(p, list | tuple) and len(p) >= 2 for p in ring):
            raise BoundaryError(_("坐标须为 [经度, 纬度] 数对"))
        if not _ring_closed(ring):
            raise BoundaryError(_("多边形未闭合：首尾坐标须相同，且至少 4 个点"))
        for lon, lat, *_rest in ring:
            if not (-180 <= float(lon) <= 180 and -90 <= float(lat) <= 90):
                raise BoundaryError(_("坐标超出经纬度范围：{lon}, {lat}").format(lon=lon, lat=lat))
    polygon = shape(geojson)
    if not polygon.is_valid:
        raise BoundaryError(_("多边形无效（如自相交）：{why}").format(why=explain_validity(polygon)))
    area = area_m2(polygon)
    if area <= 0:
        raise BoundaryError(_("多边形面积为零"))
    return Boundary(polygon, area)


def area_m2(geometry) -> float:
    """The geodesic area of a polygon in square metres (absolute, whatever the ring orientation)."""
    if geometry.is_empty:
        return 0.0
    return abs(GEOD.geometry_area_perimeter(geometry)[0])


def overlap_m2(a: Polygon, b: Polygon) -> float:
    """The geodesic area two polygons share."""
    if not a.intersects(b):
        return 0.0
    return area_m2(shapely.intersection(a, b))


CELL_DEG = 0.01  # the fixed grid (about 1 km) a town's opening map counts plots on


def grid_cell(min_lon: float, min_lat: float, max_lon: float, max_lat: float) -> dict[str, int]:
    """The fixed grid cell of a plot's bounding-box centre, stored with the plot when it is written so that a town's
    opening map is a count over one index (``cell_x``, ``cell_y``) instead of arithmetic on every row."""
    return {"cell_x": math.floor((min_lon + max_lon) / 2 / CELL_DEG),
            "cell_y": math.floor((min_lat + max_lat) / 2 / CELL_DEG)}
