"""Tests of report rendering (servicecatalog.reporting, DESIGN §7, §14): text, JSON, GitHub,
SARIF, GitLab Code Quality and JUnit XML.

SARIF output is checked against the official SARIF 2.1.0 JSON Schema, vendored in tests/data,
with its ``uri`` and ``uri-reference`` formats checked (rfc3986-validator).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from jsonschema import Draft4Validator, FormatChecker

from servicecatalog import Finding, Report, Severity
from servicecatalog.reporting import (
    FORMATS,
    findings_summary,
    render_report,
    sarif_error,
    text_line,
)
from servicecatalog.rules.registry import REGISTRY

FILE = "catalog/items/220114001000.yaml"


def finding(
    rule: str = "visits-exceed-one",
    severity: Severity = Severity.ERROR,
    *,
    file: str | None = FILE,
    line: int | None = 42,
    column: int | None = 9,
    message: str = "到办事现场 2 次，超过 “只跑一次” 的要求",
    message_en: str = "2 on-site visits; at most one is allowed (只跑一次)",
    item: str | None = "220114001000",
    path: str | None = "visits",
) -> Finding:
    return Finding(rule, severity, message, message_en, file, line, column, item, path)


REPORT = Report.of(
    [
        finding(),
        finding(
            "name-whitespace",
            Severity.WARNING,
            line=7,
            column=17,
            message="名称 “ 失业” 首尾有空格",
            message_en="name ' 失业' starts or ends with a space",
            path="main_item_name",
        ),
        finding(
            "waiver-unused",
            Severity.INFO,
            file=".servicecatalog.yaml",
            line=3,
            column=5,
            message="豁免没有匹配任何问题",
            message_en="the waiver matches nothing",
            path=None,
        ),
        finding(
            "catalog-file-missing",
            file="catalog/laws.yaml",
            line=None,
            column=None,
            message="目录缺少法规登记表 laws.yaml",
            message_en="the catalog has no laws.yaml",
            item=None,
            path=None,
        ),
        finding(
            "not-a-registered-rule",
            Severity.WARNING,
            file=None,
            line=None,
            column=None,
            message="无文件",
            message_en="no file",
            item=None,
            path=None,
        ),
    ],
    items=2,
)


# ---- text -------------------------------------------------------------------------------------


def test_text_line_format() -> None:
    assert text_line(finding()) == (
        "catalog/items/220114001000.yaml:42:9: error [visits-exceed-one] "
        "到办事现场 2 次，超过 “只跑一次” 的要求"
    )
    assert text_line(finding(), "en") == (
        "catalog/items/220114001000.yaml:42:9: error [visits-exceed-one] "
        "2 on-site visits; at most one is allowed (只跑一次)"
    )


def test_text_line_without_position_or_file() -> None:
    assert text_line(finding(line=None, column=None)) == (
        f"{FILE}: error [visits-exceed-one] 到办事现场 2 次，超过 “只跑一次” 的要求"
    )
    assert text_line(finding(column=None)).startswith(f"{FILE}:42:1: error ")
    assert text_line(finding(file=None, line=None, column=None), "en").startswith(
        "<catalog>: error [visits-exceed-one] "
    )


def test_text_report_is_one_line_per_finding() -> None:
    output = render_report(REPORT, "text")
    assert output.endswith("\n")
    lines = output.splitlines()
    assert lines == [text_line(f) for f in REPORT]
    assert "catalog/items/220114001000.yaml:7:17: warning [name-whitespace] " in output
    assert ".servicecatalog.yaml:3:5: info [waiver-unused] " in output


def test_empty_text_report_is_empty() -> None:
    assert render_report(Report(), "text") == ""
    assert render_report(Report(), "github") == ""


# ---- json -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_json_is_the_report_shape(lang: str) -> None:
    output = render_report(REPORT, "json", lang)  # type: ignore[arg-type]
    assert json.loads(output) == REPORT.to_dict(lang)  # type: ignore[arg-type]
    assert output.endswith("\n")


def test_json_keeps_chinese_readable() -> None:
    output = render_report(REPORT, "json")
    assert "到办事现场" in output
    assert "\\u" not in output


def test_empty_json_report() -> None:
    assert json.loads(render_report(Report(), "json")) == {
        "ok": True,
        "items": 0,
        "counts": {"error": 0, "warning": 0, "info": 0},
        "findings": [],
    }


# ---- github -----------------------------------------------------------------------------------


def test_github_annotation() -> None:
    line = render_report(Report.of([finding()], 1), "github", "en")
    assert line == (
        "::error file=catalog/items/220114001000.yaml,line=42,col=9,title=visits-exceed-one::"
        "2 on-site visits; at most one is allowed (只跑一次)\n"
    )


@pytest.mark.parametrize(
    ("severity", "command"),
    [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "notice")],
)
def test_github_levels(severity: Severity, command: str) -> None:
    line = render_report(Report.of([finding(severity=severity)], 1), "github")
    assert line.startswith(f"::{command} ")


def _github_properties(line: str) -> dict[str, str]:
    assert line.startswith("::")
    head = line[2:].split("::", 1)[0]
    _, properties = head.split(" ", 1)
    return dict(part.split("=", 1) for part in properties.split(","))


def test_github_escapes_data() -> None:
    f = finding(message="完成 50%\n第二行\r结束\u202e")
    line = render_report(Report.of([f], 1), "github").removesuffix("\n")
    assert "\n" not in line
    # Line breaks in catalog text are shown as what they are, not made into new lines.
    assert line.endswith("::完成 50%25\\u000a第二行\\u000d结束\\u202e")


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_message_cannot_forge_a_finding(fmt: str) -> None:
    forged = "x\ncatalog/items/220114001000.yaml:1:1: error [name-duplicate] forged"
    f = finding(message=forged, message_en=forged)
    output = render_report(Report.of([f], 1), fmt)  # type: ignore[arg-type]
    assert output.count("\n") == 1
    assert "\\u000acatalog/items" in output


def test_a_file_name_cannot_forge_a_finding() -> None:
    f = finding(file="catalog/items/x\ny.yaml")
    output = render_report(Report.of([f], 1), "text")
    assert output.count("\n") == 1
    assert output.startswith("catalog/items/x\\u000ay.yaml:")


def test_github_escapes_properties() -> None:
    f = finding(file="catalog/items/a,b:c%d.yaml")
    line = render_report(Report.of([f], 1), "github")
    properties = _github_properties(line)
    assert properties == {
        "file": "catalog/items/a%2Cb%3Ac%25d.yaml",
        "line": "42",
        "col": "9",
        "title": "visits-exceed-one",
    }


def test_github_without_file_or_position() -> None:
    f = finding(file=None, line=None, column=None)
    assert _github_properties(render_report(Report.of([f], 1), "github")) == {
        "title": "visits-exceed-one"
    }
    g = finding(line=None, column=None)
    assert _github_properties(render_report(Report.of([g], 1), "github")) == {
        "file": FILE,
        "title": "visits-exceed-one",
    }
    h = finding(file=None)
    assert _github_properties(render_report(Report.of([h], 1), "github")) == {
        "line": "42",
        "col": "9",
        "title": "visits-exceed-one",
    }


def test_github_one_line_per_finding() -> None:
    output = render_report(REPORT, "github")
    assert len(output.splitlines()) == len(REPORT)


# ---- sarif ------------------------------------------------------------------------------------

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
"""The official SARIF 2.1.0 schema (OASIS, errata 01), vendored: see tests/data/README.md."""
# Every format jsonschema knows: draft 4's own checker leaves out uri-reference, which SARIF uses.
SARIF = Draft4Validator(SARIF_SCHEMA, format_checker=FormatChecker())


def sarif_errors(document: Any) -> list[str]:
    return [
        f"{list(e.absolute_path)}: {e.message}"
        for e in sorted(SARIF.iter_errors(document), key=str)
    ]


def sarif(report: Report = REPORT, lang: str = "zh", **kwargs: Any) -> dict[str, Any]:
    document = json.loads(render_report(report, "sarif", lang, **kwargs))  # type: ignore[arg-type]
    assert isinstance(document, dict)
    return document


def test_the_vendored_schema_is_the_official_one() -> None:
    Draft4Validator.check_schema(SARIF_SCHEMA)
    assert SARIF_SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")


def test_uri_references_are_really_checked() -> None:
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "catalog/有 空格.yaml"}}}]}]}]}  # fmt: skip
    assert sarif_errors(bad) != []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_is_valid_against_the_official_schema(lang: str) -> None:
    assert sarif_errors(sarif(lang=lang, version="1.2.3")) == []


def test_sarif_uris_are_relative_percent_encoded_and_based(tmp_path: Path) -> None:
    files = [
        "catalog/items/220114001000.yaml",
        "目录 副本/items/220114001000.yaml",
        str(tmp_path / "a b" / "items" / "x.yaml"),
        "/elsewhere/catalog/items/x.yaml",
        "catalog/items/bad\\xff.yaml",
    ]
    report = Report.of([finding(file=file) for file in files], 1)
    document = sarif(report, srcroot=tmp_path)
    assert sarif_errors(document) == []
    run = document["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    assert run["invocations"] == [{"executionSuccessful": True}]
    locations = {
        json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"], sort_keys=True)
        for r in run["results"]
    }
    assert locations == {
        json.dumps(location, sort_keys=True)
        for location in (
            {"uri": "catalog/items/220114001000.yaml", "uriBaseId": "%SRCROOT%"},
            {
                "uri": "%E7%9B%AE%E5%BD%95%20%E5%89%AF%E6%9C%AC/items/220114001000.yaml",
                "uriBaseId": "%SRCROOT%",
            },
            {"uri": "a%20b/items/x.yaml", "uriBaseId": "%SRCROOT%"},
            {"uri": "file:///elsewhere/catalog/items/x.yaml"},
            {"uri": "catalog/items/bad%5Cxff.yaml", "uriBaseId": "%SRCROOT%"},
        )
    }


def test_sarif_error_log_is_valid_sarif() -> None:
    document = json.loads(sarif_error("catalog: no such folder", "1.2.3"))
    assert sarif_errors(document) == []
    [invocation] = document["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": "catalog: no such folder"}}
    ]
    assert document["runs"][0]["results"] == []


def test_sarif_header() -> None:
    document = sarif(version="0.1.0")
    assert document["version"] == "2.1.0"
    assert "sarif" in document["$schema"]
    assert "2.1.0" in document["$schema"]
    assert len(document["runs"]) == 1
    driver = document["runs"][0]["tool"]["driver"]
    assert driver["name"] == "servicecatalog"
    assert driver["version"] == "0.1.0"


def test_sarif_rules_and_rule_indexes_are_consistent() -> None:
    run = sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    assert set(ids) == {f.rule for f in REPORT}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    registered = [rule_id for rule_id in ids if rule_id in REGISTRY]
    assert registered == [rule_id for rule_id in REGISTRY if rule_id in set(ids)]


def test_sarif_rule_metadata_comes_from_the_registry() -> None:
    rules = {rule["id"]: rule for rule in sarif(lang="en")["runs"][0]["tool"]["driver"]["rules"]}
    registered = REGISTRY["visits-exceed-one"]
    assert rules["visits-exceed-one"]["shortDescription"]["text"] == registered.summary_en
    assert rules["visits-exceed-one"]["defaultConfiguration"]["level"] == "error"
    assert rules["waiver-unused"]["defaultConfiguration"]["level"] == "note"
    assert rules["not-a-registered-rule"]["id"] == "not-a-registered-rule"
    zh_rules = {rule["id"]: rule for rule in sarif()["runs"][0]["tool"]["driver"]["rules"]}
    assert zh_rules["visits-exceed-one"]["shortDescription"]["text"] == registered.summary


def test_sarif_results() -> None:
    results = sarif()["runs"][0]["results"]
    assert len(results) == len(REPORT)
    by_rule = {result["ruleId"]: result for result in results}
    error = by_rule["visits-exceed-one"]
    assert error["level"] == "error"
    assert error["message"]["text"] == "到办事现场 2 次，超过 “只跑一次” 的要求"
    location = error["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == FILE
    assert location["region"] == {"startLine": 42, "startColumn": 9}
    assert by_rule["name-whitespace"]["level"] == "warning"
    assert by_rule["waiver-unused"]["level"] == "note"
    assert "region" not in by_rule["catalog-file-missing"]["locations"][0]["physicalLocation"]
    assert "locations" not in by_rule["not-a-registered-rule"]
    for result in results:
        assert result["level"] in ("error", "warning", "note")


def test_sarif_messages_in_english() -> None:
    results = sarif(lang="en")["runs"][0]["results"]
    texts = {result["ruleId"]: result["message"]["text"] for result in results}
    assert texts["waiver-unused"] == "the waiver matches nothing"


def test_empty_sarif_report() -> None:
    document = sarif(Report())
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["tool"]["driver"]["rules"] == []
    assert sarif_errors(document) == []


# ---- summary ----------------------------------------------------------------------------------


def test_findings_summary() -> None:
    assert findings_summary(REPORT) == "2 个事项：2 个错误，2 个警告，1 个提示"
    assert findings_summary(REPORT, "en").startswith("2 items: 2 errors, 2 warnings, 1 ")


def test_formats() -> None:
    assert FORMATS == ("text", "json", "github", "sarif", "gitlab", "junit")


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((1, 1, 1, 1), "1 item: 1 error, 1 warning, 1 note"),
        ((2, 0, 2, 0), "2 items: 0 errors, 2 warnings, 0 notes"),
    ],
)
def test_english_summary_counts_in_the_singular_and_the_plural(
    counts: tuple[int, int, int, int], expected: str
) -> None:
    items, errors, warnings, notes = counts
    findings = [
        Finding(rule="r", severity=severity, message="m", message_en="m")
        for severity, number in (
            (Severity.ERROR, errors),
            (Severity.WARNING, warnings),
            (Severity.INFO, notes),
        )
        for _ in range(number)
    ]
    assert findings_summary(Report.of(findings, items=items), "en") == expected


# ---- GitLab Code Quality ----------------------------------------------------------------------

# The fields GitLab reads from a Code Quality report, as its documentation lists them
# (docs.gitlab.com, "Code Quality", "Code Quality report format"): all required.
GITLAB_CODE_QUALITY_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^/"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def gitlab_errors(document: Any) -> list[str]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(GITLAB_CODE_QUALITY_SCHEMA)
    return sorted(str(error.message) for error in validator.iter_errors(document))


def _gitlab(report: Report, lang: str = "zh") -> list[dict[str, Any]]:
    document: list[dict[str, Any]] = json.loads(render_report(report, "gitlab", lang))  # type: ignore[arg-type]  # a Lang
    return document


def test_gitlab_report_has_the_fields_gitlab_reads() -> None:
    document = _gitlab(REPORT)
    assert gitlab_errors(document) == []
    assert len(document) == len(REPORT)
    (first,) = [issue for issue in document if issue["check_name"] == "visits-exceed-one"]
    assert first["description"] == "到办事现场 2 次，超过 “只跑一次” 的要求"
    assert first["location"] == {"path": FILE, "lines": {"begin": 42}}


def test_gitlab_severities() -> None:
    severities = {issue["check_name"]: issue["severity"] for issue in _gitlab(REPORT)}
    assert severities["visits-exceed-one"] == "major"
    assert severities["name-whitespace"] == "minor"
    assert severities["waiver-unused"] == "info"


def test_gitlab_location_of_a_finding_without_file_or_line() -> None:
    issues = {issue["check_name"]: issue for issue in _gitlab(REPORT)}
    assert issues["catalog-file-missing"]["location"] == {
        "path": "catalog/laws.yaml",
        "lines": {"begin": 1},
    }
    assert issues["not-a-registered-rule"]["location"]["path"] == "<catalog>"


def test_gitlab_paths_are_relative_to_the_repository(tmp_path: Path) -> None:
    absolute = finding(file=str(tmp_path / "catalog" / "items" / "x.yaml"))
    report = Report.of([absolute], items=1)
    (issue,) = json.loads(render_report(report, "gitlab", srcroot=tmp_path))
    assert issue["location"]["path"] == "catalog/items/x.yaml"


def test_gitlab_fingerprints_survive_moved_lines_and_another_language() -> None:
    moved = Report.of([replace(f, line=(f.line or 0) + 5) for f in REPORT], items=2)
    fingerprints = [issue["fingerprint"] for issue in _gitlab(REPORT)]
    assert [issue["fingerprint"] for issue in _gitlab(moved)] == fingerprints
    assert [issue["fingerprint"] for issue in _gitlab(REPORT, "en")] == fingerprints
    assert len(set(fingerprints)) == len(fingerprints)


def test_gitlab_fingerprints_change_with_the_finding() -> None:
    (before,) = _gitlab(Report.of([finding()], items=1))
    (other_path,) = _gitlab(Report.of([finding(path="visits.on_site")], items=1))
    (other_file,) = _gitlab(Report.of([finding(file="catalog/items/220114001001.yaml")], items=1))
    fingerprints = {before["fingerprint"], other_path["fingerprint"], other_file["fingerprint"]}
    assert len(fingerprints) == 3


def test_identical_findings_get_distinct_fingerprints() -> None:
    twice = Report.of([finding(), finding(line=50)], items=1)
    first, second = _gitlab(twice)
    assert first["fingerprint"] != second["fingerprint"]


def test_empty_gitlab_report_is_an_empty_array() -> None:
    assert render_report(Report(), "gitlab") == "[]\n"


# ---- JUnit XML --------------------------------------------------------------------------------


def _junit(report: Report, **options: Any) -> ElementTree.Element:
    return ElementTree.fromstring(render_report(report, "junit", **options))


def test_junit_has_a_test_case_per_file_and_a_failure_per_error() -> None:
    root = _junit(REPORT)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    names = [case.get("name") for case in suite.findall("testcase")]
    assert sorted(names) == sorted([FILE, ".servicecatalog.yaml", "catalog/laws.yaml", "<catalog>"])
    assert suite.get("tests") == "4"
    failures = suite.findall("testcase/failure")
    assert sorted(f.get("type") or "" for f in failures) == [
        "catalog-file-missing",
        "visits-exceed-one",
    ]
    assert suite.get("failures") == root.get("failures") == "2"
    (visits,) = [f for f in failures if f.get("type") == "visits-exceed-one"]
    assert visits.get("message") == "到办事现场 2 次，超过 “只跑一次” 的要求"
    assert visits.text == text_line(finding())


def test_junit_fails_on_what_fail_on_says() -> None:
    suite = _junit(REPORT, fail_on=Severity.INFO).find("testsuite")
    assert suite is not None
    assert len(suite.findall("testcase/failure")) == len(REPORT) == 5
    assert suite.get("failures") == "5"
    (item_case,) = [c for c in suite.findall("testcase") if c.get("name") == FILE]
    assert len(item_case.findall("failure")) == 2


def test_junit_shows_every_finding_of_a_file_in_its_output() -> None:
    suite = _junit(REPORT).find("testsuite")
    assert suite is not None
    (item_case,) = [c for c in suite.findall("testcase") if c.get("name") == FILE]
    output = item_case.findtext("system-out") or ""
    assert "[name-whitespace]" in output
    assert "[visits-exceed-one]" in output


def test_junit_checked_files_without_findings_pass() -> None:
    clean = "catalog/items/220114001001.yaml"
    suite = _junit(REPORT, files=[clean, FILE]).find("testsuite")
    assert suite is not None
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert len(cases) == 5
    assert list(cases[clean]) == []
    assert suite.get("tests") == "5"


def test_junit_of_nothing_checked_is_an_empty_suite() -> None:
    root = _junit(Report())
    assert root.get("tests") == "0"
    assert root.findall("testsuite/testcase") == []


def test_junit_is_well_formed_whatever_the_message() -> None:
    hostile = finding(message="<a>&\x01\x1b]8;;\"'", file="items/\x07.yaml")
    root = _junit(Report.of([hostile], items=1))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "<a>&\\u0001\\u001b]8;;\"'"
