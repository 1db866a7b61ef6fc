"""The cloud factory's dispatcher (云工厂派单): orders split across factories by an OR-Tools minimum-cost flow.

Pure computation (no database): the services hand it orders and factories and store what it returns; the
benchmark hands it 2,000 orders over 500 factories. Time is counted in weeks from the planning day: factory
``f`` can make ``weekly[w]`` pieces in week ``w`` of the horizon (its capacity less what it already took on).

The cost of a plan, stated in yuan and computed by ``plan_cost`` for any plan, the optimiser's or the baseline's:

- **lateness**: each piece finished ``k`` weeks after its order's due week costs ``k × late_per_piece_week``;
- **transport**: each piece costs ``distance(brand, factory) km × transport_per_piece_km``;
- **idle capacity**: each piece of capacity left unused in a week of the horizon (the weeks up to the last due
  week) costs ``idle_per_piece``: capacity idle while orders wait is what pooling is meant to avoid;
- **unplaced**: a piece no candidate factory can make in time costs ``unplaced_per_piece`` (and is reported).

The optimiser is exact over the arcs it is given: each order may go to its ``candidates`` nearest factories that
have the speciality and the grade (the decomposition that keeps 2,000 × 500 small), in any week up to
``overflow_weeks`` after the horizon. Every arc cost is an integer in fen, so the flow is integral and optimal.
``greedy_plan`` is the baseline: orders by earliest due date, each placed in the earliest week with free
capacity, nearest feasible factory first (a dispatcher's rule of thumb, like ride-hailing's nearest car).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

EARTH_KM = 6371.0


@dataclass(frozen=True)
class Factory:
    id: int
    name: str
    lon: float
    lat: float
    specialities: frozenset[str]
    grade: int  # 1 is the best (A), 3 the lowest (C)
    weekly: tuple[int, ...]  # pieces it can still make in each week of the horizon


@dataclass(frozen=True)
class Order:
    id: int
    name: str
    lon: float
    lat: float
    speciality: str
    grade: int  # the lowest grade acceptable: a factory's grade must be <= this
    quantity: int
    due_week: int  # the order is on time when finished by the end of this week (0 = this week)


@dataclass(frozen=True)
class Costs:
    late_per_piece_week: float = 2.0
    transport_per_piece_km: float = 0.02
    idle_per_piece: float = 0.5
    unplaced_per_piece: float = 50.0


@dataclass(frozen=True)
class Part:
    order_id: int
    factory_id: int
    week: int
    quantity: int


@dataclass
class Breakdown:
    lateness: float = 0.0
    transport: float = 0.0
    idle: float = 0.0
    unplaced: float = 0.0
    late_pieces: int = 0
    unplaced_pieces: int = 0

    @property
    def total(self) -> float:
        return self.lateness + self.transport + self.idle + self.unplaced

    def as_dict(self) -> dict:
        return {"lateness": round(self.lateness, 2), "transport": round(self.transport, 2),
                "idle": round(self.idle, 2), "unplaced": round(self.unplaced, 2), "total": round(self.total, 2),
                "late_pieces": self.late_pieces, "unplaced_pieces": self.unplaced_pieces}


@dataclass
class Plan:
    parts: list[Part]
    cost: Breakdown
    explanations: dict[int, list[str]] = field(default_factory=dict)
    method: str = ""


def distance_km(lon1, lat1, lon2, lat2):
    """Great-circle distance in km (haversine); works on floats and on numpy arrays."""
    lon1, lat1, lon2, lat2 = (np.radians(v) for v in (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(a))


def horizon_of(factories: list[Factory]) -> int:
    return max((len(f.weekly) for f in factories), default=0)


def _capacity(factory: Factory, week: int) -> int:
    if not factory.weekly:
        return 0
    return factory.weekly[week] if week < len(factory.weekly) else factory.weekly[-1]


class _Geometry:
    """Distances from every order to every factory, and each order's feasible factories nearest first."""

    def __init__(self, orders: list[Order], factories: list[Factory]):
        self.orders, self.factories = orders, factories
        f_lon = np.array([f.lon for f in factories])
        f_lat = np.array([f.lat for f in factories])
        self.grades = np.array([f.grade for f in factories])
        self.by_speciality: dict[str, np.ndarray] = {}
        for speciality in {o.speciality for o in orders}:
            self.by_speciality[speciality] = np.array([speciality in f.specialities for f in factories], dtype=bool)
        self.f_lon, self.f_lat = f_lon, f_lat

    def feasible_nearest(self, order: Order, limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Indices of the factories that can make ``order`` (speciality, grade), nearest first, and their km."""
        if not self.factories:
            return np.array([], dtype=int), np.array([])
        mask = self.by_speciality[order.speciality] & (self.grades <= order.grade)
        idx = np.nonzero(mask)[0]
        km = distance_km(order.lon, order.lat, self.f_lon[idx], self.f_lat[idx])
        order_ = np.argsort(km, kind="stable")
        if limit is not None:
            order_ = order_[:limit]
        return idx[order_], km[order_]


def plan_cost(parts: list[Part], orders: list[Order], factories: list[Factory], costs: Costs) -> Breakdown:
    """The stated cost of ``parts`` (see the module's docstring), the same function for every plan."""
    by_order = {o.id: o for o in orders}
    by_factory = {f.id: f for f in factories}
    horizon = max([o.due_week + 1 for o in orders] + [0])
    horizon = min(horizon, horizon_of(factories)) if factories else horizon
    cost = Breakdown()
    placed: dict[int, int] = defaultdict(int)
    used: dict[tuple[int, int], int] = defaultdict(int)
    for part in parts:
        order, factory = by_order[part.order_id], by_factory[part.factory_id]
        late = max(0, part.week - order.due_week)
        cost.lateness += part.quantity * late * costs.late_per_piece_week
        cost.late_pieces += part.quantity if late else 0
        km = float(distance_km(order.lon, order.lat, factory.lon, factory.lat))
        cost.transport += part.quantity * km * costs.transport_per_piece_km
        placed[order.id] += part.quantity
        used[(factory.id, part.week)] += part.quantity
    for order in orders:
        missing = order.quantity - placed[order.id]
        cost.unplaced_pieces += missing
        cost.unplaced += missing * costs.unplaced_per_piece
    for factory in factories:
        for week in range(horizon):
            cost.idle += max(0, _capacity(factory, week) - used[(factory.id, week)]) * costs.idle_per_piece
    return cost


def greedy_plan(orders: list[Order], factories: list[Factory], costs: Costs, *, overflow_weeks: int = 4,
                exclude: set[tuple[int, int]] = frozenset()) -> Plan:
    """The baseline: earliest due date first; each order in the earliest week with capacity, nearest factory first."""
    geometry = _Geometry(orders, factories)
    weeks = horizon_of(factories) + overflow_weeks
    left = {(f.id, w): _capacity(f, w) for f in factories for w in range(weeks)}
    parts: list[Part] = []
    for order in sorted(orders, key=lambda o: (o.due_week, o.id)):
        remaining = order.quantity
        idx, _km = geometry.feasible_nearest(order)
        chosen = [factories[i] for i in idx if (order.id, factories[i].id) not in exclude]
        for week in range(weeks):
            for factory in chosen:
                if remaining == 0:
                    break
                take = min(remaining, left[(factory.id, week)])
                if take > 0:
                    left[(factory.id, week)] -= take
                    remaining -= take
                    parts.append(Part(order.id, factory.id, week, take))
            if remaining == 0:
                break
    return Plan(parts=parts, cost=plan_cost(parts, orders, factories, costs), method="greedy_edd")


def optimal_plan(orders: list[Order], factories: list[Factory], costs: Costs, *, candidates: int = 30,
                 overflow_weeks: int = 4, explain: bool = True, exclude: set[tuple[int, int]] = frozenset()) -> Plan:
    """The least-cost plan over each order's ``candidates`` nearest feasible factories (a minimum-cost flow);
    ``exclude`` holds (order, factory) pairs not to use again (a factory that declined that order)."""
    if not orders:
        return Plan(parts=[], cost=plan_cost([], orders, factories, costs), method="min_cost_flow")
    geometry = _Geometry(orders, factories)
    horizon = min(max(o.due_week + 1 for o in orders), horizon_of(factories))
    weeks = horizon_of(factories) + overflow_weeks
    fen = 100  # every cost in fen, so arcs carry integers
    flow = min_cost_flow.SimpleMinCostFlow()
    n_orders, n_factories = len(orders), len(factories)
    sink = n_orders + n_factories * weeks

    def slot(fi: int, week: int) -> int:
        return n_orders + fi * weeks + week

    tails, heads, caps, unit = [], [], [], []
    arc_info: list[tuple[int, int, int] | None] = []
    candidate_km: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for oi, order in enumerate(orders):
        idx, km = geometry.feasible_nearest(order, candidates + len(exclude))
        keep = np.array([(order.id, factories[i].id) not in exclude for i in idx.tolist()], dtype=bool)
        idx, km = idx[keep][:candidates], km[keep][:candidates]
        candidate_km[oi] = (idx, km)
        for fi, dist in zip(idx.tolist(), km.tolist(), strict=True):
            transport = dist * costs.transport_per_piece_km
            for week in range(weeks):
                if _capacity(factories[fi], week) <= 0:
                    continue
                late = max(0, week - order.due_week) * costs.late_per_piece_week
                tails.append(oi)
                heads.append(slot(fi, week))
                caps.append(order.quantity)
                unit.append(round((transport + late) * fen))
                arc_info.append((oi, fi, week))
        # the way out when no candidate can take it: unplaced (plus the idle it leaves, see the slot arcs)
        tails.append(oi)
        heads.append(sink)
        caps.append(order.quantity)
        unit.append(round((costs.unplaced_per_piece + costs.idle_per_piece) * fen))
        arc_info.append(None)
    for fi, factory in enumerate(factories):
        for week in range(weeks):
            capacity = _capacity(factory, week)
            if capacity <= 0:
                continue
            # a piece made inside the horizon saves a piece of idle capacity: the idle cost is charged on every
            # other way out (a constant shift of idle_per_piece × all pieces, so the optimum is the same)
            tails.append(slot(fi, week))
            heads.append(sink)
            caps.append(capacity)
            unit.append(0 if week < horizon else round(costs.idle_per_piece * fen))
            arc_info.append(None)
    flow.add_arcs_with_capacity_and_unit_cost(np.array(tails), np.array(heads), np.array(caps), np.array(unit))
    total = sum(o.quantity for o in orders)
    for oi, order in enumerate(orders):
        flow.set_node_supply(oi, order.quantity)
    flow.set_node_supply(sink, -total)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow did not solve: status {status}")
    flows = flow.flows(np.arange(len(arc_info)))
    parts = []
    for arc, amount in enumerate(flows.tolist()):
        info = arc_info[arc]
        if amount and info is not None:
            oi, fi, week = info
            parts.append(Part(orders[oi].id, factories[fi].id, week, int(amount)))
    plan = Plan(parts=parts, cost=plan_cost(parts, orders, factories, costs), method="min_cost_flow")
    if explain:
        plan.explanations = _explain(plan.parts, orders, factories, candidate_km, costs)
    return plan


def _explain(parts, orders, factories, candidate_km, costs) -> dict[int, list[str]]:
    """Why each order went where it went: the factories, weeks and costs, and the nearest it did not use."""
    by_factory = {f.id: (i, f) for i, f in enumerate(factories)}
    by_order: dict[int, list[Part]] = defaultdict(list)
    for part in parts:
        by_order[part.order_id].append(part)
    out = {}
    for oi, order in enumerate(orders):
        idx, km = candidate_km[oi]
        km_of = dict(zip(idx.tolist(), km.tolist(), strict=True))
        lines = []
        if len(idx) == 0:
            lines.append(f"没有兼具“{order.speciality}”专长和所需质量等级的工厂")
        for part in sorted(by_order[order.id], key=lambda p: (p.week, p.factory_id)):
            fi, factory = by_factory[part.factory_id]
            late = max(0, part.week - order.due_week)
            lines.append(
                f"{factory.name}：{part.quantity} 件，第 {part.week + 1} 周完成，距离 {km_of.get(fi, 0):.1f} 公里，"
                f"等级 {'ABC'[factory.grade - 1]}" + (f"，晚 {late} 周" if late else "，按期"))
        used = {p.factory_id for p in by_order[order.id]}
        skipped = [factories[i] for i in idx.tolist()[:3] if factories[i].id not in used]
        if skipped and by_order[order.id]:
            lines.append("未用更近的 " + "、".join(f.name for f in skipped)
                         + "：其产能已排给到期更早或离得更近的订单，改派总成本更高")
        placed = sum(p.quantity for p in by_order[order.id])
        if placed < order.quantity:
            lines.append(f"{order.quantity - placed} 件暂无工厂可接（按每件 {costs.unplaced_per_piece:g} 元计未派成本）")
        out[order.id] = lines
    return out


def weeks_until(day, due) -> int:
    """The week (0 = the week starting ``day``) in which ``due`` falls; negative when it has passed."""
    return math.floor((due - day).days / 7)
