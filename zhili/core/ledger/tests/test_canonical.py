"""Canonical JSON (RFC 8785 for the types a record holds)."""

import json

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from zhili.core.ledger.canonical import _write, canonical_json


def test_keys_are_sorted_without_whitespace_and_text_stays_utf8():
    value = {"b": [1, True, None], "a": {"z": "劳动合同", "y": "\u2028\n\"q\""}, "\u00e9": 0}
    assert canonical_json(value) == '{"a":{"y":"\u2028\\n\\"q\\"","z":"劳动合同"},"b":[1,true,null],"é":0}'


def test_keys_sort_by_utf16_code_units_as_rfc_8785_says():
    """U+1F600 (surrogates D83D DE00) sorts before U+FB01 in UTF-16, after it by code point."""
    assert canonical_json({"\ufb01": 1, "\U0001f600": 2}) == '{"\U0001f600":2,"\ufb01":1}'


def test_floats_and_huge_integers_are_refused_naming_the_field():
    with pytest.raises(ValidationError) as error:
        canonical_json({"amount": 1.5})
    assert error.value.message_dict == {"data.amount": ["不支持的取值类型 float：只允许字符串、整数、布尔值、空值、列表和对象"]}
    with pytest.raises(ValidationError) as error:
        canonical_json({"n": [2**60]})
    assert error.value.message_dict == {"data.n[0]": ["整数超出 JSON 安全范围（±2^53-1），请改用字符串"]}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_the_fast_encoder_writes_exactly_what_the_rfc_8785_writer_writes(value):
    """Property: whichever path encodes a value, the text is the JCS text (and parses back to the value)."""
    slow: list[str] = []
    _write(value, "data", slow)
    assert canonical_json(value) == "".join(slow)
    assert json.loads(canonical_json(value)) == value
