"""Tests of the fast indented JSON writer (``_json``): the standard library's text, byte for byte."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servicecatalog._json import dumps_indented

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
KEYS = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.dictionaries(KEYS, children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300)
@given(VALUES, st.integers(min_value=0, max_value=4))
def test_the_text_is_the_standard_librarys(value: Any, indent: int) -> None:
    assert dumps_indented(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_escapes_and_numbers_are_written_as_json_writes_them() -> None:
    value = {
        "名称": '失业保险金\n"申领"\u2028\x00',
        1: [1.5, float("nan"), float("inf"), -float("inf"), 10**20, True, None, {}, []],
        2.5: {None: (), False: "x"},
    }
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [{"when": object()}, {(1, 2): "a tuple key"}])
def test_what_json_cannot_hold_is_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        dumps_indented(value)
