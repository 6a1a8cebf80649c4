"""Tests of the Python API (servicecatalog.catalog, DESIGN §3 and §11)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import servicecatalog as sc
from _minimal import ITEM, LAWS, MANIFEST
from conftest import CALENDAR_2027_FIXTURE, CatalogDir
from servicecatalog import (
    Catalog,
    CatalogNotFoundError,
    Item,
    Report,
    ServiceCatalogError,
    _yaml_events,
    load_catalog,
)
from servicecatalog.rules.registry import REGISTRY

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "catalog"
SAMPLE_CODE = "220114043000"
# Far from the end of the years the working-day calendar covers, so it adds no notice.
TODAY = date(2026, 6, 15)
CODE = "220114001000"
OTHER_CODE = "220114002000"


def make_catalog(root: Path, items: dict[str, str] | None = None) -> Path:
    (root / "items").mkdir(parents=True)
    (root / "catalog.yaml").write_text(MANIFEST, encoding="utf-8")
    (root / "laws.yaml").write_text(LAWS, encoding="utf-8")
    for name, text in (items if items is not None else {f"{CODE}.yaml": ITEM}).items():
        (root / "items" / name).write_text(text, encoding="utf-8")
    return root


# ---- the bundled catalog ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(BUNDLED)


def test_implementations_of_an_unknown_region_raise_key_error(bundled: Catalog) -> None:
    with pytest.raises(KeyError):
        bundled.regions["999999"]
    with pytest.raises(KeyError, match="999999"):
        bundled.implementations("999999")
    assert len(bundled.implementations("220102")) > 0


def test_implementers_say_who_handles_an_item(bundled: Catalog) -> None:
    found = bundled.implementers("220114043000")
    assert found
    assert all(implementation.item == "220114043000" for _, implementation in found)
    assert [region.code for region, _ in found] == sorted(region.code for region, _ in found)
    assert bundled.implementers("999999999999") == []


def test_load_catalog_with_a_relative_string_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    catalog = sc.load_catalog("catalog")
    assert isinstance(catalog, Catalog)
    assert isinstance(catalog.report.ok, bool)
    assert SAMPLE_CODE in catalog
    files = {f.file for f in catalog.report if f.file}
    assert all(not Path(name).is_absolute() for name in files), files
    assert all(name.startswith("catalog") for name in files), files


def test_bundled_report(bundled: Catalog) -> None:
    report = bundled.report
    assert isinstance(report, Report)
    item_files = [
        p
        for p in (BUNDLED / "items").iterdir()
        if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
    ]
    assert report.items == len(item_files)
    assert report.ok == (report.counts["error"] == 0)
    for finding in report:
        assert finding.rule in REGISTRY, finding
        assert finding.line is None or finding.line >= 1
        assert finding.column is None or finding.column >= 1


def test_bundled_manifest_and_laws(bundled: Catalog) -> None:
    assert bundled.manifest is not None
    assert bundled.manifest.province == "22"
    assert bundled.manifest.department == "0114"
    assert set(bundled.manifest.lists) == {"service", "power", "delegation", "talent"}
    assert bundled.law("social-insurance-law").name == "中华人民共和国社会保险法"
    with pytest.raises(KeyError):
        bundled.law("no-such-law")


def test_item_is_a_typed_frozen_item(bundled: Catalog) -> None:
    item = bundled.item(SAMPLE_CODE)
    assert isinstance(item, Item)
    assert item.code == SAMPLE_CODE
    assert item.main_item_name == "失业保险金申领"
    with pytest.raises(ValidationError):
        item.visits = 1  # type: ignore[misc]
    assert bundled.item(SAMPLE_CODE).visits == item.visits


def test_absent_item_is_a_key_error(bundled: Catalog) -> None:
    with pytest.raises(KeyError):
        bundled.item("220114999999")
    assert "220114999999" not in bundled


def test_items_by_list(bundled: Catalog) -> None:
    power = bundled.items(list="power")
    assert power
    assert all("power" in item.lists for item in power)
    codes = [i.code for i in power]
    assert codes == sorted(codes)
    every = bundled.items()
    assert [i.code for i in every] == sorted(i.code for i in every)
    assert {i.code for i in power} == {i.code for i in every if "power" in i.lists}
    assert bundled.items(list="no-such-list") == []
    assert len(bundled) == len(every)
    assert [i.code for i in bundled] == [i.code for i in every]


def test_delegation_is_a_subset_of_power(bundled: Catalog) -> None:
    power = {i.code for i in bundled.items(list="power")}
    assert {i.code for i in bundled.items(list="delegation")} <= power


def test_python_api_example_of_design_section_11() -> None:
    assert sc.next_working_day(date(2026, 9, 30)) == date(2026, 10, 8)


# ---- unusable input ---------------------------------------------------------------------------


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CatalogNotFoundError) as raised:
        load_catalog(tmp_path / "nothing")
    assert raised.value.path == tmp_path / "nothing"
    assert isinstance(raised.value, ServiceCatalogError)
    assert "nothing" in str(raised.value)


def test_a_file_is_not_a_catalog(tmp_path: Path) -> None:
    file = tmp_path / "catalog.yaml"
    file.write_text(MANIFEST, encoding="utf-8")
    with pytest.raises(CatalogNotFoundError):
        load_catalog(file)


def test_folder_without_manifest(tmp_path: Path) -> None:
    (tmp_path / "items").mkdir()
    with pytest.raises(CatalogNotFoundError) as raised:
        load_catalog(tmp_path)
    assert "catalog.yaml" in raised.value.reason


def test_manifest_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "catalog.yaml").mkdir()
    with pytest.raises(CatalogNotFoundError):
        load_catalog(tmp_path)


# ---- temporary catalogs -----------------------------------------------------------------------


def test_clean_catalog(tmp_path: Path) -> None:
    catalog = load_catalog(make_catalog(tmp_path / "catalog"), today=TODAY)
    assert list(catalog.report) == []
    assert catalog.report.ok
    assert catalog.report.items == 1
    assert [i.code for i in catalog.items()] == [CODE]
    assert [i.code for i in catalog.items(list="service")] == [CODE]
    assert catalog.items(list="power") == []
    assert catalog.path == tmp_path / "catalog"


def test_items_that_fail_validation_are_left_out(tmp_path: Path) -> None:
    broken = ITEM.replace(CODE, OTHER_CODE).replace("form: 电子文件", "form: 原本")
    root = make_catalog(tmp_path / "catalog", {f"{CODE}.yaml": ITEM, f"{OTHER_CODE}.yaml": broken})
    catalog = load_catalog(root, today=TODAY)
    assert [i.code for i in catalog.items()] == [CODE]
    assert OTHER_CODE not in catalog
    with pytest.raises(KeyError):
        catalog.item(OTHER_CODE)
    assert catalog.item(CODE).code == CODE
    assert catalog.report.items == 2
    assert not catalog.report.ok
    problems = catalog.report.for_item(OTHER_CODE)
    assert [(f.rule, f.path) for f in problems] == [("schema-invalid-value", "materials[M1].form")]
    assert problems[0].file is not None
    assert problems[0].file.endswith(f"items/{OTHER_CODE}.yaml")


def test_unparsable_items_are_findings(tmp_path: Path) -> None:
    root = make_catalog(tmp_path / "catalog")
    (root / "items" / f"{OTHER_CODE}.yaml").write_bytes(
        ITEM.replace(CODE, OTHER_CODE).encode("gbk")
    )
    (root / "items" / "220114003000.yaml").write_text("code: a\ncode: b\n", encoding="utf-8")
    (root / "items" / "220114004000.yaml").mkdir()  # a folder named like an item
    catalog = load_catalog(root, today=TODAY)
    assert [i.code for i in catalog.items()] == [CODE]
    rules = {Path(f.file or "").name: f.rule for f in catalog.report}
    assert rules[f"{OTHER_CODE}.yaml"] == "yaml-encoding"
    assert rules["220114003000.yaml"] == "yaml-duplicate-key"
    assert rules["220114004000.yaml"] == "file-not-regular"


def test_other_files_in_items_are_ignored(tmp_path: Path) -> None:
    root = make_catalog(tmp_path / "catalog")
    (root / "items" / "README.md").write_text("# items\n", encoding="utf-8")
    (root / "items" / ".220114002000.yaml").write_text("not: an item\n", encoding="utf-8")
    catalog = load_catalog(root, today=TODAY)
    assert list(catalog.report) == []
    assert catalog.report.items == 1


def test_yml_suffix_is_read(tmp_path: Path) -> None:
    root = make_catalog(tmp_path / "catalog", {f"{CODE}.yml": ITEM})
    catalog = load_catalog(root, today=TODAY)
    assert [i.code for i in catalog.items()] == [CODE]


def test_missing_laws_and_items(tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    root.mkdir()
    (root / "catalog.yaml").write_text(MANIFEST.replace("expected: 1", "expected: 0"), "utf-8")
    catalog = load_catalog(root, today=TODAY)
    missing = catalog.report.for_rule("catalog-file-missing")
    assert len(missing) == 2
    assert catalog.items() == []
    assert catalog.report.items == 0


def test_broken_manifest_is_a_finding(tmp_path: Path) -> None:
    root = make_catalog(tmp_path / "catalog")
    (root / "catalog.yaml").write_text("name: [\n", encoding="utf-8")
    catalog = load_catalog(root, today=TODAY)
    assert catalog.manifest is None
    assert "yaml-syntax" in {f.rule for f in catalog.report}
    assert catalog.item(CODE).code == CODE


def test_today_is_what_revision_dates_are_compared_with(tmp_path: Path) -> None:
    root = make_catalog(tmp_path / "catalog")
    report = load_catalog(root, today=date(2026, 3, 1)).report
    assert "revision-in-future" in {f.rule for f in report}
    assert "revision-in-future" not in {f.rule for f in load_catalog(root, today=TODAY).report}


def test_copy_of_the_bundled_catalog_keeps_its_items(tmp_path: Path, bundled: Catalog) -> None:
    root = tmp_path / "catalog"
    shutil.copytree(BUNDLED, root)
    copied = load_catalog(root)
    assert [i.code for i in copied.items()] == [i.code for i in bundled.items()]
    assert copied.item(SAMPLE_CODE) == bundled.item(SAMPLE_CODE)


@pytest.mark.parametrize(
    ("changed_on", "published_on"),
    [("9999-12-31", "null"), ("9999-12-30", "9999-12-31"), ("0001-01-01", "0001-01-02")],
)
def test_extreme_revision_dates_are_findings_not_exceptions(
    tmp_path: Path, changed_on: str, published_on: str
) -> None:
    item = ITEM.replace('changed_on: "2026-03-10"', f"changed_on: {changed_on}").replace(
        'published_on: "2026-03-11"', f"published_on: {published_on}"
    )
    root = make_catalog(tmp_path / "catalog", {f"{CODE}.yaml": item})
    catalog = load_catalog(root, today=TODAY)  # must not raise
    assert not catalog.report.ok
    assert catalog.report.for_item(CODE)


def test_latest_possible_today_is_not_an_exception(tmp_path: Path) -> None:
    catalog = load_catalog(make_catalog(tmp_path / "catalog"), today=date(9999, 12, 31))
    assert isinstance(catalog.report, Report)


def _mappings(catalog: Catalog) -> dict[str, Any]:
    """Every mapping the API hands out, by the expression that reaches it."""
    assert catalog.manifest is not None
    return {
        "catalog.laws": catalog.laws,
        "catalog.regions": catalog.regions,
        "catalog.implementation_lists": catalog.implementation_lists,
        "catalog.invalid_files": catalog.invalid_files,
        "catalog.manifest.lists": catalog.manifest.lists,
    }


@pytest.mark.parametrize("source", ["folder", "snapshot"])
def test_no_mapping_the_catalog_hands_out_can_be_changed(
    bundled: Catalog, tmp_path: Path, source: str
) -> None:
    catalog = (
        bundled
        if source == "folder"
        else sc.load_snapshot(sc.write_snapshot(bundled, tmp_path / "catalog.json"))
    )
    for name, mapping in _mappings(catalog).items():
        key = next(iter(mapping), "x")
        for method, arguments in (
            ("pop", (key,)),
            ("__setitem__", (key, None)),
            ("__delitem__", (key,)),
            ("clear", ()),
            ("update", ({},)),
        ):
            with pytest.raises((TypeError, AttributeError)):
                getattr(mapping, method)(*arguments)
        assert mapping == _mappings(catalog)[name], name
    assert "220100" in catalog.regions
    assert "service" in catalog.manifest.lists  # type: ignore[union-attr]


def test_the_lists_a_query_returns_are_the_callers_own(bundled: Catalog) -> None:
    code = "220114001001"
    for query in (bundled.sub_items, bundled.implementers):
        before = list(query(code))
        query(code).clear()  # type: ignore[attr-defined]
        assert query(code) == before
    one_thing = next(item.one_thing for item in bundled if item.one_thing)
    bundled.one_thing(one_thing).clear()
    assert bundled.one_thing(one_thing)


def test_a_manifest_built_in_code_is_read_only_and_serializes_as_a_mapping() -> None:
    manifest = sc.Manifest.model_validate(
        {"name": "x", "province": "22", "department": "0114", "lists": {"a": {"title": "A"}}}
    )
    with pytest.raises(TypeError):
        manifest.lists["b"] = manifest.lists["a"]  # type: ignore[index]
    assert manifest.model_dump()["lists"] == {
        "a": {"title": "A", "expected": None, "subset_of": None}
    }
    assert sc.Manifest.model_validate_json(manifest.model_dump_json()) == manifest


def test_a_catalog_is_built_with_keywords_only() -> None:
    # Fourteen fields, several of the same type: a positional call would silently swap two.
    with pytest.raises(TypeError, match="positional"):
        Catalog(Path("catalog"), None, {}, Report(), {})
    built = Catalog(path=Path("catalog"), manifest=None, laws={}, report=Report(), _items={})
    assert built.items() == []


WEEKDAY_WORK_DAY = CALENDAR_2027_FIXTURE.replace("2027-10-09", "2027-10-08")
NAMELESS_HOLIDAY = CALENDAR_2027_FIXTURE.replace("name: 元旦,   ", "")


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        (CALENDAR_2027_FIXTURE, []),
        (WEEKDAY_WORK_DAY, ["calendar-invalid"]),
        (NAMELESS_HOLIDAY, ["schema-missing-key"]),
    ],
    ids=["valid", "inconsistent", "misshapen"],
)
def test_a_calendar_file_is_parsed_once(
    catalog_copy: Callable[..., CatalogDir],
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    rules: list[str],
) -> None:
    """Read by the strict loader, validated, checked and located from one parse, whether the
    schedule is valid, inconsistent (a Friday as a working day) or of another shape."""
    folder = catalog_copy("calendar")
    override = folder.add_calendar(2027, text)
    parsed: list[str] = []
    build = _yaml_events._Builder.build

    def counted(self: Any, source: str) -> _yaml_events.Parsed:
        parsed.append(self.file)
        return build(self, source)

    monkeypatch.setattr(_yaml_events._Builder, "build", counted)
    catalog = load_catalog(folder.path, today=date(2026, 11, 27))
    assert parsed.count(str(override)) == 1
    found = [f for f in catalog.report.at_least(sc.Severity.ERROR) if f.file == str(override)]
    assert [f.rule for f in found] == rules
    assert all(f.line is not None for f in found)
