"""Tests of snapshots (servicecatalog build, sc.load_snapshot): the catalog compiled into one JSON
file reads back equal, item by item, to the catalog loaded from its files."""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import servicecatalog as sc
from conftest import BUNDLED_CATALOG, CALENDAR_2027_FIXTURE, SERVICE_ITEM, CatalogDir, GitRepo
from servicecatalog.cli import main
from servicecatalog.guides import build_site, catalog_json
from servicecatalog.snapshot import SNAPSHOT_FORMAT, snapshot_data

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from levels import build as build_levels  # the benchmarks' provincial-scale generator


def assert_same_catalog(snapshot: sc.Catalog, loaded: sc.Catalog) -> None:
    """Everything a program reads of a catalog, compared part by part."""
    assert len(snapshot) == len(loaded)
    for expected in loaded.items():
        assert snapshot.item(expected.code) == expected
    assert snapshot.items() == loaded.items()
    assert snapshot.manifest == loaded.manifest
    assert snapshot.laws == loaded.laws
    assert snapshot.regions == loaded.regions
    assert snapshot.implementation_lists == loaded.implementation_lists
    assert snapshot.invalid_files == loaded.invalid_files
    assert snapshot.report == loaded.report
    assert snapshot.left_out() == loaded.left_out()
    assert snapshot.calendar.overrides_dir == loaded.calendar.overrides_dir
    assert snapshot.calendar.override_files == loaded.calendar.override_files
    assert snapshot.calendar.covered_years() == loaded.calendar.covered_years()


def round_trip(catalog: sc.Catalog, target: Path, **options: bool) -> sc.Catalog:
    return sc.load_snapshot(sc.write_snapshot(catalog, target, **options))


def test_the_bundled_catalog_round_trips(tmp_path: Path) -> None:
    loaded = sc.load_catalog(BUNDLED_CATALOG)
    snapshot = round_trip(loaded, tmp_path / "catalog.json")
    assert_same_catalog(snapshot, loaded)
    assert snapshot.path == tmp_path / "catalog.json"


@pytest.mark.slow
def test_a_provincial_scale_catalog_round_trips(tmp_path: Path) -> None:
    folder = tmp_path / "levels"
    counts = build_levels(folder, villages_per_township=0.5)
    loaded = sc.load_catalog(folder)
    assert loaded.report.ok
    snapshot = round_trip(loaded, tmp_path / "levels.json")
    assert_same_catalog(snapshot, loaded)
    implementations = sum(len(il.implementations) for il in snapshot.implementation_lists.values())
    assert implementations == counts["implementations"]


def test_calendar_overrides_travel_with_the_snapshot(
    catalog_copy: Callable[..., CatalogDir], tmp_path: Path
) -> None:
    folder = catalog_copy("calendar")
    folder.add_calendar(2027, CALENDAR_2027_FIXTURE)
    loaded = sc.load_catalog(folder.path)
    snapshot = round_trip(loaded, tmp_path / "c.json")
    assert_same_catalog(snapshot, loaded)
    assert 2027 in snapshot.calendar.covered_years()
    assert snapshot.calendar.next_working_day(date(2027, 9, 30)) == date(2027, 10, 8)


def test_an_incomplete_catalog_is_written_only_when_allowed(
    catalog_copy: Callable[..., CatalogDir], tmp_path: Path
) -> None:
    folder = catalog_copy("invalid")
    folder.item_file(SERVICE_ITEM).write_text("", encoding="utf-8")
    loaded = sc.load_catalog(folder.path)
    with pytest.raises(sc.CatalogInvalidError):
        sc.write_snapshot(loaded, tmp_path / "c.json")
    assert not (tmp_path / "c.json").exists()
    snapshot = round_trip(loaded, tmp_path / "c.json", allow_invalid=True)
    assert_same_catalog(snapshot, loaded)
    assert snapshot.invalid_codes == {SERVICE_ITEM}


def test_a_snapshot_keeps_no_item_files(tmp_path: Path) -> None:
    snapshot = round_trip(sc.load_catalog(BUNDLED_CATALOG), tmp_path / "c.json")
    with pytest.raises(KeyError, match="snapshot"):
        snapshot.document(SERVICE_ITEM)


@pytest.mark.slow
def test_the_site_publishes_the_snapshot(tmp_path: Path) -> None:
    loaded = sc.load_catalog(BUNDLED_CATALOG)
    site = build_site(loaded, tmp_path / "site")
    data = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert data == catalog_json(loaded) == snapshot_data(loaded)
    assert list(data)[:3] == ["manifest", "laws", "items"]  # the keys the site always wrote
    assert_same_catalog(sc.load_snapshot(site / "catalog.json"), loaded)


def test_the_header_names_the_tool_the_format_and_the_source(tmp_path: Path) -> None:
    loaded = sc.load_catalog(BUNDLED_CATALOG)
    target = sc.write_snapshot(loaded, tmp_path / "c.json", commit="0" * 40, modified=True)
    header = json.loads(target.read_text(encoding="utf-8"))["servicecatalog"]
    assert header == {
        "tool": "servicecatalog",
        "version": sc.__version__,
        "format": SNAPSHOT_FORMAT,
        "catalog": str(BUNDLED_CATALOG),
        "commit": "0" * 40,
        "modified": True,
    }


def _rewrite_header(path: Path, **changes: object) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["servicecatalog"].update(changes)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("changes", [{"version": "0.0.1"}, {"format": SNAPSHOT_FORMAT + 1}])
def test_a_snapshot_of_another_version_is_refused(
    tmp_path: Path, changes: dict[str, object]
) -> None:
    target = sc.write_snapshot(sc.load_catalog(BUNDLED_CATALOG), tmp_path / "c.json")
    _rewrite_header(target, **changes)
    with pytest.raises(sc.SnapshotVersionError, match="build it again"):
        sc.load_snapshot(target)


def test_the_refusal_names_both_format_numbers(tmp_path: Path) -> None:
    target = sc.write_snapshot(sc.load_catalog(BUNDLED_CATALOG), tmp_path / "c.json")
    _rewrite_header(target, format=SNAPSHOT_FORMAT + 1)
    with pytest.raises(sc.SnapshotVersionError) as raised:
        sc.load_snapshot(target)
    assert (raised.value.found_format, raised.value.expected_format) == (
        SNAPSHOT_FORMAT + 1,
        SNAPSHOT_FORMAT,
    )
    assert raised.value.message == (
        f"{target}: the snapshot was built by servicecatalog {sc.__version__} "
        f"(format {SNAPSHOT_FORMAT + 1}), this is servicecatalog {sc.__version__}, which reads "
        f"format {SNAPSHOT_FORMAT}; build it again (servicecatalog build CATALOG -o FILE)"
    )


def test_another_versions_snapshot_of_another_shape_is_refused_for_its_version(
    tmp_path: Path,
) -> None:
    target = sc.write_snapshot(sc.load_catalog(BUNDLED_CATALOG), tmp_path / "c.json")
    data = json.loads(target.read_text(encoding="utf-8"))
    data["servicecatalog"]["version"] = "9.0.0"
    data["items"] = {"renamed": True}
    target.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(sc.SnapshotVersionError) as raised:
        sc.load_snapshot(target)
    assert raised.value.found == "9.0.0"
    assert isinstance(raised.value, sc.ServiceCatalogError)


@pytest.mark.parametrize(
    "content", [b"", b"not json", b"[]", b'{"manifest": {}}', b"\xff\xfe{"], ids=str
)
def test_what_is_no_snapshot_is_refused(tmp_path: Path, content: bytes) -> None:
    target = tmp_path / "c.json"
    target.write_bytes(content)
    with pytest.raises(sc.SnapshotError, match="not a servicecatalog snapshot"):
        sc.load_snapshot(target)


def test_a_folder_is_no_snapshot(tmp_path: Path) -> None:
    with pytest.raises(sc.SnapshotError):
        sc.load_snapshot(tmp_path)


def test_reading_a_snapshot_loads_neither_the_rules_nor_the_yaml_loader(tmp_path: Path) -> None:
    target = sc.write_snapshot(sc.load_catalog(BUNDLED_CATALOG), tmp_path / "c.json")
    program = (
        "import json, sys, servicecatalog as sc\n"
        f"catalog = sc.load_snapshot({str(target)!r})\n"
        "print(json.dumps([len(catalog), sorted(sys.modules)]))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=True
    )
    count, modules = json.loads(completed.stdout)
    assert count == 149
    assert not {"servicecatalog.rules", "servicecatalog._loading", "servicecatalog.loader"} & set(
        modules
    )


# ---- the command line ---------------------------------------------------------------------------


def test_build_writes_a_snapshot_the_other_commands_read(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "catalog.json"
    result = runner.invoke(main, ["build", str(BUNDLED_CATALOG), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert_same_catalog(sc.load_snapshot(target), sc.load_catalog(BUNDLED_CATALOG))
    from_files = runner.invoke(
        main, ["stats", "--catalog", str(BUNDLED_CATALOG), "--format", "json"]
    )
    from_snapshot = runner.invoke(main, ["stats", "--catalog", str(target), "--format", "json"])
    assert from_snapshot.exit_code == 0, from_snapshot.output
    assert from_snapshot.stdout == from_files.stdout
    guide = runner.invoke(main, ["guide", SERVICE_ITEM, "--format", "md", "--catalog", str(target)])
    assert guide.exit_code == 0
    assert guide.stdout == runner.invoke(main, ["guide", SERVICE_ITEM, "--format", "md"]).stdout


def test_build_refuses_an_invalid_catalog(
    catalog_copy: Callable[..., CatalogDir], tmp_path: Path
) -> None:
    folder = catalog_copy("invalid")
    folder.item_file(SERVICE_ITEM).write_text("", encoding="utf-8")
    target = tmp_path / "c.json"
    result = CliRunner().invoke(main, ["build", str(folder.path), "-o", str(target)])
    assert result.exit_code == 1
    assert not target.exists()
    allowed = CliRunner().invoke(
        main, ["build", str(folder.path), "-o", str(target), "--allow-invalid"]
    )
    assert allowed.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["left_out"][0]["item"] == SERVICE_ITEM


def test_another_versions_snapshot_exits_3(tmp_path: Path) -> None:
    target = sc.write_snapshot(sc.load_catalog(BUNDLED_CATALOG), tmp_path / "c.json")
    _rewrite_header(target, version="0.0.1")
    result = CliRunner().invoke(main, ["coverage", "--catalog", str(target)])
    assert result.exit_code == 3
    assert "servicecatalog 0.0.1" in result.stderr
    assert "Traceback" not in result.output


def test_build_records_the_commit_of_a_git_revision(
    scratch_repo: GitRepo, catalog_copy: Callable[..., CatalogDir], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = catalog_copy("small")
    shutil.copytree(folder.path, scratch_repo.path / "catalog")
    commit = scratch_repo.commit_all("catalog")
    monkeypatch.chdir(scratch_repo.path)
    runner = CliRunner()
    from_git = runner.invoke(main, ["build", "git:HEAD", "-o", "from-git.json"])
    assert from_git.exit_code == 0, from_git.output
    header = json.loads(Path("from-git.json").read_text(encoding="utf-8"))["servicecatalog"]
    assert (header["catalog"], header["commit"], header["modified"]) == (
        "git:HEAD:catalog",
        commit,
        False,
    )
    (scratch_repo.path / "catalog" / "README.md").write_text("changed\n", encoding="utf-8")
    from_folder = runner.invoke(main, ["build", "catalog", "-o", "from-folder.json"])
    assert from_folder.exit_code == 0, from_folder.output
    header = json.loads(Path("from-folder.json").read_text(encoding="utf-8"))["servicecatalog"]
    assert (header["commit"], header["modified"]) == (commit, True)


def test_build_outside_a_repository_records_no_commit(tmp_path: Path) -> None:
    shutil.copytree(BUNDLED_CATALOG, tmp_path / "catalog")
    target = tmp_path / "c.json"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "catalog"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["servicecatalog"]["commit"] is None


def test_build_replaces_the_output_whole(tmp_path: Path) -> None:
    target = tmp_path / "c.json"
    target.write_text("old", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(BUNDLED_CATALOG), "-o", str(target)])
    assert result.exit_code == 0
    assert sc.load_snapshot(target)
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]  # no temporary file left


def test_build_into_a_missing_folder_exits_3(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "c.json"
    result = CliRunner().invoke(main, ["build", str(BUNDLED_CATALOG), "-o", str(target)])
    assert result.exit_code == 3
    assert "cannot write" in result.stderr


def test_the_data_is_made_with_the_collector_paused() -> None:
    """A snapshot's data is containers by the hundred thousand, kept, and without cycles: no
    collection runs while they are made, and the collector is on again afterwards."""
    catalog = sc.load_catalog(BUNDLED_CATALOG)
    collections: list[str] = []

    def note(phase: str, _: dict[str, int]) -> None:
        collections.append(phase)

    gc.callbacks.append(note)
    try:
        snapshot_data(catalog)
    finally:
        gc.callbacks.remove(note)
    assert collections == []
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("yes", "items.0.service_process.0.on_site: expected true or false"),
        (
            2,
            "items.0.service_process.0.on_site: Input should be a valid boolean, unable to "
            "interpret input",
        ),
    ],
)
def test_a_flag_of_no_kind_is_located_with_what_was_expected(
    tmp_path: Path, value: object, message: str
) -> None:
    data = snapshot_data(sc.load_catalog(BUNDLED_CATALOG))
    data["items"][0]["service_process"][0]["on_site"] = value
    target = tmp_path / "c.json"
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(sc.SnapshotError) as raised:
        sc.load_snapshot(target)
    assert str(raised.value) == f"{target}: not a servicecatalog snapshot ({message})"
