"""A catalog of one's own (servicecatalog.scaffold): init writes a catalog that validates, new
writes a skeleton that validate reports key by key, and the recipes are this version's."""

from __future__ import annotations

import fnmatch
import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import BUNDLED_CATALOG, BUNDLED_TODAY, REPO_ROOT
from servicecatalog import ItemType, ServiceCatalogError, _project, load_catalog
from servicecatalog.cli import main
from servicecatalog.loader import load_bytes
from servicecatalog.model import Item
from servicecatalog.remedies import remedies
from servicecatalog.scaffold import (
    HOOK_FILES,
    SCHEMA_FILES,
    SCHEMA_LINE,
    ci_workflow,
    init_catalog,
    item_skeleton,
    new_item,
    pre_commit_config,
    reference_catalog,
    schema_line,
    vscode_settings,
)
from servicecatalog.schemas import SCHEMA_MODELS, schema_drift

TODAY = date(2026, 6, 15)
REPOSITORY_FILES = {
    ".servicecatalog.yaml",
    ".pre-commit-config.yaml",
    ".github/workflows/catalog.yml",
    ".vscode/settings.json",
    *(f"schemas/{name}" for name in SCHEMA_MODELS),
}


def files_of(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


# ---- init -------------------------------------------------------------------------------------

NAME = "测试单位政务服务事项目录"


@pytest.mark.parametrize(("province", "department"), [("22", "0114"), ("44", "0115")])
def test_a_new_catalog_validates_clean(tmp_path: Path, province: str, department: str) -> None:
    folder = tmp_path / "catalog"
    written = init_catalog(
        folder, province=province, department=department, name="测试单位政务服务事项目录"
    )
    code = f"{province}{department}043000"
    assert files_of(folder) == {
        "catalog.yaml",
        "laws.yaml",
        f"items/{code}.yaml",
        *REPOSITORY_FILES,
    }
    assert {p.relative_to(folder).as_posix() for p in written} == files_of(folder)
    catalog = load_catalog(folder, today=BUNDLED_TODAY)
    # The example item is the reference's, whose revision is recent: only the notice that the
    # working-day calendar runs out within 45 days may remain.
    assert {f.rule for f in catalog.report} <= {"calendar-runs-out"}
    assert [item.code for item in catalog] == [code]
    assert catalog.manifest is not None
    assert (catalog.manifest.name, catalog.manifest.province) == (
        "测试单位政务服务事项目录",
        province,
    )
    # The example cites exactly the laws it needs (law-unused would say otherwise): those of its
    # legal basis and materials, and those of the remedies its guide derives.
    item = catalog.item(code)
    assert set(catalog.laws) == {ref.law for ref in item.legal_basis} | {
        ref.law for m in item.materials for ref in m.legal_basis
    } | {ref.law for remedy in remedies(item) for ref in remedy.basis}
    assert "administrative-litigation-law" in catalog.laws


def test_the_reference_catalog_copied_validates_as_the_bundled_one(tmp_path: Path) -> None:
    folder = tmp_path / "reference"
    init_catalog(folder, from_reference=True)
    assert files_of(folder) == files_of(BUNDLED_CATALOG) | REPOSITORY_FILES
    copied = load_catalog(folder, today=BUNDLED_TODAY)
    bundled = load_catalog(BUNDLED_CATALOG, today=BUNDLED_TODAY)
    assert copied.report.ok
    assert [(f.rule, f.line) for f in copied.report] == [(f.rule, f.line) for f in bundled.report]


def test_init_writes_into_an_empty_folder_or_one_with_only_git(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    init_catalog(tmp_path / "empty", name=NAME)
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    init_catalog(tmp_path / "repo", name=NAME)
    assert (tmp_path / "repo" / "catalog.yaml").is_file()


def test_init_never_writes_over_a_folder_with_content(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ServiceCatalogError, match=r"not empty \(notes.txt\)"):
        init_catalog(tmp_path / "full", name=NAME)
    assert files_of(tmp_path / "full") == {"notes.txt"}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"province": "44", "from_reference": True}, "province 22, department 0114, as it is"),
        ({"province": "2"}, "province '2' is not two digits"),
        ({}, "a new catalog needs a name"),
        ({"name": " "}, "a new catalog needs a name"),
        ({"from_reference": True, "name": "x"}, "keeps its own name"),
        ({"department": "01a4"}, "department '01a4' is not four digits"),
    ],
)
def test_init_refuses(tmp_path: Path, options: dict[str, object], message: str) -> None:
    with pytest.raises(ServiceCatalogError, match=message):
        init_catalog(tmp_path / "x", **options)  # type: ignore[arg-type]
    assert not (tmp_path / "x").exists()


def test_init_files_are_readable_by_others(tmp_path: Path) -> None:
    init_catalog(tmp_path / "catalog", name=NAME)
    for path in (tmp_path / "catalog").rglob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o044 == 0o044, path


def test_the_reference_catalog_is_the_repository_s_in_a_clone() -> None:
    assert reference_catalog() == BUNDLED_CATALOG


# ---- what a repository around the catalog needs ---------------------------------------------------


def test_pre_commit_config_runs_the_installed_hook_as_the_repository_defines_it() -> None:
    """A local hook (no tag to fetch before a release exists), the same as the repository's."""
    (repo,) = yaml.safe_load(pre_commit_config())["repos"]
    assert repo["repo"] == "local"
    assert "rev" not in repo
    (hook,) = repo["hooks"]
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (served,) = [served for served in hooks if served["id"] == hook["id"]]
    assert hook["files"] == HOOK_FILES == served["files"]
    shared = ("name", "entry", "pass_filenames", "require_serial", "files")
    assert {key: hook[key] for key in shared} == {key: served[key] for key in shared}
    assert hook["language"] == "system"  # the servicecatalog the CI recipes install


def test_ci_workflow_installs_this_version() -> None:
    text = ci_workflow("catalog")
    assert f"run: {_project.INSTALL_COMMAND}\n" in text
    assert "servicecatalog validate catalog --format github\n" in text
    assert "git:origin/${{ github.base_ref }}:catalog catalog --format markdown" in text
    assert "servicecatalog validate . --format github\n" in ci_workflow(".")


def test_vscode_settings_map_every_kind_of_file_to_its_schema(tmp_path: Path) -> None:
    settings = json.loads(vscode_settings())
    mapping = settings["yaml.schemas"]
    assert set(mapping) == {f"./schemas/{name}" for name in SCHEMA_FILES}
    remote = json.loads(vscode_settings(_project.SCHEMA_BASE))["yaml.schemas"]
    assert set(remote) == {f"{_project.SCHEMA_BASE}{name}" for name in SCHEMA_FILES}
    assert set(SCHEMA_FILES) == set(SCHEMA_MODELS) - {"catalog.schema.json"}
    folder = tmp_path / "reference"
    init_catalog(folder, from_reference=True)
    catalog_files = {
        f for f in files_of(folder) if f.endswith(".yaml") and not f.startswith((".", "calendar/"))
    }
    mapped = {f for f in catalog_files for globs in mapping.values() if _matches(f, globs)}
    assert mapped == catalog_files


def _matches(file: str, globs: list[str]) -> bool:
    return any(
        fnmatch.fnmatchcase(file, glob) and file.count("/") == glob.count("/") for glob in globs
    )


# ---- new ----------------------------------------------------------------------------------------


def test_the_skeleton_has_every_key_in_the_format_s_order() -> None:
    text = item_skeleton("220114999000", ItemType.PUBLIC_SERVICE, today=TODAY)
    assert text.startswith(SCHEMA_LINE)
    assert "http" not in SCHEMA_LINE
    document = load_file_text(text)
    assert list(document) == list(Item.model_fields)
    assert document["code"] == "220114999000"
    assert document["item_type"] == "公共服务"
    assert document["time_limit"] == {"legal": None, "committed": {"days": "", "unit": ""}}
    assert document["penalty"] is None
    assert document["sub_item_name"] is None
    assert document["revision"] == {
        "version": "1",
        "changed_on": "2026-06-15",
        "published_on": None,
    }


def test_a_penalty_skeleton_asks_for_the_penalty_and_a_sub_item_for_its_name() -> None:
    document = load_file_text(item_skeleton("220114999001", ItemType.ADMINISTRATIVE_PENALTY))
    assert document["penalty"] == {"conduct": "", "kinds": [], "range": ""}
    assert document["sub_item_name"] == ""


def load_file_text(text: str) -> dict[str, object]:
    document = load_bytes(text.encode("utf-8"), "x.yaml")
    assert document.usable, document.findings
    assert isinstance(document.data, dict)
    return document.data


def test_validate_names_every_key_still_to_fill_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "catalog"
    init_catalog(folder, name=NAME)
    path = new_item(folder, "220114999000", ItemType.PUBLIC_SERVICE, today=TODAY)
    assert path == folder / "items" / "220114999000.yaml"
    catalog = load_catalog(folder, today=BUNDLED_TODAY)
    findings = catalog.report.for_item("220114999000")
    assert findings
    assert all(f.file == str(path) and f.line and f.column for f in findings)
    lines = path.read_text(encoding="utf-8").splitlines()
    named = {lines[f.line - 1].split(":")[0].strip() for f in findings if f.line}
    assert {"lists", "department", "levels", "main_item_name", "visits", "conditions"} <= named
    assert "220114999000" in catalog.invalid_codes


def test_new_never_replaces_a_file_and_needs_a_catalog(tmp_path: Path) -> None:
    folder = tmp_path / "catalog"
    init_catalog(folder, name=NAME)
    new_item(folder, "220114999000", ItemType.PUBLIC_SERVICE)
    with pytest.raises(ServiceCatalogError, match="already exists"):
        new_item(folder, "220114999000", ItemType.PUBLIC_SERVICE)
    with pytest.raises(ServiceCatalogError, match=r"catalog\.yaml is missing"):
        new_item(tmp_path, "220114999000", ItemType.PUBLIC_SERVICE)
    with pytest.raises(ServiceCatalogError, match="must be 12 digits"):
        new_item(folder, "2201", ItemType.PUBLIC_SERVICE)


# ---- the commands -------------------------------------------------------------------------------


def test_init_then_validate_then_new_then_validate(tmp_path: Path) -> None:
    folder = tmp_path / "x"
    runner = CliRunner()
    init = runner.invoke(main, ["init", str(folder), "--from-reference"])
    assert init.exit_code == 0, init.output
    assert f"{folder}/catalog.yaml\n" in init.stdout
    today = BUNDLED_TODAY.isoformat()
    assert runner.invoke(main, ["validate", str(folder), "--today", today]).exit_code == 0
    new = runner.invoke(
        main, ["new", "220114999000", "--type", "公共服务", "--catalog", str(folder)]
    )
    assert new.exit_code == 0, new.output
    assert new.stdout == f"{folder}/items/220114999000.yaml\n"
    result = runner.invoke(main, ["validate", str(folder), "--lang", "en", "--today", today])
    assert result.exit_code == 1
    assert (
        f"{folder}/items/220114999000.yaml:4:8: error [schema-invalid-value] lists must not "
        in (result.stdout)
    )


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        (["new", "2201", "--type", "公共服务"], 2),
        (["new", "220114999000", "--type", "公共"], 2),
        (["new", "220114999000", "--type", "公共服务", "--catalog", "NOWHERE"], 3),
        (["init", "FULL", "--name", "测试单位政务服务事项目录"], 3),
        (["init", "NEW", "--from-reference", "--province", "44"], 3),
        (["init", "NEW"], 2),
        (["init", "NEW", "--from-reference", "--name", "测试单位政务服务事项目录"], 2),
    ],
)
def test_command_errors(tmp_path: Path, arguments: list[str], code: int) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("", encoding="utf-8")
    places = {"NOWHERE": tmp_path / "nowhere", "FULL": tmp_path / "full", "NEW": tmp_path / "new"}
    result = CliRunner().invoke(main, [str(places.get(a, a)) for a in arguments])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output


def test_a_catalog_of_another_province_gets_no_text_of_the_reference_province(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "liaoning"
    init_catalog(folder, province="21", name="辽宁省人力资源和社会保障厅政务服务事项目录")
    (item,) = (folder / "items").iterdir()
    content = [
        line for line in item.read_text(encoding="utf-8").splitlines() if "#" not in line[:1]
    ]
    jilin_places = (
        "吉林",
        "吉事办",
        "长春",
        "吉林市",
        "四平",
        "延边",
        "通化",
        "白山",
        "松原",
        "白城",
        "辽源",
    )
    assert [line for line in content if any(place in line for place in jilin_places)] == []
    assert "通过人社网上办事大厅提交申领" in "\n".join(content)
    catalog = load_catalog(folder, today=BUNDLED_TODAY)
    assert {f.rule for f in catalog.report} <= {"calendar-runs-out"}
    reference = init_catalog(tmp_path / "jilin", name="吉林省人力资源和社会保障厅政务服务事项目录")
    jilin_item = next(p for p in reference if p.parent.name == "items")
    assert "吉事办" in jilin_item.read_text(encoding="utf-8")


def test_init_on_the_command_line_needs_a_name(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "x"), "--province", "21"])
    assert result.exit_code == 2
    assert "init needs --name" in result.stderr
    assert not (tmp_path / "x").exists()


def test_init_writes_the_schemas_the_editor_settings_name(tmp_path: Path) -> None:
    folder = tmp_path / "catalog"
    init_catalog(folder, name=NAME)
    assert schema_drift(folder / "schemas") == []
    for local in json.loads((folder / ".vscode" / "settings.json").read_text(encoding="utf-8"))[
        "yaml.schemas"
    ]:
        assert (folder / local).is_file(), local
    (example,) = (folder / "items").iterdir()
    first = example.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/item.schema.json"
    assert (example.parent / first.split("$schema=")[1]).resolve() == (
        folder / "schemas" / "item.schema.json"
    )


def test_a_new_item_names_the_local_schema_or_else_says_how_to_write_it(tmp_path: Path) -> None:
    repository = tmp_path / "repo"
    (repository / "nested" / "catalog").mkdir(parents=True)
    catalog = repository / "nested" / "catalog"
    assert schema_line(catalog) == SCHEMA_LINE
    (repository / "schemas").mkdir()
    (repository / "schemas" / "item.schema.json").write_text("{}", encoding="utf-8")
    assert (
        schema_line(catalog)
        == "# yaml-language-server: $schema=../../../schemas/item.schema.json\n"
    )
    folder = tmp_path / "catalog"
    init_catalog(folder, name=NAME)
    path = new_item(folder, "220114999000", ItemType.PUBLIC_SERVICE, today=TODAY)
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/item.schema.json\n"
    )


def test_the_workflow_installs_as_the_project_says() -> None:
    assert f"      - run: {_project.INSTALL_COMMAND}\n" in ci_workflow(".")
    assert _project.INSTALL_COMMAND.endswith(f"{_project.DISTRIBUTION}=={_project.VERSION}")
