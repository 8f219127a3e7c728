"""Inline suppression comments, as editors write them in the article itself.

``<!-- factcheck-disable RULE[, RULE] -->`` … ``<!-- factcheck-enable RULE -->``
silences a passage, ``<!-- factcheck-disable-next-line RULE -->`` one line;
without rule ids they apply to every rule. Plain-text and HTML files use the
same comment text.

A suppression that silences nothing is dead weight that hides the next real
finding on that line, so :func:`unused_suppressions` reports it (``factcheck
check --report-unused-suppressions``, like ruff's RUF100).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from factcheck.findings import Finding, Severity

if TYPE_CHECKING:
    from factcheck.document import Document

_COMMENT = regex.compile(
    r"<!--\s*factcheck-(?P<action>disable-next-line|disable|enable)\b(?P<rules>[^>]*?)\s*-->"
)
ALL = "*"
UNUSED_RULE_ID = "unused-suppression"
UNUSED_KIND = "suppression"
UNUSED_MESSAGE = "Unused suppression: no finding of {names} here to silence; remove the comment"
UNUSED_DESCRIPTION = """\
## What it does
Reports a `factcheck-disable` or `factcheck-disable-next-line` comment that silences no finding
(with `--report-unused-suppressions`).

## Why is this bad?
A stale suppression outlives the sentence it was written for and silently hides the next real
problem on that line or passage.

## Example
`<!-- factcheck-disable-next-line name-variants -->` above a line that no longer has a variant.

## Use instead
Delete the comment, or name the rule that actually fires."""


@dataclass(frozen=True)
class Suppression:
    """One comment's effect: rules silenced on lines ``first``..``last`` (inclusive)."""

    rules: frozenset[str]
    first: int
    last: int
    line: int  # where the comment is
    column: int
    text: str
    start: int = 0  # offsets of the comment in document.text
    end: int = 0

    def matched_name(self, finding: Finding) -> str | None:
        """The name in this suppression that silences ``finding`` (ALL, the rule id or its kind)."""
        if not self.first <= finding.line <= self.last:
            return None
        for name in (ALL, finding.rule, finding.kind):
            if name in self.rules:
                return name
        return None

    def covers(self, finding: Finding) -> bool:
        return self.matched_name(finding) is not None


def suppressions(document: Document) -> tuple[Suppression, ...]:
    """Every suppression in the document (use via ``document.fact``)."""
    if "factcheck-" not in document.text:
        return ()
    found: list[Suppression] = []
    open_: dict[str, tuple[int, int, regex.Match[str]]] = {}
    last_line = len(document.line_starts)
    code_starts = [start for start, _ in document.code_spans]
    for match in _COMMENT.finditer(document.text):
        if _in_code(match.start(), code_starts, document.code_spans):
            continue  # a style guide showing the comment in `code` must not obey it
        names = frozenset(n for n in regex.split(r"[\s,]+", match["rules"].strip()) if n) or frozenset({ALL})
        line, column = document.position(match.start())
        action = match["action"]
        if action == "disable-next-line":
            found.append(Suppression(names, line + 1, line + 1, line, column, match.group(), match.start(), match.end()))
        elif action == "disable":
            for name in names:
                open_.setdefault(name, (line, column, match))
        else:
            closing = list(open_) if ALL in names else [n for n in names]
            for name in closing:
                if name in open_:
                    start_line, start_col, opened = open_.pop(name)
                    found.append(_range(name, start_line, line, start_col, opened))
    for name, (start_line, start_col, opened) in open_.items():
        found.append(_range(name, start_line, last_line, start_col, opened))
    return tuple(found)


def _in_code(offset: int, starts: list[int], spans: tuple[tuple[int, int], ...]) -> bool:
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < spans[index][1]


def _range(name: str, first: int, last: int, column: int, opened: regex.Match[str]) -> Suppression:
    return Suppression(frozenset({name}), first, last, first, column, opened.group(), opened.start(), opened.end())


def is_suppressed(finding: Finding, active: tuple[Suppression, ...]) -> bool:
    return any(s.covers(finding) for s in active)


def unused_suppressions(
    document: Document,
    active: tuple[Suppression, ...],
    findings: Iterable[Finding],
    ran: Iterable[str],
) -> list[Finding]:
    """One finding per suppression comment that silenced none of ``findings``.

    ``findings`` are the document's findings before suppression; ``ran`` holds
    the ids and kinds of the rules that ran. A comment naming a rule that did
    not run (deselected, or from a rule pack not loaded here) is not judged:
    nothing can be said about what it would have silenced.
    """
    if not active:
        return []
    ran_names = set(ran)
    used: defaultdict[int, set[str]] = defaultdict(set)
    for finding in findings:
        for suppression in active:
            name = suppression.matched_name(finding)
            if name is not None:
                used[suppression.start].add(name)
    by_comment: dict[int, tuple[Suppression, set[str]]] = {}
    for suppression in active:
        _, names = by_comment.setdefault(suppression.start, (suppression, set()))
        names.update(suppression.rules)
    unused: list[Finding] = []
    for start, (suppression, names) in sorted(by_comment.items()):
        judged = {n for n in names if n == ALL or n in ran_names}
        idle = sorted(judged - used[start])
        if not idle or not ran_names:
            continue
        shown = "any rule" if idle == [ALL] else ", ".join(f"'{n}'" for n in idle)
        end_line, end_column = document.position(suppression.end)
        unused.append(
            Finding(
                path=document.path,
                line=suppression.line,
                column=suppression.column,
                end_line=end_line,
                end_column=end_column,
                rule=UNUSED_RULE_ID,
                kind=UNUSED_KIND,
                severity=Severity.WARNING,
                message=UNUSED_MESSAGE.format(names=shown),
                match=document.text[suppression.start : suppression.end],
                start=suppression.start,
                end=suppression.end,
            )
        )
    return unused
