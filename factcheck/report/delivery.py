"""Where a report goes: the terminal, a file (``--output``), or counts per rule (``--statistics``).

Kept apart from the formats so each ``report/<format>.py`` only renders, and
the CLI only picks: a CI job writes SARIF or JUnit to a file and still shows
the one-line summary in its log.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

from factcheck.errors import ConfigError
from factcheck.report import RenderOptions, Report, printable, reporter


def summary_line(report: Report) -> str:
    """``3 findings (1 error, 2 warning, 0 info) in 2 files``: the same words as the concise format."""
    s = report.summary()
    noun = "finding" if s["findings"] == 1 else "findings"
    files = "file" if s["files"] == 1 else "files"
    return f"{s['findings']} {noun} ({s['error']} error, {s['warning']} warning, {s['info']} info) in {s['files']} {files}"


def render_statistics(report: Report, stream: TextIO) -> None:
    """Counts per rule, most frequent first (ruff's ``--statistics``): which rule to tune or fix first."""
    counts = Counter((f.rule, str(f.severity)) for f in report.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(str(count)) for _, count in rows), default=1)
    rule_width = max((len(rule) for (rule, _), _ in rows), default=0)
    for (rule, severity), count in rows:
        stream.write(f"{count:>{width}}  {rule:<{rule_width}}  {severity}\n")


def deliver(
    report: Report,
    output_format: str,
    options: RenderOptions,
    *,
    output: str | None = None,
    statistics: bool = False,
    stream: TextIO | None = None,
) -> None:
    """Render ``report``; with ``output`` to that file, leaving the terminal the summary.

    With ``statistics`` the terminal gets counts per rule instead of each
    finding (the file, if any, still gets the full report).
    """
    out = stream or sys.stdout
    if output is not None:
        try:
            # surrogateescape: a file name that is not UTF-8 is written as its
            # own bytes, as a shell redirect of standard output writes it.
            with Path(output).open("w", encoding="utf-8", errors="surrogateescape", newline="\n") as file:
                reporter(output_format).render(report, file, RenderOptions(color="never", quiet=options.quiet))
        except OSError as error:
            raise ConfigError(f"cannot write the report: {error.strerror or error}", output) from None
    elif not statistics:
        reporter(output_format).render(report, out, options)
    if statistics:
        render_statistics(report, out)
    if (output is not None or statistics) and not options.quiet:
        where = f"; report written to {printable(output)}" if output is not None else ""
        out.write(summary_line(report) + where + "\n")
    out.flush()
