"""Tests of report rendering (servicecatalog.reporting, DESIGN §7): text, JSON, GitHub, SARIF.

The official SARIF 2.1.0 schema is not available offline, so SARIF output is checked against
the structure the specification requires, written out below as a JSON Schema subset (with
``additionalProperties: false`` on every object the renderer emits, so a misspelt property fails).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft7Validator

from servicecatalog import Finding, Report, Severity
from servicecatalog.reporting import FORMATS, findings_summary, render_report, text_line
from servicecatalog.rules import REGISTRY

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

_MESSAGE = {
    "type": "object",
    "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}},
    "required": ["text"],
}
_PROPERTY_BAG = {"type": "object"}
SARIF_SUBSET: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"enum": ["2.1.0"]},
        "runs": {"type": "array", "items": {"$ref": "#/definitions/run"}},
        "properties": _PROPERTY_BAG,
    },
    "definitions": {
        "run": {
            "type": "object",
            "required": ["tool"],
            "additionalProperties": False,
            "properties": {
                "tool": {"$ref": "#/definitions/tool"},
                "results": {"type": "array", "items": {"$ref": "#/definitions/result"}},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                "invocations": {"type": "array"},
                "originalUriBaseIds": {"type": "object"},
                "artifacts": {"type": "array"},
                "automationDetails": {"type": "object"},
                "properties": _PROPERTY_BAG,
            },
        },
        "tool": {
            "type": "object",
            "required": ["driver"],
            "additionalProperties": False,
            "properties": {
                "driver": {"$ref": "#/definitions/toolComponent"},
                "extensions": {"type": "array"},
                "properties": _PROPERTY_BAG,
            },
        },
        "toolComponent": {
            "type": "object",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string"},
                "fullName": {"type": "string"},
                "version": {"type": "string"},
                "semanticVersion": {"type": "string"},
                "informationUri": {"type": "string", "format": "uri"},
                "organization": {"type": "string"},
                "shortDescription": _MESSAGE,
                "fullDescription": _MESSAGE,
                "rules": {
                    "type": "array",
                    "uniqueItems": True,
                    "items": {"$ref": "#/definitions/reportingDescriptor"},
                },
                "properties": _PROPERTY_BAG,
            },
        },
        "reportingDescriptor": {
            "type": "object",
            "required": ["id"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string"},
                "name": {"type": "string"},
                "shortDescription": _MESSAGE,
                "fullDescription": _MESSAGE,
                "help": _MESSAGE,
                "helpUri": {"type": "string", "format": "uri"},
                "defaultConfiguration": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "enabled": {"type": "boolean"},
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "rank": {"type": "number", "minimum": -1, "maximum": 100},
                        "parameters": _PROPERTY_BAG,
                        "properties": _PROPERTY_BAG,
                    },
                },
                "properties": _PROPERTY_BAG,
            },
        },
        "result": {
            "type": "object",
            "required": ["message"],
            "additionalProperties": False,
            "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": -1},
                "kind": {
                    "enum": ["notApplicable", "pass", "fail", "review", "open", "informational"]
                },
                "level": {"enum": ["none", "note", "warning", "error"]},
                "message": _MESSAGE,
                "locations": {"type": "array", "items": {"$ref": "#/definitions/location"}},
                "partialFingerprints": {"type": "object"},
                "properties": _PROPERTY_BAG,
            },
        },
        "location": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "physicalLocation": {"$ref": "#/definitions/physicalLocation"},
                "message": _MESSAGE,
                "properties": _PROPERTY_BAG,
            },
        },
        "physicalLocation": {
            "type": "object",
            "required": ["artifactLocation"],
            "additionalProperties": False,
            "properties": {
                "artifactLocation": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "uri": {"type": "string", "format": "uri-reference"},
                        "uriBaseId": {"type": "string"},
                        "index": {"type": "integer", "minimum": -1},
                        "properties": _PROPERTY_BAG,
                    },
                },
                "region": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "startLine": {"type": "integer", "minimum": 1},
                        "startColumn": {"type": "integer", "minimum": 1},
                        "endLine": {"type": "integer", "minimum": 1},
                        "endColumn": {"type": "integer", "minimum": 1},
                        "charOffset": {"type": "integer", "minimum": -1},
                        "charLength": {"type": "integer", "minimum": 0},
                        "message": _MESSAGE,
                        "properties": _PROPERTY_BAG,
                    },
                },
                "properties": _PROPERTY_BAG,
            },
        },
    },
}


def sarif(report: Report = REPORT, lang: str = "zh", **kwargs: Any) -> dict[str, Any]:
    document = json.loads(render_report(report, "sarif", lang, **kwargs))  # type: ignore[arg-type]
    assert isinstance(document, dict)
    return document


def test_sarif_subset_schema_is_valid() -> None:
    Draft7Validator.check_schema(SARIF_SUBSET)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_matches_the_required_structure(lang: str) -> None:
    document = sarif(lang=lang, version="1.2.3")
    errors = sorted(Draft7Validator(SARIF_SUBSET).iter_errors(document), key=str)
    assert errors == [], [f"{list(e.absolute_path)}: {e.message}" for e in errors]


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


def test_sarif_uri_uses_forward_slashes() -> None:
    report = Report.of([finding(file="catalog\\items\\220114001000.yaml")], 1)
    result = sarif(report)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == FILE


def test_empty_sarif_report() -> None:
    document = sarif(Report())
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["tool"]["driver"]["rules"] == []
    assert list(Draft7Validator(SARIF_SUBSET).iter_errors(document)) == []


# ---- summary ----------------------------------------------------------------------------------


def test_findings_summary() -> None:
    assert findings_summary(REPORT) == "2 个事项：2 个错误，2 个警告，1 个提示"
    assert findings_summary(REPORT, "en").startswith("2 items: 2 errors, 2 warnings, 1 ")


def test_formats() -> None:
    assert FORMATS == ("text", "json", "github", "sarif")
