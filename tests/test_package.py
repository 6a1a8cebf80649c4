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

BUNDLED = Path(__file__).resolve().parents[1] / "catalog"
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


IMPORTED_AT_ONCE = {"servicecatalog", "servicecatalog._project"}
"""What ``import servicecatalog`` loads of the package: its version; every other public name is
loaded when first used, so the import builds no model."""

LOADED_ON_FIRST_USE = (
    "yaml",
    "chinese_calendar",
    "multiprocessing",
    "concurrent.futures",
    "tempfile",
    "jsonschema",
    "click",
    "jinja2",
    "docx",
)


def _modules_after(code: str) -> set[str]:
    program = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))\n"
    completed = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return set(json.loads(completed.stdout))


def test_import_loads_no_model_and_nothing_of_the_machinery() -> None:
    modules = _modules_after("import servicecatalog")
    assert {m for m in modules if m.split(".")[0] == "servicecatalog"} == IMPORTED_AT_ONCE
    loaded = [name for name in LOADED_ON_FIRST_USE if name in modules]
    assert loaded == []


def test_import_builds_no_validator() -> None:
    # Validators are built when a model first validates (defer_build), not by the import.
    code = (
        "import servicecatalog.model\n"
        "models = [getattr(servicecatalog.model, n) for n in servicecatalog.model.__all__]\n"
        "built = [m.__name__ for m in models if getattr(m, '__pydantic_complete__', False)]\n"
        "assert not built, built\n"
    )
    _modules_after(code)


def test_a_model_validates_on_first_use() -> None:
    item = servicecatalog.Duration.model_validate({"days": "3", "unit": "工作日"})
    assert item.days == 3
    assert servicecatalog.Duration.__pydantic_complete__


def test_lazy_names_are_the_modules_own() -> None:
    from servicecatalog import catalog, diff, workdays

    assert servicecatalog.load_catalog is catalog.load_catalog
    assert servicecatalog.Catalog is catalog.Catalog
    assert servicecatalog.diff_catalogs is diff.diff_catalogs
    assert servicecatalog.next_working_day is workdays.next_working_day
    assert {"load_catalog", "Catalog", "render_guide"} <= set(dir(servicecatalog))


def test_a_name_loads_its_module_on_first_use() -> None:
    modules = _modules_after("from servicecatalog import Severity, Item\nimport servicecatalog")
    assert {"servicecatalog.findings", "servicecatalog.model"} <= modules
    assert "servicecatalog.catalog" not in modules
    assert "yaml" not in modules


def test_the_credit_code_is_the_models_type() -> None:
    from servicecatalog import model

    assert servicecatalog.CreditCode is model.CreditCode


def test_loading_a_catalog_loads_the_rules_but_no_worker_pool() -> None:
    modules = _modules_after(
        f"import servicecatalog\nservicecatalog.load_catalog({str(BUNDLED)!r})"
    )
    assert "servicecatalog.rules" in modules
    assert "concurrent.futures" not in modules


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


def test_dir_shows_the_public_names_only() -> None:
    shown = dir(servicecatalog)
    assert shown == sorted(servicecatalog.__all__)
    for machinery in ("TYPE_CHECKING", "annotations", "importlib", "Any", "model", "catalog"):
        assert machinery not in shown, machinery
