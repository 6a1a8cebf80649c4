"""The table of what every field is for (servicecatalog.fields), and the diff's promise built on
it: no field of any model can change unseen.

The table must name every field of every model a catalog's items, laws, regions and
implementation lists are made of; a model that gains a field fails here until the field is given
its element. Then every published field, changed in a real item or list of the bundled catalog,
must come out of the diff as at least one change of that field's element.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from datetime import date, timedelta
from enum import Enum
from functools import cache
from typing import Any

import pytest
from pydantic import BaseModel

from conftest import BUNDLED_CATALOG
from servicecatalog import load_catalog
from servicecatalog.catalog import Catalog
from servicecatalog.diff import KINDS, diff_implementation_lists, diff_items
from servicecatalog.fields import (
    FIELD_ELEMENTS,
    LOCAL_FIELDS,
    UNIFIED_FIELDS,
    Element,
    ElementGroup,
)
from servicecatalog.model import (
    ImplementationDefaults,
    ImplementationList,
    Item,
    Law,
    Region,
)
from servicecatalog.rules.elements import needed_elements

ROOTS = (Item, ImplementationList, Law, Region)


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for argument in typing.get_args(annotation):
        yield from _models_in(argument)


def _reachable(roots: tuple[type[BaseModel], ...] = ROOTS) -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    pending = list(roots)
    while pending:
        model = pending.pop()
        if model in found:
            continue
        found.add(model)
        for field in model.model_fields.values():
            pending.extend(_models_in(field.annotation))
    return found


def test_every_model_a_catalog_is_made_of_is_in_the_table() -> None:
    missing = sorted(model.__name__ for model in _reachable() if model not in FIELD_ELEMENTS)
    assert missing == []


@pytest.mark.parametrize("model", list(FIELD_ELEMENTS), ids=lambda model: model.__name__)
def test_the_table_names_exactly_the_fields_of_each_model(model: type[BaseModel]) -> None:
    assert set(FIELD_ELEMENTS[model]) == set(model.model_fields)


def test_the_unified_fields_are_the_eight_conditions_and_visits() -> None:
    assert UNIFIED_FIELDS == (
        "main_item_name",
        "sub_item_name",
        "legal_basis",
        "materials",
        "service_process",
        "handling_process",
        "time_limit",
        "forms",
        "conditions",
        "visits",
    )


def test_local_fields_are_what_defaults_may_give() -> None:
    assert set(LOCAL_FIELDS) == set(ImplementationDefaults.model_fields)


def test_only_identities_and_revisions_are_internal() -> None:
    internal = {
        (model.__name__, name)
        for model, fields in FIELD_ELEMENTS.items()
        for name, element in fields.items()
        if element is Element.INTERNAL
    }
    assert internal == {
        ("Item", "code"),
        ("Item", "revision"),
        ("Material", "id"),
        ("ServiceStep", "id"),
        ("HandlingStep", "id"),
        ("Form", "id"),
        ("Revision", "version"),
        ("Revision", "changed_on"),
        ("Revision", "published_on"),
        ("Law", "id"),
        ("Region", "code"),
        ("Region", "synthetic"),
        ("Implementation", "item"),
        ("ImplementationList", "region"),
        ("ImplementationList", "revision"),
    }


def test_every_element_but_internal_is_published() -> None:
    assert [e for e in Element if not e.published] == [Element.INTERNAL]
    assert {e.group for e in Element} == set(ElementGroup)


def test_the_guide_rules_name_elements_from_the_table() -> None:
    item = _catalog().item("220114043000")
    for key in needed_elements(item):
        assert key in FIELD_ELEMENTS[Item]


def test_every_kind_belongs_to_an_element_of_the_table() -> None:
    keys = {element.key for element in Element}
    assert {spec.element for spec in KINDS.values()} <= keys


# ---- no field changes unseen ----------------------------------------------------------------


@cache
def _catalog() -> Catalog:
    return load_catalog(BUNDLED_CATALOG, today=date(2026, 12, 6))


_SKIP = object()


def _different(value: Any, annotation: Any) -> Any:
    """Another value of the same kind, or _SKIP where none can be made up."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, Enum):
        others = [member for member in type(value) if member is not value]
        return others[0] if others else _SKIP
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "（改）"
    if isinstance(value, date):
        return value + timedelta(days=1)
    if isinstance(value, tuple):
        return value[:-1] if value else _SKIP
    if value is None and _admits_text(annotation):
        return "新写明的值"
    return _SKIP


def _admits_text(annotation: Any) -> bool:
    if annotation is str:
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        return _admits_text(typing.get_args(annotation)[0])
    return any(_admits_text(argument) for argument in typing.get_args(annotation))


def _variants(obj: BaseModel) -> Iterator[tuple[type[BaseModel], str, BaseModel]]:
    """``obj`` with one field changed, for every field it can be changed in (nested ones
    included): (the model whose field changed, the field, the changed ``obj``)."""
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        other = _different(value, info.annotation)
        if other is not _SKIP:
            yield type(obj), name, obj.model_copy(update={name: other})
        if isinstance(value, BaseModel):
            for model, field, changed in _variants(value):
                yield model, field, obj.model_copy(update={name: changed})
        elif isinstance(value, tuple):
            for index, element in enumerate(value):
                if not isinstance(element, BaseModel):
                    continue
                for model, field, changed in _variants(element):
                    replaced = (*value[:index], changed, *value[index + 1 :])
                    yield model, field, obj.model_copy(update={name: replaced})


def _published(model: type[BaseModel], field: str) -> bool:
    return FIELD_ELEMENTS[model][field].published


@cache
def _item_coverage() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(fields changed in some item, fields whose change the diff reported)."""
    tried: set[tuple[str, str]] = set()
    seen: set[tuple[str, str]] = set()
    for item in _catalog().items():
        for model, field, changed in _variants(item):
            if not isinstance(changed, Item) or not _published(model, field):
                continue
            key = (model.__name__, field)
            tried.add(key)
            if key not in seen and diff_items(item, changed):
                seen.add(key)
    return tried, seen


def test_every_published_field_of_an_item_changed_is_reported() -> None:
    tried, seen = _item_coverage()
    assert tried - seen == set()


def test_the_coverage_check_reached_every_item_field() -> None:
    """The bundled catalog sets every item field somewhere, so the check above is not vacuous."""
    tried, _ = _item_coverage()
    published = {name for name, e in FIELD_ELEMENTS[Item].items() if e.published}
    reached = {field for model, field in tried if model == "Item"}
    for name in published - reached:
        nested = {
            m.__name__ for m in _reachable(tuple(_models_in(Item.model_fields[name].annotation)))
        }
        if any(model in nested for model, _ in tried):
            reached.add(name)
    assert published - reached == set()


def test_every_local_field_of_an_implementation_changed_is_reported() -> None:
    listed = _catalog().implementation_lists["220000"]
    tried: set[str] = set()
    seen: set[str] = set()
    for model, field, changed in _variants(listed):
        if model.__name__ != "Implementation" or not _published(model, field):
            continue
        tried.add(field)
        assert isinstance(changed, ImplementationList)
        changes = diff_implementation_lists("220000", listed, changed)
        if any(change.path.endswith(f".{field}") for change in changes):
            seen.add(field)
    assert tried == seen
    assert {"agency", "address", "hours", "phone", "window", "online_url"} <= tried


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_says_why_it_goes_its_way(kind: str) -> None:
    assert KINDS[kind].reason, kind
    assert KINDS[kind].reason_en, kind


def test_a_field_no_differ_reads_gets_a_generic_kind() -> None:
    """A local field without a differ of its own is reported generically, under its element."""
    assert KINDS["implementation-address-changed"].element == "address"
    assert KINDS["implementation-address-changed"].label() == "办理地点变更"


def test_union_types_are_understood() -> None:
    # The helper above must see str inside ``str | None`` to make up a value for an unset text.
    assert _different(None, str | None) == "新写明的值"
    assert _different(None, Item.model_fields["quantity_limit"].annotation) == "新写明的值"
    assert _different(None, types.NoneType) is _SKIP
