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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2

from .._folders import Legacy, Ownership, replace_folder
from .._json import dumps_indented
from ..catalog import Catalog
from ..errors import CatalogInvalidError, RenderError
from ..model import Manifest
from ..snapshot import snapshot_data
from .blocks import GuideView
from .environment import make_environment, render_template, static_source
from .form import form_view, render_form_html
from .handout import handout_url, render_handout
from .html import STYLESHEET, render_html
from .index import index_view
from .search_index import search_script
from .view import guide_view

__all__ = ["SITE_MARKER", "base_url", "build_site", "catalog_json"]

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
    environment = _building_environment(
        make_environment(Path(templates_dir) if templates_dir is not None else None)
    )
    replace_folder(
        target,
        lambda staging: _write_site(catalog, staging, environment),
        _OWNERSHIP,
        holding=catalog.path,
        holding_what="the catalog being built",
    )
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


def _write_site(catalog: Catalog, root: Path, environment: jinja2.Environment) -> list[str]:
    """Write every file of the site; return their names (the marker lists them)."""
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
    address = base_url(catalog)
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
        write(name, page)
    for item in catalog.items():
        view = guide_view(item, catalog, all_regions=True)
        page = render_html(
            view, environment, site=True, item=item, canonical=handout_url(address, item.code)
        )
        write(f"items/{item.code}.html", page)
        for sample, form_id, file_name in _form_pages(view):
            form_page = render_form_html(
                form_view(item, form_id, catalog, sample=sample), environment
            )
            write(f"items/{file_name}", form_page)
        handout = render_handout(view, environment, base_url=address, site=True)
        write(f"items/{item.code}-handout.html", handout)
    data = dumps_indented(catalog_json(catalog))
    write("catalog.json", data + "\n")
    return written


def _form_pages(view: GuideView) -> Iterator[tuple[bool, str, str]]:
    """(sample?, form id, file name) of every form page an item's page links."""
    for link in view.forms:
        yield False, link.form_id, link.blank
        if link.sample is not None:
            yield True, link.form_id, link.sample
