"""Inline suppression comments in Markdown, plain text and HTML, and --report-unused-suppressions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import main

from conftest import HOUSE_RULES

# Both rules at warning, so either one alone decides the exit code.
RULES = HOUSE_RULES.replace("severity: info", "severity: warning")


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    return path


def findings(rules: Path, path: Path, *extra: str) -> tuple[int, list[tuple[int, str]]]:
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--no-builtin-rules", "--rules", str(rules), "--format", "json", *extra, str(path)]
    )
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, [(f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MARKDOWN = """\
TK one.
<!-- factcheck-disable no-tk -->
TK two. DRAFT two.

TK three.
<!-- factcheck-enable no-tk -->
TK four.
<!-- factcheck-disable-next-line -->
TK five. DRAFT five.
TK six. <!-- factcheck-disable-next-line no-draft -->
DRAFT seven. TK seven.
"""


def test_markdown_ranges_next_line_and_all_rules(tmp_path: Path, rules: Path) -> None:
    _, found = findings(rules, write(tmp_path, "a.md", MARKDOWN))
    assert found == [(1, "no-tk"), (3, "no-draft"), (7, "no-tk"), (10, "no-tk"), (11, "no-tk")]


TEXT = """\
TK one.
<!-- factcheck-disable-next-line no-tk -->
TK two.
<!-- factcheck-disable -->
TK three, DRAFT three.
<!-- factcheck-enable -->
TK four.
"""


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_plain_text_uses_the_same_comments(tmp_path: Path, rules: Path, name: str) -> None:
    _, found = findings(rules, write(tmp_path, name, TEXT))
    assert found == [(1, "no-tk"), (7, "no-tk")]


HTML = """\
<p>TK one.</p>
<!-- factcheck-disable-next-line no-tk -->
<p>TK two. DRAFT two.</p>
"""


def test_html_uses_the_same_comments(tmp_path: Path, rules: Path) -> None:
    _, found = findings(rules, write(tmp_path, "a.html", HTML))
    assert found == [(1, "no-tk"), (3, "no-draft")]


def test_suppression_by_kind(tmp_path: Path, rules: Path) -> None:
    _, found = findings(rules, write(tmp_path, "a.md", "<!-- factcheck-disable-next-line pattern -->\nTK and DRAFT.\nTK.\n"))
    assert found == [(3, "no-tk")]


UNUSED = """\
<!-- factcheck-disable-next-line no-tk -->
TK is suppressed here.
<!-- factcheck-disable-next-line no-tk -->
Nothing to suppress here.
<!-- factcheck-disable-next-line no-tk, no-draft -->
TK only: the no-draft half is unused.
<!-- factcheck-disable-next-line -->
A blanket suppression over a clean line.
<!-- factcheck-disable-next-line some-other-pack-rule -->
A rule that did not run is not judged.
<!-- factcheck-disable no-draft -->
Clean passage.
<!-- factcheck-enable no-draft -->
"""


def test_unused_suppressions_reported_only_when_asked(tmp_path: Path, rules: Path) -> None:
    article = write(tmp_path, "a.md", UNUSED)
    code, found = findings(rules, article)
    assert (code, found) == (0, [])
    code, found = findings(rules, article, "--report-unused-suppressions")
    assert code == 1
    assert found == [(3, "unused-suppression"), (5, "unused-suppression"), (7, "unused-suppression"), (11, "unused-suppression")]


def test_unused_suppression_messages_and_spans(tmp_path: Path, rules: Path) -> None:
    article = write(tmp_path, "a.md", UNUSED)
    result = CliRunner().invoke(
        main,
        ["check", "--isolated", "--no-builtin-rules", "--rules", str(rules), "--format", "json", "--report-unused-suppressions", str(article)],
    )
    by_line = {f["line"]: f for f in json.loads(result.stdout)["findings"]}
    assert by_line[3]["match"] == "<!-- factcheck-disable-next-line no-tk -->"
    assert (by_line[3]["column"], by_line[3]["end_column"]) == (1, 43)
    assert "'no-tk'" in by_line[3]["message"]
    assert "'no-draft'" in by_line[5]["message"] and "'no-tk'" not in by_line[5]["message"]
    assert "any rule" in by_line[7]["message"]
    assert by_line[11]["kind"] == "suppression" and by_line[11]["severity"] == "warning"


def test_unused_suppressions_not_judged_for_deselected_rules(tmp_path: Path, rules: Path) -> None:
    article = write(tmp_path, "a.md", "<!-- factcheck-disable-next-line no-draft -->\nTK.\n")
    _, found = findings(rules, article, "--report-unused-suppressions", "--select", "no-tk")
    assert found == [(2, "no-tk")]
    _, found = findings(rules, article, "--report-unused-suppressions")
    assert found == [(1, "unused-suppression"), (2, "no-tk")]


def test_unused_suppression_in_plain_text(tmp_path: Path, rules: Path) -> None:
    article = write(tmp_path, "a.txt", "Clean line one.\n<!-- factcheck-disable-next-line no-tk -->\nClean line two.\n")
    _, found = findings(rules, article, "--report-unused-suppressions")
    assert found == [(2, "unused-suppression")]


def test_unused_suppressions_can_be_ignored_per_file(tmp_path: Path, rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, ".factcheck.yaml", f"rules: ['{rules}']\nper-file-ignores:\n  'legacy/*': [unused-suppression]\n")
    (tmp_path / "legacy").mkdir()
    article = write(tmp_path / "legacy", "a.md", "<!-- factcheck-disable-next-line no-tk -->\nClean.\n")
    result = CliRunner().invoke(main, ["check", "--no-builtin-rules", "--format", "json", "--report-unused-suppressions", str(article)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []


def test_unused_suppressions_in_sarif_have_a_rule_descriptor(tmp_path: Path, rules: Path) -> None:
    article = write(tmp_path, "a.md", "<!-- factcheck-disable-next-line no-tk -->\nClean.\n")
    result = CliRunner().invoke(
        main,
        ["check", "--isolated", "--no-builtin-rules", "--rules", str(rules), "--format", "sarif", "--report-unused-suppressions", str(article)],
    )
    run = json.loads(result.stdout)["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    [result_] = run["results"]
    assert ids[result_["ruleIndex"]] == "unused-suppression"
