"""Tests of findings and reports (servicecatalog.findings, DESIGN §7)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from servicecatalog import Finding, Report, Severity


def finding(
    rule: str = "visits-exceed-one",
    severity: Severity = Severity.ERROR,
    file: str | None = "catalog/items/220114001000.yaml",
    line: int | None = 3,
    column: int | None = 5,
    item: str | None = "220114001000",
    path: str | None = "visits",
) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        message=f"中文 {rule}",
        message_en=f"english {rule}",
        file=file,
        line=line,
        column=column,
        item=item,
        path=path,
    )


# ---- Severity ---------------------------------------------------------------------------------


def test_severity_values() -> None:
    assert [s.value for s in Severity] == ["error", "warning", "info"]
    assert Severity("warning") is Severity.WARNING
    assert Severity.ERROR == "error"


def test_severity_rank_orders_error_above_warning_above_info() -> None:
    assert Severity.ERROR.rank > Severity.WARNING.rank > Severity.INFO.rank
    assert sorted(Severity, key=lambda s: s.rank) == [
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]


@pytest.mark.parametrize(
    ("severity", "threshold", "expected"),
    [
        (Severity.ERROR, Severity.ERROR, True),
        (Severity.ERROR, Severity.WARNING, True),
        (Severity.ERROR, Severity.INFO, True),
        (Severity.WARNING, Severity.ERROR, False),
        (Severity.WARNING, Severity.WARNING, True),
        (Severity.WARNING, Severity.INFO, True),
        (Severity.INFO, Severity.ERROR, False),
        (Severity.INFO, Severity.WARNING, False),
        (Severity.INFO, Severity.INFO, True),
    ],
)
def test_severity_at_least(severity: Severity, threshold: Severity, expected: bool) -> None:
    assert severity.at_least(threshold) is expected


# ---- Finding ----------------------------------------------------------------------------------


def test_finding_text_by_language() -> None:
    f = finding()
    assert f.text() == "中文 visits-exceed-one"
    assert f.text("zh") == "中文 visits-exceed-one"
    assert f.text("en") == "english visits-exceed-one"


def test_finding_is_frozen() -> None:
    f = finding()
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.rule = "x"  # type: ignore[misc]


def test_with_severity_is_a_copy() -> None:
    f = finding()
    g = f.with_severity(Severity.INFO)
    assert g.severity is Severity.INFO
    assert f.severity is Severity.ERROR
    assert dataclasses.replace(g, severity=Severity.ERROR) == f


def test_finding_defaults() -> None:
    f = Finding(rule="r", severity=Severity.INFO, message="m", message_en="e")
    assert (f.file, f.line, f.column, f.item, f.path) == (None, None, None, None, None)


def test_finding_to_dict() -> None:
    assert finding().to_dict() == {
        "rule": "visits-exceed-one",
        "severity": "error",
        "message": "中文 visits-exceed-one",
        "file": "catalog/items/220114001000.yaml",
        "line": 3,
        "column": 5,
        "item": "220114001000",
        "path": "visits",
    }
    assert finding().to_dict("en")["message"] == "english visits-exceed-one"
    assert list(finding().to_dict()) == [
        "rule",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "item",
        "path",
    ]


# ---- Report -----------------------------------------------------------------------------------


def test_report_of_sorts_by_file_position_and_rule() -> None:
    a = finding(file="b.yaml", line=1, column=1)
    b = finding(file="a.yaml", line=10, column=1)
    c = finding(file="a.yaml", line=2, column=7)
    d = finding(file="a.yaml", line=2, column=3, rule="z-rule")
    e = finding(file="a.yaml", line=2, column=3, rule="a-rule")
    f = finding(file=None, line=None, column=None)
    report = Report.of([a, b, c, d, e, f], items=3)
    assert list(report) == [f, e, d, c, b, a]
    assert report.items == 3
    assert len(report) == 6


def test_empty_report() -> None:
    report = Report()
    assert report.ok
    assert report.items == 0
    assert report.counts == {"error": 0, "warning": 0, "info": 0}
    assert report.to_dict() == {
        "ok": True,
        "items": 0,
        "counts": {"error": 0, "warning": 0, "info": 0},
        "findings": [],
    }


def test_counts_and_ok() -> None:
    warning = finding(rule="name-whitespace", severity=Severity.WARNING)
    info = finding(rule="waiver-unused", severity=Severity.INFO)
    error = finding()
    assert Report.of([warning, info], 1).ok
    assert Report.of([warning, info], 1).counts == {"error": 0, "warning": 1, "info": 1}
    report = Report.of([warning, info, error, error], 1)
    assert not report.ok
    assert report.counts == {"error": 2, "warning": 1, "info": 1}
    assert list(report.counts) == ["error", "warning", "info"]


def test_at_least() -> None:
    warning = finding(rule="name-whitespace", severity=Severity.WARNING, line=1)
    info = finding(rule="waiver-unused", severity=Severity.INFO, line=2)
    error = finding(line=3)
    report = Report.of([error, info, warning], 1)
    assert report.at_least(Severity.ERROR) == [error]
    assert report.at_least(Severity.WARNING) == [warning, error]
    assert report.at_least(Severity.INFO) == [warning, info, error]


def test_for_rule_for_item_and_merged() -> None:
    a = finding(item="220114001000")
    b = finding(rule="law-unknown", item="220114002000", line=9)
    report = Report.of([a], 2)
    merged = report.merged([b])
    assert merged.items == 2
    assert list(merged) == [a, b]
    assert merged.for_rule("law-unknown") == [b]
    assert merged.for_item("220114001000") == [a]
    assert merged.for_item("nope") == []
    assert list(report) == [a]


def test_report_to_dict_is_the_documented_json_shape() -> None:
    f = finding(
        rule="material-without-legal-basis",
        file="catalog/items/220114001000.yaml",
        line=17,
        column=5,
        path="materials[M2]",
    )
    waived = finding(rule="visits-exceed-one", line=1)
    report = Report.of([f], items=149, waived=[waived])
    shape = report.to_dict()
    assert shape == {
        "ok": False,
        "items": 149,
        "counts": {"error": 1, "warning": 0, "info": 0},
        "findings": [
            {
                "rule": "material-without-legal-basis",
                "severity": "error",
                "message": "中文 material-without-legal-basis",
                "file": "catalog/items/220114001000.yaml",
                "line": 17,
                "column": 5,
                "item": "220114001000",
                "path": "materials[M2]",
            }
        ],
    }
    assert list(shape) == ["ok", "items", "counts", "findings"]
    assert json.loads(json.dumps(shape, ensure_ascii=False)) == shape
    assert report.to_dict("en")["findings"][0]["message"] == "english material-without-legal-basis"
    assert report.waived == (waived,)


def test_report_nulls_in_json() -> None:
    f = finding(file=None, line=None, column=None, item=None, path=None)
    entry = Report.of([f], 0).to_dict()["findings"][0]
    assert entry["file"] is None
    assert entry["line"] is None
    assert entry["column"] is None
    assert entry["item"] is None
    assert entry["path"] is None
    assert '"line": null' in json.dumps(entry)
