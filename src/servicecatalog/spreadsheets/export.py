"""The catalog as a workbook a clerk can read, edit and publish (docs/format.md#workbooks).

The data sheets hold the whole catalog, one row per item, material, step, citation … under the
national element names, so that ``servicecatalog import`` reads it back unchanged; the lists'
notice tables (公示表) follow, one sheet per list, laid out as the lists are published. The same
catalog always gives the same bytes: the workbook's dates and the archive's time stamps are the
catalog's own, never the clock's.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._files import write_atomically
from ..errors import ServiceCatalogError
from ..model import (
    DeadlineLimit,
    Implementation,
    Item,
    LegalDuration,
    LegalReference,
    StagedLimit,
)
from .layout import (
    CHILD_ELEMENTS,
    DISCRETION,
    FAQ,
    FORMS,
    HANDLING_PROCESS,
    IMPLEMENTATIONS,
    INTERMEDIARY,
    ITEMS,
    LAWS,
    LEGAL_BASIS,
    LISTS,
    MANIFEST,
    MANIFEST_FIELDS,
    MATERIALS,
    NONE_LISTED,
    NOT_APPLICABLE,
    NOTICE_HEADERS,
    OWNER_FAQ,
    OWNER_FEE,
    OWNER_INTERMEDIARY,
    OWNER_ITEM,
    OWNER_LEGAL_LIMIT,
    OWNER_MATERIAL,
    OWNER_REMEDY_ROUTE,
    OWNER_REVIEWABLE,
    REGIONS,
    REMEDY_ROUTES,
    RESPONSIBILITIES,
    SERVICE_PROCESS,
    SHEETS,
    Column,
    Kind,
    Sheet,
)
from .phrases import limit_phrase

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from ..catalog import Catalog

__all__ = ["UnknownListError", "export_workbook", "workbook_bytes"]

Row = tuple[Any, ...]
Progress = Callable[[int, int], None]

_EPOCH = datetime(2020, 1, 1)
"""The workbook's time stamp when the catalog holds no date at all."""
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_TEXT_FORMAT = "@"
_VALIDATED_ROWS = 5000
"""Data-validation lists cover this many rows below the header, room for a clerk to add rows."""


class UnknownListError(ServiceCatalogError):
    """``--list NAME`` names no list of the catalog."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        super().__init__(f"no list {name!r} in the catalog; its lists are {', '.join(known)}")
        self.name = name
        self.known = tuple(known)


def export_workbook(
    catalog: Catalog,
    target: Path,
    *,
    list_name: str | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the workbook of ``catalog`` to ``target`` atomically; with ``list_name`` (a list's
    id or title), only that list's notice table. Returns ``target``."""
    write_atomically(target, workbook_bytes(catalog, list_name=list_name, progress=progress))
    return target


def workbook_bytes(
    catalog: Catalog, *, list_name: str | None = None, progress: Progress | None = None
) -> bytes:
    """The workbook of ``catalog`` as bytes, the same for the same catalog."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]  # a new workbook has a sheet
    lists = _selected_lists(catalog, list_name)
    steps = ([] if list_name else list(_data_sheets(catalog))) + [
        (title, _notice_writer(catalog, list_id, title)) for list_id, title in lists
    ]
    for done, (name, write) in enumerate(steps, start=1):
        write(workbook.create_sheet(name))
        if progress is not None:
            progress(done, len(steps))
    stamp = _stamp(catalog)
    workbook.properties.creator = "servicecatalog"
    workbook.properties.title = catalog.manifest.name if catalog.manifest else None
    workbook.properties.created = workbook.properties.modified = stamp
    return _reproducible(_stored(workbook))


def _stored(workbook: Workbook) -> bytes:
    """The workbook's archive uncompressed: it is compressed once, when it is made
    reproducible."""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return buffer.getvalue()


def _selected_lists(catalog: Catalog, list_name: str | None) -> list[tuple[str, str]]:
    declared = [
        (list_id, spec.title)
        for list_id, spec in (catalog.manifest.lists.items() if catalog.manifest else ())
    ]
    if list_name is None:
        return declared
    chosen = [entry for entry in declared if list_name in entry]
    if not chosen:
        raise UnknownListError(list_name, [f"{i} ({title})" for i, title in declared])
    return chosen


def _stamp(catalog: Catalog) -> datetime:
    """The latest day the catalog records: the workbook's creation and modification time."""
    days = [d for item in catalog.items() for d in _revision_days(item)]
    return datetime.combine(max(days), datetime.min.time()) if days else _EPOCH


def _revision_days(item: Item) -> Iterator[date]:
    yield item.revision.changed_on
    if item.revision.published_on is not None:
        yield item.revision.published_on


def _reproducible(data: bytes) -> bytes:
    """The archive compressed, with fixed time stamps (zipfile takes the clock's)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info)
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            archive.writestr(fixed, content)
    return output.getvalue()


# ---- data sheets ------------------------------------------------------------------------------


SheetWriter = Callable[["Worksheet"], None]


def _data_sheets(catalog: Catalog) -> Iterator[tuple[str, SheetWriter]]:
    items = catalog.items()
    producers: dict[str, Callable[[], Iterable[Row]]] = {
        ITEMS.name: lambda: (_item_row(item, catalog) for item in items),
        MATERIALS.name: lambda: _material_rows(items),
        SERVICE_PROCESS.name: lambda: _service_rows(items),
        HANDLING_PROCESS.name: lambda: _handling_rows(items),
        LEGAL_BASIS.name: lambda: _citation_rows(items, catalog),
        FORMS.name: lambda: _form_rows(items),
        FAQ.name: lambda: _faq_rows(items),
        RESPONSIBILITIES.name: lambda: _responsibility_rows(items),
        DISCRETION.name: lambda: _discretion_rows(items),
        INTERMEDIARY.name: lambda: _intermediary_rows(items),
        REMEDY_ROUTES.name: lambda: _remedy_rows(items),
        IMPLEMENTATIONS.name: lambda: _implementation_rows(catalog),
        MANIFEST.name: lambda: _manifest_rows(catalog),
        LISTS.name: lambda: _list_rows(catalog),
        LAWS.name: lambda: _law_rows(catalog),
        REGIONS.name: lambda: _region_rows(catalog),
    }
    for sheet in SHEETS:
        yield sheet.name, partial(_write_produced, sheet=sheet, produce=producers[sheet.name])


def _write_produced(
    worksheet: Worksheet, *, sheet: Sheet, produce: Callable[[], Iterable[Row]]
) -> None:
    _write_table(worksheet, sheet, produce())


def _write_table(worksheet: Worksheet, sheet: Sheet, rows: Iterable[Row]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="D9E1F2")
    wrap = Alignment(wrap_text=True, vertical="top")
    worksheet.append([column.header for column in sheet.columns])
    for cell in worksheet[1]:
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
    count = 1
    for row in rows:
        worksheet.append([_cell_value(value) for value in row])
        count += 1
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        worksheet.column_dimensions[letter].width = column.width
        _format_column(worksheet, column, index, count)
        _validate_column(worksheet, column, letter)
    worksheet.freeze_panes = "A2"
    if count > 1:
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{count}"


def _cell_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        # dates are text cells (docs/format.md#workbooks), read back as written
        return value.isoformat()
    return value


def _format_column(worksheet: Worksheet, column: Column, index: int, rows: int) -> None:
    """Texts are text columns (what a clerk types into them stays text), codes and dates are
    text cells too (editing a code never turns it into a number that loses its zeros; a date
    stays YYYY-MM-DD whatever the reader's locale, docs/format.md#workbooks); numbers stay
    numbers. Import takes a date a clerk typed as an Excel date as well."""
    from openpyxl.utils import get_column_letter

    if column.kind is Kind.INT:
        return
    number_format = _TEXT_FORMAT
    worksheet.column_dimensions[get_column_letter(index)].number_format = number_format
    if column.kind not in (Kind.CODE, Kind.PHONE, Kind.DATE):
        return
    for (cell,) in worksheet.iter_rows(min_row=2, max_row=rows, min_col=index, max_col=index):
        cell.number_format = number_format


def _validate_column(worksheet: Worksheet, column: Column, letter: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    if column.kind is Kind.ENUM:
        terms: tuple[str, ...] = column.terms
    elif column.kind is Kind.BOOL:
        terms = ("是", "否")
    else:
        return
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(terms) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=column.header,
        error="应为以下之一：" + "、".join(terms),
    )
    validation.add(f"{letter}2:{letter}{_VALIDATED_ROWS}")
    worksheet.add_data_validation(validation)


def _joined(values: Iterable[Any]) -> str:
    return "、".join(str(getattr(value, "value", value)) for value in values)


def _optional(item: Item, key: str, value: Any) -> Any:
    """A national guide element as its cell shows it: blank when the file leaves it out, 不适用
    for null, 无 for an empty list."""
    if not item.given(key):
        return None
    if value is None:
        return NOT_APPLICABLE
    if isinstance(value, tuple):
        return _joined(value) if value else NONE_LISTED
    return str(getattr(value, "value", value))


def _child_marker(item: Item, key: str) -> Any:
    """The 事项 cell of an element kept on its own sheet: how many rows, 无, or blank."""
    value = getattr(item, key)
    if key == "discretion" and isinstance(value, str):
        return value
    if not item.given(key):
        return None
    if value is None:
        return NOT_APPLICABLE
    return len(value) if value else NONE_LISTED


def _item_row(item: Item, catalog: Catalog) -> Row:
    manifest_lists = catalog.manifest.lists if catalog.manifest else {}
    titles = [manifest_lists[i].title if i in manifest_lists else i for i in item.lists]
    legal = item.time_limit.legal
    penalty = item.penalty
    result = item.result
    values: dict[str, Any] = {
        "code": item.code,
        "implementation_code": _provincial_implementation_code(catalog, item),
        "main_item_name": item.main_item_name,
        "sub_item_name": item.sub_item_name,
        "item_type": item.item_type.value,
        "lists": "、".join(titles),
        "department": item.department,
        "one_thing": item.one_thing,
        "levels": _joined(item.levels),
        "conditions": "\n".join(item.conditions) if item.conditions else None,
        "visits": item.visits,
        "legal_limit": limit_phrase(legal) if legal is not None else None,
        "committed_days": item.time_limit.committed.days,
        "committed_unit": item.time_limit.committed.unit.value,
        "handling_type": item.handling_type.value,
        "fee_charged": item.fee.charged,
        "fee_standard": item.fee.standard,
        "penalty_conduct": penalty.conduct if penalty else None,
        "penalty_kinds": _joined(penalty.kinds) if penalty else None,
        "penalty_range": penalty.range if penalty else None,
        "audience": _optional(item, "audience", item.audience),
        "result_type": _optional(item, "result", result.type if result else None),
        "result_name": result.name if result else None,
        "result_sample": result.sample if result else None,
        "online_depth": _optional(item, "online_depth", item.online_depth),
        "scope": _optional(item, "scope", item.scope),
        "quantity_limit": _optional(item, "quantity_limit", item.quantity_limit),
        "version": item.revision.version,
        "changed_on": item.revision.changed_on,
        "published_on": item.revision.published_on,
    }
    for key in CHILD_ELEMENTS:
        values[key] = _child_marker(item, key)
    values["remedy_relation"] = _remedy_marker(item)
    return tuple(values[column.key] for column in ITEMS.columns)


def _remedy_marker(item: Item) -> str | None:
    """The 救济关系 cell: the relation, 无 for remedies without one, 不适用 for null, blank when
    the file leaves remedies out (the guide then derives them from the item's type)."""
    if not item.given("remedies"):
        return None
    if item.remedies is None:
        return NOT_APPLICABLE
    relation = item.remedies.relation
    return relation.value if relation is not None else NONE_LISTED


def _provincial_implementation_code(catalog: Catalog, item: Item) -> str | None:
    """The 实施编码 of the province's implementation, where its agency's credit code is known."""
    for region, entry in catalog.implementers(item.code):
        if region.parent is None:
            return entry.implementation_code
    return None


def _material_rows(items: Sequence[Item]) -> Iterator[Row]:
    for item in items:
        for m in item.materials:
            yield (
                item.code,
                item.name,
                m.id,
                m.name,
                m.form.value,
                m.copies,
                m.source.value,
                m.requirement.value,
                m.exempt_by.value if m.exempt_by else None,
                m.form_id,
            )


def _service_rows(items: Sequence[Item]) -> Iterator[Row]:
    for item in items:
        for step in item.service_process:
            yield item.code, item.name, step.id, step.name, step.channel.value, step.on_site


def _handling_rows(items: Sequence[Item]) -> Iterator[Row]:
    for item in items:
        for step in item.handling_process:
            yield item.code, item.name, step.id, step.name, step.role.value, step.working_days


def _form_rows(items: Sequence[Item]) -> Iterator[Row]:
    for item in items:
        for form in item.forms:
            for number, form_field in enumerate(form.fields):
                yield (
                    item.code,
                    item.name,
                    form.id,
                    form.name,
                    form_field.name,
                    form_field.type.value,
                    form_field.required,
                    "\n".join(form_field.options) if form_field.options else None,
                    True if form_field.multiple else None,
                    form_field.help,
                    form_field.example,
                    form_field.max_length,
                    form_field.unit,
                    form.description if number == 0 else None,
                )


def _faq_rows(items: Sequence[Item]) -> Iterator[Row]:
    for item in items:
        for number, faq in enumerate(item.faq or (), start=1):
            yield item.code, item.name, number, faq.question, faq.answer


def _responsibility_rows(items: Sequence[Item]) -> Iterator[Row]:
    for item in items:
        for duty in item.responsibilities or ():
            yield item.code, item.name, duty.stage.value, duty.duty


def _discretion_rows(items: Sequence[Item]) -> Iterator[Row]:
    for item in items:
        if isinstance(item.discretion, tuple):
            for entry in item.discretion:
                yield item.code, item.name, entry.circumstance, entry.penalty


def _intermediary_rows(items: Sequence[Item]) -> Iterator[Row]:
    for item in items:
        for number, service in enumerate(item.intermediary_services or (), start=1):
            yield item.code, item.name, number, service.name


def _remedy_rows(items: Sequence[Item]) -> Iterator[Row]:
    for item in items:
        routes = item.remedies.routes if item.remedies else ()
        for number, route in enumerate(routes, start=1):
            yield item.code, item.name, number, route.title, route.text


def citations(item: Item) -> Iterator[tuple[str, LegalReference]]:
    """Every citation of ``item`` with what it is the basis of (the 依据对象 of its row)."""
    for reference in item.legal_basis:
        yield OWNER_ITEM, reference
    for material in item.materials:
        for reference in material.legal_basis:
            yield f"{OWNER_MATERIAL} {material.id}", reference
    for reference in item.fee.legal_basis:
        yield OWNER_FEE, reference
    yield from _limit_citations(item.time_limit.legal)
    for number, faq in enumerate(item.faq or (), start=1):
        for reference in faq.legal_basis:
            yield f"{OWNER_FAQ} {number}", reference
    for number, service in enumerate(item.intermediary_services or (), start=1):
        for reference in service.legal_basis:
            yield f"{OWNER_INTERMEDIARY} {number}", reference
    if item.remedies is not None:
        for number, route in enumerate(item.remedies.routes, start=1):
            for reference in route.legal_basis:
                yield f"{OWNER_REMEDY_ROUTE} {number}", reference
        for reference in item.remedies.reviewable_under:
            yield OWNER_REVIEWABLE, reference


def _limit_citations(
    legal: LegalDuration | StagedLimit | DeadlineLimit | None,
) -> Iterator[tuple[str, LegalReference]]:
    if isinstance(legal, StagedLimit):
        for stage in legal.stages:
            if stage.basis is not None:
                yield f"{OWNER_LEGAL_LIMIT} {stage.name}", stage.basis
    elif legal is not None and legal.basis is not None:
        yield OWNER_LEGAL_LIMIT, legal.basis


def _citation_rows(items: Sequence[Item], catalog: Catalog) -> Iterator[Row]:
    for item in items:
        for owner, reference in citations(item):
            law = catalog.laws.get(reference.law)
            yield (
                item.code,
                item.name,
                owner,
                law.name if law else reference.law,
                "、".join(reference.articles),
            )


def _implementation_rows(catalog: Catalog) -> Iterator[Row]:
    for region_code in sorted(catalog.implementation_lists):
        region = catalog.regions.get(region_code)
        for entry in catalog.implementations(region_code):
            yield _implementation_row(catalog, region_code, region.name if region else None, entry)


def _implementation_row(
    catalog: Catalog, region_code: str, region_name: str | None, entry: Implementation
) -> Row:
    item_name = catalog.item(entry.item).name if entry.item in catalog else None
    listed = catalog.implementation_lists.get(region_code)
    revision = listed.revision if listed is not None else None
    values: dict[str, Any] = {
        "list_version": revision.version if revision else None,
        "list_changed_on": revision.changed_on if revision else None,
        "list_published_on": revision.published_on if revision else None,
        "region": region_code,
        "region_name": region_name,
        "code": entry.item,
        "item_name": item_name,
        "power_source": entry.power_source.value,
        "implementation_code": entry.implementation_code,
    }
    return tuple(
        values[column.key] if column.key in values else getattr(entry, column.key)
        for column in IMPLEMENTATIONS.columns
    )


def _manifest_rows(catalog: Catalog) -> Iterator[Row]:
    manifest = catalog.manifest
    if manifest is None:
        return
    values = {
        "name": manifest.name,
        "organizer": manifest.organizer,
        "province": manifest.province,
        "department": manifest.department,
        "working_days": str(manifest.publication.working_days),
        "timezone": manifest.timezone,
        "base_url": manifest.site.base_url if manifest.site else None,
        "popular": "、".join(manifest.site.popular)
        if manifest.site and manifest.site.popular
        else None,
    }
    for key, label in MANIFEST_FIELDS.items():
        yield label, values[key]


def _list_rows(catalog: Catalog) -> Iterator[Row]:
    for list_id, spec in catalog.manifest.lists.items() if catalog.manifest else ():
        yield list_id, spec.title, spec.expected, spec.subset_of


def _law_rows(catalog: Catalog) -> Iterator[Row]:
    for law in catalog.laws.values():
        yield (
            law.id,
            law.name,
            law.kind.value,
            law.issuer,
            law.effective,
            law.current_since,
            law.current_document,
        )


def _region_rows(catalog: Catalog) -> Iterator[Row]:
    for region in catalog.regions.values():
        yield (
            region.code,
            region.name,
            region.level.value,
            region.parent,
            True if region.synthetic else None,
        )


# ---- notice tables ------------------------------------------------------------------------------

_NOTICE_WIDTHS = (6, 28, 24, 12, 15, 26, 56)


def _display_width(text: str) -> int:
    return sum(1 if char.isascii() else 2 for char in text) + 1


def _notice_writer(catalog: Catalog, list_id: str, title: str) -> SheetWriter:
    return lambda worksheet: _write_notice(worksheet, catalog, list_id, title)


def notice_rows(catalog: Catalog, list_id: str) -> list[Row]:
    """The rows of a list's notice table: 序号, 事项名称, 子项, 事项类型, 基本编码, 实施主体, 设定依据."""
    rows = []
    for number, item in enumerate(catalog.items(list=list_id), start=1):
        rows.append(
            (
                number,
                item.main_item_name,
                item.sub_item_name,
                item.item_type.value,
                item.code,
                _implementing_body(catalog, item),
                _basis_text(catalog, item.legal_basis),
            )
        )
    return rows


def _implementing_body(catalog: Catalog, item: Item) -> str:
    """The province's implementing agency where it implements the item; else the department
    whose catalog it is, with the division that handles the item (养老保险处 is no body of its
    own)."""
    for region, entry in catalog.implementers(item.code):
        if region.parent is None:
            return entry.agency
    organizer = catalog.manifest.organizer if catalog.manifest else None
    if organizer is None or organizer == item.department:
        return item.department
    return f"{organizer}（{item.department}）"


def _basis_text(catalog: Catalog, references: Sequence[LegalReference]) -> str:
    parts = []
    for reference in references:
        law = catalog.laws.get(reference.law)
        parts.append(f"《{law.name if law else reference.law}》{'、'.join(reference.articles)}")
    return "；".join(parts)


def _write_notice(worksheet: Worksheet, catalog: Catalog, list_id: str, title: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    items = catalog.items(list=list_id)
    days = [d for item in items for d in _revision_days(item)]
    width = len(NOTICE_HEADERS)
    last = get_column_letter(width)
    organizer = catalog.manifest.organizer if catalog.manifest else None
    worksheet.append([f"{organizer}{title}" if organizer else title])
    worksheet.merge_cells(f"A1:{last}1")
    worksheet["A1"].font = Font(bold=True, size=16)
    worksheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    worksheet.row_dimensions[1].height = 32
    worksheet.append(["更新日期：" + (f"{max(days):%Y-%m-%d}" if days else "")])
    worksheet.merge_cells(f"A2:{last}2")
    worksheet["A2"].alignment = Alignment(horizontal="right")
    worksheet.append(list(NOTICE_HEADERS))
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for cell in worksheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    wrap = Alignment(wrap_text=True, vertical="center")
    for row in notice_rows(catalog, list_id):
        worksheet.append(list(row))
        for cell in worksheet[worksheet.max_row]:
            cell.alignment, cell.border = wrap, border
            if cell.column != 1:
                cell.number_format = _TEXT_FORMAT
        # Spreadsheets do not grow a row to its wrapped text when they open a file, so the
        # height is set from the longest cell: a Chinese character is two width units.
        lines = max(
            -(-_display_width(str(value or "")) // width)
            for value, width in zip(row, _NOTICE_WIDTHS, strict=True)
        )
        worksheet.row_dimensions[worksheet.max_row].height = 15 * max(lines, 1) + 3
    for index, column_width in enumerate(_NOTICE_WIDTHS, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column_width
    worksheet.freeze_panes = "A4"
    worksheet.print_title_rows = "3:3"
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.paperSize = worksheet.PAPERSIZE_A4
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]  # set by openpyxl
