"""Run rules against the examples they carry, and fixture articles against their annotations.

Used by ``factcheck rules test`` and by the test suite, so a style desk and
this project test rules the same way. Misses (expected, not found) and false
alarms (found, not expected) are reported separately, as Semgrep does.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import regex

from factcheck.document import from_text
from factcheck.engine import run_rules
from factcheck.findings import Finding
from factcheck.rules import Example, Rule, RuleSet

_ANNOTATION = regex.compile(r"<!--\s*(?P<tag>expect|todo-expect|todo-ok):\s*(?P<ids>[^>]*?)\s*-->")


@dataclass
class Outcome:
    """The result of one example or one fixture file."""

    name: str
    missed: list[str] = field(default_factory=list)  # expected, not found
    unexpected: list[str] = field(default_factory=list)  # found, not expected
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missed or self.unexpected or self.errors)


def run_example(rule: Rule, example: Example, index: int) -> Outcome:
    date = dt.date.fromisoformat(example.date) if example.date else None
    document = from_text(example.text, path=example.path or "example.md", date=date)
    found, errors = run_rules(document, [rule])
    outcome = Outcome(f"{rule.id} example {index + 1} ({rule.source}:{example.line})", errors=errors)
    got = [(f.line, f.match, f.column) for f in found]
    remaining = list(got)
    for expectation in example.expect:
        hit = next(
            (
                g
                for g in remaining
                if g[0] == expectation.line
                and g[1] == expectation.match
                and (expectation.column is None or g[2] == expectation.column)
            ),
            None,
        )
        if hit is None:
            outcome.missed.append(f"line {expectation.line}: {expectation.match!r}")
        else:
            remaining.remove(hit)
    outcome.unexpected.extend(f"line {line}: {match!r}" for line, match, _ in remaining)
    outcome.errors.extend(_unfilled_fields(rule, found))
    return outcome


def _unfilled_fields(rule: Rule, found: Iterable[Finding]) -> list[str]:
    """Message fields the kind never passes: ``{nosuch}`` is printed as written
    (a typo must not crash a run), so only an example can catch it."""
    names = {name for _, name, _, _ in string.Formatter().parse(rule.message) if name}
    for finding in found:
        unfilled = sorted(name for name in names if "{" + name + "}" in finding.message)
        if unfilled:
            fields = ", ".join("{" + name + "}" for name in unfilled)
            return [f"rule {rule.id}: message field {fields} is not filled by kind {rule.kind} (line {finding.line} reads {finding.message!r})"]
    return []


def run_rule_examples(rules: Iterable[Rule]) -> list[Outcome]:
    return [run_example(rule, example, i) for rule in rules for i, example in enumerate(rule.examples)]


def fixture_annotations(text: str) -> dict[str, dict[int, set[str]]]:
    """``{tag: {line: {rule ids}}}`` from ``<!-- expect: id, id -->`` comments."""
    found: dict[str, dict[int, set[str]]] = {"expect": {}, "todo-expect": {}, "todo-ok": {}}
    for line_no, line in enumerate(text.splitlines(), start=1):
        for match in _ANNOTATION.finditer(line):
            ids = {part.strip() for part in match["ids"].split(",") if part.strip()}
            found[match["tag"]].setdefault(line_no, set()).update(ids)
    return found


def run_fixture(path: Path, rules: RuleSet, display: str | None = None) -> Outcome:
    """Check a fixture article: every finding must be annotated, every annotation found.

    ``todo-expect`` records a known miss and ``todo-ok`` a known false alarm:
    they do not fail, so precision debt stays visible without blocking.
    """
    text = path.read_text(encoding="utf-8")
    outcome = Outcome(display or str(path))
    marks = fixture_annotations(text)
    known = set(rules.ids) | {r.kind for r in rules}
    for tag, lines in marks.items():
        for line, ids in lines.items():
            for rule_id in sorted(ids - known):
                outcome.errors.append(f"line {line}: {tag} names unknown rule {rule_id!r}")
    document = from_text(text, path=str(path))
    findings, errors = run_rules(document, rules)
    outcome.errors.extend(errors)
    found: dict[int, set[str]] = {}
    for f in findings:
        found.setdefault(f.line, set()).update({f.rule, f.kind})
    for line, ids in sorted(marks["expect"].items()):
        for rule_id in sorted(ids):
            if rule_id not in found.get(line, set()):
                outcome.missed.append(f"line {line}: expected {rule_id}")
    for f in findings:
        expected = marks["expect"].get(f.line, set()) | marks["todo-ok"].get(f.line, set())
        if f.rule not in expected and f.kind not in expected:
            outcome.unexpected.append(f"line {f.line}:{f.column}: {f.rule} {f.match!r}: {f.message}")
    return outcome
