"""The command line as a package (servicecatalog.cli): what it imports, when, and its rooms.

The CLI reaches the library through its public modules only, and each command imports what it
runs when it runs, so that ``servicecatalog --help`` and ``servicecatalog deadline`` start
without the catalog machinery (issue 25, a start that waits for nothing).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parents[1] / "src" / "servicecatalog" / "cli"
MODULES = sorted(CLI.glob("*.py"))
FRAMEWORKS = ("pydantic", "yaml", "jsonschema", "jinja2", "docx", "openpyxl", "rich")
"""What no command needs to show its help: the models, parsers and renderers."""


def _library_imports(path: Path) -> list[tuple[str, int]]:
    """The library modules ``path`` imports (dotted, from the package root), with their line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level >= 2:
            names = [node.module] if node.module else [alias.name for alias in node.names]
            found += [(name, node.lineno) for name in names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module.startswith("servicecatalog."):
                found.append((node.module.removeprefix("servicecatalog."), node.lineno))
        elif isinstance(node, ast.Import):
            found += [
                (alias.name.removeprefix("servicecatalog."), node.lineno)
                for alias in node.names
                if alias.name.startswith("servicecatalog.")
            ]
    return found


def test_the_scan_sees_the_library_imports() -> None:
    imports = {name for name, _ in _library_imports(CLI / "publish.py")}
    assert {"opening", "guides", "snapshot", "errors"} <= imports


def _private(name: str) -> bool:
    # ``from .. import __version__`` takes the package's dunder, no private module.
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_the_cli_imports_no_private_module(path: Path) -> None:
    private = [
        f"{path.name}:{line}: {name}"
        for name, line in _library_imports(path)
        if any(_private(part) for part in name.split("."))
    ]
    assert private == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_no_room_of_the_cli_is_over_400_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def _loaded_by(arguments: list[str], cwd: Path) -> list[str]:
    """The modules ``servicecatalog ARGUMENTS`` loads beyond what ``import servicecatalog``
    does, run in a fresh interpreter in ``cwd``."""
    program = (
        "import json, sys\n"
        "import servicecatalog\n"
        "before = set(sys.modules)\n"
        "from servicecatalog.cli import main\n"
        "try:\n"
        f"    main({arguments!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stdout.flush()\n"
        "print(json.dumps(sorted(set(sys.modules) - before)), file=sys.stderr)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", program],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    loaded: list[str] = json.loads(completed.stderr.strip().splitlines()[-1])
    return loaded


# `coverage --help` and `stats --help` list the item types and levels, which are the model's
# enums: they load the model to show them, as they should.
@pytest.mark.parametrize(
    "arguments",
    [["--help"], ["validate", "--help"], ["--version"]],
    ids=" ".join,
)
def test_help_loads_the_cli_and_nothing_of_the_library(
    arguments: list[str], tmp_path: Path
) -> None:
    loaded = _loaded_by(arguments, tmp_path)
    library = [m for m in loaded if m.startswith("servicecatalog") and ".cli" not in m]
    assert library == []
    assert [m for m in loaded if m.split(".")[0] in FRAMEWORKS] == []


def test_deadline_outside_a_catalog_loads_no_catalog_machinery(tmp_path: Path) -> None:
    loaded = _loaded_by(["deadline", "2026-09-30"], tmp_path)
    library = {m for m in loaded if m.startswith("servicecatalog") and ".cli" not in m}
    assert "servicecatalog.opening" in library  # the scan sees what the command runs
    machinery = {"model", "catalog", "loader", "rules", "sources", "_validation", "reporting"}
    loaded_machinery = {m for m in library if m.split(".")[1] in machinery}
    # Without a catalog there is no calendar/ to read: whatever reads override files (the
    # loader, the calendar's model) is for workdays to import when it finds one.
    assert loaded_machinery == set(), "deadline outside a catalog must not build the models"
    assert [m for m in loaded if m.split(".")[0] in ("pydantic", "jsonschema", "rich")] == []


def test_help_builds_no_model_when_the_package_import_builds_none() -> None:
    """``python -X importtime -m servicecatalog --help``, as issue 25 measures it."""
    plain = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, servicecatalog; print('servicecatalog.model' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    if plain.stdout.strip() == "True":
        pytest.skip("import servicecatalog itself builds the model (the package's own laziness)")
    timed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "servicecatalog", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert timed.returncode == 0, timed.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in timed.stderr.splitlines()]
    assert "servicecatalog.cli" in imported
    assert "servicecatalog.model" not in imported


@pytest.mark.parametrize("arguments", [["rules"], ["rules", "yaml-alias", "--format", "json"]])
def test_rules_reads_the_catalogue_and_builds_no_model(
    arguments: list[str], tmp_path: Path
) -> None:
    loaded = _loaded_by(arguments, tmp_path)
    assert [m for m in loaded if m.startswith("servicecatalog.model")] == []
    assert [m for m in loaded if m.split(".")[0] in ("pydantic", "yaml", "jsonschema")] == []
