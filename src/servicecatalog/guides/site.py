"""The static site: the catalog's index, one guide page per item, and ``catalog.json``.

```
OUTDIR/
  index.html              the four lists, search and filters (assets/site.js)
  items/<code>.html       one guide per item, with schema.org JSON-LD
  assets/site.css         screen and print (A4) styles
  assets/site.js          the client-side search; plain JavaScript, no network
  catalog.json            {"manifest", "laws", "items"}, each valid against schemas/
  .servicecatalog-site    marks the folder as ours
```

Every link is relative, so the site works opened from disk (``file://``) as well as served.
:func:`build_site` writes into a fresh sibling folder and swaps it in by renaming, so a failure
leaves the previous site as it was; it refuses to replace a folder it did not build.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import Any

import jinja2

from ..catalog import Catalog
from ..errors import RenderError
from ..model import Laws, Manifest
from .environment import make_environment, render_template, static_source
from .html import STYLESHEET, render_html
from .view import guide_view, index_view

__all__ = ["SITE_MARKER", "build_site", "catalog_json"]

SITE_MARKER = ".servicecatalog-site"
"""The file that marks a folder as a site :func:`build_site` made (and may replace)."""

SCRIPT = "static/site.js"
_MARKER_TEXT = (
    "This folder is a static site built by servicecatalog.\n"
    "`servicecatalog site` replaces it whole: do not keep other files here.\n"
)
# Item codes name page files: nothing that could leave items/ or need quoting in a link.
_PAGE_NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]*")


def build_site(
    catalog: Catalog, outdir: str | Path, *, templates_dir: str | Path | None = None
) -> Path:
    """Build the static site of ``catalog`` into ``outdir``, replacing it atomically.

    ``outdir`` may be missing, empty, or a site built before (it holds :data:`SITE_MARKER`);
    anything else is refused with :class:`~servicecatalog.errors.RenderError`, so a mistyped
    ``site ~`` cannot delete a home folder. The site is written to a hidden sibling folder and
    renamed into place; on any failure that folder is removed and ``outdir`` is untouched.
    ``templates_dir`` overrides templates and static files by name. Returns ``outdir``.
    """
    target = Path(os.path.abspath(outdir))
    _check_target(target)
    _check_catalog(catalog)
    environment = make_environment(Path(templates_dir) if templates_dir is not None else None)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = _sibling(target, "building")
        staging.mkdir()
        try:
            _write_site(catalog, staging, environment)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _swap_in(staging, target)
    except OSError as error:
        raise RenderError(f"{target}: cannot build the site: {error}") from error
    return target


def catalog_json(catalog: Catalog) -> dict[str, Any]:
    """The machine-readable catalog for portal backends that do not run Python.

    ``manifest``, ``laws`` and each of ``items`` validate against ``schemas/manifest.schema.json``,
    ``laws.schema.json`` and ``item.schema.json``; an item's list memberships are its ``lists``.
    Only the items that validated are included, ordered by code.
    """
    manifest = _check_catalog(catalog)
    return {
        "manifest": manifest.model_dump(mode="json"),
        "laws": Laws(laws=tuple(catalog.laws.values())).model_dump(mode="json"),
        "items": [item.model_dump(mode="json") for item in catalog.items()],
    }


def _check_target(target: Path) -> None:
    if target.is_symlink():
        raise RenderError(f"{target}: is a symbolic link; give the folder it points to")
    if not target.exists():
        return
    if not target.is_dir():
        raise RenderError(f"{target}: exists and is not a folder")
    if (target / SITE_MARKER).is_file() or not any(target.iterdir()):
        return
    raise RenderError(
        f"{target}: refusing to replace a folder that is not empty and was not built by "
        f"servicecatalog (it has no {SITE_MARKER} file)"
    )


def _check_catalog(catalog: Catalog) -> Manifest:
    manifest = catalog.manifest
    if manifest is None:
        raise RenderError(f"{catalog.path}: catalog.yaml is invalid; the site needs its lists")
    for item in catalog.items():
        if not _PAGE_NAME.fullmatch(item.code):
            raise RenderError(f"item code {item.code!r} cannot name a page file")
    return manifest


def _write_site(catalog: Catalog, root: Path, environment: jinja2.Environment) -> None:
    (root / "assets").mkdir()
    (root / "items").mkdir()
    _write(root / "assets" / "site.css", static_source(environment, STYLESHEET))
    _write(root / "assets" / "site.js", static_source(environment, SCRIPT))
    index = render_template(
        environment, "index.html", index=index_view(catalog), stylesheet="assets/site.css"
    )
    _write(root / "index.html", index)
    for item in catalog.items():
        page = render_html(guide_view(item, catalog), environment, site=True)
        _write(root / "items" / f"{item.code}.html", page)
    data = json.dumps(catalog_json(catalog), ensure_ascii=False, indent=2)
    _write(root / "catalog.json", data + "\n")
    _write(root / SITE_MARKER, _MARKER_TEXT)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def _sibling(target: Path, purpose: str) -> Path:
    """A fresh hidden name next to ``target`` (same file system, so renames are atomic)."""
    return target.with_name(f".{target.name}.{purpose}-{secrets.token_hex(4)}")


def _swap_in(staging: Path, target: Path) -> None:
    """Rename ``staging`` to ``target``; an existing ``target`` is renamed away, then removed."""
    if not target.exists():
        staging.rename(target)
        return
    old = _sibling(target, "old")
    target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        old.rename(target)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
