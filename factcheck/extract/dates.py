"""Dates written in prose: month names, weekdays, and the dateline parser.

``parse_date_line`` recognises a line that is nothing but a date (a dateline
such as "July 29, 2024" or "Saturday, January 5, 2019"); it decides the
publication date when neither --date nor front matter gives one.
"""

from __future__ import annotations

import datetime as dt

import regex

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DATELINE = regex.compile(
    rf"""(?ix)^\W*{_WEEKDAY}(?:
        {_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})
      | {_DAY}\s+{_MONTH},?\s+(?P<year>\d{{4}})
      | (?P<year>\d{{4}})-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})
    )\W*$""",
)


def parse_date_line(line: str) -> dt.date | None:
    """The date of a line that holds only a date, else None."""
    match = _DATELINE.match(line.strip())
    if not match:
        return None
    month = int(match["mnum"]) if match["mnum"] else MONTHS[match["month"].lower()]
    try:
        return dt.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None
