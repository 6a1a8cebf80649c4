"""Tests of ``.servicecatalog.yaml`` (servicecatalog.config, DESIGN §7): severities, off, waivers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from _minimal import ITEM, LAWS, MANIFEST
from servicecatalog import Finding, Severity, load_catalog
from servicecatalog.config import (
    CONFIG_FILE_NAME,
    Config,
    LoadedConfig,
    RuleSetting,
    apply_config,
    find_config,
    load_config,
)
from servicecatalog.rules.registry import REGISTRY

# Far from the end of the years the working-day calendar covers, so it adds no notice.
TODAY = date(2026, 6, 15)
CODE = "220114001000"

# visits: 1 without an on-site step: one error, visits-mismatch-on-site.
# One visit and no on-site step: visits-mismatch-on-site (the online depth says no more than
# an item with a visit can claim, so that this is the only error).
ERROR_ITEM = ITEM.replace("visits: 0", "visits: 1").replace("互联网受理, 互联网办理, ", "")
# A leading space in the name: one warning, name-whitespace.
WARNING_ITEM = ITEM.replace("main_item_name: 失业保险金申领", 'main_item_name: " 失业保险金申领"')


def make_catalog(root: Path, item: str = ITEM) -> Path:
    (root / "items").mkdir(parents=True)
    (root / "catalog.yaml").write_text(MANIFEST, encoding="utf-8")
    (root / "laws.yaml").write_text(LAWS, encoding="utf-8")
    (root / "items" / f"{CODE}.yaml").write_text(item, encoding="utf-8")
    return root


def write_config(folder: Path, text: str) -> Path:
    path = folder / CONFIG_FILE_NAME
    path.write_text(text, encoding="utf-8")
    return path


def rules_of(findings: list[Finding] | tuple[Finding, ...]) -> list[str]:
    return [f.rule for f in findings]


# ---- the test catalog itself ------------------------------------------------------------------


def test_clean_catalog_has_no_findings(tmp_path: Path) -> None:
    catalog = load_catalog(make_catalog(tmp_path / "catalog"), today=TODAY)
    assert list(catalog.report) == []


def test_error_and_warning_items(tmp_path: Path) -> None:
    error = load_catalog(make_catalog(tmp_path / "e" / "catalog", ERROR_ITEM), today=TODAY)
    assert rules_of(error.report.findings) == ["visits-mismatch-on-site"]
    warning = load_catalog(make_catalog(tmp_path / "w" / "catalog", WARNING_ITEM), today=TODAY)
    assert rules_of(warning.report.findings) == ["name-whitespace"]


# ---- discovery --------------------------------------------------------------------------------


def test_find_config_in_the_folder(tmp_path: Path) -> None:
    config = write_config(tmp_path, "rules: {}\n")
    assert find_config(tmp_path) == config


def test_find_config_upward(tmp_path: Path) -> None:
    config = write_config(tmp_path, "rules: {}\n")
    deep = tmp_path / "a" / "b" / "catalog"
    deep.mkdir(parents=True)
    assert find_config(deep) == config


def test_nearest_config_wins(tmp_path: Path) -> None:
    write_config(tmp_path, "rules: {}\n")
    inner = tmp_path / "repo"
    inner.mkdir()
    nearest = write_config(inner, "rules: {}\n")
    (inner / "catalog").mkdir()
    assert find_config(inner / "catalog") == nearest


def test_no_config(tmp_path: Path) -> None:
    found = find_config(tmp_path)
    assert found is None or not found.is_relative_to(tmp_path)
    loaded = load_config(None, REGISTRY)
    assert loaded.config == Config()
    assert loaded.findings == ()


def test_a_folder_named_like_the_config_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE_NAME).mkdir()
    found = find_config(tmp_path)
    assert found is None or not found.is_relative_to(tmp_path)


# ---- load_config ------------------------------------------------------------------------------


def test_load_config(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        "rules:\n  name-whitespace: info\n  visits-exceed-one: off\n"
        'waivers:\n  - rule: visits-mismatch-on-site\n    item: "220114001000"\n'
        '    reason: 需现场核验原件\n    expires: "2027-03-31"\n',
    )
    loaded = load_config(path, REGISTRY)
    assert loaded.findings == ()
    assert loaded.config.rules == {
        "name-whitespace": RuleSetting.INFO,
        "visits-exceed-one": RuleSetting.OFF,
    }
    waiver = loaded.config.waivers[0]
    assert (waiver.rule, waiver.item, waiver.reason, waiver.expires) == (
        "visits-mismatch-on-site",
        CODE,
        "需现场核验原件",
        date(2027, 3, 31),
    )


def test_unknown_rule_in_settings(tmp_path: Path) -> None:
    path = write_config(tmp_path, "rules:\n  name-whitespace: info\n  visits-exceeds-one: off\n")
    loaded = load_config(path, REGISTRY)
    assert len(loaded.findings) == 1
    finding = loaded.findings[0]
    assert finding.rule == "config-unknown-rule"
    assert finding.severity is Severity.ERROR
    assert (
        finding.message == "规则 “visits-exceeds-one” 不存在（servicecatalog rules 列出全部规则）"
    )
    assert finding.message_en == (
        "there is no rule 'visits-exceeds-one' (servicecatalog rules lists them)"
    )
    assert (finding.file, finding.line, finding.column) == (str(path), 3, 3)


def test_unknown_rule_in_a_waiver(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        'waivers:\n  - rule: no-such-rule\n    item: "220114001000"\n'
        '    reason: x\n    expires: "2027-03-31"\n',
    )
    finding = load_config(path, REGISTRY).findings[0]
    assert finding.rule == "config-unknown-rule"
    assert (finding.line, finding.column) == (2, 11)


def test_invalid_setting_is_a_schema_finding(tmp_path: Path) -> None:
    path = write_config(tmp_path, "rules:\n  name-whitespace: fatal\n")
    loaded = load_config(path, REGISTRY)
    assert loaded.config == Config()
    assert rules_of(loaded.findings) == ["schema-invalid-value"]
    assert (loaded.findings[0].line, loaded.findings[0].column) == (2, 20)


def test_broken_config_yaml_is_a_finding(tmp_path: Path) -> None:
    path = write_config(tmp_path, "rules:\n  a: 1\n  a: 2\n")
    loaded = load_config(path, REGISTRY)
    assert loaded.config == Config()
    assert rules_of(loaded.findings) == ["yaml-duplicate-key"]


# ---- apply_config -----------------------------------------------------------------------------


def _finding(rule: str = "visits-mismatch-on-site", item: str | None = CODE) -> Finding:
    return Finding(rule, REGISTRY[rule].severity, "消息", "message", "f.yaml", 1, 1, item)


def _loaded(tmp_path: Path, text: str) -> LoadedConfig:
    loaded = load_config(write_config(tmp_path, text), REGISTRY)
    assert loaded.findings == ()
    return loaded


def test_apply_severity_override(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, "rules:\n  visits-mismatch-on-site: warning\n")
    kept, waived = apply_config([_finding()], loaded, TODAY)
    assert [(f.rule, f.severity) for f in kept] == [("visits-mismatch-on-site", Severity.WARNING)]
    assert waived == []


def test_apply_off(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, "rules:\n  visits-mismatch-on-site: off\n")
    kept, waived = apply_config([_finding(), _finding("name-whitespace")], loaded, TODAY)
    assert rules_of(kept) == ["name-whitespace"]
    assert waived == []


WAIVER = (
    "waivers:\n"
    "  - rule: visits-mismatch-on-site\n"
    '    item: "220114001000"\n'
    "    reason: 需现场核验原件，2027 年起改为电子证照\n"
    '    expires: "{expires}"\n'
)


@pytest.mark.parametrize("expires", ["2027-03-31", "2026-06-15"])
def test_apply_active_waiver(tmp_path: Path, expires: str) -> None:
    loaded = _loaded(tmp_path, WAIVER.format(expires=expires))
    other_item = _finding(item="220114002000")
    kept, waived = apply_config([_finding(), other_item], loaded, TODAY)
    assert kept == [other_item]
    assert waived == [_finding()]


def test_apply_expired_waiver(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, WAIVER.format(expires="2026-06-14"))
    kept, waived = apply_config([_finding()], loaded, TODAY)
    assert waived == []
    assert sorted(rules_of(kept)) == ["visits-mismatch-on-site", "waiver-expired"]
    expired = next(f for f in kept if f.rule == "waiver-expired")
    assert expired.severity is Severity.ERROR
    assert expired.item == CODE
    assert (expired.line, expired.column) == (5, 14)
    assert (
        expired.message
        == "规则 visits-mismatch-on-site 对事项 220114001000 的豁免已于 2026-06-14 过期"
    )
    assert expired.message_en == (
        "the waiver of visits-mismatch-on-site for item 220114001000 expired on 2026-06-14"
    )


def test_apply_unused_waiver(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, WAIVER.format(expires="2027-03-31"))
    kept, waived = apply_config([], loaded, TODAY)
    assert waived == []
    assert rules_of(kept) == ["waiver-unused"]
    assert kept[0].severity is Severity.INFO
    assert kept[0].line == 2


def test_config_findings_are_kept(tmp_path: Path) -> None:
    loaded = load_config(write_config(tmp_path, "rules:\n  nope: off\n"), REGISTRY)
    kept, _ = apply_config([], loaded, TODAY)
    assert rules_of(kept) == ["config-unknown-rule"]


# ---- through load_catalog ---------------------------------------------------------------------


@pytest.fixture
def error_catalog(tmp_path: Path) -> Path:
    return make_catalog(tmp_path / "repo" / "catalog", ERROR_ITEM)


def test_catalog_severity_override_discovered_upward(error_catalog: Path) -> None:
    write_config(error_catalog.parent, "rules:\n  visits-mismatch-on-site: warning\n")
    report = load_catalog(error_catalog, today=TODAY).report
    assert [(f.rule, f.severity) for f in report] == [("visits-mismatch-on-site", Severity.WARNING)]
    assert report.ok


def test_catalog_config_in_the_catalog_folder(error_catalog: Path) -> None:
    write_config(error_catalog, "rules:\n  visits-mismatch-on-site: info\n")
    report = load_catalog(error_catalog, today=TODAY).report
    assert report.counts == {"error": 0, "warning": 0, "info": 1}


def test_catalog_rule_off(error_catalog: Path) -> None:
    write_config(error_catalog.parent, "rules:\n  visits-mismatch-on-site: off\n")
    report = load_catalog(error_catalog, today=TODAY).report
    assert list(report) == []
    assert report.ok


def test_catalog_active_waiver_moves_the_finding(error_catalog: Path) -> None:
    write_config(error_catalog.parent, WAIVER.format(expires="2027-03-31"))
    report = load_catalog(error_catalog, today=TODAY).report
    assert list(report) == []
    assert report.ok
    assert rules_of(report.waived) == ["visits-mismatch-on-site"]
    assert report.waived[0].item == CODE


def test_catalog_expired_waiver(error_catalog: Path) -> None:
    config = write_config(error_catalog.parent, WAIVER.format(expires="2026-06-14"))
    report = load_catalog(error_catalog, today=TODAY).report
    assert sorted(rules_of(report.findings)) == ["visits-mismatch-on-site", "waiver-expired"]
    assert report.waived == ()
    assert not report.ok
    expired = report.for_rule("waiver-expired")[0]
    assert expired.file is not None
    assert Path(expired.file).resolve() == config.resolve()
    assert (expired.line, expired.column) == (5, 14)


def test_catalog_waiver_compared_with_today(error_catalog: Path) -> None:
    write_config(error_catalog.parent, WAIVER.format(expires="2026-06-14"))
    report = load_catalog(error_catalog, today=date(2026, 6, 14)).report
    assert list(report) == []
    assert len(report.waived) == 1


def test_catalog_unknown_rule(error_catalog: Path) -> None:
    write_config(error_catalog.parent, "rules:\n  visits-mismatch: off\n")
    report = load_catalog(error_catalog, today=TODAY).report
    assert sorted(rules_of(report.findings)) == ["config-unknown-rule", "visits-mismatch-on-site"]
    unknown = report.for_rule("config-unknown-rule")[0]
    assert (unknown.line, unknown.column) == (2, 3)


def test_explicit_config_replaces_discovery(error_catalog: Path, tmp_path: Path) -> None:
    write_config(error_catalog.parent, "rules:\n  visits-mismatch-on-site: off\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    explicit = write_config(elsewhere, "rules:\n  visits-mismatch-on-site: warning\n")
    report = load_catalog(error_catalog, today=TODAY, config=explicit).report
    assert [(f.rule, f.severity) for f in report] == [("visits-mismatch-on-site", Severity.WARNING)]
