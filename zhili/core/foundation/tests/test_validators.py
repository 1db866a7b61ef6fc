import pytest
from django.core.exceptions import ValidationError

from zhili.core.foundation.validators import (
    id_number_check_digit,
    uscc_check_character,
    validate_id_number,
    validate_mobile,
    validate_region_code,
    validate_uscc,
)


def test_gb11643_check_digit_of_the_standards_example():
    """GB 11643-1999 Annex: 11010519491231002 has check character X."""
    assert id_number_check_digit("11010519491231002") == "X"
    validate_id_number("11010519491231002X")
    validate_id_number("11010519491231002x")


@pytest.mark.parametrize(("value", "code"), [
    ("11010519491231002", "id_number_format"),
    ("110105194912310021", "id_number_check_digit"),
    ("110105194902300023", "id_number_birth_date"),
    ("110105299901010023", "id_number_birth_date"),
])
def test_bad_id_numbers_are_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as raised:
        validate_id_number(value)
    assert raised.value.code == code
    assert "身份证号码" in raised.value.messages[0]


def test_gb32100_check_character_of_a_real_code():
    """91350100M000100Y43 is a published USCC (GB 32100 example in the standard's annex)."""
    assert uscc_check_character("91350100M000100Y4") == "3"
    validate_uscc("91350100M000100Y43")


@pytest.mark.parametrize(("value", "code"), [
    ("91350100M000100Y44", "uscc_check_character"),
    ("91350100M000100YI3", "uscc_format"),
    ("9135", "uscc_format"),
])
def test_bad_usccs_are_refused(value, code):
    with pytest.raises(ValidationError) as raised:
        validate_uscc(value)
    assert raised.value.code == code


def test_mobile_and_region_codes():
    validate_mobile("13912345678")
    for bad in ("12912345678", "1391234567", "139123456789", "abc"):
        with pytest.raises(ValidationError):
            validate_mobile(bad)
    validate_region_code("330182")
    validate_region_code("330182100000")
    for bad in ("33018", "990182", "3301821"):
        with pytest.raises(ValidationError):
            validate_region_code(bad)
