"""The pre-commit hook, run as a catalog repository runs it: the .pre-commit-config.yaml that
``servicecatalog init`` writes and README prints (a local hook, the installed servicecatalog),
and the alternative once a release is tagged, the hook of .pre-commit-hooks.yaml from the
repository at its tag.

For the latter, a temporary git repository holds this project as it is now, tagged as README
tells the department to tag a release; a sample catalog repository made by ``servicecatalog
init`` uses it. pre-commit builds the hook's environment from that repository with pip, offline: pip gets
wheels of the dependencies made from this test environment (tests/_wheelhouse.py) and no index.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from _wheelhouse import wheelhouse
from conftest import REPO_ROOT, GitRepo, git_env
from servicecatalog import _project
from servicecatalog.scaffold import init_catalog, pre_commit_config

pytestmark = pytest.mark.precommit

HOOK = "servicecatalog-validate"
BUILD_BACKEND = "hatchling"


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """pre-commit's environment: its own cache, git without the user's configuration, and pip
    with no index and no configuration file, only the wheels of what this environment has."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("precommit")
    wheels = wheelhouse(root / "wheels", [BUILD_BACKEND, *_runtime_requirements()])
    return {
        **git_env(),
        "PRE_COMMIT_HOME": str(root / "cache"),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheels),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "VIRTUALENV_OVERRIDE_APP_DATA": str(root / "virtualenv"),
        "TZ": "UTC",
    }


def _runtime_requirements() -> list[str]:
    """The names of what the distribution requires to run (not its extras)."""
    requirements = [
        Requirement(text)
        for text in importlib.metadata.distribution(_project.DISTRIBUTION).requires or ()
    ]
    return [r.name for r in requirements if r.marker is None or r.marker.evaluate({"extra": ""})]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, environment: dict[str, str]) -> Path:
    """This project as it is in the work tree, committed and tagged as a release is."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=False,
        env=environment,
    )
    if listed.returncode != 0:
        pytest.skip(f"{REPO_ROOT} is not a git checkout: {listed.stderr.decode().strip()}")
    folder = tmp_path_factory.mktemp("project") / "servicecatalog"
    for name in listed.stdout.decode().split("\0"):
        source = REPO_ROOT / name
        if name and source.is_file():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    repo = GitRepo(folder)
    repo.git("init", "-q", "-b", "main")
    repo.commit_all("the project")
    repo.git("tag", _project.TAG)
    return folder


def _pre_commit(
    environment: dict[str, str], cwd: Path, *arguments: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def _catalog_repository(folder: Path) -> GitRepo:
    init_catalog(folder, name="测试单位政务服务事项目录")
    repo = GitRepo(folder)
    repo.git("init", "-q", "-b", "main")
    repo.commit_all("a catalog of one's own")
    return repo


def _example(folder: Path) -> Path:
    [item] = sorted((folder / "items").glob("*.yaml"))
    return item


def _break(item: Path) -> None:
    """One error: a visit without an on-site step (visits-mismatch-on-site)."""
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("\nvisits: 0\n", "\nvisits: 1\n"), encoding="utf-8")


def test_try_repo_passes_a_clean_catalog_and_fails_one_with_an_error(
    project: Path, environment: dict[str, str], tmp_path: Path
) -> None:
    repo = _catalog_repository(tmp_path / "catalog")
    arguments = ["try-repo", str(project), HOOK, "--ref", _project.TAG]
    clean = _pre_commit(environment, repo.path, *arguments, "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "servicecatalog validate" in clean.stdout
    assert "Passed" in clean.stdout

    item = _example(repo.path)
    _break(item)
    repo.git("add", "-A")
    broken = _pre_commit(environment, repo.path, *arguments, "--files", f"items/{item.name}")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Failed" in broken.stdout
    assert f"items/{item.name}:" in broken.stdout
    assert "error [visits-mismatch-on-site]" in broken.stdout


def test_the_recipe_as_printed_runs_on_the_files_of_a_commit(
    environment: dict[str, str], tmp_path: Path
) -> None:
    """README's .pre-commit-config.yaml, which init writes, as it is: the local hook runs the
    servicecatalog installed where pre-commit runs (here, this environment's)."""
    repo = _catalog_repository(tmp_path / "catalog")
    config = (repo.path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert config == pre_commit_config()
    assert yaml.safe_load(config)["repos"][0]["repo"] == "local"
    installed = {
        **environment,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}",
    }

    item = _example(repo.path)
    _break(item)
    # Only the files staged for the commit are checked: the broken item is not staged yet.
    (repo.path / "laws.yaml").write_text(
        (repo.path / "laws.yaml").read_text(encoding="utf-8") + "# 注释\n", encoding="utf-8"
    )
    repo.git("add", "laws.yaml")
    staged = _pre_commit(installed, repo.path, "run")
    assert staged.returncode == 0, staged.stdout + staged.stderr
    repo.git("add", "-A")
    committed = _pre_commit(installed, repo.path, "run")
    assert committed.returncode == 1, committed.stdout + committed.stderr
    assert "error [visits-mismatch-on-site]" in committed.stdout


# ---- the install README gives and the workflow init writes, offline --------------------------


def test_the_workflow_install_line_works_offline_from_a_built_wheel(
    project: Path, environment: dict[str, str], tmp_path: Path
) -> None:
    """README's second way, as a catalog repository's CI runs it: the wheel built from the
    project (``pip wheel``), the dependencies' wheels beside it, a fresh virtual environment
    with no clone on its path, and the install line of the workflow ``init`` wrote."""
    repo = _catalog_repository(tmp_path / "catalog")
    wheels = repo.path / _project.WHEELHOUSE
    shutil.copytree(environment["PIP_FIND_LINKS"], wheels)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(project), "--no-deps", "-w", str(wheels)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(fresh)], check=True, timeout=300)
    workflow = (repo.path / ".github" / "workflows" / "catalog.yml").read_text(encoding="utf-8")
    (install,) = [
        step["run"]
        for step in yaml.safe_load(workflow)["jobs"]["check"]["steps"]
        if "pip install" in step.get("run", "")
    ]
    assert install == _project.INSTALL_COMMAND
    offline = {key: value for key, value in environment.items() if key != "PIP_FIND_LINKS"}
    offline["PATH"] = f"{fresh / 'bin'}{os.pathsep}{os.environ['PATH']}"
    offline.pop("PYTHONPATH", None)
    installed = subprocess.run(
        ["bash", "-c", install],
        cwd=repo.path,
        env=offline,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    validated = subprocess.run(
        [str(fresh / "bin" / "servicecatalog"), "validate", ".", "--quiet"],
        cwd=repo.path,
        env=offline,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    where = subprocess.run(
        [
            str(fresh / "bin" / "python"),
            "-c",
            "import servicecatalog; print(servicecatalog.__file__)",
        ],
        cwd=tmp_path,
        env=offline,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(fresh) in where.stdout  # the installed copy, not the clone
