"""Where the files of a catalog are read from: a folder on disk, or a git revision.

The catalog loader asks a :class:`CatalogTree` for the names in a folder and for the bytes of a
file, by paths relative to the catalog's root, and never touches the file system itself. A
folder tree reads only regular files inside the catalog folder (see :mod:`._files`); a git tree
(:class:`~servicecatalog.sources.GitTree`) reads blobs from git's objects.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ._files import ReadProblem, display_path, outside, read_regular, within
from .config import CONFIG_FILE_NAME, find_config
from .errors import CatalogNotFoundError
from .loader import DEFAULT_MAX_BYTES

__all__ = ["CONFIG_FILE_NAME", "CatalogTree", "FolderTree", "FoundConfig"]

MANIFEST_FILE = "catalog.yaml"


@dataclass(frozen=True, slots=True)
class FoundConfig:
    """A ``.servicecatalog.yaml`` found for a catalog: its display name and its content."""

    name: str
    content: bytes | ReadProblem


class CatalogTree(ABC):
    """The files of one catalog, by paths relative to its root (``items/x.yaml``)."""

    def __init__(self, name: str) -> None:
        self.name = display_path(name)
        """How the catalog's root is shown in findings (``catalog``, ``git:HEAD~1:catalog``)."""

    def display(self, relative: str) -> str:
        """The name findings give the file ``relative``: ``items/x.yaml`` rather than
        ``./items/x.yaml`` for a catalog in the current folder, as editors and CI name files."""
        if self.name == ".":
            return display_path(relative)
        return f"{self.name.rstrip('/')}/{display_path(relative)}"

    @property
    def folder(self) -> Path | None:
        """The folder on disk, for a folder tree; None for a tree read from git."""
        return None

    @property
    def identity(self) -> str | None:
        """What names this catalog across loads, whatever the content: its parses are kept
        under it (see :mod:`._parse_cache`). None: none are kept."""
        return None

    @abstractmethod
    def check(self) -> None:
        """Raise :class:`CatalogNotFoundError` unless this is a catalog (has ``catalog.yaml``)."""

    @abstractmethod
    def names(self, folder: str) -> list[str] | None:
        """The sorted names in ``folder`` (``""`` for the root), or None if it is no folder."""

    @abstractmethod
    def exists(self, relative: str) -> bool:
        """True when something (a file, a link, anything but a folder) is at ``relative``."""

    def submodule(self, relative: str) -> bool:
        """True when ``relative`` is a git submodule (of which a revision holds only a commit)."""
        return False

    def link(self, relative: str) -> bool:
        """True when ``relative`` is a symbolic link."""
        return False

    @abstractmethod
    def read(self, relative: str, limit: int) -> bytes | ReadProblem:
        """The bytes of the file at ``relative``, or why they cannot be read."""

    @abstractmethod
    def find_config(self) -> FoundConfig | None:
        """The nearest ``.servicecatalog.yaml`` in the catalog folder or a folder above it."""

    @abstractmethod
    def source(self, relative: str) -> Path | bytes | ReadProblem:
        """What a worker process needs to read ``relative``: a checked path, or the bytes."""


class FolderTree(CatalogTree):
    """A catalog folder on disk. Files reached through links that leave it are not read."""

    def __init__(self, root: Path, display: str | None = None) -> None:
        super().__init__(display if display is not None else str(root))
        self.root = root
        self._shown_root = Path(display) if display is not None else root

    @property
    def folder(self) -> Path:
        return self.root

    @property
    def identity(self) -> str:
        return f"folder:{self._real_root}"

    def check(self) -> None:
        root = self.root
        if not root.exists():
            raise CatalogNotFoundError(self._shown_root, "no such folder")
        if not root.is_dir():
            raise CatalogNotFoundError(self._shown_root, "not a folder")
        if not self.exists(MANIFEST_FILE):
            raise CatalogNotFoundError(
                self._shown_root, f"not a catalog: {MANIFEST_FILE} is missing"
            )

    def names(self, folder: str) -> list[str] | None:
        path = self.root / folder
        if not path.is_dir():
            return None
        try:
            return sorted(os.listdir(path))
        except OSError:
            return None

    def exists(self, relative: str) -> bool:
        path = self.root / relative
        return os.path.lexists(path) and not path.is_dir()

    def link(self, relative: str) -> bool:
        return os.path.islink(self.root / relative)

    def read(self, relative: str, limit: int) -> bytes | ReadProblem:
        checked = self.source(relative)
        if isinstance(checked, Path):
            return read_regular(checked, limit)
        return checked

    def source(self, relative: str) -> Path | ReadProblem:
        path = self.root / relative
        if not self._within(path, relative):
            return outside(display_path(os.path.realpath(path)))
        return path

    def _within(self, path: Path, relative: str) -> bool:
        """Whether ``path`` lies inside the catalog, links followed. A file that is no link lies
        where its folder does, and a catalog's files share a few folders: each folder is
        resolved once, not each of its thousands of files."""
        folder, _, name = relative.rpartition("/")
        if name in ("", ".", "..") or os.path.islink(path):
            return within(path, self._real_root)
        inside = self._folders_within.get(folder)
        if inside is None:
            inside = self._folders_within[folder] = within(self.root / folder, self._real_root)
        return inside

    @cached_property
    def _folders_within(self) -> dict[str, bool]:
        return {}

    @cached_property
    def _real_root(self) -> Path:
        # Resolved once per tree (a tree serves one load), not once per file read.
        return self.root.resolve()

    def find_config(self) -> FoundConfig | None:
        found = find_config(self.root.resolve())
        if found is None:
            return None
        return FoundConfig(self._config_name(found), read_regular(found, DEFAULT_MAX_BYTES))

    def _config_name(self, found: Path) -> str:
        """``found`` named as the catalog's files are: relative when the catalog was given so."""
        if self._shown_root.is_absolute():
            return display_path(str(found))
        return display_path(os.path.relpath(found))
