"""One set of given fields for the models that were given the same fields.

pydantic keeps in each model object the set of fields its input gave (``model_fields_set``): a
loaded item is some 37 models, and their sets weigh half of what the models weigh (a set of five
names or more takes some 700 bytes). The models of a catalog are frozen, so their sets never
change (``model_copy`` gives the copy a set of its own), and the models of one class that were
given the same fields can share one set: some 12 KiB an item.
"""

from __future__ import annotations

from functools import cache
from typing import get_args

from pydantic import BaseModel

__all__ = ["FieldsSets", "share_fields_sets"]

FieldsSets = dict[type[BaseModel], list[set[str]]]
"""The sets met so far, by model class: one catalog's load shares them."""


def share_fields_sets(model: BaseModel, known: FieldsSets) -> None:
    """Make ``model`` and the models inside it use the equal set of ``known``, where there is
    one (and add theirs to ``known`` where there is none)."""
    pending: list[object] = [model]
    while pending:
        node = pending.pop()
        if isinstance(node, BaseModel):
            given = node.__pydantic_fields_set__
            sets = known.setdefault(type(node), [])
            for shared in sets:
                if shared == given:
                    # Frozen models refuse attribute assignment; this is pydantic's own slot.
                    object.__setattr__(node, "__pydantic_fields_set__", shared)
                    break
            else:
                sets.append(given)
            values = vars(node)
            # Only the fields whose type may hold a model: most are text, numbers or enums.
            pending.extend(values[name] for name in _nesting_fields(type(node)))
        elif isinstance(node, tuple):
            pending.extend(node)


@cache
def _nesting_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` whose type names a model, alone or inside another type."""
    return tuple(
        name for name, field in model.model_fields.items() if _names_a_model(field.annotation)
    )


def _names_a_model(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_names_a_model(argument) for argument in get_args(annotation))
