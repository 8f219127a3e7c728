"""The publication date: what relative words ("today", "on Monday") are measured from."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from factcheck.extract.dates import parse_date_line

if TYPE_CHECKING:
    from factcheck.document import Document

DATELINE_SEARCH_LINES = 12


def find_publication_date(document: Document) -> tuple[dt.date | None, str | None]:
    """Front matter ``date:`` first, then a dateline near the top, else unknown.

    Checks that need the date stay silent when it is unknown rather than guess.
    """
    value = document.front_matter.get("date")
    if isinstance(value, dt.datetime):
        return value.date(), "front matter"
    if isinstance(value, dt.date):
        return value, "front matter"
    if isinstance(value, str):
        from dateutil import parser as date_parser  # ~9 ms to import; only string dates need it

        try:
            return date_parser.isoparse(value.strip()).date(), "front matter"
        except ValueError:
            pass
    seen = 0
    for line_no in range(1, len(document.line_starts) + 1):
        line = document.prose[slice(*document.line_span(line_no))].strip()
        if not line:
            continue
        found = parse_date_line(line)
        if found:
            return found, f"dateline (line {line_no})"
        seen += 1
        if seen >= DATELINE_SEARCH_LINES:
            break
    return None, None
