"""A review of two catalog versions and its three renderings (servicecatalog.review, DESIGN §8).

The review is what ``servicecatalog diff`` prints: the changes, each changed item's publication
deadline, the findings of the one-working-day rule; as text for a terminal, JSON for programs and
Markdown for a review comment (counts of decreases and increases, then one section per item).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from conftest import PENALTY_ITEM, SERVICE_ITEM, CatalogDir
from servicecatalog import load_catalog
from servicecatalog.diff import KINDS
from servicecatalog.publication import PublicationStatus
from servicecatalog.review import (
    DIFF_FORMATS,
    Review,
    render_review,
    review_catalogs,
    review_sources,
)
from servicecatalog.workdays import WorkdayCalendar

A, P = SERVICE_ITEM, PENALTY_ITEM
TODAY = date(2026, 11, 27)
Data = dict[str, Any]


def _revise(changed_on: date, published_on: date | None) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["revision"] = {"version": 4, "changed_on": changed_on, "published_on": published_on}

    return change


def _lighten(data: Data) -> None:
    """Three decreases (a condition, a committed and a handling day removed), one increase (a
    required form field)."""
    data["conditions"].pop()
    data["time_limit"]["committed"]["days"] = 2
    data["handling_process"][1]["working_days"] = 1
    data["forms"][0]["fields"].append({"name": "电子邮箱", "type": "text", "required": True})


def _add_law(data: Data) -> None:
    data["laws"].append(
        {
            "id": "test-rules",
            "name": "测试规定",
            "kind": "规范性文件",
            "issuer": "吉林省人力资源和社会保障厅",
            "effective": date(2026, 1, 1),
        }
    )


@pytest.fixture
def pair(catalog_copy: Callable[..., CatalogDir]) -> tuple[CatalogDir, CatalogDir]:
    """A revised on time (2026-11-20 → due 2026-11-23), P changed without a revision, a law added."""
    old, new = catalog_copy("old"), catalog_copy("new")
    new.edit(A, _lighten)
    new.edit(A, _revise(date(2026, 11, 20), date(2026, 11, 23)))
    new.edit(P, lambda data: data.update(main_item_name="对使用童工的行政处罚"))
    new.edit_laws(_add_law)
    return old, new


@pytest.fixture
def review(pair: tuple[CatalogDir, CatalogDir]) -> Review:
    old, new = pair
    return review_sources(str(old.path), str(new.path), today=TODAY)


def test_review_of_two_folders(review: Review, pair: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = pair
    assert (review.old_name, review.new_name) == (str(old.path), str(new.path))
    assert review.changes.items() == [A, P]
    assert review.changes.counts == {"burden-increase": 1, "burden-decrease": 3, "neutral": 2}
    assert review.names == {A: "失业保险金申领", P: "对使用童工的行政处罚"}
    assert review.deadlines[A].deadline == date(2026, 11, 23)
    assert review.deadlines[A].status is PublicationStatus.ON_TIME
    assert review.deadlines[P].deadline is None
    assert review.deadlines[P].status is PublicationStatus.UNREVISED
    assert [(f.rule, f.item) for f in review.report] == [("change-without-revision", P)]
    assert not review.report.ok
    assert review.invalid == {}


def test_review_catalogs_with_an_explicit_calendar(pair: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = pair
    result = review_catalogs(
        load_catalog(old.path, today=TODAY),
        load_catalog(new.path, today=TODAY),
        WorkdayCalendar(),
        TODAY,
    )
    assert (result.old_name, result.new_name) == ("old", "new")
    assert result.changes.items() == [A, P]


def test_json_has_the_documented_shape(review: Review, pair: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = pair
    payload = json.loads(render_review(review, "json"))
    assert payload == review.to_dict()
    assert list(payload) == [
        "ok",
        "old",
        "new",
        "counts",
        "items",
        "lists",
        "changes",
        "findings",
        "finding_counts",
    ]
    assert payload["ok"] is False
    assert (payload["old"], payload["new"]) == (str(old.path), str(new.path))
    assert payload["counts"] == {"burden-increase": 1, "burden-decrease": 3, "neutral": 2}
    assert payload["items"][0] == {
        "item": A,
        "name": "失业保险金申领",
        "counts": {"burden-increase": 1, "burden-decrease": 3, "neutral": 0},
        "changed_on": "2026-11-20",
        "deadline": "2026-11-23",
        "published_on": "2026-11-23",
        "status": "on-time",
    }
    assert payload["items"][1]["item"] == P
    assert payload["items"][1]["status"] == "unrevised"
    assert payload["items"][1]["deadline"] is None
    assert payload["lists"] == []
    for change in payload["changes"]:
        assert set(change) == {
            "item",
            "region",
            "element",
            "kind",
            "direction",
            "path",
            "old",
            "new",
        }
        assert change["region"] is None
        assert change["kind"] in KINDS
        assert change["direction"] == KINDS[change["kind"]].direction.value
    assert [c["kind"] for c in payload["changes"]][-1] == "law-added"
    assert payload["changes"][-1]["item"] is None
    (finding,) = payload["findings"]
    assert finding["rule"] == "change-without-revision"
    assert finding["item"] == P
    assert finding["path"] == "revision"
    assert finding["file"].endswith(f"items/{P}.yaml")
    assert payload["finding_counts"] == {"error": 1, "warning": 0, "info": 0}


def test_json_in_english(review: Review) -> None:
    zh = json.loads(render_review(review, "json"))
    en = json.loads(render_review(review, "json", "en"))
    assert zh["findings"][0]["message"] != en["findings"][0]["message"]
    assert "revision" in en["findings"][0]["message"]
    assert re.search(r"[\u4e00-\u9fff]", zh["findings"][0]["message"])


def test_text_is_readable(review: Review, pair: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = pair
    text = render_review(review, "text")
    lines = text.splitlines()
    assert lines[0] == f"{old.path} → {new.path}：减负 3 项，增负 1 项，中性 2 项"
    assert lines[1] == "（− 减轻申请人负担，+ 增加申请人负担，· 不增不减）"
    assert f"{A} 失业保险金申领 — 最迟于 2026-11-23（含当日）公开 · 按期公开" in lines
    assert f"{P} 对使用童工的行政处罚 — 未更新修订信息，无法确定公开期限" in lines
    assert "  − 承诺时限缩短（减时限）  time_limit.committed.days  3 → 2" in lines
    assert any(line.startswith("  − 减少受理条件（减条件）  conditions[") for line in lines)
    assert any(line.startswith("  + 表单增加填写项  forms[F1].fields[电子邮箱]") for line in lines)
    assert any(
        line.startswith("  · 主项名称变更  main_item_name  对用人单位使用童工的行政处罚 → ")
        for line in lines
    )
    assert "法规登记表与区划" in lines
    assert any(
        line.startswith("  · 法规登记表新增法规  laws[test-rules]  — → 测试规定") for line in lines
    )
    finding = next(line for line in lines if "[change-without-revision]" in line)
    assert re.fullmatch(
        rf".*items/{P}\.yaml:\d+:\d+: error \[change-without-revision\] .+", finding
    )
    assert text.endswith("\n")
    # the items come in code order, their changes under them
    assert lines.index(
        f"{A} 失业保险金申领 — 最迟于 2026-11-23（含当日）公开 · 按期公开"
    ) < lines.index(f"{P} 对使用童工的行政处罚 — 未更新修订信息，无法确定公开期限")


def test_chinese_text_has_no_english_status_or_kind(review: Review) -> None:
    text = render_review(review, "text")
    report_lines = [line for line in text.splitlines() if "[change-without-revision]" not in line]
    shown = "\n".join(report_lines)
    for word in ("pending", "on-time", "overdue", "late", "unrevised", "unknown", "note:"):
        assert word not in shown
    for kind in KINDS:
        assert f" {kind} " not in shown


def test_text_in_english(review: Review) -> None:
    text = render_review(review, "text", "en")
    assert "3 burden decreases, 1 burden increase, 2 neutral" in text.splitlines()[0]
    assert f"{A} 失业保险金申领 — publish by 2026-11-23 (inclusive) · published on time" in text
    assert f"{P} 对使用童工的行政处罚 — revision not updated: no deadline can be given" in text
    assert "  − committed time shorter  time_limit.committed.days  3 → 2" in text
    assert "[change-without-revision] the item changed but its revision did not" in text
    assert "减负" not in text


def test_markdown_review_comment(review: Review) -> None:
    markdown = render_review(review, "markdown")
    lines = markdown.splitlines()
    assert lines[0] == "## 事项变更"
    assert "**减负 3 项，增负 1 项，中性 2 项**" in markdown
    # the summary table: one row per item with its counts and deadline
    assert "| 事项编码 | 名称 | 减负 | 增负 | 中性 | 最迟公开日期（含当日） | 状态 |" in lines
    assert f"| `{A}` | 失业保险金申领 | 3 | 1 | 0 | 2026-11-23 | 按期公开 |" in lines
    assert f"| `{P}` | 对使用童工的行政处罚 | 0 | 0 | 1 | — | 未更新修订信息 |" in lines
    # one section per changed item, with its deadline
    sections = [line for line in lines if line.startswith("### ")]
    assert sections == [
        f"### `{A}` 失业保险金申领 — 最迟于 2026-11-23（含当日）公开 · 按期公开",
        f"### `{P}` 对使用童工的行政处罚 — 未更新修订信息，无法确定公开期限",
        "### laws.yaml, regions.yaml",
        "### 问题",
    ]
    assert (
        "| 🟢 | 承诺时限缩短（减时限） `committed-days-decreased` | `time_limit.committed.days` | 3 | 2 |"
        in lines
    )
    assert any(line.startswith("| 🔴 | 表单增加填写项 `form-field-added` ") for line in lines)
    assert any(line.startswith("| ⚪ | 法规登记表新增法规 `law-added` ") for line in lines)
    assert any(line.startswith("- **error** `change-without-revision` ") for line in lines)


def test_markdown_in_english(review: Review) -> None:
    markdown = render_review(review, "markdown", "en")
    assert markdown.startswith("## Catalog changes\n")
    assert "**3 burden decreases, 1 burden increase, 2 neutral**" in markdown
    assert "| item | name | − | + | · | publish by (inclusive) | status |" in markdown
    assert (
        f"### `{A}` 失业保险金申领 — publish by 2026-11-23 (inclusive) · published on time"
        in markdown
    )
    assert "committed time shorter" in markdown
    assert "### Findings" in markdown


def test_markdown_escapes_table_cells(catalog_copy: Callable[..., CatalogDir]) -> None:
    old, new = catalog_copy("old"), catalog_copy("new")

    def rename(data: Data) -> None:
        data["main_item_name"] = "失业保险金申领|按月"
        data["materials"][0]["name"] = "身份证|社保卡\n或护照"

    new.edit(A, rename)
    new.edit(A, _revise(date(2026, 11, 20), date(2026, 11, 23)))
    result = review_sources(str(old.path), str(new.path), today=TODAY)
    markdown = render_review(result, "markdown")
    row = next(line for line in markdown.splitlines() if line.startswith(f"| `{A}` |"))
    assert "失业保险金申领\\|按月" in row
    assert row.count(" | ") == 6
    renamed = next(line for line in markdown.splitlines() if "`material-renamed`" in line)
    # The line break is shown as what it is; it cannot end the table row.
    assert "身份证\\|社保卡\\\\u000a或护照" in renamed


def test_no_changes(catalog_copy: Callable[..., CatalogDir]) -> None:
    old, new = catalog_copy("old"), catalog_copy("new")
    result = review_sources(str(old.path), str(new.path), today=TODAY)
    assert not result.changes
    assert result.report.ok
    assert render_review(result, "text").splitlines() == [
        f"{old.path} → {new.path}：减负 0 项，增负 0 项，中性 0 项"
    ]
    payload = json.loads(render_review(result, "json"))
    assert payload["ok"] is True
    assert payload["items"] == payload["lists"] == payload["changes"] == payload["findings"] == []
    markdown = render_review(result, "markdown")
    assert "### " not in markdown
    assert "|" not in markdown


def test_pending_and_unknown_deadlines_are_shown(catalog_copy: Callable[..., CatalogDir]) -> None:
    old, new = catalog_copy("old"), catalog_copy("new")
    new.edit(A, lambda data: data["conditions"].pop())
    new.edit(A, _revise(date(2026, 11, 26), None))
    new.edit(P, lambda data: data["conditions"].pop())
    new.edit(P, _revise(date(2026, 12, 31), None))
    result = review_sources(str(old.path), str(new.path), today=TODAY)
    text = render_review(result, "text", "en")
    assert f"{A} 失业保险金申领 — publish by 2026-11-27 (inclusive) · pending" in text
    assert f"{P} 对用人单位使用童工的行政处罚 — deadline unknown" in text
    assert "[calendar-year-unknown]" in text
    payload = json.loads(render_review(result, "json"))
    assert payload["items"][1]["status"] == "unknown"
    assert payload["items"][1]["deadline"] is None
    assert render_review(result, "markdown").count("公开期限未知") == 2  # table and heading


def test_an_invalid_side_is_noted(catalog_copy: Callable[..., CatalogDir]) -> None:
    old, new = catalog_copy("old"), catalog_copy("new")
    text = new.item_file(A).read_text(encoding="utf-8").replace("visits: 0", "visits: many")
    new.item_file(A).write_text(text, encoding="utf-8")
    result = review_sources(str(old.path), str(new.path), today=TODAY)
    assert result.invalid == {str(new.path): 1}
    assert f"注意：{new.path} 中有 1 个文件未通过校验，未参与比较" in render_review(result, "text")
    assert f"note: 1 file of {new.path} did not validate and was not compared" in render_review(
        result, "text", "en"
    )
    assert f"> 注意：`{new.path}` 中有 1 个文件未通过校验" in render_review(result, "markdown")


def test_a_side_with_errors_but_every_file_compared_has_no_note(
    catalog_copy: Callable[..., CatalogDir],
) -> None:
    old, new = catalog_copy("old"), catalog_copy("new")
    manifest = new.path / "catalog.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "unknown_key: 1\n", "utf-8")
    result = review_sources(str(old.path), str(new.path), today=TODAY)
    assert result.invalid == {}
    assert "未参与比较" not in render_review(result, "text")


def test_an_item_that_does_not_validate_is_not_reported_as_removed(
    catalog_copy: Callable[..., CatalogDir],
) -> None:
    """The review says 'items that do not validate are not compared'; its file is still there,
    so telling the reviewer the item was deleted (item-removed) is wrong."""
    old, new = catalog_copy("old"), catalog_copy("new")
    text = new.item_file(A).read_text(encoding="utf-8").replace("visits: 0", "visits: many")
    new.item_file(A).write_text(text, encoding="utf-8")
    result = review_sources(str(old.path), str(new.path), today=TODAY)
    assert [(c.item, c.kind) for c in result.changes] == []


@pytest.mark.parametrize("side", ["old", "new"])
def test_an_emptied_item_file_is_a_finding_not_silence(
    catalog_copy: Callable[..., CatalogDir], side: str
) -> None:
    old, new = catalog_copy("old"), catalog_copy("new")
    emptied = (old if side == "old" else new).item_file(A)
    emptied.write_text("", encoding="utf-8")
    result = review_sources(str(old.path), str(new.path), today=TODAY)
    [finding] = result.report.for_rule("diff-item-not-compared")
    assert finding.file == str(emptied)
    assert finding.item == A
    assert finding.text("en") == (
        f"the file of item {A} does not validate in {emptied.parent.parent} and was not "
        "compared: the file is empty (nothing, or only comments, '---', null or ~)"
    )
    assert not result.report.ok  # diff exits 1


def test_formats() -> None:
    assert DIFF_FORMATS == ("text", "json", "markdown", "github", "sarif", "gitlab", "junit")


def _hostile_review(catalog_copy: Callable[..., CatalogDir], value: str) -> str:
    old, new = catalog_copy(f"old-{len(value)}"), catalog_copy(f"new-{len(value)}")

    def change(data: Data) -> None:
        data["main_item_name"] = f"失业保险金申领{value}"
        data["materials"][0]["name"] = value
        data["conditions"].append(value)
        data["forms"][0]["fields"][0]["name"] = value

    new.edit(A, change)
    new.edit(A, _revise(date(2026, 11, 20), date(2026, 11, 23)))
    return render_review(review_sources(str(old.path), str(new.path), today=TODAY), "markdown")


def test_markdown_review_is_inert_whatever_the_catalog_says(
    catalog_copy: Callable[..., CatalogDir],
) -> None:
    """A review comment with hostile names has exactly the elements of one with plain names."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("gfm-like")

    def elements(markdown: str) -> list[str]:
        def walk(tokens: Any) -> list[str]:
            return [kind for t in tokens for kind in (t.type, *walk(t.children or []))]

        return walk(parser.parse(markdown))

    plain = elements(_hostile_review(catalog_copy, "普通文字"))
    # Control characters make the catalog invalid (text-control-character), which adds a note;
    # tests/test_markdown_escape.py shows them inert too.
    hostile = (
        "<img src=x onerror=alert(1)>[链接](https://e.x) @octocat #1 www.e.x `x` ``` "
        "**b** | c | # 标题 - 列表 $m$ :smile: <!-- c -->"
    )
    markdown = _hostile_review(catalog_copy, hostile)
    assert elements(markdown) == plain
    # A mention outside a code span would notify someone (GitHub links them after parsing).
    texts = [
        child.content
        for token in parser.parse(markdown)
        for child in token.children or []
        if child.type == "text"
    ]
    assert any("@\u200boctocat" in text for text in texts)
    assert not any("@octocat" in text for text in texts)


# ---- implementation lists under the rule (DESIGN §14) -----------------------------------------

R = "220102"
REGIONS = {
    "regions": [
        {"code": "220000", "name": "吉林省", "level": "省级", "parent": None},
        {"code": "220100", "name": "长春市", "level": "市级", "parent": "220000"},
        {"code": R, "name": "南关区", "level": "县级", "parent": "220100"},
    ]
}


def _list(revision: Data | None, address: str = "长春市南关区政务服务中心") -> Data:
    data: Data = {
        "region": R,
        "defaults": {"agency": "长春市南关区人力资源和社会保障局", "address": address},
        "implementations": [{"item": A}, {"item": P, "window": "3号窗口"}],
    }
    if revision is not None:
        data["revision"] = revision
    return data


FIRST = {"version": 1, "changed_on": "2026-11-02", "published_on": "2026-11-03"}


@pytest.fixture
def listed(catalog_copy: Callable[..., CatalogDir]) -> tuple[CatalogDir, CatalogDir]:
    old, new = catalog_copy("old"), catalog_copy("new")
    for side in (old, new):
        side.write_regions(REGIONS)
        side.write_list(_list(FIRST))
    return old, new


def test_a_changed_default_is_a_change_of_every_entry_with_the_lists_deadline(
    listed: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = listed
    moved = {"version": 2, "changed_on": "2026-11-27", "published_on": None}
    new.write_list(_list(moved, address="长春市南关区民康路 1 号"))
    result = review_sources(str(old.path), str(new.path), today=TODAY)
    assert [(c.region, c.item, c.kind) for c in result.changes] == [
        (R, A, "implementation-address-changed"),
        (R, P, "implementation-address-changed"),
    ]
    assert result.changes.items() == []
    assert result.list_deadlines[R].deadline == date(2026, 11, 30)
    assert result.list_deadlines[R].status is PublicationStatus.PENDING
    payload = json.loads(render_review(result, "json"))
    assert payload["lists"] == [
        {
            "region": R,
            "name": "南关区",
            "counts": {"burden-increase": 0, "burden-decrease": 0, "neutral": 2},
            "changed_on": "2026-11-27",
            "deadline": "2026-11-30",
            "published_on": None,
            "status": "pending",
        }
    ]
    assert {c["region"] for c in payload["changes"]} == {R}
    text = render_review(result, "text")
    assert f"实施清单 {R} 南关区 — 最迟于 2026-11-30（含当日）公开 · 待公开" in text
    assert "  · 办理地点变更  2 个事项（220114043000 等）  address  " in text
    assert result.report.ok


def test_a_region_that_stops_handling_an_item_is_a_burden_increase(
    listed: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = listed
    data = _list({"version": 2, "changed_on": "2026-11-20", "published_on": "2026-11-23"})
    data["implementations"] = data["implementations"][:1]
    new.write_list(data)
    result = review_sources(str(old.path), str(new.path), today=TODAY)
    (change,) = result.changes
    assert (change.region, change.item, change.kind, change.direction.value) == (
        R,
        P,
        "implementation-removed",
        "burden-increase",
    )
    assert result.list_deadlines[R].status is PublicationStatus.ON_TIME
    assert "+ 本地区不再办理该事项" in render_review(result, "text")


def test_a_list_changed_without_moving_its_revision_is_unrevised_and_located(
    listed: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = listed
    new.write_list(_list(FIRST, address="长春市南关区民康路 1 号"))
    result = review_sources(str(old.path), str(new.path), today=TODAY)
    assert result.list_deadlines[R].status is PublicationStatus.UNREVISED
    assert result.list_deadlines[R].deadline is None
    (finding,) = result.report
    assert finding.rule == "change-without-revision"
    assert finding.file == str(new.list_file(R))
    lines = new.list_file(R).read_text(encoding="utf-8").splitlines()
    assert lines[finding.line - 1].strip().startswith("version:")  # type: ignore[operator]
    text = render_review(result, "text")
    assert "未更新修订信息，无法确定公开期限" in text
    assert "按期公开" not in text


def test_a_list_without_a_revision_that_changed_is_located_at_its_region(
    listed: tuple[CatalogDir, CatalogDir],
) -> None:
    old, new = listed
    new.write_list(_list(None, address="长春市南关区民康路 1 号"))
    result = review_sources(str(old.path), str(new.path), today=TODAY)
    (finding,) = result.report
    assert finding.rule == "change-without-revision"
    assert finding.line == 1
    assert "has no revision" in finding.text("en")


def test_a_late_list_is_publication_late_in_its_file(listed: tuple[CatalogDir, CatalogDir]) -> None:
    old, new = listed
    late = {"version": 2, "changed_on": "2026-11-20", "published_on": "2026-11-25"}
    new.write_list(_list(late, address="长春市南关区民康路 1 号"))
    result = review_sources(str(old.path), str(new.path), today=TODAY)
    assert result.list_deadlines[R].status is PublicationStatus.LATE
    (finding,) = result.report
    assert (finding.rule, finding.file) == ("publication-late", str(new.list_file(R)))
    assert "2026-11-23（含当日）" in finding.message


def test_a_list_that_does_not_validate_is_not_compared(
    listed: tuple[CatalogDir, CatalogDir],
) -> None:
    """A broken list is not 'every implementation removed'."""
    old, new = listed
    new.list_file(R).write_text("region: [\n", encoding="utf-8")
    result = review_sources(str(old.path), str(new.path), today=TODAY)
    assert list(result.changes) == []
    assert [f.rule for f in result.report] == ["diff-item-not-compared"]
    assert result.invalid == {str(new.path): 1}
