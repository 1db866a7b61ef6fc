"""Plot boundaries: geodesic areas against published figures, and the bad shapes refused with the rule broken."""

from decimal import Decimal

import pytest
from shapely.geometry import box

from zhili.scenes.grain_subsidy import geometry, synth
from zhili.scenes.grain_subsidy.services.registry import clean_bank_card, luhn_ok


def test_a_one_degree_cell_at_the_equator_has_its_published_ellipsoidal_area():
    """On the WGS84/GRS80 ellipsoid the 1°×1° cell at the equator measures 12,308,778,361 m² (Karney 2013)."""
    cell = geometry.parse({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]})
    assert round(cell.area_m2) == pytest.approx(12_308_778_361, abs=2)


def test_square_metres_become_mu_at_fifteen_mu_a_hectare():
    assert geometry.Boundary(box(0, 0, 1, 1), 10_000.0).area_mu == Decimal("15.00")
    assert geometry.Boundary(box(0, 0, 1, 1), 666.67).area_mu == Decimal("1.00")


@pytest.mark.parametrize(("boundary", "rule"), [
    ({"type": "Polygon", "coordinates": [[[120, 30], [120.001, 30], [120.001, 30.001], [120, 30.001]]]}, "未闭合"),
    ({"type": "Polygon", "coordinates": [[[120, 30], [120.001, 30.001], [120.001, 30], [120, 30.001], [120, 30]]]},
     "自相交"),
    ({"type": "Point", "coordinates": [120, 30]}, "Polygon"),
    ({"type": "Polygon", "coordinates": [[[200, 30], [200.001, 30], [200.001, 30.001], [200, 30]]]}, "超出"),
])
def test_open_self_intersecting_and_foreign_shapes_are_refused_naming_the_rule(boundary, rule):
    with pytest.raises(geometry.BoundaryError, match=rule):
        geometry.parse(boundary)


def test_bank_cards_carry_a_luhn_check_digit():
    """4111 1111 1111 1111 is the textbook valid number; changing its last digit breaks the check."""
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert luhn_ok(synth.bank_card(12345)) and len(synth.bank_card(12345)) == 19
    with pytest.raises(Exception, match="校验位"):
        clean_bank_card("6217000000000000011")
