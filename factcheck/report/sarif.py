"""SARIF 2.1.0, the static-analysis format GitHub code scanning and other dashboards import.

One ``reportingDescriptor`` per rule that ran (id, a short description from
the first paragraph of "## What it does", the full description and help
from the rule's YAML ``description:``, its default level), and one
``result`` per finding with a physical location whose region is the exact
span (columns count Unicode code points, as ``columnKind`` says). A file
that could not be read is a tool execution notification, and
``executionSuccessful`` is false. The output validates against the OASIS
SARIF 2.1.0 JSON schema (tests/data/sarif-schema-2.1.0.json).
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

import regex

from factcheck import __version__
from factcheck.findings import Severity
from factcheck.report import RenderOptions, Report
from factcheck.suppressions import UNUSED_DESCRIPTION, UNUSED_KIND, UNUSED_MESSAGE, UNUSED_RULE_ID

if TYPE_CHECKING:
    from factcheck.rules import Rule

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SENTENCE_END = regex.compile(r"(?<=[a-z0-9)\]`'\"][.!?])\s+(?=[A-Z(\"`])")
_WHAT_IT_DOES = regex.compile(r"##\s*What it does\s*\n+(?P<text>.+?)(?:\n\s*\n|\n##|\Z)", regex.S)


def short_description(description: str, fallback: str) -> str:
    """The first sentence of "## What it does", on one line (dashboards show it as the rule's
    title); the message template when there is no description."""
    found = _WHAT_IT_DOES.search(description)
    text = found["text"] if found else description.split("\n\n", 1)[0]
    text = " ".join(text.split())
    return _SENTENCE_END.split(text, maxsplit=1)[0] if text else fallback


def _descriptor(rule_id: str, kind: str, severity: Severity, description: str, message: str) -> dict[str, Any]:
    full = description.strip() or message
    return {
        "id": rule_id,
        "name": rule_id,
        "shortDescription": {"text": short_description(description, message)},
        "fullDescription": {"text": full},
        "help": {"text": full, "markdown": full},
        "defaultConfiguration": {"level": LEVEL[severity]},
        "properties": {"kind": kind},
    }


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return _descriptor(rule.id, rule.kind, rule.severity, rule.description, rule.message)


def artifact_uri(path: str) -> str:
    """A relative path stays a relative URI reference (GitHub resolves it against the checkout); absolute becomes file://."""
    if path == "-":
        return "stdin"
    if os.path.isabs(path):
        return Path(path).as_uri()
    posix = PurePosixPath(Path(path).as_posix())
    parts = [p for p in posix.parts if p != "."]
    # The file name's bytes: one that is not UTF-8 (os.fsdecode keeps its
    # bytes as surrogates) made quote() raise UnicodeEncodeError.
    return quote(os.fsencode("/".join(parts)), safe="/")


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    descriptors = [rule_descriptor(rule) for rule in report.rules]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    if any(f.rule == UNUSED_RULE_ID for f in report.findings) and UNUSED_RULE_ID not in index:
        index[UNUSED_RULE_ID] = len(descriptors)
        descriptors.append(
            _descriptor(UNUSED_RULE_ID, UNUSED_KIND, Severity.WARNING, UNUSED_DESCRIPTION, UNUSED_MESSAGE)
        )
    results = []
    for f in report.findings:
        region: dict[str, Any] = {
            "startLine": f.line,
            "startColumn": f.column,
            "endLine": f.end_line,
            "endColumn": f.end_column,
        }
        if f.match:
            region["snippet"] = {"text": f.match}
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.path)}, "region": region}}
            ],
            "properties": {"kind": f.kind},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.suggestion is not None:
            result["properties"]["suggestion"] = f.suggestion
        results.append(result)
    notifications = [
        {
            "level": "error",
            "message": {"text": error},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}],
        }
        for path, error in report.errors
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "invocations": [
                    {"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    json.dump(log, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
