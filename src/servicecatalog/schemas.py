"""JSON Schemas (draft 2020-12) of the catalog files, generated from the models.

The files in ``schemas/`` are committed so that consumers outside Python (portal backends, editors)
get the same contract; ``servicecatalog schema --check`` and a test fail when they drift from the
models. Each schema's ``$id`` is the address this version is served at once its tag exists
(``_project.SCHEMA_BASE`` and the file name); until then it is an identifier that nothing fetches,
and editors read the files ``servicecatalog schema -o`` writes (docs/ci.md#editors).

``catalog.schema.json`` describes the ``catalog.json`` that ``servicecatalog site`` writes, as a
whole: a backend in another language validates the export in one step.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import itertools
import json
import sys
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field
from pydantic.json_schema import GenerateJsonSchema

from ._files import write_atomically
from ._project import SCHEMA_BASE
from .findings import Finding
from .model import (
    HolidaySchedule,
    ImplementationList,
    ImplementationListFile,
    Item,
    Laws,
    Manifest,
    Referrals,
    Regions,
    Synonyms,
    Text,
    _Frozen,
)

__all__ = [
    "SCHEMA_DIALECT",
    "SCHEMA_MODELS",
    "CalendarFile",
    "CalendarOverrides",
    "CatalogExport",
    "CatalogReport",
    "ExportSource",
    "LeftOutEntry",
    "generate_schemas",
    "schema_drift",
    "schema_id",
    "write_schemas",
]


class LeftOutEntry(_Frozen):
    """An item file that did not validate and is not in the export (a catalog built with
    ``--allow-invalid``)."""

    item: Text
    """The code the file's name gives."""
    file: Text
    reason: Text
    """The first errors found in the file."""


class CatalogReport(_Frozen):
    """The catalog's report: how many item files it had, its findings and the waived ones."""

    items: int
    findings: tuple[Finding, ...] = ()
    waived: tuple[Finding, ...] = ()


class CalendarFile(_Frozen):
    """One working-day override file of the catalog's ``calendar/`` folder, as it was read."""

    name: str
    content: str


class CalendarOverrides(_Frozen):
    """The catalog's working-day overrides."""

    folder: str | None = None
    files: tuple[CalendarFile, ...] = ()


class ExportSource(_Frozen):
    """Who wrote the export, from what."""

    tool: str
    version: str
    format: int
    catalog: str
    """The catalog as it was named (``catalog``, ``git:v1.2:catalog``)."""
    commit: str | None = None
    """The commit the catalog was read from; null outside a git repository."""
    modified: bool = False
    """True when the catalog folder had changes not committed when the export was built."""


class CatalogExport(_Frozen):
    """``catalog.json`` (the site's, and the snapshot ``servicecatalog build`` writes): every
    key typed. No other key is allowed: a new one comes with a new ``servicecatalog.format``."""

    manifest: Manifest
    laws: Laws
    items: tuple[Item, ...]
    """The items that validated, ordered by code."""
    left_out: tuple[LeftOutEntry, ...] = ()
    """Present only when some item files did not validate (built with --allow-invalid)."""
    regions: Regions
    implementations: tuple[ImplementationList, ...]
    """The implementation lists by region code, their defaults merged into every entry."""
    synonyms: Synonyms = Synonyms(synonyms=())
    form_schemas: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """``<code>.<form id>`` -> the JSON Schema (2020-12) of a submission of that form; derived
    from the items, for portals, and not read back."""
    referrals: Referrals = Referrals.model_construct(referrals=())
    """The topics other departments handle, which the site's search refers to."""
    report: CatalogReport
    calendar: CalendarOverrides
    servicecatalog: ExportSource


class _WithoutFieldTitles(GenerateJsonSchema):
    """Pydantic's schema less the title it gives every property ("Version", "Name"): generators
    of types (json-schema-to-typescript, jsonschema2pojo) make a named type of each titled
    schema, and numbered aliases (``Name1``…) of the same title met twice. A model keeps its
    title, one name per concept."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_MODELS: Mapping[str, tuple[type[BaseModel], str, str]] = {
    "item.schema.json": (
        Item,
        "Service item",
        "One item of the catalog (catalog/items/<code>.yaml): the eight unified elements "
        "(八统一) and what surrounds them.",
    ),
    "manifest.schema.json": (
        Manifest,
        "Catalog manifest",
        "catalog/catalog.yaml: the catalog's name, codes, lists and publication rule.",
    ),
    "laws.schema.json": (
        Laws,
        "Law registry",
        "catalog/laws.yaml: the laws, regulations and rules items cite.",
    ),
    "regions.schema.json": (
        Regions,
        "Regions",
        "catalog/regions.yaml: the province, cities, counties, townships and villages that "
        "implement items.",
    ),
    "implementations.schema.json": (
        ImplementationListFile,
        "Implementation list file",
        "catalog/implementations/<region>.yaml: the items one region implements and what is "
        "local about them (agency, address, hours, phone, window), with defaults every entry "
        "inherits and the list's revision. The eight unified elements may not appear here.",
    ),
    "synonyms.schema.json": (
        Synonyms,
        "Search synonyms",
        "catalog/synonyms.yaml: the words citizens type (社保卡) and the words the catalog uses "
        "for them (社会保障卡), for the site's search.",
    ),
    "referrals.schema.json": (
        Referrals,
        "Search referrals",
        "catalog/referrals.yaml: topics other departments handle (医疗保险: 医疗保障局, 12393), "
        "shown by the site's search when a query names them.",
    ),
    "calendar.schema.json": (
        HolidaySchedule,
        "Working-day overrides",
        "catalog/calendar/<year>.yaml: one year's holiday schedule as the State Council's notice "
        "sets it (rest periods, and the weekend days that become working days), replacing the "
        "chinesecalendar package's data for that year. The file is named after its year.",
    ),
    "catalog.schema.json": (
        CatalogExport,
        "Catalog export",
        "catalog.json of the static site (servicecatalog site) and the snapshot servicecatalog "
        "build writes: the manifest, the law registry, every item that validated, the regions, "
        "the implementation lists (defaults merged), the synonyms, the forms' submission "
        "schemas, the report, the working-day overrides and the tool that wrote it; left_out "
        "lists the item files that did not validate. Every key is typed and no other is allowed: "
        "a new one comes with a new servicecatalog.format.",
    ),
}


def schema_id(file_name: str) -> str:
    """The ``$id`` of a schema file: the address this version is served at once its tag exists."""
    return f"{SCHEMA_BASE}{file_name}"


def generate_schemas() -> dict[str, str]:
    """File name -> JSON text of every schema."""
    return {name: _text(name, *spec) for name, spec in SCHEMA_MODELS.items()}


def _text(name: str, model: type[BaseModel], title: str, description: str) -> str:
    generated = _references_alone(
        _with_field_docstrings(
            model, model.model_json_schema(mode="validation", schema_generator=_WithoutFieldTitles)
        )
    )
    document: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_id(name),
        **generated,
        "title": title,
        "description": description,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _with_field_docstrings(model: type[BaseModel], schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with the docstring under each field as the field's ``description``.

    This is what pydantic's ``use_attribute_docstrings`` does, done here when the schemas are
    written rather than by every import of the package. Keys are sorted within each field's
    schema, as pydantic sorts them.
    """
    definitions = schema.get("$defs", {})
    for cls in _models(model):
        found = schema if cls is model else definitions.get(cls.__name__)
        if found is None:
            continue
        properties = found.get("properties", {})
        fields = getattr(cls, "model_fields", {})
        for field_name, docstring in _field_docstrings(cls).items():
            # A field named after a Python keyword (``from_``) has the key as its alias.
            info = fields.get(field_name)
            key = info.alias if info is not None and info.alias else field_name
            field_schema = properties.get(key)
            if field_schema is not None and "description" not in field_schema:
                field_schema["description"] = docstring
                properties[key] = dict(sorted(field_schema.items()))
    return schema


def _references_alone(schema: Any) -> Any:
    """``schema`` with every ``$ref`` that has sibling keywords (a field's ``description``,
    ``default``) moved into ``allOf: [{"$ref": …}]``.

    Both mean the same in draft 2020-12, but type generators (json-schema-to-typescript) take a
    ``$ref`` with siblings for a new schema carrying the referenced title, and name it again,
    numbered (``DayUnit1``, ``Duration1``); a ``$ref`` alone is the one named type.
    """
    if isinstance(schema, list):
        return [_references_alone(value) for value in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {key: _references_alone(value) for key, value in schema.items()}
    if "$ref" in converted and len(converted) > 1:
        return {"allOf": [{"$ref": converted.pop("$ref")}], **converted}
    return converted


def _models(model: type[BaseModel]) -> Iterator[type]:
    """``model`` and every model (or dataclass, as :class:`Finding`) its fields hold, each once."""
    seen: set[type] = set()
    pending = [model]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        yield current
        for info in getattr(current, "model_fields", {}).values():
            pending.extend(_models_in(info.annotation))


def _models_in(annotation: Any) -> Iterator[type]:
    if isinstance(annotation, type) and (
        issubclass(annotation, BaseModel) or dataclasses.is_dataclass(annotation)
    ):
        yield annotation
    for argument in getattr(annotation, "__args__", ()):
        yield from _models_in(argument)
    for metadata in getattr(annotation, "__metadata__", ()):
        yield from _models_in(metadata)


def _field_docstrings(cls: type) -> dict[str, str]:
    """The string written right under each annotated field of ``cls`` and its bases."""
    found: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        if base is not BaseModel and (
            issubclass(base, BaseModel) or dataclasses.is_dataclass(base)
        ):
            found.update(_class_docstrings(base.__module__, base.__qualname__))
    return found


@cache
def _class_docstrings(module: str, qualname: str) -> dict[str, str]:
    tree = _module_tree(module)
    body = next(
        (n.body for n in tree.body if isinstance(n, ast.ClassDef) and n.name == qualname), []
    )
    found = {}
    for previous, statement in itertools.pairwise(body):
        if (
            isinstance(previous, ast.AnnAssign)
            and isinstance(previous.target, ast.Name)
            and isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            found[previous.target.id] = inspect.cleandoc(statement.value.value)
    return found


@cache
def _module_tree(module: str) -> ast.Module:
    return ast.parse(inspect.getsource(sys.modules[module]))


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder`` (each file replaced atomically); return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate_schemas().items():
        target = folder / name
        write_atomically(target, text)
        written.append(target)
    return written


def schema_drift(folder: Path) -> list[str]:
    """Names of the schema files in ``folder`` that are missing or differ from the models."""
    drifted = []
    for name, text in generate_schemas().items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            drifted.append(name)
    return drifted
