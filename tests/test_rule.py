"""One object per rule: no module spells a rule id outside the rules, and every finding carries
the id and the severity its rule is registered with (docs/architecture.md#adding-a-rule).

A module that detects a rule makes its findings from the rule object (``Rule.finding``), so the id
and the default severity are written once, where the rule is defined: in its family module under
``rules/``, even for a rule found below the rules layer (its family module then imports only the
base layer). The second half runs everything that makes findings — the bundled catalog, every fail
case, the corpus of broken catalogs, the loader's hostile inputs, a damaged workbook, a diff — and
checks each finding against the registry; a configuration that sets a rule's severity on purpose
is taken into account.
"""

from __future__ import annotations

import ast
import codecs
from collections.abc import Callable, Iterable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from tests._corpus import CORPUS, small_catalog
from tests.conftest import BUNDLED_TODAY, CatalogDir
from tests.test_rules import ALL_CASES, TODAY, Case, build_catalog

import servicecatalog as sc
from servicecatalog._rule import Rule, emitted_rule
from servicecatalog.config import CONFIG_FILE_NAME, RuleSetting, load_config
from servicecatalog.findings import Finding, Severity
from servicecatalog.loader import DEFAULT_MAX_DEPTH, load_bytes
from servicecatalog.review import review_sources
from servicecatalog.rules.registry import REGISTRY
from servicecatalog.spreadsheets.export import export_workbook
from servicecatalog.spreadsheets.reading import read_workbook

SOURCE = Path(__file__).resolve().parents[1] / "src" / "servicecatalog"
RULES_DIR = SOURCE / "rules"
RULE_IDS = frozenset(REGISTRY)


# ---- no rule id spelled outside the rules ---------------------------------------------------


def _spelled_ids(text: str, name: str) -> list[str]:
    """The rule ids the module ``name`` spells as string literals, as ``name:line: id``."""
    return [
        f"{name}:{node.lineno}: {node.value}"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Constant) and node.value in RULE_IDS
    ]


def test_no_module_outside_the_rules_spells_a_rule_id() -> None:
    outside = [path for path in sorted(SOURCE.rglob("*.py")) if RULES_DIR not in path.parents]
    spelled = [
        line
        for path in outside
        for line in _spelled_ids(path.read_text(encoding="utf-8"), str(path.relative_to(SOURCE)))
    ]
    assert spelled == [], "refer to the rule object instead:\n" + "\n".join(spelled)


def test_the_check_sees_an_id_spelled_as_a_string() -> None:
    # The check above can fail: an id at an emit site is caught, and a definition outside
    # rules/ is no excuse.
    emit = 'finding = Finding(rule="yaml-syntax", severity=Severity.ERROR)\n'
    assert _spelled_ids(emit, "loader.py") == ["loader.py:1: yaml-syntax"]
    definition = 'YAML_SYNTAX = emitted_rule(__name__, "yaml-syntax", Severity.ERROR)\n'
    assert _spelled_ids(definition, "loader.py") == ["loader.py:1: yaml-syntax"]


def test_every_definition_below_the_rules_is_registered() -> None:
    # A rule defined for a lower module but left out of its family's RULES would never be
    # documented.
    from servicecatalog.rules import configuration, deadlines, schema, yaml_safety, yaml_style

    for family in (configuration, deadlines, schema, yaml_safety, yaml_style):
        for rule in vars(family).values():
            if isinstance(rule, Rule):
                assert rule.id in REGISTRY, f"{rule.id} is defined but not registered"
                assert REGISTRY[rule.id].family == rule.family


# ---- every finding is its rule's ------------------------------------------------------------


def _configured(root: Path) -> dict[str, RuleSetting]:
    """The rule settings of the catalog's own configuration (none when it has none)."""
    config = root / CONFIG_FILE_NAME
    if not config.is_file():
        return {}
    return dict(load_config(config, REGISTRY).config.rules)


def _foreign(findings: Iterable[Finding], settings: dict[str, RuleSetting]) -> list[str]:
    """The findings whose rule is not registered, or whose severity is neither the registered
    one nor the one the configuration sets."""
    wrong = []
    for finding in findings:
        rule = REGISTRY.get(finding.rule)
        setting = settings.get(finding.rule)
        expected = Severity(setting.value) if setting is not None else None
        if rule is None:
            wrong.append(f"{finding.rule}: not a registered rule ({finding.file})")
        elif finding.severity not in (expected or rule.severity,):
            wrong.append(
                f"{finding.rule}: {finding.severity.value}, registered {rule.severity.value}"
                f"{f', configured {expected.value}' if expected else ''} ({finding.file})"
            )
    return wrong


def test_the_bundled_catalog_makes_only_registered_findings() -> None:
    report = sc.load_catalog("catalog", today=BUNDLED_TODAY).report
    assert _foreign([*report.findings, *report.waived], _configured(Path("catalog"))) == []


FAIL_CASES = [case for case in ALL_CASES if case.kind == "fail" and not case.error]


@pytest.mark.parametrize("case", FAIL_CASES, ids=lambda case: case.id)
def test_a_fail_case_makes_only_registered_findings(case: Case, tmp_path: Path) -> None:
    root = build_catalog(case, tmp_path / "catalog")
    report = sc.load_catalog(root, today=TODAY).report
    assert report.findings, "a fail case makes findings"
    assert _foreign(report.findings, _configured(root)) == []


@pytest.mark.parametrize("breakage", sorted(CORPUS))
def test_a_broken_catalog_makes_only_registered_findings(breakage: str, tmp_path: Path) -> None:
    catalog = small_catalog(tmp_path / "catalog")
    CORPUS[breakage](catalog)
    report = sc.load_catalog(catalog, today=TODAY).report
    assert _foreign(report.findings, {}) == []


HOSTILE_YAML: dict[str, bytes] = {
    "syntax": b"code: [1, 2\n",
    "tab": b"code:\n\t- 1\n",
    "control character": b"name: a\x07b\n",
    "key not a string": b"? [a]\n: 1\n",
    "duplicate key": b"a: 1\na: 2\n",
    "anchor and alias": b"a: &x 1\nb: *x\n",
    "merge key": b"base: {}\nother:\n  <<: {}\n",
    "tag": b"a: !!str 1\n",
    "two documents": b"a: 1\n---\nb: 2\n",
    "empty": b"# only a comment\n",
    "null": b"~\n",
    "too deep": b"a: " + b"[" * (DEFAULT_MAX_DEPTH + 2) + b"]" * (DEFAULT_MAX_DEPTH + 2) + b"\n",
    "too deep in blocks": "".join(f"{'  ' * n}k{n}:\n" for n in range(40)).encode(),
    "gbk": "name: 失业保险金\n".encode("gb18030"),
    "utf-16": codecs.BOM_UTF16_LE + "a: 1\n".encode("utf-16-le"),
    "utf-32 without a mark": "a: 1\n".encode("utf-32-be"),
    "latin-1": "name: café\n".encode("latin-1"),
    "unquoted code": b"code: 0114\nphone: 12333\n",
    "unquoted date": b"changed_on: 2026-12-01\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_YAML))
def test_the_loaders_findings_are_registered(name: str) -> None:
    findings = load_bytes(HOSTILE_YAML[name], "hostile.yaml").findings
    assert findings, f"{name} makes a finding"
    assert _foreign(findings, {}) == []


def test_a_file_over_the_size_limit_makes_a_registered_finding() -> None:
    findings = load_bytes(b"a: 1\n" * 10, "large.yaml", max_bytes=8).findings
    assert [f.rule for f in findings] == ["yaml-too-large"]
    assert _foreign(findings, {}) == []


def _damaged(path: Path, change: Callable[[Workbook], None]) -> Path:
    workbook = openpyxl.load_workbook(path)
    change(workbook)
    damaged = path.with_name("damaged.xlsx")
    workbook.save(damaged)
    return damaged


def _damage(workbook: Workbook) -> None:
    """Every kind of damage the importer reports, at once."""
    del workbook["目录"]
    items = workbook["事项"]
    items["A2"].value = 220114043000
    items.cell(1, items.max_column + 1, "备注")
    items.append([cell.value for cell in items[2]])
    materials = workbook["申请材料"]
    materials.merge_cells("A2:A3")
    materials["E3"].value = "原件和复印件"
    materials["D2"].value = None
    workbook["表单"]["A2"].value = 2201140430
    workbook["办理流程"]["D1"].value = None
    workbook["设定依据"]["D2"].value = "中华人民共和国不存在法"


def test_a_damaged_workbooks_findings_are_registered(
    catalog_copy: Callable[..., CatalogDir], tmp_path: Path
) -> None:
    catalog = sc.load_catalog(catalog_copy("small").path, today=BUNDLED_TODAY)
    workbook = export_workbook(catalog, tmp_path / "small.xlsx")
    report = read_workbook(_damaged(workbook, _damage)).report
    sheet_rules = {f.rule for f in report.findings if f.rule.startswith("sheet-")}
    assert len(sheet_rules) >= 8, sorted(sheet_rules)
    assert _foreign(report.findings, {}) == []


def test_a_diffs_findings_are_registered(tmp_path: Path) -> None:
    old = small_catalog(tmp_path / "old")
    new = small_catalog(tmp_path / "new")
    item = new / "items" / "220114043000.yaml"
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("days: ", "days: 1", 1), encoding="utf-8")
    (new / "items" / "220114200000.yaml").write_text("", encoding="utf-8")
    review = review_sources(str(old), str(new), today=TODAY)
    rules = {f.rule for f in review.report.findings}
    assert {"change-without-revision", "diff-item-not-compared"} <= rules, sorted(rules)
    assert _foreign(review.report.findings, {}) == []


def test_a_finding_that_is_not_its_rules_is_caught() -> None:
    # The checks above can fail: a severity the rule does not have, an id nobody registered.
    restated = Finding("yaml-syntax", Severity.WARNING, "语法", "syntax")
    invented = Finding("yaml-invented", Severity.ERROR, "编造", "invented")
    assert len(_foreign([restated, invented], {})) == 2
    assert _foreign([restated], {"yaml-syntax": RuleSetting.WARNING}) == []


# ---- the rule object ------------------------------------------------------------------------


def test_a_rule_makes_its_findings_with_its_id_and_severity() -> None:
    rule = emitted_rule(
        "servicecatalog.rules.example",
        "example-rule",
        Severity.WARNING,
        "示例",
        "an example",
        """What the rule checks.

        中文
        ----
        规则检查什么。
        """,
    )
    assert (rule.family, rule.scope) == ("example", "emitted")
    assert (rule.documentation("en"), rule.documentation()) == (
        "What the rule checks.",
        "规则检查什么。",
    )
    finding = rule.finding("消息", "message", file="a.yaml", line=3, column=5, item="220114043000")
    assert finding == Finding(
        "example-rule", Severity.WARNING, "消息", "message", "a.yaml", 3, 5, "220114043000"
    )


def test_every_reason_a_file_is_not_read_is_a_rule() -> None:
    from servicecatalog._files import Unread
    from servicecatalog.rules.yaml_safety import UNREAD_RULES

    assert set(UNREAD_RULES) == set(Unread)
    assert all(rule.id in REGISTRY for rule in UNREAD_RULES.values())
