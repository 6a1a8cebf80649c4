"""Remedies: an item whose own statute sets the route to a court or a second body says so."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Severity
from ..model import Item
from ._base import Context, Rule, Violation, item_rule


@dataclass(frozen=True)
class _StatutoryRoute:
    """A statute that sets its own remedy against the act of the items that apply it."""

    law: str
    applied_by: frozenset[str]
    """Articles whose citation in the item's legal basis makes the item the act the route is
    against (an application for arbitration, for an assessment)."""
    route: str
    route_en: str


_ROUTES = (
    _StatutoryRoute(
        "labor-dispute-law",
        frozenset({"第二十八条", "第二十九条", "第四十三条"}),
        "劳动争议调解仲裁法规定的起诉、申请撤销裁决（第二十九条、第四十三条、第四十八条至第五十条）",
        "the suit and the setting aside of an award that 劳动争议调解仲裁法 sets "
        "(articles 29, 43, 48 to 50)",
    ),
    _StatutoryRoute(
        "work-injury-insurance-regulations",
        frozenset({"第二十三条"}),
        "工伤保险条例规定的再次鉴定及省级结论为最终结论（第二十六条）",
        "the second assessment that 工伤保险条例 sets, whose provincial conclusion is final "
        "(article 26)",
    ),
)


def _article(cited: str) -> str:
    """The article a citation names, without its paragraph or item: 第二十条第二款 → 第二十条."""
    return cited.split("条", 1)[0] + "条"


def _applied_routes(item: Item) -> Iterator[_StatutoryRoute]:
    for statutory in _ROUTES:
        if any(
            reference.law == statutory.law
            and any(_article(article) in statutory.applied_by for article in reference.articles)
            for reference in item.legal_basis
        ):
            yield statutory


@item_rule(
    "remedy-statutory-route-missing",
    Severity.WARNING,
    "法定救济途径未写明",
    "statutory remedy not stated",
)
def remedy_statutory_route_missing(item: Item, context: Context) -> Iterator[Violation]:
    """An item whose legal basis applies a statute that sets its own remedy states that route
    (``remedies.routes``, citing the statute), instead of the general 行政复议 and 行政诉讼.

    The general remedies are derived from the item's type. They are wrong where the item's
    statute routes the party elsewhere: a labour dispute award goes to the people's court within
    fifteen days (劳动争议调解仲裁法 第四十八条、第五十条; an employer may apply to set a final
    award aside within thirty days, 第四十九条; a refused or undecided case may be brought to
    court, 第二十九条、第四十三条), and a 劳动能力鉴定 conclusion goes to the provincial committee
    for a second assessment within fifteen days, whose conclusion is final (工伤保险条例
    第二十六条). The rule knows these statutes by the articles an item applies them with
    (劳动争议调解仲裁法 第二十八条、第二十九条、第四十三条; 工伤保险条例 第二十三条) and is satisfied
    when a route in ``remedies.routes`` cites the statute.

    中文
    ----
    事项的适用依据所适用的法律法规对救济途径另有规定的，应在 ``remedies.routes`` 中写明该途径并引用
    该法规，而不是只给出由事项类型推导的一般行政复议、行政诉讼途径。

    一般救济途径按事项类型推导；法规另有规定的，推导结果就是错的：劳动争议仲裁裁决不服的，自收到裁决书
    之日起十五日内向人民法院起诉（劳动争议调解仲裁法第四十八条、第五十条；用人单位可以自收到终局裁决书
    之日起三十日内申请撤销裁决，第四十九条；不予受理或者逾期未作出决定、裁决的，可以起诉，第二十九条、
    第四十三条）；对劳动能力鉴定结论不服的，自收到之日起十五日内向省级劳动能力鉴定委员会申请再次鉴定，
    省级结论为最终结论（工伤保险条例第二十六条）。本规则按事项引用的条款识别这些法规（劳动争议调解仲裁法
    第二十八条、第二十九条、第四十三条；工伤保险条例第二十三条）；``remedies.routes`` 中有引用该法规的
    途径即为满足。
    """
    routes = item.remedies.routes if item.remedies is not None else ()
    stated = {reference.law for route in routes for reference in route.legal_basis}
    for statutory in _applied_routes(item):
        if statutory.law not in stated:
            yield Violation(
                ("legal_basis",),
                f"适用依据适用的法规对救济途径另有规定，应在 remedies.routes 中写明{statutory.route}",
                f"the legal basis applies a statute with its own remedy: state in remedies.routes "
                f"{statutory.route_en}",
            )


RULES: tuple[Rule, ...] = (remedy_statutory_route_missing,)
