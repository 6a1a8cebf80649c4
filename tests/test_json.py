"""Tests of the fast indented JSON writer (``_json``): the standard library's text, character for
character, over all that ``catalog.json`` can hold."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servicecatalog._json import dumps_indented

# Floats of every size, the small ones (where Rust and Python write them differently) often.
FLOATS = st.floats() | st.floats(min_value=-1e-4, max_value=1e-4) | st.sampled_from([1e-5, 1e-7])
TEXT = (
    st.text()
    | st.text(alphabet=st.characters(max_codepoint=0x7F))
    | st.sampled_from(["\u2028\u2029", "\x00\x1f\x7f", "0.00001", "1e-7", "x 1e-7,\n", '"\\/'])
)
SCALARS = st.none() | st.booleans() | st.integers() | st.integers(min_value=10**18) | FLOATS | TEXT
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.dictionaries(TEXT, children, max_size=4)
    ),
    max_leaves=30,
)


def standard(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=500)
@given(VALUES)
def test_the_text_is_the_standard_librarys(value: Any) -> None:
    assert dumps_indented(value) == standard(value)


@pytest.mark.parametrize(
    "value",
    [
        {
            "名称": '失业保险金\n"申领"\u2028\x00',
            "numbers": [1.5, float("nan"), float("inf"), -float("inf"), 10**40, -(10**20)],
            "small": [1e-5, 2.835061316884854e-06, -1e-9, 1e-10, 0.0001, 1e16, -0.0],
            "empty": [{}, [], ()],
        },
        1e-7,
        -1e-5,
        "0.00001",
        # a lone surrogate, as a file name's undecodable bytes are kept: written as before
        {"catalog": "/srv/\udcff/catalog"},
    ],
)
def test_what_rust_writes_otherwise_is_written_as_python_writes_it(value: Any) -> None:
    assert dumps_indented(value) == standard(value)


def test_what_json_cannot_hold_is_refused() -> None:
    with pytest.raises(TypeError, match="Object of type object is not JSON serializable"):
        dumps_indented({"when": object()})
