"""Tests of the published JSON Schemas (servicecatalog.schemas, schemas/): drift and validity.

Catalog files are read here with PyYAML's ``safe_load`` (not the library's loader), so the check
is independent of the code under test; YAML dates become ISO strings, as a JSON consumer sees them.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from servicecatalog import _project
from servicecatalog.schemas import (
    SCHEMA_DIALECT,
    SCHEMA_MODELS,
    generate_schemas,
    schema_drift,
    write_schemas,
)

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = REPO / "schemas"
CATALOG = REPO / "catalog"
CONTRACT_NAMES = {"item.schema.json", "laws.schema.json", "manifest.schema.json"}
NAMES = tuple(sorted(SCHEMA_MODELS))
ITEM_FILES = sorted((CATALOG / "items").glob("*.yaml"))
IMPLEMENTATION_FILES = sorted((CATALOG / "implementations").glob("*.yaml"))
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def schema(name: str) -> dict[str, Any]:
    document = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def as_json(value: Any) -> Any:
    """``value`` as JSON would carry it: dates as ISO strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def read_yaml(path: Path) -> Any:
    return as_json(yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader))


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(name: str, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(name).iter_errors(data)
    ]


# ---- drift ------------------------------------------------------------------------------------


def test_committed_schemas_match_the_models() -> None:
    drifted = schema_drift(SCHEMAS)
    assert drifted == [], (
        f"{', '.join(drifted)} in schemas/ differ from the models: run `servicecatalog schema` "
        "and commit the result"
    )


def test_generated_text_is_what_is_committed() -> None:
    for name, text in generate_schemas().items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, (
            f"schemas/{name} is stale: run `servicecatalog schema`"
        )


def test_the_schemas_folder_holds_exactly_the_published_schemas() -> None:
    assert set(NAMES) >= CONTRACT_NAMES
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == list(NAMES)


def test_write_then_no_drift(tmp_path: Path) -> None:
    written = write_schemas(tmp_path / "out")
    assert sorted(p.name for p in written) == list(NAMES)
    assert schema_drift(tmp_path / "out") == []
    assert not list((tmp_path / "out").glob(".*"))  # no temporary files left behind


def test_drift_is_detected(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    (tmp_path / "manifest.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "laws.schema.json").unlink()
    assert sorted(schema_drift(tmp_path)) == ["laws.schema.json", "manifest.schema.json"]


def test_generation_is_deterministic() -> None:
    assert generate_schemas() == generate_schemas()


# ---- validity ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_2020_12(name: str) -> None:
    document = schema(name)
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == SCHEMA_DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert isinstance(document["$id"], str)
    assert document["$id"]
    assert isinstance(document["title"], str)
    assert document["title"]
    assert document.get("description")


def test_schema_ids_are_unique() -> None:
    ids = [schema(name)["$id"] for name in NAMES]
    assert len(set(ids)) == len(ids)


def test_schema_ids_are_the_addresses_of_this_version() -> None:
    # An editor resolves $id and $schema lines: an address, at the tag of this version.
    for name in NAMES:
        assert schema(name)["$id"] == f"{_project.SCHEMA_BASE}{name}"
    assert _project.SCHEMA_BASE.startswith("https://")


def test_item_schema_forbids_unknown_keys() -> None:
    assert schema("item.schema.json").get("additionalProperties") is False


# ---- the catalog validates against its schemas ------------------------------------------------


def test_manifest_validates() -> None:
    assert problems("manifest.schema.json", read_yaml(CATALOG / "catalog.yaml")) == []


def test_laws_validate() -> None:
    assert problems("laws.schema.json", read_yaml(CATALOG / "laws.yaml")) == []


def test_there_are_items() -> None:
    assert ITEM_FILES


def test_regions_validate() -> None:
    path = CATALOG / "regions.yaml"
    if not path.is_file() or "regions.schema.json" not in SCHEMA_MODELS:
        pytest.skip("no regions.yaml or no regions schema")
    assert problems("regions.schema.json", read_yaml(path)) == []


@pytest.mark.parametrize("path", IMPLEMENTATION_FILES, ids=lambda p: p.stem)
def test_implementations_validate(path: Path) -> None:
    if "implementations.schema.json" not in SCHEMA_MODELS:
        pytest.skip("no implementations schema")
    assert problems("implementations.schema.json", read_yaml(path)) == []


@pytest.mark.parametrize("path", ITEM_FILES, ids=lambda p: p.stem)
def test_item_validates(path: Path) -> None:
    assert problems("item.schema.json", read_yaml(path)) == []


def test_schema_refuses_an_invalid_item() -> None:
    data = read_yaml(CATALOG / "items" / "220114043000.yaml")
    assert problems("item.schema.json", data) == []
    del data["code"]
    data["visit"] = 0
    data["item_type"] = "行政审批"
    found = problems("item.schema.json", data)
    assert any("'code' is a required property" in p for p in found), found
    assert any("visit" in p for p in found), found
    assert any(p.startswith("item_type:") for p in found), found


def test_schema_checks_dates() -> None:
    data = read_yaml(CATALOG / "items" / "220114043000.yaml")
    data["revision"]["changed_on"] = "2026-02-30"
    assert problems("item.schema.json", data)


# ---- names that generators of types turn into clean types -------------------------------------


def _titled(node: object, found: list[str], at: str = "$") -> list[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                found += [f"{at}.{name}" for name, sub in value.items() if "title" in sub]
            _titled(value, found, f"{at}.{key}")
    elif isinstance(node, list):
        for element in node:
            _titled(element, found, at)
    return found


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_no_property_carries_a_title_and_definitions_are_named_once(name: str) -> None:
    """json-schema-to-typescript makes a type of every titled schema and numbers the repeats
    (Name1, Name2 …): only models have titles, and each definition's name is its model's."""
    document = schema(name)
    assert _titled(document, []) == []
    definitions = document.get("$defs", {})
    assert all(not any(c.isdigit() for c in key) for key in definitions), list(definitions)
    assert all(
        value.get("title") == key for key, value in definitions.items() if "properties" in value
    )


def _references(node: object) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return ([node] if "$ref" in node else []) + [
            found for value in node.values() for found in _references(value)
        ]
    if isinstance(node, list):
        return [found for value in node for found in _references(value)]
    return []


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_every_reference_stands_alone(name: str) -> None:
    """A ``$ref`` beside a description is, to json-schema-to-typescript, a new schema with the
    referenced title, which it names again, numbered (``DayUnit1``): such a ``$ref`` sits in
    ``allOf``."""
    references = _references(schema(name))
    assert references
    assert [reference for reference in references if len(reference) > 1] == []


def test_a_root_title_names_no_other_concept_of_the_catalog_export() -> None:
    """Types generated from two schemas meet in one program: the root of each file is named
    after its model, or after nothing the export names otherwise (ImplementationList is the
    merged list of the export; the file as written is ImplementationListFile)."""
    exported = schema("catalog.schema.json")["$defs"]
    for name, (model, title, _) in SCHEMA_MODELS.items():
        type_name = "".join(word[:1].upper() + word[1:] for word in title.split())
        assert type_name == model.__name__ or type_name not in exported, name
