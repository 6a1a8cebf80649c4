"""Reading catalog files so that no file can hang, exhaust memory or leak what is outside.

Only regular files are read: a FIFO would block the reader forever, and ``/dev/zero`` reports a
size of 0 and never ends. The file is opened without blocking, checked on the open descriptor
(not by a ``stat`` of the name, which a symlink can make lie), and read to at most ``limit + 1``
bytes, so a file that grows or lies about its size is still bounded.

What cannot be read is a :class:`ReadProblem`, a value the loader turns into a finding of the
rule its kind breaks (``rules.yaml_safety.UNREAD_RULES``).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum, auto
from pathlib import Path

from ._text import display_path

__all__ = [
    "ReadProblem",
    "Unread",
    "display_path",
    "files_digest",
    "read_regular",
    "replace_file",
    "within",
    "write_atomically",
]

_CHUNK = 1 << 16
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class Unread(Enum):
    """Why a file was not read. Each reason is a rule of the ``yaml_safety`` family; this module,
    which ``import servicecatalog`` loads, names the reason and leaves the rules unloaded."""

    NOT_REGULAR = auto()
    """A folder, FIFO, device, socket or submodule rather than a file."""
    TOO_LARGE = auto()
    OUTSIDE = auto()
    """A symbolic link that leads out of the catalog folder."""
    UNREADABLE = auto()


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """Why a file was not read: the reason and the message in Chinese and English."""

    kind: Unread
    message: str
    message_en: str


def read_regular(path: Path, limit: int) -> bytes | ReadProblem:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        return _unreadable(error)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return not_regular(status.st_mode)
        chunks: list[bytes] = []
        size = 0
        # The size the file reports, read in one go (a snapshot is megabytes: chunks of it
        # would be joined, copied once more); a file that lies about it is read on in chunks.
        wanted = max(status.st_size + 1, _CHUNK)
        while size <= limit:
            chunk = os.read(descriptor, min(wanted, limit + 1 - size))
            wanted = _CHUNK
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        return _unreadable(error)
    finally:
        os.close(descriptor)
    if size > limit:
        return too_large(limit, max(size, status.st_size))
    return b"".join(chunks)


def not_regular(mode: int) -> ReadProblem:
    """The problem of a name that is a folder, FIFO, device or socket rather than a file."""
    zh, en = _KINDS.get(stat.S_IFMT(mode), ("特殊文件", "a special file"))
    return ReadProblem(
        Unread.NOT_REGULAR,
        f"不是普通文件，而是{zh}；只读取普通文件",
        f"not a regular file but {en}; only regular files are read",
    )


def too_large(limit: int, size: int) -> ReadProblem:
    """The problem of a file of ``size`` bytes, larger than ``limit`` (``size`` may be a lower
    bound: the file is not read past the limit)."""
    return ReadProblem(
        Unread.TOO_LARGE,
        f"文件大小 {size} 字节，超过上限 {limit} 字节",
        f"the file has {size} bytes, more than the limit of {limit}",
    )


def outside(target: str) -> ReadProblem:
    """The problem of a symbolic link that leads out of the catalog folder."""
    return ReadProblem(
        Unread.OUTSIDE,
        f"符号链接指向目录之外（{target}），未读取",
        f"a symbolic link to a file outside the catalog ({target}); it was not read",
    )


_KINDS = {
    stat.S_IFDIR: ("文件夹", "a folder"),
    stat.S_IFIFO: ("命名管道（FIFO）", "a named pipe (FIFO)"),
    stat.S_IFCHR: ("字符设备", "a character device"),
    stat.S_IFBLK: ("块设备", "a block device"),
    stat.S_IFSOCK: ("套接字", "a socket"),
}


def _unreadable(error: OSError) -> ReadProblem:
    reason = error.strerror or str(error)
    return ReadProblem(
        Unread.UNREADABLE, f"无法读取文件：{reason}", f"cannot read the file: {reason}"
    )


def within(path: Path, root: Path) -> bool:
    """True when ``path`` (resolved, symbolic links followed) lies inside ``root`` (resolved)."""
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def write_atomically(target: Path, data: bytes | str) -> None:
    """Write ``target`` whole or not at all: a temporary file beside it, renamed into place.

    The file gets the mode a plain ``open`` would give it (0644 under the usual umask), or keeps
    the mode of the file it replaces. Through a symbolic link the file it leads to is replaced;
    a device or a pipe (``/dev/stdout``, ``/dev/null``) is written into, never replaced.
    """
    content = data.encode("utf-8") if isinstance(data, str) else data
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_into(target, content, status.st_mode)
        return
    if os.path.islink(target):
        # The link stays; the file it leads to is replaced (a rename would put a regular file
        # in the link's place, and /dev/stdout is such a link).
        target = Path(os.path.realpath(target))
    mode = 0o666 & ~_umask() if status is None else stat.S_IMODE(status.st_mode)
    replace_file(target, content, mode)


def replace_file(target: Path, content: bytes, mode: int | None = None) -> None:
    """Put a regular file of ``content`` (of ``mode``, if given) at ``target``, whole or not at
    all, in place of whatever is there (a file, a link, a pipe): a temporary file beside it,
    renamed into place. As it is, for the files of a cache folder, which no one reads through a
    device, and which a pipe left there must not make a run wait for a reader."""
    import tempfile  # here: it brings shutil, random and the compressors, for writes alone

    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def files_digest(files: Iterable[Path], digest_size: int = 16) -> bytes | None:
    """The BLAKE2b digest of the names and contents of ``files``, in order; None when one cannot
    be read. What a kept result was made with (the source of the code that made it): a cache
    salted with it is not used once that code changes."""
    import hashlib  # here: only a cache needs it, and ``import servicecatalog`` loads this module

    digest = hashlib.blake2b(digest_size=digest_size)
    try:
        for file in files:
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
    except OSError:
        return None
    return digest.digest()


def _write_into(target: Path, content: bytes, mode: int) -> None:
    """Write into a device or a pipe as it is (``-o /dev/stdout``): never replace it by a file,
    which would take the device away from everyone (a temporary file renamed over /dev/full)."""
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    with open(target, "wb") as stream:  # a device, opened as it is
        stream.write(content)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
