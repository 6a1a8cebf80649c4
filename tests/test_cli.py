"""Tests of the command line (servicecatalog.cli, DESIGN §7): exit codes, formats, rules, schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner, Result

import servicecatalog
from _minimal import ITEM, LAWS, MANIFEST
from servicecatalog.cli import main
from servicecatalog.rules.registry import REGISTRY
from servicecatalog.schemas import SCHEMA_MODELS, write_schemas
from test_reporting import gitlab_errors, sarif_errors

REPO = Path(__file__).resolve().parents[1]
CODE = "220114001000"
# Far from the end of the years the working-day calendar covers, so it adds no notice.
TODAY = "2026-06-15"

# visits: 1 without an on-site step: one error, visits-mismatch-on-site, at the value.
# One visit and no on-site step: visits-mismatch-on-site (the online depth says no more than
# an item with a visit can claim, so that this is the only error).
ERROR_ITEM = ITEM.replace("visits: 0", "visits: 1").replace("互联网受理, 互联网办理, ", "")
VISITS_LINE = ITEM.splitlines().index("visits: 0") + 1
# A leading space in the name: one warning, name-whitespace.
WARNING_ITEM = ITEM.replace("main_item_name: 失业保险金申领", 'main_item_name: " 失业保险金申领"')


def make_catalog(root: Path, item: str = ITEM) -> Path:
    (root / "items").mkdir(parents=True)
    (root / "catalog.yaml").write_text(MANIFEST, encoding="utf-8")
    (root / "laws.yaml").write_text(LAWS, encoding="utf-8")
    (root / "items" / f"{CODE}.yaml").write_text(item, encoding="utf-8")
    return root


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return make_catalog(tmp_path / "clean" / "catalog")


@pytest.fixture
def with_error(tmp_path: Path) -> Path:
    return make_catalog(tmp_path / "error" / "catalog", ERROR_ITEM)


@pytest.fixture
def with_warning(tmp_path: Path) -> Path:
    return make_catalog(tmp_path / "warning" / "catalog", WARNING_ITEM)


# ---- validate: exit codes ---------------------------------------------------------------------


def test_clean_catalog_exits_0(clean: Path) -> None:
    result = run("validate", clean, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "1 个事项：0 个错误，0 个警告，0 个提示" in result.stderr


def test_clean_catalog_exits_0_without_today(clean: Path) -> None:
    assert run("validate", clean).exit_code == 0


def test_default_path_is_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_catalog(tmp_path / "catalog")
    monkeypatch.chdir(tmp_path)
    assert run("validate", "--today", TODAY).exit_code == 0


def test_error_exits_1(with_error: Path) -> None:
    result = run("validate", with_error, "--today", TODAY)
    assert result.exit_code == 1
    file = with_error / "items" / f"{CODE}.yaml"
    assert result.stdout.splitlines() == [
        f"{file}:{VISITS_LINE}:9: error [visits-mismatch-on-site] 到办事现场次数为 1，但办事流程中有 0 个现场环节"
    ]


def test_warning_exits_0_by_default(with_warning: Path) -> None:
    result = run("validate", with_warning, "--today", TODAY)
    assert result.exit_code == 0
    assert "warning [name-whitespace]" in result.stdout


@pytest.mark.parametrize("fail_on", ["warning", "info"])
def test_warning_exits_1_with_fail_on(with_warning: Path, fail_on: str) -> None:
    assert run("validate", with_warning, "--today", TODAY, "--fail-on", fail_on).exit_code == 1


def test_fail_on_error_ignores_warnings(with_warning: Path) -> None:
    assert run("validate", with_warning, "--today", TODAY, "--fail-on", "error").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--no-such-option"],
        ["--format", "xml"],
        ["--fail-on", "fatal"],
        ["--lang", "fr"],
        ["--today", "2026-13-01"],
        ["--today", "2026-1-1"],
        ["--today", "tomorrow"],
        ["--config", "/no/such/config.yaml"],
        ["--color", "sometimes"],
    ],
)
def test_usage_errors_exit_2(clean: Path, args: list[str]) -> None:
    result = run("validate", clean, *args)
    assert result.exit_code == 2, result.output
    assert "Usage" in result.output or "Error" in result.output


def test_extreme_today_is_not_a_traceback(clean: Path) -> None:
    result = run("validate", clean, "--today", "9999-12-31", "--format", "json")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1)
    assert isinstance(_json(result), dict)


def test_unknown_command_exits_2() -> None:
    assert run("no-such-command").exit_code == 2


def test_missing_folder_exits_3(tmp_path: Path) -> None:
    result = run("validate", tmp_path / "nothing")
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert "nothing" in result.stderr


def test_folder_without_manifest_exits_3(tmp_path: Path) -> None:
    (tmp_path / "items").mkdir()
    result = run("validate", tmp_path)
    assert result.exit_code == 3
    assert "catalog.yaml" in result.stderr


def test_a_file_in_no_catalog_exits_3(tmp_path: Path) -> None:
    (tmp_path / "loose.yaml").write_text("a: 1\n", encoding="utf-8")
    result = run("validate", tmp_path / "loose.yaml")
    assert result.exit_code == 3
    assert "not in a catalog: no catalog.yaml in its folder or any folder above" in result.stderr


def test_one_missing_path_among_several_exits_3(clean: Path) -> None:
    result = run("validate", clean, clean / "items" / "no-such.yaml")
    assert result.exit_code == 3
    assert "no-such.yaml: no such file or folder" in result.stderr


# ---- validate: formats ------------------------------------------------------------------------


def _json(result: Result) -> dict[str, Any]:
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def test_json_on_a_clean_catalog(clean: Path) -> None:
    result = run("validate", clean, "--format", "json", "--today", TODAY)
    assert result.exit_code == 0
    assert _json(result) == {
        "ok": True,
        "items": 1,
        "counts": {"error": 0, "warning": 0, "info": 0},
        "findings": [],
    }


def test_json_with_an_error(with_error: Path) -> None:
    result = run("validate", with_error, "--format", "json", "--today", TODAY)
    assert result.exit_code == 1
    document = _json(result)
    assert document["ok"] is False
    assert document["counts"] == {"error": 1, "warning": 0, "info": 0}
    assert document["findings"] == [
        {
            "rule": "visits-mismatch-on-site",
            "severity": "error",
            "message": "到办事现场次数为 1，但办事流程中有 0 个现场环节",
            "file": str(with_error / "items" / f"{CODE}.yaml"),
            "line": VISITS_LINE,
            "column": 9,
            "item": CODE,
            "path": "visits",
        }
    ]


def test_json_on_broken_files(tmp_path: Path) -> None:
    root = make_catalog(tmp_path / "catalog")
    (root / "items" / "220114002000.yaml").write_bytes(ITEM.encode("gbk"))
    (root / "items" / "220114003000.yaml").write_bytes(b'code: "220114003000"\n\tx: \x00\n')
    (root / "items" / "220114004000.yaml").write_bytes(b"[" * 20_000)
    (root / "laws.yaml").write_bytes(b"laws: &a [*a]\n")
    result = run("validate", root, "--format", "json")
    assert result.exit_code == 1
    document = _json(result)
    assert document["ok"] is False
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    "path", ["nothing", "no-manifest", "a-file"], ids=["missing", "not-a-catalog", "a-file"]
)
def test_json_even_when_unusable(tmp_path: Path, path: str) -> None:
    (tmp_path / "no-manifest").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = run("validate", tmp_path / path, "--format", "json")
    assert result.exit_code == 3
    document = _json(result)
    assert document["ok"] is False


def _failed_sarif(result: Any) -> str:
    document = _json(result)
    assert sarif_errors(document) == []
    [invocation] = document["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    text: str = notification["message"]["text"]
    return text


@pytest.mark.parametrize(
    "path", ["nothing", "no-manifest", "a-file"], ids=["missing", "not-a-catalog", "a-file"]
)
def test_sarif_even_when_unusable(tmp_path: Path, path: str) -> None:
    (tmp_path / "no-manifest").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = run("validate", tmp_path / path, "--format", "sarif")
    assert result.exit_code == 3
    assert str(tmp_path / path) in _failed_sarif(result)


@pytest.mark.parametrize("form", [["--format", "sarif"], ["--format=sarif"]])
def test_sarif_even_on_a_usage_error(clean: Path, form: list[str]) -> None:
    result = run("validate", clean, *form, "--fail-on", "everything")
    assert result.exit_code == 2
    assert "everything" in _failed_sarif(result)


def test_sarif_of_a_catalog_with_a_configuration_is_relative(
    with_error: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (with_error / ".servicecatalog.yaml").write_text(
        "rules:\n  no-such-rule: off\n", encoding="utf-8"
    )
    monkeypatch.chdir(with_error.parent)
    result = run("validate", with_error.name, "--format", "sarif", "--today", TODAY)
    document = _json(result)
    assert sarif_errors(document) == []
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in document["runs"][0]["results"]
    }
    assert f"{with_error.name}/.servicecatalog.yaml" in uris
    text = run("validate", with_error.name, "--today", TODAY).stdout
    assert f"\n{with_error.name}/.servicecatalog.yaml:2:3: error [config-unknown-rule]" in (
        "\n" + text
    )


def test_english_messages(with_error: Path) -> None:
    result = run("validate", with_error, "--lang", "en", "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout.rstrip("\n").endswith(
        "error [visits-mismatch-on-site] visits is 1 but the service process has 0 on-site steps"
    )
    assert "1 item: 1 error, 0 warnings" in result.stderr
    document = _json(run("validate", with_error, "--format", "json", "--lang", "en"))
    messages = [f["message"] for f in document["findings"]]
    assert "visits is 1 but the service process has 0 on-site steps" in messages


def test_github_format(with_error: Path) -> None:
    result = run("validate", with_error, "--format", "github", "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=")
    assert f",line={VISITS_LINE},col=9,title=visits-mismatch-on-site::" in result.stdout


def test_sarif_format(with_error: Path) -> None:
    result = run("validate", with_error, "--format", "sarif", "--today", TODAY)
    assert result.exit_code == 1
    document = _json(result)
    assert sarif_errors(document) == []
    assert document["version"] == "2.1.0"
    run_ = document["runs"][0]
    assert run_["tool"]["driver"]["version"] == servicecatalog.__version__
    assert [r["ruleId"] for r in run_["results"]] == ["visits-mismatch-on-site"]


@pytest.mark.parametrize("named", ["catalog", "ABSOLUTE"])
def test_gitlab_format(with_error: Path, monkeypatch: pytest.MonkeyPatch, named: str) -> None:
    monkeypatch.chdir(with_error.parent)
    path = with_error if named == "ABSOLUTE" else named
    result = run("validate", path, "--format", "gitlab", "--today", TODAY)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert gitlab_errors(document) == []
    (issue,) = document
    assert issue["check_name"] == "visits-mismatch-on-site"
    assert issue["location"] == {
        "path": f"catalog/items/{CODE}.yaml",
        "lines": {"begin": VISITS_LINE},
    }


def test_junit_format_has_a_case_per_checked_file(with_error: Path) -> None:
    result = run("validate", with_error, "--format", "junit", "--today", TODAY)
    assert result.exit_code == 1
    suite = ElementTree.fromstring(result.stdout).find("testsuite")
    assert suite is not None
    yaml_files = sorted(
        str(path) for path in with_error.rglob("*") if path.suffix in (".yaml", ".yml")
    )
    assert sorted(case.get("name") or "" for case in suite.findall("testcase")) == yaml_files
    (failure,) = suite.findall("testcase/failure")
    assert failure.get("type") == "visits-mismatch-on-site"
    assert suite.get("failures") == "1"


def test_junit_of_named_files_has_a_case_per_file(with_error: Path) -> None:
    item = with_error / "items" / f"{CODE}.yaml"
    result = run("validate", item, with_error / "catalog.yaml", "--format", "junit")
    suite = ElementTree.fromstring(result.stdout).find("testsuite")
    assert suite is not None
    names = sorted(case.get("name") or "" for case in suite.findall("testcase"))
    assert names == sorted([str(item), str(with_error / "catalog.yaml")])


def test_junit_fails_on_warnings_when_asked(with_warning: Path) -> None:
    result = run("validate", with_warning, "--format", "junit", "--fail-on", "warning")
    assert result.exit_code == 1
    root = ElementTree.fromstring(result.stdout)
    assert int(root.get("failures") or 0) == len(root.findall("testsuite/testcase/failure")) > 0
    default = ElementTree.fromstring(run("validate", with_warning, "--format", "junit").stdout)
    assert default.findall("testsuite/testcase/failure") == []


def test_config_option(with_error: Path, tmp_path: Path) -> None:
    config = tmp_path / "strict.yaml"
    config.write_text("rules:\n  visits-mismatch-on-site: warning\n", encoding="utf-8")
    assert run("validate", with_error, "--today", TODAY, "--config", config).exit_code == 0


# ---- validate: files, quiet, output file, colour ----------------------------------------------


def test_files_of_a_catalog_are_validated_within_it(with_error: Path) -> None:
    item = with_error / "items" / f"{CODE}.yaml"
    result = run("validate", item, "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{item}:{VISITS_LINE}:9: error [visits-mismatch-on-site] "
        "到办事现场次数为 1，但办事流程中有 0 个现场环节\n"
    )
    assert result.stderr == "1 个事项：1 个错误，0 个警告，0 个提示\n"
    manifest = run("validate", with_error / "catalog.yaml", "--today", TODAY)
    assert manifest.exit_code == 0
    assert manifest.stdout == ""


def test_several_folders(clean: Path, with_error: Path) -> None:
    result = run("validate", clean / "items", with_error / "items", "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout.count("visits-mismatch-on-site") == 1
    assert result.stderr.startswith("2 个事项")


def test_quiet_prints_no_summary(with_error: Path) -> None:
    result = run("validate", with_error, "--today", TODAY, "--quiet")
    assert result.exit_code == 1
    assert "visits-mismatch-on-site" in result.stdout
    assert result.stderr == ""


def test_every_format_is_followed_by_the_summary_on_stderr(with_error: Path) -> None:
    for fmt in ("text", "json", "github", "sarif", "gitlab", "junit"):
        result = run("validate", with_error, "--today", TODAY, "--format", fmt, "--lang", "en")
        assert result.stderr == "1 item: 1 error, 0 warnings, 0 notes\n", fmt


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_output_file_holds_what_stdout_would(with_error: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"report.{fmt}"
    result = run("validate", with_error, "--today", TODAY, "--format", fmt, "-o", target)
    assert result.exit_code == 1
    assert result.stdout == ""
    expected = run("validate", with_error, "--today", TODAY, "--format", fmt).stdout
    if fmt == "sarif":  # the same document but for nothing
        assert json.loads(target.read_text(encoding="utf-8")) == json.loads(expected)
    else:
        assert target.read_text(encoding="utf-8") == expected
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


@pytest.mark.parametrize(
    ("arguments", "code"),
    [(["no-such-catalog"], 3), (["catalog", "--fail-on", "bogus"], 2)],
)
def test_output_file_holds_the_error_document(
    tmp_path: Path, arguments: list[str], code: int
) -> None:
    target = tmp_path / "report.json"
    result = _process("validate", *arguments, "--format", "json", "--output-file", target)
    assert result.returncode == code
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["ok"] is False


ESCAPE = "\x1b["


@pytest.mark.parametrize(
    ("option", "env", "coloured"),
    [
        ("auto", {}, False),  # not a terminal
        ("auto", {"FORCE_COLOR": "1"}, True),
        ("auto", {"NO_COLOR": "1"}, False),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        ("auto", {"NO_COLOR": "", "FORCE_COLOR": "1"}, True),  # empty means unset
        ("always", {"NO_COLOR": "1"}, True),
        ("never", {"FORCE_COLOR": "1"}, False),
    ],
)
def test_colour(with_error: Path, option: str, env: dict[str, str], coloured: bool) -> None:
    environment = {"NO_COLOR": None, "FORCE_COLOR": None, **env}
    result = CliRunner().invoke(
        main, ["validate", str(with_error), "--today", TODAY, "--color", option], env=environment
    )
    assert result.exit_code == 1
    assert (ESCAPE in result.stdout) is coloured
    assert "visits-mismatch-on-site" in result.stdout


@pytest.mark.parametrize(
    "command", [["rules"], ["stats", "--catalog", "CATALOG"], ["coverage", "--catalog", "CATALOG"]]
)
def test_no_color_leaves_no_bold_or_dim_in_tables(clean: Path, command: list[str]) -> None:
    # rich alone keeps bold, dim and italics under NO_COLOR; the tables must have none.
    arguments = [str(clean) if part == "CATALOG" else part for part in command]
    forced = CliRunner().invoke(main, arguments, env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert ESCAPE in forced.stdout
    plain = CliRunner().invoke(main, arguments, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.exit_code == 0
    assert ESCAPE not in plain.stdout


# ---- rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_lists_every_rule(lang: str) -> None:
    result = run("rules", "--lang", lang)
    assert result.exit_code == 0
    for rule_id in REGISTRY:
        assert rule_id in result.stdout, rule_id


def test_rules_as_json() -> None:
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    entries = json.loads(result.stdout)
    assert [entry["id"] for entry in entries] == list(REGISTRY)
    for entry in entries:
        assert entry["severity"] in ("error", "warning", "info")
        assert entry["doc"] == REGISTRY[entry["id"]].doc_zh
    english = json.loads(run("rules", "--format", "json", "--lang", "en").stdout)
    assert [entry["doc"] for entry in english] == [rule.doc for rule in REGISTRY.values()]


@pytest.mark.parametrize("rule_id", ["yaml-duplicate-key", "visits-exceed-one", "waiver-expired"])
def test_rules_shows_the_documentation(rule_id: str) -> None:
    rule = REGISTRY[rule_id]
    result = run("rules", rule_id)
    assert result.exit_code == 0
    assert rule.doc_zh
    assert rule.doc_zh in result.stdout
    assert rule.summary in result.stdout
    assert rule_id in result.stdout
    english = run("rules", rule_id, "--lang", "en").stdout
    assert rule.summary_en in english
    assert rule.doc in english


def test_every_rule_is_documented() -> None:
    for rule in REGISTRY.values():
        assert rule.doc.strip(), rule.id
        assert rule.summary.strip(), rule.id
        assert rule.summary_en.strip(), rule.id


@pytest.mark.parametrize(
    ("arguments", "hint"),
    [
        (["rules"], "servicecatalog rules 规则编号 显示该规则的说明。"),
        (["rules", "--format", "json", "--lang", "en"], "shows a rule's documentation"),
        (["rules", "visits-exceed-one"], "“visits-exceed-one: warning”"),
        (
            ["rules", "visits-exceed-one", "--format", "json", "--lang", "en"],
            "`visits-exceed-one: warning`",
        ),
    ],
)
def test_rules_end_with_a_hint_on_stderr(arguments: list[str], hint: str) -> None:
    result = run(*arguments)
    assert result.exit_code == 0
    assert hint in result.stderr
    assert hint not in result.stdout


def test_unknown_rule_exits_2() -> None:
    result = run("rules", "no-such-rule")
    assert result.exit_code == 2
    assert "no-such-rule" in result.output


# ---- schema -----------------------------------------------------------------------------------


def test_schema_check_in_sync(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    result = run("schema", "--check", "-o", tmp_path)
    assert result.exit_code == 0, result.output


def test_committed_schemas_are_in_sync() -> None:
    result = run("schema", "--check", "--output-dir", REPO / "schemas")
    assert result.exit_code == 0, f"{result.output}\nrun `servicecatalog schema` to regenerate"


def test_schema_check_detects_a_difference(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    target = tmp_path / "item.schema.json"
    target.write_text(target.read_text(encoding="utf-8").replace("Service item", "Item"), "utf-8")
    result = run("schema", "--check", "-o", tmp_path)
    assert result.exit_code == 1
    assert "item.schema.json" in result.stderr
    assert "servicecatalog schema" in result.stderr


def test_schema_check_detects_a_missing_file(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    (tmp_path / "laws.schema.json").unlink()
    result = run("schema", "--check", "-o", tmp_path)
    assert result.exit_code == 1
    assert "laws.schema.json" in result.stderr


def test_schema_writes_the_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("schema", "-o", out)
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(SCHEMA_MODELS)
    assert {"item.schema.json", "laws.schema.json", "manifest.schema.json"} <= set(SCHEMA_MODELS)
    assert run("schema", "--check", "-o", out).exit_code == 0
    # Files others read: the mode a plain open() gives (0644 under the usual umask), not 0600.
    for path in out.iterdir():
        assert path.stat().st_mode & 0o777 == 0o666 & ~_umask(), path.name


# ---- version and help -------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert servicecatalog.__version__ in result.stdout
    assert "servicecatalog" in result.stdout


def test_help() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("validate", "rules", "schema"):
        assert command in result.stdout


# ---- a real process ---------------------------------------------------------------------------


def _process(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "servicecatalog", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env=env,
        cwd=cwd,
    )


def test_subprocess_validate_clean_json(clean: Path) -> None:
    completed = _process("validate", clean, "--format", "json", "--today", TODAY)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["ok"] is True
    assert "Traceback" not in completed.stderr


def test_subprocess_validate_error_text(with_error: Path) -> None:
    completed = _process("validate", with_error, "--today", TODAY)
    assert completed.returncode == 1
    assert "[visits-mismatch-on-site]" in completed.stdout
    assert "1 个错误" in completed.stderr


def test_subprocess_exit_codes_2_and_3(tmp_path: Path) -> None:
    assert _process("validate", tmp_path, "--format", "nope").returncode == 2
    completed = _process("validate", tmp_path / "nothing", "--format", "json")
    assert completed.returncode == 3
    assert json.loads(completed.stdout)["ok"] is False
    assert "Traceback" not in completed.stderr


def test_subprocess_version() -> None:
    completed = _process("--version")
    assert completed.returncode == 0
    assert servicecatalog.__version__ in completed.stdout


@pytest.mark.parametrize(
    "arguments",
    [
        ["validate", "catalog", "--format", "json", "--fail-on", "bogus"],
        ["validate", "--format=json", "--no-such-option"],
        ["validate", "--format", "json", "--today", "2026-02-30"],
    ],
)
def test_json_is_printed_even_for_a_usage_error(arguments: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "servicecatalog", *arguments],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT_FOR_JSON_USAGE,
    )
    assert result.returncode == 2
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert payload["error"]
    assert "Usage:" in result.stderr


ROOT_FOR_JSON_USAGE = Path(__file__).resolve().parents[1]


# ---- file names that are not UTF-8 --------------------------------------------------------------


def _non_utf8_catalog(tmp_path: Path) -> bytes:
    """A catalog in a folder whose name is not UTF-8, with an item file that is not either."""
    folder = os.fsencode(tmp_path) + b"/catalog-\xfe"
    os.makedirs(folder)
    for name, content in (("catalog.yaml", MANIFEST), ("laws.yaml", LAWS)):
        with open(folder + b"/" + name.encode(), "w", encoding="utf-8") as stream:
            stream.write(content)
    os.makedirs(folder + b"/items")
    with open(folder + b"/items/22011400\xff1000.yaml", "w", encoding="utf-8") as stream:
        stream.write(ITEM)
    return folder


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "CATALOG", "--format", "json"],
        ["validate", "CATALOG", "--format", "sarif"],
        ["validate", "CATALOG", "--format", "text"],
        ["validate", "CATALOG", "--format", "github"],
        ["validate", "CATALOG-missing", "--format", "json"],
        ["validate", "CATALOG-missing", "--format", "sarif"],
        ["diff", "CATALOG", "CATALOG", "--format", "json"],
        ["stats", "--catalog", "CATALOG", "--format", "json", "--allow-invalid"],
    ],
)
def test_output_is_valid_utf8_whatever_the_file_names(tmp_path: Path, command: list[str]) -> None:
    folder = _non_utf8_catalog(tmp_path)
    arguments = [
        folder + part.removeprefix("CATALOG").encode() if part.startswith("CATALOG") else part
        for part in command
    ]
    result = subprocess.run(
        [sys.executable, "-m", "servicecatalog", *arguments], capture_output=True, check=False
    )
    assert result.returncode in (0, 1, 3), result.stderr
    assert b"Traceback" not in result.stderr
    text = result.stdout.decode("utf-8")  # raises if not UTF-8
    result.stderr.decode("utf-8")
    if "json" in command or "sarif" in command:
        json.loads(text)
    if command[0] == "validate":  # the file names are in the findings, escaped
        assert "xfe" in text
