"""Pydantic validation errors turned into findings that point at the offending value."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ._paths import identity_path
from ._rule import Rule
from .findings import Finding
from .loader import LoadedDocument, Loc, Position
from .model import LEGAL_LIMIT_FORMS
from .rules.schema import (
    SCHEMA_INVALID_VALUE,
    SCHEMA_MISSING_KEY,
    SCHEMA_UNKNOWN_KEY,
)

__all__ = ["SCHEMA_RULES", "describe_error", "validate_document"]

Model = TypeVar("Model", bound=BaseModel)

SCHEMA_RULES = (SCHEMA_MISSING_KEY.id, SCHEMA_UNKNOWN_KEY.id, SCHEMA_INVALID_VALUE.id)
"""The ids of the rules whose findings validation makes."""

_KIND_NAMES = {
    "string_type": ("文本", "a string"),
    "int_type": ("整数", "a whole number"),
    "bool_type": ("true 或 false", "true or false"),
    "date_type": ("日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)"),
    "tuple_type": ("列表", "a list"),
    "list_type": ("列表", "a list"),
    "dict_type": ("映射（键: 值）", "a mapping (key: value)"),
    "model_type": ("映射（键: 值）", "a mapping (key: value)"),
    "model_attributes_type": ("映射（键: 值）", "a mapping (key: value)"),
}


_STRICT_SCALARS = {
    "whole_number": ("用半角数字书写的整数", "a whole number written in ASCII digits"),
    "true_or_false": ("true 或 false", "true or false"),
    "iso_date": ("YYYY-MM-DD 格式的有效日期", "a valid date written YYYY-MM-DD"),
}
"""Error types raised by the model's strict scalars, with what they expected."""


def validate_document(
    model: type[Model], document: LoadedDocument, item: str | None = None, data: Any = None
) -> tuple[Model | None, list[Finding]]:
    """Validate the data of ``document`` (or ``data`` in its place: the same data with some keys
    already reported and removed) against ``model``; findings carry file positions."""
    if document.data is None:
        finding = _finding(
            document,
            (),
            document.position(()),
            SCHEMA_INVALID_VALUE,
            item,
            "文件为空，或不包含任何内容",
            "the file is empty",
        )
        return None, [finding]
    try:
        return model.model_validate(document.data if data is None else data), []
    except ValidationError as error:
        details = _without_consequential(error.errors(include_url=False))
        return None, [_from_error(model, document, detail, item) for detail in details]


def _without_consequential(details: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop "too short" errors of lists whose elements failed: pydantic counts a list's length
    after dropping its invalid elements, so one bad step would also read as "must not be empty"."""
    failed_inside = {tuple(d["loc"][:i]) for d in details for i in range(len(d["loc"]))}
    return [d for d in details if d["type"] != "too_short" or tuple(d["loc"]) not in failed_inside]


def _from_error(
    model: type[BaseModel], document: LoadedDocument, detail: ErrorDetails, item: str | None
) -> Finding:
    # A legal limit is a union told apart by its keys; pydantic names the form it tried in the
    # error location, where the file has no such key.
    loc: Loc = tuple(step for step in detail["loc"] if step not in LEGAL_LIMIT_FORMS)
    # A check of a whole mapping (a duration's days against its unit) names the key it is about.
    at = (detail.get("ctx") or {}).get("at")
    if isinstance(at, str):
        loc = (*loc, at)
    kind = detail["type"]
    if kind == "missing":
        parent = loc[:-1]
        name = str(loc[-1])
        return _finding(
            document,
            parent,
            document.container_position(parent),
            SCHEMA_MISSING_KEY,
            item,
            f"缺少必填字段 “{name}”",
            f"missing required key '{name}'",
        )
    if kind == "extra_forbidden":
        name = str(loc[-1])
        hint_zh, hint_en = _suggestion(model, document.data, loc)
        return _finding(
            document,
            loc,
            document.key_position(loc),
            SCHEMA_UNKNOWN_KEY,
            item,
            f"未知字段 “{name}”{hint_zh}",
            f"unknown key '{name}'{hint_en}",
        )
    zh, en = _describe(detail)
    return _finding(document, loc, document.position(loc), SCHEMA_INVALID_VALUE, item, zh, en)


def describe_error(detail: ErrorDetails) -> tuple[Rule, Loc, str, str]:
    """The rule, the location in the data and the message (Chinese, English) of one pydantic
    error, for data that did not come from a YAML file (a workbook's rows)."""
    loc: Loc = tuple(step for step in detail["loc"] if step not in LEGAL_LIMIT_FORMS)
    if detail["type"] == "missing":
        name = str(loc[-1])
        return SCHEMA_MISSING_KEY, loc, f"缺少必填项 “{name}”", f"missing required value '{name}'"
    if detail["type"] == "extra_forbidden":
        name = str(loc[-1])
        return SCHEMA_UNKNOWN_KEY, loc, f"未知字段 “{name}”", f"unknown key '{name}'"
    zh, en = _describe(detail)
    return SCHEMA_INVALID_VALUE, loc, zh, en


def _expected(zh_kind: str) -> str:
    """应为 and the kind, spaced from a kind that begins with Latin letters (true 或 false)."""
    return f"应为 {zh_kind}" if zh_kind[:1].isascii() else f"应为{zh_kind}"


def _describe(detail: ErrorDetails) -> tuple[str, str]:
    kind = detail["type"]
    given, given_en = _shown(detail["input"]), _shown(detail["input"], "en")
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    if kind in _KIND_NAMES:
        zh_kind, en_kind = _KIND_NAMES[kind]
        return f"{_expected(zh_kind)}，实际是 {given}", f"expected {en_kind}, got {given_en}"
    if kind == "enum":
        expected = str(ctx.get("expected", ""))
        listed = expected.replace("' or '", "'、'").replace("', '", "'、'")
        return (
            f"取值 {given} 无效，应为以下之一：{listed}",
            f"invalid value {given_en}: expected one of {expected}",
        )
    if kind in ("string_too_short", "too_short"):
        # Named, as a new item's skeleton leaves many keys empty at once.
        loc = detail["loc"]
        key = f"{loc[-1]} " if loc and isinstance(loc[-1], str) else ""
        return f"{key}不能为空", f"{key}must not be empty"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        return f"{given} 格式不符（应匹配 {pattern}）", f"{given_en} does not match {pattern}"
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        return f"应不小于 {bound}，实际是 {given}", f"must be at least {bound}, got {given_en}"
    if kind == "too_long":
        bound = ctx.get("max_length")
        return f"最多 {bound} 项，实际有 {ctx.get('actual_length')} 项", (
            f"at most {bound} entries, got {ctx.get('actual_length')}"
        )
    if kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        return f"应不大于 {bound}，实际是 {given}", f"must be at most {bound}, got {given_en}"
    if isinstance(ctx.get("zh"), str) and isinstance(ctx.get("en"), str):
        # The model's own checks say in both languages why a value is refused.
        return ctx["zh"], ctx["en"]
    if kind in _STRICT_SCALARS:
        zh_kind, en_kind = _STRICT_SCALARS[kind]
        return f"{_expected(zh_kind)}，实际是 {given}", f"expected {en_kind}, got {given_en}"
    if kind == "value_error":
        message = str(detail["msg"]).removeprefix("Value error, ")
        return f"取值无效：{message}", message
    message = str(detail["msg"])
    return f"取值无效：{message}", message


def _shown(value: Any, lang: str = "zh") -> str:
    if isinstance(value, dict):
        if lang == "en":
            return "a mapping" if value else "an empty mapping"
        return "映射" if value else "空映射"
    if isinstance(value, list):
        return "a list" if lang == "en" else "列表"
    if value is None:
        return "null"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _suggestion(model: type[BaseModel], data: Any, loc: Loc) -> tuple[str, str]:
    fields = _fields_at(model, data, loc[:-1])
    matches = difflib.get_close_matches(str(loc[-1]), fields, n=1, cutoff=0.6)
    if not matches:
        return "", ""
    return f"（是否应为 “{matches[0]}”？）", f" (did you mean '{matches[0]}'?)"


def _fields_at(model: type[BaseModel], data: Any, loc: Loc) -> list[str]:
    current: type[BaseModel] | None = model
    for step in loc:
        if isinstance(step, int):
            continue
        info = current.model_fields.get(step) if current is not None else None
        if info is None:
            return []
        current = _model_in(info.annotation)
    # A key that is a Python keyword (``from``) is the alias of its field (``from_``).
    fields = current.model_fields if current is not None else {}
    return [info.alias or name for name, info in fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``tuple[M, ...]``, ``M | None`` or ``M``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _finding(
    document: LoadedDocument,
    loc: Loc,
    position: Position,
    rule: Rule,
    item: str | None,
    message: str,
    message_en: str,
) -> Finding:
    return rule.finding(
        message,
        message_en,
        file=document.file,
        line=position.line,
        column=position.column,
        item=item,
        path=identity_path(document.data, loc) or None,
    )
