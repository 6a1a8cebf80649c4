"""The library's modules form layers that import only downward, with no circle anywhere.

Every import statement of every module counts: at the top, inside functions (the lazy ones) and
under ``TYPE_CHECKING``, since a type-only import is a dependency all the same. The model and the
findings are at the bottom; above them, the rule families whose rules the domain detects (their
modules define rules and import only the base); the domain (loading, working days, diff, publication) stands on them;
the rules on the domain; ``catalog.py`` wires the rules to the files; the applications (guides,
figures, the review) and then the command line sit on top.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = "servicecatalog"
SOURCE = Path(__file__).resolve().parents[1] / "src" / PACKAGE

LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "base",
        frozenset(
            {
                "errors",
                "cache",
                "_files",
                "_rule",
                "_folders",
                "_workers",
                "_json",
                "_gc",
                "_sharing",
                "_text",
                "_markdown_escape",
                "_layout",
                "_project",
                "findings",
                "model",
                "fields",
                "_today",
                "output",
                "codes",
                "forms",
            }
        ),
    ),
    (
        "rule definitions",
        frozenset({"rules.yaml_safety", "rules.yaml_style", "rules.schema", "rules.configuration"}),
    ),
    (
        "domain",
        frozenset(
            {
                "loader",
                "_parse_cache",
                "_yaml_encoding",
                "_yaml_events",
                "_yaml_positions",
                "_paths",
                "_validation",
                "config",
                "_tree",
                "sources",
                "workdays",
                "_calendar_files",
                "limits",
                "kinds",
                "diff",
                "publication",
                "schemas",
                "remedies",
                "search",
            }
        ),
    ),
    ("rules", frozenset({"rules", "ruledocs"})),
    (
        "wiring",
        frozenset(
            {"catalog", "_loading", "_parallel_parsing", "_implementations", "snapshot", "opening"}
        ),
    ),
    (
        "applications",
        frozenset(
            {
                "guides",
                "stats",
                "coverage",
                "review",
                "reporting",
                "targets",
                "scaffold",
                "spreadsheets",
            }
        ),
    ),
    ("interface", frozenset({"cli", "__main__"})),
)
"""Bottom to top. A module may import from its own layer or any below, never from one above. A
module is placed by its own name (``rules.schema``) before its package's (``rules``)."""

FACADE_NAMES = frozenset({"__version__"})
"""What a module may take from the package itself (``from . import __version__``): the facade
imports everything, so anything else taken from it would hide a real dependency."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in SOURCE.rglob("*.py"):
        parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Every internal module ``name`` imports, with the names it takes from it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            taken = tuple(alias.name for alias in node.names)
            submodules = [f"{target}.{n}" for n in taken if f"{target}.{n}" in MODULES]
            if submodules:
                found += [(module, ()) for module in submodules]
                taken = tuple(n for n in taken if f"{target}.{n}" not in MODULES)
                if not taken:
                    continue
            if target in MODULES:
                found.append((target, taken))
        elif isinstance(node, ast.Import):
            found += [(alias.name, ()) for alias in node.names if alias.name in MODULES]
    return [(target, taken) for target, taken in found if target != name]


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(module: str) -> int:
    parts = module.split(".")[1:]
    for name in (".".join(parts[:2]), parts[0]):
        for number, (_, members) in enumerate(LAYERS):
            if name in members:
                return number
    raise LookupError(module)


def test_every_module_has_a_layer() -> None:
    unplaced = []
    for module in MODULES:
        if module == PACKAGE:
            continue
        try:
            _layer(module)
        except LookupError:
            unplaced.append(module)
    assert unplaced == [], "add these modules to LAYERS"


def test_the_scan_sees_lazy_and_type_only_imports() -> None:
    # The command line opens catalogs inside functions and names Catalog only for the type
    # checker; the guides' view imports it at the top.
    assert any(target == f"{PACKAGE}.opening" for target, _ in GRAPH[f"{PACKAGE}.cli.publish"])
    assert any(target == f"{PACKAGE}.catalog" for target, _ in GRAPH[f"{PACKAGE}.cli.exits"])
    assert any(target == f"{PACKAGE}.model" for target, _ in GRAPH[f"{PACKAGE}.diff"])


INTERFACE_FRAMEWORKS = frozenset({"click", "rich"})


def _frameworks(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found & INTERFACE_FRAMEWORKS


def test_only_the_command_line_imports_click_and_rich() -> None:
    outside = {
        module: sorted(_frameworks(path))
        for module, path in MODULES.items()
        if module != f"{PACKAGE}.cli" and not module.startswith(f"{PACKAGE}.cli.")
    }
    assert {module: names for module, names in outside.items() if names} == {}
    assert _frameworks(MODULES[f"{PACKAGE}.cli"]) == {"click"}  # the scan sees them


def test_imports_point_down() -> None:
    upward = [
        f"{module} ({LAYERS[_layer(module)][0]}) imports {target} ({LAYERS[_layer(target)][0]})"
        for module, imports in GRAPH.items()
        if module != PACKAGE
        for target, _ in imports
        if target != PACKAGE and _layer(target) > _layer(module)
    ]
    assert upward == []


def test_only_the_version_is_taken_from_the_facade() -> None:
    taken = [
        f"{module}: {', '.join(names)}"
        for module, imports in GRAPH.items()
        for target, names in imports
        if target == PACKAGE and not set(names) <= FACADE_NAMES
    ]
    assert taken == []


def test_there_is_no_circle() -> None:
    edges = {
        module: [target for target, _ in imports if target != PACKAGE]
        for module, imports in GRAPH.items()
        if module != PACKAGE
    }
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in edges[module]:
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert circles == []


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("diff", "catalog"),
        ("publication", "catalog"),
        ("workdays", "catalog"),
        ("rules.deadlines", "catalog"),
        ("rules._base", "catalog"),
    ],
)
def test_domain_and_rules_never_see_the_catalog(module: str, forbidden: str) -> None:
    targets = {target for target, _ in GRAPH[f"{PACKAGE}.{module}"]}
    assert f"{PACKAGE}.{forbidden}" not in targets


def test_the_rule_definitions_stand_below_the_domain() -> None:
    # The loader, schema validation and the configuration import the families that define
    # their rules; those import nothing of the domain, and the rules package itself nothing.
    assert GRAPH[f"{PACKAGE}.rules"] == []
    assert _layer(f"{PACKAGE}.rules.schema") < _layer(f"{PACKAGE}._validation")
    assert _layer(f"{PACKAGE}.rules.deadlines") > _layer(f"{PACKAGE}.publication")


def test_loading_a_file_loads_no_family_with_checks() -> None:
    program = (
        "import json, sys\n"
        "import servicecatalog.loader, servicecatalog.config\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('servicecatalog.rules'))))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(completed.stdout) == [
        f"{PACKAGE}.rules",
        f"{PACKAGE}.rules.configuration",
        f"{PACKAGE}.rules.schema",
        f"{PACKAGE}.rules.yaml_safety",
        f"{PACKAGE}.rules.yaml_style",
    ]
