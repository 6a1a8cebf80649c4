"""The vocabulary of kinds of change (servicecatalog.kinds): stable ids, each with an element of
the table of fields, a direction and the reason for it in Chinese and English."""

from __future__ import annotations

import re

import pytest

from servicecatalog.diff import KINDS
from servicecatalog.fields import Element
from servicecatalog.kinds import EXPLICIT_KINDS, NEUTRAL_REASON, Direction

KEBAB = re.compile(r"[a-z]+(-[a-z]+)*")


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_is_a_kebab_case_id_with_an_element_and_a_reason(kind: str) -> None:
    spec = KINDS[kind]
    assert KEBAB.fullmatch(kind)
    assert spec.element in {element.key for element in Element}
    assert spec.why("zh")
    assert spec.why("en")
    assert spec.label("zh") != spec.label("en")


def test_every_explicit_kind_is_in_the_diffs_catalogue_unchanged() -> None:
    for kind, spec in EXPLICIT_KINDS.items():
        assert KINDS[kind] is spec


@pytest.mark.parametrize(
    "kind", [k for k, spec in EXPLICIT_KINDS.items() if spec.direction is not Direction.NEUTRAL]
)
def test_a_kind_with_a_direction_says_what_it_does_to_the_applicant(kind: str) -> None:
    assert EXPLICIT_KINDS[kind].reason != NEUTRAL_REASON[0]


def test_the_reform_directions_the_issue_names() -> None:
    """Reviewed as the reform defines them (减条件、减环节、减时限、减证明, fewer visits, more online)."""
    assert KINDS["material-added-not-submitted"].direction is Direction.NEUTRAL
    assert KINDS["implementation-removed"].direction is Direction.INCREASE
    assert KINDS["scope-narrowed"].direction is Direction.INCREASE
    assert KINDS["online-depth-reduced"].direction is Direction.INCREASE
    assert KINDS["intermediary-service-added"].direction is Direction.INCREASE
    assert KINDS["quantity-limit-introduced"].direction is Direction.INCREASE
