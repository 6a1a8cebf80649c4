"""救济途径 and the rights of a party, derived from an item's type and the implementing region.

The remedies are derived rather than typed into 149 files. Every power item (all types but
公共服务) carries the same two general ones:

* **行政复议**: within sixty days of knowing of the act (行政复议法 第二十条第一款), or, where the
  party was not told of the right, the body and the time, from the day it learns of them but at
  most one year after it learns of the act (第二十条第三款); to the people's government of the
  region whose department acted (第二十四条: since the 2023 revision a department's act goes to
  the 本级人民政府 alone). Reconsideration comes first (复议前置, 第二十三条) only where it applies:
  a 行政处罚 decided on the spot, which can only be a warning or a small fine (行政处罚法
  第五十一条), and an application the authority leaves unanswered (第二十三条第一款第三项);
* **行政诉讼**: directly within six months (行政诉讼法 第四十六条), or within fifteen days of the
  reconsideration decision or of the end of the reconsideration period (第四十五条), as
  第四十四条 lets the party choose.

An item may say more (``remedies`` in its file): a route its own statute sets, which replaces
the general ones (劳动争议仲裁 → 人民法院, 劳动争议调解仲裁法 第四十八条至第五十条; 劳动能力鉴定 →
再次鉴定, 工伤保险条例 第二十六条) or precedes them; and, for a 公共服务 item, the articles that
make refusing it reviewable (行政复议法 第十一条; 社会保险法 第八十三条). A public service with no
such article gets the complaint route (信访工作条例 第十七条).

For the items the authority initiates, the party's rights in the procedure come from the law
that governs it: 行政处罚法 (陈述、申辩, 听证, no suspension by appeal, 第七十三条) and 行政强制法
(陈述、申辩). The texts follow the cited articles (read from the statutes' current versions:
行政复议法 as revised on 2023-09-01, in force 2024-01-01; 行政诉讼法 as amended on 2017-06-27;
行政处罚法 as revised on 2021-01-22; 行政强制法 of 2011-06-30; 信访工作条例 of 2022-02-25, in
force 2022-05-01). The law ids must be registered in ``laws.yaml`` (:data:`REQUIRED_LAWS`;
``element-missing`` says so where one is not).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Item, ItemType, LegalReference, PenaltyKind, Region, RemedyRelation

__all__ = [
    "REQUIRED_LAWS",
    "Remedy",
    "is_reviewable",
    "party_rights",
    "reconsideration_body",
    "remedies",
]

RECONSIDERATION_LAW = "administrative-reconsideration-law"
LITIGATION_LAW = "administrative-litigation-law"
PENALTY_LAW = "administrative-penalty-law"
COERCION_LAW = "administrative-coercion-law"
COMPLAINT_LAW = "petition-work-regulations"
REQUIRED_LAWS = {
    RECONSIDERATION_LAW: "中华人民共和国行政复议法",
    LITIGATION_LAW: "中华人民共和国行政诉讼法",
    PENALTY_LAW: "中华人民共和国行政处罚法",
    COERCION_LAW: "中华人民共和国行政强制法",
    COMPLAINT_LAW: "信访工作条例",
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


def reconsideration_body(region: Region | None, *, agency: str = "人力资源和社会保障部门") -> str:
    """The body that decides on reconsideration of an act of the region's department."""
    if region is None:
        return f"作出该行政行为的{agency}的本级人民政府"
    return f"{region.name}人民政府"


def remedies(item: Item, region: Region | None = None) -> tuple[Remedy, ...]:
    """The remedies against ``item``'s act, for the agency of ``region`` (None: any region).

    A route a statute sets for the item (``remedies.routes``) comes first; where it replaces the
    general remedies (``relation: 替代``) it is the only one.
    """
    particular = item.remedies
    statutory = tuple(
        Remedy(route.title, route.text, route.legal_basis)
        for route in (particular.routes if particular else ())
    )
    if particular is not None and particular.relation is RemedyRelation.REPLACES:
        return statutory
    if item.item_type is ItemType.PUBLIC_SERVICE:
        return statutory + _public_service_remedies(item, region)
    return statutory + _general_remedies(item, region)


def is_reviewable(item: Item) -> bool:
    """True when 行政复议 lies against the item's act: not where a statutory route replaces it,
    and for a public service only where a statute makes refusing it reviewable."""
    particular = item.remedies
    if particular is not None and particular.relation is RemedyRelation.REPLACES:
        return False
    if item.item_type is ItemType.PUBLIC_SERVICE:
        return particular is not None and bool(particular.reviewable_under)
    return True


def _reconsideration(body: str, act: str, basis: tuple[LegalReference, ...]) -> Remedy:
    return Remedy(
        "行政复议",
        f"{act}可以自知道或者应当知道该行政行为之日起六十日内，向{body}申请行政复议；"
        "行政机关作出行政行为时未告知申请行政复议的权利、行政复议机关和申请期限的，申请期限"
        "自知道或者应当知道上述内容之日起计算，但自知道或者应当知道行政行为内容之日起最长"
        "不得超过一年。",
        _merged(
            (*basis, _cite(RECONSIDERATION_LAW, "第二十条第一款", "第二十条第三款", "第二十四条"))
        ),
    )


def _merged(references: tuple[LegalReference, ...]) -> tuple[LegalReference, ...]:
    """One citation per law, in the order the laws first appear, articles in order cited."""
    articles: dict[str, list[str]] = {}
    for reference in references:
        cited = articles.setdefault(reference.law, [])
        cited += [article for article in reference.articles if article not in cited]
    return tuple(_cite(law, *cited) for law, cited in articles.items())


_LITIGATION = Remedy(
    "行政诉讼",
    "也可以自知道或者应当知道作出行政行为之日起六个月内，直接向人民法院提起行政诉讼（应当"
    "先申请行政复议的情形除外）；不服行政复议决定的，可以在收到行政复议决定书之日起十五日内"
    "向人民法院提起诉讼；行政复议机关逾期不作决定的，可以在复议期满之日起十五日内向人民法院"
    "提起诉讼。",
    (_cite(LITIGATION_LAW, "第四十四条", "第四十五条", "第四十六条"),),
)

_INACTION_FIRST = Remedy(
    "复议前置",
    "申请后，认为行政机关在法定期限内不予答复或者有其他未履行法定职责情形的，应当先申请"
    "行政复议；对行政复议决定不服的，可以再依法向人民法院提起行政诉讼。",
    (_cite(RECONSIDERATION_LAW, "第二十三条第一款第三项"),),
)

_ON_THE_SPOT_FIRST = Remedy(
    "复议前置",
    "对当场作出的行政处罚决定（对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款"
    "或者警告）不服的，应当先申请行政复议；对行政复议决定不服的，可以再依法向人民法院提起"
    "行政诉讼。",
    (
        _cite(RECONSIDERATION_LAW, "第二十三条第一款第一项"),
        _cite(PENALTY_LAW, "第五十一条"),
    ),
)

# 行政处罚法 第五十一条: only a warning or a small fine may be decided on the spot.
_ON_THE_SPOT_KINDS = frozenset({PenaltyKind.WARNING, PenaltyKind.FINE})


def _general_remedies(item: Item, region: Region | None) -> tuple[Remedy, ...]:
    found = [
        _reconsideration(reconsideration_body(region), "对本事项的行政行为不服的，", ()),
    ]
    if item.item_type is ItemType.ADMINISTRATIVE_PENALTY:
        kinds = set(item.penalty.kinds) if item.penalty else set()
        if kinds & _ON_THE_SPOT_KINDS:
            found.append(_ON_THE_SPOT_FIRST)
    elif not item.item_type.authority_initiated:
        found.append(_INACTION_FIRST)
    found.append(_LITIGATION)
    return tuple(found)


def _public_service_remedies(item: Item, region: Region | None) -> tuple[Remedy, ...]:
    """A public service is reviewable where a statute makes it so (``reviewable_under``);
    otherwise the complaint route is open."""
    reviewable = item.remedies.reviewable_under if item.remedies else ()
    if not reviewable:
        return (
            Remedy(
                "投诉",
                "对本事项的办理有意见，或者认为工作人员未依法提供服务的，可以采用信息网络、"
                "书信、电话、走访等形式，向实施机关或者其上级主管部门反映情况、提出投诉请求，"
                "有关机关应当依规依法处理。",
                (_cite(COMPLAINT_LAW, "第十七条"),),
            ),
        )
    body = reconsideration_body(region, agency="人力资源和社会保障部门或者其管理的经办机构")
    return (
        _reconsideration(
            body, "认为本事项的办理（不予办理、没有依法给付等）侵害其合法权益的，", reviewable
        ),
        _INACTION_FIRST,
        _LITIGATION,
    )


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
                "执行，法律另有规定的除外；加处罚款的数额在行政复议或者行政诉讼期间不予计算。",
                (_cite(PENALTY_LAW, "第七十三条第一款", "第七十三条第三款"),),
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
