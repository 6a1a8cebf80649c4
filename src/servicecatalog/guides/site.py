"""The static site: the catalog's index, one guide page per item, and ``catalog.json``.

```
OUTDIR/
  index.html              the four lists, search and filters (assets/site.js)
  list-<id>.html          one list's items, for readers without JavaScript
  items/<code>.html       one guide per item, with schema.org JSON-LD
  items/<code>.<F>.html   each form blank (空白表格), ready to print; .sample.html: 示例样表
  items/<code>-handout.html  its handout for the hall: two A4 pages at most, with a QR code
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

import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .._folders import Legacy, Ownership, replace_folder
from .._json import dumps_indented
from .._workers import available_cpus, die_with
from ..catalog import Catalog
from ..errors import CatalogInvalidError, RenderError, WorkerError
from ..model import Item, Manifest
from ..snapshot import snapshot_data
from ._qr_codes import forget_unused as forget_unused_qr_codes
from .blocks import GuideView
from .environment import make_environment, render_template, static_source
from .form import form_view, render_form_html
from .handout import handout_url, render_handout
from .html import STYLESHEET, render_html
from .index import index_view
from .search_index import search_script
from .view import guide_view

__all__ = ["PARALLEL_THRESHOLD", "SITE_MARKER", "base_url", "build_site", "catalog_json"]

SITE_MARKER = ".servicecatalog-site"
"""The file that marks a folder as a site :func:`build_site` made (and may replace)."""

_LEGACY_MARKER_TEXT = (
    "This folder is a static site built by servicecatalog.\n"
    "`servicecatalog site` replaces it whole: do not keep other files here.\n"
)
_OWNERSHIP = Ownership(
    marker=SITE_MARKER,
    noun="site",
    command="servicecatalog site",
    note=(
        "This folder is a static site built by servicecatalog; `servicecatalog site` replaces it "
        "whole, and refuses to while it holds any file not listed here."
    ),
    # A site built by 0.1.0, whose marker listed no files: its layout is known exactly.
    legacy=Legacy(
        text=_LEGACY_MARKER_TEXT,
        files=re.compile(
            r"index\.html|catalog\.json|assets/site\.(css|js)|items/[0-9A-Za-z][0-9A-Za-z_-]*\.html|"
            + re.escape(SITE_MARKER)
        ),
        folders=frozenset({"assets", "items"}),
    ),
)
# Item codes name page files: nothing that could leave items/ or need quoting in a link.
_PAGE_NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]*")


def build_site(
    catalog: Catalog,
    outdir: str | Path,
    *,
    templates_dir: str | Path | None = None,
    allow_invalid: bool = False,
    jobs: int | None = None,
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
    static files by name. ``jobs`` is how many worker processes write the item pages (default:
    one per CPU this process may use, from :data:`PARALLEL_THRESHOLD` items on, in a program
    that runs no other thread; ``1``: none, all is written in this process, as it is where
    processes cannot be forked); the site is the same, byte for byte, whatever ``jobs`` is.
    Within :func:`~servicecatalog.parse_cache`, the handouts' QR codes are kept in the cache
    folder and drawn only once (see :mod:`._qr_codes`). Returns ``outdir``.
    """
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if not catalog.report.ok and not allow_invalid:
        raise CatalogInvalidError(catalog.report.counts["error"], len(catalog.invalid_files))
    target = Path(os.path.abspath(outdir))
    _check_catalog(catalog)
    environment = _building_environment(
        make_environment(Path(templates_dir) if templates_dir is not None else None)
    )
    replace_folder(
        target,
        lambda staging: _write_site(catalog, staging, environment, jobs),
        _OWNERSHIP,
        holding=catalog.path,
        holding_what="the catalog being built",
    )
    forget_unused_qr_codes()
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


def base_url(catalog: Catalog) -> str | None:
    """The address the site is published at (``site.base_url`` of ``catalog.yaml``), or None."""
    site = catalog.manifest.site if catalog.manifest else None
    return site.base_url if site else None


def _check_catalog(catalog: Catalog) -> Manifest:
    manifest = catalog.manifest
    if manifest is None:
        raise RenderError(f"{catalog.path}: catalog.yaml is invalid; the site needs its lists")
    for item in catalog.items():
        if not _PAGE_NAME.fullmatch(item.code):
            raise RenderError(f"item code {item.code!r} cannot name a page file")
    return manifest


# The templates a site renders, those pages extend and those they import.
_SITE_TEMPLATES = (
    "base.html",
    "_blocks.html",
    "index.html",
    "guide.html",
    "form.html",
    "handout.html",
)


def _building_environment(environment: jinja2.Environment) -> jinja2.Environment:
    """``environment`` for one build: its templates checked (and compiled) once, then not
    reloaded. Templates do not change while a site is built; checked for every page, each
    template a page extends or imports and each stylesheet it inlines is a ``stat`` a page."""
    for name in _SITE_TEMPLATES:
        try:
            environment.get_template(name)
        except jinja2.TemplateError:
            continue  # rendering it says what is wrong, as it always did
    return environment.overlay(auto_reload=False)


def _write_site(
    catalog: Catalog, root: Path, environment: jinja2.Environment, jobs: int | None
) -> list[str]:
    """Write every file of the site; return their names (the marker lists them).

    The item pages are written by worker processes when there are many, while this process
    writes the rest; the files and the list of their names are the same either way."""
    files = _Files(root)
    (root / "assets").mkdir()
    (root / "items").mkdir()
    address = base_url(catalog)
    pages = _ItemPages(catalog, root, environment, address)
    with _writing_items(pages, tuple(catalog.items()), jobs) as item_files:
        files.write("assets/site.css", static_source(environment, STYLESHEET))
        for name in ("site.js", "mode.js", "favicon.svg"):
            files.write(f"assets/{name}", static_source(environment, f"static/{name}"))
        files.write("assets/search-index.js", search_script(catalog))
        index = index_view(catalog)
        for current, name in [(None, "index.html"), *((g.id, g.page) for g in index.lists)]:
            page = render_template(
                environment,
                "index.html",
                index=index,
                stylesheet="assets/site.css",
                site=True,
                assets="assets",
                current=current,
                canonical=f"{address}{name}" if address else None,
            )
            files.write(name, page)
        data = dumps_indented(catalog_json(catalog))
        files.write("catalog.json", data + "\n")
        files.names[-1:-1] = item_files()  # the item pages are listed before catalog.json
    return files.names


@dataclass(frozen=True)
class _ItemPages:
    """What writing one item's pages needs: everything a worker inherits."""

    catalog: Catalog
    root: Path
    environment: jinja2.Environment
    address: str | None

    def write(self, item: Item) -> list[str]:
        """Write the item's page, its form pages and its handout; return their names."""
        files = _Files(self.root)
        view = guide_view(item, self.catalog, all_regions=True)
        page = render_html(
            view,
            self.environment,
            site=True,
            item=item,
            canonical=handout_url(self.address, item.code),
        )
        files.write(f"items/{item.code}.html", page)
        for sample, form_id, file_name in _form_pages(view):
            form_page = render_form_html(
                form_view(item, form_id, self.catalog, sample=sample), self.environment
            )
            files.write(f"items/{file_name}", form_page)
        handout = render_handout(view, self.environment, base_url=self.address, site=True)
        files.write(f"items/{item.code}-handout.html", handout)
        return files.names


class _Files:
    """Files written under ``root``, and their names in the order they were written."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.names: list[str] = []

    def write(self, relative: str, text: str) -> None:
        (self.root / relative).write_text(text, encoding="utf-8", newline="\n")
        self.names.append(relative)


PARALLEL_THRESHOLD = 50
"""From this many items on, a build given no ``jobs`` writes the item pages in worker processes
(below it, starting them costs more than it saves)."""
_CHUNK = 16
"""The most items a worker writes per task: enough to make a task's overhead small, few enough
that the workers finish together."""


@contextmanager
def _writing_items(
    pages: _ItemPages, items: Sequence[Item], jobs: int | None
) -> Iterator[Callable[[], list[str]]]:
    """Write the pages of ``items``: inside, a function that finishes writing them and returns
    their names in the order of ``items``.

    With workers, they start writing on entry, and the function waits for them; without, it
    writes every page itself. A worker's error is raised by the function as it would be raised
    writing that item here (the first item's in order, should several fail); whatever leaves the
    block stops the workers and waits for them, so no worker writes once the block is left.
    """
    workers = _worker_count(len(items), jobs)
    started = _pool(workers, pages, items) if workers > 1 else None
    if started is None:
        yield lambda: [name for item in items for name in pages.write(item)]
        return
    from concurrent.futures.process import BrokenProcessPool

    pool, stop = started
    try:
        tasks = [pool.submit(_write_items, chunk) for chunk in _chunks(len(items), workers)]
        yield lambda: [name for task in tasks for name in task.result()]
    except BrokenProcessPool:
        _stop(pool, stop)
        raise WorkerError(
            "a worker process writing the site's item pages ended unexpectedly (killed, or out "
            "of memory). Run again, or with --jobs 1 to write in one process"
        ) from None
    except BaseException:
        _stop(pool, stop)
        raise
    pool.shutdown()


def _pool(workers: int, pages: _ItemPages, items: Sequence[Item]) -> tuple[Any, Any] | None:
    """A pool of ``workers`` forked workers that write the pages of ``items``, and the event
    that stops them; None where the system has no process-shared semaphores to run one."""
    # The pool is loaded here, when a catalog is large enough to need it.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: the workers inherit the catalog and the compiled templates, nothing is pickled.
    context = multiprocessing.get_context("fork")
    try:
        stop = context.Event()
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(pages, items, stop, os.getpid()),
        )
    except (ImportError, NotImplementedError, OSError):  # no sem_open, or no /dev/shm
        return None
    return pool, stop


def _worker_count(items: int, jobs: int | None) -> int:
    """How many workers write ``items`` item pages: 1 means none, they are written here."""
    # Only forked workers inherit the catalog; elsewhere each would have to load it again.
    if not hasattr(os, "fork"):
        return 1
    if jobs is None:
        # A fork copies the locks other threads hold, never their releases: a program with
        # threads of its own is safe only without workers, unless it asks for them.
        if items < PARALLEL_THRESHOLD or threading.active_count() > 1:
            return 1
        jobs = available_cpus()
    return max(1, min(jobs, len(_chunks(items, jobs))))


def _chunks(items: int, workers: int) -> list[range]:
    """The tasks ``items`` items are written in: a few per worker, so that the workers finish
    together, each of :data:`_CHUNK` items at most."""
    size = max(1, min(_CHUNK, -(-items // (workers * 4))))
    return [range(start, min(start + size, items)) for start in range(0, items, size)]


def _stop(pool: Any, stop: Any) -> None:
    """Stop the workers after the item each is writing, and wait until they have."""
    stop.set()
    pool.shutdown(wait=True, cancel_futures=True)


_WORKER: dict[str, Any] = {}


def _start_worker(pages: _ItemPages, items: Sequence[Item], stop: Any, parent: int) -> None:
    die_with(parent)
    # Ctrl-C reaches the whole process group: the parent stops the workers in order.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Only the parent speaks to the user: a worker's output would interleave with its own.
    silent = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  # open for the worker's life
    sys.stdout = sys.stderr = silent
    _WORKER.update(pages=pages, items=items, stop=stop)


def _write_items(indexes: range) -> list[str]:
    """In a worker: write the pages of the items at ``indexes``; return their names."""
    pages, items, stop = _WORKER["pages"], _WORKER["items"], _WORKER["stop"]
    written: list[str] = []
    for index in indexes:
        if stop.is_set():
            break
        written.extend(pages.write(items[index]))
    return written


def _form_pages(view: GuideView) -> Iterator[tuple[bool, str, str]]:
    """(sample?, form id, file name) of every form page an item's page links."""
    for link in view.forms:
        yield False, link.form_id, link.blank
        if link.sample is not None:
            yield True, link.form_id, link.sample
