"""The handout for the hall (办事指引): one item's citizen sections on at most two A4 pages.

A print layout, not the full guide: the summary (what to bring, how long, fee, visits, what to do
if refused), where to go and whom to call, then the conditions, materials, steps, time limits,
fee and result — none of the back office's sections (业务经办流程, 表单字段, 设定依据, 责任事项).
The materials table keeps the columns a citizen reads (name, form, copies, whether needed, how it
is had without handing it in), so no column is squeezed to one character a line. A QR code
(``segno``) points to the item's page on the site when ``catalog.yaml`` sets ``site.base_url``.

The site writes one handout per item (``items/<code>-handout.html``) with every implementing
region, the one the address names (``#region-220102``) shown; ``servicecatalog guide CODE
--format handout --region R`` writes one region's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import jinja2
from markupsafe import Markup

from ._qr_codes import qr_svg
from .blocks import Block, GuideView, LocalView, Section, Table
from .environment import render_template, static_source
from .view import MATERIAL_HEADERS

__all__ = ["HANDOUT_STYLESHEET", "handout_url", "render_handout"]

HANDOUT_STYLESHEET = "static/handout.css"
"""The handout's stylesheet (screen and A4 print), inlined so the file stands alone."""

# What a citizen needs of a region: where, when, whom to call, where online.
_LOCAL_LABELS = (
    "实施主体",
    "办理地点",
    "办理时间",
    "办理窗口",
    "咨询电话",
    "监督投诉电话",
    "网上办理地址",
    "预约方式",
    "结果送达",
)
# The materials columns a handout keeps: 序号 材料名称 材料形式 份数 必要性 免提交方式.
_MATERIAL_COLUMNS = (0, 1, 2, 3, 5, 6)


@dataclass(frozen=True)
class HandoutRegion:
    """One region's place and phones, as a handout prints them."""

    code: str
    name: str
    rows: tuple[tuple[str, str], ...]
    shown: bool


def handout_url(base_url: str | None, code: str, region: str | None = None) -> str | None:
    """The address of the item's page on the site (the QR code's), or None without a base."""
    if base_url is None:
        return None
    return f"{base_url}items/{code}.html" + (f"#region-{region}" if region else "")


def render_handout(
    view: GuideView,
    environment: jinja2.Environment,
    *,
    base_url: str | None,
    site: bool,
) -> str:
    """The handout of ``view`` as an HTML page ready to print. ``site``: a page of the static
    site (every region, the one in the address shown, by ``assets/site.js``)."""
    url = handout_url(base_url, view.code, view.local.region if view.local and not site else None)
    return render_template(
        environment,
        "handout.html",
        view=view,
        sections=tuple(_citizen_section(view.section(key)) for key in view.citizen_sections),
        regions=_regions(view, every=site),
        qr=_qr_svg(url) if url else None,
        url=url,
        site=False,
        scripts="../assets/site.js" if site else None,
        stylesheet=None,
        inline_css=Markup(static_source(environment, HANDOUT_STYLESHEET)),
        # A handout is a print of the item's page: that page is the one to index.
        canonical=handout_url(base_url, view.code) if site else None,
    )


def _citizen_section(section: Section) -> Section:
    title = section.title.split("、", 1)[-1]  # the guide's numbering does not hold here
    return replace(section, title=title, blocks=tuple(_narrow(block) for block in section.blocks))


def _narrow(block: Block) -> Block:
    if isinstance(block, Table) and block.headers == MATERIAL_HEADERS:
        return Table(
            tuple(block.headers[i] for i in _MATERIAL_COLUMNS),
            tuple(tuple(row[i] for i in _MATERIAL_COLUMNS) for row in block.rows),
            block.caption,
        )
    return block


def _regions(view: GuideView, *, every: bool) -> tuple[HandoutRegion, ...]:
    chosen = view.local or (view.regions[0] if view.regions else None)
    locals_: tuple[LocalView, ...] = view.regions if every else ((chosen,) if chosen else ())
    return tuple(
        HandoutRegion(
            local.region,
            local.region_name,
            tuple((label, value) for label, value in local.facts.rows if label in _LOCAL_LABELS),
            shown=chosen is not None and local.region == chosen.region,
        )
        for local in locals_
    )


def _qr_svg(url: str) -> Markup:
    # The drawing is segno's, of the code's modules alone: no text of the catalog is in it.
    return Markup(qr_svg(url, "扫码打开本事项的网上办事指南"))
