"""The HTML guide: a page per item, with schema.org ``GovernmentService`` JSON-LD.

One template, ``guide.html``, serves two uses: a standalone page (:func:`render_html` with
``site=False``: the stylesheet inlined, no navigation) and a page of the static site
(``site=True``: the site's stylesheet linked relatively and a way back to the index).
Templates are autoescaped; the JSON-LD is serialized by :func:`script_json`, which makes sure
no catalog text can close the ``<script>`` element it sits in.
"""

from __future__ import annotations

import json
from typing import Any

import jinja2
from markupsafe import Markup

from ..model import Item
from .environment import render_template, static_source
from .view import GuideView

__all__ = ["STYLESHEET", "json_ld", "render_html", "script_json"]

STYLESHEET = "static/site.css"
"""The stylesheet of every page (screen and print), a static file of the templates folder."""


def render_html(view: GuideView, environment: jinja2.Environment, *, site: bool, item: Item) -> str:
    """The guide of ``view`` (drawn from ``item``) as an HTML document; ``site`` chooses a page of
    the static site. The template sees ``item`` too, for a field the view does not show."""
    return render_template(
        environment,
        "guide.html",
        view=view,
        item=item,
        site=site,
        stylesheet="../assets/site.css" if site else None,
        inline_css=None if site else Markup(static_source(environment, STYLESHEET)),
        json_ld=script_json(json_ld(view)),
    )


def json_ld(view: GuideView) -> dict[str, Any]:
    """schema.org ``GovernmentService`` data of the guide: name, code, type, provider, area."""
    department: dict[str, Any] = {"@type": "GovernmentOrganization", "name": view.department}
    provider = department
    if view.authority is not None:
        provider = {
            "@type": "GovernmentOrganization",
            "name": view.authority,
            "department": department,
        }
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": view.name,
        "identifier": view.code,
        "serviceType": view.item_type,
        "category": [entry.title for entry in view.lists],
        "provider": provider,
    }
    if view.area is not None:
        data["areaServed"] = {"@type": "AdministrativeArea", "name": view.area}
    return data


def script_json(data: Any) -> Markup:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as JSON ``\\u`` escapes, so neither ``</script>`` nor
    ``<!--`` in catalog text can end or confuse the element; the JSON value is unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    for character in "<>&":
        text = text.replace(character, f"\\u{ord(character):04x}")
    return Markup(text)
