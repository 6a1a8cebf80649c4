"""表单内容 as data a portal can check: what each field type accepts, and a form's JSON Schema.

One definition serves three readers: the rules check every field's ``example`` with
:func:`entry_problem`, :func:`form_schema` gives portals the JSON Schema (draft 2020-12) of a
submission, and the blank and sample forms print the same options and help.

A submission is a JSON object whose property names are the form's field names. ``text``,
``date``, ``id_number``, ``phone`` and ``file`` entries are strings (a ``file`` entry names the
uploaded file the way the portal stores it), ``number`` entries numbers,
a ``choice`` entry one of its options (a ``multiple`` field: a list of them).

The 公民身份号码 check is stated twice in the schema: a ``pattern`` that any JSON Schema validator
applies (18 characters, a real month and day of birth), and the format ``gb11643-id-number`` for
what a pattern cannot say — the check character of GB 11643-1999 and the birth date's existence
(no 19990230). A validator applies a format only when asked: use :func:`form_format_checker`
(``jsonschema.Draft202012Validator(schema, format_checker=form_format_checker())``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._files import write_atomically
from .model import FieldType, Form, FormField, Item

if TYPE_CHECKING:
    from jsonschema import FormatChecker

__all__ = [
    "ID_NUMBER_FORMAT",
    "MULTIPLE_SEPARATOR",
    "entry_problem",
    "form_format_checker",
    "form_schema",
    "form_schemas",
    "id_number_check",
    "id_number_problem",
    "write_form_schemas",
]

ID_NUMBER_FORMAT = "gb11643-id-number"
"""The JSON Schema ``format`` of a 公民身份号码 whose check character and birth date are right."""

MULTIPLE_SEPARATOR = "、"
"""How an ``example`` of a ``multiple`` choice field writes several options."""

# GB 11643-1999: the check character is (12 - sum(a_i * w_i) mod 11) mod 11 over the first 17
# digits, with w_i = 2^(18-i) mod 11; the value 10 is written X.
_ID_WEIGHTS = tuple(pow(2, 17 - index, 11) for index in range(17))
_ID_CHECK_CHARACTERS = "10X98765432"
_ID_PATTERN = (
    r"^[1-9][0-9]{5}(18|19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]$"
)
_MOBILE = r"1[3-9][0-9]{9}"
_FIXED = r"0[1-9][0-9]{1,2}-?[2-9][0-9]{6,7}"
_PHONE_PATTERN = rf"^({_MOBILE}|{_FIXED})$"
_DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")


def id_number_check(number: str) -> str:
    """The GB 11643-1999 check character of the first 17 digits of ``number``."""
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARACTERS[total % 11]


def id_number_problem(number: str) -> tuple[str, str] | None:
    """Why ``number`` is not a 公民身份号码 (Chinese, English), or None when it is one."""
    if not re.fullmatch(_ID_PATTERN, number):
        return (
            "公民身份号码应为 18 位：17 位数字加 1 位校验码（数字或 X）",
            "a citizen ID number is 18 characters: 17 digits and a check digit or X",
        )
    if _calendar_date(number[6:10], number[10:12], number[12:14]) is None:
        return (
            f"公民身份号码中的出生日期 {number[6:14]} 不存在",
            f"the birth date {number[6:14]} in the citizen ID number does not exist",
        )
    expected = id_number_check(number)
    if number[17] != expected:
        return (
            f"公民身份号码的校验码应为 {expected}，实际是 {number[17]}（GB 11643-1999）",
            f"the check character of the citizen ID number should be {expected}, "
            f"not {number[17]} (GB 11643-1999)",
        )
    return None


def _calendar_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def entry_problem(field: FormField, entry: str) -> tuple[str, str] | None:
    """Why ``entry``, written as on a paper form, does not fit ``field`` (Chinese, English).

    None when it fits. A ``multiple`` choice writes its options joined by ``、``.
    """
    if field.max_length is not None and len(entry) > field.max_length:
        return (
            f"“{entry}” 有 {len(entry)} 个字符，超过最大长度 {field.max_length}",
            f"'{entry}' has {len(entry)} characters, more than max_length {field.max_length}",
        )
    match field.type:
        case FieldType.NUMBER if not _NUMBER.fullmatch(entry):
            return (f"“{entry}” 不是数字", f"'{entry}' is not a number")
        case FieldType.DATE if (
            not re.fullmatch(_DATE_PATTERN, entry) or _calendar_date(*entry.split("-")) is None
        ):
            return (
                f"“{entry}” 不是存在的日期（YYYY-MM-DD）",
                f"'{entry}' is not a date that exists (YYYY-MM-DD)",
            )
        case FieldType.ID_NUMBER:
            return id_number_problem(entry)
        case FieldType.PHONE if not re.fullmatch(_PHONE_PATTERN, entry):
            return (
                f"“{entry}” 不是内地固定电话或手机号码",
                f"'{entry}' is not a mainland fixed or mobile number",
            )
        case FieldType.CHOICE if field.options is not None:
            return _choice_problem(field, entry, field.options)
    return None


def _choice_problem(
    field: FormField, entry: str, options: tuple[str, ...]
) -> tuple[str, str] | None:
    chosen = entry.split(MULTIPLE_SEPARATOR) if field.multiple else [entry]
    unlisted = [choice for choice in chosen if choice not in options]
    if unlisted:
        return (
            f"“{unlisted[0]}” 不是该字段的选项（{'、'.join(options)}）",
            f"'{unlisted[0]}' is not an option of the field ({', '.join(options)})",
        )
    if len(set(chosen)) != len(chosen):
        return (f"“{entry}” 重复选择了同一选项", f"'{entry}' picks an option twice")
    return None


def form_schema(item: Item, form_id: str) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a submission of the form ``form_id`` of ``item``.

    ``KeyError`` when the item has no such form.
    """
    form = item.form(form_id)
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:servicecatalog:form:{item.code}:{form.id}",
        "title": form.name,
        "description": _form_description(item, form),
        "type": "object",
        "properties": {field.name: field_schema(field) for field in form.fields},
        "required": [field.name for field in form.fields if field.required],
        "additionalProperties": False,
    }
    return schema


def _form_description(item: Item, form: Form) -> str:
    heading = f"{item.code} {item.name} · {form.id} {form.name}"
    return heading if form.description is None else f"{heading}。{form.description}"


def field_schema(field: FormField) -> dict[str, Any]:
    """The JSON Schema of one field's entry."""
    schema: dict[str, Any] = {"title": field.name}
    if field.help is not None:
        schema["description"] = field.help
    schema.update(_type_schema(field))
    if field.max_length is not None and field.type is not FieldType.CHOICE:
        schema["maxLength"] = field.max_length
    if field.example is not None:
        schema["examples"] = [_example_value(field, field.example)]
    return schema


def _type_schema(field: FormField) -> dict[str, Any]:
    match field.type:
        case FieldType.NUMBER:
            return {"type": "number"} | ({} if field.unit is None else {"x-unit": field.unit})
        case FieldType.DATE:
            return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
        case FieldType.ID_NUMBER:
            return {"type": "string", "format": ID_NUMBER_FORMAT, "pattern": _ID_PATTERN}
        case FieldType.PHONE:
            return {"type": "string", "pattern": _PHONE_PATTERN}
        case FieldType.CHOICE:
            return _choice_schema(field)
    return {"type": "string", "minLength": 1}


def _choice_schema(field: FormField) -> dict[str, Any]:
    one: dict[str, Any] = (
        {"type": "string", "minLength": 1}
        if field.options is None
        else {"type": "string", "enum": list(field.options)}
    )
    if not field.multiple:
        return one
    return {"type": "array", "items": one, "minItems": 1, "uniqueItems": True}


def _example_value(field: FormField, example: str) -> Any:
    if field.type is FieldType.NUMBER and _NUMBER.fullmatch(example):
        return float(example) if "." in example else int(example)
    if field.type is FieldType.CHOICE and field.multiple:
        return example.split(MULTIPLE_SEPARATOR)
    return example


def form_format_checker() -> FormatChecker:
    """A ``jsonschema`` format checker that knows ``gb11643-id-number`` and ``date``."""
    from jsonschema import FormatChecker

    checker = FormatChecker(["date"])

    @checker.checks(ID_NUMBER_FORMAT)
    def _is_id_number(instance: object) -> bool:
        return not isinstance(instance, str) or id_number_problem(instance) is None

    return checker


def form_schemas(items: Iterable[Item]) -> dict[str, dict[str, Any]]:
    """``<code>.<form id>`` -> the form's JSON Schema, for every form of ``items``."""
    return {
        f"{item.code}.{form.id}": form_schema(item, form.id)
        for item in items
        for form in item.forms
    }


def write_form_schemas(items: Iterable[Item], folder: Path) -> list[Path]:
    """Write ``<code>.<form id>.schema.json`` for every form of ``items`` into ``folder``.

    Each file is replaced atomically; files of forms that no longer exist are left alone.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in form_schemas(items).items():
        target = folder / f"{name}.schema.json"
        write_atomically(target, json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
        written.append(target)
    return written
