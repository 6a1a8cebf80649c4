"""救济途径 and the rights of a party, derived from an item's type and the implementing region.

Every power item (all types but 公共服务) carries the same two remedies, so they are derived
rather than typed into 149 files:

* **行政复议**: within sixty days of knowing of the act (行政复议法 第二十条), to the people's
  government of the region whose department acted (第二十四条: since the 2023 revision a
  department's act goes to the 本级人民政府 alone); a 行政处罚 decided on the spot must go to
  reconsideration first (第二十三条);
* **行政诉讼**: directly within six months (行政诉讼法 第四十六条), or within fifteen days of the
  reconsideration decision (第四十五条), as 第四十四条 lets the party choose.

For the items the authority initiates, the party's rights in the procedure come from the law
that governs it: 行政处罚法 (陈述、申辩, 听证, no suspension by appeal) and 行政强制法 (陈述、申辩).
The texts follow the cited articles (read from the statutes' current versions: 行政复议法 as revised
on 2023-09-01, in force 2024-01-01; 行政诉讼法 as amended on 2017-06-27; 行政处罚法 as revised on
2021-01-22; 行政强制法 of 2011-06-30). The law ids must be registered in ``laws.yaml``
(:data:`REQUIRED_LAWS`; ``element-missing`` says so where one is not).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Item, ItemType, LegalReference, PenaltyKind, Region

__all__ = [
    "REQUIRED_LAWS",
    "Remedy",
    "party_rights",
    "reconsideration_body",
    "remedies",
]

RECONSIDERATION_LAW = "administrative-reconsideration-law"
LITIGATION_LAW = "administrative-litigation-law"
PENALTY_LAW = "administrative-penalty-law"
COERCION_LAW = "administrative-coercion-law"
REQUIRED_LAWS = {
    RECONSIDERATION_LAW: "中华人民共和国行政复议法",
    LITIGATION_LAW: "中华人民共和国行政诉讼法",
    PENALTY_LAW: "中华人民共和国行政处罚法",
    COERCION_LAW: "中华人民共和国行政强制法",
}
"""The laws the derived texts cite, by id, with their names."""

# 行政处罚法 第六十三条: the penalties a party may ask a hearing on.
_HEARING_KINDS = frozenset(
    {
        PenaltyKind.FINE,
        PenaltyKind.CONFISCATION_OF_ILLEGAL_GAINS,
        PenaltyKind.CONFISCATION_OF_ILLEGAL_PROPERTY,
        PenaltyKind.LOWERING_OF_QUALIFICATION,
        PenaltyKind.REVOCATION_OF_LICENSE,
        PenaltyKind.SUSPENSION_OF_BUSINESS,
        PenaltyKind.CLOSURE,
        PenaltyKind.RESTRICTION_OF_PRACTICE,
    }
)


@dataclass(frozen=True)
class Remedy:
    """One remedy or right: what it is, what the party may do, and the articles it rests on."""

    title: str
    text: str
    basis: tuple[LegalReference, ...]


def _cite(law: str, *articles: str) -> LegalReference:
    return LegalReference(law=law, articles=articles)


def reconsideration_body(region: Region | None) -> str:
    """The body that decides on reconsideration of an act of the region's department."""
    if region is None:
        return "作出该行政行为的人力资源和社会保障部门的本级人民政府"
    return f"{region.name}人民政府"


def remedies(item: Item, region: Region | None = None) -> tuple[Remedy, ...]:
    """The remedies against ``item``'s act, for the agency of ``region`` (None: any region).

    Empty for a 公共服务 item, which is no administrative act.
    """
    if item.item_type is ItemType.PUBLIC_SERVICE:
        return ()
    body = reconsideration_body(region)
    found = [
        Remedy(
            "行政复议",
            f"对本事项的行政行为不服的，可以自知道或者应当知道该行政行为之日起六十日内，"
            f"向{body}申请行政复议。",
            (_cite(RECONSIDERATION_LAW, "第二十条", "第二十四条"),),
        )
    ]
    if item.item_type is ItemType.ADMINISTRATIVE_PENALTY:
        found.append(
            Remedy(
                "复议前置",
                "对当场作出的行政处罚决定不服的，应当先申请行政复议；对行政复议决定不服的，"
                "可以再依法提起行政诉讼。",
                (_cite(RECONSIDERATION_LAW, "第二十三条"),),
            )
        )
    found.append(
        Remedy(
            "行政诉讼",
            "也可以自知道或者应当知道作出行政行为之日起六个月内，直接向人民法院提起行政诉讼；"
            "不服行政复议决定的，可以在收到行政复议决定书之日起十五日内向人民法院提起诉讼。",
            (_cite(LITIGATION_LAW, "第四十四条", "第四十五条", "第四十六条"),),
        )
    )
    return tuple(found)


def party_rights(item: Item) -> tuple[Remedy, ...]:
    """The party's rights in the procedure of an item the authority initiates."""
    if item.item_type is ItemType.ADMINISTRATIVE_PENALTY:
        rights = [
            Remedy(
                "陈述、申辩",
                "作出行政处罚决定之前，行政机关告知当事人拟作出的行政处罚内容及事实、理由、"
                "依据；当事人有权进行陈述和申辩，行政机关必须充分听取，不得因当事人陈述、"
                "申辩而给予更重的处罚。",
                (_cite(PENALTY_LAW, "第七条", "第四十四条", "第四十五条"),),
            )
        ]
        kinds = set(item.penalty.kinds) if item.penalty else set()
        if kinds & _HEARING_KINDS:
            rights.append(
                Remedy(
                    "听证",
                    "拟作出较大数额罚款、没收较大数额违法所得、吊销许可证件、责令停产停业等"
                    "处罚的，当事人有权要求听证，应当在行政机关告知后五日内提出；"
                    "当事人不承担听证的费用。",
                    (_cite(PENALTY_LAW, "第六十三条", "第六十四条"),),
                )
            )
        rights.append(
            Remedy(
                "不停止执行",
                "当事人对行政处罚决定不服，申请行政复议或者提起行政诉讼的，行政处罚不停止"
                "执行，法律另有规定的除外。",
                (_cite(PENALTY_LAW, "第七十三条"),),
            )
        )
        return tuple(rights)
    if item.item_type is ItemType.ADMINISTRATIVE_COERCION:
        return (
            Remedy(
                "陈述、申辩",
                "当事人对行政机关实施行政强制，享有陈述权、申辩权；有权依法申请行政复议或者"
                "提起行政诉讼；因行政机关违法实施行政强制受到损害的，有权依法要求赔偿。",
                (_cite(COERCION_LAW, "第八条"),),
            ),
        )
    return ()
