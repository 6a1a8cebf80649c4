"""The 空白表格 and the 示例样表 of a form: printed in the hall, linked from the portal.

:func:`form_view` turns one form of an item into a :class:`FormView`: each field with the kind
of entry it is written in (a line, a box per character of a 公民身份号码, a date, tick boxes for
the options), its 填写说明 and, on the sample, its example. :func:`render_form` lays the view out
as HTML ready to print on A4 (template ``form.html``; the DOCX is
:func:`servicecatalog.guides.word.render_form_docx`, and
:func:`servicecatalog.guides.render_form` chooses between them). Both are drawn from the same
field definitions as the form's JSON Schema, so the paper form and the portal ask the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import jinja2
from markupsafe import Markup

from ..catalog import Catalog
from ..forms import MULTIPLE_SEPARATOR
from ..model import FieldType, FormField, Item
from .display import organizer
from .environment import render_template, static_source

__all__ = ["FieldEntry", "FormView", "form_view", "render_form_html"]

FORM_STYLESHEET = "static/form.css"

ID_NUMBER_BOXES = 18

_LONG_TEXT_ENDINGS = ("经过和原因", "理由", "情况", "业绩", "描述", "摘要", "请求", "成就", "经历")
"""Text fields answered in sentences: they get several lines to write on."""


@dataclass(frozen=True)
class FieldEntry:
    """One field of the printed form."""

    number: int
    name: str
    required: bool
    entry: Literal["line", "lines", "boxes", "date", "choice", "file"]
    """How the applicant writes it: a line, several lines, a box per character (公民身份号码),
    year–month–day, tick boxes, or an attachment."""
    options: tuple[tuple[str, bool], ...]
    """(option, ticked) for a choice field; ticked only on the sample."""
    multiple: bool
    help: str | None
    unit: str | None
    value: str | None
    """The example (sample only, not for choice fields: their options are ticked instead)."""

    @property
    def characters(self) -> tuple[str, ...]:
        """The value character by character for boxed entries (blank boxes on the blank form)."""
        text = self.value or ""
        return tuple(text.ljust(ID_NUMBER_BOXES))[:ID_NUMBER_BOXES]

    @property
    def date_parts(self) -> tuple[str, str, str]:
        """(year, month, day) of a dated sample entry, blanks on the blank form."""
        if self.value is None:
            return ("", "", "")
        year, month, day = self.value.split("-")
        return (year, str(int(month)), str(int(day)))


@dataclass(frozen=True)
class FormView:
    """A form as printed: its heading, the material it is filed as, and its fields."""

    catalog_name: str
    organizer: str | None
    code: str
    item_name: str
    form_id: str
    name: str
    description: str | None
    material: str | None
    """The name of the material this form is (申请材料), where one refers to it."""
    sample: bool
    fields: tuple[FieldEntry, ...]
    version: int
    changed_on: str

    @property
    def title(self) -> str:
        return f"{self.name}（示例样表）" if self.sample else self.name

    @property
    def has_examples(self) -> bool:
        return any(
            field.value is not None or any(t for _, t in field.options) for field in self.fields
        )


def form_view(item: Item, form_id: str, catalog: Catalog, *, sample: bool = False) -> FormView:
    """The printed form ``form_id`` of ``item``, blank or (``sample``) filled with the examples.

    ``KeyError`` when the item has no such form.
    """
    form = item.form(form_id)
    manifest = catalog.manifest
    material = next((m.name for m in item.materials if m.form_id == form.id), None)
    return FormView(
        catalog_name=manifest.name if manifest is not None else "",
        organizer=organizer(manifest),
        code=item.code,
        item_name=item.name,
        form_id=form.id,
        name=form.name,
        description=form.description,
        material=material,
        sample=sample,
        fields=tuple(
            _entry(number, field, sample) for number, field in enumerate(form.fields, start=1)
        ),
        version=item.revision.version,
        changed_on=item.revision.changed_on.isoformat(),
    )


def _entry(number: int, field: FormField, sample: bool) -> FieldEntry:
    example = field.example if sample else None
    chosen = (
        set(example.split(MULTIPLE_SEPARATOR) if field.multiple else [example])
        if example
        else set()
    )
    return FieldEntry(
        number=number,
        name=field.name,
        required=field.required,
        entry=_entry_kind(field),
        options=tuple((option, option in chosen) for option in field.options or ()),
        multiple=field.multiple,
        help=field.help,
        unit=field.unit,
        value=None if field.type is FieldType.CHOICE and field.options else example,
    )


def _entry_kind(field: FormField) -> Literal["line", "lines", "boxes", "date", "choice", "file"]:
    match field.type:
        case FieldType.ID_NUMBER:
            return "boxes"
        case FieldType.DATE:
            return "date"
        case FieldType.CHOICE if field.options:
            return "choice"
        case FieldType.FILE:
            return "file"
        case FieldType.TEXT if (
            field.name.endswith(_LONG_TEXT_ENDINGS) or (field.max_length or 0) > 100
        ):
            return "lines"
    return "line"


def render_form_html(view: FormView, environment: jinja2.Environment) -> str:
    """``view`` as a standalone HTML page (template ``form.html``, ``static/form.css`` inlined)."""
    return render_template(
        environment,
        "form.html",
        form=view,
        inline_css=Markup(static_source(environment, FORM_STYLESHEET)),
    )
