"""Reports rendered as text: plain lines, JSON, GitHub workflow commands, SARIF 2.1.0, GitLab
Code Quality JSON and JUnit XML.

These functions return strings; printing is the CLI's business.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote
from xml.etree import ElementTree

from ._project import HOMEPAGE
from ._text import counted, escape, json_text, shown_characters
from .findings import Finding, Lang, Report, Severity
from .rules.registry import REGISTRY, Registry

__all__ = ["FORMATS", "Format", "findings_summary", "render_report", "sarif_error", "text_line"]

Format = Literal["text", "json", "github", "sarif", "gitlab", "junit"]
FORMATS: tuple[Format, ...] = ("text", "json", "github", "sarif", "gitlab", "junit")

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = HOMEPAGE
_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# GitLab's scale is info minor major critical blocker; an error fails the pipeline but blocks
# nothing by itself, so it is major (as ESLint's and RuboCop's GitLab formatters map it).
_GITLAB_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
CATALOG_WIDE = "<catalog>"
"""The JUnit test case of findings located in no file."""


def render_report(
    report: Report,
    fmt: Format,
    lang: Lang = "zh",
    *,
    version: str = "",
    registry: Registry = REGISTRY,
    srcroot: Path | None = None,
    fail_on: Severity = Severity.ERROR,
    files: Sequence[str] = (),
) -> str:
    """``report`` in format ``fmt``, messages in ``lang``; ends with a newline unless empty.

    SARIF result URIs and GitLab paths are relative to ``srcroot`` (default: the current
    folder), given as the SARIF run's ``%SRCROOT%``. JUnit has a test case for each of
    ``files`` (the files checked) and each other file a finding names, and a failure for each
    finding at or above ``fail_on``.
    """
    if fmt == "json":
        return json_text(report.to_dict(lang)) + "\n"
    if fmt == "sarif":
        document = _sarif(report, lang, version, registry, srcroot or Path.cwd())
        return json_text(document) + "\n"
    if fmt == "gitlab":
        return json_text(_gitlab(report, lang, srcroot or Path.cwd())) + "\n"
    if fmt == "junit":
        return _junit(report, lang, fail_on, files)
    render = _github_line if fmt == "github" else text_line
    return "".join(render(finding, lang) + "\n" for finding in report)


def text_line(finding: Finding, lang: Lang = "zh") -> str:
    """``file:line:col: severity [rule] message``."""
    return f"{_location(finding)}: {finding.severity.value} [{finding.rule}] {finding.text(lang)}"


def _location(finding: Finding) -> str:
    file = escape(finding.file) if finding.file else "<catalog>"
    if finding.line is None:
        return file
    return f"{file}:{finding.line}:{finding.column or 1}"


def _github_line(finding: Finding, lang: Lang) -> str:
    properties = [f"title={_escape_property(finding.rule)}"]
    if finding.file:
        properties.insert(0, f"file={_escape_property(finding.file)}")
    if finding.line is not None:
        properties.insert(1, f"line={finding.line}")
        properties.insert(2, f"col={finding.column or 1}")
    level = _GITHUB_LEVELS[finding.severity]
    return f"::{level} {','.join(properties)}::{_escape_data(finding.text(lang))}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(escape(value)).replace(":", "%3A").replace(",", "%2C")


def _sarif(
    report: Report, lang: Lang, version: str, registry: Registry, srcroot: Path
) -> dict[str, Any]:
    used = sorted({finding.rule for finding in report})
    rule_ids = [rule_id for rule_id in registry if rule_id in used]
    rule_ids += [rule_id for rule_id in used if rule_id not in registry]
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    run = _sarif_run(version, [_sarif_rule(rule_id, registry, lang) for rule_id in rule_ids])
    run["originalUriBaseIds"] = {SRCROOT: {"uri": _folder_uri(srcroot)}}
    run["invocations"] = [{"executionSuccessful": True}]
    run["results"] = [_sarif_result(f, index[f.rule], lang, srcroot) for f in report]
    return _sarif_log(run)


def sarif_error(message: str, version: str = "") -> str:
    """A SARIF log for a run that could not check anything (unusable input, a usage error): no
    results, and the error as a tool execution notification, so a code-scanning upload fails on
    the real reason rather than on a file that is not SARIF."""
    run = _sarif_run(version, [])
    run["invocations"] = [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [{"level": "error", "message": {"text": message}}],
        }
    ]
    run["results"] = []
    return json_text(_sarif_log(run)) + "\n"


SRCROOT = "%SRCROOT%"
"""The base of the result URIs: the folder the command ran in (``originalUriBaseIds``)."""


def _sarif_log(run: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _sarif_run(version: str, rules: list[dict[str, Any]]) -> dict[str, Any]:
    driver: dict[str, Any] = {
        "name": "servicecatalog",
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }
    if version:
        driver["version"] = version
    return {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints"}


def _folder_uri(folder: Path) -> str:
    uri = folder.resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _artifact_location(file: str, srcroot: Path) -> dict[str, str]:
    """A file as SARIF wants it: relative to ``%SRCROOT%`` and percent-encoded, or an absolute
    ``file:`` URI for a file outside it."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(srcroot.resolve())
        except ValueError:
            return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def _sarif_rule(rule_id: str, registry: Registry, lang: Lang) -> dict[str, Any]:
    rule = registry.get(rule_id)
    if rule is None:
        return {"id": rule_id}
    summary = rule.summary_in(lang)
    return {
        "id": rule.id,
        "name": "".join(part.title() for part in rule.id.split("-")),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": rule.documentation(lang) or summary},
        "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
        "properties": {"family": rule.family},
    }


def _sarif_result(finding: Finding, rule_index: int, lang: Lang, srcroot: Path) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVELS[finding.severity],
        "message": {"text": finding.text(lang)},
    }
    if finding.file:
        physical: dict[str, Any] = {"artifactLocation": _artifact_location(finding.file, srcroot)}
        if finding.line is not None:
            physical["region"] = {"startLine": finding.line, "startColumn": finding.column or 1}
        result["locations"] = [{"physicalLocation": physical}]
    properties = {
        key: value for key, value in (("item", finding.item), ("path", finding.path)) if value
    }
    if properties:
        result["properties"] = properties
    return result


def _gitlab(report: Report, lang: Lang, srcroot: Path) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    issues = []
    for finding in report:
        path = _relative_path(finding.file, srcroot) if finding.file else CATALOG_WIDE
        fingerprint = gitlab_fingerprint(finding, path)
        seen[fingerprint] += 1
        if seen[fingerprint] > 1:
            # Identical findings (same rule, place and message) stay distinct for GitLab, which
            # shows one issue per fingerprint.
            fingerprint = gitlab_fingerprint(finding, path, seen[fingerprint])
        issues.append(
            {
                "type": "issue",
                "description": finding.text(lang),
                "check_name": finding.rule,
                "fingerprint": fingerprint,
                "severity": _GITLAB_SEVERITIES[finding.severity],
                "location": {"path": path, "lines": {"begin": finding.line or 1}},
            }
        )
    return issues


def gitlab_fingerprint(finding: Finding, path: str, occurrence: int = 1) -> str:
    """A GitLab Code Quality fingerprint that survives edits elsewhere in the file: a hash of the
    rule, the file, the field path and the Chinese message (whatever ``--lang``), never of the
    line; the n-th of identical findings (n > 1) adds n."""
    parts = [finding.rule, path, finding.path or "", finding.message]
    if occurrence > 1:
        parts.append(str(occurrence))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _relative_path(file: str, srcroot: Path) -> str:
    """``file`` relative to ``srcroot`` with forward slashes, as GitLab wants a repository path."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(srcroot.resolve())
        except ValueError:
            return path.as_posix()
    return Path(os.path.normpath(path)).as_posix()


def _junit(report: Report, lang: Lang, fail_on: Severity, files: Sequence[str]) -> str:
    by_file: dict[str, list[Finding]] = {file: [] for file in sorted(files)}
    for finding in report:
        by_file.setdefault(finding.file or CATALOG_WIDE, []).append(finding)
    suite = ElementTree.Element("testsuite", name="servicecatalog validate")
    failures = 0
    for file, findings in by_file.items():
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname="servicecatalog",
            name=shown_characters(file),
            file=shown_characters(file),
        )
        for finding in findings:
            if finding.severity.at_least(fail_on):
                failures += 1
                failure = ElementTree.SubElement(
                    case, "failure", message=shown_characters(finding.text(lang)), type=finding.rule
                )
                failure.text = shown_characters(text_line(finding, lang))
        if findings:
            # Every finding, those below --fail-on too, in the case's output: Jenkins shows it.
            output = ElementTree.SubElement(case, "system-out")
            output.text = "".join(shown_characters(text_line(f, lang)) + "\n" for f in findings)
    counts = {"tests": len(by_file), "failures": failures, "errors": 0, "skipped": 0}
    suite.attrib.update({key: str(value) for key, value in counts.items()})
    suites = ElementTree.Element("testsuites", name="servicecatalog")
    suites.attrib.update({key: str(value) for key, value in counts.items()})
    suites.append(suite)
    ElementTree.indent(suites)
    body = ElementTree.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def findings_summary(report: Report, lang: Lang = "zh") -> str:
    """One line: how many items, errors, warnings and notes."""
    counts = report.counts
    if lang == "en":
        return (
            f"{counted(report.items, 'item')}: {counted(counts['error'], 'error')}, "
            f"{counted(counts['warning'], 'warning')}, {counted(counts['info'], 'note')}"
        )
    return (
        f"{report.items} 个事项：{counts['error']} 个错误，{counts['warning']} 个警告，"
        f"{counts['info']} 个提示"
    )
