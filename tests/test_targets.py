"""Which catalogs and files the paths of ``validate`` name, and which findings concern them
(servicecatalog.targets)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from _minimal import ITEM, LAWS, MANIFEST
from servicecatalog import CatalogNotFoundError, load_catalog
from servicecatalog.findings import Report
from servicecatalog.targets import Target, catalog_root, checked_files, select, targets

TODAY = date(2026, 6, 15)
A, B = "220114001000", "220114002000"
# B is a second main item; B_BROKEN has one error (visits without an on-site step).
ITEM_B = ITEM.replace(f'code: "{A}"', f'code: "{B}"').replace("失业保险金申领", "稳岗返还")
# One visit, no on-site step: visits-mismatch-on-site alone (no 全程网办 claimed either).
B_BROKEN = ITEM_B.replace("visits: 0", "visits: 1").replace("互联网受理, 互联网办理, ", "")


def make(
    root: Path, *items: str, manifest: str = MANIFEST.replace("expected: 1", "expected: 2")
) -> Path:
    (root / "items").mkdir(parents=True)
    (root / "catalog.yaml").write_text(manifest, encoding="utf-8")
    (root / "laws.yaml").write_text(LAWS, encoding="utf-8")
    for text in items:
        code = text.split('code: "', 1)[1][:12]
        (root / "items" / f"{code}.yaml").write_text(text, encoding="utf-8")
    return root


def report_of(target: Target) -> Report:
    return select(load_catalog(target.catalog, today=TODAY), target)


# ---- targets ----------------------------------------------------------------------------------


def test_a_catalog_folder_is_named_whole(tmp_path: Path) -> None:
    root = make(tmp_path / "catalog", ITEM)
    assert targets([root]) == [Target(root)]
    assert targets([root])[0].whole


def test_a_file_belongs_to_the_catalog_above_it(tmp_path: Path) -> None:
    root = make(tmp_path / "catalog", ITEM, ITEM_B)
    files = [root / "items" / f"{A}.yaml", root / "items" / f"{B}.yaml"]
    [target] = targets(files)
    assert target.catalog == root
    assert target.named == {os.path.realpath(f) for f in files}
    assert not target.whole


def test_relative_paths_give_a_catalog_relative_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path / "repo" / "catalog", ITEM)
    monkeypatch.chdir(tmp_path / "repo")
    assert targets([Path("catalog/items") / f"{A}.yaml"])[0].catalog == Path("catalog")
    monkeypatch.chdir(root / "items")
    assert targets([Path(f"{A}.yaml")])[0].catalog == Path("..")


def test_a_catalog_in_the_current_folder_names_its_files_without_dot_slash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path / "catalog", ITEM, B_BROKEN)
    monkeypatch.chdir(root)
    [target] = targets([Path("items") / f"{B}.yaml"])
    assert target.catalog == Path(".")
    assert [f.file for f in report_of(target)] == [f"items/{B}.yaml"]


def test_folders_of_several_catalogs(tmp_path: Path) -> None:
    first = make(tmp_path / "first", ITEM)
    second = make(tmp_path / "second", ITEM)
    found = targets([first / "items", second / "items", first])
    assert [t.catalog for t in found] == [first, second]
    assert found[0].whole
    assert found[1].named == {os.path.realpath(second / "items")}


def test_a_missing_path_and_a_path_in_no_catalog_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogNotFoundError, match="no such file or folder"):
        targets([tmp_path / "nothing.yaml"])
    (tmp_path / "loose.yaml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(CatalogNotFoundError, match="not in a catalog"):
        targets([tmp_path / "loose.yaml"])


@pytest.mark.parametrize(
    ("relative", "reason"),
    [
        ("notes.yaml", "not a file the catalog reads"),
        ("items/2027/broken.yaml", "not a file the catalog reads"),
        ("items/2027", "not a folder of catalog files"),
        ("items/README.md", "not a file the catalog reads"),
        ("docs", "not a folder of catalog files"),
    ],
)
def test_a_path_in_a_catalog_that_no_reader_reads_is_refused(
    tmp_path: Path, relative: str, reason: str
) -> None:
    """A report on a file the catalog never reads would be an empty green one."""
    root = make(tmp_path / "catalog", ITEM)
    (root / "items" / "2027").mkdir()
    (root / "docs").mkdir()
    for name in ("notes.yaml", "items/2027/broken.yaml", "items/README.md"):
        (root / name).write_text("a: [\n", encoding="utf-8")
    with pytest.raises(CatalogNotFoundError, match=reason):
        targets([root / relative])


@pytest.mark.parametrize(
    "relative",
    ["catalog.yaml", "laws.yaml", "items", "items/220114001000.yaml", ".servicecatalog.yaml"],
)
def test_every_file_the_catalog_reads_can_be_named(tmp_path: Path, relative: str) -> None:
    root = make(tmp_path / "catalog", ITEM)
    (root / ".servicecatalog.yaml").write_text("rules: {}\n", encoding="utf-8")
    [target] = targets([root / relative])
    assert target.named == {os.path.realpath(root / relative)}


def test_a_configuration_above_catalogs_names_the_catalogs_it_configures(tmp_path: Path) -> None:
    configured = make(tmp_path / "repo" / "catalog", ITEM)
    own = make(tmp_path / "repo" / "other", ITEM)
    (own / ".servicecatalog.yaml").write_text("rules: {}\n", encoding="utf-8")
    config = tmp_path / "repo" / ".servicecatalog.yaml"
    config.write_text("rules:\n  no-such-rule: off\n", encoding="utf-8")
    [target] = targets([config])
    assert target.catalog == configured
    assert [f.rule for f in report_of(target)] == ["config-unknown-rule"]


def test_catalog_root_is_found_upward(tmp_path: Path) -> None:
    root = make(tmp_path / "catalog", ITEM)
    assert catalog_root(root / "items" / f"{A}.yaml") == root
    assert catalog_root(root) == root
    assert catalog_root(tmp_path) is None


# ---- select -----------------------------------------------------------------------------------


def test_the_findings_of_the_files_named_and_only_those(tmp_path: Path) -> None:
    root = make(tmp_path / "catalog", ITEM, B_BROKEN)
    [clean] = targets([root / "items" / f"{A}.yaml"])
    assert list(report_of(clean)) == []
    assert report_of(clean).items == 1
    [broken] = targets([root / "items" / f"{B}.yaml"])
    assert [f.rule for f in report_of(broken)] == ["visits-mismatch-on-site"]
    assert len(load_catalog(root, today=TODAY).report) == 1


def test_a_folder_names_the_files_in_it(tmp_path: Path) -> None:
    root = make(tmp_path / "catalog", ITEM, B_BROKEN)
    [target] = targets([root / "items"])
    report = report_of(target)
    assert report.items == 2
    assert [f.rule for f in report] == ["visits-mismatch-on-site"]


def test_the_earlier_of_two_duplicates_takes_part(tmp_path: Path) -> None:
    twin = ITEM.replace(f'code: "{A}"', f'code: "{B}"')
    root = make(tmp_path / "catalog", ITEM, twin)
    [target] = targets([root / "items" / f"{A}.yaml"])
    [finding] = report_of(target)
    assert finding.rule == "name-duplicate"
    assert finding.file == f"{root}/items/{B}.yaml"


def test_the_items_of_a_list_of_the_wrong_size_take_part(tmp_path: Path) -> None:
    root = make(tmp_path / "catalog", ITEM)
    [target] = targets([root / "items" / f"{A}.yaml"])
    [finding] = report_of(target)
    assert finding.rule == "list-size-mismatch"
    assert finding.file == f"{root}/catalog.yaml"


def test_findings_elsewhere_about_an_item_named_are_kept(tmp_path: Path) -> None:
    root = make(tmp_path / "catalog", ITEM, ITEM_B)
    (root / "regions.yaml").write_text(
        'regions:\n  - {code: "220000", name: 吉林省, level: 省级, parent: null}\n'
        '  - {code: "220102", name: 南关区, level: 县级, parent: "220100"}\n'
        '  - {code: "220100", name: 长春市, level: 市级, parent: "220000"}\n',
        encoding="utf-8",
    )
    (root / "implementations").mkdir()
    (root / "implementations" / "220102.yaml").write_text(
        f'region: "220102"\nimplementations:\n  - {{item: "{A}", agency: 南关区人社局}}\n'
        f'  - {{item: "{B}", agency: 南关区人社局}}\n',
        encoding="utf-8",
    )
    [target] = targets([root / "items" / f"{A}.yaml"])
    [finding] = report_of(target)
    assert finding.rule == "implementation-level-mismatch"
    assert finding.file == f"{root}/implementations/220102.yaml"
    assert finding.item == A


def test_the_manifest_named_alone(tmp_path: Path) -> None:
    root = make(tmp_path / "catalog", ITEM)
    [target] = targets([root / "catalog.yaml"])
    report = report_of(target)
    assert [f.rule for f in report] == ["list-size-mismatch"]
    assert report.items == 0


# ---- checked files ----------------------------------------------------------------------------


def test_a_whole_catalog_checks_every_yaml_file(tmp_path: Path) -> None:
    root = make(tmp_path / "c", ITEM, ITEM_B)
    (root / "items" / "notes.txt").write_text("not yaml", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "x.yaml").write_text("", encoding="utf-8")
    (target,) = targets([root])
    assert checked_files(target) == [
        str(root / name)
        for name in ("catalog.yaml", f"items/{A}.yaml", f"items/{B}.yaml", "laws.yaml")
    ]


def test_named_files_and_folders_are_the_files_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path / "c", ITEM, ITEM_B)
    monkeypatch.chdir(tmp_path)
    (target,) = targets([Path("c/items"), Path("c/laws.yaml")])
    assert checked_files(target) == [f"c/items/{A}.yaml", f"c/items/{B}.yaml", "c/laws.yaml"]


def test_no_path_names_the_catalog_found_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CatalogNotFoundError, match="no catalog here"):
        targets([])
    make(tmp_path / "catalog", ITEM)
    assert targets([]) == [Target(Path("catalog"))]
    monkeypatch.chdir(tmp_path / "catalog")
    assert targets(()) == [Target(Path("."))]
