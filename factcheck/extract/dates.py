"""Dates written in prose: month names, weekdays, date mentions and the dateline parser.

``parse_date_line`` recognises a line that is nothing but a date (a dateline
such as "July 29, 2024" or "Saturday, January 5, 2019"); it decides the
publication date when neither --date nor front matter gives one.

``date_mentions(document)`` finds every calendar date the prose states, with
the weekday written next to it, once per document (use it through
``document.fact``). It records what was *written* (year or no year, which
numeric order, which weekday) and leaves judgement to the checks: a date
whose day/month order is ambiguous ("03/04/2024") keeps both readings, and a
date without a year is resolved only against a reference date the caller
chooses (the publication date, a configured year, a nearby full date).

``period_ranges(document)`` finds two periods (a year, a month and year, a
full date) joined as a range: ``from … to …``, ``between … and …``, a dash;
``relative_mentions(document)`` finds "today, Tuesday" and "last year (2023)".

Forms recognised (weekday optional, before or after):

* month-day: "July 30", "Jul. 30", "Sept. 7th", "July 30, 2024", "July 30 2024",
  "January, 10, 2016" (a comma after the month only with a year), and day
  ranges in one month: "July 29-31, 2024"
* day-month: "30 July", "30th July", "the 30th of July", "30 July, 2024", "7-8 October"
* ISO: "2024-07-30"; numeric with a four-digit year: "31/10/2014",
  "10/31/2014", "31.10.2014"; numeric without a year ("31/10", "4/23") only
  when a weekday is attached, since a bare "3/4" is a fraction or a score
* weekday before: "Monday, July 30", "Mon., July 30", "Monday July 30",
  "Monday (July 30)", "Monday the 30th of July", "Mo, 7 October" (two-letter
  forms only before a comma)
* weekday after: "July 30 (Monday)", "2024-07-30(Mon)", "July 30, a Monday",
  "July 30, which was a Monday"

Months and weekdays must be capitalised ("may" and "march" are verbs), and a
number after a month that counts something ("June 31 people", "in May 45
were hurt") is not a day.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import regex

if TYPE_CHECKING:
    from factcheck.document import Document

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
# Two-letter weekday forms (German-style calendars, LanguageTool's tests): only
# accepted directly before a comma and a date, where "Mo" cannot be a name.
TWO_LETTER_WEEKDAYS: dict[str, int] = {"Mo": 0, "Tu": 1, "We": 2, "Th": 3, "Fr": 4, "Sa": 5, "Su": 6}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip  (not calendar.month_name: that follows the process locale)

# Gregorian calendar only; earlier dates follow the Julian calendar in most sources.
FIRST_GREGORIAN_YEAR = 1583
LAST_YEAR = 2999

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=lambda word: (-len(word), word))) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=lambda word: (-len(word), word))) + r")\.?,?\s+)?"
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


# ---------------------------------------------------------------------------
# Date mentions in running prose

Form = Literal["month-day", "day-month", "iso", "numeric"]
NumericOrder = Literal["ambiguous", "day-first", "month-first"]

# Whitespace inside one mention: spaces and at most one line break (a mention
# never crosses a paragraph).
_SP = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
_OSP = r"[^\S\n]*\n?[^\S\n]*"
_MONTH_WORD = "|".join(sorted(MONTHS, key=lambda word: (-len(word), word)))
# A month as written: a full name, or an abbreviation with an optional full
# stop ("Sept."); a full name never takes the sentence's full stop with it.
_FULL_MONTHS = frozenset(name.lower() for name in MONTH_NAMES[1:])
_MONTH_WRITTEN = (
    "(?:" + "|".join(sorted(_FULL_MONTHS, key=lambda word: (-len(word), word)))
    + "|(?:" + "|".join(sorted(set(MONTHS) - _FULL_MONTHS, key=lambda word: (-len(word), word))) + r")\.?)"
)  # fmt: skip
_WEEKDAY_WORD = "|".join(sorted(WEEKDAYS, key=lambda word: (-len(word), word)))
_FULL_WEEKDAY = "|".join(name.lower() for name in WEEKDAY_NAMES)
_WEEKDAY_ABBREVIATION = "|".join(sorted(set(WEEKDAYS) - {n.lower() for n in WEEKDAY_NAMES}, key=lambda word: (-len(word), word)))
# An abbreviated weekday may take a full stop ("Mon."); after a full name a
# full stop ends the sentence ("… on Monday. May 5 is …").
_WEEKDAY_WRITTEN = rf"(?:(?P<wd>\m(?:{_FULL_WEEKDAY}))|(?P<wd>\m(?:{_WEEKDAY_ABBREVIATION}))\.?)"
_ORDINAL = r"(?:st|nd|rd|th)"
# A year after a day: ", 2024" always; " 2024" only when no lower-case word
# follows ("on May 5 2000 people marched" is not a date in 2000).
_YEAR_AFTER = rf"(?:,{_OSP}(?P<year>\d{{4}})(?![\d,]\d)|{_SP}(?P<year>\d{{4}})(?!\d)(?!{_SP}(?-i:[a-z])))"

# What may not stand just before a date ("$3/4", "v2.10", "-5 May").
_NOT_AFTER = r"(?<![\w$£€/.:-])"
_DATE_CORE = regex.compile(
    rf"""(?ix)
    {_NOT_AFTER}(?:
        (?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))(?![\w/-]|\.\d)
      | (?P<num>(?P<na>\d{{1,2}})(?P<sep>[/.])(?P<nb>\d{{1,2}})(?:(?P=sep)(?P<ny>\d{{4}}))?)(?![\w/]|[.-]\d)
      | (?P<md>(?P<mdm>\m{_MONTH_WRITTEN})(?P<mdc>,)?{_SP}(?P<mdd>\d{{1,2}})(?P<mdo>{_ORDINAL})?
          (?:{_OSP}[–-]{_OSP}(?P<end>\d{{1,2}})(?:{_ORDINAL})?)?(?!\d|[.,:]\d|%){_YEAR_AFTER}?)
      | (?P<dm>(?P<dmd>\d{{1,2}})(?P<dmo>{_ORDINAL})?(?:{_OSP}[–-]{_OSP}(?P<end>\d{{1,2}})(?:{_ORDINAL})?)?
          (?:{_SP}of)?{_SP}(?P<dmm>{_MONTH_WRITTEN}(?!\w)){_YEAR_AFTER}?)
    )
    """
)
# What may stand between a weekday and the date after it.
_WEEKDAY_BEFORE = regex.compile(
    rf"""(?ix)
    (?:
        {_WEEKDAY_WRITTEN}(?P<sep>{_OSP},{_OSP}(?:the{_SP})?|{_SP}(?:the{_SP})?|{_OSP}\({_OSP})
      | (?-i:(?P<two>\m(?:Mo|Tu|We|Th|Fr|Sa|Su))),{_OSP}
    )$
    """
)
_WEEKDAY_AFTER = regex.compile(
    rf"""(?ix)
      {_OSP}\({_OSP}(?P<wd>(?:{_WEEKDAY_WORD}))\M\.?{_OSP}\)
    | ,{_SP}(?:a|which{_SP}was{_SP}a){_SP}(?P<wd>(?:{_WEEKDAY_WORD}))\M(?!['’]s)
    """
)
_CLOSE_PAREN = regex.compile(rf"{_OSP}\)")
# "Monday-Wednesday, July 29-31", "Monday and Tuesday, July 29 and 30": the
# weekday next to the date ends a list or range of weekdays and names its last day.
_WEEKDAY_LIST_BEFORE = regex.compile(
    rf"(?i)\m(?:{_WEEKDAY_WORD})\.?{_OSP}(?:,{_OSP})?(?:(?:and|or|to|through|thru|until|till|&){_SP}|[-–—/,]{_OSP})$"
)
_THE_BEFORE = regex.compile(r"(?i)\bthe\s+$")
# Lower-case words that may follow "June 5" when it is a date: function words,
# and singular nouns a date modifies ("the April 31 deadline"; a count above
# one takes a plural). Any other lower-case word ("June 31 people") means the
# number counts something.
_FOLLOWERS_OF_A_DATE = frozenset(
    """a about after against ahead already also an and are around as at be because been before
    but by can could despite did do does during each following for from had has have he her his
    i if in into is it its last local marking may might more must near next night nor not on or
    over saw shall she should since so than that the their them then there these they this
    through till to too under until was we were when where which while who will with would
    year years
    agreement announcement attack broadcast budget ceremony deadline deal decision edition
    election filing game hearing holiday issue launch letter match meeting memo morning
    afternoon evening order payment poll primary quarter race referendum release report ruling
    session shooting speech statement summit trial vote weekend""".split()
)
_NEXT_WORD = regex.compile(rf"{_SP}(?P<word>[a-z]+)\b")
_IN_BEFORE = regex.compile(r"(?i)\bin\s+$")
_LOOKBACK = 40


@dataclass(frozen=True)
class DateMention:
    """A calendar date as written, with the weekday written next to it.

    ``month``/``day`` are the reading of the date. For a numeric date they
    are None when the order is ambiguous ("03/04/2024": ``ambiguous``) or
    when neither order gives a date ("31/02/2014"); ``numbers`` keeps
    (first, second) as written so a caller configured with a locale can
    choose. ``year`` is None when the text omits it (``year_given`` is
    False). ``date`` is the calendar date when the text gives a year and the
    date exists; a caller resolves a yearless date with :meth:`resolve`.
    """

    span: tuple[int, int]
    date_span: tuple[int, int]
    form: Form
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None
    weekday_span: tuple[int, int] | None = None
    numbers: tuple[int, int] | None = None
    separator: str | None = None
    ambiguous: bool = False
    end_day: int | None = None  # "July 29-31": the last day of a day range in one month

    @property
    def year_given(self) -> bool:
        return self.year is not None

    @property
    def date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return _make_date(self.year, self.month, self.day)

    def reading(self, order: NumericOrder) -> DateMention:
        """This mention with an ambiguous numeric order decided by ``order``."""
        if not self.ambiguous or self.numbers is None or order == "ambiguous":
            return self
        first, second = self.numbers
        month, day = (second, first) if order == "day-first" else (first, second)
        return dataclasses.replace(self, month=month, day=day, ambiguous=False)

    def resolve(self, reference: dt.date) -> dt.date | None:
        """The date, taking an omitted year as the one nearest ``reference``.

        "Monday, December 30" in an article of January 2, 2025 is
        December 30, 2024: of the years around the reference, the one whose
        date lies closest to it wins (a tie goes to the earlier date: news
        reports the past more than the future).
        """
        if self.month is None or self.day is None:
            return None
        if self.year is not None:
            return self.date
        candidates = [
            d for year in (reference.year - 1, reference.year, reference.year + 1)
            if (d := _make_date(year, self.month, self.day)) is not None
        ]  # fmt: skip
        if not candidates:
            return None
        return min(candidates, key=lambda d: (abs((d - reference).days), d))

    def in_year(self, year: int) -> dt.date | None:
        """The date in ``year`` when the text omits the year (the written year otherwise)."""
        if self.month is None or self.day is None:
            return None
        return _make_date(self.year if self.year is not None else year, self.month, self.day)

    @property
    def impossible(self) -> str | None:
        """Why no calendar has this date ("April has 30 days"), else None."""
        if self.ambiguous:
            return None
        if self.month is not None and self.day is not None:
            return impossibility(self.year, self.month, self.day)
        if self.numbers is None:
            return None
        first, second = self.numbers
        if 1 <= first <= 12:
            return impossibility(self.year, first, second)
        if 1 <= second <= 12:
            return impossibility(self.year, second, first)
        return f"there is no month {min(first, second)}"


def impossibility(year: int | None, month: int, day: int) -> str | None:
    """Why (year, month, day) is not a date, or None if some calendar has it."""
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day < 1:
        return "days are counted from 1"
    # Leap years by the Gregorian rule only from 1583: 1500 was a Julian leap year.
    common_year = year is not None and year >= FIRST_GREGORIAN_YEAR and not calendar.isleap(year)
    if common_year and month == 2 and day == 29:
        return f"{year} is not a leap year"
    longest = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    if day > longest:
        if common_year and month == 2:
            return f"February {year} has 28 days"
        return f"{MONTH_NAMES[month]} has {longest} days"
    return None


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _capitalised(word: str) -> bool:
    """Months and weekdays are proper nouns: "May" the month, not "may" the verb."""
    return word[:1].isupper()


def _numeric_reading(first: int, second: int, year: int | None) -> tuple[int | None, int | None, bool]:
    """(month, day, is_date) of "first/second": day-first, month-first, or ambiguous (None, None)."""
    probe = year if year is not None else 2000  # a leap year: "29/2" is a date somewhere
    month_first = _make_date(probe, first, second) is not None
    day_first = _make_date(probe, second, first) is not None
    if month_first and day_first:
        if first == second:
            return first, second, True
        return None, None, True
    if month_first:
        return first, second, True
    if day_first:
        return second, first, True
    return None, None, False


# _DATE_CORE's groups in the order match.groups() returns them: one groups() call and a tuple
# unpacking cost less than a dozen match["name"] look-ups on every date.
_CORE_GROUPS = (
    "iso", "iy", "im", "id", "num", "na", "sep", "nb", "ny",
    "md", "mdm", "mdc", "mdd", "mdo", "end", "year", "dm", "dmd", "dmo", "dmm",
)  # fmt: skip
assert tuple(sorted(_DATE_CORE.groupindex, key=_DATE_CORE.groupindex.__getitem__)) == _CORE_GROUPS
assert list(_DATE_CORE.groupindex.values()) == list(range(1, len(_CORE_GROUPS) + 1))
CoreGroups = tuple[str | None, ...]


def _new_date_mention(values: dict[str, object]) -> DateMention:
    """A DateMention with these fields (all of them), built without the frozen __init__ (12
    object.__setattr__ calls, 2 us, on every date of a run): same equality, hash and repr."""
    mention = _new_object(DateMention)
    _set_attribute(mention, "__dict__", values)
    return mention


_new_object = object.__new__
_set_attribute = object.__setattr__
_DATE_MENTION_FIELDS = (
    "span", "date_span", "form", "year", "month", "day", "weekday", "weekday_span", "numbers", "separator",
    "ambiguous", "end_day",
)  # fmt: skip
assert tuple(f.name for f in dataclasses.fields(DateMention)) == _DATE_MENTION_FIELDS


def _plain_mention(
    span: tuple[int, int], form: Form, year: int | None, month: int | None, day: int | None,
    numbers: tuple[int, int] | None = None, separator: str | None = None, ambiguous: bool = False,
    end_day: int | None = None,
) -> DateMention:
    """``DateMention(span, span, form, year, month, day, ...)`` with no weekday yet."""
    return _new_date_mention({
        "span": span, "date_span": span, "form": form, "year": year, "month": month, "day": day,
        "weekday": None, "weekday_span": None, "numbers": numbers, "separator": separator,
        "ambiguous": ambiguous, "end_day": end_day,
    })  # fmt: skip


def _core_mention(match: regex.Match[str], groups: CoreGroups) -> DateMention | None:
    """The date a core match (whose ``groups()`` are ``groups``) states, or None when it is not really a date."""
    iso, iy, im, id_, num, na, sep, nb, ny, md, mdm, mdc, mdd, _, end, year_text, _, dmd, _, dmm = groups
    span = match.span()
    if iso:
        iso_year = int(iy)  # type: ignore[arg-type]
        if not FIRST_GREGORIAN_YEAR <= iso_year <= LAST_YEAR:
            return None
        return _plain_mention(span, "iso", iso_year, int(im), int(id_))  # type: ignore[arg-type]
    if num:
        first, second = int(na), int(nb)  # type: ignore[arg-type]
        year = int(ny) if ny else None
        if year is not None and not FIRST_GREGORIAN_YEAR <= year <= LAST_YEAR:
            return None
        if first > 32 or second > 32:
            return None
        month, day, is_date = _numeric_reading(first, second, year)
        if not is_date and (year is None or sep != "/"):
            # Neither reading is a date: report it only when the form is
            # clearly a date ("31/02/2014", "13/13/2020"), never "3.14.1592".
            return None
        return _plain_mention(
            span, "numeric", year, month, day, numbers=(first, second), separator=sep, ambiguous=is_date and month is None
        )
    if md:
        month_word, day_text = mdm, mdd
        form: Form = "month-day"
    else:
        month_word, day_text = dmm, dmd
        form = "day-month"
    if not _capitalised(month_word):  # type: ignore[arg-type]
        return None
    if mdc and not year_text:
        return None  # "In January, 10 people": only "January, 10, 2016" is a date
    day = int(day_text)  # type: ignore[arg-type]
    if day > 32:
        return None
    year = int(year_text) if year_text else None
    if year is not None and not 1000 <= year <= LAST_YEAR:
        return None
    end_day = int(end) if end else None
    if end_day == 0 or (end_day is not None and day == 0):
        return None  # "0-1 May" is a score
    return _plain_mention(span, form, year, MONTHS[month_word.lower().rstrip(".")], day, end_day=end_day)  # type: ignore[union-attr]


def _counts_something(prose: str, match: regex.Match[str], groups: CoreGroups) -> bool:
    """ "June 31 people" or "in May 45 were hurt": a number after a month that counts."""
    md, mdo, end, year = groups[9], groups[13], groups[14], groups[15]
    if not md or mdo or year or end:
        return False
    following = _NEXT_WORD.match(prose, match.end())
    if following is None:
        return False
    if _IN_BEFORE.search(prose, max(0, match.start() - 4), match.start()):
        return True  # "in June 31 were hurt": "in" dates a month, not a day
    return following["word"] not in _FOLLOWERS_OF_A_DATE


def _attach_weekday(prose: str, mention: DateMention) -> DateMention:
    """The mention with a weekday written just before or just after it.

    A yearless numeric date ("31/10") takes only a weekday set off by a
    comma or brackets ("Monday, 31/10", "4/23 (Wed)"): "Monday 3/4 of" is a
    fraction after a weekday.
    """
    start, end = mention.span
    loose_numeric = mention.form == "numeric" and mention.year is None
    before = _WEEKDAY_BEFORE.search(prose, max(0, start - _LOOKBACK), start) if _weekday_may_end(prose, start) else None
    if before is not None and before.end() == start:
        word = before["wd"] or before["two"]
        weekday_start = before.start("wd") if before["wd"] else before.start("two")
        separator = before["sep"] if before["wd"] else ","
        acceptable = (
            _capitalised(word)
            and not (len(word) <= 3 and _THE_BEFORE.search(prose, max(0, weekday_start - 5), weekday_start))
            and not _WEEKDAY_LIST_BEFORE.search(prose, max(0, weekday_start - _LOOKBACK), weekday_start)
        )
        if loose_numeric and "," not in separator and "(" not in separator:
            acceptable = False
        new_end = end
        if acceptable and "(" in separator:
            closing = _CLOSE_PAREN.match(prose, end)
            acceptable = closing is not None
            new_end = closing.end() if closing else end
        if acceptable:
            weekday = WEEKDAYS[word.lower()] if before["wd"] else TWO_LETTER_WEEKDAYS[word]
            return _with_weekday(mention, (weekday_start, new_end), weekday, (weekday_start, weekday_start + len(word)))
    # After a day range ("July 29-31 (Monday)") the weekday could name either end.
    after = None
    if mention.end_day is None and _next_visible(prose, end) in _OPENS_WEEKDAY_AFTER:
        after = _WEEKDAY_AFTER.match(prose, end)
    if after is None or not _capitalised(after["wd"]):
        return mention
    if loose_numeric and not after.group().lstrip().startswith("("):
        return mention  # "31/10, a Friday" is too loose without a year
    return _with_weekday(mention, (start, after.end()), WEEKDAYS[after["wd"].lower()], after.span("wd"))


# Cheap tests that skip the weekday searches where they cannot match (most dates): what
# _WEEKDAY_BEFORE can end with (white space apart), and what _WEEKDAY_AFTER can begin with.
_WEEKDAY_BEFORE_ENDINGS = tuple(sorted({*WEEKDAYS, *(word + "." for word in WEEKDAYS), "the", ",", "("}))
_OPENS_WEEKDAY_AFTER = frozenset("(,")


def _weekday_may_end(prose: str, start: int) -> bool:
    """Whether _WEEKDAY_BEFORE can match right before ``start``: its text, white space
    stripped (``str.isspace`` holds every ``\\s``), ends with a weekday, "the", "," or "("."""
    tail = prose[max(0, start - _LOOKBACK) : start].rstrip()
    tail = tail[-10:]
    return not tail.isascii() or tail.lower().endswith(_WEEKDAY_BEFORE_ENDINGS)


def _next_visible(prose: str, offset: int) -> str:
    """The first character at or after ``offset`` that is not white space ("" at the end)."""
    while offset < len(prose) and prose[offset].isspace():
        offset += 1
    return prose[offset : offset + 1]


def _with_weekday(
    mention: DateMention, span: tuple[int, int], weekday: int, weekday_span: tuple[int, int]
) -> DateMention:
    """``dataclasses.replace(mention, span=..., weekday=..., weekday_span=...)`` without
    re-running the frozen __init__ (3 us): DateMention has no __post_init__ to skip."""
    return _new_date_mention({**mention.__dict__, "span": span, "weekday": weekday, "weekday_span": weekday_span})


# ---------------------------------------------------------------------------
# Trying a pattern only where it can start
#
# The date patterns are slow to try at every character: the regex module has
# no fast skip for a case-insensitive alternation behind a lookbehind, so a
# plain finditer costs ~90 ns a character whether or not a date is near. The
# scanners below list a superset of the positions where a pattern can start
# (a digit run that can begin a date, a month's first three letters, a
# relative word) with cheap searches, and try the pattern only there, in
# order, skipping positions inside the previous match: the same matches as
# finditer, a fraction of the cost. When lower-casing would move offsets (a
# letter whose lower case is two characters) they fall back to finditer.

StartFinder = Callable[[str, str], Iterable[int]]


def _folded(text: str) -> str | None:
    """``text`` lower-cased offset for offset, folding as the patterns' ``(?i)`` does.

    The regex module's case-insensitive ``s`` also matches "ſ" and its ``i``
    "İ" (whose lower case is two characters): both become the ASCII letter so
    a search of the folded text finds every place the pattern could. None when
    some other character's lower case has another length.
    """
    folded = text.replace("İ", "i").lower()
    if len(folded) != len(text):
        return None
    return folded.replace("ſ", "s") if "ſ" in folded else folded


def _scan(pattern: regex.Pattern[str], text: str, starts: StartFinder) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)``, trying the pattern only at the positions ``starts`` lists.

    ``starts(text, folded)`` must list every position where ``pattern`` can
    begin a match (more is only slower); ``pattern.match`` at a position sees
    the text before it, so lookbehinds judge as finditer does.
    """
    folded = _folded(text)
    if folded is None:
        yield from pattern.finditer(text)
        return
    resume = 0
    for start in sorted(set(starts(text, folded))):
        if start < resume:
            continue
        match = pattern.match(text, start)
        if match is not None:
            resume = match.end()  # no pattern here matches the empty string
            yield match


def _find_all(folded: str, words: Iterable[str], start: int = 0, end: int | None = None) -> list[int]:
    """Every offset of each (lower-case) word in ``folded[start:end]``, inside other words too."""
    stop = len(folded) if end is None else end
    found: list[int] = []
    for word in words:
        at = folded.find(word, start, stop)
        while at >= 0:
            found.append(at)
            at = folded.find(word, at + 1, stop)
    return found


# A digit run that can begin a date: "2024-07-30", "31/10", "31.10.2014", or
# a day before a month ("30 July", "30th", "7-8 October", "30 of").
_CORE_DIGITS = regex.compile(rf"(?i){_NOT_AFTER}\d{{1,4}}(?=[/.\-]\d|[snrt]|[\s–-])")
# Every month name and abbreviation begins with one of these.
_MONTH_PREFIXES = tuple(sorted({word[:3] for word in MONTHS}))


# Every date holds a digit run, so in a text whose digits are all 0-9 the digit runs find every
# date: ``iso`` "2024-07-30", ``num`` "31/10", ``dm`` a day before a month ("30th of July",
# "7-8 October"; a looser pattern than _DATE_CORE's), ``md`` a day after white space after what can
# end a month (or after more white space), whose month ``_month_before`` looks for. ``re`` over the folded text, and the pattern starts with a digit,
# which re skips to in C: no scan for month names over the whole text (12 str.find passes, a
# third of the extractor on news prose) and no attempt at a figure that cannot be a day.
_MONTH_PREFIX_PATTERN = "|".join(sorted({word[:3] for word in MONTHS}))
# The last three letters of every month as written: a word that ends otherwise is no month.
_MONTH_ENDINGS = frozenset(word[-3:] for word in MONTHS)
_MONTH_ENDING_PATTERN = "|".join(sorted(_MONTH_ENDINGS))
_DATE_DIGITS = re.compile(
    rf"""[0-9](?<![a-z0-9_$£€/.:\-][0-9])(?:
        (?P<iso>[0-9]{{3}}-[0-9])
      | [0-9]?(?![0-9])(?:
            (?P<num>[/.][0-9])
          | (?P<dm>(?:st|nd|rd|th)?(?:\s*[–\-]\s*[0-9]{{1,2}}(?:st|nd|rd|th)?)?(?:\s+of)?\s+(?:{_MONTH_PREFIX_PATTERN}))
        )
      | (?:(?<=(?:{_MONTH_ENDING_PATTERN})\s[0-9])|(?<=(?:{_MONTH_ENDING_PATTERN})[.,]\s[0-9])
          |(?<=(?:{_MONTH_ENDING_PATTERN})\.,\s[0-9])|(?<=\s\s[0-9]))[0-9]?(?![0-9])(?P<md>)
    )""",
    re.VERBOSE,
)
# _DATE_DIGITS reads digits only as the class [0-9], never one digit. Over ASCII text with every digit
# written "0" (one str.translate, ~1 ns a character) the same pattern with "0" for [0-9] matches at
# the same places with the same groups, and starts with a literal, which re finds with a plain loop
# instead of testing a class at every character: ~4x faster over news prose (the digits are sparse).
# (Besides repeat counts, the lookbehind's class [a-z0-9_...] is the one other digit in it, and it holds "0".)
assert not re.search("[0-9]", re.sub(r"\{[0-9]+(?:,[0-9]+)?\}", "", _DATE_DIGITS.pattern.replace("[0-9]", "").replace("a-z0-9", "")))
_DATE_DIGITS_ZEROED = re.compile(_DATE_DIGITS.pattern.replace("[0-9]", "0"), re.VERBOSE)
_DIGITS_TO_ZERO = str.maketrans("123456789", "000000000")
_ASCII_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_OTHER_DIGIT = regex.compile(r"[\d--[0-9]]", regex.V1)


def _month_before(folded: str, day: int) -> int | None:
    """The start of the month word that a day at ``day`` can follow ("July 30", "Sept. 7",
    "January, 10"), else None. White space is read as ``str.isspace`` (more than ``\\s``)."""
    end = day - 1
    while end >= 0 and folded[end].isspace():
        end -= 1
    if end >= 0 and folded[end] == ",":
        end -= 1
    if end >= 0 and folded[end] == ".":
        end -= 1
    end += 1
    if folded[max(0, end - 3) : end] not in _MONTH_ENDINGS:
        return None
    start = end - 3
    while start > 0 and folded[start - 1] in _ASCII_LOWER:
        start -= 1
    return start if folded[start:end] in MONTHS else None


def _core_starts(text: str, folded: str) -> list[int]:
    """Where a date can begin: a digit run that can start one, or a month word before a day.

    With digits outside 0-9 (which ``\\d`` of the regex module knows) the regex module's own
    scan finds the digit runs, and every month word at a word start counts.
    """
    if not text.isascii() and _OTHER_DIGIT.search(text):
        months = _find_all(folded, _MONTH_PREFIXES)
        return [match.start() for match in _CORE_DIGITS.finditer(text)] + months
    starts = []
    digit_matches = (
        _DATE_DIGITS_ZEROED.finditer(folded.translate(_DIGITS_TO_ZERO)) if folded.isascii() else _DATE_DIGITS.finditer(folded)
    )
    for match in digit_matches:
        day = match.start()
        if match.lastgroup != "md":
            starts.append(day)
            if not folded[day - 1 : day].isspace():
                continue
        month = _month_before(folded, day)
        if month is not None:
            starts.append(month)
    return starts


def _relative_starts(text: str, folded: str) -> list[int]:
    """Where "today, Tuesday" or "last year (2023)" can begin.

    A relative day word begins its mention; "year" follows "last", "this"
    or "next" (four letters each) across white space.
    """
    starts = _find_all(folded, ("today", "tonight", "yesterday", "tomorrow"))
    for at in _find_all(folded, ("year",)):
        while at > 0 and text[at - 1].isspace():  # str.isspace accepts all the pattern's \s and more
            at -= 1
        if at >= 4:
            starts.append(at - 4)
    return starts


# A blank line: no date or range spans one (each run of white space inside a
# match holds at most one line break).
_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
_FOUR_DIGITS = regex.compile(r"\d{4}")
# The first end of every range, a year, followed by the range's connector
# ("2019 to", "May 2021 until", "2019–", "between 2019 and").
_YEAR_THEN_CONNECTOR = regex.compile(rf"(?i)\d{{4}}{_OSP}(?:to|until|till|through|thru|and|[–—-])")


def _regions_holding(text: str, signal: regex.Pattern[str], also: regex.Pattern[str], least: int) -> Iterator[tuple[int, int]]:
    """The stretches between blank lines that hold ``signal`` and ``least`` matches of ``also``.

    Each stretch runs from just after one blank line to just after the next,
    so a finditer over it sees at a match's end what a finditer over the
    whole text would (the blank line), and a match cannot straddle two.
    """
    bounds: list[int] | None = None
    seen: set[int] = set()
    for found in signal.finditer(text):
        if bounds is None:
            bounds = [0] + [blank.end() for blank in _BLANK_LINE.finditer(text)] + [len(text)]
        region = bisect.bisect_right(bounds, found.start()) - 1
        if region in seen:
            continue
        seen.add(region)
        start, end = bounds[region], bounds[region + 1]
        if len(also.findall(text, start, end)) >= least:
            yield start, end


def _range_matches(text: str) -> Iterator[regex.Match[str]]:
    """``_RANGE.finditer(text)``, run only where a year's connector and two years stand between blank lines.

    Inside such a stretch _RANGE is tried only where it can begin (as ``_scan`` does): at "from",
    "between", a month word or a digit run. A finditer there cost ~200 ns a character.
    """
    folded: str | None = None
    for region, (start, end) in enumerate(_regions_holding(text, _YEAR_THEN_CONNECTOR, _FOUR_DIGITS, 2)):
        if region == 0:
            folded = _folded(text)  # once, and only for a text that has such a stretch
        if folded is None:  # lower-casing moves offsets: finditer
            yield from _RANGE.finditer(text, start, end)
            continue
        starts = [match.start() for match in _DIGIT_RUN.finditer(text, start, end)]
        starts += _find_all(folded, _RANGE_WORDS, start, end)
        resume = start
        for at in sorted(set(starts)):
            if at < resume:
                continue
            match = _RANGE.match(text, at, end)
            if match is not None:
                resume = match.end()  # no range matches the empty string
                yield match


# A range begins with "from", "between" or a period: a month word, a day or a year (a digit run,
# where the lookbehind of _RANGE lets a match begin: never inside one).
_RANGE_WORDS = (*_MONTH_PREFIXES, "from", "between")
_DIGIT_RUN = regex.compile(r"\d+")


def date_mentions(document: Document) -> tuple[DateMention, ...]:
    """Every calendar date in the prose, in order (use via ``document.fact``)."""
    return mentions_in(document.prose)


def mentions_in(prose: str) -> tuple[DateMention, ...]:
    """Every calendar date in a string of prose (a title, say), offsets into it."""
    found: list[DateMention] = []
    for match in _scan(_DATE_CORE, prose, _core_starts):
        groups = match.groups()
        mention = _core_mention(match, groups)
        if mention is None or _counts_something(prose, match, groups):
            continue
        if mention.form == "numeric" and mention.year is None:
            # "3/4" alone is a fraction, a score or a ratio; "24/7 coverage" a phrase.
            following = _NEXT_WORD.match(prose, mention.span[1])
            if mention.separator != "/" or (following and following["word"] not in _FOLLOWERS_OF_A_DATE):
                continue
            mention = _attach_weekday(prose, mention)
            if mention.weekday is None:
                continue
        else:
            mention = _attach_weekday(prose, mention)
        found.append(mention)
    return tuple(found)


def describe(date: dt.date) -> str:
    """ "July 30, 2024": how the messages spell a date."""
    return f"{MONTH_NAMES[date.month]} {date.day}, {date.year}"


# ---------------------------------------------------------------------------
# Ranges of periods: "from March 2021 to January 2020", "between 2019 and 2017"

# A bare year in a range: outside these, "from 2100 to 1900" counts something.
BARE_YEAR_RANGE = (1500, 2099)


def _period(prefix: str) -> str:
    """A year, a month and year, or a full date: group ``prefix`` and its parts ``{prefix}_*``."""
    return rf"""(?P<{prefix}>(?:
        (?P<{prefix}_m>\m{_MONTH_WRITTEN}){_SP}(?:(?P<{prefix}_d>\d{{1,2}}){_ORDINAL}?,?{_SP})?
      | (?P<{prefix}_d>\d{{1,2}}){_ORDINAL}?(?:{_SP}of)?{_SP}(?P<{prefix}_m>{_MONTH_WRITTEN}(?!\w)),?{_SP}
    )?(?P<{prefix}_y>\d{{4}})(?![\d%]))"""


_RANGE = regex.compile(
    rf"""(?ix)
    (?<![\w$£€/.,:-])
    (?:
        \mfrom{_SP}{_period("a")}{_OSP}(?:(?:to|until|till|through|thru)\M|[–—-]){_OSP}{_period("b")}
      | \mbetween{_SP}{_period("a")}{_OSP}(?:and\M|[–—-]){_OSP}{_period("b")}
      | {_period("a")}{_OSP}[–—]{_OSP}{_period("b")}
      | {_period("a")}-{_period("b")}
    )
    (?![\w/]|[-.,]\d)
    """
)
# "output rose from 2019 to 2017", "moved up from May 2029 to December 2021":
# a change verb shortly before means the phrase is a change, not a range.
_CHANGE_BEFORE = regex.compile(
    r"""(?ix)\m(?:
        postpon(?:e|es|ed|ing) | delay(?:s|ed|ing)? | push(?:es|ed|ing)? | reschedul(?:e|es|ed|ing)
      | br(?:ought|ing|ings|inging) | advanc(?:e|es|ed|ing) | shift(?:s|ed|ing)? | extend(?:s|ed|ing)?
      | ris(?:e|es|ing) | rose | f[ae]ll(?:s|ing|en)? | (?:in|de)creas(?:e|es|ed|ing) | dropp?(?:s|ed|ing)?
      | cut(?:s|ting)? | reduc(?:e|es|ed|ing) | declin(?:e|es|ed|ing) | climb(?:s|ed|ing)?
      | gr(?:ew|ow|ows|own|owing) | slipp?(?:s|ed|ing)? | jump(?:s|ed|ing)? | rais(?:e|es|ed|ing)
      | lower(?:s|ed|ing)? | up | down | revis(?:e|es|ed|ing) | adjust(?:s|ed|ing)? | chang(?:e|es|ed|ing)
      | mov(?:e|es|ed|ing) | went | sl(?:id|ide|ides|iding) | plung(?:e|es|ed|ing) | soar(?:s|ed|ing)?
      | eas(?:e|es|ed|ing) | shr(?:ank|ink|inks|unk|inking) | expand(?:s|ed|ing)? | trimm?(?:s|ed|ing)?
      | boost(?:s|ed|ing)? | lift(?:s|ed|ing)? | swung | swing(?:s|ing)? | narrow(?:s|ed|ing)?
      | widen(?:s|ed|ing)? | improv(?:e|es|ed|ing) | worsen(?:s|ed|ing)?
    )(?:\W+\w+){0,3}?\W+$"""
)


@dataclass(frozen=True)
class PeriodRange:
    """Two periods read as a range, each as (year,), (year, month) or (year, month, day)."""

    span: tuple[int, int]
    start: tuple[int, ...]
    end: tuple[int, ...]
    start_text: str
    end_text: str

    @property
    def reversed(self) -> bool:
        """The range runs backwards at the precision both ends share."""
        shared = min(len(self.start), len(self.end))
        return self.start[:shared] > self.end[:shared]


def _period_value(match: regex.Match[str], prefix: str) -> tuple[int, ...] | None:
    year = int(match[f"{prefix}_y"])
    month_word = match[f"{prefix}_m"]
    if month_word is None:
        return (year,) if BARE_YEAR_RANGE[0] <= year <= BARE_YEAR_RANGE[1] else None
    if not _capitalised(month_word):
        return None
    month = MONTHS[month_word.lower().rstrip(".")]
    day = match[f"{prefix}_d"]
    return (year, month) if day is None else (year, month, int(day))


def period_ranges(document: Document) -> tuple[PeriodRange, ...]:
    """Ranges between two periods that name a year, in prose order (use via ``document.fact``).

    Changes ("rose from 2019 to 2017", "moved up from May 2029 to December
    2021") and counts ("between 2000 and 1500 people") are left out.
    """
    prose = document.prose
    found: list[PeriodRange] = []
    for match in _range_matches(prose):
        start, end = _period_value(match, "a"), _period_value(match, "b")
        if start is None or end is None:
            continue
        if _CHANGE_BEFORE.search(prose, max(0, match.start() - 40), match.start()):
            continue  # "moved up from May 2029 to December 31, 2021" is a change, not a range
        if len(start) == 1 and len(end) == 1:
            following = _NEXT_WORD.match(prose, match.end())
            if following is not None and following["word"] not in _FOLLOWERS_OF_A_DATE:
                continue
        found.append(PeriodRange(match.span(), start, end, match["a"], match["b"]))
    return tuple(found)


# ---------------------------------------------------------------------------
# Relative words next to what they claim: "today, Tuesday", "last year (2023)"

DAY_OFFSETS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
YEAR_OFFSETS: dict[str, int] = {"last": -1, "this": 0, "next": 1}
_RELATIVE = regex.compile(
    rf"""(?ix)
      \m(?P<rel>today|tonight|yesterday|tomorrow)(?:{_OSP},{_OSP}|{_OSP}\({_OSP}(?=\w+\)))
      (?P<wd>(?:{_FULL_WEEKDAY}))\M(?:{_OSP}\))?(?!['’]s|{_SP}(?!(?:{_MONTH_WORD})\M)(?-i:\p{{Lu}}))
    | \m(?P<yrel>last|this|next){_SP}year(?:{_OSP}\({_OSP}(?P<year>\d{{4}}){_OSP}\)|{_OSP},{_OSP}(?P<year>\d{{4}}){_OSP},)
    """
)


@dataclass(frozen=True)
class RelativeMention:
    """A relative word and the explicit weekday or year written next to it.

    ``offset`` is in days for "today"/"yesterday"/"tomorrow" (``weekday``
    set) and in years for "last/this/next year" (``year`` set).
    """

    span: tuple[int, int]
    word: str
    offset: int
    weekday: int | None = None
    year: int | None = None


def relative_mentions(document: Document) -> tuple[RelativeMention, ...]:
    """Relative day and year words with their explicit value (use via ``document.fact``)."""
    found: list[RelativeMention] = []
    for match in _scan(_RELATIVE, document.prose, _relative_starts):
        if match["rel"]:
            if not _capitalised(match["wd"]):
                continue
            word = match["rel"].lower()
            found.append(
                RelativeMention(match.span(), word, DAY_OFFSETS[word], weekday=WEEKDAYS[match["wd"].lower()])
            )
        else:
            word = f"{match['yrel'].lower()} year"
            found.append(
                RelativeMention(match.span(), word, YEAR_OFFSETS[match["yrel"].lower()], year=int(match["year"]))
            )
    return tuple(found)
