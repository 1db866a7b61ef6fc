"""The indicator system's structure: 7 dimensions, 27 control points, each indicator with a reference; the veto."""

from zhili.core.indicators.api import get_system, score_rows
from zhili.scenes.labor_risk.indicators import LABOR_RISK


def test_the_system_has_seven_dimensions_and_27_control_points():
    system = get_system("labor_risk")

    assert system is LABOR_RISK
    assert [d.name for d in system.dimensions] == ["劳动用工", "工资发放", "社会保险", "权益维护", "生产安全", "稳定经营",
                                                   "组织机制"]
    assert sum(len(d.control_points) for d in system.dimensions) == 27
    assert round(sum(d.weight for d in system.dimensions), 6) == 1.0
    assert [t.level for t in system.thresholds] == ["blue", "yellow", "orange", "red"]


def test_every_indicator_names_its_reference_and_date_and_points_stay_within_100():
    for dimension in LABOR_RISK.dimensions:
        assert sum(i.weight for p in dimension.control_points for i in p.indicators) == 100, dimension.name
        for point in dimension.control_points:
            for indicator in point.indicators:
                assert indicator.reference.strip(), indicator.code
                assert indicator.effective_from.isoformat() == "2025-01-01"


def test_the_four_published_control_points_cite_jiulongpo():
    published = {p.name: p for d in LABOR_RISK.dimensions for p in d.control_points
                 if any("九龙坡区" in i.reference for i in p.indicators)}

    assert sorted(published) == sorted(["拖欠工资", "欠缴社保", "员工纠纷", "违法经营"])


def test_wages_unpaid_two_months_is_red_whatever_the_score():
    """Given only two unpaid months (10 points, below orange), when scored, then the veto makes it red."""
    values = {code: 0.0 for code in LABOR_RISK.indicator_map}
    row = {"entity": "U1", **values, "unpaid_wage_months": 2.0}
    one_month = {"entity": "U2", **values, "unpaid_wage_months": 1.0}

    red, single = score_rows(LABOR_RISK, [row, one_month])

    assert (red.score, red.level, [v["veto"] for v in red.vetoes]) == (10.0, "red", ["wages_unpaid_two_months"])
    assert (single.score, single.level, single.vetoes) == (10.0, "blue", [])
