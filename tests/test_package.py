"""Tests of the package as a whole: public API, light import, typing marker, exceptions."""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import servicecatalog
from servicecatalog import errors
from servicecatalog.errors import ServiceCatalogError

HEAVY = ("jsonschema", "click", "rich", "typer", "jinja2", "docx")


def test_import_does_not_load_the_cli_or_validation_frameworks() -> None:
    code = (
        "import json, sys, servicecatalog\n"
        f"heavy = {set(HEAVY)!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == []


def test_all_is_sorted() -> None:
    assert servicecatalog.__all__ == sorted(servicecatalog.__all__)
    assert len(set(servicecatalog.__all__)) == len(servicecatalog.__all__)


def test_every_name_in_all_exists() -> None:
    missing = [name for name in servicecatalog.__all__ if not hasattr(servicecatalog, name)]
    assert missing == []


def test_design_api_is_exported() -> None:
    for name in (
        "load_catalog",
        "Catalog",
        "Item",
        "Report",
        "Finding",
        "Severity",
        "ServiceCatalogError",
        "CatalogNotFoundError",
        "next_working_day",
    ):
        assert name in servicecatalog.__all__, name


def test_version_matches_the_distribution() -> None:
    assert servicecatalog.__version__ == importlib.metadata.version("servicecatalog-batongyi")


def test_py_typed_is_shipped() -> None:
    package = Path(servicecatalog.__file__).parent
    assert (package / "py.typed").is_file()


def _exception_classes(module: object) -> list[type[BaseException]]:
    return [
        value
        for name, value in vars(module).items()
        if inspect.isclass(value)
        and issubclass(value, BaseException)
        and value.__module__ == getattr(module, "__name__", None)
        and not name.startswith("_")
    ]


def test_every_exception_in_errors_derives_from_service_catalog_error() -> None:
    classes = _exception_classes(errors)
    assert ServiceCatalogError in classes
    assert len(classes) >= 2
    for cls in classes:
        assert issubclass(cls, ServiceCatalogError), cls
    assert set(errors.__all__) == {cls.__name__ for cls in classes}


def test_every_public_exception_of_the_package_derives_from_service_catalog_error() -> None:
    offenders = []
    for info in pkgutil.walk_packages(servicecatalog.__path__, "servicecatalog."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        offenders += [
            f"{info.name}.{cls.__name__}"
            for cls in _exception_classes(module)
            if not issubclass(cls, ServiceCatalogError)
        ]
    assert offenders == []


def test_exported_exceptions() -> None:
    for name in servicecatalog.__all__:
        value = getattr(servicecatalog, name)
        if inspect.isclass(value) and issubclass(value, BaseException):
            assert issubclass(value, ServiceCatalogError), name
