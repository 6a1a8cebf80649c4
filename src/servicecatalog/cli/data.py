"""``servicecatalog init``, ``new``, ``schema``, ``export`` and ``import``: the files a catalog
is made of, started, described and exchanged as workbooks (docs/format.md#workbooks)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import __version__
from .console import progress_bar
from .exits import (
    EXIT_FINDINGS,
    exit_code,
    guarded,
    outside_catalogs,
    require_valid,
    unusable,
)
from .options import (
    ALLOW_INVALID_OPTION,
    CATALOG_FOLDER_OPTION,
    CATALOG_OPTION,
    LANG_OPTION,
    LazyChoice,
    fail_on_option,
    format_option,
    quiet_option,
)

if TYPE_CHECKING:
    from ..findings import Lang

__all__ = ["export", "import_", "init", "new", "schema"]


@click.command()
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--province",
    default="22",
    show_default=True,
    help="The two-digit province code of the catalog's items (22: 吉林省).",
)
@click.option(
    "--department",
    default="0114",
    show_default=True,
    help="The four-digit department code (0114: human resources and social security).",
)
@click.option(
    "--name",
    default=None,
    help="The catalog's name, the authority first, as guides and the site print it, e.g. "
    "辽宁省人力资源和社会保障厅政务服务事项目录. Required unless --from-reference.",
)
@click.option(
    "--from-reference",
    is_flag=True,
    help="Copy the reference catalog of 吉林省人力资源和社会保障厅 (149 items, the laws, "
    "regions and implementation lists) instead of starting with one example item.",
)
@guarded
def init(
    folder: Path, province: str, department: str, name: str | None, from_reference: bool
) -> None:
    """Start a catalog in DIR (missing, empty, or holding only .git): catalog.yaml, laws.yaml,
    one complete example item (or the reference catalog), .servicecatalog.yaml, and for the
    repository around it a pre-commit configuration, a GitHub Actions workflow and editor
    settings that map each file to its JSON Schema. The catalog validates as written.
    """
    from ..output import counted
    from ..scaffold import init_catalog

    if from_reference and name is not None:
        raise click.UsageError("--from-reference keeps the reference catalog's name: no --name")
    if not from_reference and name is None:
        raise click.UsageError(
            "init needs --name, the catalog's name with the authority first, as guides print "
            "it as 实施主体 and the site as 主办单位 "
            "(e.g. --name 辽宁省人力资源和社会保障厅政务服务事项目录)"
        )
    outside_catalogs(folder)
    written = init_catalog(
        folder,
        province=province,
        department=department,
        name=name,
        from_reference=from_reference,
    )
    for path in written:
        click.echo(str(path))
    click.echo(
        f"{counted(len(written), 'file')} written. Next: servicecatalog validate {folder}; "
        f"servicecatalog new CODE --type 公共服务 --catalog {folder} adds an item.",
        err=True,
    )


def _item_types() -> list[str]:
    from ..model import ItemType

    return [kind.value for kind in ItemType]


@click.command()
@click.argument("code")
@click.option(
    "--type",
    "item_type",
    type=LazyChoice(_item_types),
    required=True,
    help="The item type (事项类型).",
)
@CATALOG_FOLDER_OPTION
@guarded
def new(code: str, item_type: str, catalog_path: Path | None) -> None:
    """Write the skeleton of the item CODE into the catalog's items/: every key of the format,
    in order, empty until filled. servicecatalog validate then names each key still to fill.
    An existing file is never replaced (exit 3).
    """
    from ..codes import describe_code_problem
    from ..model import ItemType
    from ..opening import catalog_spec
    from ..scaffold import new_item

    problem = describe_code_problem(code)
    if problem is not None:
        raise click.BadParameter(problem[1], param_hint="CODE")
    target = new_item(Path(catalog_spec(catalog_path)), code, ItemType(item_type))
    click.echo(str(target))
    click.echo(f"Fill it in, then: servicecatalog validate {target}", err=True)


@click.command()
@click.option(
    "--output-dir",
    "-o",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the schema files into.",
)
@click.option("--check", is_flag=True, help="Do not write: exit 1 if the files differ.")
@click.option(
    "--forms",
    "forms_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Instead, write the JSON Schema of a submission of every form of the catalog into this "
    "folder, one file <code>.<form id>.schema.json each.",
)
@CATALOG_OPTION
@ALLOW_INVALID_OPTION
@guarded
def schema(
    output_dir: Path,
    check: bool,
    forms_dir: Path | None,
    catalog_path: Path | None,
    allow_invalid: bool,
) -> None:
    """Write the JSON Schemas (2020-12) of the catalog files, generated from the models.

    With --forms DIR, write instead the schema of each form's submission (what a portal checks an
    application against), read from the catalog (--catalog).
    """
    from ..schemas import schema_drift, write_schemas

    if forms_dir is not None:
        _write_form_schemas(forms_dir, catalog_path, allow_invalid)
        return
    if check:
        drifted = schema_drift(output_dir)
        for name in drifted:
            click.echo(f"{output_dir / name}: differs from the models", err=True)
        if drifted:
            click.echo("run `servicecatalog schema` to regenerate", err=True)
            sys.exit(EXIT_FINDINGS)
        click.echo(f"{output_dir}: up to date", err=True)
        return
    outside_catalogs(output_dir)
    for written in write_schemas(output_dir):
        click.echo(str(written))


def _write_form_schemas(folder: Path, catalog_path: Path | None, allow_invalid: bool) -> None:
    from ..errors import ServiceCatalogError
    from ..forms import write_form_schemas
    from ..opening import open_catalog

    outside_catalogs(folder)
    catalog = open_catalog(catalog_path)
    require_valid(catalog, allow_invalid)
    try:
        written = write_form_schemas(catalog.items(), folder)
    except OSError as error:
        unusable(ServiceCatalogError(f"{folder}: cannot write: {error.strerror}"))
    for path in written:
        click.echo(str(path))


@click.command("export")
@click.argument(
    "catalog_path", metavar="[CATALOG]", required=False, type=click.Path(path_type=Path)
)
@format_option(["xlsx"], "The format of the file written.", default="xlsx")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The workbook to write (replaced atomically), e.g. lists.xlsx.",
)
@click.option(
    "--list",
    "list_name",
    default=None,
    help="Only this list's notice table (公示表): a list id of catalog.yaml or its title.",
)
@ALLOW_INVALID_OPTION
@guarded
def export(
    catalog_path: Path | None, fmt: str, output: Path, list_name: str | None, allow_invalid: bool
) -> None:
    """Write the catalog CATALOG (a folder, a snapshot or git:REV[:PATH]; default: the current
    folder when it holds catalog.yaml, else catalog) as a workbook a clerk can read, edit and publish.

    Sheets 事项, 申请材料, 办理流程, 业务经办流程, 设定依据, 表单, 常见问题, 实施清单 and the
    others hold the whole catalog under the national element names, so that `servicecatalog
    import` reads it back unchanged; then one notice table per list (序号, 事项名称, 子项,
    事项类型, 基本编码, 实施主体, 设定依据, with a title row and the date). The same catalog
    always gives the same bytes. A catalog with errors exits 1 and writes nothing, unless
    --allow-invalid.
    """
    from ..errors import ServiceCatalogError
    from ..opening import open_catalog
    from ..spreadsheets.export import UnknownListError, export_workbook

    catalog = open_catalog(catalog_path)
    require_valid(catalog, allow_invalid)
    with progress_bar("export", what="sheets") as progress:
        try:
            written = export_workbook(catalog, output, list_name=list_name, progress=progress)
        except UnknownListError as error:
            raise click.BadParameter(error.message, param_hint="--list") from None
        except OSError as error:
            raise ServiceCatalogError(f"{output}: cannot write: {error.strerror}") from None
    click.echo(str(written))


@click.command("import")
@click.argument("workbook", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "target",
    metavar="DIR",
    type=click.Path(path_type=Path),
    required=True,
    help="The catalog folder to write; it must not exist.",
)
@click.option(
    "--mapping",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="A YAML file of the department's own sheet names and column headers (see docs/format.md).",
)
@format_option(["text", "json", "github", "sarif"], "Output format of the findings.")
@fail_on_option()
@LANG_OPTION
@quiet_option("the findings")
@guarded
def import_(
    workbook: Path,
    target: Path,
    mapping: Path | None,
    fmt: str,
    fail_on: str,
    lang: Lang,
    quiet: bool,
) -> None:
    """Read the workbook FILE (as `servicecatalog export` writes it, or a department's own with
    --mapping) into the new catalog folder DIR.

    Every problem is a finding located at 工作表!单元格 (申请材料!D14), in the formats of
    validate. The folder is written, whole, only when the workbook has no error; an existing
    DIR, or a file that is no readable workbook, exits 3. Run `servicecatalog validate DIR` and
    `servicecatalog diff OLD DIR` next.
    """
    from ..findings import Severity
    from ..reporting import findings_summary, render_report
    from ..spreadsheets.reading import import_workbook, load_mapping

    header_mapping = load_mapping(mapping) if mapping is not None else None
    with progress_bar("import", enabled=not quiet, what="sheets") as progress:
        result = import_workbook(workbook, target, header_mapping, progress=progress)
    report = result.report
    click.echo(render_report(report, fmt, lang, version=__version__), nl=False)  # type: ignore[arg-type]  # click.Choice
    if not quiet:
        click.echo(findings_summary(report, lang), err=True)
        if result.written is not None:
            click.echo(f"{result.written}: {len(result.files)} files written", err=True)
        else:
            click.echo(f"{target}: nothing written (the workbook has errors)", err=True)
    sys.exit(exit_code(report, Severity(fail_on)))
