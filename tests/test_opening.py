"""One way to open a catalog (servicecatalog.opening): a folder, a snapshot, a git revision, or
the one found from the current folder; and what a publication deadline is computed with."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from conftest import SMALL_MANIFEST, CatalogDir, GitRepo, build_catalog
from servicecatalog import CatalogNotFoundError, load_catalog
from servicecatalog.opening import (
    PublicationSettings,
    catalog_spec,
    open_catalog,
    open_catalog_at_commit,
    publication_settings,
    read_manifest,
)
from servicecatalog.snapshot import write_snapshot

TODAY = date(2026, 12, 6)


def test_catalog_spec_is_what_was_named_or_what_is_found(tmp_path: Path) -> None:
    assert catalog_spec("git:HEAD", tmp_path) == "git:HEAD"
    (tmp_path / "catalog").mkdir()
    assert catalog_spec(None, tmp_path) == "catalog"
    (tmp_path / "catalog.yaml").write_text(SMALL_MANIFEST, encoding="utf-8")
    assert catalog_spec(None, tmp_path) == "."


def test_nothing_to_find_is_a_catalog_not_found(tmp_path: Path) -> None:
    with pytest.raises(CatalogNotFoundError, match=r"no catalog here: neither \./catalog\.yaml"):
        open_catalog(cwd=tmp_path)


def test_a_folder_opens_as_load_catalog_loads_it(catalog_copy: Callable[..., CatalogDir]) -> None:
    catalog = catalog_copy("c")
    opened = open_catalog(catalog.path, today=TODAY)
    loaded = load_catalog(catalog.path, today=TODAY)
    assert opened.path == loaded.path
    assert opened.report == loaded.report
    assert [item.code for item in opened] == [item.code for item in loaded]


def test_a_folder_is_found_from_cwd(catalog_copy: Callable[..., CatalogDir]) -> None:
    catalog = catalog_copy("catalog")
    opened = open_catalog(cwd=catalog.path.parent, today=TODAY)
    assert opened.path == catalog.path
    assert len(opened) == 2


def test_a_snapshot_file_opens_unless_refused(
    catalog_copy: Callable[..., CatalogDir], tmp_path: Path
) -> None:
    catalog = catalog_copy("c")
    snapshot = write_snapshot(load_catalog(catalog.path, today=TODAY), tmp_path / "catalog.json")
    expected = [item.code for item in load_catalog(catalog.path, today=TODAY)]
    assert [item.code for item in open_catalog(snapshot)] == expected
    with pytest.raises(CatalogNotFoundError):
        open_catalog(snapshot, snapshot=False)


def test_a_revision_opens_with_its_commit(scratch_repo: GitRepo) -> None:
    build_catalog(scratch_repo.path / "catalog")
    commit = scratch_repo.commit_all("catalog")
    catalog, origin = open_catalog_at_commit("git:HEAD", cwd=scratch_repo.path)
    assert str(catalog.path) == "git:HEAD:catalog"
    assert origin is not None
    assert (origin.commit, origin.modified) == (commit, False)
    folder, at = open_catalog_at_commit(cwd=scratch_repo.path)
    assert folder.path == scratch_repo.path / "catalog"
    assert at is not None
    assert (at.commit, at.modified) == (commit, False)


def test_a_folder_outside_a_repository_has_no_commit(tmp_path: Path) -> None:
    build_catalog(tmp_path / "catalog")
    _, origin = open_catalog_at_commit(tmp_path / "catalog")
    assert origin is None


def test_read_manifest_is_none_without_a_valid_one(tmp_path: Path) -> None:
    assert read_manifest(tmp_path) is None
    (tmp_path / "catalog.yaml").write_text("name: 1\n", encoding="utf-8")
    assert read_manifest(tmp_path) is None
    (tmp_path / "catalog.yaml").write_text(SMALL_MANIFEST, encoding="utf-8")
    manifest = read_manifest(tmp_path)
    assert manifest is not None
    assert manifest.publication.working_days == 1


def test_publication_settings_of_a_named_folder(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    manifest = SMALL_MANIFEST.replace("working_days: 1", "working_days: 3")
    (folder / "catalog.yaml").write_text(manifest + "timezone: Asia/Urumqi\n", encoding="utf-8")
    settings = publication_settings(folder)
    assert settings == PublicationSettings(folder, 3, "Asia/Urumqi")
    assert settings.calendar().next_working_day(date(2026, 9, 30), 3) == date(2026, 10, 10)


def test_publication_settings_found_from_cwd(tmp_path: Path) -> None:
    (tmp_path / "catalog").mkdir()
    assert publication_settings(cwd=tmp_path) == PublicationSettings(
        tmp_path / "catalog", None, None
    )


def test_publication_settings_without_a_catalog(tmp_path: Path) -> None:
    settings = publication_settings(cwd=tmp_path)
    assert settings == PublicationSettings(None, None, None)
    assert settings.calendar().next_working_day(date(2026, 9, 30)) == date(2026, 10, 8)


def test_publication_settings_of_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CatalogNotFoundError, match="no such folder"):
        publication_settings(tmp_path / "missing")
