"""The derived 救济途径 and rights of a party: which an item gets, to whom, on which articles."""

from __future__ import annotations

import pytest

from conftest import BUNDLED_CATALOG
from servicecatalog import Catalog, ItemType, load_catalog
from servicecatalog.remedies import (
    REQUIRED_LAWS,
    Remedy,
    party_rights,
    reconsideration_body,
    remedies,
)

WARNING_ONLY = "220114203000"  # 劳动规章制度违反法律法规规定: 警告 alone, no hearing
REVOCATION = "220114201000"  # 介绍童工就业: 罚款 and 吊销许可证件, a hearing may be asked
COERCION = "220114246000"
LICENCE = "220114100001"


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(BUNDLED_CATALOG)


def _titles(found: tuple[Remedy, ...]) -> list[str]:
    return [remedy.title for remedy in found]


def test_a_public_service_is_no_administrative_act(bundled: Catalog) -> None:
    services = bundled.items(list="service")
    public = [item for item in services if item.item_type is ItemType.PUBLIC_SERVICE]
    assert public
    assert all(remedies(item) == () and party_rights(item) == () for item in public)


def test_every_power_item_has_reconsideration_and_litigation(bundled: Catalog) -> None:
    for item in bundled.items(list="power"):
        titles = _titles(remedies(item))
        assert titles[0] == "行政复议", item.code
        assert titles[-1] == "行政诉讼", item.code


def test_only_penalties_go_to_reconsideration_first(bundled: Catalog) -> None:
    assert _titles(remedies(bundled.item(WARNING_ONLY))) == ["行政复议", "复议前置", "行政诉讼"]
    assert _titles(remedies(bundled.item(LICENCE))) == ["行政复议", "行政诉讼"]


def test_reconsideration_goes_to_the_government_of_the_acting_region(bundled: Catalog) -> None:
    [first, *_] = remedies(bundled.item(LICENCE), bundled.regions["220102"])
    assert "六十日内，向南关区人民政府申请行政复议" in first.text
    assert [(r.law, r.articles) for r in first.basis] == [
        ("administrative-reconsideration-law", ("第二十条", "第二十四条"))
    ]
    assert reconsideration_body(None) == "作出该行政行为的人力资源和社会保障部门的本级人民政府"


def test_litigation_cites_the_time_limits_of_the_litigation_law(bundled: Catalog) -> None:
    litigation = remedies(bundled.item(LICENCE))[-1]
    assert "六个月内" in litigation.text
    assert "十五日内" in litigation.text
    assert litigation.basis[0].articles == ("第四十四条", "第四十五条", "第四十六条")


def test_a_hearing_only_for_the_penalties_article_63_lists(bundled: Catalog) -> None:
    assert _titles(party_rights(bundled.item(WARNING_ONLY))) == ["陈述、申辩", "不停止执行"]
    assert _titles(party_rights(bundled.item(REVOCATION))) == ["陈述、申辩", "听证", "不停止执行"]


def test_coercion_gives_the_rights_of_article_8(bundled: Catalog) -> None:
    [right] = party_rights(bundled.item(COERCION))
    assert right.basis[0].law == "administrative-coercion-law"
    assert right.basis[0].articles == ("第八条",)


def test_the_laws_cited_are_registered_under_their_names(bundled: Catalog) -> None:
    assert {law_id: bundled.law(law_id).name for law_id in REQUIRED_LAWS} == REQUIRED_LAWS
