"""The project's names (servicecatalog._project) agree with pyproject.toml, the changelog and the
licence, so a release changes them in one place and every recipe prints the same."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import servicecatalog
from servicecatalog import _project

ROOT = Path(__file__).resolve().parents[1]


def _pyproject() -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["project"]


def test_distribution_name_and_version_are_those_of_pyproject() -> None:
    project = _pyproject()
    assert project["name"] == _project.DISTRIBUTION
    assert project["version"] == _project.VERSION == servicecatalog.__version__
    assert f"v{project['version']}" == _project.TAG


def test_the_distribution_is_not_the_unrelated_servicecatalog() -> None:
    # `servicecatalog` on PyPI is a Consul client; the command and the import keep that name.
    project = _pyproject()
    assert project["name"] != "servicecatalog"
    assert project["scripts"] == {"servicecatalog": "servicecatalog.cli:main"}


def test_urls_are_those_of_pyproject() -> None:
    urls = _pyproject()["urls"]
    assert urls["Homepage"] == _project.HOMEPAGE
    assert urls["Repository"] == _project.REPOSITORY
    for name in ("Documentation", "Changelog", "Issues"):
        assert urls[name].startswith(_project.REPOSITORY + "/"), name
    assert _project.SCHEMA_BASE.endswith(f"/{_project.TAG}/schemas/")


def test_the_changelog_begins_with_this_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\S+)", text, flags=re.M)
    assert headings, "CHANGELOG.md has no entry"
    assert headings[0] == _project.VERSION
    assert f"rev: {_project.TAG}" in text
    assert f"pip install {_project.DISTRIBUTION}=={_project.VERSION}" in text


def test_the_licence_is_the_one_pyproject_declares() -> None:
    project = _pyproject()
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
