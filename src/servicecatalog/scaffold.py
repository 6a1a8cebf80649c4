"""A catalog of one's own: what ``servicecatalog init`` and ``servicecatalog new`` write.

:func:`init_catalog` makes a folder a catalog that validates: ``catalog.yaml``, ``laws.yaml`` and
one complete example item (or a copy of the reference catalog of 吉林省人力资源和社会保障厅, which
the package carries), ``.servicecatalog.yaml``, and what a repository around it needs — a
pre-commit configuration, a GitHub Actions workflow, and editor settings that map each kind of
file to its JSON Schema. The folder is both the catalog and the root of its repository.

:func:`item_skeleton` is a new item with every key of the format, in the format's order, each
empty or null until it is filled: ``servicecatalog validate`` then names, at its line, every key
still to fill.

Every file is written whole or not at all (:func:`~servicecatalog._files.write_atomically`).
"""

from __future__ import annotations

import json
import os
import types
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import _project
from ._files import within, write_atomically
from ._layout import ITEMS_DIR, LAWS_FILE, MANIFEST_FILE
from ._today import today_in
from .codes import describe_code_problem
from .config import CONFIG_FILE_NAME
from .errors import ServiceCatalogError
from .loader import load_file
from .model import Item, ItemType
from .opening import read_manifest
from .remedies import party_rights, remedies
from .schemas import generate_schemas

__all__ = [
    "EXAMPLE_ITEM",
    "HOOK_FILES",
    "ci_workflow",
    "init_catalog",
    "item_skeleton",
    "new_item",
    "pre_commit_config",
    "reference_catalog",
    "vscode_settings",
]

EXAMPLE_ITEM = "220114043000"
"""The reference item a new catalog starts from: 失业保险金申领, complete and clean."""

REFERENCE_PROVINCE, REFERENCE_DEPARTMENT = "22", "0114"

SCHEMAS_DIR = "schemas"
"""The folder, at the root of a repository ``init`` makes, that holds this version's JSON Schemas
(as ``servicecatalog schema -o schemas`` writes them): editors read them there, with no network."""

SCHEMA_LINE = (
    "# 编辑器按 JSON Schema 校验本文件：在仓库根目录运行 servicecatalog schema -o schemas，"
    "此后 servicecatalog new 写出的事项文件第一行即引用它。\n"
)
"""The first line of a new item where no local schema is found: how to get one. It names no
address: the schemas' ``$id``s are served only once the version's tag exists
(docs/ci.md#editors)."""


def schema_line(catalog: Path) -> str:
    """The ``$schema`` line of a new item of ``catalog``: the local ``schemas/item.schema.json``
    of the catalog folder or a folder above it (relative to ``items/``), else :data:`SCHEMA_LINE`,
    which says how to write one."""
    items = Path(os.path.abspath(catalog / ITEMS_DIR))
    for folder in items.parents:
        local = folder / SCHEMAS_DIR / "item.schema.json"
        if local.is_file():
            relative = Path(os.path.relpath(local, items)).as_posix()
            return f"# yaml-language-server: $schema={relative}\n"
    return SCHEMA_LINE


def reference_catalog() -> Path:
    """The reference catalog: the copy in the installed package, or, in a clone of the
    repository installed in place (``pip install -e``), the repository's ``catalog/``."""
    here = Path(__file__).resolve().parent
    for folder in (here / "reference", here.parents[1] / "catalog"):
        if (folder / MANIFEST_FILE).is_file():
            return folder
    raise ServiceCatalogError("the reference catalog is not installed with this package")


# ---- init -------------------------------------------------------------------------------------


def init_catalog(
    folder: Path,
    *,
    province: str = REFERENCE_PROVINCE,
    department: str = REFERENCE_DEPARTMENT,
    name: str | None = None,
    from_reference: bool = False,
) -> list[Path]:
    """Make ``folder`` (missing, empty, or holding only ``.git``) a catalog that validates, and
    the repository around it; return the files written.

    With ``from_reference`` the catalog is a copy of the reference catalog (province 22,
    department 0114, as it is, with its own name); otherwise a new catalog of ``province`` and
    ``department`` named ``name`` (required: the guides and the site print the authority it
    begins with), holding one example item free of the reference province's own text.
    """
    if from_reference and (province, department) != (REFERENCE_PROVINCE, REFERENCE_DEPARTMENT):
        raise ServiceCatalogError(
            "the reference catalog is that of province 22, department 0114, as it is; "
            "a catalog of another province or department starts without it"
        )
    _check_codes(province, department)
    _check_empty(folder)
    if from_reference and name is not None:
        raise ServiceCatalogError("the reference catalog keeps its own name; give no name")
    if not from_reference and not (name and name.strip()):
        raise ServiceCatalogError(
            "a new catalog needs a name, the authority first, as guides and the site print it "
            "(e.g. 辽宁省人力资源和社会保障厅政务服务事项目录)"
        )
    files: dict[str, bytes | str] = {}
    if from_reference:
        files.update(_reference_files())
    else:
        assert name is not None  # checked above
        files.update(_new_catalog_files(province, department, name))
    files.setdefault(CONFIG_FILE_NAME, _CONFIG)
    files[".pre-commit-config.yaml"] = pre_commit_config()
    files[".github/workflows/catalog.yml"] = ci_workflow(".")
    files[".vscode/settings.json"] = vscode_settings()
    files.update({f"{SCHEMAS_DIR}/{name}": text for name, text in generate_schemas().items()})
    written = []
    for relative, content in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, content)
        written.append(target)
    return written


def _check_codes(province: str, department: str) -> None:
    if len(province) != 2 or not province.isascii() or not province.isdigit():
        raise ServiceCatalogError(f"province {province!r} is not two digits (22: 吉林省)")
    if len(department) != 4 or not department.isascii() or not department.isdigit():
        raise ServiceCatalogError(f"department {department!r} is not four digits (0114: 人社)")


def _check_empty(folder: Path) -> None:
    if not folder.exists():
        return
    if not folder.is_dir():
        raise ServiceCatalogError(f"{folder}: not a folder")
    present = sorted(entry.name for entry in folder.iterdir() if entry.name != ".git")
    if present:
        shown = ", ".join(present[:5]) + (", …" if len(present) > 5 else "")
        raise ServiceCatalogError(f"{folder}: not empty ({shown}); init writes a new catalog")


def _reference_files() -> Iterator[tuple[str, bytes]]:
    root = reference_catalog()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path.relative_to(root).as_posix(), path.read_bytes()


def _new_catalog_files(province: str, department: str, name: str) -> dict[str, bytes | str]:
    reference = reference_catalog()
    code = f"{province}{department}{EXAMPLE_ITEM[6:]}"
    item_text = (reference / ITEMS_DIR / f"{EXAMPLE_ITEM}.yaml").read_text(encoding="utf-8")
    item_text = item_text.replace(f'code: "{EXAMPLE_ITEM}"', f'code: "{code}"', 1)
    if province != REFERENCE_PROVINCE:
        for local, general in REFERENCE_PROVINCE_TEXT.items():
            item_text = item_text.replace(local, general)
    example = (
        f"# yaml-language-server: $schema=../{SCHEMAS_DIR}/item.schema.json\n"
        + f"# 示例事项，取自吉林省人力资源和社会保障厅参考目录的 {EXAMPLE_ITEM}（失业保险金申领）。\n"
        + "# 请改写为本单位的事项，或删除本文件；servicecatalog new 编码 --type 事项类型 写出新事项的骨架。\n"
        + item_text
    )
    cited = _cited_laws(reference / ITEMS_DIR / f"{EXAMPLE_ITEM}.yaml")
    return {
        MANIFEST_FILE: _manifest(name, province, department),
        LAWS_FILE: _laws_subset(reference / LAWS_FILE, cited),
        f"{ITEMS_DIR}/{code}.yaml": example,
    }


REFERENCE_PROVINCE_TEXT = {
    "通过吉林省人社网上办事大厅或吉事办提交申领": "通过人社网上办事大厅提交申领",
    "长春市示例机械制造有限公司": "示例机械制造有限公司",
}
"""The example item's text that is 吉林省's own (its online hall and app, a city in a form's
example), and what a catalog of another province gets instead."""


def _manifest(name: str, province: str, department: str) -> str:
    return (
        "# 目录的说明：名称、省份和部门代码、清单，以及变更公开的期限。\n"
        "# 清单的 expected 是该清单应有的事项数（写上后由 list-size-mismatch 核对）；\n"
        "# subset_of 表示该清单的事项必须同时列入另一个清单。\n"
        f"name: {json.dumps(name, ensure_ascii=False)}\n"
        f'province: "{province}"\n'
        f'department: "{department}"\n'
        "lists:\n"
        "  service: {title: 群众和企业到政府办事事项清单}\n"
        "  power:   {title: 权力事项清单}\n"
        "publication: {working_days: 1}     # 变更后第几个工作日之内公开\n"
    )


def _cited_laws(item_file: Path) -> set[str]:
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            law = value.get("law")
            if isinstance(law, str):
                found.add(law)
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    data = load_file(item_file).data
    walk(data)
    # The guide cites the laws of the remedies and rights it derives; the copy registers them too.
    item = Item.model_validate(data)
    found |= {
        reference.law
        for remedy in (*remedies(item), *party_rights(item))
        for reference in remedy.basis
    }
    return found


def _laws_subset(laws_file: Path, wanted: set[str]) -> str:
    """The entries of ``wanted`` of the reference ``laws.yaml``, as written there (comments
    included): each entry runs from its line to the line before the next entry."""
    document = load_file(laws_file)
    lines = laws_file.read_text(encoding="utf-8").splitlines(keepends=True)
    entries = document.data["laws"]
    starts = [document.position(("laws", index)).line - 1 for index in range(len(entries))]
    ends = [*starts[1:], len(lines)]
    kept = []
    for entry, start, end in zip(entries, starts, ends, strict=True):
        if entry.get("id") in wanted:
            block = lines[start:end]
            # A comment that heads the next group of laws belongs to that group.
            while block and block[-1].lstrip().startswith("#") and not block[-1].startswith("   "):
                block.pop()
            kept.extend(block)
    header = "# 本目录的事项所引用的法律、法规和规章；每个 law: 编号都要在这里登记。\nlaws:\n"
    return header + "".join(line if line.endswith("\n") else line + "\n" for line in kept)


_CONFIG = """\
# servicecatalog 的配置：改变规则的级别、关闭规则、临时豁免某个事项的某条规则。
# servicecatalog rules 列出全部规则；servicecatalog rules 规则编号 显示规则的说明。
rules: {}
#  materials-missing: info          # error | warning | info | off
waivers: []
#  - rule: visits-exceed-one
#    item: "220114043000"
#    reason: 需现场核验原件，2027 年起改为电子证照
#    expires: "2027-03-31"          # 过期后豁免本身报错（waiver-expired）
"""


HOOK_FILES = r"(^|/)((catalog|laws|regions|\.servicecatalog)\.yaml|(items|implementations|calendar)/[^/]+\.ya?ml)$"
"""The files the pre-commit hook checks: those a catalog reads (``.pre-commit-hooks.yaml`` says
the same for the hook served from the repository)."""


def pre_commit_config() -> str:
    """The ``.pre-commit-config.yaml`` of a catalog repository: the ``servicecatalog-validate``
    hook run by the ``servicecatalog`` installed in the environment (as the CI recipes install
    it), so it works before a release is tagged; docs/ci.md#ci-recipes gives the hook at its tag
    as the alternative."""
    return (
        "# pre-commit (https://pre-commit.com) checks the catalog files of every commit with the\n"
        "# servicecatalog installed where it runs (README, Install):\n"
        "#   pip install pre-commit && pre-commit install\n"
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: servicecatalog-validate\n"
        "        name: servicecatalog validate\n"
        "        entry: servicecatalog validate\n"
        "        language: system\n"
        "        pass_filenames: true\n"
        "        require_serial: true\n"
        f"        files: {HOOK_FILES}\n"
    )


def ci_workflow(catalog: str) -> str:
    """A GitHub Actions workflow for a repository whose catalog is the folder ``catalog``: every
    push and pull request validated, with annotations; on a pull request, the diff against the
    base branch posted as a comment."""
    base = "${{ github.base_ref }}"
    return f"""\
name: catalog
on:
  push: {{branches: [main]}}
  pull_request:
jobs:
  check:
    runs-on: ubuntu-latest
    permissions: {{contents: read, pull-requests: write}}
    steps:
      - uses: actions/checkout@v4
        with: {{fetch-depth: 0}}             # the base branch must be there for git:REV
      - uses: actions/setup-python@v5
        with: {{python-version: "3.11"}}
      - run: {_project.INSTALL_COMMAND}
      - run: servicecatalog validate {catalog} --format github
      - if: github.event_name == 'pull_request'
        run: servicecatalog diff git:origin/{base}:{catalog} {catalog} --format markdown > diff.md
      - if: github.event_name == 'pull_request' && always()
        run: gh pr comment ${{{{ github.event.pull_request.number }}}} --body-file diff.md
        env: {{GH_TOKEN: "${{{{ github.token }}}}"}}
"""


SCHEMA_FILES = {
    "item.schema.json": ["items/*.yaml", "items/*.yml"],
    "manifest.schema.json": ["catalog.yaml"],
    "laws.schema.json": ["laws.yaml"],
    "regions.schema.json": ["regions.yaml"],
    "implementations.schema.json": ["implementations/*.yaml", "implementations/*.yml"],
    "synonyms.schema.json": ["synonyms.yaml"],
    "referrals.schema.json": ["referrals.yaml"],
    "calendar.schema.json": ["calendar/*.yaml"],
}
"""Which files of a catalog each schema describes, as globs relative to the catalog folder."""


def vscode_settings(base: str = f"./{SCHEMAS_DIR}/") -> str:
    """``.vscode/settings.json`` for a catalog at the root of the workspace: the YAML extension
    (redhat.vscode-yaml) checks and completes each kind of file against its schema, read from
    ``base``: the workspace's ``schemas/`` (default), or :data:`_project.SCHEMA_BASE` to fetch
    them from where this version serves them."""
    settings = {
        "yaml.schemas": {f"{base}{name}": globs for name, globs in SCHEMA_FILES.items()},
        "files.encoding": "utf8",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


# ---- new --------------------------------------------------------------------------------------


def new_item(catalog: Path, code: str, item_type: ItemType, *, today: date | None = None) -> Path:
    """Write the skeleton of item ``code`` into ``catalog/items/`` and return its path; an
    existing file is never replaced."""
    problem = describe_code_problem(code)
    if problem is not None:
        raise ServiceCatalogError(f"{code!r}: {problem[1]}")
    if not (catalog / MANIFEST_FILE).is_file():
        raise ServiceCatalogError(f"{catalog}: not a catalog: {MANIFEST_FILE} is missing")
    folder = catalog / ITEMS_DIR
    target = folder / f"{code}.yaml"
    if os.path.lexists(target):
        raise ServiceCatalogError(f"{target}: already exists")
    if os.path.lexists(folder) and (not folder.is_dir() or not within(folder, catalog.resolve())):
        # Through a link out of the catalog the item would be written elsewhere, and never read.
        raise ServiceCatalogError(
            f"{folder}: not a folder inside the catalog (a file, or a link out of it); new "
            "writes only into the catalog's own items/"
        )
    folder.mkdir(exist_ok=True)
    manifest = read_manifest(catalog)
    day = today or today_in(manifest.timezone if manifest else None)
    write_atomically(target, item_skeleton(code, item_type, today=day, schema=schema_line(catalog)))
    return target


def item_skeleton(
    code: str, item_type: ItemType, *, today: date | None = None, schema: str = SCHEMA_LINE
) -> str:
    """A new item with every key of the format in the format's order: the code, the type and a
    first revision filled in, everything else empty or null (each with the format's note);
    ``schema`` is its first line (see :func:`schema_line`)."""
    given: dict[str, str] = {
        "code": f'"{code}"',
        "item_type": item_type.value,
        "sub_item_name": "null" if code.endswith("000") else '""',
    }
    lines = [
        schema,
        "# 新事项的骨架：填写每一项，然后运行 servicecatalog validate，它会指出尚未填写的项。\n",
    ]
    for key, info in Item.model_fields.items():
        if key in given:
            lines.append(_line(0, key, given[key], info))
        elif key == "penalty" and item_type is ItemType.ADMINISTRATIVE_PENALTY:
            lines.extend(_mapping(0, key, info, _model_of(info.annotation)))
        elif key == "revision":
            day = (today or today_in()).isoformat()
            lines.append(_line(0, key, None, info))
            lines.append("  version: 1\n")
            lines.append(f'  changed_on: "{day}"\n')
            lines.append("  published_on: null            # 公开之日；待公开时为 null\n")
        else:
            lines.extend(_entry(0, key, info))
    return "".join(lines)


def _entry(depth: int, key: str, info: FieldInfo) -> list[str]:
    annotation = info.annotation
    model = _model_of(annotation)
    if model is not None and not _nullable(annotation):
        return _mapping(depth, key, info, model)
    if _nullable(annotation):
        return [_line(depth, key, "null", info)]
    if typing.get_origin(annotation) in (tuple, list):
        return [_line(depth, key, "[]", info)]
    if typing.get_origin(annotation) is dict:
        return [_line(depth, key, "{}", info)]
    return [_line(depth, key, '""', info)]


def _mapping(depth: int, key: str, info: FieldInfo, model: type[BaseModel] | None) -> list[str]:
    lines = [_line(depth, key, None, info)]
    for name, field in (model.model_fields if model else {}).items():
        lines.extend(_entry(depth + 1, name, field))
    return lines


def _line(depth: int, key: str, value: str | None, info: FieldInfo) -> str:
    text = f"{'  ' * depth}{key}:" + (f" {value}" if value is not None else "")
    note = _note(info)
    return f"{text:<32}# {note}\n" if note else f"{text}\n"


def _note(info: FieldInfo) -> str:
    """The first sentence of the field's documentation, on one line."""
    first = (info.description or "").split("\n\n")[0].replace("\n", " ").strip()
    for end in (". ", "; "):
        if end in first:
            first = first.split(end)[0]
    return first.removesuffix(".").replace("``", "")


def _nullable(annotation: Any) -> bool:
    return type(None) in typing.get_args(annotation) and typing.get_origin(annotation) in (
        typing.Union,
        types.UnionType,
    )


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model class of a field that holds one model (or null), if it does."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        models = [arg for arg in typing.get_args(annotation) if _model_of(arg) is not None]
        if len(models) == 1:
            return _model_of(models[0])
    return None
