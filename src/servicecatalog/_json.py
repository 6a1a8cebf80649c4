"""Indented JSON as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, faster.

The standard library writes indented JSON with its pure-Python encoder (the C one handles no
indentation): for a site's ``catalog.json`` of 2,000 items that is most of a second.
``pydantic_core.to_json`` writes the same text in Rust, with one difference: a float below
1e-4 may come out in another form (``1e-7`` for Python's ``1e-07``, ``0.00001`` for
``1e-05``). Every number sits at the end of its line in indented JSON, so those forms are found
by their line ends and written again as Python writes them.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic_core import PydanticSerializationError, to_json

__all__ = ["dumps_indented"]

# A float whose form may differ from Python's: written with an exponent or as 0.0000…
# (Python writes every float below 1e-4 with an exponent). Only a number can end a line
# with a digit: a string ends with its quote.
# (Both write the exponent with a small e; a character class in its place makes this search
# six times slower, as the regular expression engine then looks at every character.)
_MAY_DIFFER = (re.compile(r"e[-+]?[0-9]+,?(?:\n|\Z)"), re.compile(r"\.0000"))
_FLOAT = re.compile(r"(?<![^ \n])-?[0-9]+(?:\.[0-9]+)?(?:e[-+]?[0-9]+)?(?=,?(?:\n|\Z))")


def dumps_indented(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, character for character, for JSON data
    whose keys are strings (what ``model_dump(mode="json")`` makes); a value that JSON cannot hold
    raises ``TypeError`` as it does (a circular one, ``ValueError``)."""
    try:
        text = to_json(value, indent=2, inf_nan_mode="constants").decode()
    except PydanticSerializationError:
        # Not JSON data, or a string no UTF-8 can hold (a lone surrogate, as a file name's
        # undecodable bytes are kept): the standard library says which, or writes it as before.
        return json.dumps(value, ensure_ascii=False, indent=2)
    if any(pattern.search(text) for pattern in _MAY_DIFFER):
        return _FLOAT.sub(_python_float, text)
    return text


def _python_float(number: re.Match[str]) -> str:
    token = number.group()
    if token.isdigit() or (token[0] == "-" and token[1:].isdigit()):
        return token  # an integer, of any size
    return float.__repr__(float(token))
