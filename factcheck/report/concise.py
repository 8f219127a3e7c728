"""``path:line:col: severity [rule] message``: one line a finding, for grep and editors."""

from __future__ import annotations

from typing import TextIO

from factcheck.report import RenderOptions, Report, one_line


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    for f in report.findings:
        stream.write(f"{one_line(f.path)}:{f.line}:{f.column}: {f.severity} [{f.rule}] {one_line(f.message)}\n")
    if not options.quiet:
        s = report.summary()
        noun = "finding" if s["findings"] == 1 else "findings"
        files = "file" if s["files"] == 1 else "files"
        stream.write(
            f"{s['findings']} {noun} ({s['error']} error, {s['warning']} warning, {s['info']} info) in {s['files']} {files}\n"
        )
