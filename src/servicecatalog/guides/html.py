"""The HTML guide: a page per item, with schema.org ``GovernmentService`` JSON-LD.

One template, ``guide.html``, serves two uses: a standalone page (:func:`render_html` with
``site=False``: the stylesheet inlined, no navigation) and a page of the static site
(``site=True``: the site's stylesheet linked relatively and a way back to the index).
Templates are autoescaped; the JSON-LD is serialized by :func:`script_json`, which makes sure
no catalog text can close the ``<script>`` element it sits in.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

from .._json import dumps_indented
from ..model import Item
from .blocks import GuideView, LocalView
from .environment import render_template, static_source

__all__ = ["STYLESHEET", "json_ld", "render_html", "script_json"]

STYLESHEET = "static/site.css"
"""The stylesheet of every page (screen and print), a static file of the templates folder."""


def render_html(
    view: GuideView,
    environment: jinja2.Environment,
    *,
    site: bool,
    item: Item,
    canonical: str | None = None,
) -> str:
    """The guide of ``view`` (drawn from ``item``) as an HTML document; ``site`` chooses a page of
    the static site. The template sees ``item`` too, for a field the view does not show.
    ``canonical`` is the page's address on the published site, where it is known."""
    return render_template(
        environment,
        "guide.html",
        view=view,
        item=item,
        site=site,
        assets="../assets",
        stylesheet="../assets/site.css" if site else None,
        inline_css=None if site else Markup(static_source(environment, STYLESHEET)),
        json_ld=script_json(json_ld(view)),
        print_header=css_string(view.name),
        canonical=canonical,
    )


def css_string(text: str) -> Markup:
    """``text`` as a CSS string literal, safe inside a ``<style>`` element: every character that
    could end the string, the declaration or the element is a CSS escape."""
    escaped = "".join(
        f"\\{ord(char):06x}" if char in _CSS_UNSAFE or ord(char) < 0x20 else char for char in text
    )
    return Markup(f'"{escaped}"')


_CSS_UNSAFE = frozenset("\"\\'<>&{};/\x7f")


def json_ld(view: GuideView) -> dict[str, Any]:
    """schema.org ``GovernmentService`` data of the guide: name, code, type, provider, area,
    audience, jurisdiction, result (``serviceOutput``) and the channels of every implementing
    region (``availableChannel``: place, phone, online address)."""
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
        data["jurisdiction"] = {"@type": "AdministrativeArea", "name": view.area}
    if view.local is not None:
        data["jurisdiction"] = {"@type": "AdministrativeArea", "name": view.local.region_name}
    if view.audience:
        data["audience"] = [
            {"@type": "Audience", "audienceType": audience} for audience in view.audience
        ]
    if view.result is not None:
        data["serviceOutput"] = {"@type": "Thing", "name": view.result}
    locals_ = (view.local,) if view.local is not None else view.regions
    channels = [_channel(local) for local in locals_]
    if channels:
        data["availableChannel"] = channels
    url = next((local.online_url for local in locals_ if local.online_url), None)
    if url is not None:
        data["url"] = url
    return data


def _channel(local: LocalView) -> dict[str, Any]:
    channel: dict[str, Any] = {
        "@type": "ServiceChannel",
        "name": f"{local.region_name} {local.agency}",
        "availableLanguage": {"@type": "Language", "name": "Chinese", "alternateName": "zh"},
    }
    if local.address is not None:
        channel["serviceLocation"] = {
            "@type": "Place",
            "name": local.agency,
            "address": local.address,
        }
    if local.phone is not None:
        channel["servicePhone"] = {"@type": "ContactPoint", "telephone": local.phone}
    if local.online_url is not None:
        channel["serviceUrl"] = local.online_url
    return channel


def script_json(data: Any) -> Markup:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as JSON ``\\u`` escapes, so neither ``</script>`` nor
    ``<!--`` in catalog text can end or confuse the element; the JSON value is unchanged.
    """
    text = dumps_indented(data)
    for character in "<>&":
        text = text.replace(character, f"\\u{ord(character):04x}")
    return Markup(text)
