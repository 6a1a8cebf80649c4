"""Tests of identity paths (servicecatalog._paths): elements named by their ids, not positions."""

from __future__ import annotations

from typing import Any

import pytest

from servicecatalog._paths import identity_path

DATA: dict[str, Any] = {
    "code": "220114001000",
    "materials": [
        {"id": "M1", "legal_basis": [{"law": "a", "articles": ["第一条"]}]},
        {"id": "M2", "legal_basis": [{"law": "b", "articles": ["第二条", "第三条"]}]},
        {"name": "no id"},
        {"id": ""},
        {"id": "M[5]"},
        {"id": 7},
        "not a mapping",
    ],
    "forms": [
        {
            "id": "F1",
            "fields": [
                {"name": "姓名", "type": "text"},
                {"name": "公民身份号码", "type": "id_number"},
                {"type": "text"},
            ],
        }
    ],
    "service_process": [{"id": "S1"}, {"id": "S2", "on_site": "yes"}],
    "handling_process": [{"id": "H1"}],
    "conditions": ["一", "二"],
    "time_limit": {"committed": {"days": "3"}},
    "lists": {"power": {"expected": "100"}},
}


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        ((), ""),
        (("code",), "code"),
        (("materials",), "materials"),
        (("materials", 0), "materials[M1]"),
        (("materials", 1, "legal_basis"), "materials[M2].legal_basis"),
        (("materials", 1, "legal_basis", 0), "materials[M2].legal_basis[0]"),
        (
            ("materials", 1, "legal_basis", 0, "articles", 1),
            "materials[M2].legal_basis[0].articles[1]",
        ),
        (("forms", 0, "fields", 1, "type"), "forms[F1].fields[公民身份号码].type"),
        (("forms", 0, "fields", 0), "forms[F1].fields[姓名]"),
        (("service_process", 1, "on_site"), "service_process[S2].on_site"),
        (("handling_process", 0, "working_days"), "handling_process[H1].working_days"),
        (("conditions", 1), "conditions[1]"),
        (("time_limit", "committed", "days"), "time_limit.committed.days"),
        (("lists", "power", "expected"), "lists.power.expected"),
    ],
)
def test_identity_paths(loc: tuple[str | int, ...], path: str) -> None:
    assert identity_path(DATA, loc) == path


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        (("materials", 2, "name"), "materials[2].name"),  # no id
        (("materials", 3), "materials[3]"),  # empty id
        (("materials", 4), "materials[4]"),  # an id with brackets would make the path ambiguous
        (("materials", 5), "materials[5]"),  # an id that is not a string
        (("materials", 6), "materials[6]"),  # not a mapping
        (("materials", 40, "id"), "materials[40].id"),  # beyond the list
        (("forms", 0, "fields", 2, "type"), "forms[F1].fields[2].type"),  # field without a name
        (("missing", 0, "x"), "missing[0].x"),
        (("code", 3), "code[3]"),
    ],
)
def test_identity_paths_fall_back_to_indexes(loc: tuple[str | int, ...], path: str) -> None:
    assert identity_path(DATA, loc) == path


def test_identity_path_of_a_document_without_data() -> None:
    assert identity_path(None, ("materials", 0, "id")) == "materials[0].id"
    assert identity_path(["a"], (0,)) == "[0]"
