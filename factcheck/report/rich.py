"""Rich terminal output: the line of text with the span underlined, then a summary.

All document text enters as ``rich.text.Text`` (never markup), after
:func:`printable`, so ``[bold]`` in an article is printed as written.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.findings import Finding, Severity
from factcheck.report import RenderOptions, Report, one_line, printable

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}
CONTEXT = 48


def make_console(stream: TextIO, options: RenderOptions) -> Console:
    return Console(
        file=stream,
        force_terminal=True if options.color == "always" else None,
        no_color=options.color == "never" or None,
        color_system=None if options.color == "never" else "auto",
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
    )


def _excerpt(line: str, start: int, end: int) -> tuple[str, int, int]:
    """A window of a long line around [start, end), with ellipses where cut."""
    end = max(end, start + 1) if start < len(line) else end
    left = max(0, start - CONTEXT)
    right = min(len(line), max(end, start) + CONTEXT)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    shown = printable(line[left:start]), printable(line[start:end]), printable(line[end:right])
    text = prefix + "".join(shown) + suffix
    span_start = len(prefix) + len(shown[0])
    return text, span_start, span_start + len(shown[1])


def render_finding(finding: Finding, source_line: str | None) -> Text:
    style = SEVERITY_STYLE[finding.severity]
    out = Text()
    out.append(one_line(finding.path), "bold")
    out.append(f":{finding.line}:{finding.column}", "dim")
    out.append("  ")
    out.append(str(finding.severity), style)
    out.append("  ")
    out.append(finding.rule, "cyan")
    out.append("\n  ")
    out.append(printable(finding.message))
    if finding.suggestion:
        out.append("\n  suggestion: ", "dim")
        out.append(printable(finding.suggestion), "green")
    if source_line is not None:
        end = finding.end_column - 1 if finding.end_line == finding.line else len(source_line)
        text, start, stop = _excerpt(source_line, finding.column - 1, end)
        gutter = f"{finding.line:>5} │ "
        out.append("\n")
        out.append(gutter, "dim")
        snippet = Text(text)
        snippet.stylize("bold underline", start, stop)
        out.append_text(snippet)
        out.append("\n")
        out.append(" " * (len(gutter) - 2) + "│ ", "dim")
        out.append(" " * cell_len(text[:start]))
        out.append("^" * max(1, cell_len(text[start:stop])), style)
    return out


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    console = make_console(stream, options)
    for finding in report.findings:
        line = report.context.get(finding.path, {}).get(finding.line)
        console.print(render_finding(finding, line))
        console.print()
    if options.quiet:
        return
    summary = report.summary()
    if report.findings:
        per_rule = Counter((f.rule, f.severity) for f in report.findings)
        table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
        table.add_column("rule")
        table.add_column("severity")
        table.add_column("findings", justify="right")
        for (rule, severity), count in sorted(per_rule.items()):
            table.add_row(Text(rule, "cyan"), Text(str(severity), SEVERITY_STYLE[severity]), str(count))
        console.print(table)
    files = "file" if summary["files"] == 1 else "files"
    if summary["findings"]:
        closing = Text(f"{summary['findings']} finding{'s' if summary['findings'] != 1 else ''} in {summary['files']} {files}: ")
        closing.append(f"{summary['error']} error", SEVERITY_STYLE[Severity.ERROR])
        closing.append(", ")
        closing.append(f"{summary['warning']} warning", SEVERITY_STYLE[Severity.WARNING])
        closing.append(", ")
        closing.append(f"{summary['info']} info", SEVERITY_STYLE[Severity.INFO])
    else:
        closing = Text(f"No findings in {summary['files']} {files}.", "green")
    console.print(closing)
