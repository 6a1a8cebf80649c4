"""Where a catalog version comes from: a folder, or ``git:REV[:PATH]`` read from git objects.

A git source is read from the object database: ``git ls-tree`` lists the revision's files and
``git cat-file --batch`` hands over their bytes. Nothing is checked out or extracted, so the work
tree, the index and HEAD are never touched, ``export-ignore`` attributes change nothing, and a
committed symbolic link is followed only to a file of the same catalog. ``PATH`` defaults to
the catalog a command given none works on (:func:`find_catalog`): the current folder's place in
the repository when the revision has ``catalog.yaml`` there, else its ``catalog`` folder. A
``PATH`` is relative to the current folder, as in ``git show REV:./PATH``.
"""

from __future__ import annotations

import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ._files import ReadProblem, Unread, display_path, outside, too_large
from ._layout import find_catalog
from ._tree import CONFIG_FILE_NAME, MANIFEST_FILE, CatalogTree, FolderTree, FoundConfig
from .errors import CatalogNotFoundError, GitSourceError
from .loader import DEFAULT_MAX_BYTES

__all__ = [
    "GIT_PREFIX",
    "CatalogSource",
    "GitTree",
    "SourceCommit",
    "find_catalog",
    "open_source",
    "parse_source",
    "source_commit",
]

GIT_PREFIX = "git:"
DEFAULT_GIT_PATH = "catalog"
_TIMEOUT = 120
_MAX_LINKS = 8
"""Links followed in a row before a committed symbolic link is taken for a loop."""
_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class CatalogSource:
    """A parsed source: a folder, or a git revision and the catalog's path in it."""

    spec: str
    folder: Path | None = None
    revision: str | None = None
    path: str | None = None
    """The catalog's folder in the revision; None: found as :func:`find_catalog` finds it."""


def parse_source(spec: str) -> CatalogSource:
    """Parse a source given on the command line."""
    if not spec.startswith(GIT_PREFIX):
        return CatalogSource(spec, folder=Path(spec))
    revision, _, path = spec[len(GIT_PREFIX) :].partition(":")
    if not revision:
        raise GitSourceError(spec, "no revision: write git:REV or git:REV:PATH")
    return CatalogSource(spec, revision=revision, path=path.strip("/") or None)


def open_source(spec: str, cwd: Path | None = None) -> CatalogTree:
    """The catalog tree ``spec`` names: a folder, or a git revision's catalog (read at once)."""
    source = parse_source(spec)
    if source.folder is not None:
        return FolderTree(source.folder)
    return GitTree.from_revision(source, (cwd or Path.cwd()).resolve())


@dataclass(frozen=True, slots=True)
class _Entry:
    mode: str
    kind: str
    oid: str
    size: int | None


class GitTree(CatalogTree):
    """The catalog of one git revision, read from the object database."""

    def __init__(
        self,
        name: str,
        files: dict[str, _Entry],
        contents: dict[str, bytes],
        config: FoundConfig | None,
        commit: str | None = None,
        place: str | None = None,
    ) -> None:
        super().__init__(name)
        self.commit = commit
        """The commit the revision named, as git resolved it."""
        self._place = place
        self._files = files
        self._contents = contents
        self._config = config
        folders: dict[str, set[str]] = {}
        for relative in files:
            parts = relative.split("/")
            for depth in range(len(parts)):
                folders.setdefault("/".join(parts[:depth]), set()).add(parts[depth])
        self._folders = {folder: sorted(names) for folder, names in folders.items()}

    @classmethod
    def from_revision(cls, source: CatalogSource, here: Path) -> GitTree:
        """List and read the catalog at ``source.path`` of ``source.revision``."""
        assert source.revision is not None  # a git source
        spec = source.spec
        top = Path(_git(spec, here, "rev-parse", "--show-toplevel").decode().strip())
        commit = (
            _git(
                spec,
                here,
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                f"{source.revision}^{{commit}}",
            )
            .decode()
            .strip()
        )
        relative = (
            _relative_path(spec, here, top, source.path)
            if source.path is not None
            else _found_in_revision(spec, here, top, commit)
        )
        prefix = "" if relative == "." else relative + "/"
        listed = _ls_tree(spec, top, commit, [relative] if prefix else [])
        files = {
            path[len(prefix) :]: entry for path, entry in listed.items() if path.startswith(prefix)
        }
        if not files:
            if relative in listed:
                raise GitSourceError(spec, f"{relative} is not a folder in that revision")
            raise GitSourceError(spec, f"{relative} does not exist in that revision")
        config = _config_entry(spec, top, commit, relative)
        wanted = {
            entry.oid
            for path, entry in files.items()
            if path.endswith(_SUFFIXES) and _readable(entry)
        }
        if config is not None and _readable(config[1]):
            wanted.add(config[1].oid)
        blobs = _cat_file(spec, top, sorted(wanted))
        contents = {path: blobs[entry.oid] for path, entry in files.items() if entry.oid in blobs}
        found = None
        if config is not None:
            path, entry = config
            content = blobs.get(entry.oid)
            found = FoundConfig(
                f"{GIT_PREFIX}{source.revision}:{path}",
                content if content is not None else _problem(entry),
            )
        name = f"{GIT_PREFIX}{source.revision}:{relative}"
        return cls(name, files, contents, found, commit, f"{top}:{relative}")

    @property
    def identity(self) -> str | None:
        """The repository and the catalog's path in it: every revision's files share one pack,
        as most of them are the same from one revision to the next."""
        return None if self._place is None else f"git:{self._place}"

    def check(self) -> None:
        if not self.exists(MANIFEST_FILE):
            raise CatalogNotFoundError(
                Path(self.name), f"not a catalog: {MANIFEST_FILE} is missing"
            )

    def names(self, folder: str) -> list[str] | None:
        return self._folders.get(folder.strip("/"))

    def exists(self, relative: str) -> bool:
        return relative in self._files

    def submodule(self, relative: str) -> bool:
        entry = self._files.get(relative)
        return entry is not None and entry.kind == "commit"

    def link(self, relative: str) -> bool:
        entry = self._files.get(relative)
        return entry is not None and entry.mode == _LINK_MODE

    def read(self, relative: str, limit: int) -> bytes | ReadProblem:
        target = self._resolve(relative)
        if isinstance(target, ReadProblem):
            return target
        content = self._contents.get(target)
        if content is None:
            return _problem(self._files[target])
        return content if len(content) <= limit else too_large(limit, len(content))

    def source(self, relative: str) -> bytes | ReadProblem:
        return self.read(relative, DEFAULT_MAX_BYTES)

    def find_config(self) -> FoundConfig | None:
        return self._config

    def _resolve(self, relative: str) -> str | ReadProblem:
        """The file ``relative`` leads to, following committed links within the catalog."""
        path = relative
        for _ in range(_MAX_LINKS):
            entry = self._files.get(path)
            if entry is None:
                return outside(display_path(path))
            if entry.mode != _LINK_MODE:
                return path
            target = self._contents.get(path)
            if target is None:
                return outside(display_path(path))
            written = target.decode("utf-8", "replace")
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(path), written))
            if joined == ".." or joined.startswith("../") or posixpath.isabs(written):
                return outside(written[:200])
            path = joined
        return outside(display_path(relative) + " (a loop of links)")


@dataclass(frozen=True, slots=True)
class SourceCommit:
    """The commit a catalog was read from, and whether its files differed from it."""

    commit: str
    modified: bool
    """True when the catalog folder had changes not committed (a work tree read as it was)."""


def source_commit(tree: CatalogTree) -> SourceCommit | None:
    """The commit ``tree`` comes from: a git revision's, or the HEAD of the repository holding a
    catalog folder; None for a folder outside any repository (or without git)."""
    if isinstance(tree, GitTree):
        return None if tree.commit is None else SourceCommit(tree.commit, modified=False)
    folder = tree.folder
    if folder is None or not folder.is_dir():
        return None
    try:
        head = _git(tree.name, folder, "rev-parse", "--verify", "--quiet", "HEAD")
        changes = _git(
            tree.name, folder, "status", "--porcelain", "--untracked-files=all", "--", "."
        )
    except GitSourceError:
        return None
    return SourceCommit(head.decode().strip(), modified=bool(changes.strip()))


_LINK_MODE = "120000"
_REGULAR_MODES = ("100644", "100755")


def _readable(entry: _Entry) -> bool:
    """Regular files within the size limit, and links (their target is their content)."""
    if entry.mode == _LINK_MODE:
        return True
    return entry.mode in _REGULAR_MODES and (entry.size or 0) <= DEFAULT_MAX_BYTES


def _problem(entry: _Entry) -> ReadProblem:
    if entry.mode in _REGULAR_MODES:
        return too_large(DEFAULT_MAX_BYTES, entry.size or DEFAULT_MAX_BYTES + 1)
    what = "a submodule" if entry.kind == "commit" else f"a git object of mode {entry.mode}"
    return ReadProblem(
        Unread.NOT_REGULAR,
        f"不是普通文件，而是{'子模块' if entry.kind == 'commit' else 'git 特殊对象'}；只读取普通文件",
        f"not a regular file but {what}; only regular files are read",
    )


def _ls_tree(spec: str, top: Path, commit: str, paths: list[str]) -> dict[str, _Entry]:
    """Every file at or below ``paths`` (all files when empty), by its path from the top."""
    output = _git(spec, top, "ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", *paths)
    return _entries(output)


def _entries(output: bytes) -> dict[str, _Entry]:
    """``git ls-tree -z -l`` output: ``mode kind oid size<TAB>path`` records, by path."""
    entries: dict[str, _Entry] = {}
    for record in output.split(b"\0"):
        header, _, raw_path = record.partition(b"\t")
        if not header:
            continue
        mode, kind, oid, size = header.decode("ascii").split()
        path = raw_path.decode("utf-8", "surrogateescape")
        entries[path] = _Entry(mode, kind, oid, int(size) if size.isdigit() else None)
    return entries


def _config_entry(spec: str, top: Path, commit: str, relative: str) -> tuple[str, _Entry] | None:
    """The nearest committed ``.servicecatalog.yaml`` at or above the catalog's folder."""
    folders: list[str] = []
    folder = "" if relative == "." else relative
    while True:
        folders.append(folder)
        if not folder:
            break
        folder = posixpath.dirname(folder)
    candidates = [posixpath.join(folder, CONFIG_FILE_NAME) for folder in folders]
    found = _entries(
        _git(spec, top, "ls-tree", "-z", "-l", "--full-tree", commit, "--", *candidates)
    )
    for candidate in candidates:
        if candidate in found and found[candidate].kind == "blob":
            return candidate, found[candidate]
    return None


def _cat_file(spec: str, top: Path, oids: list[str]) -> dict[str, bytes]:
    """The contents of the blobs ``oids``, read in one ``git cat-file --batch``."""
    if not oids:
        return {}
    output = _git(spec, top, "cat-file", "--batch", stdin=("\n".join(oids) + "\n").encode())
    blobs: dict[str, bytes] = {}
    offset = 0
    for oid in oids:
        end = output.index(b"\n", offset)
        header = output[offset:end].decode("ascii").split()
        if len(header) != 3:
            raise GitSourceError(spec, f"git cat-file could not read object {oid}")
        size = int(header[2])
        blobs[oid] = output[end + 1 : end + 1 + size]
        offset = end + 1 + size + 1
    return blobs


def _found_in_revision(spec: str, here: Path, top: Path, commit: str) -> str:
    """The catalog folder of a revision named without a path: the current folder's place in
    the repository when the revision has ``catalog.yaml`` there, else its ``catalog`` folder."""
    current = _relative_path(spec, here, top, ".")
    candidates = [current, DEFAULT_GIT_PATH if current == "." else f"{current}/{DEFAULT_GIT_PATH}"]
    manifests = [f"{c}/{MANIFEST_FILE}" if c != "." else MANIFEST_FILE for c in candidates]
    listed = _ls_tree(spec, top, commit, manifests)
    for candidate, manifest in zip(candidates, manifests, strict=True):
        if manifest in listed:
            return candidate
    shown = " nor ".join(f"{m}" for m in manifests)
    raise GitSourceError(
        spec,
        f"no catalog in that revision: neither {shown} exists; name the folder, e.g. "
        f"{spec.rstrip(':')}:. for a catalog at the repository's root",
    )


def _relative_path(spec: str, here: Path, top: Path, path: str) -> str:
    target = (here / path).resolve()
    try:
        return target.relative_to(top).as_posix() or "."
    except ValueError:
        raise GitSourceError(spec, f"{path} is outside the repository at {top}") from None


def _git(spec: str, cwd: Path, *arguments: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(
            ["git", *arguments],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
            timeout=_TIMEOUT,
        )
    except FileNotFoundError:
        raise GitSourceError(spec, "git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitSourceError(spec, f"git {arguments[0]} did not answer in {_TIMEOUT} s") from None
    except OSError as error:
        raise GitSourceError(spec, f"cannot run git: {error.strerror or error}") from None
    if result.returncode != 0:
        raise GitSourceError(spec, _explain(arguments, result.stderr.decode(errors="replace")))
    return result.stdout


def _explain(arguments: tuple[str, ...], stderr: str) -> str:
    if "not a git repository" in stderr:
        return "not inside a git repository"
    if arguments[:2] == ("rev-parse", "--verify"):
        return f"unknown revision {arguments[-1].removesuffix('^{commit}')!r}"
    return stderr.strip().splitlines()[-1] if stderr.strip() else f"git {arguments[0]} failed"
