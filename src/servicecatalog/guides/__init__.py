"""Service guides (办事指南) rendered from the catalog: HTML, Markdown, DOCX and a static site.

Every format is drawn from one view of the item (:func:`guide_view`), so the portal and the hall
show the same facts from the same source (同源管理)::

    import servicecatalog as sc
    from servicecatalog.guides import build_site, render_guide

    catalog = sc.load_catalog("catalog")
    item = catalog.item("220114043000")
    html = render_guide(item, "html", catalog=catalog)   # str: a standalone HTML page
    text = render_guide(item, "md", catalog=catalog)     # str: GitHub Flavored Markdown
    word = render_guide(item, "docx", catalog=catalog)   # bytes: the content of a .docx file
    build_site(catalog, "site")                          # index, item pages, catalog.json

Catalog text is always escaped. Templates (Jinja2, in ``templates/``) can be overridden by name
from a ``templates_dir``. Errors are :class:`~servicecatalog.errors.RenderError`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, overload

from ..catalog import Catalog
from ..errors import RenderError
from ..model import Item
from .blocks import GuideView
from .environment import make_environment
from .form import form_view, render_form_html
from .handout import render_handout
from .html import render_html
from .index import index_view
from .markdown import escape_markdown, render_markdown
from .site import SITE_MARKER, base_url, build_site, catalog_json
from .view import guide_view

__all__ = [
    "FORMATS",
    "FORM_FORMATS",
    "SITE_MARKER",
    "GuideView",
    "build_site",
    "catalog_json",
    "guide_view",
    "index_view",
    "render_form",
    "render_guide",
]

FORMATS = ("html", "md", "docx", "handout")
"""The formats :func:`render_guide` knows: html, md and handout give ``str``, docx gives
``bytes``."""

FORM_FORMATS = ("html", "docx")
"""What :func:`render_form` writes: ``html`` gives ``str``, ``docx`` gives ``bytes``."""


@overload
def render_guide(
    item: Item,
    fmt: Literal["html", "md", "handout"],
    *,
    catalog: Catalog,
    templates_dir: str | Path | None = None,
    region: str | None = None,
) -> str: ...
@overload
def render_guide(
    item: Item,
    fmt: Literal["docx"],
    *,
    catalog: Catalog,
    templates_dir: str | Path | None = None,
    region: str | None = None,
) -> bytes: ...
@overload
def render_guide(
    item: Item,
    fmt: str,
    *,
    catalog: Catalog,
    templates_dir: str | Path | None = None,
    region: str | None = None,
) -> str | bytes: ...
def render_guide(
    item: Item,
    fmt: str,
    *,
    catalog: Catalog,
    templates_dir: str | Path | None = None,
    region: str | None = None,
) -> str | bytes:
    """The service guide of ``item`` in format ``fmt``: ``"html"``, ``"md"``, ``"docx"`` or
    ``"handout"``.

    Returns ``str`` for ``html`` (a complete page, stylesheet inlined, schema.org JSON-LD),
    ``md`` (GitHub Flavored Markdown) and ``handout`` (the citizen sections as an HTML page ready
    to print on at most two A4 pages, with a QR code of the item's page when ``catalog.yaml`` sets
    ``site.base_url``), and ``bytes`` for ``docx`` (write them to a ``.docx`` file).
    ``catalog`` resolves the item's law ids to full names and its list ids to titles.
    ``templates_dir`` is a folder whose files override the bundled templates of the same name
    (``guide.html``, ``guide.md``, ``static/site.css``); the DOCX is built in code and has none.
    ``region`` (a region code) makes the guide that region's: its agency, address, hours, phones
    and body of reconsideration; without it the province's implementation is used where the
    province implements the item, and otherwise the guide lists the regions that do.
    Raises :class:`~servicecatalog.errors.RenderError` for an unknown format or a broken template,
    :class:`~servicecatalog.errors.RegionError` for a region that does not implement the item.
    """
    if fmt not in FORMATS:
        raise RenderError(f"unknown guide format {fmt!r}: use one of {', '.join(FORMATS)}")
    view = guide_view(item, catalog, region)
    if fmt == "docx":
        from .word import render_docx  # python-docx and lxml: loaded only to write Word

        return render_docx(view)
    folder = Path(templates_dir) if templates_dir is not None else None
    if fmt == "md":
        return render_markdown(view, make_environment(folder, finalize=escape_markdown), item=item)
    if fmt == "handout":
        return render_handout(
            view, make_environment(folder), base_url=base_url(catalog), site=False
        )
    return render_html(view, make_environment(folder), site=False, item=item)


def render_form(
    item: Item,
    form_id: str,
    fmt: str,
    *,
    catalog: Catalog,
    sample: bool = False,
    templates_dir: str | Path | None = None,
) -> str | bytes:
    """The blank form ``form_id`` of ``item`` (or, with ``sample``, the 示例样表) as ``fmt``.

    ``html`` is a standalone page with its stylesheet inlined, laid out for A4; ``docx`` the
    bytes of a Word file. Raises :class:`~servicecatalog.errors.RenderError` for an unknown
    format or form (naming the item's forms).
    """
    if fmt not in FORM_FORMATS:
        raise RenderError(f"unknown form format {fmt!r}: use one of {', '.join(FORM_FORMATS)}")
    try:
        view = form_view(item, form_id, catalog, sample=sample)
    except KeyError:
        known = ", ".join(f"{f.id} ({f.name})" for f in item.forms) or "none"
        raise RenderError(f"item {item.code} has no form {form_id}; its forms: {known}") from None
    if fmt == "docx":
        from .word import render_form_docx  # python-docx and lxml: loaded only to write Word

        return render_form_docx(view)
    environment = make_environment(Path(templates_dir) if templates_dir is not None else None)
    return render_form_html(view, environment)
