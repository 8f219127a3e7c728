"""Findings and severities: what every check produces and every reporter prints."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """Ordered so that ``severity >= fail_on`` decides the exit code."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=False)
class Finding:
    """One problem at one span of one document.

    ``line``/``column`` are 1-based, columns count characters (not bytes),
    ``end_column`` is exclusive, and ``match`` is exactly the document text
    between the two positions, so a reader (or a test) can always find it.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    kind: str
    severity: Severity
    message: str
    match: str
    suggestion: str | None = None
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str, int, int, str]:
        return (self.path, self.line, self.column, self.rule, self.end_line, self.end_column, self.message)

    def to_json(self) -> dict[str, object]:
        """The JSON contract (docs/output.md): keys and meanings never change."""
        data: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "kind": self.kind,
            "severity": str(self.severity),
            "message": self.message,
            "match": self.match,
        }
        if self.suggestion is not None:
            data["suggestion"] = self.suggestion
        return data


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Stable output order: path, line, column, rule (then the rest, for ties)."""
    return sorted(findings, key=lambda f: f.sort_key)
