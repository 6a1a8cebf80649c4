"""Where a catalog version comes from: a folder or ``git:REV[:PATH]`` (servicecatalog.sources).

The git tests work in throwaway repositories under tmp_path holding a catalog committed twice.
Reading a revision must never touch the work tree, the index or HEAD, and every way a source can
be unusable is exit code 3 with a one-line message, never a traceback (DESIGN §7, §8).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from conftest import PENALTY_ITEM, SERVICE_ITEM, CatalogDir, GitRepo, build_catalog
from servicecatalog import load_catalog
from servicecatalog.cli import main
from servicecatalog.errors import GitSourceError, ServiceCatalogError
from servicecatalog.review import review_sources
from servicecatalog.sources import CatalogSource, open_source, parse_source

A, P = SERVICE_ITEM, PENALTY_ITEM
TODAY = date(2026, 11, 27)
TODAY_ARG = ["--today", TODAY.isoformat()]


# ---- parse_source ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "folder", "revision", "path"),
    [
        ("catalog", Path("catalog"), None, None),
        ("some/where/catalog", Path("some/where/catalog"), None, None),
        ("git:HEAD", None, "HEAD", None),
        ("git:HEAD~1", None, "HEAD~1", None),
        ("git:origin/main", None, "origin/main", None),
        ("git:HEAD~1:catalog", None, "HEAD~1", "catalog"),
        ("git:v1.0:data/catalog", None, "v1.0", "data/catalog"),
        ("git:HEAD:/data/catalog/", None, "HEAD", "data/catalog"),
        ("git:HEAD:", None, "HEAD", None),
        ("git:HEAD:.", None, "HEAD", "."),
    ],
)
def test_parse_source(
    spec: str, folder: Path | None, revision: str | None, path: str | None
) -> None:
    source = parse_source(spec)
    assert source == CatalogSource(spec, folder=folder, revision=revision, path=path)


@pytest.mark.parametrize("spec", ["git:", "git::catalog"])
def test_parse_source_without_a_revision(spec: str) -> None:
    with pytest.raises(GitSourceError) as raised:
        parse_source(spec)
    assert isinstance(raised.value, ServiceCatalogError)
    assert "revision" in raised.value.message
    assert raised.value.spec == spec


def test_open_source_of_a_folder_is_the_folder(tmp_path: Path) -> None:
    tree = open_source(str(tmp_path))
    assert tree.folder == tmp_path
    assert tree.name == str(tmp_path)


# ---- a repository with a catalog committed twice ------------------------------------------------


def _shorten(data: dict[str, Any]) -> None:
    data["time_limit"]["committed"]["days"] = 2
    data["revision"] = {
        "version": 4,
        "changed_on": date(2026, 11, 20),
        "published_on": date(2026, 11, 23),
    }


@pytest.fixture
def repo(scratch_repo: GitRepo) -> GitRepo:
    """``catalog/`` with the service and penalty items; the second commit shortens A's time limit."""
    catalog = build_catalog(scratch_repo.path / "catalog", [A, P])
    (scratch_repo.path / "README.md").write_text("test repository\n", encoding="utf-8")
    scratch_repo.commit_all("first")
    catalog.edit(A, _shorten)
    scratch_repo.commit_all("second")
    assert scratch_repo.status() == ""
    return scratch_repo


def _catalog(repo: GitRepo) -> CatalogDir:
    return CatalogDir(repo.path / "catalog")


def _state(repo: GitRepo) -> tuple[str, str, str, str]:
    """HEAD, the index, the work tree's status, and the content of the edited file."""
    return (
        repo.git("rev-parse", "HEAD"),
        repo.git("ls-files", "--stage"),
        repo.status(),
        _catalog(repo).item_file(A).read_text(encoding="utf-8"),
    )


def test_open_source_reads_a_revision_from_git_objects(repo: GitRepo) -> None:
    before = _state(repo)
    tree = open_source("git:HEAD~1", cwd=repo.path)
    assert tree.name == "git:HEAD~1:catalog"
    assert tree.folder is None
    content = tree.read(f"items/{A}.yaml", 1 << 20)
    assert isinstance(content, bytes)
    old = yaml.safe_load(content)
    assert old["time_limit"]["committed"]["days"] == 3
    assert old["revision"]["version"] == 3
    assert tree.names("items") == [f"{A}.yaml", f"{P}.yaml"]
    assert tree.names("") == ["catalog.yaml", "items", "laws.yaml"]  # only the catalog
    assert tree.display(f"items/{A}.yaml") == f"git:HEAD~1:catalog/items/{A}.yaml"
    assert _state(repo) == before


def test_export_ignore_changes_nothing(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """git archive would leave out files marked export-ignore and report phantom removals."""
    (repo.path / ".gitattributes").write_text(
        f"catalog/items/{P}.yaml export-ignore\n", encoding="utf-8"
    )
    repo.commit_all("attributes")
    monkeypatch.chdir(repo.path)
    review = review_sources("git:HEAD", "catalog", today=TODAY)
    assert _kinds(review) == []
    assert open_source("git:HEAD").names("items") == [f"{A}.yaml", f"{P}.yaml"]


def _commit_link(repo: GitRepo, name: str, target: str) -> None:
    (repo.path / "catalog" / "items" / name).symlink_to(target)
    repo.commit_all(f"link {name}")


def test_a_committed_link_within_the_catalog_is_followed(repo: GitRepo) -> None:
    (repo.path / "catalog" / "items" / f"{P}.yaml").rename(repo.path / "catalog" / "penalty.yml")
    _commit_link(repo, f"{P}.yaml", "../penalty.yml")
    tree = open_source("git:HEAD", cwd=repo.path)
    catalog = load_catalog(tree, today=TODAY)
    assert P in catalog
    assert [f for f in catalog.report.for_item(P) if f.severity.value == "error"] == []


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../README.md", "../../.."])
def test_a_committed_link_out_of_the_catalog_is_a_finding(repo: GitRepo, target: str) -> None:
    _commit_link(repo, "220114999000.yaml", target)
    catalog = load_catalog(open_source("git:HEAD", cwd=repo.path), today=TODAY)
    [finding] = catalog.report.for_rule("file-outside-catalog")
    assert finding.file == "git:HEAD:catalog/items/220114999000.yaml"
    assert "root:" not in finding.message
    assert "test repository" not in finding.message


def test_implementations_as_a_submodule_is_a_finding(repo: GitRepo) -> None:
    """A revision holds only a submodule's commit: its lists cannot be read, and must not read
    as a catalog without implementation lists."""
    head = repo.git("rev-parse", "HEAD").strip()
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{head},catalog/implementations")
    repo.git("commit", "-q", "--no-gpg-sign", "-m", "implementations as a submodule")
    catalog = load_catalog(open_source("git:HEAD", cwd=repo.path), today=TODAY)
    [finding] = catalog.report.for_rule("file-not-read")
    assert finding.file == "git:HEAD:catalog/implementations"
    assert finding.severity.value == "error"
    assert finding.text("en").startswith("implementations is a git submodule")
    assert not catalog.report.ok


def test_a_committed_item_in_a_subfolder_is_a_finding(repo: GitRepo) -> None:
    folder = repo.path / "catalog" / "items" / "2027"
    folder.mkdir()
    (folder / "220114999000.yaml").write_text("code: x\n", encoding="utf-8")
    repo.commit_all("an item in a subfolder")
    catalog = load_catalog(open_source("git:HEAD", cwd=repo.path), today=TODAY)
    [finding] = catalog.report.for_rule("file-not-read")
    assert finding.file == "git:HEAD:catalog/items/2027/220114999000.yaml"


def test_a_loop_of_committed_links_is_a_finding(repo: GitRepo) -> None:
    _commit_link(repo, "a.yaml", "b.yaml")
    _commit_link(repo, "b.yaml", "a.yaml")
    catalog = load_catalog(open_source("git:HEAD", cwd=repo.path), today=TODAY)
    assert {Path(f.file or "").name for f in catalog.report.for_rule("file-outside-catalog")} == {
        "a.yaml",
        "b.yaml",
    }


def test_the_configuration_is_read_from_the_revision(repo: GitRepo) -> None:
    (repo.path / ".servicecatalog.yaml").write_text(
        "rules:\n  calendar-runs-out: off\n", encoding="utf-8"
    )
    repo.commit_all("config")
    (repo.path / ".servicecatalog.yaml").write_text("rules: {}\n", encoding="utf-8")
    tree = open_source("git:HEAD", cwd=repo.path)
    found = tree.find_config()
    assert found is not None
    assert found.name == "git:HEAD:.servicecatalog.yaml"
    catalog = load_catalog(tree, today=TODAY)
    assert catalog.report.for_rule("calendar-runs-out") == []


@pytest.mark.parametrize(
    ("spec", "cwd"),
    [
        ("git:HEAD:catalog", "."),
        ("git:HEAD:./catalog/", "."),
        ("git:HEAD:.", "catalog"),  # PATH is relative to the current folder
        ("git:HEAD:..", "catalog/items"),
    ],
)
def test_git_path_is_relative_to_the_current_folder(repo: GitRepo, spec: str, cwd: str) -> None:
    tree = open_source(spec, cwd=repo.path / cwd)
    assert tree.name == "git:HEAD:catalog"
    assert tree.exists("catalog.yaml")


def test_a_revision_without_a_path_is_the_catalog_of_the_current_folder(repo: GitRepo) -> None:
    """Standing in the catalog folder, git:HEAD is that folder; standing above it, ./catalog."""
    inside = open_source("git:HEAD", cwd=repo.path / "catalog")
    above = open_source("git:HEAD", cwd=repo.path)
    assert inside.name == above.name == "git:HEAD:catalog"
    assert inside.exists("catalog.yaml")


def test_a_revision_without_a_catalog_here_names_both_places_and_the_fix(repo: GitRepo) -> None:
    elsewhere = repo.path / "docs"
    elsewhere.mkdir()
    with pytest.raises(GitSourceError) as raised:
        open_source("git:HEAD~1", cwd=elsewhere)
    message = raised.value.message
    assert "docs/catalog.yaml nor docs/catalog/catalog.yaml" in message
    assert "git:HEAD~1:." in message


def test_git_path_outside_the_repository(repo: GitRepo) -> None:
    with (
        pytest.raises(GitSourceError) as raised,
        open_source("git:HEAD:../elsewhere", cwd=repo.path),
    ):
        pass  # pragma: no cover
    assert "outside the repository" in raised.value.message


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("git:no-such-branch", "unknown revision 'no-such-branch'"),
        ("git:HEAD~5", "unknown revision 'HEAD~5'"),
        ("git:HEAD:no/such/catalog", "does not exist"),
    ],
)
def test_open_source_errors(repo: GitRepo, spec: str, expected: str) -> None:
    before = _state(repo)
    with pytest.raises(GitSourceError) as raised, open_source(spec, cwd=repo.path):
        pass  # pragma: no cover
    assert expected in raised.value.message
    assert raised.value.message.startswith(spec)
    assert _state(repo) == before


def test_open_source_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(GitSourceError) as raised, open_source("git:HEAD", cwd=outside):
        pass  # pragma: no cover
    assert "not inside a git repository" in raised.value.message


# ---- review_sources and the CLI on git sources --------------------------------------------------


def _kinds(review: Any) -> list[tuple[str | None, str]]:
    return [(c.item, c.kind) for c in review.changes]


def test_review_of_two_revisions(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.path)
    before = _state(repo)
    review = review_sources("git:HEAD~1", "git:HEAD", today=TODAY)
    assert _kinds(review) == [(A, "committed-days-decreased")]
    assert (review.old_name, review.new_name) == ("git:HEAD~1:catalog", "git:HEAD:catalog")
    assert review.report.ok
    assert str(review.deadlines[A].deadline) == "2026-11-23"
    assert _state(repo) == before


def test_review_of_a_revision_against_the_work_tree(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.path)
    review = review_sources("git:HEAD~1:catalog", "catalog", today=TODAY)
    assert _kinds(review) == [(A, "committed-days-decreased")]
    assert review.new_name == "catalog"


def test_uncommitted_changes_are_seen_only_by_the_folder_side(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.path)
    _catalog(repo).edit(P, lambda data: data["conditions"].pop())
    before = _state(repo)
    assert before[2].strip() == f"M catalog/items/{P}.yaml"

    committed = review_sources("git:HEAD~1", "git:HEAD", today=TODAY)
    assert _kinds(committed) == [(A, "committed-days-decreased")]

    work_tree = review_sources("git:HEAD", "catalog", today=TODAY)
    assert _kinds(work_tree) == [(P, "condition-removed")]
    assert [f.rule for f in work_tree.report] == ["change-without-revision"]

    assert _state(repo) == before  # still modified, not stashed, not reset


def _diff(*arguments: str) -> Result:
    return CliRunner().invoke(main, ["diff", *arguments])


def test_cli_diff_of_two_revisions_leaves_the_repository_untouched(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.path)
    before = _state(repo)
    assert before[2] == ""
    result = _diff("git:HEAD~1", "git:HEAD", "--format", "json", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert [c["kind"] for c in payload["changes"]] == ["committed-days-decreased"]
    assert payload["old"] == "git:HEAD~1:catalog"
    assert payload["new"] == "git:HEAD:catalog"
    assert _state(repo) == before
    assert repo.status() == ""


def test_cli_diff_of_a_revision_against_the_folder(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.path)
    result = _diff("git:HEAD~1:catalog", "catalog", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert "承诺时限缩短（减时限）" in result.stdout
    both_revisions = _diff("git:HEAD~1", "git:HEAD", *TODAY_ARG)
    assert both_revisions.stdout.count("承诺时限缩短（减时限）") == 1

    assert repo.status() == ""


def _assert_unusable(result: Result, *fragments: str) -> str:
    assert result.exit_code == 3, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert message.startswith("servicecatalog: error: ")
    assert len(message.splitlines()) == 1
    for fragment in fragments:
        assert fragment in message
    return message


@pytest.mark.parametrize(
    ("old", "fragments"),
    [
        ("git:no-such-branch", ("git:no-such-branch", "unknown revision")),
        ("git:HEAD~7", ("unknown revision", "HEAD~7")),
        ("git:HEAD:not/there", ("not/there", "does not exist")),
        ("git:HEAD~1:README.md", ("README.md", "not a folder")),
    ],
)
def test_cli_unusable_git_sources(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch, old: str, fragments: tuple[str, ...]
) -> None:
    monkeypatch.chdir(repo.path)
    before = _state(repo)
    result = _diff(old, "catalog", *TODAY_ARG)
    _assert_unusable(result, *fragments)
    assert result.stdout == ""
    assert _state(repo) == before


@pytest.mark.parametrize(
    ("spec", "shown"),
    [
        ("git:HEAD:catalog/items", "git:HEAD:catalog/items"),
        ("git:HEAD~1:README.md", "git:HEAD~1:README.md"),
    ],
)
def test_cli_a_git_path_that_is_no_catalog_is_named_as_given(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch, spec: str, shown: str
) -> None:
    """The message names the source as the user wrote it, not the temporary export folder
    (which is gone by the time the message is read)."""
    monkeypatch.chdir(repo.path)
    message = _assert_unusable(_diff(spec, "catalog", *TODAY_ARG))
    assert shown in message
    assert "servicecatalog-git-" not in message


def test_cli_git_source_outside_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    build_catalog(plain / "catalog", [A])
    monkeypatch.chdir(plain)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    _assert_unusable(_diff("git:HEAD", "catalog", *TODAY_ARG), "not inside a git repository")


@pytest.mark.parametrize("which", ["old", "new"])
@pytest.mark.parametrize("problem", ["missing", "no-manifest", "a-file"])
def test_cli_folders_that_are_no_catalog(
    tmp_path: Path, catalog_copy: Callable[..., CatalogDir], which: str, problem: str
) -> None:
    good = catalog_copy("good", codes=[A])
    bad = tmp_path / "bad"
    if problem == "no-manifest":
        (bad / "items").mkdir(parents=True)
    elif problem == "a-file":
        bad.write_text("not a folder\n", encoding="utf-8")
    arguments = [str(good), str(bad)] if which == "new" else [str(bad), str(good)]
    _assert_unusable(_diff(*arguments, *TODAY_ARG), str(bad))


@pytest.mark.parametrize("fmt", ["json", "text", "markdown"])
def test_cli_json_is_parseable_even_when_unusable(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(repo.path)
    result = _diff("git:no-such-branch", "git:HEAD", "--format", fmt, *TODAY_ARG)
    _assert_unusable(result, "unknown revision")
    if fmt == "json":
        payload = json.loads(result.stdout)
        assert payload["ok"] is False
        assert "unknown revision" in payload["error"]
    else:
        assert result.stdout == ""


def test_cli_json_is_parseable_for_a_missing_folder(tmp_path: Path) -> None:
    result = _diff(str(tmp_path / "a"), str(tmp_path / "b"), "--format", "json", *TODAY_ARG)
    _assert_unusable(result)
    payload = json.loads(result.stdout)
    assert payload == {"ok": False, "error": payload["error"]}
    assert str(tmp_path / "a") in payload["error"]


def test_git_is_not_consulted_for_folders(
    catalog_copy: Callable[..., CatalogDir], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two folders compare without git, even where git is not installed."""
    old, new = catalog_copy("old"), catalog_copy("new")
    monkeypatch.setenv("PATH", os.devnull)
    review = review_sources(str(old.path), str(new.path), today=TODAY)
    assert list(review.changes) == []
