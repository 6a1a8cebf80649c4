"""The schemas as other languages' tools read them: ajv (strict, draft 2020-12) validates a built
``catalog.json`` and, with js-yaml reading them as a JavaScript program or an editor does, every
file of the bundled catalog; json-schema-to-typescript generates types from them with one name per
concept; check-jsonschema (Python, reading YAML 1.2) accepts the same files.

The JavaScript tools are pinned in ``tools/js/package.json`` and ``package-lock.json``; where
``node`` is installed, the first test that needs them runs ``npm ci`` in ``tools/js/`` (a
git-ignored ``node_modules/``) unless it is installed from the same lock already. Without
``node`` those tests are skipped, saying why; with ``node``, a failed install fails them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import BUNDLED_CATALOG, REPO_ROOT
from servicecatalog.schemas import SCHEMA_MODELS

JS_TOOLS = REPO_ROOT / "tools" / "js"
SCHEMAS = REPO_ROOT / "schemas"

CATALOG_FILES = {
    "item.schema.json": "items/*.yaml",
    "laws.schema.json": "laws.yaml",
    "manifest.schema.json": "catalog.yaml",
    "regions.schema.json": "regions.yaml",
    "implementations.schema.json": "implementations/*.yaml",
    "synonyms.schema.json": "synonyms.yaml",
    "referrals.schema.json": "referrals.yaml",
    "calendar.schema.json": "calendar/*.yaml",
}
"""Each schema of a catalog file and the bundled catalog's files it describes."""

CALENDAR_CATALOG = REPO_ROOT / "tests" / "cases" / "calendar-runs-out" / "pass" / "next-year-added"
"""The bundled catalog carries no working-day override (chinesecalendar knows its years); this
case's catalog adds the next year's schedule as a department would."""


def _files(schema: str) -> list[Path]:
    catalog = CALENDAR_CATALOG if schema == "calendar.schema.json" else BUNDLED_CATALOG
    found = sorted(catalog.glob(CATALOG_FILES[schema]))
    assert found, f"{catalog} has no {CATALOG_FILES[schema]}"
    return found


def test_every_schema_of_a_catalog_file_is_checked() -> None:
    assert set(CATALOG_FILES) == set(SCHEMA_MODELS) - {"catalog.schema.json"}


@pytest.fixture(scope="module")
def catalog_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``catalog.json`` as ``servicecatalog build`` writes it from the bundled catalog."""
    target = tmp_path_factory.mktemp("build") / "catalog.json"
    built = _run([_servicecatalog(), "build", str(BUNDLED_CATALOG), "-o", str(target)])
    assert built.returncode == 0, built.stderr
    return target


def _servicecatalog() -> str:
    return str(Path(sys.executable).parent / "servicecatalog")


def _run(command: list[str], cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, check=False, timeout=600
    )


# ---- JavaScript: ajv, js-yaml, json-schema-to-typescript --------------------------------------


@pytest.fixture(scope="module")
def node() -> str:
    """``node``, with ``tools/js/node_modules`` installed from the lock file."""
    found = shutil.which("node")
    if found is None:
        pytest.skip(
            "node is not installed: ajv, js-yaml and json-schema-to-typescript were NOT run "
            "against the schemas (install node and npm to run them; .ci/run does)"
        )
    installed_lock = JS_TOOLS / "node_modules" / ".package-lock.json"
    if (
        not installed_lock.is_file()
        or installed_lock.stat().st_mtime < (JS_TOOLS / "package-lock.json").stat().st_mtime
    ):
        npm = shutil.which("npm")
        assert npm is not None, "node is installed but npm is not: cannot install tools/js"
        installed = _run([npm, "ci", "--no-audit", "--no-fund"], cwd=JS_TOOLS)
        assert installed.returncode == 0, f"npm ci in tools/js failed:\n{installed.stderr}"
    return found


def _node(node: str, *arguments: str | Path) -> dict[str, object]:
    ran = _run([node, str(JS_TOOLS / "check.mjs"), *map(str, arguments)])
    assert ran.returncode == 0, ran.stderr
    result: dict[str, object] = json.loads(ran.stdout)
    return result


def _ajv(node: str, schema: str, files: list[Path]) -> dict[str, object]:
    """ajv's errors for each file that has any (YAML read by js-yaml)."""
    results = _node(node, "validate", SCHEMAS / schema, *files)
    assert len(results) == len(files)
    return {file: errors for file, errors in results.items() if errors}


def test_ajv_strict_validates_catalog_json_with_every_top_level_key_typed(
    node: str, catalog_json: Path
) -> None:
    assert _ajv(node, "catalog.schema.json", [catalog_json]) == {}
    schema = json.loads((SCHEMAS / "catalog.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    built = json.loads(catalog_json.read_text(encoding="utf-8"))
    untyped = [key for key in built if not schema["properties"].get(key)]
    assert untyped == []


@pytest.mark.parametrize("schema", sorted(CATALOG_FILES))
def test_ajv_accepts_every_bundled_file_as_js_yaml_reads_it(node: str, schema: str) -> None:
    assert _ajv(node, schema, _files(schema)) == {}


def test_ajv_reports_a_date_that_js_yaml_reads_as_a_timestamp(node: str, tmp_path: Path) -> None:
    """What the bundled files avoid by quoting dates (and ``yaml-unquoted-date`` warns of)."""
    text = (BUNDLED_CATALOG / "items" / "220114043000.yaml").read_text(encoding="utf-8")
    quoted = re.search(r'changed_on: "(\d{4}-\d\d-\d\d)"', text)
    assert quoted is not None
    unquoted = tmp_path / "220114043000.yaml"
    unquoted.write_text(text.replace(quoted[0], f"changed_on: {quoted[1]}"), encoding="utf-8")
    errors = _ajv(node, "item.schema.json", [unquoted])
    assert errors == {str(unquoted): ["/revision/changed_on must be string"]}


def _declarations(typescript: str) -> dict[str, str]:
    """Each exported type or interface of ``typescript``, by name, with its text."""
    found: dict[str, str] = {}
    for match in re.finditer(
        r"^export (?:type|interface) (\w+)(.*?)(?=^export |^/\*\*|\Z)", typescript, re.S | re.M
    ):
        assert match[1] not in found, f"{match[1]} is declared twice"
        found[match[1]] = match[2].strip()
    return found


def test_typescript_types_have_one_name_per_concept(node: str) -> None:
    generated = _node(node, "types", *(SCHEMAS / name for name in sorted(SCHEMA_MODELS)))
    meanings: dict[str, set[str]] = defaultdict(set)
    for schema, typescript in generated.items():
        assert isinstance(typescript, str)
        declarations = _declarations(typescript)
        assert declarations, schema
        numbered = [name for name in declarations if re.fullmatch(r"[A-Za-z]+\d+", name)]
        assert numbered == [], f"{schema}: numbered aliases"
        for name, text in declarations.items():
            meanings[name].add(text)
    clashing = sorted(name for name, texts in meanings.items() if len(texts) > 1)
    assert clashing == [], "one name, different types in different schemas"
    assert {"CatalogExport", "Item", "Region", "Implementation", "LegalDuration"} <= set(meanings)


# ---- Python: check-jsonschema ------------------------------------------------------------------


def _check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    command = str(Path(sys.executable).parent / "check-jsonschema")
    return _run([command, "--schemafile", str(SCHEMAS / schema), *map(str, files)])


@pytest.mark.parametrize("schema", sorted(CATALOG_FILES))
def test_check_jsonschema_accepts_every_bundled_file(schema: str) -> None:
    checked = _check_jsonschema(schema, _files(schema))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_check_jsonschema_accepts_catalog_json(catalog_json: Path) -> None:
    checked = _check_jsonschema("catalog.schema.json", [catalog_json])
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_check_jsonschema_reports_a_file_that_does_not_validate(tmp_path: Path) -> None:
    broken = tmp_path / "laws.yaml"
    broken.write_text("laws:\n  - {id: x}\n", encoding="utf-8")
    checked = _check_jsonschema("laws.schema.json", [broken])
    assert checked.returncode == 1
    assert "'name' is a required property" in checked.stdout + checked.stderr
