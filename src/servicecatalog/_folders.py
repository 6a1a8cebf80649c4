"""Replacing a folder we own, atomically: never a folder we did not write, never half of one.

An output folder that a command rebuilds whole (the static site) is written to a fresh hidden
sibling and exchanged with the old one in one step, so a failure leaves the old folder as it was.
A marker file in the folder lists every file the command wrote; a folder is replaced only when it
is missing, empty, or holds nothing but what its marker lists — so a mistyped output path can
never delete a repository or someone's notes. A ``flock`` on a sibling ``.NAME.lock`` keeps two
builds of one folder from running at once, and each build first undoes what a killed one left.

Refusals are :class:`~servicecatalog.errors.RenderError`, the error of writing rendered output.
"""

from __future__ import annotations

import errno
import glob
import itertools
import json
import os
import re
import secrets
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ._files import ReadProblem, display_path, read_regular
from .errors import RenderError

__all__ = ["Legacy", "Ownership", "exchange", "exclusive", "replace_folder"]

_GENERATOR = "servicecatalog"


@dataclass(frozen=True)
class Legacy:
    """A marker an older release wrote without listing files, and the layout it stands for."""

    text: str
    files: re.Pattern[str]
    folders: frozenset[str]


@dataclass(frozen=True)
class Ownership:
    """How a kind of output folder is marked as ours and spoken of in messages."""

    marker: str
    """The marker file's name (``.servicecatalog-site``)."""
    noun: str
    """What the folder is, in messages (``site``)."""
    command: str
    """The command that builds it, in messages (``servicecatalog site``)."""
    note: str
    """The marker's note to a person who opens it."""
    legacy: Legacy | None = None
    """The marker of an older release, which is replaced too."""


def replace_folder(
    target: Path,
    fill: Callable[[Path], Iterable[str]],
    owner: Ownership,
    *,
    holding: Path | None = None,
    holding_what: str = "",
) -> None:
    """Replace the folder ``target`` (an absolute path) by what ``fill`` writes, atomically.

    ``fill`` writes into an empty staging folder and returns the relative names of the files it
    wrote, which the marker then lists. ``target`` may be missing, empty, or a folder whose every
    entry its marker lists; anything else, and any folder that contains ``holding`` (described
    as ``holding_what``), is refused with :class:`~servicecatalog.errors.RenderError`, as is a
    second build of ``target`` while one runs. An ``OSError`` becomes a ``RenderError`` too.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with exclusive(target, owner):
            _recover(target)
            _check_target(target, owner, holding, holding_what)
            staging = _sibling(target, "building")
            staging.mkdir()
            try:
                written = sorted(fill(staging))
                marker = {"generator": _GENERATOR, "note": owner.note, "files": written}
                (staging / owner.marker).write_text(
                    json.dumps(marker, ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8",
                    newline="\n",
                )
                _swap_in(staging, target)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
    except OSError as error:
        raise RenderError(f"{target}: cannot build the {owner.noun}: {error}") from error


def _check_target(target: Path, owner: Ownership, holding: Path | None, holding_what: str) -> None:
    """Refuse ``target`` unless replacing it loses nothing that ``owner`` did not write."""
    if target.is_symlink():
        raise RenderError(f"{target}: is a symbolic link; give the folder it points to")
    if not target.name:
        raise RenderError(f"{target}: a {owner.noun} cannot replace the root folder")
    if holding is not None and holding.is_dir() and _within(holding.resolve(), target):
        raise RenderError(f"{target}: refusing to replace a folder that holds {holding_what}")
    if not os.path.lexists(target):
        return
    if not target.is_dir():
        raise RenderError(f"{target}: exists and is not a folder")
    if not any(target.iterdir()):
        return
    if os.path.lexists(target / ".git"):
        raise RenderError(f"{target}: refusing to replace a folder that holds .git (a repository)")
    _check_marked(target, owner)


def _check_marked(target: Path, owner: Ownership) -> None:
    marker = target / owner.marker
    if not os.path.lexists(marker):
        raise RenderError(
            f"{target}: refusing to replace a folder that is not empty and was not built by "
            f"{_GENERATOR} (it has no {owner.marker} file)"
        )
    layout = _written_files(marker, owner)
    if layout is None:
        raise RenderError(
            f"{target}: refusing to replace a folder whose {owner.marker} file was not written by "
            f"{_GENERATOR} (it does not list the files of a {owner.noun})"
        )
    strays = list(itertools.islice(_strays(target, layout), _STRAYS_SHOWN + 1))
    if strays:
        shown = ", ".join(strays[:_STRAYS_SHOWN]) + (", …" if len(strays) > _STRAYS_SHOWN else "")
        raise RenderError(
            f"{target}: refusing to replace the {owner.noun}: it holds files {_GENERATOR} did "
            f"not write ({shown}); move them away first"
        )


_STRAYS_SHOWN = 5


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@dataclass(frozen=True)
class _Layout:
    """What a marker says the build wrote: files, and the folders that hold them."""

    files: frozenset[str]
    folders: frozenset[str]
    legacy_files: re.Pattern[str] | None = None

    @classmethod
    def of(cls, files: frozenset[str], marker: str) -> _Layout:
        parents = {
            "/".join(f.split("/")[:depth]) for f in files for depth in range(1, f.count("/") + 1)
        }
        return cls(files | {marker}, frozenset(parents))

    def has_file(self, name: str) -> bool:
        if self.legacy_files is not None:
            return self.legacy_files.fullmatch(name) is not None
        return name in self.files

    def has_folder(self, name: str) -> bool:
        return name in self.folders


_MARKER_LIMIT = 64 * 1024 * 1024


def _written_files(marker: Path, owner: Ownership) -> _Layout | None:
    """The layout a marker says the build wrote; None if it is no marker of ours."""
    content = read_regular(marker, _MARKER_LIMIT)
    if isinstance(content, ReadProblem):
        return None
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        legacy = owner.legacy
        if legacy is not None and content == legacy.text.encode():
            return _Layout(frozenset(), legacy.folders, legacy.files)
        return None
    if not isinstance(data, dict) or data.get("generator") != _GENERATOR:
        return None
    files = data.get("files")
    if not isinstance(files, list) or not all(isinstance(name, str) for name in files):
        return None
    return _Layout.of(frozenset(files), owner.marker)


def _strays(target: Path, layout: _Layout) -> Iterator[str]:
    """Entries of ``target`` (relative, never following links) that the build did not write."""
    for root, dirnames, filenames in os.walk(target):
        relative = Path(root).relative_to(target).as_posix()
        prefix = "" if relative == "." else relative + "/"
        for name in sorted(dirnames):
            if not layout.has_folder(prefix + name):
                dirnames.remove(name)
                yield display_path(prefix + name + "/")
        for name in sorted(filenames):
            if not layout.has_file(prefix + name):
                yield display_path(prefix + name)


def _sibling(target: Path, purpose: str) -> Path:
    """A fresh hidden name next to ``target`` (same file system, so renames are atomic)."""
    return target.with_name(f".{target.name}.{purpose}-{secrets.token_hex(4)}")


@contextmanager
def exclusive(target: Path, owner: Ownership) -> Iterator[None]:
    """Hold the lock of ``target`` for one build: a sibling ``.NAME.lock`` file, locked with
    ``flock`` and removed when the build ends."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: builds are not serialized
        yield
        return
    lock = target.with_name(f".{target.name}.lock")
    while True:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            raise RenderError(
                f"{target}: another `{owner.command}` is building this folder right now "
                f"(it holds {lock}); run again when it has finished"
            ) from None
        # The build that held the lock before may have removed the file between our open and
        # our lock: then the lock is on a file nobody else can see, and must be taken again.
        if _same_file(descriptor, lock):
            break
        os.close(descriptor)
    try:
        yield
    finally:
        os.unlink(lock)
        os.close(descriptor)


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def _recover(target: Path) -> None:
    """Undo what a killed build left: restore a folder renamed away by an interrupted swap, and
    remove half-written build folders. Only called with the lock held, so nothing else is
    writing them."""
    prefix = f".{target.name}."
    leftovers = {
        path: path.name[len(prefix) :].split("-")[0]
        for path in target.parent.glob(f"{glob.escape(prefix)}*-????????")
        if path.is_dir() and not path.is_symlink()
    }
    old = [path for path, purpose in leftovers.items() if purpose == "old"]
    if old and not os.path.lexists(target):
        os.rename(max(old, key=lambda path: path.stat().st_mtime), target)
    for path, purpose in leftovers.items():
        if purpose in ("old", "building") and os.path.lexists(path):
            shutil.rmtree(path, ignore_errors=True)


def _swap_in(staging: Path, target: Path) -> None:
    """Put ``staging`` in the place of ``target`` atomically, then remove the old folder.

    Where the system can exchange two names in one step (Linux ``renameat2`` with
    ``RENAME_EXCHANGE``) ``target`` is never missing, not even for an instant. Elsewhere it is
    renamed away and ``staging`` renamed in; a build killed between the two leaves the old folder
    under a hidden name, which the next build restores (:func:`_recover`).
    """
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    if exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old folder
        return
    old = _sibling(target, "old")
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Exchange two names atomically; False where the system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(second))
