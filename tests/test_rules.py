"""The rule catalogue, case by case (DESIGN §4–§7).

Every case is a small catalog: a fresh copy of ``tests/cases/_base`` (a valid catalog with no
items) plus what the case adds. A fail case must make its rule fire, at the declared positions;
a pass case must not make it fire, and must leave the whole catalog without errors. The
convention is documented in ``tests/cases/README.md``; cases are found automatically.

A few cases cannot be committed as files (a file over 4 MiB, a document nested 20,000 levels, a
folder named like an item file, symbolic links); they are generated here, in ``GENERATED``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from servicecatalog import load_catalog
from servicecatalog.config import CONFIG_FILE_NAME, find_config
from servicecatalog.findings import Finding, Severity
from servicecatalog.loader import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH
from servicecatalog.rules import spreadsheet
from servicecatalog.rules.registry import REGISTRY

TODAY = date(2026, 11, 27)

CASES_DIR = Path(__file__).parent / "cases"
BASE_DIR = CASES_DIR / "_base"
TEMPLATE = CASES_DIR / "_template.yaml"
KNOWN_BUGS = CASES_DIR / "KNOWN_BUGS.md"

KINDS = ("pass", "fail")
EXPECT_FILE = "expect.txt"
DELETE_FILE = "delete.txt"
EXTRA_DIR = "extra"
"""A folder whose content is copied into the catalog's root as it is: files the catalog does not
know (``notes.yaml``, ``.github/``), for the rules about them."""
FOLDER_CASE_ENTRIES = frozenset(
    {
        "items",
        "calendar",
        "implementations",
        "catalog.yaml",
        "laws.yaml",
        "regions.yaml",
        "synonyms.yaml",
        "referrals.yaml",
        CONFIG_FILE_NAME,
        EXPECT_FILE,
        DELETE_FILE,
        EXTRA_DIR,
    }
)
ITEM_FILE = re.compile(r"[0-9]{12}\.ya?ml")
DIRECTIVES = ("expect", "allow", "also", "severity", "without-config")

NOTICES = frozenset({"calendar-runs-out", "law-unused"})
"""Rules that fire on every case: chinesecalendar's data ends 2026-12-31, within 45 days of
TODAY, and the base registry holds laws a case's few items do not cite. Info findings;
``calendar-runs-out`` and ``law-unused`` have their own cases."""

ELSEWHERE = {
    "change-without-revision": "reported by servicecatalog diff, which compares two catalogs; "
    "load_catalog never reports it, so a case folder cannot show it",
    "diff-item-not-compared": "reported by servicecatalog diff for a side whose item file does "
    "not validate (tests/test_review.py)",
    **{
        rule.id: "reported by servicecatalog import about a workbook's cells "
        "(tests/test_spreadsheets.py)"
        for rule in spreadsheet.RULES
    },
}
"""Registered rules that loading one catalog cannot produce, and why; they need no cases here."""

Position = tuple[str, int | None, int | None]
"""Where a finding stands: file relative to the catalog root, 1-based line and column."""


# ---- cases ----------------------------------------------------------------------------------


@dataclass
class Expectation:
    """What a case declares beyond "fires" / "does not fire"."""

    positions: set[Position] | None = None
    """Fail cases: the exact positions of the rule's findings (``expect``)."""
    allow: set[str] = field(default_factory=set)
    """Pass cases: rules whose error findings the case tolerates (``allow``)."""
    also: set[str] = field(default_factory=set)
    """Rules that must fire as well (``also``), e.g. a finding an expired waiver no longer hides."""
    severity: Severity | None = None
    """The severity the rule's findings must have; default: the rule's registered severity."""
    without_config: set[str] = field(default_factory=set)
    """Rules that fire when the case's ``.servicecatalog.yaml`` is replaced by an empty one, to
    show that a waiver or an ``off`` setting is what keeps them quiet (``without-config``)."""

    def add(self, directive: str, value: str, default_file: str | None) -> None:
        """Record one ``directive: value`` line."""
        if directive == "expect":
            if self.positions is None:
                self.positions = set()
            self.positions.add(_parse_position(value, default_file))
        elif directive == "allow":
            self.allow.update(value.split())
        elif directive == "also":
            self.also.update(value.split())
        elif directive == "severity":
            self.severity = Severity(value.strip())
        elif directive == "without-config":
            self.without_config.update(value.split())
        else:  # pragma: no cover - guarded by the callers
            raise ValueError(f"unknown directive {directive!r}")


@dataclass
class Case:
    """One case: the rule it is about, pass or fail, its name and how to build its catalog."""

    rule: str
    kind: str
    name: str
    build: Callable[[Path], None]
    expectation: Expectation
    source: Path | None = None
    """The committed file or folder; ``None`` for generated cases."""
    error: str | None = None
    """A malformed case (reported by its test rather than breaking collection)."""

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.kind}/{self.name}"


def _parse_position(value: str, default_file: str | None) -> Position:
    """``LINE:COL`` (file cases), ``FILE:LINE:COL`` or a bare ``FILE`` (no position)."""
    value = value.strip()
    match = re.fullmatch(r"(?:(?P<file>.+?):)?(?P<line>[0-9]+):(?P<column>[0-9]+)", value)
    if match:
        file = match["file"] or default_file
        if file is None:
            raise ValueError(f"position {value!r} must name its file")
        return (file, int(match["line"]), int(match["column"]))
    if ":" in value or not value:
        raise ValueError(f"cannot read position {value!r}")
    return (value, None, None)


_DIRECTIVE_LINE = re.compile(r"#\s*(?P<name>[a-z][a-z-]*)\s*:\s*(?P<value>.*)")


def _leading_comments(raw: bytes) -> list[str]:
    """The comment lines at the top of a file (any encoding that keeps ASCII as ASCII)."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    lines = []
    for line in raw.split(b"\n"):
        text = line.decode("utf-8", errors="replace").strip()
        if not text.startswith("#"):
            break
        lines.append(text)
    return lines


def _file_case_expectation(path: Path, item_file: str) -> Expectation:
    expectation = Expectation()
    for line in _leading_comments(path.read_bytes()):
        match = _DIRECTIVE_LINE.fullmatch(line)
        if match is None:
            continue  # a description
        if match["name"] not in DIRECTIVES:
            raise ValueError(f"unknown directive {match['name']!r} in {line!r}")
        if match["name"] == "expect" and not re.fullmatch(r"\s*[0-9]+:[0-9]+\s*", match["value"]):
            raise ValueError(f"a file case expects LINE:COL, got {match['value']!r}")
        expectation.add(match["name"], match["value"], item_file)
    return expectation


def _folder_case_expectation(folder: Path) -> Expectation:
    expectation = Expectation()
    path = folder / EXPECT_FILE
    if not path.is_file():
        return expectation
    for raw_line in path.read_text(encoding="utf-8").splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"(?P<name>[a-z][a-z-]*)\s*:\s+(?P<value>.*)", line)
        if match and match["name"] in DIRECTIVES:
            expectation.add(match["name"], match["value"], None)
        else:
            expectation.add("expect", line, None)
    return expectation


def _file_case(rule: str, kind: str, path: Path) -> Case:
    def build(root: Path) -> None:
        shutil.copyfile(path, root / "items" / path.name)

    case = Case(rule, kind, path.stem, build, Expectation(), source=path)
    if not ITEM_FILE.fullmatch(path.name):
        case.error = f"a file case is named <code>.yaml, not {path.name}"
        return case
    try:
        case.expectation = _file_case_expectation(path, f"items/{path.name}")
    except ValueError as error:
        case.error = f"{path}: {error}"
    return case


def _folder_case(rule: str, kind: str, folder: Path) -> Case:
    def build(root: Path) -> None:
        deletions = folder / DELETE_FILE
        if deletions.is_file():
            for name in deletions.read_text(encoding="utf-8").split():
                target = root / name
                if target.is_dir():
                    shutil.rmtree(target)
                else:
                    target.unlink()
        for entry in folder.iterdir():
            if entry.name in (EXPECT_FILE, DELETE_FILE):
                continue
            if entry.name == EXTRA_DIR:
                shutil.copytree(entry, root, dirs_exist_ok=True)
            elif entry.is_dir():
                shutil.copytree(entry, root / entry.name, dirs_exist_ok=True)
            else:
                shutil.copyfile(entry, root / entry.name)

    case = Case(rule, kind, folder.name, build, Expectation(), source=folder)
    stray = sorted(e.name for e in folder.iterdir() if e.name not in FOLDER_CASE_ENTRIES)
    if stray:
        case.error = (
            f"{folder}: unexpected entries {stray} (allowed: {sorted(FOLDER_CASE_ENTRIES)})"
        )
        return case
    try:
        case.expectation = _folder_case_expectation(folder)
    except ValueError as error:
        case.error = f"{folder}: {error}"
    return case


def rule_folders() -> list[Path]:
    """The folders of ``tests/cases`` that hold cases (``_base`` and dot-folders excluded)."""
    return sorted(
        p for p in CASES_DIR.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))
    )


def folder_cases() -> list[Case]:
    cases = []
    for rule_folder in rule_folders():
        for kind in KINDS:
            kind_folder = rule_folder / kind
            if not kind_folder.is_dir():
                continue
            for entry in sorted(kind_folder.iterdir()):
                if entry.is_dir():
                    cases.append(_folder_case(rule_folder.name, kind, entry))
                else:
                    cases.append(_file_case(rule_folder.name, kind, entry))
    return cases


# ---- generated cases ------------------------------------------------------------------------

ITEM = "items/220114001000.yaml"


def _template_text() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def _write_item_of_size(size: int) -> Callable[[Path], None]:
    """The template item padded with comment lines to exactly ``size`` bytes."""

    def build(root: Path) -> None:
        data = _template_text().encode("utf-8")
        line = b"# " + b"x" * 1021 + b"\n"  # 1 KiB
        padding = size - len(data)
        data += line * (padding // len(line))
        rest = size - len(data)
        if rest:
            data += b"#" + b"x" * (rest - 2) + b"\n" if rest >= 2 else b"\n"
        assert len(data) == size
        (root / ITEM).write_bytes(data)

    return build


DEEP_LINE = "conditions: "  # the deep value replaces the template's conditions


def _write_deep_item(levels: int) -> Callable[[Path], None]:
    """The template item whose ``conditions`` is ``levels`` nested flow sequences."""

    def build(root: Path) -> None:
        lines = _template_text().splitlines()
        start = lines.index("conditions:")
        deep = DEEP_LINE + "[" * levels + "失业前已缴费满一年" + "]" * levels
        lines[start : start + 3] = [deep]
        (root / ITEM).write_text("\n".join(lines) + "\n", encoding="utf-8")

    return build


def _deep_position() -> set[Position]:
    """The ``[`` that opens the first container beyond the limit.

    The item mapping is container 1 and the first ``[`` container 2, so container
    ``DEFAULT_MAX_DEPTH + 1`` is the ``DEFAULT_MAX_DEPTH``-th bracket.
    """
    lines = _template_text().splitlines()
    line = lines.index("conditions:") + 1
    column = len(DEEP_LINE) + DEFAULT_MAX_DEPTH
    return {(ITEM, line, column)}


def _directory_named_like_item(root: Path) -> None:
    (root / ITEM).mkdir()
    (root / ITEM / "220114001000.yaml").write_text(_template_text(), encoding="utf-8")


def _fifo(root: Path) -> None:
    os.mkfifo(root / ITEM)


def _symlink_outside(root: Path) -> None:
    outside = root.parent / f"{root.name}-outside.yaml"
    outside.write_text(_template_text(), encoding="utf-8")
    (root / ITEM).symlink_to(outside)


def _symlink_to_dev_zero(root: Path) -> None:
    (root / ITEM).symlink_to("/dev/zero")


def _broken_symlink(root: Path) -> None:
    (root / ITEM).symlink_to(root / "drafts" / "220114001000.yaml")


def _symlink_to_item(root: Path) -> None:
    (root / "drafts").mkdir()
    (root / "drafts" / "220114001000.yaml").write_text(_template_text(), encoding="utf-8")
    (root / ITEM).symlink_to(Path("..") / "drafts" / "220114001000.yaml")


def _generated(
    case_id: str,
    build: Callable[[Path], None],
    *,
    positions: set[Position] | None = None,
    allow: Iterable[str] = (),
    also: Iterable[str] = (),
) -> Case:
    rule, kind, name = case_id.split("/")
    expectation = Expectation(
        positions=None if positions is None else set(positions), allow=set(allow), also=set(also)
    )
    return Case(rule, kind, name, build, expectation)


WHOLE_FILE: set[Position] = {(ITEM, None, None)}
"""A finding about the file as a whole: it names the file and no position."""

GENERATED: list[Case] = [
    _generated(
        "yaml-too-large/fail/4-mib-plus-one-byte",
        _write_item_of_size(DEFAULT_MAX_BYTES + 1),
        positions=WHOLE_FILE,
    ),
    _generated("yaml-too-large/pass/exactly-4-mib", _write_item_of_size(DEFAULT_MAX_BYTES)),
    _generated(
        "yaml-too-deep/fail/20000-levels",
        _write_deep_item(20_000),
        positions=_deep_position(),
    ),
    _generated(
        "yaml-too-deep/fail/one-level-over-the-limit",
        _write_deep_item(DEFAULT_MAX_DEPTH),
        positions=_deep_position(),
    ),
    # 31 brackets under the item mapping: 32 levels, the limit. Nested lists are no conditions,
    # so the schema refuses the value; the depth limit must not.
    _generated(
        "yaml-too-deep/pass/at-the-limit",
        _write_deep_item(DEFAULT_MAX_DEPTH - 1),
        allow={"schema-invalid-value"},
        also={"schema-invalid-value"},
    ),
    _generated(
        "file-not-regular/fail/directory-named-like-an-item",
        _directory_named_like_item,
        positions=WHOLE_FILE,
    ),
    _generated("file-not-regular/fail/fifo-named-like-an-item", _fifo, positions=WHOLE_FILE),
    _generated("file-not-regular/pass/symlink-to-an-item", _symlink_to_item),
    _generated("yaml-unreadable/fail/broken-symlink", _broken_symlink, positions=WHOLE_FILE),
    _generated("yaml-unreadable/pass/symlink-to-an-item", _symlink_to_item),
    _generated(
        "file-outside-catalog/fail/symlink-to-a-file-outside",
        _symlink_outside,
        positions=WHOLE_FILE,
    ),
    _generated(
        "file-outside-catalog/fail/symlink-to-dev-zero",
        _symlink_to_dev_zero,
        positions=WHOLE_FILE,
    ),
    _generated("file-outside-catalog/pass/symlink-within-the-catalog", _symlink_to_item),
]

ALL_CASES: list[Case] = [*folder_cases(), *GENERATED]


# ---- running a case -------------------------------------------------------------------------


def _relative(file: str | None, root: Path) -> str | None:
    if file is None:
        return None
    path = Path(file)
    for base in (root, root.resolve()):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return file


def _position(finding: Finding, root: Path) -> Position:
    return (_relative(finding.file, root) or "", finding.line, finding.column)


def _shown(findings: Iterable[Finding], root: Path) -> str:
    lines = [
        f"  {_relative(f.file, root)}:{f.line}:{f.column}: {f.severity.value} [{f.rule}] "
        f"{f.message_en} (item={f.item}, path={f.path})"
        for f in findings
    ]
    return "\n".join(lines) or "  (no findings)"


def build_catalog(case: Case, root: Path) -> Path:
    """A fresh copy of ``_base`` with the case applied; returns the catalog folder."""
    shutil.copytree(BASE_DIR, root)
    case.build(root)
    config = root / CONFIG_FILE_NAME
    discovered = find_config(root.resolve())
    expected = config.resolve() if config.is_file() else None
    assert discovered == expected, (
        f"configuration discovery found {discovered}; a stray {CONFIG_FILE_NAME} above the "
        "temporary folder would change every case"
    )
    return root


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.id)
def test_case(case: Case, tmp_path: Path) -> None:
    if case.error:
        pytest.fail(case.error)
    root = build_catalog(case, tmp_path / "catalog")
    report = load_catalog(root, today=TODAY).report
    findings = list(report.findings)
    mine = report.for_rule(case.rule)
    expectation = case.expectation
    context = f"findings:\n{_shown(findings, root)}"

    if case.kind == "fail":
        assert mine, f"{case.rule} did not fire; {context}"
        if expectation.positions is not None:
            got = {_position(f, root) for f in mine}
            assert got == expectation.positions, f"positions of {case.rule} differ; {context}"
        severity = expectation.severity or (
            None if (root / CONFIG_FILE_NAME).exists() else REGISTRY[case.rule].severity
        )
        if severity is not None:
            assert {f.severity for f in mine} == {severity}, context
        for finding in mine:
            assert finding.message, context
            assert finding.message_en, context
    else:
        assert not mine, f"{case.rule} fired; {context}"
        errors = [
            f for f in findings if f.severity is Severity.ERROR and f.rule not in expectation.allow
        ]
        assert not errors, f"a pass case must leave no errors; {context}"

    for rule in sorted(expectation.also):
        assert report.for_rule(rule), f"{rule} should fire as well; {context}"

    if expectation.without_config:
        empty = tmp_path / "empty-config.yaml"
        empty.write_text("rules: {}\n", encoding="utf-8")
        bare = load_catalog(root, today=TODAY, config=empty).report
        for rule in sorted(expectation.without_config):
            assert bare.for_rule(rule), (
                f"{rule} does not fire even without the configuration, so the case shows "
                f"nothing; findings without it:\n{_shown(bare.findings, root)}"
            )


# ---- the cases themselves -------------------------------------------------------------------


def test_every_rule_has_a_pass_and_a_fail_case() -> None:
    covered: dict[str, set[str]] = {}
    for case in ALL_CASES:
        covered.setdefault(case.rule, set()).add(case.kind)
    missing = {
        rule: sorted(set(KINDS) - covered.get(rule, set()))
        for rule in REGISTRY
        if rule not in ELSEWHERE and covered.get(rule, set()) != set(KINDS)
    }
    assert not missing, f"rules without cases: {missing}"


def test_rules_without_cases_are_registered_and_emitted_elsewhere() -> None:
    for rule_id in ELSEWHERE:
        assert rule_id in REGISTRY, f"{rule_id} is no longer registered: drop it from ELSEWHERE"
        assert REGISTRY[rule_id].scope == "emitted", f"{rule_id} is checked by load_catalog"
        assert not any(case.rule == rule_id for case in ALL_CASES), f"{rule_id} has cases"


def test_case_folders_name_registered_rules() -> None:
    stray = [p.name for p in rule_folders() if p.name not in REGISTRY]
    assert not stray, f"case folders that name no registered rule: {stray}"
    generated = [case.id for case in GENERATED if case.rule not in REGISTRY]
    assert not generated, f"generated cases of unregistered rules: {generated}"


def test_case_folders_hold_only_pass_and_fail() -> None:
    stray = [
        f"{folder.name}/{entry.name}"
        for folder in rule_folders()
        for entry in folder.iterdir()
        if entry.name not in KINDS or not entry.is_dir()
    ]
    assert not stray, f"a rule folder holds only pass/ and fail/: {stray}"


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in ALL_CASES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_pass_cases_declare_no_positions() -> None:
    declared = [c.id for c in ALL_CASES if c.kind == "pass" and c.expectation.positions]
    assert not declared, f"expect lines belong to fail cases: {declared}"


def test_base_catalog_is_clean(tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    shutil.copytree(BASE_DIR, root)
    catalog = load_catalog(root, today=TODAY)
    assert len(catalog) == 0
    findings = [f for f in catalog.report.findings if f.rule not in NOTICES]
    assert findings == [], _shown(findings, root)


def test_template_item_is_clean(tmp_path: Path) -> None:
    """The item the cases are varied from has no finding, not even a warning (but notices)."""
    root = tmp_path / "catalog"
    shutil.copytree(BASE_DIR, root)
    shutil.copyfile(TEMPLATE, root / ITEM)
    catalog = load_catalog(root, today=TODAY)
    findings = [f for f in catalog.report.findings if f.rule not in NOTICES]
    assert findings == [], _shown(findings, root)
    assert [item.code for item in catalog] == ["220114001000"]


def test_law_unused_waits_for_broken_items(tmp_path: Path) -> None:
    """A law cited only by an item that does not validate is not reported as unused."""
    root = tmp_path / "catalog"
    shutil.copytree(BASE_DIR, root)
    broken = TEMPLATE.read_text(encoding="utf-8").replace("visits: 0", "visits: 很少")
    (root / ITEM).write_text(broken, encoding="utf-8")
    report = load_catalog(root, today=TODAY).report
    assert "schema-invalid-value" in {f.rule for f in report}
    assert "law-unused" not in {f.rule for f in report}


def test_law_unused_names_each_unused_law(tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    shutil.copytree(BASE_DIR, root)
    shutil.copyfile(TEMPLATE, root / ITEM)
    unused = sorted(
        f.path for f in load_catalog(root, today=TODAY).report if f.rule == "law-unused"
    )
    # the template cites social-insurance-law and unemployment-insurance-regulations
    assert unused == sorted(
        f"laws[{law}].id"
        for law in (
            "labor-law",
            "administrative-licensing-law",
            "administrative-penalty-law",
            "labor-inspection-regulations",
            "child-labor-provisions",
            "labor-contract-law",
            "labor-dispatch-licensing-measures",
            # cited by the remedies guides derive for power items; the template is a service
            "administrative-reconsideration-law",
            "administrative-litigation-law",
            "administrative-coercion-law",
        )
    )


def test_known_bugs_name_existing_cases() -> None:
    if not KNOWN_BUGS.exists():
        return
    ids = {case.id for case in ALL_CASES}
    named = set(re.findall(r"`([a-z0-9-]+/(?:pass|fail)/[^`]+)`", KNOWN_BUGS.read_text("utf-8")))
    assert named <= ids, f"KNOWN_BUGS.md names cases that do not exist: {sorted(named - ids)}"
