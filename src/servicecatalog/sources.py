"""Where a catalog version comes from: a folder, or ``git:REV[:PATH]`` read from git objects.

A git source is exported with ``git archive`` into a temporary folder that is removed afterwards;
the work tree, the index and HEAD are never touched. ``PATH`` defaults to ``catalog`` and is
relative to the current folder, as in ``git show REV:./PATH``.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import GitSourceError

__all__ = ["GIT_PREFIX", "CatalogSource", "open_source", "parse_source"]

GIT_PREFIX = "git:"
DEFAULT_GIT_PATH = "catalog"


@dataclass(frozen=True, slots=True)
class CatalogSource:
    """A parsed source: a folder, or a git revision and the catalog's path in it."""

    spec: str
    folder: Path | None = None
    revision: str | None = None
    path: str = DEFAULT_GIT_PATH


def parse_source(spec: str) -> CatalogSource:
    """Parse a source given on the command line."""
    if not spec.startswith(GIT_PREFIX):
        return CatalogSource(spec, folder=Path(spec))
    revision, _, path = spec[len(GIT_PREFIX) :].partition(":")
    if not revision:
        raise GitSourceError(spec, "no revision: write git:REV or git:REV:PATH")
    return CatalogSource(spec, revision=revision, path=path.strip("/") or DEFAULT_GIT_PATH)


@contextmanager
def open_source(spec: str, cwd: Path | None = None) -> Iterator[tuple[Path, str]]:
    """Yield (folder holding the catalog, the name to show for it) for ``spec``."""
    source = parse_source(spec)
    if source.folder is not None:
        yield source.folder, str(source.folder)
        return
    assert source.revision is not None  # parse_source sets one of folder and revision
    here = (cwd or Path.cwd()).resolve()
    top = Path(_git(spec, here, "rev-parse", "--show-toplevel").decode().strip())
    commit = _git(spec, here, "rev-parse", "--verify", "--quiet", f"{source.revision}^{{commit}}")
    relative = _relative_path(spec, here, top, source.path)
    archive = _git(spec, top, "archive", "--format=tar", commit.decode().strip(), "--", relative)
    with tempfile.TemporaryDirectory(prefix="servicecatalog-git-") as temporary:
        _extract(archive, Path(temporary))
        yield Path(temporary) / relative, f"{GIT_PREFIX}{source.revision}:{relative}"


def _relative_path(spec: str, here: Path, top: Path, path: str) -> str:
    target = (here / path).resolve()
    try:
        return target.relative_to(top).as_posix() or "."
    except ValueError:
        raise GitSourceError(spec, f"{path} is outside the repository at {top}") from None


def _git(spec: str, cwd: Path, *arguments: str) -> bytes:
    try:
        result = subprocess.run(
            ["git", *arguments], cwd=cwd, capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise GitSourceError(spec, "git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitSourceError(spec, f"git {arguments[0]} did not answer in 120 s") from None
    if result.returncode != 0:
        raise GitSourceError(spec, _explain(arguments, result.stderr.decode(errors="replace")))
    return result.stdout


def _explain(arguments: tuple[str, ...], stderr: str) -> str:
    if "not a git repository" in stderr:
        return "not inside a git repository"
    if arguments[:2] == ("rev-parse", "--verify"):
        return f"unknown revision {arguments[-1].removesuffix('^{commit}')!r}"
    if arguments[0] == "archive" and "did not match" in stderr:
        return f"{arguments[-1]} does not exist in that revision"
    return stderr.strip().splitlines()[-1] if stderr.strip() else f"git {arguments[0]} failed"


def _extract(archive: bytes, folder: Path) -> None:
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
