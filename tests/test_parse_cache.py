"""The parse cache: a file parsed before is not parsed again, and nothing a load finds changes.

Every rule case is loaded without the cache, with it cold and with it warm, and the three reports
must be equal; the bundled catalog's documents must hold the same data and positions; a damaged,
foreign or unwritable pack must be as if there were none.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from tests.conftest import BUNDLED_CATALOG, git_env
from tests.test_rules import ALL_CASES, TODAY, Case, build_catalog

import servicecatalog as sc
from servicecatalog import _parse_cache, loader
from servicecatalog._parse_cache import ParsePack, open_pack
from servicecatalog.cache import cache_folder, parse_cache
from servicecatalog.loader import load_bytes

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the loader parses (rather than takes from a pack)."""
    parsed: list[str] = []
    real = loader.parse

    def counting(text: str, file: str, max_depth: int) -> loader.Parsed:
        parsed.append(file)
        return real(text, file, max_depth)

    monkeypatch.setattr(loader, "parse", counting)
    return parsed


def _pack_files(folder: Path) -> list[Path]:
    return sorted((folder / "parses").glob("*.pack"))


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.id)
def test_a_case_finds_the_same_with_the_cache_cold_and_warm(case: Case, tmp_path: Path) -> None:
    if case.error:
        pytest.skip(case.error)  # test_rules reports it
    root = build_catalog(case, tmp_path / "catalog")
    plain = sc.load_catalog(root, today=TODAY)
    with parse_cache(tmp_path / "cache"):
        cold = sc.load_catalog(root, today=TODAY)
        warm = sc.load_catalog(root, today=TODAY)
    assert cold.report == plain.report
    assert warm.report == plain.report
    assert warm.items() == plain.items()


def test_the_bundled_catalog_is_the_same_from_the_cache(tmp_path: Path) -> None:
    plain = sc.load_catalog(BUNDLED_CATALOG)
    with parse_cache(tmp_path):
        sc.load_catalog(BUNDLED_CATALOG)
        warm = sc.load_catalog(BUNDLED_CATALOG)
    assert warm.report == plain.report
    assert warm.items() == plain.items()
    assert warm.implementation_lists == plain.implementation_lists
    for code in (item.code for item in plain.items()):
        kept, parsed = warm.document(code), plain.document(code)
        assert kept.data == parsed.data
        assert kept.positions == parsed.positions
        assert kept.key_positions == parsed.key_positions


def test_a_warm_load_parses_only_the_files_that_changed(tmp_path: Path, parses: list[str]) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(BUNDLED_CATALOG, catalog)
    with parse_cache(tmp_path / "cache"):
        sc.load_catalog(catalog)
        files = len(parses)
        assert files > 200  # items, implementation lists, the catalog's own files
        parses.clear()
        sc.load_catalog(catalog)
        assert parses == []
        item = next((catalog / "items").glob("*.yaml"))
        item.write_text(item.read_text(encoding="utf-8") + "# 改动\n", encoding="utf-8")
        sc.load_catalog(catalog)
    assert parses == [str(item)]


def test_no_parse_is_kept_outside_a_parse_cache_block(tmp_path: Path, parses: list[str]) -> None:
    assert cache_folder() is None
    sc.load_catalog(BUNDLED_CATALOG)
    first = len(parses)
    sc.load_catalog(BUNDLED_CATALOG)
    assert len(parses) == 2 * first


def test_an_unchanged_catalog_does_not_write_its_pack_again(tmp_path: Path) -> None:
    with parse_cache(tmp_path):
        sc.load_catalog(BUNDLED_CATALOG)
        (pack,) = _pack_files(tmp_path)
        before = pack.stat()
        sc.load_catalog(BUNDLED_CATALOG)
    after = pack.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_pack_keeps_parses_no_load_uses_within_a_bound(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(BUNDLED_CATALOG, catalog)
    items = sorted((catalog / "items").glob("*.yaml"))
    with parse_cache(tmp_path / "cache"):
        sc.load_catalog(catalog)
        (pack,) = _pack_files(tmp_path / "cache")
        files = len(_kept(pack))
        for round_ in range(6):  # every item changed, again and again: old parses pile up
            for item in items:
                item.write_text(
                    item.read_text(encoding="utf-8") + f"# {round_}\n", encoding="utf-8"
                )
            sc.load_catalog(catalog)
            assert len(_kept(pack)) <= 2 * files + _parse_cache._SPARE_ENTRIES


def _kept(pack: Path) -> dict[bytes, bytes]:
    salt = _parse_cache._salt()
    assert salt is not None
    return _parse_cache._read(pack, salt)


def test_two_files_of_the_same_bytes_get_data_of_their_own(tmp_path: Path) -> None:
    raw = (BUNDLED_CATALOG / "laws.yaml").read_bytes()
    pack = ParsePack(tmp_path / "p.pack", b"s" * 16)
    first = load_bytes(raw, "a.yaml", pack=pack)
    second = load_bytes(raw, "b.yaml", pack=pack)
    third = load_bytes(raw, "c.yaml", pack=pack)
    assert first.data == second.data == third.data
    assert second.data is not first.data
    assert third.data is not second.data


def test_findings_from_the_pack_name_the_file_they_are_in(tmp_path: Path) -> None:
    raw = b"name: a\nname: b\ncode: 0114\n"
    pack = ParsePack(tmp_path / "p.pack", b"s" * 16)
    made = load_bytes(raw, "first.yaml", pack=pack)
    pack.close()
    again = ParsePack(tmp_path / "p.pack", b"s" * 16)
    kept = load_bytes(raw, "second.yaml", pack=again)
    assert [f.rule for f in made.findings] == ["yaml-duplicate-key", "yaml-unquoted-code"]
    assert kept.findings == tuple(replace(f, file="second.yaml") for f in made.findings)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda content: content[: len(content) // 2], id="truncated"),
        pytest.param(
            lambda content: content[:-9] + bytes([content[-9] ^ 1]) + content[-8:], id="one-bit"
        ),
        pytest.param(lambda content: b"", id="empty"),
        pytest.param(lambda content: b"\x00" * 100, id="zeros"),
        pytest.param(lambda content: content[:40] + b"garbage" * 1000, id="garbage-payload"),
    ],
)
def test_a_damaged_pack_is_taken_as_empty(
    tmp_path: Path, parses: list[str], damage: Callable[[bytes], bytes]
) -> None:
    with parse_cache(tmp_path):
        plain = sc.load_catalog(BUNDLED_CATALOG)
        (pack,) = _pack_files(tmp_path)
        pack.write_bytes(damage(pack.read_bytes()))
        parses.clear()
        again = sc.load_catalog(BUNDLED_CATALOG)
        assert again.report == plain.report
        assert len(parses) > 200  # parsed anew, and the pack mended
        parses.clear()
        sc.load_catalog(BUNDLED_CATALOG)
    assert parses == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
@pytest.mark.parametrize("kind", ["pipe", "link to a device"])
def test_a_pipe_or_a_device_in_place_of_a_pack_is_replaced_not_read(
    tmp_path: Path, parses: list[str], kind: str
) -> None:
    with parse_cache(tmp_path):
        plain = sc.load_catalog(BUNDLED_CATALOG)
        (pack,) = _pack_files(tmp_path)
        pack.unlink()
        if kind == "pipe":
            os.mkfifo(pack)  # reading it would wait for a writer, for ever
        else:
            pack.symlink_to("/dev/zero")  # reading it would never end
        parses.clear()
        assert sc.load_catalog(BUNDLED_CATALOG).report == plain.report
        assert len(parses) > 200
    assert pack.is_file()
    assert not pack.is_symlink()


def test_a_pack_made_by_other_code_is_not_used(tmp_path: Path, parses: list[str]) -> None:
    with parse_cache(tmp_path):
        sc.load_catalog(BUNDLED_CATALOG)
        (pack,) = _pack_files(tmp_path)
        content = bytearray(pack.read_bytes())
        salt_at = len(_parse_cache._MAGIC)
        content[salt_at] ^= 0xFF  # another parser's salt, the content intact
        pack.write_bytes(bytes(content))
        parses.clear()
        sc.load_catalog(BUNDLED_CATALOG)
    assert len(parses) > 200


def test_the_salt_covers_the_code_that_parses() -> None:
    assert tuple(sorted(_parse_cache._PARSING_MODULES)) == _parse_cache._PARSING_MODULES
    for name in ("servicecatalog._yaml_events", "servicecatalog.rules.yaml_safety"):
        assert name in _parse_cache._PARSING_MODULES


def test_a_pack_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "parses").write_text("not a folder\n", encoding="utf-8")  # nothing can go in
    with parse_cache(tmp_path):
        report = sc.load_catalog(BUNDLED_CATALOG).report
    assert report == sc.load_catalog(BUNDLED_CATALOG).report
    assert (tmp_path / "parses").read_text(encoding="utf-8") == "not a folder\n"
    assert [path.name for path in tmp_path.iterdir()] == ["parses"]  # no temporary file left


def test_a_cache_folder_that_is_a_file_changes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder\n", encoding="utf-8")
    with parse_cache(blocker):
        report = sc.load_catalog(BUNDLED_CATALOG).report
    assert report == sc.load_catalog(BUNDLED_CATALOG).report
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def test_a_pack_is_named_by_the_catalog_and_not_its_content(tmp_path: Path) -> None:
    with parse_cache(tmp_path):
        first, second = open_pack("folder:/a"), open_pack("folder:/b")
        again = open_pack("folder:/a")
        assert first is not None
        assert second is not None
        assert again is not None
        assert first.file != second.file
        assert first.file == again.file
    assert open_pack("folder:/a") is None


def test_workers_hand_back_what_they_parsed(tmp_path: Path, parses: list[str]) -> None:
    with parse_cache(tmp_path):
        plain = sc.load_catalog(BUNDLED_CATALOG, workers=2)
        parses.clear()
        warm = sc.load_catalog(BUNDLED_CATALOG, workers=1)
    # The workers' parses were counted in their own processes; what came back is in the pack.
    assert parses == []
    assert warm.report == plain.report


def test_revisions_of_a_repository_share_one_pack(tmp_path: Path, parses: list[str]) -> None:
    repository = tmp_path / "repo"
    shutil.copytree(BUNDLED_CATALOG, repository / "catalog")
    git = ["git", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=repository, check=True, env=git_env())
    subprocess.run([*git, "add", "-A"], cwd=repository, check=True, env=git_env())
    subprocess.run([*git, "commit", "-qm", "a"], cwd=repository, check=True, env=git_env())
    item = next((repository / "catalog" / "items").glob("*.yaml"))
    item.write_text(item.read_text(encoding="utf-8") + "# 改动\n", encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "b"], cwd=repository, check=True, env=git_env())
    revisions = ("git:HEAD~1", "git:HEAD", "catalog")
    plain = [sc.open_catalog(spec, today=TODAY, cwd=repository).report for spec in revisions]
    with parse_cache(tmp_path / "cache"):
        for spec in revisions:
            sc.open_catalog(spec, today=TODAY, cwd=repository)
        packs = _pack_files(tmp_path / "cache")
        written = [pack.stat().st_mtime_ns for pack in packs]
        parses.clear()
        warm = [sc.open_catalog(spec, today=TODAY, cwd=repository).report for spec in revisions]
    assert parses == []
    assert warm == plain
    # One pack for the repository's revisions, one for the folder; both revisions' parses are
    # kept, so that neither load writes the pack again.
    assert len(packs) == 2
    assert [pack.stat().st_mtime_ns for pack in packs] == written


def test_an_interrupted_load_leaves_the_pack_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(BUNDLED_CATALOG, catalog)
    cache = tmp_path / "cache"
    with parse_cache(cache):
        sc.load_catalog(catalog)
        (pack,) = _pack_files(cache)
        before = pack.read_bytes()
        for item in (catalog / "items").glob("*.yaml"):
            item.write_text(item.read_text(encoding="utf-8") + "# 改\n", encoding="utf-8")

        def interrupted(*arguments: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr("servicecatalog._loading.run_rules", interrupted)
        with pytest.raises(KeyboardInterrupt):
            sc.load_catalog(catalog)
    assert pack.read_bytes() == before
    assert sorted(path.name for path in (cache / "parses").iterdir()) == [pack.name]


def test_a_next_pack_abandoned_long_ago_is_removed(tmp_path: Path) -> None:
    parses = tmp_path / "parses"
    parses.mkdir()
    old, recent = parses / ".next-pack-old", parses / ".next-pack-recent"
    old.write_bytes(b"x")
    recent.write_bytes(b"x")
    os.utime(old, (1, 1))
    with parse_cache(tmp_path):
        sc.load_catalog(BUNDLED_CATALOG)
    assert not old.exists()
    assert recent.exists()  # perhaps a run still going


def test_a_document_read_again_after_the_load_leaves_nothing_in_the_cache(tmp_path: Path) -> None:
    with parse_cache(tmp_path):
        catalog = sc.load_catalog(BUNDLED_CATALOG)
        (pack,) = _pack_files(tmp_path)
        written = pack.stat().st_mtime_ns
        document = catalog.implementation_document("220100")
    assert document is not None
    assert document.data is not None
    assert [path.name for path in (tmp_path / "parses").iterdir()] == [pack.name]
    assert pack.stat().st_mtime_ns == written
