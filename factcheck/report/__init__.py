"""Reporters: one module per output format, each with ``render(report, stream, options)``.

Article text reaches terminals through :func:`printable`, so control
characters and escape sequences in a document are shown, never obeyed.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.findings import Finding
    from factcheck.rules import RuleSet

FORMATS: dict[str, str] = {
    "rich": "factcheck.report.rich",
    "concise": "factcheck.report.concise",
    "json": "factcheck.report.json",
    "sarif": "factcheck.report.sarif",
    "github": "factcheck.report.github",
    "junit": "factcheck.report.junit",
}

# stdlib re (a plain character class): the CLI imports this module, and `factcheck
# --version` should not pay ~8 ms for the regex module.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Show control characters (ESC, CR, bidi overrides…) as visible escapes."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def one_line(text: str) -> str:
    """``printable``, and a line break shown as ``\\n``: for what must stay on its
    line (a path or message in concise output, a path in a header), since a file
    may be named "a\\nb.md" and a line-oriented reader would take its second half
    for a record of its own."""
    return printable(text).replace("\n", "\\n")


@dataclass
class Report:
    """Everything a reporter may print: sorted findings, counts, the rules that ran."""

    findings: list[Finding]
    files: int
    rules: RuleSet
    errors: list[tuple[str, str]] = field(default_factory=list)
    context: dict[str, dict[int, str]] = field(default_factory=dict)  # path → line → text
    paths: list[str] = field(default_factory=list)  # every file checked, clean ones too (JUnit lists them)

    def counts(self) -> Counter[str]:
        return Counter(str(f.severity) for f in self.findings)

    def summary(self) -> dict[str, int]:
        counts = self.counts()
        return {
            "files": self.files,
            "findings": len(self.findings),
            "error": counts.get("error", 0),
            "warning": counts.get("warning", 0),
            "info": counts.get("info", 0),
        }


@dataclass(frozen=True)
class RenderOptions:
    color: str = "auto"  # auto | always | never
    quiet: bool = False


def reporter(name: str) -> ModuleType:
    return importlib.import_module(FORMATS[name])
