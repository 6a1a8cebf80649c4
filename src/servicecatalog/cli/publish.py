"""``servicecatalog guide``, ``site`` and ``build``: what is published from a catalog."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .console import progress_bar
from .exits import guarded, outside_catalogs, require_valid, unusable, write_output
from .options import (
    ALLOW_INVALID_OPTION,
    CATALOG_OPTION,
    TEMPLATES_OPTION,
    format_option,
    jobs_option,
)

__all__ = ["build", "guide", "site"]


@click.command()
@click.argument("code")
@format_option(
    ["html", "md", "docx", "handout", "form"],
    "html: a standalone page; md: Markdown; docx: Word, for the hall; handout: the "
    "citizen sections as HTML ready to print on at most two A4 pages (a QR code of the item's "
    "page when catalog.yaml sets site.base_url); form: the blank form --form (空白表格) as HTML "
    "ready to print, or Word when -o names a .docx file.",
    default="html",
)
@click.option(
    "--form",
    "form_id",
    default=None,
    metavar="ID",
    help="With --format form: the form to print (F1, F2, …).",
)
@click.option(
    "--sample",
    is_flag=True,
    help="With --format form: the sample (示例样表), filled with the fields' examples.",
)
@CATALOG_OPTION
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to this file instead of stdout (docx needs it on a terminal).",
)
@TEMPLATES_OPTION
@click.option(
    "--region",
    default=None,
    metavar="CODE",
    help="The region whose guide this is (its agency, address, hours, phones), e.g. 220100. "
    "Default: the province where it implements the item, else a list of the regions that do.",
)
@ALLOW_INVALID_OPTION
@guarded
def guide(
    code: str,
    fmt: str,
    form_id: str | None,
    sample: bool,
    catalog_path: Path | None,
    output: Path | None,
    templates_dir: Path | None,
    region: str | None,
    allow_invalid: bool,
) -> None:
    """Render the service guide (办事指南) of the item CODE.

    html and md go to stdout unless -o is given. docx is binary: give -o FILE, or redirect
    stdout to a file; on a terminal it exits 2. An unknown CODE, or a --region that does not
    implement it, exits 3 (naming the regions that do). A catalog with errors exits 1 and
    renders nothing, unless --allow-invalid.

    --format form --form ID prints the item's form ID blank (空白表格: boxes to write in, tick
    boxes for the options, help under each field), or with --sample filled with the examples and
    marked 样表; -o FILE.docx writes it as Word. An unknown ID exits 3 naming the item's forms.
    """
    from ..errors import ServiceCatalogError
    from ..guides import render_guide
    from ..opening import open_catalog

    if output is not None:
        outside_catalogs(output)
    if fmt == "form":
        if region is not None:
            raise click.UsageError(
                "--region does not apply to --format form: a form is the same in every region"
            )
        _print_form(code, form_id, sample, catalog_path, output, templates_dir, allow_invalid)
        return
    if form_id is not None or sample:
        raise click.UsageError("--form and --sample go with --format form")
    if fmt == "docx" and output is None and sys.stdout.isatty():
        raise click.UsageError("docx is binary: give -o FILE.docx or redirect stdout to a file")
    catalog = open_catalog(catalog_path)
    if code not in catalog:
        if code in catalog.invalid_files:
            [entry] = [e for e in catalog.left_out() if e.code == code]
            unusable(ServiceCatalogError(f"item {code} does not validate: {entry.reasons('en')}"))
        unusable(ServiceCatalogError(f"no item {code} in catalog {catalog.path}"))
    require_valid(catalog, allow_invalid)
    rendered = render_guide(
        catalog.item(code), fmt, catalog=catalog, templates_dir=templates_dir, region=region
    )
    _emit(rendered, output)


def _print_form(
    code: str,
    form_id: str | None,
    sample: bool,
    catalog_path: Path | None,
    output: Path | None,
    templates_dir: Path | None,
    allow_invalid: bool,
) -> None:
    from ..errors import ServiceCatalogError
    from ..guides import render_form
    from ..opening import open_catalog

    if form_id is None:
        raise click.UsageError("--format form needs --form ID (F1, F2, …)")
    catalog = open_catalog(catalog_path)
    if code not in catalog:
        unusable(ServiceCatalogError(f"no item {code} in catalog {catalog.path}"))
    require_valid(catalog, allow_invalid)
    word = output is not None and output.suffix.lower() == ".docx"
    rendered = render_form(
        catalog.item(code),
        form_id,
        "docx" if word else "html",
        catalog=catalog,
        sample=sample,
        templates_dir=templates_dir,
    )
    _emit(rendered, output)


def _emit(rendered: str | bytes, output: Path | None) -> None:
    """``rendered`` on stdout (bytes to the binary stdout), or written whole to ``output``."""
    if output is None:
        click.echo(rendered, nl=False)
        return
    write_output(output, rendered if isinstance(rendered, bytes) else rendered.encode("utf-8"))


@click.command()
@click.argument("outdir", type=click.Path(path_type=Path, file_okay=False))
@CATALOG_OPTION
@TEMPLATES_OPTION
@ALLOW_INVALID_OPTION
@jobs_option(
    "Processes that write the item pages (default: one per core when there are many items; "
    "1: this process writes everything). The site is the same whatever N is."
)
@guarded
def site(
    outdir: Path,
    catalog_path: Path | None,
    templates_dir: Path | None,
    allow_invalid: bool,
    jobs: int | None,
) -> None:
    """Build the static site of the catalog into OUTDIR: index.html with the four lists,
    search and filters, items/<code>.html, catalog.json. Works opened from disk.

    A catalog with errors exits 1 and publishes nothing, unless --allow-invalid (the index and
    catalog.json then say which items were left out and why). OUTDIR is replaced atomically and
    only when everything in it was written by this command (a .git folder, the catalog, any
    other file: exit 3); a failed build leaves the previous site intact. A worker process that
    ends unexpectedly (killed, out of memory) exits 3 too.
    """
    from ..guides import build_site
    from ..opening import open_catalog
    from ..output import counted

    outside_catalogs(outdir)
    catalog = open_catalog(catalog_path)
    require_valid(catalog, allow_invalid)
    built = build_site(
        catalog, outdir, templates_dir=templates_dir, allow_invalid=allow_invalid, jobs=jobs
    )
    click.echo(str(built / "index.html"))
    click.echo(f"{counted(len(catalog), 'item page')} written to {built}", err=True)


@click.command()
@click.argument("source", required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The snapshot file to write (replaced atomically), e.g. catalog.json.",
)
@ALLOW_INVALID_OPTION
@guarded
def build(source: str | None, output: Path, allow_invalid: bool) -> None:
    """Compile the catalog SOURCE (a folder, or git:REV[:PATH]; default: the current folder
    when it holds catalog.yaml, else ./catalog) into one
    JSON snapshot, which sc.load_snapshot reads back in a fraction of the time, and which the
    --catalog option of guide, site, stats and coverage accepts in place of the folder.

    The snapshot is the site's catalog.json with the regions, the implementation lists, the
    report's findings and the calendar overrides, the tool's version and the commit SOURCE was
    read from. A catalog with errors exits 1 and writes nothing, unless --allow-invalid.
    """
    from ..opening import open_catalog_at_commit
    from ..snapshot import write_snapshot

    outside_catalogs(output)
    with progress_bar("build") as progress:
        catalog, origin = open_catalog_at_commit(source, progress=progress)
    require_valid(catalog, allow_invalid)
    written = write_snapshot(
        catalog,
        output,
        commit=origin.commit if origin else None,
        modified=origin.modified if origin else False,
        allow_invalid=allow_invalid,
    )
    click.echo(str(written))
    click.echo(f"{len(catalog)} items written to {written}", err=True)
