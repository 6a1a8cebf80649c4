"""The building blocks of every model: strict scalars, the bounds of every count, the frozen
base model and the citation of a law.

The loader hands every scalar over as a string; the field types below turn strings into integers,
booleans and dates strictly (``"yes"`` is not a boolean, ``"2026-1-2"`` is not a date), and accept
native Python values too, so items can also be built in code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Annotated, Any, cast

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    SerializerFunctionWrapHandler,
)
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

# ---- strict scalars -------------------------------------------------------------------------

_INTEGER = re.compile(r"[0-9]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# More digits than any bound of the model has: refused before int() is asked to convert them
# (Python refuses 4,300 digits and more with a ValueError of its own).
_MAX_DIGITS = 18


def _to_int(value: Any) -> Any:
    if isinstance(value, str):
        if not _INTEGER.fullmatch(value):
            raise PydanticCustomError(
                "whole_number", "expected a whole number written in ASCII digits"
            )
        if len(value.lstrip("0")) > _MAX_DIGITS:
            raise PydanticCustomError(
                "whole_number_too_large",
                "{zh}",
                {
                    "zh": f"数值过大（超过 {_MAX_DIGITS} 位）",
                    "en": f"the number is too large (more than {_MAX_DIGITS} digits)",
                },
            )
        return int(value)
    if isinstance(value, bool):
        raise PydanticCustomError("whole_number", "expected a whole number, not a boolean")
    return value


def _to_bool(value: Any) -> Any:
    if isinstance(value, str):
        lowered = value.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        raise PydanticCustomError("true_or_false", "expected true or false")
    return value


def _to_date(value: Any) -> Any:
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            raise PydanticCustomError("iso_date", "expected a date written YYYY-MM-DD")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "iso_date", "expected a valid date written YYYY-MM-DD"
            ) from None
    return value


JSON_AS_TYPED = "typed"
"""The last step of an error's ``loc`` where a JSON value of a :class:`FromText` scalar was
tried as its type; the conversion's error beside it (``loc`` ending :data:`JSON_AS_TEXT`)
says what was expected."""
JSON_AS_TEXT = "text"


class FromText:
    """A scalar the loader hands over as text, converted by ``convert`` (as ``BeforeValidator``
    does); in JSON, whose values are typed already, a value of the type itself is taken as it
    is, checked in pydantic's core, and only any other value is converted.

    The bundled catalog's snapshot holds some ten thousand flags, counts and dates: a Python
    call for each was some 5% of the time reading it takes. What a catalog (Python values) and
    JSON accept is as before; a JSON value neither typed nor convertible is refused with the
    conversion's error beside the type's.
    """

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self._convert = convert

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        typed = handler(source)
        converted = core_schema.no_info_before_validator_function(self._convert, typed)
        return core_schema.json_or_python_schema(
            json_schema=core_schema.union_schema(
                [(_strict(typed), JSON_AS_TYPED), (converted, JSON_AS_TEXT)],
                mode="left_to_right",
            ),
            python_schema=converted,
            metadata={"pydantic_js_functions": [lambda _, handler: handler(typed)]},
        )


def _strict(schema: CoreSchema) -> CoreSchema:
    """``schema`` taking only values of its own type (its JSON type, for JSON input)."""
    return cast(CoreSchema, {**schema, "strict": True})


# GB 32100-2015: 18 characters from this alphabet (no I, O, S, V, Z); the last is a check
# character over the first 17 with weights 3^(i-1) mod 31.
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = tuple(pow(3, index, 31) for index in range(17))


def credit_code_check(code: str) -> str:
    """The GB 32100-2015 check character of the first 17 characters of ``code``."""
    total = sum(
        _CREDIT_ALPHABET.index(char) * weight
        for char, weight in zip(code[:17], _CREDIT_WEIGHTS, strict=True)
    )
    return _CREDIT_ALPHABET[(31 - total % 31) % 31]


def _to_credit_code(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if len(value) != 18 or any(char not in _CREDIT_ALPHABET for char in value):
        raise PydanticCustomError(
            "credit_code",
            "{zh}",
            {
                "zh": "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）",
                "en": "a unified social credit code is 18 digits or capital letters "
                "(no I, O, S, V or Z)",
            },
        )
    expected = credit_code_check(value)
    if value[17] != expected:
        raise PydanticCustomError(
            "credit_code",
            "{zh}",
            {
                "zh": f"统一社会信用代码的校验位应为 {expected}，实际是 {value[17]}"
                "（GB 32100-2015）",
                "en": f"the check character of the unified social credit code should be "
                f"{expected}, not {value[17]} (GB 32100-2015)",
            },
        )
    return value


# Every count of the model has a bound that means something, so that no number can overflow a
# date or a loop further on.
MAX_COPIES = 99
"""Paper copies of one material."""
MAX_VISITS = 99
"""On-site visits of one item (more than 1 is already ``visits-exceed-one``)."""
MAX_LIST_SIZE = 100_000
"""Items a list may be declared to hold."""
MAX_VERSION = 99_999_999
"""A revision's version (room for versions written as dates, 20261202)."""
MAX_PUBLICATION_WORKING_DAYS = 250
"""Working days allowed for publishing a change: about a year of them."""
MAX_FIELD_LENGTH = 100_000
"""Characters a form field's entry may be limited to."""
MAX_STAGES = 20
"""Stages of one legal limit (statutes name two or three)."""
MAX_LIMIT = {"工作日": 1250, "自然日": 1830, "月": 60}
"""The longest time limit in each unit: five years (250 working days, 366 natural days or 12
months a year). No statute gives an authority more to handle one application; a larger number
is a typing error, and would run past every calendar."""

# The bound of a limit depends on its unit (Duration checks it); the schema gives the largest.
LimitDays = Annotated[
    int,
    Field(ge=0, json_schema_extra={"maximum": max(MAX_LIMIT.values())}),
    FromText(_to_int),
]
Copies = Annotated[int, Field(ge=0, le=MAX_COPIES), FromText(_to_int)]
Visits = Annotated[int, Field(ge=0, le=MAX_VISITS), FromText(_to_int)]
StepDays = Annotated[int, Field(ge=0, le=MAX_LIMIT["工作日"]), FromText(_to_int)]
ListSize = Annotated[int, Field(ge=0, le=MAX_LIST_SIZE), FromText(_to_int)]
Flag = Annotated[bool, FromText(_to_bool)]
Day = Annotated[date, FromText(_to_date)]
Text = Annotated[str, Field(min_length=1, pattern=r"\S")]
LawId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
CreditCode = Annotated[str, BeforeValidator(_to_credit_code)]
"""统一社会信用代码, checked with its GB 32100-2015 check character."""


def _read_only(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    # A frozen model only stops its fields from being reassigned; a dict field would still be
    # changed in place by every reader (manifest.lists.pop(...)) for every later one.
    return MappingProxyType(dict(mapping))


def _serialized_as_dict(
    mapping: Mapping[Any, Any], serialize: SerializerFunctionWrapHandler
) -> Any:
    return serialize(dict(mapping))


class _Frozen(BaseModel):
    # Import time: a model's validator is built when it first validates (defer_build), and the
    # docstrings under the fields, which pydantic would read from the source of every class as it
    # is made, are read by the schema generator when the JSON Schemas are written
    # (servicecatalog.schemas): the model itself has no use for them.
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        strict=False,
        validate_default=False,
        defer_build=True,
    )


class LegalReference(_Frozen):
    """A citation: a law of the registry and the articles cited, as the statute numbers them."""

    law: LawId
    """The id of a law in ``laws.yaml``."""
    articles: tuple[Text, ...] = Field(min_length=1)
    """Articles as written in the statute, e.g. ``第四十五条`` or ``第四十五条第二款``."""
