"""What ``factcheck rules`` does: list, show, test and start rules.

A newsroom's rules are YAML files (README: "Write your own rules"). These
functions let an editor see which rules are active and where each comes from,
read one, start a new one from a commented template, and test-drive rules in
CI: every rule carries examples of text it must and must not flag, and fixture
articles can carry ``<!-- expect: rule-id -->`` annotations. Misses and false
alarms are reported separately, as Semgrep does, because they call for
different fixes (a missed case wants a wider pattern; a false alarm, a
narrower one or an exception).

Rule text (ids, messages, descriptions, examples) is written by users: it is
printed as ``rich.text.Text`` or rendered Markdown, never as rich markup.
The click wiring is in :mod:`factcheck.commands.rules`.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
import yaml
from rich.console import Console, Group
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from factcheck.checks import available_kinds, load_kind
from factcheck.document import CHECKED_SUFFIXES
from factcheck.errors import ConfigError
from factcheck.params import did_you_mean
from factcheck.report import RenderOptions, printable
from factcheck.report.rich import make_console
from factcheck.rules import Rule, RuleSet, load_rules, rule_files
from factcheck.ruletest import Outcome, fixture_annotations, run_example, run_fixture

TEMPLATES_DIR = Path(__file__).resolve().parent / "rule_templates"
RULE_SUFFIXES = (".yaml", ".yml")
_ID_LINE = regex.compile(r"(?m)^id:[^\n]*$")
_DOCUMENT_SEPARATOR = regex.compile(r"(?m)^---[ \t]*$")
_RULE_ID = regex.compile(r"[a-z0-9][a-z0-9._-]*")


def console_for(color: str) -> Console:
    return make_console(sys.stdout, RenderOptions(color=color))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# ── which rules ──────────────────────────────────────────────────────────────


def active_rules(
    extra_paths: Sequence[str],
    no_builtin: bool,
    config_file: str | None = None,
    isolated: bool = False,
    *,
    also: Sequence[str] = (),
) -> RuleSet:
    """The rules ``factcheck check`` would run with the same options: built-in, then the
    config's ``rules:`` (``--rules`` replaces them, as in ``check``), then ``also``;
    with the config's select/ignore and per-rule severity and params applied."""
    # The workflow area owns config discovery and merging.
    from factcheck.config import resolve

    settings = resolve({"rules": tuple(extra_paths)}, config_file=config_file, isolated=isolated)
    configured = [str(p) for p in settings["rules"]]
    already = {file.resolve() for path in configured for file in rule_files(Path(path))}
    added = [path for path in also if Path(path).resolve() not in already]  # testing a configured pack
    return settings.apply_to_rules(load_rules([*configured, *added], builtin=not no_builtin))


def source_of(rule: Rule) -> str:
    """``built-in x.yaml``, or ``path:line`` (relative to the working directory when below it)."""
    if rule.builtin:
        return f"built-in {Path(rule.source).name}"
    path = Path(rule.source)
    try:
        shown = str(path.resolve().relative_to(Path.cwd().resolve())) if path.is_absolute() else rule.source
    except ValueError:
        shown = rule.source
    return f"{shown}:{rule.line}"


# ── list ─────────────────────────────────────────────────────────────────────


def rules_table(rules: RuleSet) -> Table:
    table = Table(title=f"{_plural(len(rules), 'active rule')}", title_justify="left")
    # Ids and kinds are what users type into --select: never break them; the
    # source path is the column that may fold on a narrow terminal.
    for column in ("id", "kind", "severity"):
        table.add_column(column, no_wrap=True)
    table.add_column("source", overflow="fold")
    for rule in rules:
        table.add_row(Text(printable(rule.id)), Text(rule.kind), Text(str(rule.severity)), Text(printable(source_of(rule))))
    return table


# ── show ─────────────────────────────────────────────────────────────────────


def _plain(value: Any) -> Any:
    """Params as YAML-friendly values (tuples → lists)."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def params_yaml(params: Any) -> str:
    """The rule's effective params (defaults included), as YAML a user could paste."""
    if not dataclasses.is_dataclass(params):
        return ""
    own = vars(type(params)).get("__annotations__", {})  # the kind's own params before shared options
    fields = sorted((f for f in dataclasses.fields(params) if f.init), key=lambda f: f.name not in own)
    values = {f.name: _plain(getattr(params, f.name)) for f in fields}
    return yaml.safe_dump(values, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)


def numbered(text: str) -> Text:
    """Example text with line numbers, so ``line: N`` in an expectation can be read off."""
    out = Text()
    for number, line in enumerate(text.split("\n"), start=1):
        out.append("\n" if number > 1 else "")
        out.append(f"    {number:>3} │ ", "dim")
        out.append(printable(line))
    return out


def rule_view(rule: Rule) -> Group:
    head = Text()
    head.append(printable(rule.id), "bold")
    head.append(f"  {rule.kind} · {rule.severity} · {printable(source_of(rule))}\n", "dim")
    head.append("message: ", "bold")
    head.append(printable(rule.message))
    parts: list[Any] = [head]
    if rule.description:
        parts.append(Markdown(printable(rule.description)))
    parts.append(Text("params:", "bold"))
    parts.append(Text(printable(params_yaml(rule.params)).rstrip() or "(none)"))
    parts.append(Text(f"examples ({len(rule.examples)}):", "bold"))
    for index, example in enumerate(rule.examples, start=1):
        label = Text(f"  {index}. ")
        if example.expect:
            label.append("must flag ", "bold red")
            label.append(printable(", ".join(f"line {e.line}: {e.match!r}" for e in example.expect)))
        else:
            label.append("must not flag", "bold green")
        extras = [f"{key}: {value}" for key, value in (("date", example.date), ("path", example.path)) if value]
        if extras:
            label.append(f"  ({printable(', '.join(extras))})", "dim")
        parts.append(label)
        parts.append(numbered(example.text))
    return Group(*parts)


def show(rule_id: str, rules: RuleSet, console: Console) -> None:
    """A rule by id; or, given a kind's name, that kind's own documentation."""
    rule = rules.get(rule_id)
    if rule is not None:
        console.print(rule_view(rule))
        return
    if rule_id in available_kinds():
        console.print(Markdown(printable(load_kind(rule_id).__doc__ or "")))
        return
    raise ConfigError(f"no rule or kind named {rule_id!r}{did_you_mean(rule_id, [*rules.ids, *available_kinds()])}")


# ── test ─────────────────────────────────────────────────────────────────────


def _is_fixture(path: Path) -> bool:
    """An article with at least one ``<!-- expect: -->``-style annotation (so a README
    next to the rules is not mistaken for a fixture)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
        marks = fixture_annotations(text)  # type: ignore[operator]  # mypy takes the name for __future__.annotations
    except OSError:
        return False
    return any(marks.values())


def split_paths(paths: Iterable[str]) -> tuple[list[Path], list[Path]]:
    """Rule files and fixture articles named by PATHs. In a directory, every
    ``*.yaml``/``*.yml`` is a rule file and every article carrying an annotation a
    fixture; a file named on its own is a fixture if it has an article's suffix."""
    rule_paths: list[Path] = []
    fixtures: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file())
            rule_paths.extend(p for p in found if p.suffix in RULE_SUFFIXES)
            fixtures.extend(p for p in found if p.suffix.lower() in CHECKED_SUFFIXES and _is_fixture(p))
        elif path.is_file() and path.suffix.lower() in CHECKED_SUFFIXES:
            fixtures.append(path)
        elif path.is_file():
            rule_paths.append(path)
        else:
            raise ConfigError("no such rule file, fixture or directory", raw)
    return rule_paths, fixtures


def expected_and_found(rule: Rule, outcome: Outcome, index: int) -> tuple[list[str], list[str]]:
    """Both sides of an example's diff, in the ``line N: 'match'`` form outcomes use."""
    expected = [f"line {e.line}: {e.match!r}" for e in rule.examples[index].expect]
    missing = Counter(outcome.missed)
    found = []
    for item in expected:
        if missing[item]:
            missing[item] -= 1
        else:
            found.append(item)
    return expected, found + outcome.unexpected


def render_failure(console: Console, outcome: Outcome, text: str | None, sides: tuple[list[str], list[str]] | None) -> None:
    console.print(Text("FAIL ", "bold red") + Text(printable(outcome.name), "bold"))
    if text is not None:
        console.print(numbered(text))
    for error in outcome.errors:
        console.print(Text("    error: ", "bold red") + Text(printable(error)))
    if outcome.missed:
        console.print(Text("    missed (expected, not found):", "red"))
        for item in outcome.missed:
            console.print(Text("      - ", "red") + Text(printable(item)))
    if outcome.unexpected:
        console.print(Text("    false alarms (found, not expected):", "yellow"))
        for item in outcome.unexpected:
            console.print(Text("      + ", "yellow") + Text(printable(item)))
    if sides is not None:
        expected, found = sides
        console.print(Text("    expected: ", "dim") + Text(printable(", ".join(expected) or "nothing")))
        console.print(Text("    found:    ", "dim") + Text(printable(", ".join(found) or "nothing")))


@dataclass
class TestRun:
    """Counts for the summary line and the exit code."""

    examples: int = 0
    fixtures: int = 0
    rules: int = 0
    failed: int = 0
    missed: int = 0
    false_alarms: int = 0
    errors: int = 0

    def record(self, outcome: Outcome) -> None:
        if outcome.ok:
            return
        self.failed += 1
        self.missed += len(outcome.missed)
        self.false_alarms += len(outcome.unexpected)
        self.errors += bool(outcome.errors)

    @property
    def exit_code(self) -> int:
        return 2 if self.errors else 1 if self.failed else 0

    def summary(self) -> Text:
        text = Text(f"{_plural(self.examples, 'example')} of {_plural(self.rules, 'rule')}")
        if self.fixtures:
            text.append(f", {_plural(self.fixtures, 'fixture')}")
        if not self.failed:
            return text.append(": all passed", "bold green")
        text.append(f": {self.failed} failed", "bold red")
        text.append(f" ({self.missed} missed, {_plural(self.false_alarms, 'false alarm')}")
        return text.append(f", {self.errors} with errors)" if self.errors else ")")


def run_tests(under_test: Sequence[Rule], fixtures: Sequence[Path], rules: RuleSet, console: Console, verbose: bool) -> TestRun:
    """Every example of ``under_test``; every fixture against all active ``rules``."""
    run = TestRun(rules=len(under_test), fixtures=len(fixtures))
    for rule in under_test:
        for index, example in enumerate(rule.examples):
            run.examples += 1
            outcome = run_example(rule, example, index)
            run.record(outcome)
            if not outcome.ok:
                render_failure(console, outcome, example.text, expected_and_found(rule, outcome, index))
            elif verbose:
                console.print(Text("ok   ", "green") + Text(printable(outcome.name)))
    for fixture in fixtures:
        outcome = run_fixture(fixture, rules, str(fixture))
        run.record(outcome)
        if not outcome.ok:
            render_failure(console, outcome, None, None)
        elif verbose:
            console.print(Text("ok   ", "green") + Text(printable(outcome.name)))
    for rule in under_test:
        if not rule.examples:
            console.print(Text("note ", "yellow") + Text(f"rule {printable(rule.id)} has no examples, so it was not tested"))
    console.print(run.summary())
    return run


def rules_under_test(rules: RuleSet, own_rule_files: Sequence[Path], paths_given: bool) -> list[Rule]:
    """The rules from the given files, or every active rule when no PATH was given."""
    if not paths_given:
        return list(rules)
    own = {file.resolve() for file in own_rule_files}
    return [rule for rule in rules if Path(rule.source).resolve() in own]


# ── new ──────────────────────────────────────────────────────────────────────


def _builtin_rule_text(kind: str) -> str | None:
    """The YAML of the first built-in rule of ``kind``, as written (comments kept)."""
    for rule in load_rules(builtin=True):
        if rule.kind != kind:
            continue
        text = Path(rule.source).read_text(encoding="utf-8")
        starts = [0, *(m.end() + 1 for m in _DOCUMENT_SEPARATOR.finditer(text))]
        for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
            first_line = text.count("\n", 0, begin) + 1
            last_line = text.count("\n", 0, end) + 1
            if first_line <= rule.line <= last_line:
                return _DOCUMENT_SEPARATOR.sub("", text[begin:end]).rstrip() + "\n"
    return None


def template_for(kind: str, rule_id: str) -> str:
    """A commented rule file for ``kind`` whose examples pass ``factcheck rules test``.

    The generic kinds have hand-written templates (``rule_templates/``); any
    other kind starts from its built-in rule, whose examples already pass.
    """
    kinds = available_kinds()
    if kind not in kinds:
        raise ConfigError(f"unknown kind {kind!r}{did_you_mean(kind, kinds)}; available kinds: {', '.join(kinds)}")
    if not _RULE_ID.fullmatch(rule_id):
        raise ConfigError(f"rule id {rule_id!r} must be lower case letters, digits, '-', '_' or '.'")
    template = TEMPLATES_DIR / f"{kind}.yaml"
    if template.is_file():
        return template.read_text(encoding="utf-8").replace("__ID__", rule_id)
    builtin = _builtin_rule_text(kind)
    if builtin is None:
        raise ConfigError(f"no template for kind {kind!r} yet; `factcheck rules show {kind}` lists its parameters")
    header = (
        f"# A factcheck rule of kind {kind!r}, started from the built-in rule of that kind.\n"
        "# Change the params and the examples to fit your house style, then run:\n"
        "#   factcheck rules test THIS-FILE.yaml\n"
        f"# `factcheck rules show {kind}` explains every parameter.\n\n"
    )
    return header + _ID_LINE.sub(f"id: {rule_id}", builtin, count=1)
