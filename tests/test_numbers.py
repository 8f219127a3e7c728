"""The shared number parser: values, spans, precision, units, ranges, qualifiers."""

from __future__ import annotations

import random

import pytest

from factcheck.extract import numbers as numbers_module
from factcheck.extract.numbers import NumberMention, numbers, parse_numbers, percentages
from tests.conftest import doc


def one(text: str) -> NumberMention:
    found = parse_numbers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "written", "precision"),
    [
        ("1,234.5 people", 1234.5, "1,234.5", 0.1),
        ("some 1.2 million voters", 1_200_000, "1.2 million", 100_000),
        ("twenty-one seats", 21, "twenty-one", 1),
        ("two hundred and forty-one", 241, "two hundred and forty-one", 1),
        ("a dozen eggs", 12, "a dozen", 1),
        ("a million people", 1_000_000, "a million", 1_000_000),
        ("15 mln dlrs", 15_000_000, "15 mln dlrs", 1_000_000),
        (".5 of a point", 0.5, ".5", 0.1),
    ],
)
def test_values_spans_and_precision(text: str, value: float, written: str, precision: float) -> None:
    mention = one(text)
    assert mention.value == pytest.approx(value)
    assert mention.text == written
    assert text[mention.start : mention.end] == written
    assert mention.precision == pytest.approx(precision)


def test_currency_prefix_and_short_scales() -> None:
    first, second = parse_numbers("a $3bn deal and a US$4.5m fee")
    assert (first.value, first.currency, first.text) == (3e9, "$", "$3bn")
    assert (second.value, second.currency, second.precision) == (4.5e6, "$", pytest.approx(1e5))


def test_single_letter_scale_needs_a_currency() -> None:
    # "3m" without a currency could be metres; it is not read as three million.
    assert parse_numbers("a 3m wall") == []


@pytest.mark.parametrize(
    "text",
    ["51.2%", "51.2 %", "51.2 percent", "51.2 per cent", "51.2 pct", "51,2 %"],
)
def test_percent_forms(text: str) -> None:
    mention = one(f"took {text} of the vote")
    assert mention.unit == "percent"
    assert mention.value == pytest.approx(51.2)
    assert mention.decimals == 1
    assert mention.tolerance == pytest.approx(0.05)


def test_spelled_percent() -> None:
    mention = one("Fifty-one percent of voters")
    assert (mention.value, mention.unit, mention.form) == (51, "percent", "words")


def test_percentage_points_and_points() -> None:
    points, bare = parse_numbers("up 5 percentage points, a 12-point lead")
    assert points.unit == "percentage_point"
    assert (bare.unit, bare.text) == ("point", "12-point")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("40-45%", 40, 45),
        ("40 – 45 percent", 40, 45),
        ("between 40 and 45 percent", 40, 45),
        ("rose 3 to 4 pct", 3, 4),
        ("$40-45 million", 40e6, 45e6),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    mention = one(text)
    assert (mention.value, mention.high) == (low, high)
    assert mention.is_range


@pytest.mark.parametrize("text", ["rose 0.5 pct to 5.5 pct", "trailed 40 percent to 47 percent"])
def test_to_between_two_figures_with_units_is_not_a_range(text: str) -> None:
    assert [m.is_range for m in parse_numbers(text)] == [False, False]


def test_from_to_is_a_change_not_a_range() -> None:
    first, second = parse_numbers("rose from 40 to 45 percent")
    assert (first.value, first.unit, second.value, second.unit) == (40, None, 45, "percent")


@pytest.mark.parametrize("text", ["1986-87", "a 3-2 vote"])
def test_hyphenated_pairs_without_units_stay_apart(text: str) -> None:
    assert not any(m.is_range for m in parse_numbers(text))


@pytest.mark.parametrize(
    "text", ["COVID-19", "an F-16", "the A320", "the 1980s", "the 21st century", "at 10:30", "on 3/4/2024", "open 24/7"]
)
def test_not_numbers(text: str) -> None:
    assert parse_numbers(text) == []


def test_fractions_need_a_whole_and_not_a_period() -> None:
    assert one("half of the vote").value == 0.5
    assert one("two-thirds of voters").value == pytest.approx(2 / 3)
    assert parse_numbers("the first half of the year") == []
    assert parse_numbers("half an hour") == []


def test_qualifiers_and_bounds() -> None:
    about, more, nearly, upto = parse_numbers("about 50%, more than 60 percent, nearly 70% and up to 10%")
    assert (about.qualifier, about.qualifier_text) == ("about", "about")
    assert more.qualifier == "at_least" and more.bounds()[1] is None
    assert nearly.qualifier == "at_most" and nearly.bounds()[0] == pytest.approx(63)
    assert upto.bounds()[0] == 0
    exact = one("51.2%")
    assert exact.approximate is False
    assert exact.bounds() == (pytest.approx(51.15), pytest.approx(51.25))


def test_negative_numbers_and_dashes() -> None:
    assert one("a reading of -5 degrees").value == -5
    assert one("40 - 45%").high == 45
    minus = one("minus 5 °C overnight")
    assert (minus.value, minus.text, minus.unit) == (-5, "minus 5 °C", "c")
    assert [m.value for m in parse_numbers("10 minus 5")] == [10, 5]  # arithmetic, not a sign


def test_measurement_units() -> None:
    km, miles = parse_numbers("10 kilometres (5 miles)")
    assert (km.unit, miles.unit) == ("km", "mi")
    celsius, fahrenheit = parse_numbers("30 °C (86 °F)")
    assert (celsius.unit, fahrenheit.unit) == ("c", "f")
    area = parse_numbers("1,200 square feet (111 square metres), 10 yards, 4 ounces (113 grams), 5 metric tons")
    assert [m.unit for m in area] == ["ft2", "m2", "yd", "oz", "g", "t"]


def test_document_level_extractors_use_prose_and_sentences() -> None:
    document = doc("Maduro took **51.2%** of the vote. Gonzalez got half of it. See `99%` in code.\n")
    values = [m.value for m in document.fact(numbers)]
    assert values == [51.2, 0.5]
    shares = document.fact(percentages)
    assert [(p.value, p.sentence) for p in shares] == [(51.2, 0), (50.0, 1)]
    assert shares[1].tolerance == pytest.approx(2.5)
    assert document.text[shares[0].start : shares[0].end] == "51.2%"


def test_sentence_split_across_a_blank_line_keeps_one_sentence(seed_file) -> None:  # type: ignore[no-untyped-def]
    from factcheck.document import from_text

    document = from_text(seed_file.read_text(encoding="utf-8"), path=seed_file.name)
    shares = document.fact(percentages)
    assert [p.value for p in shares] == [51.2, 44.2]
    assert shares[0].sentence == shares[1].sentence


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [("a 7-3/8 pct coupon", 7.375, 0.125), ("closed at 95-27/32", 95.84375, 1 / 32), ("a 7½% rate", 7.5, 0.125)],
)
def test_wire_fractions(text: str, value: float, precision: float) -> None:
    mention = one(text)
    assert mention.value == pytest.approx(value)
    assert mention.precision == pytest.approx(precision)


@pytest.mark.parametrize(
    ("text", "value"),
    [("hired ſix hundred workers", 600.0), ("two thirdſ of them", 2 / 3), ("a thouſand more", 1000.0), ("fİve people", 5.0)],
)
def test_letters_the_pattern_folds_to_ascii_do_not_crash_the_parse(text: str, value: float) -> None:
    # The number pattern matches "ſ" (long s) as "s" and "İ" as "i"; the word tables are looked up after the
    # same folding ("ſix" raised KeyError and stopped the whole run).
    assert one(text).value == pytest.approx(value)


_TRICKY = [
    "USDone and eurtwo, Usdfive", "minus   5 and us$ minus 5", "$ -5, -5, x-5, --5", "a\n\n   hundred, A  dozen",
    "a$.5 and $.75", "½, 7½ and ²one", "٣ apples and 5 pears", "ſix and İ5 and İstanbul 7", "Kone and K5",
    "5-3/8, 24/7, 10:30, 3/4/2024", "one-half, A third of the, Two-thirds of all", "a million and one thousand",
    "COVID-19 and F-16 and A320", "1,000,000.5 and 1,2345 and 45,5%", "\u00a05\u00a0pct\u2009and\u3000minus\u30007",
    "Prices rose 5% — to £7½, “about 3 million” – a ½ of… 10°C, 20 km² and ²one",  # symbols only: the ASCII twin
]


def _finditer_spans(text: str, start: int, stop: int) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in numbers_module._NUMBER.finditer(text, start, stop)]


def _scanner_spans(text: str, start: int, stop: int) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in numbers_module._number_matches(text, start, stop)]


@pytest.mark.parametrize("text", _TRICKY)
def test_the_anchor_scanner_finds_what_the_full_pattern_finds(text: str) -> None:
    # _number_matches tries the pattern only near digits and number words; it must return exactly
    # the matches of _NUMBER.finditer, including their groups, also inside a slice of the text.
    for start, stop in [(0, len(text)), (1, len(text) - 1), (3, len(text))]:
        assert _scanner_spans(text, start, stop) == _finditer_spans(text, start, stop)


def test_the_anchor_scanner_agrees_on_random_strings_of_number_parts() -> None:
    parts = [
        "a", "A", "one", "Two", "hundred", "dozen", "half", "thirds", "quarter", "million", "bn", "m", "k", "$", "US$",
        "usd", "EUR", "£", "€", "minus", "-", "−", ".", ",", "5", "12", "3/8", "1,000", "0.5", "½", " ", "  ", "\n",
        "\t", "\u00a0", "%", "per cent", "of", "the", "to", "and", "x", "ſix", "İ", "K", "twenty", "-one", "(", "/",
        ":", "°C", "miles", "between", "about", "٣",
    ]  # fmt: skip
    rng = random.Random(20261126)
    for _ in range(3000):
        text = "".join(rng.choice(parts) + rng.choice(["", " ", "-"]) for _ in range(rng.randint(1, 12)))
        assert _scanner_spans(text, 0, len(text)) == _finditer_spans(text, 0, len(text)), text


def test_the_stdlib_twin_of_the_number_pattern_agrees_on_ascii_text() -> None:
    # ASCII articles are matched with a stdlib-re copy of the pattern (cheaper per call); on ASCII text
    # both engines must give the same match and groups at every position, control characters included.
    parts = [
        "a", "One", "TWO", "hundred", "half", "thirds", "million", "bn", "m", "M", "$", "US$", "usd", "minus", "-", ".",
        ",", "5", "3/8", "1,000", "0.5", "7-3/8", " ", "\n", "\t", "\x0b", "\x1c", "_", "%", "pct", "per cent",
        "percentage points", "of", "the", "to", "x", "twenty", "-one", ":", "10:30", "degrees C", "sq ft", "dlrs",
        "pounds sterling", "45,5", "21st", "a dozen", "a half of", "km/h",
    ]  # fmt: skip
    rng = random.Random(7)
    for _ in range(600):
        text = "".join(rng.choice(parts) + rng.choice(["", " ", "-"]) for _ in range(rng.randint(1, 10)))
        for position in range(len(text)):
            full, twin = numbers_module._NUMBER.match(text, position), numbers_module._NUMBER_ASCII.match(text, position)
            assert (full and (full.span(), full.groups())) == (twin and (twin.span(), twin.groups())), (text, position)


def test_digits_newer_than_pythons_unicode_tables_are_skipped_not_a_crash() -> None:
    # The regex module reads Kawi digits (Unicode 15) as \d; Python 3.11's float() cannot
    # (3.12's can, and then reads them): either way no crash, and other figures are read.
    kawi = "\U00011f50\U00011f51"
    found = [(m.text, m.value) for m in parse_numbers(f"{kawi} and 12 and {kawi}½ and ٣٤ percent")]
    assert ("12", 12.0) in found and ("٣٤ percent", 34.0) in found
    try:
        float(kawi)
    except ValueError:
        assert found == [("12", 12.0), ("٣٤ percent", 34.0)]
