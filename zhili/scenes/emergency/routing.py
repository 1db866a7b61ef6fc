"""The routing graph (road network → travel times) and the dispatch recommendation on it.

A road network is a CSV of edges, one road segment a row, the file an operator loads (``manage.py
load_road_network``) or the demo generates (``generate_network``)::

    u,v,u_lon,u_lat,v_lon,v_lat,length_m,speed_kmh,oneway[,road_class]

Travel times are ``length_m / speed`` in seconds (the free-flow speed); ``oneway=1`` keeps only u→v. Road
conditions by time of day: each segment has a road class (the optional ``road_class`` column, else by its speed) and
a speed profile gives the share of free-flow speed for each class and hour (``SpeedProfile``; an operator loads the
county's own, else ``DEFAULT_PROFILE``). ``RoadGraph.at_hour(h)`` is the graph with the hour's travel times. Shortest paths are SciPy's
``scipy.sparse.csgraph.dijkstra`` (ADR 0015). A recommendation needs the time from every candidate ambulance to
the call: one Dijkstra from the call's node over the *reversed* graph gives all of them at once (one-to-many),
instead of one shortest path per ambulance.
"""

from __future__ import annotations

import copy
import csv
import gzip
import hashlib
import io
import math
import random
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

COLUMNS = ["u", "v", "u_lon", "u_lat", "v_lon", "v_lat", "length_m", "speed_kmh", "oneway"]
ROAD_CLASSES = ("motorway", "arterial", "local")  # 高速/快速路, 主干道（国省道、城市干道）, 支路与乡村道路
PROFILE_COLUMNS = ["road_class", "hour", "factor"]


def road_class_for(speed_kmh: float) -> str:
    """The class of a segment the file does not classify, by its free-flow speed."""
    return "motorway" if speed_kmh >= 80 else "arterial" if speed_kmh >= 45 else "local"


def _day(peak: float, shoulder: float, day: float) -> tuple[float, ...]:
    """24 hourly shares of free-flow speed: morning peak 7–8 h, evening peak 17–18 h, shoulders either side,
    daytime between, free flow at night (22–5 h)."""
    hours = []
    for h in range(24):
        if h in (7, 8, 17, 18):
            hours.append(peak)
        elif h in (6, 9, 16, 19):
            hours.append(shoulder)
        elif 10 <= h <= 15 or 20 <= h <= 21:
            hours.append(day)
        else:
            hours.append(1.0)
    return tuple(hours)


@dataclass(frozen=True)
class SpeedProfile:
    """Share of free-flow speed by road class and hour of day (0–23, local time)."""

    factors: dict
    source: str = ""

    def factor(self, road_class: str, hour: int) -> float:
        return float(self.factors.get(road_class, self.factors["local"])[hour % 24])

    def key(self) -> tuple:
        return tuple((c, tuple(self.factors[c])) for c in sorted(self.factors))


DEFAULT_PROFILE = SpeedProfile({
    "motorway": _day(0.85, 0.92, 0.97),
    "arterial": _day(0.60, 0.75, 0.85),
    "local": _day(0.70, 0.82, 0.90),
}, source="设计假设值（checked=False）：高峰拥堵延时指数参照高德地图《中国主要城市交通分析报告》"
          "（https://report.amap.com/）所报城市高峰约 1.5–1.8，县城取较轻值；运营方应以本县浮动车数据替换")


def parse_profile(data: bytes | str) -> dict:
    """An operator's speed profile CSV (``road_class,hour,factor``; hours not given keep the default) as the
    JSON stored with the road network. A bad row raises ValidationError naming its line."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in PROFILE_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError({"profile": _("速度曲线文件缺少列：{columns}").format(columns="、".join(missing))},
                              code="columns")
    factors = {c: list(DEFAULT_PROFILE.factors[c]) for c in ROAD_CLASSES}
    rows = 0
    for line, row in enumerate(reader, start=2):
        road_class = (row["road_class"] or "").strip()
        if road_class not in ROAD_CLASSES:
            raise ValidationError({"profile": _("第 {line} 行：道路等级须为 {classes} 之一").format(
                line=line, classes="、".join(ROAD_CLASSES))}, code="invalid")
        try:
            hour, factor = int(row["hour"]), float(row["factor"])
        except (TypeError, ValueError):
            raise ValidationError({"profile": _("第 {line} 行：小时须为整数，系数须为数字").format(line=line)},
                                  code="invalid") from None
        if not (0 <= hour <= 23 and 0.05 <= factor <= 1.5):
            raise ValidationError({"profile": _("第 {line} 行：小时须在 0–23，系数须在 0.05–1.5").format(line=line)},
                                  code="out_of_range")
        factors[road_class][hour] = factor
        rows += 1
    if not rows:
        raise ValidationError({"profile": _("速度曲线文件没有任何数据")}, code="empty")
    return factors


def profile_from(stored: dict | None, source: str = "") -> SpeedProfile:
    """The profile stored with a road network, or the default when the operator loaded none."""
    if not stored:
        return DEFAULT_PROFILE
    return SpeedProfile({c: tuple(stored.get(c, DEFAULT_PROFILE.factors[c])) for c in ROAD_CLASSES}, source=source)
EARTH_M = 6_371_000.0
MAX_EDGES = 2_000_000


def straight_m(lon1, lat1, lon2, lat2):
    """Great-circle distance in metres (haversine); works on scalars and numpy arrays alike."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_M * np.arcsin(np.sqrt(a))


@dataclass
class RoadGraph:
    """Nodes with positions, directed travel times (s) and undirected lengths (m), and a k-d tree for look-ups."""

    node_ids: list[str]
    lon: np.ndarray
    lat: np.ndarray
    times: csr_matrix
    lengths: csr_matrix
    digest: str = ""
    edge_class: np.ndarray | None = None  # index into ROAD_CLASSES of each entry of ``times.data``
    profile: SpeedProfile = DEFAULT_PROFILE
    hour: int | None = None  # None: free-flow times; else the hour whose profile the times follow
    reverse: csr_matrix = field(init=False)
    _tree: cKDTree = field(init=False, repr=False)

    def __post_init__(self):
        self.reverse = self.times.transpose().tocsr()
        self._hours: dict[int, RoadGraph] = {}
        self._lat0 = float(np.mean(self.lat)) if len(self.lat) else 0.0
        self._tree = cKDTree(self._xy(self.lon, self.lat))

    def _xy(self, lon, lat) -> np.ndarray:
        k = math.pi / 180 * EARTH_M
        return np.column_stack([np.asarray(lon) * k * math.cos(math.radians(self._lat0)), np.asarray(lat) * k])

    def at_hour(self, hour: int) -> RoadGraph:
        """The graph with the travel times of ``hour`` (local time) under the speed profile: each segment's
        free-flow time divided by its class's share of free-flow speed at that hour. Built once per hour."""
        hour = int(hour) % 24
        found = self._hours.get(hour)
        if found is None:
            found = copy.copy(self)
            classes = self.edge_class if self.edge_class is not None else np.full(self.times.nnz, 2, dtype=np.int8)
            shares = np.array([self.profile.factor(c, hour) for c in ROAD_CLASSES])
            found.times = csr_matrix((self.times.data / shares[classes], self.times.indices, self.times.indptr),
                                     shape=self.times.shape)
            found.reverse = found.times.transpose().tocsr()
            found.hour, found._hours = hour, {}
            self._hours[hour] = found
        return found

    def with_profile(self, profile: SpeedProfile) -> RoadGraph:
        """The same roads under another speed profile (an operator's own)."""
        if profile.key() == self.profile.key():
            return self
        other = copy.copy(self)
        other.profile, other._hours = profile, {}
        return other

    @property
    def node_count(self) -> int:
        return len(self.node_ids)

    @property
    def edge_count(self) -> int:
        return int(self.times.nnz)

    def nearest_node(self, lon: float, lat: float) -> int:
        return int(self._tree.query(self._xy([lon], [lat]))[1][0])

    def nearest_nodes(self, lon, lat) -> np.ndarray:
        return self._tree.query(self._xy(lon, lat))[1].astype(np.int64)

    def times_to(self, node: int, limit: float = np.inf) -> np.ndarray:
        """Seconds from every node to ``node`` (inf where unreachable): one Dijkstra on the reversed graph."""
        return dijkstra(self.reverse, directed=True, indices=node, limit=limit)

    def times_from(self, node: int, limit: float = np.inf) -> np.ndarray:
        return dijkstra(self.times, directed=True, indices=node, limit=limit)

    def route(self, a: int, b: int) -> tuple[list[int], float]:
        """The quickest path from node ``a`` to node ``b`` (node indices) and its time in seconds."""
        dist, pred = dijkstra(self.times, directed=True, indices=a, return_predecessors=True)
        if not np.isfinite(dist[b]):
            return [], math.inf
        path, node = [b], b
        while node != a:
            node = int(pred[node])
            path.append(node)
        return path[::-1], float(dist[b])

    def walking_m_from(self, node: int, limit: float) -> np.ndarray:
        """Metres on foot from ``node`` to every node within ``limit`` (roads both ways)."""
        return dijkstra(self.lengths, directed=False, indices=node, limit=limit)

    def positions(self, nodes) -> list[list[float]]:
        return [[float(self.lon[n]), float(self.lat[n])] for n in nodes]


def parse_edges(data: bytes | str) -> RoadGraph:
    """Build the graph from the edges CSV; a bad row raises ValidationError naming its line and column."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError({"edges": _("道路边文件缺少列：{columns}").format(columns="、".join(missing))},
                              code="columns")
    index: dict[str, int] = {}
    lon: list[float] = []
    lat: list[float] = []
    us: list[int] = []
    vs: list[int] = []
    secs: list[float] = []
    metres: list[float] = []
    classes: list[int] = []
    has_class = "road_class" in (reader.fieldnames or [])

    def node(key: str, x: float, y: float) -> int:
        found = index.get(key)
        if found is None:
            found = index[key] = len(lon)
            lon.append(x)
            lat.append(y)
        return found

    for line, row in enumerate(reader, start=2):
        if line - 1 > MAX_EDGES:
            raise ValidationError({"edges": _("道路边文件超过 {n} 行").format(n=MAX_EDGES)}, code="too_large")
        try:
            a = node(row["u"].strip(), float(row["u_lon"]), float(row["u_lat"]))
            b = node(row["v"].strip(), float(row["v_lon"]), float(row["v_lat"]))
            length, speed = float(row["length_m"]), float(row["speed_kmh"])
            oneway = row["oneway"].strip() in ("1", "true", "yes")
        except (TypeError, ValueError, AttributeError):
            raise ValidationError({"edges": _("第 {line} 行：坐标、长度、速度须为数字").format(line=line)},
                                  code="invalid") from None
        if not (length > 0 and 0 < speed <= 150) or a == b:
            raise ValidationError({"edges": _("第 {line} 行：长度须大于 0，速度须在 0–150 km/h，起止点不同").format(
                line=line)}, code="out_of_range")
        named = (row.get("road_class") or "").strip() if has_class else ""
        if named and named not in ROAD_CLASSES:
            raise ValidationError({"edges": _("第 {line} 行：道路等级须为 {classes} 之一").format(
                line=line, classes="、".join(ROAD_CLASSES))}, code="invalid")
        klass = ROAD_CLASSES.index(named or road_class_for(speed))
        t = length / (speed / 3.6)
        us.append(a)
        vs.append(b)
        secs.append(t)
        metres.append(length)
        classes.append(klass)
        if not oneway:
            us.append(b)
            vs.append(a)
            secs.append(t)
            metres.append(length)
            classes.append(klass)
    if not us:
        raise ValidationError({"edges": _("道路边文件没有任何道路")}, code="empty")
    n = len(lon)
    u, v, t, m, k = (np.asarray(x) for x in (us, vs, secs, metres, classes))
    # Parallel roads between the same two nodes: keep the quickest at free flow (a sparse matrix would add them up).
    order = np.lexsort((t, v, u))
    u, v, t, m, k = u[order], v[order], t[order], m[order], k[order]
    first = np.ones(len(u), dtype=bool)
    first[1:] = (u[1:] != u[:-1]) | (v[1:] != v[:-1])
    u, v, t, m, k = u[first], v[first], t[first], m[first], k[first]
    times = csr_matrix((t, (u, v)), shape=(n, n))
    lengths = csr_matrix((m, (u, v)), shape=(n, n))
    # The class of each entry of ``times.data``, in the matrix's own order (carried through as 1-based positions).
    position = csr_matrix((np.arange(1, len(u) + 1, dtype=float), (u, v)), shape=(n, n))
    edge_class = k[position.data.astype(np.int64) - 1].astype(np.int8)
    digest = hashlib.sha256(text.encode()).hexdigest()
    return RoadGraph(list(index), np.asarray(lon), np.asarray(lat), times, lengths, digest, edge_class)


def generate_network(*, centre: tuple[float, float], rows: int, cols: int, spacing_m: float = 800.0,
                     seed: int = 33) -> str:
    """A county road network for the demo, tests and bench: a jittered grid of local roads (30 km/h), arterials
    every fifth line (60 km/h), a river across the county crossed only at a few bridges, a slow hill district
    (20 km/h), some missing segments. Returns the edges CSV (the same format an operator loads)."""
    rng = random.Random(seed)
    lon0, lat0 = centre
    dlat = spacing_m / (math.pi / 180 * EARTH_M)
    dlon = dlat / math.cos(math.radians(lat0))
    pos = {}
    for r in range(rows):
        for c in range(cols):
            pos[r, c] = (lon0 + (c - cols / 2 + rng.uniform(-0.25, 0.25)) * dlon,
                         lat0 + (r - rows / 2 + rng.uniform(-0.25, 0.25)) * dlat)
    river = rows // 2 + 1
    bridges = {c for c in range(cols) if c % 9 == 4}
    hill = (range(rows * 2 // 3, rows), range(0, cols // 3))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for (r, c), (x, y) in pos.items():
        for dr, dc in ((0, 1), (1, 0)):
            r2, c2 = r + dr, c + dc
            if (r2, c2) not in pos:
                continue
            if dr == 1 and r2 == river and c not in bridges:
                continue  # the river: only bridges cross it
            arterial = (dr == 0 and r % 5 == 0) or (dc == 0 and c % 5 == 0)
            if not arterial and rng.random() < 0.06:
                continue  # a missing local segment
            speed = 60 if arterial else 30
            if r in hill[0] and c in hill[1]:
                speed = 20
            x2, y2 = pos[r2, c2]
            length = float(straight_m(x, y, x2, y2)) * rng.uniform(1.05, 1.3)  # roads wind
            writer.writerow([f"n{r}_{c}", f"n{r2}_{c2}", f"{x:.6f}", f"{y:.6f}", f"{x2:.6f}", f"{y2:.6f}",
                             f"{length:.1f}", speed, 0])
    return out.getvalue()


def gzip_bytes(text: str) -> bytes:
    return gzip.compress(text.encode(), mtime=0)


def gunzip_text(data: bytes) -> str:
    return gzip.decompress(bytes(data)).decode()


# --- the recommendation -------------------------------------------------------------------------------------------

IDLE, RETURNING, PRE_EMPT = "idle", "returning", "pre_empt"


@dataclass(frozen=True)
class Candidate:
    """An ambulance that could go: where it is (node), how it stands, and whether it is its station's last."""

    key: int
    node: int
    kind: str  # IDLE (at station: crew needs the turn-out time), RETURNING, PRE_EMPT (on a lower-priority run)
    station: int
    last_at_station: bool = False


@dataclass(frozen=True)
class Option:
    key: int
    kind: str
    drive_s: float
    eta_s: float
    score_s: float
    cover_loss: bool


def recommend(graph: RoadGraph, call_node: int, candidates: list[Candidate], *, turnout_s: float,
              cover_penalty_s: float, pre_emption: bool = True, cover: bool = True, limit: int = 5,
              search_s: float = 900.0) -> list[Option]:
    """The candidates ranked by score: ETA (drive on the road graph + turn-out at a station), plus a penalty
    for leaving a station area uncovered when ``cover`` is on. Pre-empting candidates only count when
    ``pre_emption`` is on (the caller decides which runs are pre-emptable: lower priority, before patient contact).

    The Dijkstra from the call stops at ``search_s`` seconds and doubles the bound until the ``limit`` best are
    certain: a score is never below its drive time, so once the ``limit``-th best score found is within the bound,
    no ambulance beyond it can rank higher.
    """
    usable = [c for c in candidates if pre_emption or c.kind != PRE_EMPT]
    if not usable:
        return []
    nodes = np.fromiter((c.node for c in usable), dtype=np.int64, count=len(usable))
    ready = np.fromiter((turnout_s if c.kind == IDLE else 0.0 for c in usable), dtype=float, count=len(usable))
    loss = np.fromiter((cover and c.last_at_station for c in usable), dtype=bool, count=len(usable))
    wanted = min(limit, len(usable))
    bound = search_s
    while True:
        drive = graph.times_to(call_node, limit=bound)[nodes]
        eta = drive + ready
        score = eta + np.where(loss, cover_penalty_s, 0.0)
        found = np.sort(score[np.isfinite(score)])
        if math.isinf(bound) or (len(found) >= wanted and found[wanted - 1] <= bound):
            break
        bound = bound * 2 if bound < 8 * search_s else math.inf
    order = np.argsort(score, kind="stable")[:limit]
    return [Option(usable[i].key, usable[i].kind, float(drive[i]), float(eta[i]), float(score[i]), bool(loss[i]))
            for i in order if np.isfinite(eta[i])]


def straight_line_choice(lon: float, lat: float, candidates_lon, candidates_lat) -> int:
    """The index of the candidate nearest in a straight line (the policy the road graph is compared with)."""
    return int(np.argmin(straight_m(lon, lat, np.asarray(candidates_lon), np.asarray(candidates_lat))))
