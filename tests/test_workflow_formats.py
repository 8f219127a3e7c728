"""CI formats: SARIF against the real 2.1.0 schema, GitHub workflow commands, JUnit XML;
and --statistics, --output, --quiet as a CI log uses them."""

from __future__ import annotations

import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.findings import Finding, Severity
from factcheck.report import RenderOptions, Report
from factcheck.report.github import escape_data, escape_property
from factcheck.rules import RuleSet

from conftest import DRAFT_RULE

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

RULES = """\
id: no-tk
kind: pattern
severity: warning
message: "Placeholder '{match}' left in: fill it, or cut the sentence"
description: |
  ## What it does
  Flags the TK placeholder
  editors type while drafting.

  ## Why is this bad?
  Readers see an unfinished story.
params:
  tokens: ['TK']
examples:
  - text: "Vote on TK."
    expect: [{line: 1, match: TK}]
  - text: "A TKO."
    expect: []
---
""" + DRAFT_RULE + """---
id: no-hold
kind: pattern
severity: error
message: "HOLD: do not publish"
params:
  tokens: ['HOLD']
examples:
  - text: "HOLD for legal"
    expect: [{line: 1, match: HOLD}]
  - text: "Household"
    expect: []
"""


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Articles with findings of every severity, a clean one, and awkward file names."""
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "vote.md").write_text("# Vote\n\nThe council votes on TK.\nDRAFT copy, HOLD for legal.\n", encoding="utf-8")
    (tmp_path / "news" / "clean.md").write_text("Nothing to see.\n", encoding="utf-8")
    (tmp_path / "news" / "a,b: 100% café.md").write_text("Zürich — TK\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    """Exit code and standard output (stderr apart, as a CI job that redirects stdout sees it)."""
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-builtin-rules", "--rules", "rules.yaml", *args])
    return result.exit_code, result.stdout + (result.stderr if result.exit_code == 2 and not result.stdout else "")


# --------------------------------------------------------------------------- SARIF


def sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    # The schema is draft-04, which names no uri-reference format checker; draft-07's checks it.
    return cls(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_shipped_schema_is_the_oasis_sarif_2_1_0_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_sarif_validates_against_the_schema(newsroom: Path) -> None:
    code, output = run("--format", "sarif", "news", "missing.md")
    assert code == 2  # the missing file
    log = json.loads(output)
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_sarif_validator_rejects_broken_logs() -> None:
    """The validation above can fail: a result without a message and a bad URI are caught."""
    validator = sarif_validator()
    bad_message = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "a"}]}]}
    assert list(validator.iter_errors(bad_message))
    bad_uri = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "x"}},
                "results": [
                    {
                        "message": {"text": "m"},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "news/a b.md"}}}],
                    }
                ],
            }
        ],
    }
    assert list(validator.iter_errors(bad_uri))


def test_sarif_rules_and_results(newsroom: Path) -> None:
    _, output = run("--format", "sarif", "news")
    run_ = json.loads(output)["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["no-tk", "no-draft", "no-hold"]
    tk = rules[0]
    assert tk["shortDescription"]["text"] == "Flags the TK placeholder editors type while drafting."
    assert tk["fullDescription"]["text"].startswith("## What it does\nFlags the TK placeholder")
    assert "## Why is this bad?" in tk["help"]["markdown"]
    assert tk["defaultConfiguration"]["level"] == "warning"
    assert rules[1]["defaultConfiguration"]["level"] == "note"
    assert rules[1]["shortDescription"]["text"] == "Draft marker"  # no description: the message stands in
    assert run_["columnKind"] == "unicodeCodePoints"
    by_rule = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]): r for r in run_["results"]}
    vote = by_rule[("no-tk", "news/vote.md")]
    assert vote["ruleIndex"] == 0
    assert vote["level"] == "warning"
    assert vote["message"]["text"] == "Placeholder 'TK' left in: fill it, or cut the sentence"
    assert vote["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 22,
        "endLine": 3,
        "endColumn": 24,
        "snippet": {"text": "TK"},
    }
    assert by_rule[("no-hold", "news/vote.md")]["level"] == "error"
    odd = by_rule[("no-tk", "news/a%2Cb%3A%20100%25%20caf%C3%A9.md")]
    assert odd["locations"][0]["physicalLocation"]["region"]["startColumn"] == 10  # characters, not bytes
    assert run_["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_reports_unreadable_files_as_notifications(newsroom: Path) -> None:
    _, output = run("--format", "sarif", "news/clean.md", "missing.md")
    invocation = json.loads(output)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "no such file" in note["message"]["text"]


def test_sarif_with_builtin_rules_validates(newsroom: Path, builtin_rules: RuleSet) -> None:
    """Every built-in rule's descriptor (real descriptions) is valid SARIF too."""
    from factcheck.report.sarif import render

    finding = Finding("a.md", 1, 1, 1, 3, builtin_rules.rules[0].id, builtin_rules.rules[0].kind, Severity.WARNING, "m", "ab")
    stream = io.StringIO()
    render(Report([finding], 1, builtin_rules), stream, RenderOptions())
    log = json.loads(stream.getvalue())
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(builtin_rules)
    assert not list(sarif_validator().iter_errors(log))
    for descriptor in log["runs"][0]["tool"]["driver"]["rules"]:
        assert descriptor["shortDescription"]["text"].strip()
        assert "\n" not in descriptor["shortDescription"]["text"]


# --------------------------------------------------------------------------- GitHub


def test_github_escapes_as_the_runner_requires() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_data("a: b, c") == "a: b, c"  # the message may keep ':' and ','
    assert escape_property("a,b: 100%\n") == "a%2Cb%3A 100%25%0A"


def test_github_workflow_commands(newsroom: Path) -> None:
    code, output = run("--format", "github", "news")
    assert code == 1
    lines = output.splitlines()
    assert "::warning file=news/vote.md,line=3,endLine=3,col=22,endColumn=24,title=factcheck (no-tk)::Placeholder 'TK' left in: fill it, or cut the sentence" in lines
    assert "::notice file=news/vote.md,line=4,endLine=4,col=1,endColumn=6,title=factcheck (no-draft)::Draft marker" in lines
    assert any(line.startswith("::error file=news/vote.md,line=4,") for line in lines)
    assert "::warning file=news/a%2Cb%3A 100%25 café.md,line=1,endLine=1,col=10,endColumn=12," in output
    assert all(line.startswith("::") for line in lines)  # nothing else: every line is a command


def test_github_paths_are_workspace_relative(newsroom: Path) -> None:
    _, output = run("--format", "github", ".")
    assert "file=news/vote.md," in output and "file=./" not in output


def test_github_message_newlines_cannot_inject_commands(tmp_path: Path) -> None:
    from factcheck.report.github import render

    finding = Finding("a.md", 1, 1, 1, 2, "r", "k", Severity.ERROR, "bad\n::error file=x::forged", "b")
    stream = io.StringIO()
    render(Report([finding], 1, RuleSet()), stream, RenderOptions())
    assert stream.getvalue().count("\n") == 1
    assert stream.getvalue().endswith("::bad%0A::error file=x::forged\n")


# --------------------------------------------------------------------------- JUnit


def test_junit_one_testcase_per_file(newsroom: Path) -> None:
    code, output = run("--format", "junit", "news", "missing.md")
    assert code == 2
    root = ET.fromstring(output.encode("utf-8"))
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"news/a,b: 100% café.md", "news/clean.md", "news/vote.md", "missing.md"}
    assert suite.get("tests") == "4" and suite.get("failures") == "2" and suite.get("errors") == "1"
    assert list(cases["news/clean.md"]) == []  # a clean file passes
    [failure] = cases["news/vote.md"].findall("failure")
    assert failure.get("message", "").startswith("3 findings; first at 3:22: Placeholder 'TK'")
    assert failure.text is not None
    assert failure.text.splitlines() == [
        "3:22 warning [no-tk] Placeholder 'TK' left in: fill it, or cut the sentence",
        "4:1 info [no-draft] Draft marker",
        "4:13 error [no-hold] HOLD: do not publish",
    ]
    assert cases["missing.md"].find("error") is not None


def test_junit_survives_control_characters_and_markup(tmp_path: Path) -> None:
    from factcheck.report.junit import render

    finding = Finding("<a>&.md", 1, 1, 1, 2, "r", "k", Severity.ERROR, "esc \x1b[31m <b> & \"q\"", "x")
    stream = io.StringIO()
    render(Report([finding], 1, RuleSet(), paths=["<a>&.md"]), stream, RenderOptions())
    root = ET.fromstring(stream.getvalue().encode("utf-8"))
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("name") == "<a>&.md"
    assert case.find("failure").text.strip() == '1:1 error [r] esc [31m <b> & "q"'  # type: ignore[union-attr]


# --------------------------------------------------------------------------- statistics, output, quiet


def test_statistics_counts_per_rule(newsroom: Path) -> None:
    code, output = run("--statistics", "news")
    assert code == 1
    lines = output.splitlines()
    assert lines[:3] == ["2  no-tk     warning", "1  no-draft  info", "1  no-hold   error"]
    assert lines[3] == "4 findings (1 error, 2 warning, 1 info) in 3 files"
    assert "Placeholder" not in output  # counts instead of each finding


def test_output_writes_report_and_prints_summary(newsroom: Path) -> None:
    code, output = run("--format", "sarif", "--output", "report.sarif", "news")
    assert code == 1
    assert output == "4 findings (1 error, 2 warning, 1 info) in 3 files; report written to report.sarif\n"
    log = json.loads((newsroom / "report.sarif").read_text(encoding="utf-8"))
    assert len(log["runs"][0]["results"]) == 4


def test_output_with_quiet_prints_nothing(newsroom: Path) -> None:
    code, output = run("--format", "junit", "--output", "junit.xml", "--quiet", "news")
    assert code == 1
    assert output == ""
    assert ET.parse(newsroom / "junit.xml").getroot().tag == "testsuites"


def test_output_and_statistics_together(newsroom: Path) -> None:
    _, output = run("--format", "json", "--output", "r.json", "--statistics", "news")
    assert output.splitlines()[0] == "2  no-tk     warning"
    assert output.splitlines()[-1].endswith("report written to r.json")
    assert json.loads((newsroom / "r.json").read_text(encoding="utf-8"))["summary"]["findings"] == 4


def test_unwritable_output_exits_2(newsroom: Path) -> None:
    code, output = run("--format", "json", "--output", "no/such/dir/r.json", "news")
    assert code == 2
    assert "cannot write the report" in output


def test_quiet_prints_only_findings(newsroom: Path) -> None:
    _, output = run("--format", "concise", "--quiet", "news")
    assert len(output.splitlines()) == 4
    assert "findings" not in output


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit"])
def test_new_formats_are_registered(fmt: str) -> None:
    result = CliRunner().invoke(main, ["check", "--help"])
    assert fmt in result.output


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("## What it does\nFlags dates no calendar has:\nFebruary 30. And more.\n\n## Why is this bad?\nX.", "Flags dates no calendar has: February 30."),
        ('## What it does\nCompares "today, Tuesday" with the date. Then more.', 'Compares "today, Tuesday" with the date.'),
        ("One paragraph without sections.\n\nSecond.", "One paragraph without sections."),
        ("", "the message"),
    ],
)
def test_sarif_short_description_is_the_first_sentence(description: str, expected: str) -> None:
    from factcheck.report.sarif import short_description

    assert short_description(description, "the message") == expected
