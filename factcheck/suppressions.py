"""Inline suppression comments, as editors write them in the article itself.

``<!-- factcheck-disable RULE[, RULE] -->`` … ``<!-- factcheck-enable RULE -->``
silences a passage, ``<!-- factcheck-disable-next-line RULE -->`` one line;
without rule ids they apply to every rule. Plain-text and HTML files use the
same comment text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.findings import Finding

_COMMENT = regex.compile(
    r"<!--\s*factcheck-(?P<action>disable-next-line|disable|enable)\b(?P<rules>[^>]*?)\s*-->"
)
ALL = "*"


@dataclass(frozen=True)
class Suppression:
    """One comment's effect: rules silenced on lines ``first``..``last`` (inclusive)."""

    rules: frozenset[str]
    first: int
    last: int
    line: int  # where the comment is
    column: int
    text: str

    def covers(self, finding: Finding) -> bool:
        return self.first <= finding.line <= self.last and (
            ALL in self.rules or finding.rule in self.rules or finding.kind in self.rules
        )


def suppressions(document: Document) -> tuple[Suppression, ...]:
    """Every suppression in the document (use via ``document.fact``)."""
    if "factcheck-" not in document.text:
        return ()
    found: list[Suppression] = []
    open_: dict[str, tuple[int, int, str]] = {}
    last_line = len(document.line_starts)
    for match in _COMMENT.finditer(document.text):
        names = frozenset(n for n in regex.split(r"[\s,]+", match["rules"].strip()) if n) or frozenset({ALL})
        line, column = document.position(match.start())
        action = match["action"]
        if action == "disable-next-line":
            found.append(Suppression(names, line + 1, line + 1, line, column, match.group()))
        elif action == "disable":
            for name in names:
                open_.setdefault(name, (line, column, match.group()))
        else:
            closing = list(open_) if ALL in names else [n for n in names]
            for name in closing:
                if name in open_:
                    start_line, start_col, text = open_.pop(name)
                    found.append(Suppression(frozenset({name}), start_line, line, start_line, start_col, text))
    for name, (start_line, start_col, text) in open_.items():
        found.append(Suppression(frozenset({name}), start_line, last_line, start_line, start_col, text))
    return tuple(found)


def is_suppressed(finding: Finding, active: tuple[Suppression, ...]) -> bool:
    return any(s.covers(finding) for s in active)
