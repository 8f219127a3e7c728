"""Behaviour that keeps factcheck fast without changing what it reports.

No timings here (bench/run measures those): these tests pin down the
mechanisms (the rule cache, lazy imports, parallel output, streaming) so a
later change cannot quietly undo them.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from factcheck import rule_cache
from factcheck.cli import main
from factcheck.errors import ConfigError
from factcheck.report.progress import progress_bar, wants_progress
from factcheck.rules import load_rule_file, load_rules
from factcheck.yaml_lines import LineDict, LineList, load_all

ROOT = Path(__file__).resolve().parent.parent

RULE_YAML = """\
id: test-placeholder
kind: pattern
severity: warning
message: "Placeholder '{match}'"
description: |
  ## What it does
  Flags TK.
params:
  tokens: ['TK']
examples:
  - text: "Vote on TK."
    date: 2024-05-03
    expect: [{line: 1, match: TK}]
  - text: "A TKO."
    expect: []
"""


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.delenv("FACTCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "factcheck" / "rules"


def _shape(value: object) -> object:
    """Values with the line numbers that error messages rely on."""
    if isinstance(value, LineDict):
        return ("map", value.line, {k: (_shape(v), value.key_lines[k]) for k, v in value.items()})
    if isinstance(value, LineList):
        return ("seq", value.line, [_shape(v) for v in value], value.item_lines)
    return (type(value).__name__, value)


def test_cached_documents_equal_a_fresh_parse_with_lines(cache_home: Path) -> None:
    fresh = load_all(RULE_YAML, "r.yaml")
    first = rule_cache.load_documents(RULE_YAML, "r.yaml")
    assert list(cache_home.glob("*.marshal")), "the first load stores an entry"
    second = rule_cache.load_documents(RULE_YAML, "r.yaml")
    assert _shape(first) == _shape(fresh) == _shape(second)
    example_date = second[0]["examples"][0]["date"]
    assert type(example_date).__name__ == "date"


def test_cache_lives_under_xdg_cache_home_never_beside_the_rules(cache_home: Path, tmp_path: Path) -> None:
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "mine.yaml").write_text(RULE_YAML, encoding="utf-8")
    load_rules([rules_dir], builtin=False)
    assert sorted(p.name for p in rules_dir.iterdir()) == ["mine.yaml"]
    assert len(list(cache_home.glob("*.marshal"))) == 1


def test_factcheck_cache_dir_and_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "explicit"))
    rule_cache.load_documents(RULE_YAML, "r.yaml")
    assert list((tmp_path / "explicit" / "rules").glob("*.marshal"))
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    assert rule_cache.cache_dir() is None
    assert _shape(rule_cache.load_documents(RULE_YAML, "r.yaml")) == _shape(load_all(RULE_YAML, "r.yaml"))


def test_an_edited_rule_file_is_parsed_again(cache_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(RULE_YAML, encoding="utf-8")
    assert load_rule_file(path)[0].severity.name.lower() == "warning"
    path.write_text(RULE_YAML.replace("severity: warning", "severity: error"), encoding="utf-8")
    assert load_rule_file(path)[0].severity.name.lower() == "error"
    assert len(list(cache_home.glob("*.marshal"))) == 2


def test_a_corrupt_entry_is_ignored(cache_home: Path) -> None:
    rule_cache.load_documents(RULE_YAML, "r.yaml")
    for entry in cache_home.glob("*.marshal"):
        entry.write_bytes(b"not marshal data")
    assert _shape(rule_cache.load_documents(RULE_YAML, "r.yaml")) == _shape(load_all(RULE_YAML, "r.yaml"))


def test_errors_are_never_cached(cache_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nkind: pattern\nmessage: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError) as raised:
            load_rule_file(path)
        assert f"{path}:" in str(raised.value)
    assert not cache_home.exists() or not list(cache_home.glob("*.marshal"))


def test_builtin_rules_from_the_cache_equal_a_fresh_load(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = load_rules()
    warm = load_rules()
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    uncached = load_rules()
    for a, b, c in zip(cold, warm, uncached, strict=True):
        assert (a.id, a.line, a.params, a.examples) == (b.id, b.line, b.params, b.examples) == (c.id, c.line, c.params, c.examples)


def _modules_after(args: list[str], tmp_path: Path) -> set[str]:
    """Top-level packages imported by a whole ``factcheck`` run (in a fresh interpreter)."""
    script = (
        "import sys\n"
        f"sys.argv = ['factcheck', *{args!r}]\n"
        "from factcheck.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('MODULES ' + ' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env)
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES "))
    return set(line.split()[1:])


@pytest.mark.parametrize("fmt", ["json", "concise"])
def test_machine_and_concise_runs_on_one_file_import_no_rich_no_multiprocessing(fmt: str, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("Monday, March 4, 2024\n\nThe council met on Monday.\n", encoding="utf-8")
    modules = _modules_after(["check", "--format", fmt, str(article)], tmp_path)
    assert "factcheck" in modules
    assert not modules & {"rich", "multiprocessing", "concurrent", "pathspec"}


def test_version_imports_no_parser(tmp_path: Path) -> None:
    modules = _modules_after(["--version"], tmp_path)
    assert not modules & {"rich", "markdown_it", "yaml", "regex", "multiprocessing"}


def _generate_corpus(out: Path, count: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    generate.write_corpus(out, count, seed=3)


def test_jobs_output_is_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    corpus = tmp_path / "corpus"
    _generate_corpus(corpus, 24)
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "2"):
        result = runner.invoke(main, ["check", "--format", "json", "--fail-on", "never", "--jobs", jobs, str(corpus)])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["summary"]["files"] == 24


def test_corpus_generator_is_deterministic(tmp_path: Path) -> None:
    _generate_corpus(tmp_path / "a", 5)
    _generate_corpus(tmp_path / "b", 5)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.md"))
    assert files_a == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.md"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("fmt", "files", "stream", "shown"),
    [
        ("rich", 51, _Terminal(), True),
        ("concise", 200, _Terminal(), True),
        ("rich", 50, _Terminal(), False),  # a pre-commit hook's handful of files
        ("json", 500, _Terminal(), False),  # machine formats never
        ("sarif", 500, _Terminal(), False),
        ("github", 500, _Terminal(), False),
        ("rich", 500, io.StringIO(), False),  # not a terminal
    ],
)
def test_progress_only_for_humans_at_a_terminal_on_long_runs(
    fmt: str, files: int, stream: io.StringIO, shown: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert wants_progress(fmt, files, stream=stream) is shown
    assert wants_progress(fmt, files, quiet=True, stream=stream) is False


def test_progress_bar_draws_on_a_terminal_and_is_silent_otherwise() -> None:
    terminal = _Terminal()
    with progress_bar(3, True, stream=terminal) as advance:
        for _ in range(3):
            advance()
    assert "checking" in terminal.getvalue()
    quiet = _Terminal()
    with progress_bar(3, False, stream=quiet) as advance:
        advance()
    assert quiet.getvalue() == ""


def test_cli_prints_no_progress_when_not_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    corpus = tmp_path / "corpus"
    _generate_corpus(corpus, 60)
    result = CliRunner().invoke(main, ["check", "--format", "concise", "--fail-on", "never", "--jobs", "1", str(corpus)])
    assert result.exit_code == 0
    assert "checking" not in result.output


REGEX_PROBE = r"""
import json, sys
import regex
from factcheck import regex_cache
regex_cache.install()
patterns = [
    (r"(?ix)\m(?P<month>january|february|march)\s+(?P<day>\d{1,2})\M", 0),
    (r"(?<![\w'’-])(?:González|Gonzales|Straße)(?![\w-])", regex.IGNORECASE | regex.V1),
    (r"(?P<n>\d+(?:\.\d+)?)\s?(?:%|per\s?cent)", 0),
]
texts = ["On March 4 and JANUARY 12.", "GONZÁLEZ, gonzales, STRASSE and straße", "Up 4.5 per cent, then 12%."]
import re
stdlib_patterns = [
    (r"(?x) (?P<month>January|February) \s+ (?P<day>\d{1,2}) (?:st|nd|rd|th)?", re.IGNORECASE),
    (r"(?<![A-Za-z'’])[a-z][A-Za-z]*(?:['’][A-Za-z]+)*", 0),
    (r"(\d+)(?:[.,](\d+))?\s*(%|per cent)", re.ASCII),
    (r"[\x00-\x7f]+|(?P<other>[^\x00-\x7f])", 0),
]
out = []
for pattern, flags in patterns:
    compiled = regex.compile(pattern, flags)
    out.append([compiled.pattern, int(compiled.flags), sorted(compiled.groupindex.items()),
                [[m.span(), m.groupdict()] for text in texts for m in compiled.finditer(text)]])
for pattern, flags in stdlib_patterns:
    compiled = re.compile(pattern, flags)
    fresh = re._compile(pattern, flags)  # re's own path, which install() does not touch
    assert compiled == fresh and compiled.groups == fresh.groups  # Pattern equality compares the compiled code
    out.append([compiled.pattern, int(compiled.flags), compiled.groups, sorted(compiled.groupindex.items()),
                [[m.span(), m.groups(), m.groupdict()] for text in texts for m in compiled.finditer(text)]])
stored = regex_cache._state.get("stored", {})
print(json.dumps({"results": out, "hits": sum(1 for key in stored if key[0] != "re"),
                  "re_hits": sum(1 for key in stored if key[0] == "re" and key[1] in dict(stdlib_patterns))}))
"""


def _probe(tmp_path: Path, **extra_env: str) -> dict[str, object]:
    env = {key: value for key, value in os.environ.items() if key not in ("FACTCHECK_NO_CACHE", "FACTCHECK_CACHE_DIR")}
    env.update(XDG_CACHE_HOME=str(tmp_path / "xdg"), **extra_env)
    done = subprocess.run([sys.executable, "-c", REGEX_PROBE], capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_patterns_rebuilt_from_the_regex_cache_match_exactly_like_fresh_ones(tmp_path: Path) -> None:
    fresh = _probe(tmp_path, FACTCHECK_NO_CACHE="1")
    first = _probe(tmp_path)
    assert list((tmp_path / "xdg" / "factcheck").glob("regex-*.marshal")), "the first run stores the cache"
    cached = _probe(tmp_path)
    assert cached["hits"] == 3, "the second run finds all three patterns"
    assert cached["re_hits"] == 4, "and the four standard-library ones"
    assert fresh["results"] == first["results"] == cached["results"]
    assert any(spans for *_, spans in cached["results"])  # type: ignore[union-attr]


def test_a_corrupt_regex_cache_is_ignored(tmp_path: Path) -> None:
    _probe(tmp_path)
    for entry in (tmp_path / "xdg" / "factcheck").glob("regex-*.marshal"):
        entry.write_bytes(b"\x00garbage")
    assert _probe(tmp_path)["results"] == _probe(tmp_path, FACTCHECK_NO_CACHE="1")["results"]


@given(st.text(alphabet=" \t\n\u00a0\u2003x9%-", max_size=30), st.integers(min_value=0, max_value=30))
def test_previous_visible_character_without_copying_the_prefix(text: str, offset: int) -> None:
    from factcheck.extract.numbers import _previous_visible

    offset = min(offset, len(text))
    assert _previous_visible(text, offset) == text[:offset].rstrip()[-1:]


def test_front_matter_through_libyaml_never_crashes_on_text_it_cannot_encode() -> None:
    from factcheck.document import from_text

    document = from_text("---\ntitle: \ud800\n---\nThe council met.\n", path="a.md")
    assert document.front_matter == {}
    assert document.prose.strip() == "The council met."


def _token_stream(md: object, text: str) -> list[tuple]:
    from markdown_it.token import Token

    def flat(tokens: list[Token]) -> list[tuple]:
        return [(t.type, t.tag, t.content, t.markup, t.map, str(t.meta), flat(t.children or [])) for t in tokens]

    return flat(md.parse(text, {}))  # type: ignore[attr-defined]


def _stock_inline(md: Any) -> Any:
    """``md`` with markdown-it's own inline parsing: its terminator set, its core inline rule."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import inline

    md.inline.terminator_re = MarkdownIt().inline.terminator_re
    md.core.ruler.at("inline", inline)
    return md


PUNCTUATION_HEAVY = st.text(alphabet="ab 1\n-%:$#+=@{}[]()!*_~`<>&^\\/.\"'", max_size=120)


@given(PUNCTUATION_HEAVY)
def test_fewer_text_terminators_and_plain_text_shortcut_parse_exactly_like_markdown_its_own(text: str) -> None:
    """The text rule stops only where an enabled inline rule can start, and
    plain content skips the inline parser; with markdown-it's full terminator
    set and its own core rule every token (spans included) is the same."""
    from factcheck.parsing.markdown import markdown_parser

    ours = markdown_parser()
    stock = _stock_inline(markdown_parser.__wrapped__())  # a second, uncached parser
    assert ours.inline.terminator_re.pattern != stock.inline.terminator_re.pattern
    assert _token_stream(ours, text) == _token_stream(stock, text)


def test_fewer_text_terminators_and_plain_text_shortcut_on_every_fixture() -> None:
    from factcheck.parsing.markdown import markdown_parser

    stock = _stock_inline(markdown_parser.__wrapped__())
    files = [p for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".md", ".txt")]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _token_stream(markdown_parser(), text) == _token_stream(stock, text), path
