"""The dispatcher on a case small enough to work out by hand: the optimiser waits a week at the near factory
where the earliest-due-date baseline ships across 100 km."""

import pytest

from zhili.scenes.industry_brain import dispatch
from zhili.scenes.industry_brain.dispatch import Costs, Factory, Order, Part

NEAR = Factory(1, "近厂", 120.0, 30.0, frozenset({"knit"}), 2, (1000, 1000))
FAR = Factory(2, "远厂", 121.0389, 30.0, frozenset({"knit"}), 2, (1000, 1000))  # 100 km east
ORDERS = [Order(1, "甲", 120.0, 30.0, "knit", 3, 1000, 1), Order(2, "乙", 120.0, 30.0, "knit", 3, 1000, 1)]


def test_the_optimiser_beats_the_greedy_baseline_and_states_its_cost():
    costs = Costs()
    km = float(dispatch.distance_km(120.0, 30.0, FAR.lon, FAR.lat))
    greedy = dispatch.greedy_plan(ORDERS, [NEAR, FAR], costs)
    best = dispatch.optimal_plan(ORDERS, [NEAR, FAR], costs)
    assert greedy.parts == [Part(1, 1, 0, 1000), Part(2, 2, 0, 1000)]
    assert sorted(best.parts, key=lambda p: p.order_id) in ([Part(1, 1, 0, 1000), Part(2, 1, 1, 1000)],
                                                            [Part(1, 1, 1, 1000), Part(2, 1, 0, 1000)])
    assert greedy.cost.transport == pytest.approx(1000 * km * 0.02)
    assert best.cost.as_dict() == {"lateness": 0, "transport": 0, "idle": 1000.0, "unplaced": 0, "total": 1000.0,
                                   "late_pieces": 0, "unplaced_pieces": 0}
    assert greedy.cost.idle == 1000.0
    assert any("近厂" in line for line in best.explanations[2])


def test_speciality_and_grade_are_respected_and_the_rest_is_unplaced():
    wrong = Factory(3, "梭织厂", 120.0, 30.0, frozenset({"woven"}), 1, (5000,))
    low = Factory(4, "C级厂", 120.0, 30.0, frozenset({"knit"}), 3, (5000,))
    order = Order(9, "丙", 120.0, 30.0, "knit", 2, 500, 0)
    plan = dispatch.optimal_plan([order], [wrong, low], Costs())
    assert plan.parts == []
    assert plan.cost.unplaced_pieces == 500
    assert "没有兼具" in plan.explanations[9][0]
