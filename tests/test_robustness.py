"""What real users and CI throw at the command line: odd paths, odd inputs, odd configs.

Each test here once failed (a hang, a traceback, a wrong exit code or a silent pass).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import main

from conftest import write_house_rules


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    return write_house_rules(tmp_path)


def run(args: list[str], rules_file: Path | None = None, input: bytes | str | None = None):
    base = ["check", "--no-builtin-rules", "--isolated"]
    if rules_file is not None:
        base += ["--rules", str(rules_file)]
    return CliRunner().invoke(main, base + args, input=input, catch_exceptions=False)


def test_a_fifo_in_a_walked_directory_is_skipped_not_waited_on(tmp_path: Path, rules_file: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    os.mkfifo(articles / "pipe.md")  # opening it would block until a writer came
    (articles / "a.md").write_text("The vote is on TK.\n")
    result = run([str(articles), "--format", "concise"], rules_file)
    assert result.exit_code == 1, result.output
    assert "a.md:1:" in result.output
    assert "pipe.md" not in result.output
    assert "in 1 file" in result.output


def test_an_unlistable_subdirectory_fails_the_run_naming_it(tmp_path: Path, rules_file: Path, monkeypatch) -> None:
    articles = tmp_path / "articles"
    (articles / "locked").mkdir(parents=True)
    (articles / "locked" / "b.md").write_text("TK\n")
    (articles / "a.md").write_text("Fine.\n")
    real_scandir = os.scandir

    def scandir(path):  # root ignores permissions, so refuse the listing the way EACCES would
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run([str(articles), "--format", "concise"], rules_file)
    assert result.exit_code == 2, result.output
    assert f"{articles / 'locked'}: cannot read directory: Permission denied" in result.output


def test_ctrl_c_exits_130_with_one_line_not_a_traceback(tmp_path: Path, rules_file: Path, monkeypatch) -> None:
    (tmp_path / "a.md").write_text("Fine.\n")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
        yield  # a generator, like the real one

    monkeypatch.setattr("factcheck.engine.check_targets", interrupted)
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-builtin-rules", "--rules", str(rules_file), str(tmp_path / "a.md")])
    assert result.exit_code == 130, result.output
    assert result.output == "factcheck: interrupted\n"


def test_a_broken_pyproject_that_holds_our_table_is_an_error_not_ignored(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.md").write_text("Fine.\n")
    (tmp_path / "pyproject.toml").write_text('[project\nname = "x"\n\n[tool.factcheck]\nfail-on = "never"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-builtin-rules", "a.md"])
    assert result.exit_code == 2, result.output
    assert "pyproject.toml:1: invalid TOML" in result.output


def test_somebody_elses_broken_pyproject_is_still_ignored(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.md").write_text("Fine.\n")
    (tmp_path / "pyproject.toml").write_text("[project\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-builtin-rules", "a.md"])
    assert result.exit_code == 0, result.output


RULE_WITH_MESSAGE = """id: tk
kind: pattern
severity: warning
message: "{message}"
params:
  tokens: ['TK']
examples:
  - text: "Vote on TK."
    expect: [{{line: 1, match: TK}}]
  - text: "A TKO."
    expect: []
"""


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("Found {0}", "message field {0} must be a plain name"),
        ("Found {}", "message field {} must be a plain name"),
        ("Found {match[5]}", "message field {match[5]} must be a plain name"),
        ("Found {match.upper}", "message field {match.upper} must be a plain name"),
        ("Found {match:d}", "message field {match:d}: Unknown format code 'd'"),
        ("Found {match!x}", "message field {match!x}: unknown conversion !x"),
    ],
)
def test_a_message_template_that_would_crash_is_rejected_at_its_line(tmp_path: Path, template: str, words: str) -> None:
    rules = write_house_rules(tmp_path, "r.yaml", RULE_WITH_MESSAGE.format(message=template))
    (tmp_path / "a.md").write_text("The vote is on TK.\n")
    result = run([str(tmp_path / "a.md")], rules)
    assert result.exit_code == 2, result.output
    assert f"{rules}:4: {words}" in result.output


def test_a_message_with_conversion_and_width_still_works(tmp_path: Path) -> None:
    rules = write_house_rules(tmp_path, "r.yaml", RULE_WITH_MESSAGE.format(message="Found {match!r:>6} {{literal}}"))
    (tmp_path / "a.md").write_text("The vote is on TK.\n")
    result = run([str(tmp_path / "a.md"), "--format", "concise"], rules)
    assert result.exit_code == 1, result.output
    assert "[tk] Found   'TK' {literal}" in result.output


def test_rules_test_reports_a_message_field_the_kind_never_fills(tmp_path: Path) -> None:
    rules = write_house_rules(tmp_path, "r.yaml", RULE_WITH_MESSAGE.format(message="Found {match} in {secton}"))
    result = CliRunner().invoke(main, ["rules", "test", "--isolated", "--no-builtin-rules", str(rules)])
    assert result.exit_code == 2, result.output
    assert "message field {secton} is not filled by kind pattern" in result.output


def test_text_nested_too_deeply_to_parse_is_reported_not_silently_passed(tmp_path: Path, rules_file: Path) -> None:
    nested = "".join("  " * depth + "- item\n" for depth in range(25))
    article = tmp_path / "a.md"
    article.write_text("Intro.\n\n" + nested + "  " * 25 + "- The vote is on TK.\n")
    result = run([str(article), "--format", "concise"], rules_file)
    assert result.exit_code == 0, result.output  # a warning, like undecodable bytes: the rest was checked
    assert f"warning: {article}: line 22: lists and block quotes nested too deeply" in result.output


def test_nesting_the_parser_reads_gives_no_warning(tmp_path: Path, rules_file: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("> " * 30 + "Quoted.\n\n" + "".join("  " * depth + "- item\n" for depth in range(10)) + "  " * 10 + "- On TK.\n")
    result = run([str(article), "--format", "concise"], rules_file)
    assert result.exit_code == 1, result.output
    assert "nested too deeply" not in result.output
    assert "a.md:13:" in result.output


def test_a_directory_without_articles_exits_0_with_a_warning_and_an_empty_report(tmp_path: Path, rules_file: Path, monkeypatch) -> None:
    # The documented choice (README, exit codes): nothing in it is wrong, so 0;
    # the warning says why nothing was checked; a mistyped path is exit 2.
    (tmp_path / "notes.rst").write_text("TK\n")
    monkeypatch.chdir(tmp_path)
    result = run(["--format", "json"], rules_file)
    assert result.exit_code == 0, result.output
    assert "factcheck: no files to check in ." in result.output
    assert '"files": 0' in result.output
    assert run(["no-such-dir"], rules_file).exit_code == 2


@pytest.mark.parametrize("front_matter", ["date: 2020-13-01", "date: 2021-02-30 10:00:00", "tags: " + "[" * 3000 + "]" * 3000])
def test_front_matter_that_does_not_build_is_ignored_like_malformed_yaml(tmp_path: Path, rules_file: Path, front_matter: str) -> None:
    article = tmp_path / "a.md"
    article.write_text(f"---\n{front_matter}\n---\nThe vote is on TK.\n")
    other = tmp_path / "b.md"
    other.write_text("Also TK.\n")
    result = run([str(article), str(other), "--format", "concise"], rules_file)
    assert result.exit_code == 1, result.output
    assert f"{article}:4:16:" in result.output
    assert f"{other}:1:6:" in result.output


def test_a_yaml_date_that_does_not_exist_in_a_config_names_its_line(tmp_path: Path, rules_file: Path, monkeypatch) -> None:
    (tmp_path / ".factcheck.yaml").write_text("fail-on: warning\ndate: 2020-13-01\n")
    (tmp_path / "a.md").write_text("Fine.\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-builtin-rules", "--rules", str(rules_file), "a.md"])
    assert result.exit_code == 2, result.output
    assert ".factcheck.yaml:2: invalid value '2020-13-01': month must be in 1..12" in result.output


def test_a_yaml_date_that_does_not_exist_in_a_rule_example_names_its_line(tmp_path: Path) -> None:
    rules = write_house_rules(tmp_path, "r.yaml", RULE_WITH_MESSAGE.format(message="Found {match}") + "  - text: x\n    date: 2021-02-30\n")
    (tmp_path / "a.md").write_text("Fine.\n")
    result = run([str(tmp_path / "a.md")], rules)
    assert result.exit_code == 2, result.output
    assert f"{rules}:13: invalid value '2021-02-30'" in result.output


@pytest.mark.parametrize("text", ["- \u201d\n\t[", "- a\n\tb c", "1. x\n\t\ty", "> a\n>\tb"])
def test_a_tab_indented_continuation_line_stays_inside_its_source_line(text: str) -> None:
    # markdown-it expands the tab to spaces, so the content line is longer than
    # the source line: the block ran past the end of the text, and the
    # sentence splitter (and with it every number rule) raised IndexError.
    from factcheck.document import from_text
    from factcheck.engine import check_text

    document = from_text(text, path="a.md")
    assert all(0 <= block.start <= block.end <= len(document.text) for block in document.blocks)
    assert document.text[document.blocks[-1].end - 1] == text[-1]
    check_text(text, path="a.md")  # every built-in rule, no exception


def test_a_link_on_a_tab_indented_continuation_line_is_located_exactly() -> None:
    from factcheck.document import from_text

    document = from_text("- The vote\n\tis on [TK](#x) today.\n", path="a.md")
    (link,) = document.links
    assert document.text[link.start : link.end] == "[TK](#x)"
    assert document.prose.split("\n")[1] == "\tis on  TK      today."


def test_an_explicit_pyproject_without_our_table_says_so(tmp_path: Path, rules_file: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "paper"\n')
    (tmp_path / "a.md").write_text("Fine.\n")
    result = CliRunner().invoke(main, ["check", "--config", str(pyproject), "--no-builtin-rules", "--rules", str(rules_file), str(tmp_path / "a.md")])
    assert result.exit_code == 2, result.output
    assert f"{pyproject}: has no [tool.factcheck] table" in result.output
    assert "unknown config key 'project'" not in result.output


def test_the_size_limit_applies_to_stdin_and_names_no_option_that_does_not_exist(tmp_path: Path, monkeypatch) -> None:
    import io
    import sys

    from factcheck.discover import STDIN, Target
    from factcheck.engine import read_target

    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 2_000_001)
    data, problem = read_target(Target(str(big), big), max_bytes=1_000_000)
    assert data is None and problem == "file is 2.0 MB, larger than the 1 MB limit"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 2_000_001)))
    data, problem = read_target(Target(STDIN, None), max_bytes=1_000_000)
    assert data is None and problem == "input is larger than the 1 MB limit"


def test_a_suppression_comment_shown_in_code_is_not_obeyed(tmp_path: Path, rules_file: Path) -> None:
    # A style guide (or this README) showing the syntax must not switch checking off.
    article = tmp_path / "guide.md"
    article.write_text(
        "Use `<!-- factcheck-disable -->` to silence a passage.\n\nThe vote is on TK.\n\n"
        "```\n<!-- factcheck-disable-next-line -->\n```\nAgain TK.\n\n"
        "    <!-- factcheck-disable -->\n\nStill TK.\n"
        "<!-- factcheck-disable -->\nSilenced TK.\n"
    )
    result = run([str(article), "--format", "concise"], rules_file)
    lines = [line.split(":")[1] for line in result.output.splitlines() if "[no-tk]" in line]
    assert lines == ["3", "8", "12"], result.output


def test_rules_new_into_a_missing_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "house.yaml"
    result = CliRunner().invoke(main, ["rules", "new", "pattern", "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert f"{target}: cannot write the rule file: No such file or directory" in result.output


def test_a_rule_that_crashes_on_one_file_errs_that_file_and_the_run_goes_on(tmp_path: Path, rules_file: Path, monkeypatch) -> None:
    # An uncaught exception exits 1, which CI cannot tell from "findings".
    import factcheck.checks.pattern as pattern

    real_check = pattern.check

    def check(document, rule):
        if "boom" in document.text:
            raise ZeroDivisionError("division by zero")
        return real_check(document, rule)

    monkeypatch.setattr(pattern, "check", check)
    monkeypatch.delenv("FACTCHECK_DEBUG", raising=False)
    (tmp_path / "a.md").write_text("boom\n")
    (tmp_path / "b.md").write_text("The vote is on TK.\n")
    result = run([str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--format", "concise"], rules_file)
    assert result.exit_code == 2, result.output
    assert f"error: {tmp_path / 'a.md'}: rule no-tk failed with ZeroDivisionError: division by zero" in result.output
    assert "b.md:1:16: warning [no-tk]" in result.output


def test_an_unexpected_crash_outside_the_rules_exits_2_not_1(tmp_path: Path, rules_file: Path, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'x'")

    monkeypatch.setattr("factcheck.report.delivery.deliver", broken)
    (tmp_path / "a.md").write_text("Fine.\n")
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-builtin-rules", "--rules", str(rules_file), str(tmp_path / "a.md")])
    assert result.exit_code == 2, result.output
    assert "factcheck: internal error" in result.output


def test_a_gitignore_above_the_walked_folder_is_read_relative_to_its_own_folder(tmp_path: Path, rules_file: Path) -> None:
    # git reads `build/` as "a folder named build inside this repository", not
    # "anywhere in the absolute path": a checkout under ~/build/ was checked as
    # empty (exit 0), and the anchored /articles/secret.md was not ignored.
    repo = tmp_path / "build" / "paper"
    (repo / ".git").mkdir(parents=True)
    (repo / ".gitignore").write_text("build/\n/articles/secret.md\n")
    articles = repo / "articles"
    (articles / "build").mkdir(parents=True)
    (articles / "a.md").write_text("TK\n")
    (articles / "secret.md").write_text("TK\n")
    (articles / "build" / "out.md").write_text("TK\n")
    result = run([str(articles), "--format", "concise"], rules_file)
    assert result.exit_code == 1, result.output
    checked = sorted(line.split(":")[0] for line in result.output.splitlines() if "[no-tk]" in line)
    assert checked == [str(articles / "a.md")], result.output


def test_output_refuses_to_overwrite_an_article_being_checked(tmp_path: Path, rules_file: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("The vote is on TK.\n")
    result = run([str(tmp_path), "--format", "json", "--output", str(article)], rules_file)
    assert result.exit_code == 2, result.output
    assert f"{article}: --output would overwrite a file being checked" in result.output
    assert article.read_text() == "The vote is on TK.\n"


def test_sarif_names_a_file_whose_name_is_not_utf8_by_its_bytes(tmp_path: Path, rules_file: Path, monkeypatch) -> None:
    import json

    name = os.fsdecode(b"caf\xe9.md")  # a Latin-1 name on a UTF-8 system: a surrogate in Python
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / name).write_text("The vote is on TK.\n")
    monkeypatch.chdir(tmp_path)
    result = run(["news", "--format", "sarif"], rules_file)
    assert result.exit_code == 1, result.output
    (finding,) = json.loads(result.output)["runs"][0]["results"]
    assert finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/caf%E9.md"


@pytest.mark.parametrize("output_format", ["concise", "json", "junit", "github", "rich"])
def test_output_file_takes_a_file_name_that_is_not_utf8(tmp_path: Path, rules_file: Path, output_format: str) -> None:
    name = os.fsdecode(b"caf\xe9.md")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / name).write_text("The vote is on TK.\n")
    report = tmp_path / "report.out"
    result = run([str(tmp_path / "news"), "--format", output_format, "--output", str(report)], rules_file)
    assert result.exit_code == 1, result.output
    assert b"caf\xe9.md" in report.read_bytes()


def test_a_terminal_that_cannot_show_the_text_gets_escapes_not_a_traceback(tmp_path: Path, rules_file: Path) -> None:
    import subprocess
    import sys

    article = tmp_path / "a.md"
    article.write_text("Caf\u00e9 vote on TK \u2014 \u201cquoted\u201d\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "FACTCHECK_NO_CACHE": "1"}
    args = [sys.executable, "-m", "factcheck", "check", "--isolated", "--no-builtin-rules", "--rules", str(rules_file)]
    result = subprocess.run([*args, "--format", "rich", "--color", "never", str(article)], capture_output=True, env=env, timeout=60)
    assert result.returncode == 1, result.stderr
    assert b"Caf\\xe9 vote on TK \\u2014" in result.stdout


def test_a_rule_file_that_is_one_bare_string_names_no_line_zero(tmp_path: Path) -> None:
    rules = write_house_rules(tmp_path, "r.yaml", "just a sentence\n")
    (tmp_path / "a.md").write_text("Fine.\n")
    result = run([str(tmp_path / "a.md")], rules)
    assert result.exit_code == 2, result.output
    assert f"{rules}: a rule must be a mapping" in result.output
    assert ":0:" not in result.output


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_article_with_a_byte_order_mark_is_read_not_called_binary(tmp_path: Path, rules_file: Path, encoding: str) -> None:
    article = tmp_path / "a.md"
    bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
    article.write_bytes(bom + "Caf\u00e9 intro.\r\nThe vote is on TK.\r\n".encode(encoding))
    result = run([str(article), "--format", "concise"], rules_file)
    assert result.exit_code == 1, result.output
    assert f"{article}:2:16: warning [no-tk]" in result.output
    assert "binary" not in result.output


def test_one_file_named_several_ways_is_reported_once(tmp_path: Path, rules_file: Path, monkeypatch) -> None:
    (tmp_path / "a.md").write_text("The vote is on TK.\n")
    monkeypatch.chdir(tmp_path)
    result = run(["a.md", "./a.md", str(tmp_path / "a.md"), ".", "--format", "concise"], rules_file)
    assert result.exit_code == 1, result.output
    assert [line for line in result.output.splitlines() if "[no-tk]" in line] == ["a.md:1:16: warning [no-tk] Placeholder 'TK' left in"]
    assert "in 1 file" in result.output
