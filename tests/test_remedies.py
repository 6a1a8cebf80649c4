"""The derived 救济途径 and rights of a party: which an item gets, to whom, on which articles."""

from __future__ import annotations

import pytest

from conftest import BUNDLED_CATALOG
from servicecatalog import (
    Catalog,
    ItemRemedies,
    ItemType,
    LegalReference,
    PenaltyKind,
    RemedyRelation,
    StatutoryRoute,
    load_catalog,
)
from servicecatalog.remedies import (
    REQUIRED_LAWS,
    Remedy,
    is_reviewable,
    party_rights,
    reconsideration_body,
    remedies,
)

WARNING_ONLY = "220114203000"  # 劳动规章制度违反法律法规规定: 警告 alone, no hearing
REVOCATION = "220114201000"  # 介绍童工就业: 罚款 and 吊销许可证件, a hearing may be asked
COERCION = "220114246000"
LICENCE = "220114100001"
INSPECTION = "220114235000"
ARCHIVES = "220114054001"  # 流动人员人事档案: no statute makes the service reviewable
BENEFIT = "220114043000"  # 失业保险金: 行政复议法 第十一条第十二项
ARBITRATION = "220114120001"
FIRST_ASSESSMENT = "220114106001"


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(BUNDLED_CATALOG)


def _titles(found: tuple[Remedy, ...]) -> list[str]:
    return [remedy.title for remedy in found]


def _cited(found: Remedy) -> list[tuple[str, tuple[str, ...]]]:
    return [(reference.law, reference.articles) for reference in found.basis]


def test_a_public_service_without_a_reviewable_act_gets_the_complaint_route(
    bundled: Catalog,
) -> None:
    [complaint] = remedies(bundled.item(ARCHIVES))
    assert complaint.title == "投诉"
    assert _cited(complaint) == [("petition-work-regulations", ("第十七条",))]
    assert party_rights(bundled.item(ARCHIVES)) == ()
    assert not is_reviewable(bundled.item(ARCHIVES))


def test_a_benefit_is_reviewable_on_the_articles_the_item_names(bundled: Catalog) -> None:
    item = bundled.item(BENEFIT)
    assert is_reviewable(item)
    found = remedies(item)
    assert _titles(found) == ["行政复议", "复议前置", "行政诉讼"]
    assert _cited(found[0]) == [
        (
            "administrative-reconsideration-law",
            ("第十一条第十二项", "第二十条第一款", "第二十条第三款", "第二十四条"),
        ),
        ("social-insurance-law", ("第八十三条第二款",)),
    ]


def test_every_public_service_has_a_remedy(bundled: Catalog) -> None:
    public = [item for item in bundled.items() if item.item_type is ItemType.PUBLIC_SERVICE]
    assert len(public) == 49
    assert all(remedies(item) for item in public)


def test_every_power_item_without_a_route_of_its_own_has_both_general_remedies(
    bundled: Catalog,
) -> None:
    for item in bundled.items(list="power"):
        if item.remedies is not None:
            continue
        titles = _titles(remedies(item))
        assert titles[0] == "行政复议", item.code
        assert titles[-1] == "行政诉讼", item.code


def test_an_arbitration_award_goes_to_court_not_to_reconsideration(bundled: Catalog) -> None:
    item = bundled.item(ARBITRATION)
    found = remedies(item)
    assert "行政复议" not in _titles(found)
    assert not is_reviewable(item)
    cited = {article for remedy in found for _, articles in _cited(remedy) for article in articles}
    assert {"第二十九条", "第四十八条", "第四十九条", "第五十条"} <= cited
    assert any("十五日内向人民法院提起诉讼" in remedy.text for remedy in found)
    assert any("三十日内" in remedy.text for remedy in found)


def test_a_first_assessment_goes_to_the_province_within_fifteen_days(bundled: Catalog) -> None:
    [second] = remedies(bundled.item(FIRST_ASSESSMENT))
    for words in ("十五日内", "再次鉴定", "最终结论"):
        assert words in second.text
    assert _cited(second) == [("work-injury-insurance-regulations", ("第二十六条",))]


def test_a_route_that_precedes_keeps_the_general_remedies_after_it(bundled: Catalog) -> None:
    route = StatutoryRoute(
        title="先行申请复核",
        text="对决定不服的，可以先申请复核。",
        legal_basis=(LegalReference(law="labor-law", articles=("第七十九条",)),),
    )
    item = bundled.item(LICENCE).model_copy(
        update={"remedies": ItemRemedies(relation=RemedyRelation.PRECEDES, routes=(route,))}
    )
    assert _titles(remedies(item)) == ["先行申请复核", "行政复议", "复议前置", "行政诉讼"]
    assert is_reviewable(item)


def test_reconsideration_first_only_where_article_23_applies(bundled: Catalog) -> None:
    # 当场处罚 (警告、小额罚款) and an unanswered application go to reconsideration first; an
    # inspection does neither.
    assert _titles(remedies(bundled.item(WARNING_ONLY))) == ["行政复议", "复议前置", "行政诉讼"]
    [on_the_spot] = [r for r in remedies(bundled.item(WARNING_ONLY)) if r.title == "复议前置"]
    assert ("administrative-penalty-law", ("第五十一条",)) in _cited(on_the_spot)
    [inaction] = [r for r in remedies(bundled.item(LICENCE)) if r.title == "复议前置"]
    assert _cited(inaction) == [("administrative-reconsideration-law", ("第二十三条第一款第三项",))]
    assert _titles(remedies(bundled.item(INSPECTION))) == ["行政复议", "行政诉讼"]
    penalty = bundled.item(REVOCATION)
    assert penalty.penalty is not None
    without_fine = penalty.model_copy(
        update={
            "penalty": penalty.penalty.model_copy(
                update={"kinds": (PenaltyKind.REVOCATION_OF_LICENSE,)}
            )
        }
    )
    assert _titles(remedies(without_fine)) == ["行政复议", "行政诉讼"]


def test_reconsideration_goes_to_the_government_of_the_acting_region(bundled: Catalog) -> None:
    [first, *_] = remedies(bundled.item(LICENCE), bundled.regions["220102"])
    assert "六十日内，向南关区人民政府申请行政复议" in first.text
    assert "最长不得超过一年" in first.text
    assert _cited(first) == [
        (
            "administrative-reconsideration-law",
            ("第二十条第一款", "第二十条第三款", "第二十四条"),
        )
    ]
    assert reconsideration_body(None) == "作出该行政行为的人力资源和社会保障部门的本级人民政府"


def test_litigation_cites_the_time_limits_of_the_litigation_law(bundled: Catalog) -> None:
    litigation = remedies(bundled.item(LICENCE))[-1]
    assert "六个月内" in litigation.text
    assert "收到行政复议决定书之日起十五日内" in litigation.text
    assert "复议期满之日起十五日内" in litigation.text
    assert litigation.basis[0].articles == ("第四十四条", "第四十五条", "第四十六条")


def test_no_suspension_and_no_surcharge_during_review(bundled: Catalog) -> None:
    rights = party_rights(bundled.item(WARNING_ONLY))
    [no_suspension] = [right for right in rights if right.title == "不停止执行"]
    assert "加处罚款的数额在行政复议或者行政诉讼期间不予计算" in no_suspension.text
    assert _cited(no_suspension) == [
        ("administrative-penalty-law", ("第七十三条第一款", "第七十三条第三款"))
    ]


def test_a_hearing_only_for_the_penalties_article_63_lists(bundled: Catalog) -> None:
    assert _titles(party_rights(bundled.item(WARNING_ONLY))) == ["陈述、申辩", "不停止执行"]
    assert _titles(party_rights(bundled.item(REVOCATION))) == ["陈述、申辩", "听证", "不停止执行"]


def test_coercion_gives_the_rights_of_article_8(bundled: Catalog) -> None:
    [right] = party_rights(bundled.item(COERCION))
    assert right.basis[0].law == "administrative-coercion-law"
    assert right.basis[0].articles == ("第八条",)


def test_the_laws_cited_are_registered_under_their_names(bundled: Catalog) -> None:
    assert {law_id: bundled.law(law_id).name for law_id in REQUIRED_LAWS} == REQUIRED_LAWS
