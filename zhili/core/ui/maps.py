"""The one map of every scene (地图): features in GeoJSON (WGS84 longitude/latitude), drawn by Leaflet.

A page hands the map what it shows; the map holds no data of its own::

    from zhili.core.ui.api import MapData, point, polygon
    data = MapData(legend=[("粮", "#2f9e44"), ("撂荒", "#e03131")])
    data.add(point(119.28, 29.48, title="AED 新安江街道", url=..., colour="#e03131", lines=["24 小时可用"]))
    data.add(polygon(plot.geometry, title="地块 A-12", colour="#2f9e44"))
    {% load ui %}{% ui_map data height="420px" label="地块分布" %}

A feature's ``title``, ``lines`` and ``url`` make its popup (text only: nothing a feature carries is read as HTML);
``colour`` fills it; ``group`` names the layer it belongs to, which the layer control switches on and off. The
background is a tile layer only where the deployment names one (``ZHILI_MAP_TILES``, e.g. 天地图 with its key, and
``ZHILI_MAP_ATTRIBUTION``): this platform reaches no tile server by default, so without it the features are drawn on a
plain background, with the region boundaries a scene adds as polygons. Coordinates are WGS84; 天地图 uses CGCS2000,
which differs from WGS84 by centimetres; GCJ-02 data (Amap, Tencent) must be converted before it is handed here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

DEFAULT_COLOUR = "#206bc4"  # Tabler's primary blue


def _properties(title: str, url: str, colour: str, lines: Iterable[str], group: str, extra: dict) -> dict:
    props = {"title": str(title), "colour": colour or DEFAULT_COLOUR, "lines": [str(x) for x in lines]}
    if url:
        props["url"] = str(url)
    if group:
        props["group"] = str(group)
    props.update(extra)
    return props


def _check_position(lon: float, lat: float) -> tuple[float, float]:
    lon, lat = float(lon), float(lat)
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"坐标超出范围：经度 {lon}、纬度 {lat}（须为 WGS84 经纬度，经度在前）")
    return lon, lat


def point(lon: float, lat: float, *, title: str, url: str = "", colour: str = "", lines: Iterable[str] = (),
          group: str = "", radius: int = 7, **extra: Any) -> dict:
    """A point feature drawn as a circle marker (``radius`` in screen pixels)."""
    lon, lat = _check_position(lon, lat)
    props = _properties(title, url, colour, lines, group, extra)
    props["radius"] = int(radius)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


def polygon(geometry: dict | Sequence, *, title: str, url: str = "", colour: str = "", lines: Iterable[str] = (),
            group: str = "", **extra: Any) -> dict:
    """An area: a GeoJSON Polygon or MultiPolygon geometry (a dict), or the rings of a polygon as
    ``[[[lon, lat], ...], ...]``."""
    if not isinstance(geometry, dict):
        geometry = {"type": "Polygon", "coordinates": [[list(_check_position(*p)) for p in ring] for ring in geometry]}
    if geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"面要素须为 Polygon 或 MultiPolygon，得到 {geometry.get('type')!r}")
    return {"type": "Feature", "geometry": geometry, "properties": _properties(title, url, colour, lines, group, extra)}


def line(positions: Sequence[Sequence[float]], *, title: str, url: str = "", colour: str = "",
         lines: Iterable[str] = (), group: str = "", **extra: Any) -> dict:
    """A route or a boundary drawn as a line through ``[(lon, lat), ...]``."""
    coordinates = [list(_check_position(*p)) for p in positions]
    if len(coordinates) < 2:
        raise ValueError("线要素至少要两个点")
    return {"type": "Feature", "geometry": {"type": "LineString", "coordinates": coordinates},
            "properties": _properties(title, url, colour, lines, group, extra)}


@dataclass
class MapData:
    """What one map shows: its features, its legend ``[(label, colour)]`` and, for an empty map, where to look."""

    features: list[dict] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    centre: tuple[float, float] | None = None  # (lon, lat), used when there is no feature to fit
    zoom: int = 11

    def add(self, feature: dict) -> MapData:
        self.features.append(feature)
        return self

    def extend(self, features: Iterable[dict]) -> MapData:
        self.features.extend(features)
        return self

    def as_json(self) -> dict:
        data: dict[str, Any] = {"type": "FeatureCollection", "features": self.features,
                                "legend": [{"label": str(label), "colour": colour} for label, colour in self.legend],
                                "zoom": self.zoom}
        if self.centre:
            data["centre"] = list(_check_position(*self.centre))
        return data
