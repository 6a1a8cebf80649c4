"""The API reference (docs/build_api.py, pdoc) covers every public name, and each has its words:
every name of ``servicecatalog.__all__`` and every public method, property and attribute of the
public classes carries a docstring, and the reference renders with the key names in it."""

from __future__ import annotations

import enum
import importlib
import inspect
import runpy
import types
import warnings
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

import pdoc.doc
import pytest

import servicecatalog

BUILD_SCRIPT = Path(__file__).resolve().parents[1] / "docs" / "build_api.py"
KEY_NAMES = ("load_catalog", "open_catalog", "diff_catalogs", "form_schema", "Catalog")


def _build(output: Path) -> Path:
    # The script the README names, run as that command runs it, less the command line.
    build: Callable[[Path], Path] = runpy.run_path(str(BUILD_SCRIPT))["build"]
    return build(output)


def _needs_words(cls: type, name: str) -> bool:
    """Whether a public member of ``cls`` needs a docstring of its own: a method, a property, an
    attribute and a model's field do (the schemas carry a field's words too), an enum's member
    does not (its value is the word)."""
    member = inspect.getattr_static(cls, name, None)  # None: an instance attribute
    if isinstance(member, (property, cached_property, classmethod, staticmethod)):
        return True
    if inspect.isfunction(member):
        return True
    return not issubclass(cls, enum.Enum)


def undocumented(module: types.ModuleType) -> list[str]:
    """The public names of ``module`` the reference would show without words, as pdoc sees them:
    a name of ``__all__``, or a method, property or attribute a public class defines itself."""
    for name in module.__all__:
        getattr(module, name)  # loads what the package loads on first use, as build_api.py does
    reference = pdoc.doc.Module(module)
    missing = []
    for name in module.__all__:
        entry = reference.get(name)
        if entry is None or not entry.docstring.strip():
            missing.append(name)
        if isinstance(entry, pdoc.doc.Class):
            missing += [
                f"{name}.{member.name}"
                for member in entry.own_members
                if not member.name.startswith("_")
                and _needs_words(entry.obj, member.name)
                and not member.docstring.strip()
            ]
    return missing


def test_every_public_name_method_property_and_attribute_has_a_docstring() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a name of __all__ pdoc cannot resolve fails too
        missing = undocumented(servicecatalog)
    assert missing == [], f"public names without a docstring: {missing}"


FAKE_MODULE = '''
__all__ = ["Documented", "Model", "Word", "bare"]

import enum

import pydantic


class Documented:
    """Words."""

    said_of: int = 0
    """Words."""
    unsaid_of: int = 0

    def said(self) -> None:
        """Words."""

    def unsaid(self) -> None:
        pass

    @property
    def shown(self) -> int:
        return 1

    def _private(self) -> None:
        pass


class Model(pydantic.BaseModel):
    """Words."""

    said_field: int = 0
    """Words."""
    unsaid_field: int = 0


class Word(enum.Enum):
    """Words; its members' values are words."""

    WORD = "word"


def bare() -> None:
    pass
'''


def test_the_check_names_what_has_no_docstring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "api_reference_fake.py").write_text(FAKE_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("api_reference_fake")
    assert undocumented(module) == [
        "Documented.unsaid_of",
        "Documented.unsaid",
        "Documented.shown",
        "Model.unsaid_field",
        "bare",
    ]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> str:
    output = tmp_path_factory.mktemp("api")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        index = _build(output)
    assert (output / "index.html").is_file()
    return index.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", KEY_NAMES)
def test_the_reference_renders_the_key_names(rendered: str, name: str) -> None:
    assert f'id="{name}"' in rendered


def test_the_reference_renders_every_public_name(rendered: str) -> None:
    absent = [name for name in servicecatalog.__all__ if f'id="{name}"' not in rendered]
    assert absent == []


def test_the_reference_carries_the_docstrings(rendered: str) -> None:
    assert "Load a catalog folder as typed, immutable objects" in rendered
    assert "GB 32100-2015" in rendered
