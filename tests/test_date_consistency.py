"""The date-consistency kind and the shared date extractor it reads."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.document import from_text
from factcheck.engine import run_rules
from factcheck.errors import ConfigError
from factcheck.extract.dates import date_mentions, parse_date_line, period_ranges, relative_mentions
from factcheck.findings import Finding
from factcheck.rules import Rule, builtin_rules_dir, load_rule_file, parse_rule
from factcheck.yaml_lines import load_all

from tests.conftest import SHARED, doc

RULES = {rule.id: rule for rule in load_rule_file(builtin_rules_dir() / "date-consistency.yaml", builtin=True)}
PEER_CASES = SHARED / "corpus" / "peer-cases"


def with_params(rule_id: str, **changes: object) -> Rule:
    rule = RULES[rule_id]
    return dataclasses.replace(rule, params=dataclasses.replace(rule.params, **changes))


def findings(text: str, rule: str | Rule, date: str | None = None) -> list[Finding]:
    chosen = RULES[rule] if isinstance(rule, str) else rule
    found, errors = run_rules(doc(text, date=date), [chosen])
    assert not errors
    return found


# --- the extractor -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "year", "month", "day", "weekday"),
    [
        ("Monday, July 30, 2024", "Monday, July 30, 2024", 2024, 7, 30, 0),
        ("Mon., July 30", "Mon., July 30", None, 7, 30, 0),
        ("Monday (July 30) at noon", "Monday (July 30)", None, 7, 30, 0),
        ("on Monday, 30 July 2024", "Monday, 30 July 2024", 2024, 7, 30, 0),
        ("July 30 (Monday)", "July 30 (Monday)", None, 7, 30, 0),
        ("Monday the 30th of July", "Monday the 30th of July", None, 7, 30, 0),
        ("2024-07-30 (Monday)", "2024-07-30 (Monday)", 2024, 7, 30, 0),
        ("Monday, Jul. 30", "Monday, Jul. 30", None, 7, 30, 0),
        ("Tues., Sept. 3rd", "Tues., Sept. 3rd", None, 9, 3, 1),
        ("Thurs 2nd August 2018", "Thurs 2nd August 2018", 2018, 8, 2, 3),
        ("Mo, 7 October 2014", "Mo, 7 October 2014", 2014, 10, 7, 0),
        ("Monday, 31/10/2014", "Monday, 31/10/2014", 2014, 10, 31, 0),
        ("Friday, 10/31/2014", "Friday, 10/31/2014", 2014, 10, 31, 4),
        ("on Jan. 5, 2019, a Saturday, when", "Jan. 5, 2019, a Saturday", 2019, 1, 5, 5),
        ("due 4/23(Wed)", "4/23(Wed)", None, 4, 23, 2),
        ("It ends July 30.", "July 30", None, 7, 30, None),
    ],
)
def test_forms_of_a_date_mention(text: str, written: str, year: int | None, month: int, day: int, weekday: int | None) -> None:
    document = doc(text)
    [mention] = date_mentions(document)
    assert document.text[mention.span[0] : mention.span[1]] == written
    assert (mention.year, mention.month, mention.day, mention.weekday) == (year, month, day, weekday)
    assert mention.year_given is (year is not None)


@pytest.mark.parametrize(
    "text",
    [
        "In June 31 people were hurt.",  # a count after a month
        "Protesters will march 5 miles; they may 5 times.",  # verbs in lower case
        "Rescuers worked 24/7 and 3/4 of homes were lost.",  # bare numeric pairs
        "DOI: 10.3732/ajb.89.9.1531",  # dotted numbers inside an identifier
        "won 2-0 March Town",  # a score before a capitalised word
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert date_mentions(doc(text)) == ()


def test_a_full_weekday_followed_by_a_full_stop_ends_the_sentence() -> None:
    [mention] = date_mentions(doc("They met on Monday. May 5 is the deadline."))
    assert mention.weekday is None


def test_ambiguous_numeric_date_keeps_both_readings() -> None:
    [mention] = date_mentions(doc("Monday, 03/04/2024"))
    assert mention.ambiguous and mention.date is None
    assert mention.reading("day-first").date == dt.date(2024, 4, 3)
    assert mention.reading("month-first").date == dt.date(2024, 3, 4)


def test_yearless_date_resolves_to_the_year_nearest_the_reference() -> None:
    [mention] = date_mentions(doc("Monday, December 30"))
    assert mention.resolve(dt.date(2025, 1, 2)) == dt.date(2024, 12, 30)
    assert mention.resolve(dt.date(2024, 12, 1)) == dt.date(2024, 12, 30)


def test_parse_date_line_still_reads_datelines() -> None:
    assert parse_date_line("Saturday, January 5, 2019") == dt.date(2019, 1, 5)
    assert parse_date_line("July 29, 2024") == dt.date(2024, 7, 29)
    assert parse_date_line("The vote is on July 29, 2024") is None


def test_ranges_and_relative_words_are_extracted_with_values() -> None:
    document = doc("The survey ran from March 2021 to January 2020. Votes today, Tuesday. Sales grew last year (2022).")
    [period] = period_ranges(document)
    assert (period.start, period.end, period.reversed) == ((2021, 3), (2020, 1), True)
    today, last_year = relative_mentions(document)
    assert (today.word, today.offset, today.weekday) == ("today", 0, 1)
    assert (last_year.word, last_year.offset, last_year.year) == ("last year", -1, 2022)


# --- weekday-mismatch ----------------------------------------------------------


def test_message_names_written_and_real_weekday() -> None:
    [finding] = findings("The vote is on Monday, July 30, 2024.", "weekday-mismatch")
    assert finding.match == "Monday, July 30, 2024"
    assert finding.message == "'Monday' is the wrong weekday: July 30, 2024 was a Tuesday"


def test_assumed_year_comes_from_the_nearest_date_to_publication() -> None:
    # December 30, 2024 was a Monday; December 30, 2025 is a Tuesday.
    assert findings("The vote is on Monday, December 30.", "weekday-mismatch", date="2025-01-02") == []
    [finding] = findings("The vote is on Tuesday, December 30.", "weekday-mismatch", date="2025-01-02")
    assert finding.message == (
        "'Tuesday' is the wrong weekday: December 30, 2024 was a Monday "
        "(no year given: assumed 2024, nearest the publication date, January 2, 2025)"
    )


def test_yearless_date_without_publication_date_is_silent_by_default() -> None:
    assert findings("IGD Convention - Monday, 7 October", "weekday-mismatch") == []


def test_assume_year_fills_in_when_there_is_no_publication_date() -> None:
    rule = with_params("weekday-mismatch", assume_year=2014)
    [finding] = findings("IGD Convention - Monday, 7 October", rule)
    assert "October 7, 2014 was a Tuesday" in finding.message and "assume_year" in finding.message


def test_assume_year_is_the_year_even_at_its_ends() -> None:
    rule = with_params("weekday-mismatch", assume_year=2014)
    assert findings("Party on Wednesday, December 31.", rule) == []  # 2014-12-31 was a Wednesday
    assert findings("Party on Wednesday, January 1.", rule) == []  # 2014-01-01 was a Wednesday


def test_publication_date_beats_assume_year() -> None:
    rule = with_params("weekday-mismatch", assume_year=2014)
    assert findings("Meeting on Monday, 7 October.", rule, date="2024-09-30") == []  # 2024-10-07 was a Monday


def test_year_from_the_nearest_full_date_in_the_text() -> None:
    text = "Project due Friday, Feb 5, 2016.\n\nExam on Mon, March 29."
    [finding] = findings(text, "weekday-mismatch")
    assert "assumed 2016, nearest 'Feb 5, 2016' on line 1" in finding.message
    assert findings(text, with_params("weekday-mismatch", year_from_context=False)) == []


def test_a_full_date_without_its_weekday_gives_no_context_year() -> None:
    # A history's date says nothing about which year "Tuesday, 14 June" is in.
    assert findings("Since the 11 September, 2001 attacks, they met on Tuesday, 14 June.", "weekday-mismatch") == []


def test_year_from_a_full_date_in_the_title() -> None:
    text = '---\ntitle: "Update on the October 15, 2018 incident"\n---\n\nOn Tuesday, Oct 15, the site went down.\n'
    [finding] = findings(text, "weekday-mismatch")
    assert finding.message.endswith("(no year given: assumed 2018, nearest 'October 15, 2018' in the title)")


@pytest.mark.parametrize(("order", "flagged"), [("ambiguous", False), ("day-first", True), ("month-first", False)])
def test_ambiguous_numeric_dates_need_numeric_order(order: str, flagged: bool) -> None:
    # 03/04/2024 is April 3 (a Wednesday) day-first, March 4 (a Monday) month-first.
    rule = with_params("weekday-mismatch", numeric_order=order)
    assert bool(findings("The exam is on Monday, 03/04/2024.", rule)) is flagged


@pytest.mark.parametrize(
    "text",
    [
        "Putin spoke on Monday, and again on Monday morning.",
        "Black Friday, Cyber Monday, Bloody Sunday, Ash Wednesday and Super Tuesday.",
        "The Sun, 7 October 2014, reported it.",  # a newspaper, not "Sun."
        "They met on Monday. May 5 is the deadline.",
        "Hearings run Monday-Wednesday, July 29-31, and Monday and Tuesday, August 5 and 6.",
    ],
)
def test_weekdays_that_do_not_name_the_date_are_not_checked(text: str) -> None:
    assert findings(text, "weekday-mismatch", date="2024-07-29") == []


def test_bad_assume_year_is_a_config_error_at_its_line() -> None:
    text = "id: w\nkind: date-consistency\nmessage: m\nparams:\n  claim: weekday\n  assume_year: 99\n"
    [raw] = load_all(text, "r.yaml")
    with pytest.raises(ConfigError, match=r"r\.yaml:6.*assume_year"):
        parse_rule(raw, "r.yaml")


# --- impossible-date, relative-date-mismatch, reversed-date-range ---------------------


@pytest.mark.parametrize(
    ("text", "match", "reason"),
    [
        ("It ends February 30.", "February 30", "February has 29 days"),
        ("It ended April 31, 2019.", "April 31, 2019", "April has 30 days"),
        ("Signed Feb. 29, 2023.", "Feb. 29, 2023", "2023 is not a leap year"),
        ("Dated January 32, 2020.", "January 32, 2020", "January has 31 days"),
        ("Stamped 2024-13-01.", "2024-13-01", "there is no month 13"),
        ("Stamped 13/13/2020.", "13/13/2020", "there is no month 13"),
        ("Stamped 0/5/2020.", "0/5/2020", "days are counted from 1"),
    ],
)
def test_impossible_dates(text: str, match: str, reason: str) -> None:
    [finding] = findings(text, "impossible-date")
    assert finding.match == match and finding.message.endswith(reason)


@pytest.mark.parametrize("text", ["Born on February 29.", "Signed Feb. 29, 2024.", "In June 31 were hurt."])
def test_possible_dates_are_not_impossible(text: str) -> None:
    assert findings(text, "impossible-date") == []


def test_relative_day_against_publication_date() -> None:
    [finding] = findings("Parliament votes today, Tuesday.", "relative-date-mismatch", date="2024-07-29")
    assert finding.message == (
        "'today' is Monday, July 29, 2024, not Tuesday, going by the publication date July 29, 2024"
    )
    assert findings("Parliament votes today, Tuesday.", "relative-date-mismatch") == []  # no date: silent
    quoted = '"We vote today, Tuesday," she said.'
    assert findings(quoted, "relative-date-mismatch", date="2024-07-29") == []


def test_reversed_ranges_skip_changes_and_counts() -> None:
    assert [f.match for f in findings("From March 2021 to January 2020 it rained.", "reversed-date-range")] == [
        "From March 2021 to January 2020"
    ]
    assert findings("The end of life was moved up from May 2029 to December 31, 2021.", "reversed-date-range") == []
    assert findings("Between 2000 and 1500 households answered.", "reversed-date-range") == []
    assert findings("between 2017 and 2019, and from 2020 to 2020.", "reversed-date-range") == []


# --- the seed and peer tools ---------------------------------------------------------


def test_seed_article_gives_no_date_findings(seed_file: Path) -> None:
    document = from_text(seed_file.read_text(encoding="utf-8"), path=str(seed_file))
    assert document.publication_date == dt.date(2024, 7, 29)
    found, errors = run_rules(document, RULES.values())
    assert not errors and found == []


def _peer_cases(name: str) -> list[dict[str, str]]:
    path = PEER_CASES / name
    if not path.is_file():
        pytest.skip(f"peer cases not present: {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("name", "rule_ids", "assumed"),
    [
        ("languagetool-date-weekday.jsonl", ["weekday-mismatch"], 2014),
        ("languagetool-invalid-date.jsonl", ["impossible-date", "reversed-date-range"], None),
        ("textlint-weekday.jsonl", ["weekday-mismatch"], 2025),
    ],
)
def test_agreement_with_peer_tools(name: str, rule_ids: list[str], assumed: int | None) -> None:
    """LanguageTool and textlint check yearless dates against "this year": 2014 and 2025 there."""
    rules = [with_params(rule_id, assume_year=assumed) if assumed else RULES[rule_id] for rule_id in rule_ids]
    disagreements = []
    for case in _peer_cases(name):
        if case.get("lang", "en") != "en":
            continue
        found, _ = run_rules(from_text(case["text"], path="case.md"), rules)
        if bool(found) != (case["expect"] == "error"):
            disagreements.append((case["text"], [f.message for f in found]))
    assert disagreements == []


# --- scanning only where a date can start gives finditer's matches -------------

# Texts that stress the short cuts: a lower-case month that a match consumes
# ("may 5" hides "5 June"), letters the patterns fold (ſ, İ, the Kelvin sign),
# white space runs and single line breaks inside a date, blank lines between
# the two ends of a would-be range, and "last" several spaces before "year".
_SCANNER_TEXTS = (
    "They may 5 June meet; on Monday, July 30, 2024 (Tuesday) and 31/10, Fri.",
    "ſeptember 5, 2019 and SEPT. 7th, the 30th of July 2024, 7-8 October, 2024-07-30(Mon)",
    "İstanbul, March 3, 2020: the İzmir vote of Sunday, 5 April 2020 and Kelvin 3 May.",
    "from\nMay 2021 to\nJanuary 2020, between 2019 and\n2017, 1999–2001 and 2001-1999.",
    "from May 2021\n\nto January 2020, between 2019\n  \nand 2017; 2010 - 2009",
    "Today, Monday, and last   year (2023); this\nyear, 2024, next year(2025) TONIGHT (Sunday)",
    "3/4 of 24/7 coverage on Tue 4/23 (Wed) in May 45 were hurt; January, 10, 2016.",
    "",
    "year",
    "Last year (2023) was dry.",
)


@pytest.mark.parametrize("text", _SCANNER_TEXTS)
def test_scanners_find_what_finditer_finds(text: str) -> None:
    from factcheck.extract import dates

    def spans(matches: object) -> list[tuple[int, int]]:
        return [m.span() for m in matches]  # type: ignore[attr-defined]

    assert spans(dates._scan(dates._DATE_CORE, text, dates._core_starts)) == spans(dates._DATE_CORE.finditer(text))
    assert spans(dates._scan(dates._RELATIVE, text, dates._relative_starts)) == spans(dates._RELATIVE.finditer(text))
    assert spans(dates._range_matches(text)) == spans(dates._RANGE.finditer(text))


def test_scanners_on_prose_joined_from_every_example() -> None:
    """The rule examples and fixtures, joined into one text, scan as finditer does."""
    texts = [example.text for rule in RULES.values() for example in rule.examples]
    fixtures = sorted((Path(__file__).parent.parent / "fixtures" / "articles" / "dates").glob("*"))
    texts += [path.read_text(encoding="utf-8") for path in fixtures]
    text = "\n".join(texts)
    from factcheck.extract import dates

    assert fixtures and len(list(dates._DATE_CORE.finditer(text))) > 50
    assert [m.span() for m in dates._scan(dates._DATE_CORE, text, dates._core_starts)] == [
        m.span() for m in dates._DATE_CORE.finditer(text)
    ]
    assert [m.span() for m in dates._range_matches(text)] == [
        m.span() for m in dates._RANGE.finditer(text)
    ]


_DATE_DIGIT_PARTS = [
    "0", "7", "12", "2024", "31", "-", "–", "/", ".", ",", " ", "  ", "\n", "\t", "\x1c", "st", "th", "of", "july",
    "sept", "march", "jan", "ber", "may", "a", "x", "_", "$", ":", "(", "2024-07-30", "31/10", "7-8", "30th",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_DATE_DIGIT_PARTS), st.text(alphabet="0123456789 .-/ajnulyst,", max_size=4)), max_size=16))
def test_the_zeroed_digit_pattern_finds_what_the_date_digit_pattern_finds(parts: list[str]) -> None:
    # _core_starts scans ASCII text with every digit written "0" and "0" for [0-9] in _DATE_DIGITS:
    # the same matches (spans, and which group matched where) as the pattern over the text itself.
    from factcheck.extract import dates

    text = "".join(parts)
    zeroed = text.translate(dates._DIGITS_TO_ZERO)
    expected = [(m.regs, m.lastgroup) for m in dates._DATE_DIGITS.finditer(text)]
    assert [(m.regs, m.lastgroup) for m in dates._DATE_DIGITS_ZEROED.finditer(zeroed)] == expected
