"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

``::warning file=a.md,line=3,endLine=3,col=5,endColumn=9,title=factcheck (rule)::message``.
GitHub parses these lines itself, so everything from the article or a rule
is escaped as its runner requires: ``%``, CR and LF in the message, and also
``:`` and ``,`` in property values (a file name with a comma would otherwise
end the property early). Nothing else is printed: a summary line would be
noise in the annotations view, and ``--output`` prints one anyway.
"""

from __future__ import annotations

import os
from typing import TextIO

from factcheck.findings import Severity
from factcheck.report import RenderOptions, Report

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """The message part (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property: the data escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_path(path: str) -> str:
    """``./news/a.md`` → ``news/a.md``: GitHub matches annotations to the repository's own paths."""
    return path if path == "-" or os.path.isabs(path) else os.path.normpath(path)


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    for f in report.findings:
        properties = {
            "file": workspace_path(f.path),
            "line": str(f.line),
            "endLine": str(f.end_line),
            "col": str(f.column),
            "endColumn": str(f.end_column),
            "title": f"factcheck ({f.rule})",
        }
        joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
        stream.write(f"::{COMMAND[f.severity]} {joined}::{escape_data(f.message)}\n")
    for path, error in report.errors:
        stream.write(f"::error file={escape_property(workspace_path(path))},title=factcheck::{escape_data(error)}\n")
