"""The command line as users meet it: exit codes, formats, options, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import main

from conftest import write_house_rules



@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    return write_house_rules(tmp_path)


def run(args: list[str], rules_file: Path | None = None, input: bytes | str | None = None):
    base = ["check", "--no-builtin-rules"]
    if rules_file is not None:
        base += ["--rules", str(rules_file)]
    return CliRunner().invoke(main, base + args, input=input, catch_exceptions=False)


def test_exit_0_when_clean(tmp_path: Path, rules_file: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("All facts here.\n")
    result = run([str(article)], rules_file)
    assert result.exit_code == 0, result.output
    assert "0 findings" in result.output


def test_exit_1_with_findings_and_concise_format(tmp_path: Path, rules_file: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("Intro.\n\nThe vote is on TK.\n")
    result = run([str(article), "--format", "concise"], rules_file)
    assert result.exit_code == 1
    assert f"{article}:3:16: warning [no-tk] Placeholder 'TK' left in" in result.output


def test_exit_2_for_a_missing_path_but_other_files_are_still_reported(tmp_path: Path, rules_file: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("TK\n")
    result = run([str(tmp_path / "missing.md"), str(article)], rules_file)
    assert result.exit_code == 2
    assert "missing.md: no such file or directory" in result.output
    assert "[no-tk]" in result.output


def test_json_output_follows_the_contract(tmp_path: Path, rules_file: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("Café owner said TK.\n")
    result = run([str(article), "--format", "json"], rules_file)
    payload = json.loads(result.output)
    assert payload["version"] == 1
    assert payload["summary"] == {"files": 1, "findings": 1, "error": 0, "warning": 1, "info": 0}
    (finding,) = payload["findings"]
    assert list(finding) == [
        "path", "line", "column", "end_line", "end_column", "rule", "kind", "severity", "message", "match",
    ]  # fmt: skip
    assert finding == {
        "path": str(article), "line": 1, "column": 17, "end_line": 1, "end_column": 19, "rule": "no-tk",
        "kind": "pattern", "severity": "warning", "message": "Placeholder 'TK' left in", "match": "TK",
    }  # fmt: skip


def test_select_ignore_and_fail_on(tmp_path: Path, rules_file: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("DRAFT\n\nTK\n")
    only_info = run([str(article), "--select", "no-draft", "--format", "concise"], rules_file)
    assert "[no-draft]" in only_info.output and "[no-tk]" not in only_info.output
    assert only_info.exit_code == 0  # info is below the default --fail-on warning
    assert run([str(article), "--select", "no-draft", "--fail-on", "info"], rules_file).exit_code == 1
    ignored = run([str(article), "--ignore", "no-tk,no-draft"], rules_file)
    assert ignored.exit_code == 0 and "[no-" not in ignored.output
    assert run([str(article), "--fail-on", "never"], rules_file).exit_code == 0
    assert run([str(article), "--fail-on", "error"], rules_file).exit_code == 0
    by_kind = run([str(article), "--select", "pattern", "--format", "concise"], rules_file)
    assert "[no-tk]" in by_kind.output and "[no-draft]" in by_kind.output


def test_unknown_rule_in_select_is_a_usage_error(tmp_path: Path, rules_file: Path) -> None:
    result = run([str(tmp_path), "--select", "no-tc"], rules_file)
    assert result.exit_code == 2
    assert "did you mean 'no-tk'" in result.output


def test_bad_option_value_is_exit_2(rules_file: Path) -> None:
    assert run(["--fail-on", "sometimes"], rules_file).exit_code == 2
    assert run(["--date", "29/07/2024"], rules_file).exit_code == 2


def test_stdin(rules_file: Path) -> None:
    result = run(["-", "--format", "json"], rules_file, input="line one\nTK two\n")
    payload = json.loads(result.output)
    assert [(f["path"], f["line"], f["column"]) for f in payload["findings"]] == [("-", 2, 1)]


def test_stdin_filename_picks_the_format(rules_file: Path) -> None:
    html = "<p>ok</p><script>TK</script><p>TK</p>"
    result = run(["-", "--stdin-filename", "page.html", "--format", "json"], rules_file, input=html)
    assert [f["column"] for f in json.loads(result.output)["findings"]] == [html.rindex("TK") + 1]


def test_directory_recursion_honours_gitignore_and_suffixes(tmp_path: Path, rules_file: Path) -> None:
    (tmp_path / ".gitignore").write_text("drafts/\nskip-*.md\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text("TK\n")
    (tmp_path / "skip-me.md").write_text("TK\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.markdown").write_text("TK\n")
    (tmp_path / "sub" / "c.txt").write_text("TK\n")
    (tmp_path / "sub" / "d.html").write_text("<p>TK</p>\n")
    (tmp_path / "sub" / "e.py").write_text("TK\n")
    (tmp_path / "z.md").write_text("TK\n")
    result = run([str(tmp_path), "--format", "json"], rules_file)
    paths = [Path(f["path"]).relative_to(tmp_path).as_posix() for f in json.loads(result.output)["findings"]]
    assert paths == ["sub/b.markdown", "sub/c.txt", "sub/d.html", "z.md"]


def test_crlf_and_bom_file_positions(tmp_path: Path, rules_file: Path) -> None:
    article = tmp_path / "a.md"
    article.write_bytes(b"\xef\xbb\xbfFirst line\r\nThen TK\r\n")
    finding = json.loads(run([str(article), "--format", "json"], rules_file).output)["findings"][0]
    assert (finding["line"], finding["column"], finding["match"]) == (2, 6, "TK")


def test_invalid_utf8_is_a_warning_not_a_crash(tmp_path: Path, rules_file: Path) -> None:
    article = tmp_path / "a.md"
    article.write_bytes(b"Bad \xff byte, then TK\n")
    result = run([str(article), "--format", "concise"], rules_file)
    assert result.exit_code == 1
    assert "invalid UTF-8 at line 1, column 5" in result.output
    assert "a.md:1:18: warning [no-tk]" in result.output


def test_binary_file_is_an_input_error(tmp_path: Path, rules_file: Path) -> None:
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    result = run([str(binary)], rules_file)
    assert result.exit_code == 2
    assert "binary file" in result.output


def test_malformed_rule_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nkind: pattern\nmessage: m\nparams:\n  tokens: ['(unclosed']\n")
    result = run([str(tmp_path)], bad)
    assert result.exit_code == 2
    assert f"{bad}:5:" in result.output and "invalid regular expression" in result.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nkind: pattern\nmessage: [unclosed\n")
    result = run([str(tmp_path)], broken)
    assert result.exit_code == 2 and f"{broken}:" in result.output and "invalid YAML" in result.output


@pytest.mark.parametrize(
    ("yaml_text", "line", "words"),
    [
        ("id: x\nkind: patern\nmessage: m\n", 2, "did you mean 'pattern'"),
        ("id: x\nkind: pattern\nmessage: m\nseverty: info\nparams: {tokens: [a]}\n", 4, "did you mean 'severity'"),
        ("id: x\nkind: pattern\nmessage: m\nparams:\n  tokens: [a]\n  ignorecas: true\n", 6, "did you mean 'ignorecase'"),
        ("id: x\nkind: pattern\nmessage: m\nparams:\n  tokens: [a]\n  ignorecase: maybe\n", 6, "expected true or false"),
        ("id: x\nkind: pattern\nmessage: m\nseverity: fatal\nparams: {tokens: [a]}\n", 4, "severity must be"),
        ("id: x\nkind: pattern\nparams: {tokens: [a]}\n", 1, "missing required key 'message'"),
        ("id: x\nid: y\nkind: pattern\nmessage: m\n", 2, "duplicate key 'id'"),
        ("id: x\nkind: pattern\nmessage: 'bad {'\nparams: {tokens: [a]}\n", 3, "not a valid template"),
    ],
)
def test_rule_validation_errors(tmp_path: Path, yaml_text: str, line: int, words: str) -> None:
    rule = tmp_path / "r.yaml"
    rule.write_text(yaml_text)
    result = run([str(tmp_path)], rule)
    assert result.exit_code == 2
    assert f"{rule}:{line}:" in result.output
    assert words in result.output


def test_rich_markup_and_escape_codes_are_printed_literally(tmp_path: Path, rules_file: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("He said [bold]TK[/] and [red]x[/red].\n\n\x1b[31mred\x1b[0m TK [Russian-Venezuelan relations].\n")
    for fmt in ("rich", "concise"):
        result = run([str(article), "--format", fmt, "--color", "always"], rules_file)
        assert result.exit_code == 1
        assert "\x1b[31mred" not in result.output
    rich_out = run([str(article), "--format", "rich", "--color", "never"], rules_file).output
    assert "[bold]TK[/]" in rich_out
    assert "[red]x[/red]" in rich_out
    assert "\\x1b[31mred" in rich_out
    assert "[Russian-Venezuelan relations]" in rich_out


def test_a_file_name_with_a_line_break_stays_on_one_line(tmp_path: Path, rules_file: Path) -> None:
    """A line-oriented reader (grep, an editor's error list) takes each line of
    concise output for one finding: a path holding a line break must not split it."""
    article = tmp_path / "draft\nfinal.md"
    article.write_text("DRAFT TK\n")
    out = run([str(article), "--format", "concise", "--quiet"], rules_file).output
    lines = out.splitlines()
    assert len(lines) == 2  # two findings, one line each
    assert all(line.startswith(str(tmp_path / "draft\\nfinal.md") + ":1:") for line in lines)
    rich_out = run([str(article), "--format", "rich", "--color", "never"], rules_file).output
    assert "draft\\nfinal.md:1:" in rich_out


def test_rich_output_underlines_the_span(tmp_path: Path, rules_file: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("Intro.\n\nThe vote is on TK today.\n")
    out = run([str(article), "--format", "rich", "--color", "never"], rules_file).output
    lines = out.splitlines()
    snippet = next(i for i, line in enumerate(lines) if "The vote is on TK today." in line)
    caret_line = lines[snippet + 1]
    assert caret_line.index("^^") == lines[snippet].index("TK")
    assert "1 finding in 1 file" in out


def test_output_is_sorted_and_stable(tmp_path: Path, rules_file: Path) -> None:
    for name in ("b.md", "a.md", "c.md"):
        (tmp_path / name).write_text("DRAFT TK\n\nTK DRAFT\n")
    first = run([str(tmp_path / "c.md"), str(tmp_path), "--format", "concise", "-j", "2"], rules_file).output
    second = run([str(tmp_path), "--format", "concise", "-j", "1"], rules_file).output
    assert first == second
    keys = [line.split(" ")[0] for line in first.splitlines() if "[" in line]
    assert keys == sorted(keys, key=lambda k: (k.rsplit(":", 3)[0], int(k.split(":")[-3]), int(k.split(":")[-2])))


def test_version_and_module_entry_point() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and "factcheck" in result.output
    proc = subprocess.run([sys.executable, "-m", "factcheck", "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stdout.strip() == result.output.strip()


def test_library_api_matches_cli(tmp_path: Path, rules_file: Path) -> None:
    import pickle

    import factcheck

    rules = factcheck.load_rules([rules_file], builtin=False)
    findings = factcheck.check_text("Line\nTK", path="x.md", rules=rules)
    assert [(f.line, f.column, f.rule) for f in findings] == [(2, 1, "no-tk")]
    assert pickle.loads(pickle.dumps(findings)) == findings
    (tmp_path / "a.md").write_text("TK")
    results = factcheck.check_paths([tmp_path], rules=rules)
    assert [(r.path.endswith("a.md"), len(r.findings)) for r in results] == [(True, 1)]


def test_files_found_below_the_current_directory_have_no_dot_prefix(tmp_path: Path, rules_file: Path, monkeypatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("TK\n")
    monkeypatch.chdir(tmp_path)
    result = run([".", "--format", "concise"], rules_file)
    assert result.output.startswith("sub/a.md:1:1:")
    nested = run(["sub", "--format", "concise"], rules_file)
    assert nested.output.startswith("sub/a.md:1:1:")
