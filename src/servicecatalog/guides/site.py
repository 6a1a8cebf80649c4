"""The static site: the catalog's index, one guide page per item, and ``catalog.json``.

```
OUTDIR/
  index.html              the four lists, search and filters (assets/site.js)
  items/<code>.html       one guide per item, with schema.org JSON-LD
  items/<code>.<F>.html   each form blank (空白表格), ready to print; .sample.html: 示例样表
  assets/site.css         screen, phone, 长者模式, high contrast and print (A4) styles
  assets/site.js          search, filters, the region picker, the reading-mode switches
  assets/mode.js          sets the reading mode before the first paint
  assets/search-index.js  what the search looks through (names, materials, pinyin, synonyms)
  assets/favicon.svg
  catalog.json            {"manifest", "laws", "items"}, each valid against schemas/
  .servicecatalog-site    marks the folder as ours
```

Every link is relative, so the site works opened from disk (``file://``) as well as served.
:func:`build_site` writes into a fresh sibling folder and swaps it in by renaming, so a failure
leaves the previous site as it was; it refuses to replace a folder it did not build.
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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .._files import ReadProblem, display_path, read_regular
from ..catalog import Catalog
from ..errors import CatalogInvalidError, RenderError
from ..model import Manifest
from ..snapshot import snapshot_data
from .environment import make_environment, render_template, static_source
from .form import form_view, render_form_html
from .html import STYLESHEET, render_html
from .search import search_script
from .view import GuideView, guide_view, index_view

__all__ = ["SITE_MARKER", "build_site", "catalog_json"]

SITE_MARKER = ".servicecatalog-site"
"""The file that marks a folder as a site :func:`build_site` made (and may replace)."""

_LEGACY_MARKER_TEXT = (
    "This folder is a static site built by servicecatalog.\n"
    "`servicecatalog site` replaces it whole: do not keep other files here.\n"
)
# Item codes name page files: nothing that could leave items/ or need quoting in a link.
_PAGE_NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]*")


def build_site(
    catalog: Catalog,
    outdir: str | Path,
    *,
    templates_dir: str | Path | None = None,
    allow_invalid: bool = False,
) -> Path:
    """Build the static site of ``catalog`` into ``outdir``, replacing it atomically.

    A catalog with errors is refused (:class:`~servicecatalog.errors.CatalogInvalidError`) unless
    ``allow_invalid``: then the index and ``catalog.json`` say which items were left out and why.
    ``outdir`` may be missing, empty, or a site built before whose every entry this function
    wrote (the :data:`SITE_MARKER` file lists them); anything else — a ``.git`` folder, the
    catalog itself, a file the site did not write — is refused with
    :class:`~servicecatalog.errors.RenderError`, so no mistyped ``site`` can delete a repository.
    The site is written to a hidden sibling folder and exchanged with ``outdir`` in one atomic
    step; two builds of one ``outdir`` never run at once. ``templates_dir`` overrides templates and
    static files by name. Returns ``outdir``.
    """
    if not catalog.report.ok and not allow_invalid:
        raise CatalogInvalidError(catalog.report.counts["error"], len(catalog.invalid_files))
    target = Path(os.path.abspath(outdir))
    _check_catalog(catalog)
    environment = make_environment(Path(templates_dir) if templates_dir is not None else None)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive(target):
            _recover(target)
            _check_target(target, catalog)
            staging = _sibling(target, "building")
            staging.mkdir()
            try:
                _write_site(catalog, staging, environment)
                _swap_in(staging, target)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
    except OSError as error:
        raise RenderError(f"{target}: cannot build the site: {error}") from error
    return target


def catalog_json(catalog: Catalog) -> dict[str, Any]:
    """The machine-readable catalog for portal backends: the catalog's snapshot
    (:func:`servicecatalog.snapshot.snapshot_data`), which :func:`servicecatalog.load_snapshot`
    reads back.

    ``manifest``, ``laws`` and each of ``items`` validate against ``schemas/manifest.schema.json``,
    ``laws.schema.json`` and ``item.schema.json``; an item's list memberships are its ``lists``.
    Only the items that validated are included, ordered by code; when some item files did not,
    ``left_out`` lists them (``item``, ``file``, ``reason``). Then come ``regions``,
    ``implementations``, ``report``, ``calendar`` and ``servicecatalog`` (the tool's version).
    """
    _check_catalog(catalog)
    return snapshot_data(catalog)


def _check_target(target: Path, catalog: Catalog) -> None:
    """Refuse ``target`` unless replacing it loses nothing that ``build_site`` did not write."""
    if target.is_symlink():
        raise RenderError(f"{target}: is a symbolic link; give the folder it points to")
    if not target.name:
        raise RenderError(f"{target}: a site cannot replace the root folder")
    if catalog.path.is_dir() and _within(catalog.path.resolve(), target):
        raise RenderError(
            f"{target}: refusing to replace a folder that holds the catalog being built"
        )
    if not os.path.lexists(target):
        return
    if not target.is_dir():
        raise RenderError(f"{target}: exists and is not a folder")
    if not any(target.iterdir()):
        return
    if os.path.lexists(target / ".git"):
        raise RenderError(f"{target}: refusing to replace a folder that holds .git (a repository)")
    marker = target / SITE_MARKER
    if not os.path.lexists(marker):
        raise RenderError(
            f"{target}: refusing to replace a folder that is not empty and was not built by "
            f"servicecatalog (it has no {SITE_MARKER} file)"
        )
    layout = _written_files(marker)
    if layout is None:
        raise RenderError(
            f"{target}: refusing to replace a folder whose {SITE_MARKER} file was not written by "
            "servicecatalog (it does not list the files of a site)"
        )
    strays = list(itertools.islice(_strays(target, layout), _STRAYS_SHOWN + 1))
    if strays:
        shown = ", ".join(strays[:_STRAYS_SHOWN]) + (", …" if len(strays) > _STRAYS_SHOWN else "")
        raise RenderError(
            f"{target}: refusing to replace the site: it holds files servicecatalog did not "
            f"write ({shown}); move them away first"
        )


_STRAYS_SHOWN = 5


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@dataclass(frozen=True)
class _Layout:
    """What a site's marker says the site wrote: files, and the folders that hold them."""

    files: frozenset[str]
    folders: frozenset[str]

    @classmethod
    def of(cls, files: frozenset[str]) -> _Layout:
        parents = {
            "/".join(f.split("/")[:depth]) for f in files for depth in range(1, f.count("/") + 1)
        }
        return cls(files | {SITE_MARKER}, frozenset(parents))

    def has_file(self, name: str) -> bool:
        return name in self.files

    def has_folder(self, name: str) -> bool:
        return name in self.folders


class _LegacyLayout(_Layout):
    """A site built by 0.1.0, whose marker listed no files: its layout is known exactly."""

    def has_file(self, name: str) -> bool:
        return _LEGACY_FILE.fullmatch(name) is not None


_LEGACY = _LegacyLayout(frozenset(), frozenset({"assets", "items"}))
_LEGACY_FILE = re.compile(
    r"index\.html|catalog\.json|assets/site\.(css|js)|items/[0-9A-Za-z][0-9A-Za-z_-]*\.html|"
    + re.escape(SITE_MARKER)
)
_MARKER_LIMIT = 64 * 1024 * 1024


def _written_files(marker: Path) -> _Layout | None:
    """The layout a site's marker says the site wrote; None if it is no marker of ours."""
    content = read_regular(marker, _MARKER_LIMIT)
    if isinstance(content, ReadProblem):
        return None
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _LEGACY if content == _LEGACY_MARKER_TEXT.encode() else None
    if not isinstance(data, dict) or data.get("generator") != "servicecatalog":
        return None
    files = data.get("files")
    if not isinstance(files, list) or not all(isinstance(name, str) for name in files):
        return None
    return _Layout.of(frozenset(files))


def _strays(target: Path, layout: _Layout) -> Iterator[str]:
    """Entries of ``target`` (relative, never following links) that the site did not write."""
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


def _check_catalog(catalog: Catalog) -> Manifest:
    manifest = catalog.manifest
    if manifest is None:
        raise RenderError(f"{catalog.path}: catalog.yaml is invalid; the site needs its lists")
    for item in catalog.items():
        if not _PAGE_NAME.fullmatch(item.code):
            raise RenderError(f"item code {item.code!r} cannot name a page file")
    return manifest


def _write_site(catalog: Catalog, root: Path, environment: jinja2.Environment) -> None:
    """Write every file of the site, then the marker that lists them all."""
    written: list[str] = []

    def write(relative: str, text: str) -> None:
        (root / relative).write_text(text, encoding="utf-8", newline="\n")
        written.append(relative)

    (root / "assets").mkdir()
    (root / "items").mkdir()
    write("assets/site.css", static_source(environment, STYLESHEET))
    for name in ("site.js", "mode.js", "favicon.svg"):
        write(f"assets/{name}", static_source(environment, f"static/{name}"))
    write("assets/search-index.js", search_script(catalog))
    index = render_template(
        environment,
        "index.html",
        index=index_view(catalog),
        stylesheet="assets/site.css",
        site=True,
        assets="assets",
    )
    write("index.html", index)
    for item in catalog.items():
        view = guide_view(item, catalog, all_regions=True)
        page = render_html(view, environment, site=True, item=item)
        write(f"items/{item.code}.html", page)
        for sample, form_id, file_name in _form_pages(view):
            form_page = render_form_html(
                form_view(item, form_id, catalog, sample=sample), environment
            )
            write(f"items/{file_name}", form_page)
    data = json.dumps(catalog_json(catalog), ensure_ascii=False, indent=2)
    write("catalog.json", data + "\n")
    marker = {"generator": "servicecatalog", "note": _MARKER_NOTE, "files": sorted(written)}
    write(SITE_MARKER, json.dumps(marker, ensure_ascii=False, indent=1) + "\n")


def _form_pages(view: GuideView) -> Iterator[tuple[bool, str, str]]:
    """(sample?, form id, file name) of every form page an item's page links."""
    for link in view.forms:
        yield False, link.form_id, link.blank
        if link.sample is not None:
            yield True, link.form_id, link.sample


_MARKER_NOTE = (
    "This folder is a static site built by servicecatalog; `servicecatalog site` replaces it "
    "whole, and refuses to while it holds any file not listed here."
)


def _sibling(target: Path, purpose: str) -> Path:
    """A fresh hidden name next to ``target`` (same file system, so renames are atomic)."""
    return target.with_name(f".{target.name}.{purpose}-{secrets.token_hex(4)}")


@contextmanager
def _exclusive(target: Path) -> Iterator[None]:
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
                f"{target}: another `servicecatalog site` is building this folder right now "
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
    """Undo what a killed build left: restore a site renamed away by an interrupted swap, and
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
    """Put ``staging`` in the place of ``target`` atomically, then remove the old site.

    Where the system can exchange two names in one step (Linux ``renameat2`` with
    ``RENAME_EXCHANGE``) ``target`` is never missing, not even for an instant. Elsewhere it is
    renamed away and ``staging`` renamed in; a build killed between the two leaves the old site
    under a hidden name, which the next build restores (:func:`_recover`).
    """
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old site
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


def _exchange(first: Path, second: Path) -> bool:
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
