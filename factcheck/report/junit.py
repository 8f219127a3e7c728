"""JUnit XML, the test-report format GitLab, Jenkins and most CI servers display.

One ``<testcase>`` per checked file, so the CI's test view lists articles:
a clean file passes; a file with findings has one ``<failure>`` whose text
lists every finding as ``line:column severity [rule] message``, and whose
``message`` counts them. One failure element per test case, not one per
finding, because GitLab, Jenkins and junitparser read only the first (or
reject the file) when a test case has several. A file that could not be read
is an ``<error>``. Built with ElementTree, so article text is always escaped.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO
from xml.etree import ElementTree as ET

from factcheck.findings import Finding
from factcheck.report import RenderOptions, Report

SUITE = "factcheck"
_XML_INVALID = dict.fromkeys([*(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)), 0xFFFE, 0xFFFF])


def _clean(text: str) -> str:
    """XML 1.0 cannot carry most control characters, even escaped: drop them (positions are in the text anyway)."""
    return text.translate(_XML_INVALID)


def _line(f: Finding) -> str:
    return f"{f.line}:{f.column} {f.severity} [{f.rule}] {f.message}"


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_path[finding.path].append(finding)
    errors: dict[str, list[str]] = defaultdict(list)
    for path, error in report.errors:
        errors[path].append(error)
    paths = list(dict.fromkeys([*report.paths, *by_path, *errors]))
    attributes = {
        "name": SUITE,
        "tests": str(len(paths)),
        "failures": str(sum(1 for p in paths if p in by_path)),
        "errors": str(len(errors)),
        "skipped": "0",
    }
    root = ET.Element("testsuites", attributes)
    suite = ET.SubElement(root, "testsuite", attributes)
    for path in paths:
        case = ET.SubElement(suite, "testcase", {"classname": SUITE, "name": _clean(path), "file": _clean(path)})
        if path in errors:
            text = _clean("; ".join(errors[path]))
            ET.SubElement(case, "error", {"message": text, "type": "error"}).text = text
        found = by_path.get(path)
        if found:
            noun = "finding" if len(found) == 1 else "findings"
            first = found[0]
            message = f"{len(found)} {noun}; first at {first.line}:{first.column}: {first.message}"
            failure = ET.SubElement(case, "failure", {"message": _clean(message), "type": first.rule})
            failure.text = _clean("\n".join(_line(f) for f in found)) + "\n"
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
