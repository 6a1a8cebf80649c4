"""Shared fixtures: temporary catalogs built from the bundled one, and throwaway git repositories.

``catalog_copy`` copies ``catalog/`` (or some of its items) into a temporary folder and returns a
:class:`CatalogDir`, which edits item files as data (``yaml.safe_load`` → change → dump) and
writes them back in a form the strict loader accepts (codes stay quoted strings, no aliases).
``scratch_repo`` makes an empty repository under ``tmp_path`` with a fixed identity and no global
configuration, so commits work the same on every machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_CATALOG = REPO_ROOT / "catalog"


@pytest.fixture(autouse=True, scope="session")
def _parse_cache_in_a_temporary_folder(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """The command line keeps parses in a cache folder (by default under the home folder);
    tests read and write nothing outside the repository and their temporary folders."""
    folder = tmp_path_factory.mktemp("parse-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SERVICECATALOG_CACHE_DIR", str(folder))
        patch.delenv("SERVICECATALOG_NO_CACHE", raising=False)
        yield


# The catalog.yaml of the small test catalogs: the bundled manifest without the list sizes, so a
# catalog of two or three items has no list-size findings (as tests/cases/_base/catalog.yaml).
SMALL_MANIFEST = """\
# Test fixture: the bundled manifest without expected list sizes.
name: 吉林省人力资源和社会保障厅政务服务事项目录
province: "22"
department: "0114"
lists:
  service:    {title: 群众和企业到政府办事事项清单}
  power:      {title: 权力事项清单}
  delegation: {title: 向国家级开发区放权清单, subset_of: power}
  talent:     {title: 人才权力清单, subset_of: power}
publication: {working_days: 1}
"""

# A plausible 2027 schedule, for tests only: the State Council's notice for 2027 is not part of
# this repository, so these dates are NOT official. 2027-01-01 is a Friday.
CALENDAR_2027_FIXTURE = """\
# TEST FIXTURE, not an official schedule: a plausible 2027 calendar for tests of overrides.
year: 2027
rest_days:
  - {name: 元旦,   from: 2027-01-01, to: 2027-01-03}
  - {name: 春节,   from: 2027-02-06, to: 2027-02-14}
  - {name: 清明节, from: 2027-04-03, to: 2027-04-05}
  - {name: 劳动节, from: 2027-05-01, to: 2027-05-05}
  - {name: 端午节, from: 2027-06-09, to: 2027-06-11}
  - {name: 中秋节, from: 2027-09-15, to: 2027-09-17}
  - {name: 国庆节, from: 2027-10-01, to: 2027-10-07}
work_days:
  - 2027-02-20
  - 2027-04-25
  - 2027-09-26
  - 2027-10-09
"""

BUNDLED_TODAY = date(2026, 12, 6)
"""A day on or after every revision date of the bundled catalog: load it whole on this day."""

SERVICE_ITEM = "220114043000"  # 失业保险金申领: four materials, a form, three service steps
PENALTY_ITEM = "220114200000"  # 对用人单位使用童工的行政处罚: no materials, a penalty


class _PlainDumper(yaml.SafeDumper):
    """Never writes anchors or aliases (the catalog loader refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    """YAML the catalog loader accepts: block style, Chinese kept, no aliases.

    A string that looks like a number (an item code) is quoted by SafeDumper, so it stays a
    string; the caller's tests check that for codes.
    """
    return yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)


class CatalogDir:
    """A catalog folder under test: read and rewrite its files as data."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)

    def __str__(self) -> str:
        return str(self.path)

    def item_file(self, code: str) -> Path:
        return self.path / "items" / f"{code}.yaml"

    def item(self, code: str) -> dict[str, Any]:
        data: dict[str, Any] = yaml.safe_load(self.item_file(code).read_text(encoding="utf-8"))
        return data

    def write_item(self, data: dict[str, Any]) -> None:
        text = dump_yaml(data)
        code = str(data["code"])
        assert f"code: '{code}'" in text or f'code: "{code}"' in text, "code must stay quoted"
        self.item_file(code).write_text(text, encoding="utf-8")

    def edit(self, code: str, change: Callable[[dict[str, Any]], None]) -> None:
        data = self.item(code)
        change(data)
        self.write_item(data)

    def remove(self, code: str) -> None:
        self.item_file(code).unlink()

    def add_from_bundle(self, code: str) -> None:
        shutil.copyfile(BUNDLED_CATALOG / "items" / f"{code}.yaml", self.item_file(code))

    def laws(self) -> dict[str, Any]:
        data: dict[str, Any] = yaml.safe_load((self.path / "laws.yaml").read_text("utf-8"))
        return data

    def edit_laws(self, change: Callable[[dict[str, Any]], None]) -> None:
        data = self.laws()
        change(data)
        (self.path / "laws.yaml").write_text(dump_yaml(data), encoding="utf-8")

    def write_regions(self, data: dict[str, Any]) -> None:
        (self.path / "regions.yaml").write_text(dump_yaml(data), encoding="utf-8")

    def list_file(self, region: str) -> Path:
        return self.path / "implementations" / f"{region}.yaml"

    def write_list(self, data: dict[str, Any]) -> None:
        file = self.list_file(str(data["region"]))
        file.parent.mkdir(exist_ok=True)
        file.write_text(dump_yaml(data), encoding="utf-8")

    def edit_list(self, region: str, change: Callable[[dict[str, Any]], None]) -> None:
        data: dict[str, Any] = yaml.safe_load(self.list_file(region).read_text(encoding="utf-8"))
        change(data)
        self.write_list(data)

    def add_calendar(self, year: int, text: str) -> Path:
        folder = self.path / "calendar"
        folder.mkdir(exist_ok=True)
        path = folder / f"{year}.yaml"
        path.write_text(text, encoding="utf-8")
        return path


def build_catalog(
    path: Path, codes: Iterable[str] | None = None, small: bool = True, pin: bool = True
) -> CatalogDir:
    """A copy of the bundled catalog at ``path``: every item (``codes`` None) or only ``codes``.

    A full copy holds the manifest, laws, calendar and items, not the implementation lists.

    ``small`` writes :data:`SMALL_MANIFEST` (no list sizes) instead of the bundled catalog.yaml;
    ``pin`` gives the two items the tests vary their :data:`FIXTURE_REVISION`.
    """
    if codes is None:
        # The implementation lists (DESIGN §12) do not bear on items, diffs or deadlines and take
        # most of the loading time, so they are left out.
        shutil.copytree(
            BUNDLED_CATALOG, path, ignore=shutil.ignore_patterns("implementations", "regions.yaml")
        )
    else:
        (path / "items").mkdir(parents=True)
        shutil.copyfile(BUNDLED_CATALOG / "laws.yaml", path / "laws.yaml")
        shutil.copyfile(BUNDLED_CATALOG / "catalog.yaml", path / "catalog.yaml")
        for code in codes:
            shutil.copyfile(
                BUNDLED_CATALOG / "items" / f"{code}.yaml", path / "items" / f"{code}.yaml"
            )
    if small:
        (path / "catalog.yaml").write_text(SMALL_MANIFEST, encoding="utf-8")
    if pin:
        for code in (SERVICE_ITEM, PENALTY_ITEM):
            _pin_revision(path / "items" / f"{code}.yaml")
    return CatalogDir(path)


FIXTURE_REVISION = ("3", "2026-03-10", "2026-03-11")
"""The revision the tests' two varied items start from (version, changed_on, published_on).

The scenarios revise these items around 2026-11-27 and count on an earlier, published change;
pinning it here lets the bundled catalog's own revisions move on with its maintenance."""


def _pin_revision(file: Path) -> None:
    if not file.exists():
        return
    version, changed_on, published_on = FIXTURE_REVISION
    text = file.read_text(encoding="utf-8")
    text = re.sub(r"^  version: .*$", f"  version: {version}", text, count=1, flags=re.M)
    text = re.sub(r"^  changed_on: .*$", f'  changed_on: "{changed_on}"', text, count=1, flags=re.M)
    text = re.sub(
        r"^  published_on: .*$", f'  published_on: "{published_on}"', text, count=1, flags=re.M
    )
    file.write_text(text, encoding="utf-8")


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Callable[..., CatalogDir]:
    """``catalog_copy(name, codes=None, small=...)``: a catalog copy under ``tmp_path/name``.

    By default a small catalog of the service and the penalty item; ``codes=None`` with
    ``small=False`` is a full copy of the bundled catalog, manifest included.
    """

    def make(
        name: str,
        codes: Iterable[str] | None = (SERVICE_ITEM, PENALTY_ITEM),
        small: bool | None = None,
    ) -> CatalogDir:
        return build_catalog(
            tmp_path / name, codes, small=codes is not None if small is None else small
        )

    return make


@pytest.fixture(scope="session")
def bundled_copy(tmp_path_factory: pytest.TempPathFactory) -> CatalogDir:
    """A read-only full copy of the bundled catalog (manifest included), shared by a session."""
    return build_catalog(
        tmp_path_factory.mktemp("bundled") / "catalog", None, small=False, pin=False
    )


# ---- git ---------------------------------------------------------------------------------------


def git_env() -> dict[str, str]:
    """An environment in which git ignores the user's and the system's configuration."""
    env = dict(os.environ)
    env.update(
        {
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.invalid",
        }
    )
    return env


class GitRepo:
    """A throwaway repository under tmp_path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *arguments: str) -> str:
        result = subprocess.run(
            ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *arguments],
            cwd=self.path,
            env=git_env(),
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def commit_all(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--no-gpg-sign", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def status(self) -> str:
        return self.git("status", "--porcelain", "--untracked-files=all")


@pytest.fixture
def scratch_repo(tmp_path: Path) -> GitRepo:
    """An empty git repository at ``tmp_path/repo``."""
    path = tmp_path / "repo"
    path.mkdir()
    repo = GitRepo(path)
    repo.git("init", "-q", "-b", "main")
    return repo


# ---- golden files ------------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files under tests/golden/ from the current output.",
    )
    parser.addoption(
        "--update-screenshots",
        action="store_true",
        default=False,
        help="Take the README's screenshots (docs/screenshots/) in the browser tests.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files (``pytest --update-golden``)."""
    return bool(request.config.getoption("--update-golden"))


# ---- screenshots of failed browser tests ---------------------------------------------------------

BROWSER_SCREENSHOTS = Path(__file__).parent / "browser" / "screenshots"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """When a test that drives the browser fails, save the page at desktop and phone width."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    driver = getattr(item, "funcargs", {}).get("browser")
    if report.when == "call" and report.failed and driver is not None:
        BROWSER_SCREENSHOTS.mkdir(exist_ok=True)
        name = item.name.replace("/", "_").replace("[", "-").replace("]", "")
        for width in (1366, 390):
            driver.set_window_size(width, 1400)
            driver.save_screenshot(str(BROWSER_SCREENSHOTS / f"{name}-{width}.png"))
