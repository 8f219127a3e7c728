"""JSON output: a contract other tools parse (docs/output.md). Keys never change meaning."""

from __future__ import annotations

import json
from typing import TextIO

from factcheck.report import RenderOptions, Report

JSON_VERSION = 1


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    payload = {
        "version": JSON_VERSION,
        "findings": [f.to_json() for f in report.findings],
        "summary": report.summary(),
    }
    json.dump(payload, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
