"""A corpus of bad inputs: catalogs broken in every way a file can be broken.

Each entry is a name and a function that breaks a small, valid catalog (the bundled service and
penalty items, the real regions of 长春市 and their implementation lists) in place. Used by
``tests/test_bad_inputs.py`` (every command over every entry: never a traceback) and by the fuzz
script ``tests/fuzz/fuzz_catalog.py``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "catalog"
SERVICE_ITEM = "220114043000"
PENALTY_ITEM = "220114200000"
REGIONS = ("220000", "220100", "220102")

Breaker = Callable[[Path], None]


def small_catalog(root: Path) -> Path:
    """The two items, the manifest without list sizes, laws, three regions and their lists."""
    (root / "items").mkdir(parents=True)
    (root / "implementations").mkdir()
    shutil.copy(BUNDLED / "laws.yaml", root)
    manifest = (BUNDLED / "catalog.yaml").read_text(encoding="utf-8")
    for size in ("49", "100", "44", "12"):
        manifest = manifest.replace(f"expected: {size}", "expected: null")
    # The site's popular services name items this small catalog leaves out.
    manifest = re.sub(r"(?m)^  popular: .*\n", "", manifest)
    (root / "catalog.yaml").write_text(manifest, encoding="utf-8")
    for code in (SERVICE_ITEM, PENALTY_ITEM):
        shutil.copy(BUNDLED / "items" / f"{code}.yaml", root / "items")
    regions = [
        line
        for line in (BUNDLED / "regions.yaml").read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("- {code:") or any(f'"{code}"' in line for code in REGIONS)
    ]
    (root / "regions.yaml").write_text("\n".join(regions) + "\n", encoding="utf-8")
    for region in REGIONS:
        source = BUNDLED / "implementations" / f"{region}.yaml"
        kept = _implementations_of(source.read_text(encoding="utf-8"), (SERVICE_ITEM, PENALTY_ITEM))
        (root / "implementations" / f"{region}.yaml").write_text(kept, encoding="utf-8")
    return root


def _implementations_of(text: str, codes: tuple[str, ...]) -> str:
    """The implementation list ``text`` with only the entries of ``codes``."""
    head, _, body = text.partition("implementations:\n")
    entries = body.split("\n  - ")
    kept = [entry for entry in entries[1:] if any(f'item: "{code}"' in entry for code in codes)]
    return head + "implementations:\n" + "".join(f"  - {entry.rstrip()}\n" for entry in kept)


def _item(root: Path, code: str = SERVICE_ITEM) -> Path:
    return root / "items" / f"{code}.yaml"


def _write(relative: str, content: bytes) -> Breaker:
    def apply(root: Path) -> None:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or target.is_file():
            target.unlink()
        target.write_bytes(content)

    return apply


def _replace(relative: str, old: str, new: str) -> Breaker:
    def apply(root: Path) -> None:
        target = root / relative
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def _sub(relative: str, pattern: str, new: str) -> Breaker:
    """The first match of ``pattern`` replaced; an error when there is none, so that a breakage
    cannot silently stop breaking anything when the bundled files change."""

    def apply(root: Path) -> None:
        target = root / relative
        text = target.read_text(encoding="utf-8")
        changed, count = re.subn(pattern, new, text, count=1)
        if not count:
            raise ValueError(f"{relative}: nothing matches {pattern!r}")
        target.write_text(changed, encoding="utf-8")

    return apply


def _reencode(relative: str, codec: str) -> Breaker:
    def apply(root: Path) -> None:
        target = root / relative
        target.write_bytes(target.read_text(encoding="utf-8").encode(codec))

    return apply


def _fifo(relative: str) -> Breaker:
    def apply(root: Path) -> None:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.unlink()
        os.mkfifo(target)

    return apply


def _link(relative: str, to: str) -> Breaker:
    def apply(root: Path) -> None:
        target = root / relative
        if target.exists() or target.is_symlink():
            target.unlink()
        target.symlink_to(to)

    return apply


def _folder(relative: str) -> Breaker:
    def apply(root: Path) -> None:
        target = root / relative
        if target.exists():
            target.unlink()
        target.mkdir(parents=True)

    return apply


def _non_utf8_name(root: Path) -> None:
    os.rename(_item(root), os.fsencode(root / "items") + b"/2201140430\xff0.yaml")


ITEM = f"items/{SERVICE_ITEM}.yaml"


def _moved(relative: str, to: str) -> Breaker:
    def apply(root: Path) -> None:
        (root / to).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).rename(root / to)

    return apply


BOUNDS: dict[str, Breaker] = {
    "bound-committed-3000000-natural-days": _replace(
        ITEM, "committed: {days: 3, unit: 工作日}", "committed: {days: 3000000, unit: 自然日}"
    ),
    "bound-committed-200000-months": _replace(
        ITEM, "committed: {days: 3, unit: 工作日}", "committed: {days: 200000, unit: 月}"
    ),
    "bound-committed-99999999999-natural-days": _replace(
        ITEM, "committed: {days: 3, unit: 工作日}", "committed: {days: 99999999999, unit: 自然日}"
    ),
    "bound-committed-61-months": _replace(
        ITEM, "committed: {days: 3, unit: 工作日}", "committed: {days: 61, unit: 月}"
    ),
    "bound-committed-5000-digits": _replace(
        ITEM,
        "committed: {days: 3, unit: 工作日}",
        "committed: {days: " + "9" * 5000 + ", unit: 工作日}",
    ),
    "bound-copies": _replace(ITEM, "copies: 1", "copies: 100000000000000000000"),
    "bound-step-working-days": _replace(ITEM, "working_days: 2}", "working_days: 2000000}"),
    "bound-visits": _replace(ITEM, "visits: 0", "visits: 4294967296"),
    "bound-version": _sub(ITEM, r"version: [0-9]+", "version: 18446744073709551616"),
    "bound-publication-working-days": _replace(
        "catalog.yaml", "publication: {working_days: 1}", "publication: {working_days: 1000000000}"
    ),
    "bound-list-expected": _replace(
        "catalog.yaml", "lists:\n", "lists:\n  huge: {title: 大, expected: 99999999999999}\n"
    ),
}
"""A number beyond a bound of the model, one per kind of count: each must be a finding located
at its value, never an overflow in a date or a loop."""

CORPUS: dict[str, Breaker] = {
    "item-empty": _write(ITEM, b""),
    "item-null": _write(ITEM, b"null\n"),
    "item-comment-only": _write(ITEM, b"# lost\n"),
    "item-document-marker": _write(ITEM, b"---\n"),
    "item-a-list": _write(ITEM, b"- 1\n- 2\n"),
    "item-a-scalar": _write(ITEM, b"root:x:0:0:root:/root:/bin/bash\n"),
    "item-gbk": _reencode(ITEM, "gbk"),
    "item-utf16": _reencode(ITEM, "utf-16"),
    "item-utf16-no-bom": _reencode(ITEM, "utf-16-le"),
    "item-utf32": _reencode(ITEM, "utf-32"),
    "item-binary": _write(ITEM, bytes(range(256)) * 8),
    "item-deep": _write(ITEM, b"code: " + b"[" * 20_000),
    "item-alias-bomb": _write(
        ITEM, b"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c, *c]\n"
    ),
    "item-tags": _replace(ITEM, "visits: 0", "visits: !!python/object:os.system 0"),
    "item-bare-tag": _replace(ITEM, "visits: 0", "visits: ! 0"),
    "item-duplicate-key": _replace(ITEM, "visits: 0", "visits: 0\nvisits: 1"),
    "item-control-characters": _replace(
        ITEM, "main_item_name: 失业保险金申领", 'main_item_name: "失业\\x01保险\\e[31m金\\r\\n申领"'
    ),
    "item-raw-control-character": _replace(
        ITEM, "非因本人意愿中断就业", "非因本人\x01意愿中断就业"
    ),
    "item-bidi": _replace(ITEM, "非因本人意愿中断就业", "非因本人\u202e意愿中断就业"),
    "item-invisible": _replace(ITEM, "失业保险金申领登记表", "失业保险金\u200b申领登记表"),
    "item-long-name": _replace(
        ITEM, "main_item_name: 失业保险金申领", "main_item_name: " + "长" * 400
    ),
    "item-code-escapes": _replace(ITEM, f'code: "{SERVICE_ITEM}"', 'code: "../../evil"'),
    "item-code-unquoted": _replace(ITEM, f'code: "{SERVICE_ITEM}"', f"code: {SERVICE_ITEM}"),
    "item-wrong-types": _replace(ITEM, "visits: 0", "visits: [1, 2]\nfee: many"),
    "item-missing-keys": _replace(ITEM, "main_item_name: 失业保险金申领", ""),
    "item-fifo": _fifo(ITEM),
    "item-link-to-dev-zero": _link(ITEM, "/dev/zero"),
    "item-link-to-passwd": _link(ITEM, "/etc/passwd"),
    "item-broken-link": _link(ITEM, "nowhere.yaml"),
    "item-a-folder": _folder(ITEM),
    "item-non-utf8-name": _non_utf8_name,
    "item-huge": _write(ITEM, b"a: " + b"x" * (4 * 1024 * 1024 + 1)),
    "manifest-empty": _write("catalog.yaml", b""),
    "manifest-a-list": _write("catalog.yaml", b"- 22\n"),
    "manifest-bad-lists": _replace("catalog.yaml", "lists:", "lists: 3\nx:"),
    "laws-empty": _write("laws.yaml", b""),
    "laws-missing": lambda root: (root / "laws.yaml").unlink(),
    "laws-garbage": _write("laws.yaml", b"laws: [[[{\n"),
    "regions-empty": _write("regions.yaml", b""),
    "regions-garbage": _write("regions.yaml", b"regions: {a: [1, {b: c}]}\n"),
    "implementation-empty": _write("implementations/220102.yaml", b""),
    "implementation-garbage": _write("implementations/220102.yaml", b"region: [\n"),
    "implementation-fifo": _fifo("implementations/220102.yaml"),
    "implementation-overrides": _replace(
        "implementations/220102.yaml", "    agency:", "    visits: 3\n    agency:"
    ),
    "calendar-empty": _write("calendar/2027.yaml", b""),
    "calendar-garbage": _write("calendar/2027.yaml", b"year: [2027\n"),
    "calendar-fifo": _fifo("calendar/2027.yaml"),
    "calendar-a-file": _write("calendar", b"not a folder\n"),
    "config-empty": _write(".servicecatalog.yaml", b""),
    "config-garbage": _write(".servicecatalog.yaml", b"rules: [x\n"),
    "config-fifo": _fifo(".servicecatalog.yaml"),
    "items-a-file": lambda root: (shutil.rmtree(root / "items"), _write("items", b"x")(root)),
    # ---- numbers beyond every bound of the model, and dates at the end of the calendar ----
    **BOUNDS,
    "calendar-year-9999": _write(
        "calendar/9999.yaml", b'year: "9999"\nrest_days: []\nwork_days: []\n'
    ),
    "calendar-year-0000": _write(
        "calendar/0000.yaml", b'year: "0000"\nrest_days: []\nwork_days: []\n'
    ),
    "item-changed-on-9999-12-31": _sub(
        ITEM, r'changed_on: "?[0-9-]+"?', 'changed_on: "9999-12-31"'
    ),
    "item-published-on-0001-01-01": _sub(
        ITEM, r'published_on: "?[0-9-]+"?', 'published_on: "0001-01-01"'
    ),
    # ---- files the catalog does not read ----
    "item-in-a-subfolder": _moved(ITEM, f"items/2027/{SERVICE_ITEM}.yaml"),
    "broken-item-in-a-subfolder": _write("items/2027/broken.yaml", b"code: [\n"),
    "notes-yaml": _write("notes.yaml", b"topic: \xe5\xa4\x87\xe6\xb3\xa8\n"),
    "catalog-yml": _write("catalog.yml", b"name: x\n"),
    "implementations-a-file": lambda root: (
        shutil.rmtree(root / "implementations"),
        _write("implementations", b'region: "220102"\nimplementations: []\n')(root),
    ),
    "implementations-a-fifo": lambda root: (
        shutil.rmtree(root / "implementations"),
        os.mkfifo(root / "implementations"),
    ),
}
"""Every way of breaking the small catalog, by name."""
