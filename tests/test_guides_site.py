"""Tests of the static site (DESIGN §10): pages, relative links, JSON-LD, catalog.json, and the
atomic, careful replacement of the output folder."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest

from _processes import children, running
from conftest import BUNDLED_CATALOG, REPO_ROOT, SERVICE_ITEM, CatalogDir
from servicecatalog import (
    Catalog,
    CatalogInvalidError,
    RenderError,
    WorkerError,
    _folders,
    _project,
    load_catalog,
)
from servicecatalog.guides import SITE_MARKER, build_site, catalog_json
from servicecatalog.guides import site as site_module
from servicecatalog.guides.environment import make_environment
from servicecatalog.guides.html import render_html
from servicecatalog.guides.index import index_view
from servicecatalog.guides.view import guide_view

SCHEMAS = REPO_ROOT / "schemas"


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(BUNDLED_CATALOG)


@pytest.fixture(scope="module")
def site(bundled: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(bundled, tmp_path_factory.mktemp("built") / "site")


class _Page(HTMLParser):
    """The tags of a page, the text of its JSON-LD script, and the rows of its item lists."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.json_ld: list[str] = []
        self.sections: dict[str, list[str]] = {}
        self.headings: list[str] = []
        self._json_ld = False
        self._heading: list[str] | None = None
        self._list: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script" and attributes.get("type") == "application/ld+json":
            self._json_ld = True
            self.json_ld.append("")
        elif tag == "section" and attributes.get("data-list"):
            self._list = attributes["data-list"]
            self.sections[self._list or ""] = []
        elif tag == "tr" and self._list and attributes.get("data-code"):
            self.sections[self._list].append(attributes["data-code"] or "")
        elif tag == "h2":
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._json_ld = False
        elif tag == "h2" and self._heading is not None:
            self.headings.append("".join(self._heading).strip())
            self._heading = None
        elif tag == "section":
            self._list = None

    def handle_data(self, data: str) -> None:
        if self._json_ld:
            self.json_ld[-1] += data
        if self._heading is not None:
            self._heading.append(data)


def read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def links(page: _Page) -> list[str]:
    return [
        value
        for tag, attributes in page.tags
        for name, value in attributes.items()
        if value is not None and (name == "src" or (name == "href" and tag in ("a", "link")))
    ]


# ---- what the site holds ------------------------------------------------------------------------


def test_site_has_an_index_a_page_per_item_and_assets(site: Path, bundled: Catalog) -> None:
    assert (site / "index.html").is_file()
    assert (site / SITE_MARKER).is_file()
    assert (site / "assets" / "site.css").is_file()
    assert (site / "assets" / "site.js").is_file()
    pages = sorted(path.stem for path in (site / "items").glob("*.html") if "." not in path.stem)
    codes = [item.code for item in bundled.items()]
    assert pages == sorted([*codes, *(f"{code}-handout" for code in codes)])
    assert bundled.manifest is not None
    lists = sorted(path.name for path in site.glob("list-*.html"))
    assert lists == sorted(f"list-{list_id}.html" for list_id in bundled.manifest.lists)


def test_item_pages_link_the_blank_and_sample_forms_from_the_material(
    site: Path, bundled: Catalog
) -> None:
    item = bundled.item("220114043000")
    page = read(site / "items" / f"{item.code}.html")
    links = [a["href"] for tag, a in page.tags if tag == "a"]
    assert "220114043000.F1.html" in links
    assert "220114043000.F1.sample.html" in links
    blank = (site / "items" / "220114043000.F1.html").read_text(encoding="utf-8")
    sample = (site / "items" / "220114043000.F1.sample.html").read_text(encoding="utf-8")
    assert "失业保险金申领登记表" in blank
    assert "样表" not in blank.split("<main")[1].split("</h1>")[0]
    assert 'class="sample-mark"' in sample
    assert 'class="sample-mark"' not in blank
    forms = {
        name
        for name in (path.name for path in (site / "items").glob("*.*.html"))
        if not name.endswith(".sample.html")
    }
    assert forms == {f"{i.code}.{f.id}.html" for i in bundled.items() for f in i.forms}


def test_index_shows_the_four_lists_with_their_titles_and_items(
    site: Path, bundled: Catalog
) -> None:
    index = read(site / "index.html")
    assert bundled.manifest is not None
    rows = [a for tag, a in index.tags if tag == "tr" and a.get("data-code")]
    # Every item once, with every list it is on.
    assert [row["data-code"] for row in rows] == [item.code for item in bundled.items()]
    for list_id in bundled.manifest.lists:
        on_list = [row["data-code"] for row in rows if list_id in (row["data-lists"] or "").split()]
        assert on_list == [item.code for item in bundled.items(list=list_id)]
    page = (site / "index.html").read_text(encoding="utf-8")
    for list_id, spec in bundled.manifest.lists.items():
        count = len(bundled.items(list=list_id))
        assert f'data-list-link="{list_id}">{spec.title}<span class="badge">{count}</span>' in page
    assert [len(bundled.items(list=list_id)) for list_id in bundled.manifest.lists] == [
        49,
        100,
        44,
        12,
    ]
    search = [attributes for tag, attributes in index.tags if attributes.get("id") == "search"]
    assert [attributes.get("type") for attributes in search] == ["search"]
    filters = {attributes.get("id") for tag, attributes in index.tags if tag == "select"}
    assert filters == {"filter-list", "filter-type", "filter-department"}


def test_pages_name_their_address_on_the_published_site(site: Path, bundled: Catalog) -> None:
    assert bundled.manifest is not None
    assert bundled.manifest.site is not None
    base = bundled.manifest.site.base_url

    def canonical(path: Path) -> list[str | None]:
        return [a.get("href") for tag, a in read(path).tags if a.get("rel") == "canonical"]

    assert canonical(site / "index.html") == [f"{base}index.html"]
    assert canonical(site / "list-power.html") == [f"{base}list-power.html"]
    page = f"{base}items/{SERVICE_ITEM}.html"
    assert canonical(site / "items" / f"{SERVICE_ITEM}.html") == [page]
    assert canonical(site / "items" / f"{SERVICE_ITEM}-handout.html") == [page]


@pytest.mark.slow
def test_every_link_is_relative_and_resolves_on_disk(site: Path, bundled: Catalog) -> None:
    # The index's footer names the tool and the schema catalog.json follows, item pages link the
    # online hall and phones: the only addresses off the site, and links rather than resources,
    # so the site still works opened from disk.
    project = {_project.HOMEPAGE, f"{_project.SCHEMA_BASE}catalog.schema.json"}
    online = {
        entry.online_url
        for implementations in bundled.implementation_lists.values()
        for entry in implementations.implementations
        if entry.online_url
    }
    pages = [*sorted(site.glob("*.html")), *sorted((site / "items").glob("*.html"))]
    for path in pages:
        page = read(path)
        published = {a.get("href") for tag, a in page.tags if a.get("rel") == "canonical"}
        for link in links(page):
            if (path.parent == site and link in project) or link in published:
                continue
            if link in online or re.fullmatch(r"tel:\+?[0-9]+", link):
                continue
            parts = urlsplit(link)
            assert not parts.scheme, link
            assert not parts.netloc, link
            assert not link.startswith("/"), link
            if parts.path:
                assert (path.parent / parts.path).is_file(), f"{path.name}: {link}"


@pytest.mark.slow
def test_item_pages_carry_government_service_json_ld(site: Path, bundled: Catalog) -> None:
    for item in bundled.items():
        page = read(site / "items" / f"{item.code}.html")
        (script,) = page.json_ld
        data = json.loads(script)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "GovernmentService"
        assert data["identifier"] == item.code
        assert data["name"] == item.name
        assert data["serviceType"] == item.item_type.value
        assert data["areaServed"] == {"@type": "AdministrativeArea", "name": "吉林省"}
        assert data["provider"]["name"] == "吉林省人力资源和社会保障厅"
        assert data["provider"]["department"]["name"] == item.department


def test_item_page_links_back_to_the_index(site: Path) -> None:
    page = read(site / "items" / f"{SERVICE_ITEM}.html")
    assert "../index.html" in links(page)
    assert "../assets/site.css" in links(page)
    # The stylesheet is linked, not inlined: the only style element is the printed header.
    styles = [attributes for tag, attributes in page.tags if tag == "style"]
    assert styles == [{"media": "print"}]


def test_stylesheet_prints_on_a4_without_navigation(site: Path) -> None:
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    assert "@page {\n  size: A4;" in css
    assert '@bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"' in css
    print_rules = css[css.index("@media print") :]
    assert (
        ".site-nav, .breadcrumbs, .related, .a11y-bar, .skip-link, .filters, .list-nav"
        in print_rules
    )
    page = (site / "items" / f"{SERVICE_ITEM}.html").read_text(encoding="utf-8")
    assert '@top-center { content: "失业保险金申领";' in page  # the running header


def test_catalog_json_validates_against_the_published_schemas(site: Path, bundled: Catalog) -> None:
    data = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert data == catalog_json(bundled)
    # The keys the site always wrote come first; a snapshot's keys follow (servicecatalog build).
    assert list(data)[:3] == ["manifest", "laws", "items"]
    assert set(data) == {
        "manifest",
        "laws",
        "items",
        "regions",
        "implementations",
        "synonyms",
        "form_schemas",
        "referrals",
        "report",
        "calendar",
        "servicecatalog",
    }

    def validator(name: str) -> jsonschema.Draft202012Validator:
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        return jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )

    validator("manifest.schema.json").validate(data["manifest"])
    validator("laws.schema.json").validate(data["laws"])
    validator("synonyms.schema.json").validate(data["synonyms"])
    items = validator("item.schema.json")
    for item in data["items"]:
        items.validate(item)
    assert [item["code"] for item in data["items"]] == [item.code for item in bundled.items()]
    assert data["items"][0]["lists"] == list(bundled.items()[0].lists)  # list memberships
    validator("catalog.schema.json").validate(data)  # the whole export in one step


def _catalog_schema() -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / "catalog.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.slow
def test_the_catalog_schema_refuses_what_the_parts_refuse(site: Path) -> None:
    data = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    broken = {**data, "items": [{**data["items"][0], "visits": "1"}, *data["items"][1:]]}
    assert [e.json_path for e in _catalog_schema().iter_errors(broken)] == ["$.items[0].visits"]
    assert list(_catalog_schema().iter_errors({"manifest": data["manifest"]})) != []
    # Every key is typed and no other is allowed: a new one comes with a new format number.
    unknown = [e.message for e in _catalog_schema().iter_errors({**data, "snapshot": {}})]
    assert unknown == ["Additional properties are not allowed ('snapshot' was unexpected)"]


@pytest.mark.slow
def test_the_catalog_schema_types_every_top_level_key(site: Path) -> None:
    data = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / "catalog.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    assert set(data) <= set(schema["properties"])
    for key in ("regions", "implementations", "report", "calendar", "servicecatalog"):
        assert key in data
        assert schema["properties"][key] != {}, key
    for key, part in (("report", {"items": "many"}), ("servicecatalog", {"format": "1"})):
        broken = {**data, key: {**data[key], **part}}
        assert list(_catalog_schema().iter_errors(broken)) != [], key


# ---- replacing the output folder ---------------------------------------------------------------


def siblings(path: Path) -> list[str]:
    return sorted(entry.name for entry in path.parent.iterdir())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def small(catalog_copy: Callable[..., CatalogDir]) -> Catalog:
    return load_catalog(catalog_copy("small").path)


def test_rebuilding_replaces_the_whole_site(small: Catalog, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    assert build_site(small, out) == out  # parents are created
    (out / "items" / "220114999000.html").write_text("an item no longer in the catalog", "utf-8")
    marker = json.loads((out / SITE_MARKER).read_text(encoding="utf-8"))
    marker["files"].append("items/220114999000.html")  # as an earlier build wrote it
    (out / SITE_MARKER).write_text(json.dumps(marker), encoding="utf-8")
    build_site(small, out)
    assert not (out / "items" / "220114999000.html").exists()
    assert siblings(out) == ["site"]  # no staging, old folder or lock left behind


def test_a_template_changed_between_two_builds_is_used(small: Catalog, tmp_path: Path) -> None:
    templates, out = tmp_path / "templates", tmp_path / "site"
    templates.mkdir()
    bundled_base = REPO_ROOT / "src" / "servicecatalog" / "guides" / "templates" / "base.html"
    base = bundled_base.read_text(encoding="utf-8")
    (templates / "base.html").write_text(base.replace("<body", "<!-- first --><body"), "utf-8")
    build_site(small, out, templates_dir=templates)
    assert "<!-- first -->" in (out / "index.html").read_text(encoding="utf-8")
    (templates / "base.html").write_text(base.replace("<body", "<!-- second --><body"), "utf-8")
    os.utime(templates / "base.html", (time.time() + 5, time.time() + 5))  # a later mtime
    build_site(small, out, templates_dir=templates)
    assert "<!-- second -->" in (out / "index.html").read_text(encoding="utf-8")


def test_an_empty_folder_is_accepted(small: Catalog, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    build_site(small, out)
    assert (out / "index.html").is_file()


def test_a_folder_that_is_not_a_site_is_refused(small: Catalog, tmp_path: Path) -> None:
    home = tmp_path / "users" / "home"
    home.mkdir(parents=True)
    (home / "notes.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(RenderError, match=f"no {SITE_MARKER} file"):
        build_site(small, home)
    assert (home / "notes.txt").read_text(encoding="utf-8") == "precious"
    assert siblings(home) == ["home"]


def test_a_file_or_a_symbolic_link_is_refused(small: Catalog, tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(RenderError, match="not a folder"):
        build_site(small, file)
    real = tmp_path / "real"
    build_site(small, real)
    link = tmp_path / "link"
    link.symlink_to(real)
    with pytest.raises(RenderError, match="symbolic link"):
        build_site(small, link)


# ---- what a site may replace (never a folder it did not write) -----------------------------------


def test_a_touched_marker_does_not_make_a_repository_a_site(small: Catalog, tmp_path: Path) -> None:
    repository = tmp_path / "repository"
    (repository / ".git").mkdir(parents=True)
    (repository / "README.md").write_text("precious", encoding="utf-8")
    (repository / SITE_MARKER).touch()
    with pytest.raises(RenderError, match=r"holds \.git"):
        build_site(small, repository)
    assert (repository / "README.md").read_text(encoding="utf-8") == "precious"
    assert (repository / ".git").is_dir()


def test_a_marker_not_written_by_a_build_is_refused(small: Catalog, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "notes.txt").write_text("precious", encoding="utf-8")
    (folder / SITE_MARKER).touch()
    with pytest.raises(RenderError, match="does not list the files of a site"):
        build_site(small, folder)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "precious"


def test_a_file_the_site_did_not_write_is_named_and_kept(small: Catalog, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(small, out)
    (out / "items" / "notes.txt").write_text("precious", encoding="utf-8")
    (out / "drafts").mkdir()
    with pytest.raises(RenderError) as raised:
        build_site(small, out)
    assert raised.value.message == (
        f"{out}: refusing to replace the site: it holds files servicecatalog did not write "
        "(drafts/, items/notes.txt); move them away first"
    )
    assert (out / "items" / "notes.txt").read_text(encoding="utf-8") == "precious"


def test_the_folder_of_the_catalog_is_never_replaced(
    catalog_copy: Callable[..., CatalogDir], tmp_path: Path
) -> None:
    folder = catalog_copy("inside")
    catalog = load_catalog(folder.path)
    for target in (folder.path, folder.path.parent):
        (target / SITE_MARKER).write_text('{"generator": "servicecatalog", "files": []}', "utf-8")
        with pytest.raises(RenderError, match="holds the catalog being built"):
            build_site(catalog, target)
    assert (folder.path / "catalog.yaml").is_file()


def test_a_site_built_by_0_1_0_is_replaced(small: Catalog, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(small, out)
    for newer in ("favicon.svg", "mode.js", "search-index.js"):  # not written by 0.1.0
        (out / "assets" / newer).unlink()
    for form_page in (out / "items").glob("*.*.html"):  # nor were forms
        form_page.unlink()
    for page in out.glob("list-*.html"):
        page.unlink()
    (out / SITE_MARKER).write_text(site_module._LEGACY_MARKER_TEXT, encoding="utf-8")
    build_site(small, out)
    assert json.loads((out / SITE_MARKER).read_text(encoding="utf-8"))["files"]


def test_the_marker_lists_every_file_written(site: Path) -> None:
    marker = json.loads((site / SITE_MARKER).read_text(encoding="utf-8"))
    written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert set(marker["files"]) | {SITE_MARKER} == written


# ---- atomic replacement, leftovers of killed builds, concurrent builds --------------------------


def test_a_build_killed_between_two_renames_is_recovered(
    small: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where names cannot be exchanged, a kill between the two renames leaves the old site under
    a hidden name; the next build puts it back first and leaves nothing behind."""
    out = tmp_path / "out" / "site"
    build_site(small, out)
    monkeypatch.setattr(_folders, "exchange", lambda first, second: False)
    real_rename = os.rename

    def killed_after_first(source: Any, target: Any) -> None:
        real_rename(source, target)
        if Path(target).name.startswith(".site.old-"):
            raise KeyboardInterrupt  # the process dies here

    monkeypatch.setattr(_folders.os, "rename", killed_after_first)
    with pytest.raises(KeyboardInterrupt):
        build_site(small, out)
    monkeypatch.setattr(_folders.os, "rename", real_rename)
    assert not out.exists()
    assert [name for name in siblings(out) if name.startswith(".site.old-")]
    build_site(small, out)
    assert (out / "index.html").is_file()
    assert siblings(out) == ["site"]


def test_leftovers_of_killed_builds_are_removed(small: Catalog, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    build_site(small, out)
    for name in (".site.building-0123abcd", ".site.old-89abcdef"):
        (out.parent / name / "items").mkdir(parents=True)
    (out.parent / ".other.building-0123abcd").mkdir()  # another site's: not ours to remove
    build_site(small, out)
    assert siblings(out) == [".other.building-0123abcd", "site"]


@pytest.mark.slow
def test_a_process_killed_while_building_leaves_the_site_intact(tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    command = [
        sys.executable,
        "-m",
        "servicecatalog",
        "site",
        str(out),
        "--catalog",
        str(BUNDLED_CATALOG),
    ]
    subprocess.run(command, check=True, capture_output=True)
    before = snapshot(out)
    building = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(out.parent.glob(".site.building-*")) and time.monotonic() < deadline:
        time.sleep(0.005)
    building.send_signal(signal.SIGKILL)
    building.wait()
    assert snapshot(out) == before
    subprocess.run(command, check=True, capture_output=True)
    assert siblings(out) == ["site"]


def test_a_second_concurrent_build_is_refused(small: Catalog, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    out.parent.mkdir()
    with (
        _folders.exclusive(out, site_module._OWNERSHIP),
        pytest.raises(RenderError, match="another `servicecatalog site`"),
    ):
        build_site(small, out)
    build_site(small, out)  # the lock is released with the build that held it
    assert siblings(out) == ["site"]


# ---- an invalid catalog is not published unless that is asked for ------------------------------


def test_an_invalid_catalog_is_not_published(
    catalog_copy: Callable[..., CatalogDir], tmp_path: Path
) -> None:
    folder = catalog_copy("invalid")
    folder.item_file(SERVICE_ITEM).write_text("", encoding="utf-8")
    catalog = load_catalog(folder.path)
    with pytest.raises(CatalogInvalidError) as raised:
        build_site(catalog, tmp_path / "site")
    assert raised.value.left_out == 1
    assert not (tmp_path / "site").exists()
    built = build_site(catalog, tmp_path / "site", allow_invalid=True)
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "另有 1 个事项文件未通过校验，未予发布" in index
    assert f"{SERVICE_ITEM}</span>：文件为空" in index
    data = json.loads((built / "catalog.json").read_text(encoding="utf-8"))
    assert data["left_out"] == [
        {
            "item": SERVICE_ITEM,
            "file": str(folder.item_file(SERVICE_ITEM)),
            "reason": "文件为空（没有内容，或只有注释、“---”、null 或 ~）",
        }
    ]
    assert list(_catalog_schema().iter_errors(data)) == []


def test_a_failure_midway_leaves_the_previous_site_intact(
    small: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "site"
    build_site(small, out)
    before = snapshot(out)
    calls = 0
    real_render = render_html

    def render_then_fail(*args: Any, **kwargs: Any) -> str:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RenderError("template broke on the second page")
        return real_render(*args, **kwargs)

    monkeypatch.setattr(site_module, "render_html", render_then_fail)
    with pytest.raises(RenderError, match="second page"):
        build_site(small, out)
    assert calls == 2
    assert snapshot(out) == before
    assert siblings(out) == ["site"]


def test_an_item_code_that_cannot_name_a_file_is_refused(
    catalog_copy: Callable[..., CatalogDir], tmp_path: Path
) -> None:
    folder = catalog_copy("escape")
    file = folder.item_file(SERVICE_ITEM)
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace(f'code: "{SERVICE_ITEM}"', 'code: "../../evil"'), "utf-8")
    catalog = load_catalog(folder.path)
    assert "../../evil" in catalog
    with pytest.raises(RenderError, match="cannot name a page file"):
        build_site(catalog, tmp_path / "site", allow_invalid=True)
    assert not (tmp_path / "site").exists()
    assert not (tmp_path.parent / "evil.html").exists()


# ---- hostile catalog text -----------------------------------------------------------------------


_SCRIPTS = ("site.js", "mode.js", "search-index.js")


def test_hostile_text_cannot_inject_into_the_site(
    catalog_copy: Callable[..., CatalogDir], tmp_path: Path
) -> None:
    hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>'

    def poison(data: dict[str, Any]) -> None:
        data["main_item_name"] = hostile
        data["department"] = "</script>" + hostile
        data["materials"][0]["name"] = "javascript:alert(3)"

    folder = catalog_copy("hostile")
    folder.edit(SERVICE_ITEM, poison)
    site = build_site(load_catalog(folder.path), tmp_path / "site")
    for path in (site / "index.html", site / "items" / f"{SERVICE_ITEM}.html"):
        page = read(path)
        scripts = [attributes for tag, attributes in page.tags if tag == "script"]
        assert all(
            attributes.get("type") == "application/ld+json"
            or attributes.get("src")
            in {f"{base}assets/{name}" for base in ("", "../") for name in _SCRIPTS}
            for attributes in scripts
        ), scripts
        assert "img" not in [tag for tag, _ in page.tags]
        for _, attributes in page.tags:
            assert not [name for name in attributes if name.startswith("on")], attributes
        for link in links(page):
            assert not link.startswith("javascript:")
    # Intact as data, for the search.
    script = (site / "assets" / "search-index.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.SERVICECATALOG_SEARCH = ").removesuffix(";\n"))
    [entry] = [e for e in data["items"] if e["code"] == SERVICE_ITEM]
    assert entry["fields"]["name"] == [hostile]
    (script,) = read(site / "items" / f"{SERVICE_ITEM}.html").json_ld
    assert json.loads(script)["name"] == hostile


def test_the_index_footer_names_the_tool_and_its_version(site: Path) -> None:
    footer = (site / "index.html").read_text(encoding="utf-8").split('class="page-footer"')[-1]
    assert _project.HOMEPAGE in footer
    assert _project.DISTRIBUTION in footer
    assert _project.VERSION in footer


# ---- every implementing region on an item page ---------------------------------------------------


def test_an_item_page_shows_every_implementing_region_without_javascript(
    site: Path, bundled: Catalog
) -> None:
    page = (site / "items" / f"{SERVICE_ITEM}.html").read_text(encoding="utf-8")
    parsed = read(site / "items" / f"{SERVICE_ITEM}.html")
    implementers = bundled.implementers(SERVICE_ITEM)
    details = [a for tag, a in parsed.tags if tag == "details" and a.get("data-region")]
    assert [a["data-region"] for a in details] == [region.code for region, _ in implementers]
    # Readable without JavaScript: each region's facts are in the page, the province's open.
    assert [a["data-region"] for a in details if "open" in a] == ["220000"]
    for region, implementation in implementers:
        section = page[page.index(f'id="region-{region.code}"') :]
        section = section[: section.index("</details>")]
        for fact in (implementation.agency, implementation.address, implementation.hours):
            assert fact is not None
            assert html_text(fact) in section, (region.code, fact)
    options = [a.get("value") for tag, a in parsed.tags if tag == "option"]
    assert options == [region.code for region, _ in implementers]


def html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---- item pages written by worker processes ------------------------------------------------------

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")


def _synthetic_catalog(folder: Path, count: int) -> Catalog:
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    try:
        import _synthetic  # the benchmarks' generator of clean catalogs
    finally:
        sys.path.remove(str(REPO_ROOT / "benchmarks"))
    return load_catalog(_synthetic.write_catalog(folder, count))


def _spy_on_workers(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Callable[[], set[int]]:
    """Record which processes write item pages; return the reader of their ids."""
    folder.mkdir()
    real_write = site_module._ItemPages.write

    def write(pages: Any, item: Any) -> list[str]:
        (folder / str(os.getpid())).touch()
        return real_write(pages, item)

    monkeypatch.setattr(site_module._ItemPages, "write", write)
    return lambda: {int(path.name) for path in folder.iterdir()}


@needs_fork
@pytest.mark.slow
def test_workers_write_the_bundled_site_byte_for_byte(
    bundled: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writers = _spy_on_workers(monkeypatch, tmp_path / "writers")
    alone = snapshot(build_site(bundled, tmp_path / "alone", jobs=1))
    assert writers() == {os.getpid()}
    shared = snapshot(build_site(bundled, tmp_path / "shared", jobs=2))
    assert len(writers() - {os.getpid()}) == 2  # two workers wrote the item pages
    assert shared.keys() == alone.keys()
    assert [name for name in alone if shared[name] != alone[name]] == []


@needs_fork
def test_workers_write_a_synthetic_site_byte_for_byte(tmp_path: Path) -> None:
    catalog = _synthetic_catalog(tmp_path / "catalog", 40)
    alone = snapshot(build_site(catalog, tmp_path / "alone", jobs=1))
    for jobs in (2, 3):
        shared = snapshot(build_site(catalog, tmp_path / f"shared-{jobs}", jobs=jobs))
        assert shared == alone, jobs


def test_files_are_listed_in_the_order_they_are_written(small: Catalog, tmp_path: Path) -> None:
    environment = site_module._building_environment(make_environment(None))
    listed = {}
    for jobs in (1, 2):
        (tmp_path / str(jobs)).mkdir()
        listed[jobs] = site_module._write_site(small, tmp_path / str(jobs), environment, jobs)
    index = index_view(small)
    expected = [
        "assets/site.css",
        "assets/site.js",
        "assets/mode.js",
        "assets/favicon.svg",
        "assets/search-index.js",
        "index.html",
        *(group.page for group in index.lists),
    ]
    for item in small.items():
        view = guide_view(item, small, all_regions=True)
        expected += [
            f"items/{item.code}.html",
            *(f"items/{name}" for _, _, name in site_module._form_pages(view)),
            f"items/{item.code}-handout.html",
        ]
    expected.append("catalog.json")
    assert any("." in name.removeprefix("items/")[:-5] for name in expected)  # a form page
    assert listed[1] == listed[2] == expected


def test_the_marker_lists_the_same_files_whatever_the_jobs(small: Catalog, tmp_path: Path) -> None:
    markers = [
        json.loads((build_site(small, tmp_path / str(jobs), jobs=jobs) / SITE_MARKER).read_bytes())
        for jobs in (1, 2)
    ]
    assert markers[0] == markers[1]
    assert markers[0]["files"] == sorted(markers[0]["files"])


def _broken_templates(folder: Path) -> Path:
    """A guide.html that fails for every item, naming the item: the first item's error is
    the one a build without workers reports."""
    folder.mkdir()
    (folder / "guide.html").write_text('{% include "missing-" ~ item.code ~ ".html" %}', "utf-8")
    return folder


@needs_fork
def test_an_error_in_a_worker_is_raised_as_without_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    catalog = _synthetic_catalog(tmp_path / "catalog", 40)
    templates = _broken_templates(tmp_path / "templates")
    out = build_site(catalog, tmp_path / "out")
    before = snapshot(out)
    writers = _spy_on_workers(monkeypatch, tmp_path / "writers")
    raised = []
    for jobs in (1, 2):
        with pytest.raises(RenderError) as error:
            build_site(catalog, out, templates_dir=templates, jobs=jobs)
        raised.append(error.value)
    first = catalog.items()[0].code
    assert str(raised[0]) == f"template guide.html: missing-{first}.html"
    assert type(raised[1]) is type(raised[0])
    assert str(raised[1]) == str(raised[0])
    assert len(writers() - {os.getpid()}) == 2
    assert snapshot(out) == before
    assert siblings(out) == ["catalog", "out", "templates", "writers"]
    assert multiprocessing.active_children() == []


@needs_fork
def test_a_failure_in_a_late_chunk_stops_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    catalog = _synthetic_catalog(tmp_path / "catalog", 40)
    last = catalog.items()[-1].code
    real_write = site_module._ItemPages.write

    def write_but_the_last(pages: Any, item: Any) -> list[str]:
        if item.code == last:
            raise RenderError(f"template guide.html: item {item.code} broke it")
        return real_write(pages, item)

    monkeypatch.setattr(site_module._ItemPages, "write", write_but_the_last)
    with pytest.raises(RenderError, match=f"item {last} broke it"):
        build_site(catalog, tmp_path / "out", jobs=2)
    assert not (tmp_path / "out").exists()
    assert siblings(tmp_path / "out") == ["catalog"]
    assert multiprocessing.active_children() == []


def _kill_self(indexes: range) -> list[str]:
    os.kill(os.getpid(), signal.SIGKILL)
    return []  # pragma: no cover - never reached


@needs_fork
def test_a_killed_worker_is_a_clear_error(
    small: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = build_site(small, tmp_path / "out" / "site")
    before = snapshot(out)
    # Forked workers inherit the patched module, so each one kills itself on its first task.
    monkeypatch.setattr(site_module, "_write_items", _kill_self)
    with pytest.raises(WorkerError) as raised:
        build_site(small, out, jobs=2)
    assert raised.value.message == (
        "a worker process writing the site's item pages ended unexpectedly (killed, or out of "
        "memory). Run again, or with --jobs 1 to write in one process"
    )
    assert snapshot(out) == before
    assert siblings(out) == ["site"]


_INTERRUPTED_SCRIPT = """
import sys, time
from servicecatalog import load_catalog
from servicecatalog.guides import site

def slow(pages, item):
    sys.__stdout__.write("worker\\n")
    sys.__stdout__.flush()
    time.sleep(1)
    return []

site._ItemPages.write = slow
try:
    site.build_site(load_catalog(sys.argv[1]), sys.argv[2], jobs=2)
except KeyboardInterrupt:
    print("interrupted")
"""


@needs_fork
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_stops_the_workers(tmp_path: Path) -> None:
    catalog = _synthetic_catalog(tmp_path / "catalog", 40)
    out = tmp_path / "out" / "site"
    parent = subprocess.Popen(
        [sys.executable, "-c", _INTERRUPTED_SCRIPT, str(catalog.path), str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    assert parent.stdout.readline() == "worker\n"  # a worker is writing
    workers = children(parent.pid)
    assert len(workers) == 2
    parent.send_signal(signal.SIGINT)
    started = time.monotonic()
    rest, _ = parent.communicate(timeout=60)
    # Each worker ends after its item (a second), not after the items it has still to write.
    assert time.monotonic() - started < 8
    assert rest.splitlines()[-1] == "interrupted"
    assert [pid for pid in workers if running(pid)] == []
    assert not out.exists()
    assert siblings(out) == []  # no staging folder, no lock


_NOISY_SCRIPT = """
import sys
from servicecatalog import load_catalog
from servicecatalog.guides import site

real_write = site._ItemPages.write

def noisy(pages, item):
    print("a worker speaks")
    print("a worker complains", file=sys.stderr)
    return real_write(pages, item)

site._ItemPages.write = noisy
site.build_site(load_catalog(sys.argv[1]), sys.argv[2], jobs=2)
"""


@needs_fork
def test_workers_print_nothing(small: Catalog, tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-c", _NOISY_SCRIPT, str(small.path), str(tmp_path / "site")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert (built.stdout, built.stderr) == ("", "")
    assert (tmp_path / "site" / "index.html").exists()


@needs_fork
def test_without_process_shared_semaphores_one_process_writes_everything(
    small: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing.context

    def no_semaphores(*arguments: Any, **keywords: Any) -> None:
        raise ImportError("This platform lacks a functioning sem_open implementation")

    monkeypatch.setattr(multiprocessing.context.BaseContext, "Event", no_semaphores)
    writers = _spy_on_workers(monkeypatch, tmp_path / "writers")
    alone = snapshot(build_site(small, tmp_path / "alone", jobs=1))
    assert snapshot(build_site(small, tmp_path / "asked", jobs=2)) == alone
    assert writers() == {os.getpid()}


def test_jobs_must_be_at_least_one(small: Catalog, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="jobs must be at least 1, not 0"):
        build_site(small, tmp_path / "site", jobs=0)
    assert not (tmp_path / "site").exists()


def test_workers_are_started_only_where_they_pay_and_are_safe(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(site_module, "available_cpus", lambda: 4)
    assert site_module._worker_count(site_module.PARALLEL_THRESHOLD - 1, None) == 1
    assert site_module._worker_count(site_module.PARALLEL_THRESHOLD, None) == 4
    assert site_module._worker_count(3, 2) == 2  # asked for: workers even for three items
    assert site_module._worker_count(1, 8) == 1  # one task: nothing to share
    assert site_module._worker_count(2000, 1) == 1
    monkeypatch.setattr(site_module, "available_cpus", lambda: 1)
    assert site_module._worker_count(2000, None) == 1
    monkeypatch.setattr(site_module, "available_cpus", lambda: 4)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:  # a program running threads of its own gets workers only when it asks
        assert site_module._worker_count(2000, None) == 1
        assert site_module._worker_count(2000, 2) == 2
    finally:
        release.set()
        other.join()
    assert site_module._worker_count(2000, None) == 4
    monkeypatch.delattr(os, "fork")
    assert site_module._worker_count(2000, 2) == 1


def test_tasks_cover_every_item_once_in_order() -> None:
    for items, workers in [(1, 2), (3, 2), (40, 2), (149, 2), (2000, 2), (2000, 3)]:
        chunks = site_module._chunks(items, workers)
        assert [index for chunk in chunks for index in chunk] == list(range(items))
        assert max(len(chunk) for chunk in chunks) <= site_module._CHUNK
        assert len(chunks) >= min(items, workers * 4)  # a few per worker, to finish together


def test_the_threshold_is_documented() -> None:
    commands = (REPO_ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert f"From {site_module.PARALLEL_THRESHOLD} items on, `site` writes" in commands
