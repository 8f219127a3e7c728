"""Kind ``date-consistency``: dates that contradict the calendar or the publication date.

## What it does
Checks what an article says about dates against the calendar. A rule picks
one ``claim`` to check:

* ``weekday``: a weekday written next to a date ("Monday, July 30, 2024",
  "July 30 (Mon.)", "Monday the 30th of July") that the date does not fall
  on. A date without a year takes the year that puts it nearest the
  publication date (else ``assume_year``, else the nearest full date written
  with its weekday, or one in the title), and the message says which year
  was assumed.
* ``impossible``: a date no calendar has: February 30, April 31,
  February 29 in a non-leap year, day 0 or 32, month 13 in a numeric date.
* ``relative``: "today, Tuesday", "yesterday (Sunday)", "tomorrow,
  Wednesday", "last year (2022)" that contradict the publication date.
* ``range``: a range that ends before it starts ("from March 2021 to
  January 2020", "between 2019 and 2017", "January 10–1, 2016").

Numeric dates whose day/month order is ambiguous ("03/04/2024") are skipped
unless ``numeric_order`` says which order the publication uses.

Message fields, for rule authors: ``weekday`` gives ``{written}`` (as
written), ``{weekday}`` (in full), ``{date}``, ``{actual}`` and
``{assumption}`` (empty when the year was written); ``impossible`` gives
``{date}`` and ``{reason}``; ``relative`` gives ``{word}``, ``{actual}``,
``{written}`` and ``{publication}``; ``range`` gives ``{first}`` and ``{last}``.

## Why is this bad?
A reader who sees "Tuesday, July 29, 2024" knows one of the two is wrong,
and cannot tell which: the story loses the reader's trust over a detail.

## Example
```markdown
The vote is on Monday, July 30, 2024.
```

## Use instead
```markdown
The vote is on Tuesday, July 30, 2024.
```
Check the date against the source before changing either part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from factcheck.extract.dates import (
    FIRST_GREGORIAN_YEAR,
    LAST_YEAR,
    MONTH_NAMES,
    WEEKDAY_NAMES,
    DateMention,
    NumericOrder,
    date_mentions,
    describe,
    mentions_in,
    period_ranges,
    relative_mentions,
)
from factcheck.extract.quotes import quotations
from factcheck.params import ParamError

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.findings import Finding
    from factcheck.rules import Rule

Claim = Literal["weekday", "impossible", "relative", "range"]


@dataclass(frozen=True)
class Params:
    """``claim`` picks what to check; the rest decide how dates are read."""

    claim: Claim
    # How to read a numeric date that is a date both ways (03/04/2024):
    # "ambiguous" skips it; "day-first" (UK, Europe) or "month-first" (US) decide.
    numeric_order: NumericOrder = "ambiguous"
    # The year for dates written without one when the document has no
    # publication date (LanguageTool assumes the current year; we never do).
    assume_year: int | None = None
    # Without a publication date or assume_year, take the year from the
    # nearest full date written with its weekday ("Friday, Feb 5, 2016" ...
    # "Mon, March 28") or from a full date in the front matter title.
    year_from_context: bool = True

    def __post_init__(self) -> None:
        if self.assume_year is not None and not FIRST_GREGORIAN_YEAR <= self.assume_year <= LAST_YEAR:
            raise ParamError("assume_year", f"give a year between {FIRST_GREGORIAN_YEAR} and {LAST_YEAR}")


@dataclass(frozen=True)
class YearSource:
    """Where an omitted year comes from, and how the message says so.

    Either a reference date (the year that puts the date nearest it wins) or
    a fixed year (``assume_year``: the date is in that year, full stop).
    """

    why: str
    reference: dt.date | None = None
    year: int | None = None

    def resolve(self, mention: DateMention) -> dt.date | None:
        if self.year is not None:
            return mention.in_year(self.year)
        assert self.reference is not None
        return mention.resolve(self.reference)


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    params: Params = rule.params
    if params.claim == "weekday":
        yield from _weekdays(document, rule, params)
    elif params.claim == "impossible":
        yield from _impossible(document, rule, params)
    elif params.claim == "relative":
        yield from _relative(document, rule)
    else:
        yield from _ranges(document, rule, params)


def _year_sources(document: Document, mentions: tuple[DateMention, ...], params: Params) -> list[YearSource | None]:
    """For each mention, where its year comes from if the text omits it.

    The publication date first (nearest date), then the configured
    ``assume_year``, then the nearest earlier full date written with its
    weekday, a full date in the front matter title counting as the text's
    start (before the first one, the first such date after).
    """
    if document.publication_date is not None:
        published = document.publication_date
        source = YearSource(f"nearest the publication date, {describe(published)}", reference=published)
        return [source] * len(mentions)
    if params.assume_year is not None:
        fixed = YearSource("as configured by assume_year", year=params.assume_year)
        return [fixed] * len(mentions)
    if not params.year_from_context:
        return [None] * len(mentions)
    sources: list[YearSource | None] = []
    latest = _title_year_source(document, params)
    for mention in mentions:
        full = mention.reading(params.numeric_order).date
        # Only a date written with its (right) weekday sets the year: a
        # schedule's "Friday, Feb 5, 2016", not a history's "the 11 September, 2001 attacks".
        if full is not None and full.weekday() == mention.weekday:
            line, _ = document.position(mention.date_span[0])
            written = document.text[mention.date_span[0] : mention.date_span[1]]
            latest = YearSource(f"nearest '{written}' on line {line}", reference=full)
        sources.append(latest)
    first_full = next((s for s in sources if s is not None), None)
    return [s if s is not None else first_full for s in sources]


def _title_year_source(document: Document, params: Params) -> YearSource | None:
    """A full date in the front matter title ("Update on the October 15, 2018 incident")."""
    title = document.front_matter.get("title")
    if not isinstance(title, str):
        return None
    for mention in mentions_in(title):
        full = mention.reading(params.numeric_order).date
        if full is not None:
            written = title[mention.date_span[0] : mention.date_span[1]]
            return YearSource(f"nearest '{written}' in the title", reference=full)
    return None


def _weekdays(document: Document, rule: Rule, params: Params) -> Iterator[Finding]:
    mentions = document.fact(date_mentions)
    sources = _year_sources(document, mentions, params)
    for mention, source in zip(mentions, sources, strict=True):
        if mention.weekday is None or mention.weekday_span is None:
            continue
        read = mention.reading(params.numeric_order)
        assumption = ""
        if read.year_given:
            actual = read.date
        elif source is not None:
            actual = source.resolve(read)
            if actual is not None:
                assumption = f" (no year given: assumed {actual.year}, {source.why})"
        else:
            actual = None
        if actual is None or actual.year < FIRST_GREGORIAN_YEAR or actual.weekday() == mention.weekday:
            continue
        yield rule.finding(
            document,
            mention.span[0],
            mention.span[1],
            written=document.text[mention.weekday_span[0] : mention.weekday_span[1]],
            weekday=WEEKDAY_NAMES[mention.weekday],
            date=describe(actual),
            actual=WEEKDAY_NAMES[actual.weekday()],
            assumption=assumption,
        )


def _impossible(document: Document, rule: Rule, params: Params) -> Iterator[Finding]:
    for mention in document.fact(date_mentions):
        reason = mention.reading(params.numeric_order).impossible
        if reason is None:
            continue
        start, end = mention.date_span
        yield rule.finding(document, start, end, date=document.text[start:end], reason=reason)


def _relative(document: Document, rule: Rule) -> Iterator[Finding]:
    published = document.publication_date
    if published is None:
        return
    quoted = document.fact(quotations)
    for mention in document.fact(relative_mentions):
        if quoted.contains(mention.span[0]):
            continue  # "Today, Monday, we …" was said on the day it was said, not published
        if mention.weekday is not None:
            day = published + dt.timedelta(days=mention.offset)
            if day.weekday() == mention.weekday:
                continue
            actual = f"{WEEKDAY_NAMES[day.weekday()]}, {describe(day)}"
            written = WEEKDAY_NAMES[mention.weekday]
        else:
            assert mention.year is not None
            year = published.year + mention.offset
            if year == mention.year:
                continue
            actual, written = str(year), str(mention.year)
        yield rule.finding(
            document,
            mention.span[0],
            mention.span[1],
            word=mention.word,
            actual=actual,
            written=written,
            publication=describe(published),
        )


def _ranges(document: Document, rule: Rule, params: Params) -> Iterator[Finding]:
    for period in document.fact(period_ranges):
        if period.reversed:
            yield rule.finding(document, *period.span, first=period.start_text, last=period.end_text)
    for mention in document.fact(date_mentions):
        read = mention.reading(params.numeric_order)
        if read.end_day is None or read.year is None or read.month is None or read.day is None:
            continue
        if read.end_day < read.day:
            month = MONTH_NAMES[read.month]
            yield rule.finding(
                document,
                *mention.date_span,
                first=f"{month} {read.day}, {read.year}",
                last=f"{month} {read.end_day}, {read.year}",
            )
