"""Tests of the shared sets of given fields: less memory, the same models."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

import servicecatalog as sc
from servicecatalog._sharing import FieldsSets, share_fields_sets

CATALOG = Path(__file__).resolve().parents[1] / "catalog"


@pytest.fixture(scope="module")
def catalog() -> sc.Catalog:
    return sc.load_catalog(CATALOG)


def _models(model: BaseModel) -> list[BaseModel]:
    found: list[BaseModel] = []
    pending: list[object] = [model]
    while pending:
        node = pending.pop()
        if isinstance(node, BaseModel):
            found.append(node)
            pending.extend(vars(node).values())
        elif isinstance(node, tuple):
            pending.extend(node)
    return found


def test_a_loaded_catalog_shares_equal_sets(catalog: sc.Catalog) -> None:
    models = [model for item in catalog.items() for model in _models(item)]
    distinct = {id(model.model_fields_set) for model in models}
    assert len(distinct) < len(models) / 10


def test_each_model_keeps_the_fields_it_was_given(catalog: sc.Catalog) -> None:
    for item in catalog.items():
        fresh = sc.Item.model_validate(catalog.document(item.code).data)
        assert [m.model_fields_set for m in _models(item)] == [
            m.model_fields_set for m in _models(fresh)
        ]
        assert item.model_dump(exclude_unset=True) == fresh.model_dump(exclude_unset=True)


def test_a_copy_with_changes_leaves_the_shared_set_alone() -> None:
    data = {"days": "3", "unit": "工作日"}
    first, second = sc.Duration.model_validate(data), sc.Duration.model_validate(data)
    known: FieldsSets = {}
    share_fields_sets(first, known)
    share_fields_sets(second, known)
    assert first.model_fields_set is second.model_fields_set
    copied = first.model_copy(update={"days": 4})
    assert copied.model_fields_set == {"days", "unit"}
    assert first.model_fields_set == second.model_fields_set == {"days", "unit"}


def test_models_given_other_fields_keep_their_own() -> None:
    given = sc.Fee.model_validate({"charged": "false"})
    other = sc.Fee.model_validate({"charged": "true", "legal_basis": []})
    known: FieldsSets = {}
    share_fields_sets(given, known)
    share_fields_sets(other, known)
    assert given.model_fields_set == {"charged"}
    assert other.model_fields_set == {"charged", "legal_basis"}
