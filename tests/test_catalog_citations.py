"""The bundled catalog against the statutes: every citation names an article, a paragraph and an
item that exist in the statute's text, and no committed limit exceeds a legal limit it records.

Citations are checked against the outlines in ``tests/data/statute-outlines.yaml`` (written from
the LawRefBook/Laws texts by ``tests/_statutes.py``). Every article cited of a statute the
collection does not carry is listed in ``tests/data/unverified-citations.yaml`` with the copy it was
read in, or null: those citations are not checked here, and a new one must be added there on
purpose.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from _statutes import exists, load_outlines, numeral, outline
from conftest import BUNDLED_CATALOG, BUNDLED_TODAY
from servicecatalog import Catalog, DeadlineLimit, Item, LegalReference, load_catalog
from servicecatalog.limits import legal_periods, worst_case
from servicecatalog.remedies import party_rights, remedies

# Department rules, normative documents and two texts the collection does not carry: every article
# the catalog cites of them is listed, with the copy it was read in (or null), in
# tests/data/unverified-citations.yaml; those citations are not checked against an outline.
UNVERIFIED_CITATIONS = Path(__file__).parent / "data" / "unverified-citations.yaml"


def _unverified() -> dict[str, dict[str, str | None]]:
    with UNVERIFIED_CITATIONS.open(encoding="utf-8") as stream:
        laws: dict[str, dict[str, str | None]] = yaml.safe_load(stream)["laws"]
    return laws


UNVERIFIED = set(_unverified())


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(BUNDLED_CATALOG, today=BUNDLED_TODAY)


def _references(item: Item) -> Iterator[LegalReference]:
    yield from item.legal_basis
    for material in item.materials:
        yield from material.legal_basis
    yield from item.fee.legal_basis
    legal = item.time_limit.legal
    stages = getattr(legal, "stages", None) or (legal,)
    yield from (stage.basis for stage in stages if stage is not None and stage.basis is not None)
    for entry in (*(item.faq or ()), *(item.intermediary_services or ())):
        yield from entry.legal_basis
    for remedy in (*remedies(item), *party_rights(item)):
        yield from remedy.basis
    if item.remedies is not None:
        yield from item.remedies.reviewable_under


def _citations(catalog: Catalog) -> Iterator[tuple[str, str, str]]:
    for item in catalog.items():
        for reference in _references(item):
            for article in reference.articles:
                yield item.code, reference.law, article


def test_every_cited_article_paragraph_and_item_exists(bundled: Catalog) -> None:
    outlines = load_outlines()
    missing = sorted(
        {
            (code, law, article)
            for code, law, article in _citations(bundled)
            if law in outlines and not exists(article, outlines[law])
        }
    )
    assert missing == []


def test_the_unverified_statutes_are_exactly_those_without_a_shipped_text(
    bundled: Catalog,
) -> None:
    cited = {law for _, law, _ in _citations(bundled)}
    assert cited - set(load_outlines()) == UNVERIFIED


def test_every_unverified_citation_is_listed_with_the_copy_it_was_read_in(
    bundled: Catalog,
) -> None:
    cited = {(law, article) for _, law, article in _citations(bundled) if law in UNVERIFIED}
    listed = {(law, article) for law, articles in _unverified().items() for article in articles}
    assert cited == listed
    sources = [source for articles in _unverified().values() for source in articles.values()]
    assert all(source is None or source.startswith(("http://", "https://")) for source in sources)


def test_every_shipped_outline_is_of_a_registered_law(bundled: Catalog) -> None:
    assert set(load_outlines()) <= set(bundled.laws)


@pytest.mark.parametrize(
    ("cited", "found"),
    [
        ("第二条", True),
        ("第二条第二款", True),
        ("第二条第三款", False),
        ("第三条第一款第二项", True),
        ("第三条第一款第三项", False),
        ("第三条第二项", True),
        ("第九条", False),
        ("第四条之一", True),
        ("第四十五条", False),
        ("Art. 2", False),
    ],
)
def test_a_citation_is_found_down_to_its_item(cited: str, found: bool) -> None:
    text = "\n".join(
        [
            "# 某条例",
            "<!-- INFO END -->",
            "## 第一章 总则",
            "第二条 第一款。",
            "",
            "第二款。",
            "第三条 下列情形：",
            "（一）甲；",
            "(二)乙。",
            "第四条之一 新增的条文。",
        ]
    )
    assert exists(cited, outline(text)) is found


def test_numerals_as_statutes_write_them() -> None:
    assert [numeral(text) for text in ("一", "十", "十二", "二十", "一百零一", "一百一十")] == [
        1,
        10,
        12,
        20,
        101,
        110,
    ]


def test_no_committed_limit_exceeds_a_legal_limit_it_records(bundled: Catalog) -> None:
    # Counted over the working-day calendar from every start day it covers, the committed limit
    # ends no later than each legal period an application can be held to (the whole limit, each
    # stage decided alone or each case, or the stages passed in turn).
    overruns = []
    for item in bundled.items():
        legal = item.time_limit.legal
        if legal is None or isinstance(legal, DeadlineLimit):
            continue
        for chain in legal_periods(legal):
            overrun = worst_case(item.time_limit.committed, chain, bundled.calendar)
            if overrun is not None and overrun.excess_days > 0:
                overruns.append((item.code, overrun))
    assert overruns == []


def test_every_penalty_item_follows_the_one_stated_rule(bundled: Catalog) -> None:
    # catalog/README.md: 行政处罚法 第六十条's ninety natural days, at most 56 working days committed.
    penalties = [item for item in bundled.items() if item.item_type.value == "行政处罚"]
    assert len(penalties) == 35
    for item in penalties:
        legal = item.time_limit.legal
        assert legal is not None
        assert (legal.days, legal.unit.value) == (90, "自然日"), item.code  # type: ignore[union-attr]
        assert legal.basis == LegalReference(  # type: ignore[union-attr]
            law="administrative-penalty-law", articles=("第六十条",)
        ), item.code
        committed = item.time_limit.committed
        assert committed.unit.value == "工作日", item.code
        assert committed.days <= 56, item.code
