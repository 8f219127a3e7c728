"""Numbers written in prose, parsed once, with exact spans: the shared number parser.

Checks that do arithmetic on an article (``percent-total``, ``figure-arithmetic``)
must agree on what "1.2 million", "$3bn", "twenty-one", "half" or "40-45%" mean
and on how precisely each was written, so that parsing lives here, once.

Public API
==========

``parse_numbers(text, start=0, end=None) -> list[NumberMention]``
    Every number in ``text[start:end]``, in order, as typed mentions whose
    offsets index ``text``. Pure: no Document needed (used by tests and by
    checks that parse a single table cell).

``numbers(document) -> tuple[NumberMention, ...]``
    The same over ``document.prose`` (so code, URLs and Markdown markers are
    never parsed and offsets are valid in ``document.text``). Call it as
    ``document.fact(numbers)`` so it runs once per document.

``percentages(document) -> tuple[PercentMention, ...]``
    The percentages (unit ``percent``) and percentage-point figures (unit
    ``percentage_point``) among ``numbers(document)``, each with the index of
    its sentence (``factcheck.extract.sentences.sentences``) and of its
    ``document.blocks`` entry. A fraction of a whole ("half of the vote",
    "two-thirds of voters") counts as a percentage (50, 66.7) written to the
    nearest 5. Use via ``document.fact(percentages)``.

``NumberMention`` fields
    ``value``          the number (scale applied: "1.2 million" -> 1200000.0;
                       a fraction word is its fraction: "half" -> 0.5)
    ``start, end``     offsets of the whole mention (currency, qualifier
                       excluded; unit and scale included) in the parsed text
    ``text``           the exact text at the span
    ``high``           upper end of a range ("40-45%", "40%-45%", "3 to 4
                       million", "between 3 and 4 million"), else None;
                       ``value`` is then the lower end. Not ranges: "from 40
                       to 45 percent" and "rose 0.5 pct to 5.5 pct" (a change:
                       two mentions), "1986-87", "a 3-2 vote" (no unit)
    ``decimals``       digits written after the decimal point (0 for words)
    ``precision``      the unit of the least significant digit written, in the
                       units of ``value`` ("51.2" -> 0.1, "1.2 million" ->
                       100000, "45" -> 1, "twenty-one" -> 1); fractions
                       ("half", "two-thirds") get 0.05, i.e. they are read as
                       roughly written shares
    ``tolerance``      property: half of ``precision`` (the rounding slack)
    ``unit``           canonical unit or None: "percent" (%, percent, per cent,
                       pct), "percentage_point", "point", "basis_point", and the
                       measurement units of ``UNITS`` ("km", "mi", "kg", "lb",
                       "c", "f", ...)
    ``currency``       "$", "£", "€", "¥", or an ISO-like code/word ("usd",
                       "yen", "stg" -> "£", "dlrs" -> "$"), else None
    ``scale``          the scale word as written ("million", "bn", "m"), else None
    ``form``           "digits", "words" or "fraction"
    ``qualifier``      "about", "at_least" or "at_most" when an approximator
                       precedes the number ("about", "nearly", "more than",
                       "up to"...), else None; ``approximate`` is its bool
    ``qualifier_text`` the approximator as written, else None
    ``bounds(slack, rounding)``  (low, high) the figure can stand for, given
                       the range, the qualifier and the rounding tolerance

``PercentMention`` fields
    ``value``, ``low``, ``high`` (``low == high == value`` unless a range),
    ``start``, ``end``, ``text``, ``decimals``, ``precision``, ``tolerance``,
    ``unit`` ("percent" or "percentage_point"), ``form``, ``qualifier``,
    ``qualifier_text``, ``sentence`` (index into ``sentences(document)``, -1
    when outside every sentence), ``block`` (index into ``document.blocks``,
    -1 when none), ``number`` (the underlying NumberMention, in percent: for
    "half" its value is 50).
    The cue that ties a percentage to a whole ("of the vote") is not decided
    here: cue lists are per language and live in each rule's YAML params.

Fractions written with a slash
    "7-3/8 pct" (7.375, precision 1/8), "95-27/32", "1/2", "7½": halves to
    64ths only, the wire and bond-market forms.

What is deliberately not a number
    Ordinals ("21st"), decades ("1980s"), digits glued to letters ("COVID-19",
    "F-16", "A320", "4x4"), clock times ("10:30"), numeric dates and ratios
    ("3/4/2024", "24/7"), and "half" when it names a
    period ("first half", "the second half") or is not followed by a whole
    ("half of", "half the", "half its").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import MISSING, dataclass, fields, replace
from typing import TYPE_CHECKING, Literal

import regex

if TYPE_CHECKING:
    from factcheck.document import Document

Form = Literal["digits", "words", "fraction"]
Qualifier = Literal["about", "at_least", "at_most"]

_UNITS_WORDS = "zero one two three four five six seven eight nine".split()
_TEENS_WORDS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES: dict[str, int] = (
    {w: i for i, w in enumerate(_UNITS_WORDS)}
    | {w: 10 + i for i, w in enumerate(_TEENS_WORDS)}
    | {w: 20 + 10 * i for i, w in enumerate(_TENS_WORDS)}
)
SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
FRACTIONS: dict[str, float] = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "one-half": 0.5,
    "a third": 1 / 3, "one third": 1 / 3, "one-third": 1 / 3,
    "two thirds": 2 / 3, "two-thirds": 2 / 3,
    "a quarter": 0.25, "one quarter": 0.25, "one-quarter": 0.25,
    "three quarters": 0.75, "three-quarters": 0.75,
}  # fmt: skip
FRACTION_PRECISION = 0.05
# unit as written (lower case) -> canonical unit
UNITS: dict[str, str] = {
    "%": "percent", "percent": "percent", "per cent": "percent", "per-cent": "percent", "pct": "percent",
    "percentage point": "percentage_point", "percentage points": "percentage_point",
    "percentage-point": "percentage_point", "pct point": "percentage_point", "pct points": "percentage_point",
    "point": "point", "points": "point", "basis point": "basis_point", "basis points": "basis_point",
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "mi", "miles": "mi", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "foot": "ft", "feet": "ft", "ft": "ft", "inch": "in", "inches": "in", "yard": "yd", "yards": "yd", "yd": "yd",
    "cm": "cm", "centimetres": "cm", "centimeters": "cm", "mm": "mm", "millimetres": "mm", "millimeters": "mm",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg",
    "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb",
    "tonne": "t", "tonnes": "t", "metric tons": "t", "metric tonnes": "t", "ton": "ton", "tons": "ton",
    "gram": "g", "grams": "g", "ounce": "oz", "ounces": "oz", "oz": "oz",
    "°c": "c", "° c": "c", "degrees celsius": "c", "degrees c": "c", "celsius": "c", "centigrade": "c",
    "°f": "f", "° f": "f", "degrees fahrenheit": "f", "degrees f": "f", "fahrenheit": "f",
    "square kilometres": "km2", "square kilometers": "km2", "sq km": "km2", "km2": "km2", "km²": "km2",
    "square miles": "mi2", "sq miles": "mi2", "square mile": "mi2",
    "square metres": "m2", "square meters": "m2", "sq m": "m2", "m²": "m2",
    "square feet": "ft2", "square foot": "ft2", "sq ft": "ft2",
    "hectare": "ha", "hectares": "ha", "acre": "acre", "acres": "acre",
    "litre": "l", "litres": "l", "liter": "l", "liters": "l", "gallon": "gal", "gallons": "gal",
    "mph": "mph", "miles per hour": "mph", "km/h": "kmh", "kph": "kmh", "kilometres per hour": "kmh",
    "kilometers per hour": "kmh",
}  # fmt: skip
CURRENCY_PREFIXES: dict[str, str] = {
    "$": "$", "us$": "$", "a$": "a$", "c$": "c$", "hk$": "hk$", "nz$": "nz$", "s$": "s$",
    "£": "£", "€": "€", "¥": "¥", "usd": "$", "eur": "€", "gbp": "£", "jpy": "¥",
}  # fmt: skip
CURRENCY_SUFFIXES: dict[str, str] = {
    "dlrs": "$", "dollars": "$", "dollar": "$", "stg": "£", "sterling": "£", "pounds sterling": "£",
    "euros": "€", "euro": "€", "yen": "¥", "francs": "franc", "marks": "mark", "rupees": "rupee",
    "yuan": "yuan", "pesos": "peso", "roubles": "rouble", "rubles": "rouble", "lire": "lira", "lira": "lira",
}  # fmt: skip
QUALIFIERS: dict[str, Qualifier] = {
    "about": "about", "approximately": "about", "approx.": "about", "around": "about", "roughly": "about",
    "some": "about", "an estimated": "about", "estimated": "about", "close to": "about", "~": "about",
    "nearly": "at_most", "almost": "at_most", "just under": "at_most", "under": "at_most",
    "less than": "at_most", "fewer than": "at_most", "below": "at_most", "up to": "at_most",
    "at most": "at_most", "no more than": "at_most",
    "more than": "at_least", "over": "at_least", "just over": "at_least", "above": "at_least",
    "at least": "at_least", "upwards of": "at_least", "in excess of": "at_least",
}  # fmt: skip
# Ratio by which an "about"/"nearly" figure may differ from the true value, for bounds().
APPROXIMATE_SLACK = 0.1


def _alternation(words: object) -> str:
    """``words`` (lower case) as an alternation that tries the longest first, grouped by first character.

    Grouped, a failing alternation costs one test per first letter instead of
    one per word: "m" before the unit alternation of ``_NUMBER`` tried ~100
    words, which made the unit half of every match's cost. Only words with
    the same first character can match at one position, and within a group
    they keep the longest-first order, so the same alternative wins.
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda word: (-len(word), word)):  # type: ignore[call-overload]
        groups.setdefault(word[0], []).append(word)
    return "|".join(
        regex.escape(first) + "(?:" + "|".join(_spaced(word[1:]) for word in group) + ")"
        for first, group in sorted(groups.items())
    )


def _spaced(written: str) -> str:
    """``written`` escaped, a space in it matching any run of white space."""
    return regex.escape(written).replace(r"\ ", r"\s+").replace(" ", r"\s+")


_UNIT_WORD = _alternation(_UNITS_WORDS[1:])
_TEEN_WORD = _alternation(_TEENS_WORDS)
_TEN_WORD = _alternation(_TENS_WORDS)
_SMALL = rf"(?:(?:{_TEN_WORD})(?:[-\s](?:{_UNIT_WORD}))?|{_TEEN_WORD}|{_UNIT_WORD}|zero)"
_WORDS = rf"""(?:
    (?:(?:{_UNIT_WORD}|a)\s+hundred(?:\s+(?:and\s+)?{_SMALL}(?![-\w]))?)
  | a\s+dozen | (?:a|one)(?=\s+(?:thousand|million|billion|trillion)\b) | {_SMALL}
)(?![-\w])"""
_FRACTION = rf"""(?:{_alternation(FRACTIONS)})(?=\s+(?:of|the|its|their|his|her|our|all|those|them)\b)"""
_DIGITS = r"\d+,\d{1,2}(?=\s?%)|(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)|\.\d+"
# Wire-copy and market fractions: "7-3/8 pct", "95-27/32", "1/2", "7½"; only
# the denominators of halves to 64ths, so "24/7" and "3/4/2024" are not fractions.
_VULGAR = r"(?:\d+[-\s])?\d{1,2}/(?:2|3|4|8|16|32|64)(?![\d/])|\d*[½¼¾⅓⅔⅛⅜⅝⅞]"
UNICODE_FRACTIONS: dict[str, float] = {
    "½": 1 / 2, "¼": 1 / 4, "¾": 3 / 4, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8,
}  # fmt: skip
_SCALE_LONG = r"thousand|million|billion|trillion"
_SCALE_SHORT = r"mln|bln|mn|bn|tn|trn"
_UNIT = _alternation(UNITS)
_CUR_PREFIX = _alternation(CURRENCY_PREFIXES)

# ``-f``: V1 with IGNORECASE would turn on full Unicode case folding, which made
# this one scan slower than the whole Markdown parse (1.7 MB/s); number words,
# scales and units are ASCII, so simple folding matches the same (5.5 MB/s).
_NUMBER = regex.compile(
    rf"""(?ix-f)
    (?<![\w.,/$£€¥])
    (?:(?P<cur>{_CUR_PREFIX})\s?)?
    (?P<sign>[-−](?=\d)|minus\s+(?=\d))?
    (?:(?P<vulgar>{_VULGAR}) | (?P<digits>{_DIGITS}) | (?P<fraction>{_FRACTION}) | (?P<words>{_WORDS}))
    (?:
        (?:\s|-)?(?P<scale>{_SCALE_LONG}|{_SCALE_SHORT})(?![\w])
      | (?(cur)(?P<cur_scale>[mbk])(?![\w]))
    )?
    (?:(?:\s|-)?(?P<unit>{_UNIT})(?![\w]))?
    (?:\s(?P<cursuf>{_alternation(CURRENCY_SUFFIXES)})(?![\w]))?
    """,
    regex.V1,
)
# The same pattern for stdlib re, used on ASCII text only (most articles): there \w, \s, \d and case
# folding mean the same in both engines (re.ASCII), the pattern's other characters cannot match, and
# re's match() costs ~60% of regex's. (re allows no second group named "scale": hence "cur_scale".)
_NUMBER_ASCII = re.compile(_NUMBER.pattern.replace("(?ix-f)", "(?ix)", 1), re.ASCII)


# ------------------------------------------------------------ the scanner
#
# ``_NUMBER.finditer`` tries the whole pattern at every word start of the
# prose (4.5 MB/s, the costliest scan of a run). Every match holds an anchor
# that a plain scan finds ten times faster: a digit run, a number or fraction
# word ("one" .. "ninety", "hundred", "dozen", "half", "third", "quarter", a
# scale word after "a"), a Unicode fraction, or a currency code glued to a
# number word ("USDone"). Before its first anchor a match can hold only
# ``[currency\s?][- | − | minus\s+ | . | a\s+]``, so ``_number_matches`` tries
# ``_NUMBER.match`` at the anchor and at those few prefix starts, in order:
# the same matches as ``finditer``, found where they can be.
#
# Why the same: let M be the leftmost match at or after the scan position and
# w its first anchor. An anchor scan never swallows w: a digit run, a word
# (preceded by no letter or digit) or a currency code that overlapped M's
# start would put a letter, digit, "." or "," right before M, which the
# lookbehind of ``_NUMBER`` forbids. Anchors before w lie before M, so their
# candidates fail; w's candidates include M's start, and the ones before it
# fail. Anchors are found in lower-cased text with ``re`` (a case-insensitive
# scan is ten times slower): ``_NUMBER``'s simple case folding differs from
# ``str.lower`` only for "ſ" (replaced) and "İ" (lower-cases to two
# characters: such a text, and one with non-ASCII digits, takes ``finditer``).


# Grouped by first letter (see _alternation): ``re`` then scans for a first letter, 2x faster.
_ANCHOR_WORDS = _alternation(
    [*WORD_VALUES, "hundred", "dozen", "half", "third", "quarter", "thousand", "million", "billion", "trillion"]
)
_GLUED_CURRENCY = "|".join(re.escape(c) for c in CURRENCY_PREFIXES if c[-1].isalnum())
_ANCHOR_WORD_BODY = rf"(?:{_ANCHOR_WORDS}|(?:{_GLUED_CURRENCY})(?=(?:{_ANCHOR_WORDS})))"
# A word anchor starts where no letter or digit precedes. A pattern that starts with a lookbehind is
# tried at every character (re finds no first character to skip to: 20 ns a character, the costliest
# scan of the parser); one that starts with a literal space is tried only after a space, which re
# finds with a plain loop. So word anchors come from two scans that take the character before the
# word with them: after a space (most), and after any other non-alphanumeric character.
_ANCHOR_WORD_AFTER_SPACE = re.compile(f" {_ANCHOR_WORD_BODY}")
_ANCHOR_WORD_AFTER_OTHER = re.compile(f"[^a-z0-9 ]{_ANCHOR_WORD_BODY}")
_ANCHOR_WORD_HERE = re.compile(_ANCHOR_WORD_BODY)
_ASCII_ALPHANUMERIC = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _word_anchors(lowered: str, start: int, stop: int) -> list[int]:
    """Starts of number words (and currency codes glued to one) in ``lowered[start:stop]`` after no
    letter or digit (a-z, 0-9), in order. A match is all letters, so no anchor hides inside another."""
    found = [m.start() + 1 for m in _ANCHOR_WORD_AFTER_SPACE.finditer(lowered, start, stop)]
    found += [m.start() + 1 for m in _ANCHOR_WORD_AFTER_OTHER.finditer(lowered, start, stop)]
    if (start == 0 or lowered[start - 1] not in _ASCII_ALPHANUMERIC) and _ANCHOR_WORD_HERE.match(lowered, start, stop):
        found.append(start)  # at the start, what precedes lies outside the scans
    found.sort()
    return found
# The regex module, not re: it skips to a digit 3x faster (13 ms against 42 ms over the news corpus).
_ANCHOR_DIGITS = regex.compile(r"[0-9][0-9.,]*")
_ANCHOR_FRACTION = re.compile(f"[{''.join(UNICODE_FRACTIONS)}]")
# What may precede a match's first anchor, read backwards from it (REVERSE), with _NUMBER's folding.
# Read backwards, prefixes sharing a first letter are not what decides ("us$" and "$" both end a
# match at one place): the plain longest-first alternation, so "US$" wins over "$" as forwards.
_CUR_PREFIX_LONGEST_FIRST = "|".join(_spaced(c) for c in sorted(CURRENCY_PREFIXES, key=lambda c: (-len(c), c)))
_BEFORE_ANCHOR = regex.compile(
    rf"(?ix-f)(?r)(?:(?:{_CUR_PREFIX_LONGEST_FIRST})\s?)?(?P<core>[-−]|minus\s+|\.|a\s+)?", regex.V1
)
# The last character of anything _BEFORE_ANCHOR can match (whitespace apart): elsewhere it cannot match.
_PREFIX_LAST = frozenset("-−." + "".join(c[-1] + c[-1].upper() for c in CURRENCY_PREFIXES))
# ... and what precedes its whitespace: a currency, "minus" ("ſ" folds to "s"), "a" (or more whitespace).
_PREFIX_BEFORE_SPACE = _PREFIX_LAST | frozenset("sSſaA")
# "a " begins a match only before a word ("a hundred", "a half"): before a figure ("a 5") it cannot.
_PREFIX_BEFORE_SPACE_OF_FIGURE = _PREFIX_BEFORE_SPACE - frozenset("aA")
_CURRENCY_CODES = frozenset(c for c in CURRENCY_PREFIXES if c.isalpha())
_CURRENCY_SYMBOLS = frozenset(c[-1] for c in CURRENCY_PREFIXES if not c[-1].isalpha())


def _prefix_possible(text: str, anchor: int) -> bool:
    """Whether ``_BEFORE_ANCHOR`` can find a currency, sign, "." or "a" right before ``anchor``.

    False only where it cannot, read as it reads (white space is ``\\s``, a subset of
    ``str.isspace``): the common "was 5", "and 2022" or "[link]   5" then skip a regex call
    (~1 us) that the first-character tests of ``_number_matches`` let through.
    """
    last = anchor - 1
    while last >= 0 and text[last].isspace():
        last -= 1
    if last < 0:
        return False
    written, spaces = text[last], anchor - 1 - last
    if spaces and written in "sSſ":
        word = text[max(0, last - 4) : last + 1]
        return not word.isascii() or word.lower() == "minus"  # "minus 5", not "was 5"
    if spaces and written in "aA":
        return text[anchor].isalpha()  # "a hundred", "a half"; never "a 5"
    if spaces > 1:
        return False  # a currency takes at most one white space character before the number
    if written in _CURRENCY_SYMBOLS:
        return True  # "$5", "US$ 5"
    if written in "-−.":
        return spaces == 0  # "-5", ".5"
    code = text[max(0, last - 2) : last + 1]
    return not code.isascii() or code.lower() in _CURRENCY_CODES  # "USD 5", "eur5"
_OTHER_DIGIT = regex.compile(r"[\d--[0-9]]", regex.V1)
_NON_ASCII_WORD_OR_SPACE = regex.compile(r"[[\w\s]--[\x00-\x7f]]", regex.V1)
# Searched only among the non-ASCII characters (re drops the ASCII runs in C): 5x faster than
# the regex module's walk over the whole text.
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def _number_matches(text: str, start: int, stop: int) -> list[regex.Match[str]] | list[re.Match[str]]:
    """The matches of ``_NUMBER.finditer(text, start, stop)``, tried only where a number can start.

    A list: resuming a generator for every number cost more than building the list."""
    lowered = text.lower()
    match = _NUMBER.match
    if text.isascii():
        match = _NUMBER_ASCII.match  # type: ignore[assignment]
        anchors = [m.start() for m in _ANCHOR_DIGITS.finditer(lowered, start, stop)]
        anchors += _word_anchors(lowered, start, stop)
    elif len(lowered) == len(text) and not _NON_ASCII_WORD_OR_SPACE.search(_ASCII_RUNS.sub("", text[max(0, start - 1) : stop])):
        # Only non-ASCII punctuation and symbols (curly quotes, dashes, £, ½): to both engines they are
        # neither letters, digits nor spaces, and none case-folds to ASCII, so the ASCII twin holds too.
        match = _NUMBER_ASCII.match  # type: ignore[assignment]
        anchors = [m.start() for m in _ANCHOR_DIGITS.finditer(lowered, start, stop)]
        anchors += _word_anchors(lowered, start, stop)
        anchors += [m.start() for m in _ANCHOR_FRACTION.finditer(lowered, start, stop)]
    else:
        if len(lowered) != len(text) or _OTHER_DIGIT.search(text, start, stop):
            return list(_NUMBER.finditer(text, start, stop))
        lowered = lowered.replace("ſ", "s")
        anchors = [m.start() for m in _ANCHOR_DIGITS.finditer(lowered, start, stop)]
        anchors += _word_anchors(lowered, start, stop)
        anchors += [m.start() for m in _ANCHOR_FRACTION.finditer(lowered, start, stop)]
    anchors.sort()
    before_anchor = _BEFORE_ANCHOR.match
    prefix_last, prefix_before_space = _PREFIX_LAST, _PREFIX_BEFORE_SPACE
    prefix_before_space_of_figure = _PREFIX_BEFORE_SPACE_OF_FIGURE
    found_matches = []
    position = start  # where finditer would search next
    tried = start - 1  # candidates up to here failed
    for anchor in anchors:
        if anchor < position:
            continue  # inside the last match
        if anchor > position and (
            (previous := text[anchor - 1]) in prefix_last
            or (
                previous.isspace() and anchor - 1 > position
                and (
                    (before := text[anchor - 2])
                    in (prefix_before_space if text[anchor].isalpha() else prefix_before_space_of_figure)
                    or before.isspace()
                )
            )
        ) and _prefix_possible(text, anchor):
            prefix = before_anchor(text, position, anchor)
            if prefix.start() < anchor:  # the currency start, then the sign/"a"/"." start (-1 if none)
                for candidate in (prefix.start(), prefix.start("core"), anchor):
                    if candidate <= tried:
                        continue
                    tried = candidate
                    found = match(text, candidate, stop)
                    if found:
                        found_matches.append(found)
                        position = found.end()
                        break
                continue
        if anchor > tried:  # the anchor is the only candidate
            tried = anchor
            found = match(text, anchor, stop)
            if found:
                found_matches.append(found)
                position = found.end()
    return found_matches


# _NUMBER's groups in the order match.groups() returns them (the same in _NUMBER_ASCII).
_GROUP_ORDER = ("cur", "sign", "vulgar", "digits", "fraction", "words", "scale", "cur_scale", "unit", "cursuf")
assert tuple(sorted(_NUMBER.groupindex, key=_NUMBER.groupindex.__getitem__)) == _GROUP_ORDER, _NUMBER.groupindex
assert dict(_NUMBER_ASCII.groupindex) == dict(_NUMBER.groupindex)
_CUR_GROUP, _SIGN_GROUP, _VULGAR_GROUP, _DIGITS_GROUP, _FRACTION_GROUP, _WORDS_GROUP = (
    _NUMBER.groupindex[name] for name in _GROUP_ORDER[:6]
)

_QUALIFIER_BEFORE = regex.compile(rf"(?i)(?<![\w])(?:{_alternation(QUALIFIERS)})\s*$")
_PERIOD_BEFORE_HALF = regex.compile(r"(?i)\b(?:first|second|third|fourth|last|final|other|latter|former|the|a)\s+$")
_RANGE_JOIN = regex.compile(r"(?i)^\s*(?:[-–—]|to)\s*$")
_BETWEEN_JOIN = regex.compile(r"(?i)^\s+and\s+$")
# What _RANGE_JOIN or _BETWEEN_JOIN can hold between their whitespace (lower case), and the last
# words of the approximators: cheap tests that skip those searches where they cannot match.
_JOIN_WORDS = frozenset(("-", "–", "—", "to", "and"))
assert max(len(word) for word in _JOIN_WORDS) <= 3  # parse_numbers' test of a long gap relies on it
_QUALIFIER_LAST_WORDS = tuple(sorted({qualifier.split()[-1] for qualifier in QUALIFIERS}))
# A last word that also ends other phrases ("of", "to") -> the words that can stand before it in an approximator.
_QUALIFIER_WORDS_BEFORE: dict[str, tuple[str, ...]] = {
    last: tuple(sorted({q.split()[-2] for q in QUALIFIERS if q.split()[-1] == last and len(q.split()) > 1}))
    for last in ("of", "to")
}
assert all(q.split()[-1] not in _QUALIFIER_WORDS_BEFORE or len(q.split()) > 1 for q in QUALIFIERS)
_QUALIFIER_ENDINGS = frozenset(q[-2:] for q in QUALIFIERS if len(q) >= 2)
# How far before a number an approximator may begin.
_QUALIFIER_WINDOW = 24
_WORD_BEFORE = regex.compile(r"(?i)(\w+)\s*$")
# Compiled once: regex.sub/fullmatch with a pattern string look it up in
# regex's cache on every call, which was ~10% of a corpus run here.
_SPACES = regex.compile(r"\s+")
_WORD_SEPARATORS = regex.compile(r"[-\s]+")
_DECIMAL_COMMA = regex.compile(r"\d+,\d{1,2}")


class _WrittenFigure:
    """What any figure written in prose answers: where it stands and how exactly it was written."""

    start: int
    end: int
    precision: float

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    @property
    def tolerance(self) -> float:
        """Rounding slack: half a unit of the least significant digit written."""
        return self.precision / 2


@dataclass(frozen=True)
class NumberMention(_WrittenFigure):
    """One number as written in prose; see the module docstring for every field."""

    value: float
    start: int
    end: int
    text: str
    decimals: int
    precision: float
    form: Form
    unit: str | None = None
    currency: str | None = None
    scale: str | None = None
    high: float | None = None
    qualifier: Qualifier | None = None
    qualifier_text: str | None = None

    @property
    def is_range(self) -> bool:
        return self.high is not None

    @property
    def approximate(self) -> bool:
        return self.qualifier is not None

    def bounds(self, slack: float = APPROXIMATE_SLACK, rounding: float = 0.5) -> tuple[float, float | None]:
        """(low, high) this figure can stand for; high None means unbounded.

        Rounding widens both ends by ``rounding`` units of the last digit
        written (0.5: the ``tolerance``); "about"/"nearly" widen by ``slack``
        (a ratio of the value); "more than" opens the top, "up to" the bottom.
        """
        low = self.value - self.precision * rounding
        top = (self.high if self.high is not None else self.value) + self.precision * rounding
        high: float | None = top
        if self.qualifier == "about":
            low -= abs(self.value) * slack
            high = top + abs(top) * slack
        elif self.qualifier == "at_least":
            high = None
        elif self.qualifier == "at_most":
            low = 0.0 if self.value >= 0 else low - abs(self.value) * slack
            if self.qualifier_text and self.qualifier_text.lower().split()[-1] in ("nearly", "almost"):
                low = self.value * (1 - slack)
        return low, high


def _new_mention(
    value: float, start: int, end: int, text: str, decimals: int, precision: float, form: Form,
    unit: str | None, currency: str | None, scale: str | None,
) -> NumberMention:
    """A NumberMention built without the frozen dataclass __init__ (13 object.__setattr__ calls:
    1.5 us, 0.45 here, on every number of a run). Same fields, equality, hash and repr."""
    mention = _new_object(NumberMention)
    _set_attribute(mention, "__dict__", {
        "value": value, "start": start, "end": end, "text": text, "decimals": decimals, "precision": precision,
        "form": form, "unit": unit, "currency": currency, "scale": scale,
        "high": None, "qualifier": None, "qualifier_text": None,
    })  # fmt: skip
    return mention


def _replaced(mention: NumberMention, **changes: object) -> NumberMention:
    """``dataclasses.replace(mention, **changes)`` without the frozen __init__ (NumberMention has
    no __post_init__ and no field outside __init__): 4 us -> 0.5 us."""
    copy = _new_object(NumberMention)
    _set_attribute(copy, "__dict__", {**mention.__dict__, **changes})
    return copy


_new_object = object.__new__
_set_attribute = object.__setattr__
# The fields _new_mention leaves at their defaults, and those defaults (plain values, no default_factory).
assert {f.name: f.default for f in fields(NumberMention) if f.default is not MISSING} == {
    "unit": None, "currency": None, "scale": None, "high": None, "qualifier": None, "qualifier_text": None
} and not any(f.default_factory is not MISSING for f in fields(NumberMention))
assert [f.name for f in fields(NumberMention)] == [
    "value", "start", "end", "text", "decimals", "precision", "form", "unit", "currency", "scale", "high", "qualifier",
    "qualifier_text",
]


@dataclass(frozen=True)
class PercentMention(_WrittenFigure):
    """A percentage (or percentage-point figure) with its sentence and block."""

    value: float
    low: float
    high: float
    start: int
    end: int
    text: str
    decimals: int
    precision: float
    unit: str
    form: Form
    sentence: int
    block: int
    number: NumberMention
    qualifier: Qualifier | None = None
    qualifier_text: str | None = None

    @property
    def is_range(self) -> bool:
        return self.high != self.low


def _canonical(table: dict[str, str], written: str | None) -> str | None:
    if written is None:
        return None
    key = written.lower()
    if key in table:  # the usual spelling; a table key has single spaces, so collapsing would not change it
        return table[key]
    return table.get(_SPACES.sub(" ", key))


# _NUMBER's case folding also matches "ſ" (long s) to "s" and "İ" to "i", which str.lower() keeps or
# turns into two characters: "ſix hundred" (old print, OCR) made the table lookups raise KeyError.
_FOLD_TO_ASCII = str.maketrans({"ſ": "s", "İ": "i"})


def folded(written: str) -> str:
    """A number, fraction or scale word as written, as a key of WORD_VALUES, FRACTIONS or SCALES."""
    return written.translate(_FOLD_TO_ASCII).lower()


def scale_multiplier(scale: str) -> float:
    """The value of a scale word as written ("million", "bn", "M")."""
    return SCALES[folded(scale)]


def _word_value(words: str) -> float:
    """Value of a spelled-out number such as "two hundred and forty-one" or "a dozen"."""
    tokens = [t for t in _WORD_SEPARATORS.split(folded(words)) if t and t != "and"]
    if tokens[-1:] == ["dozen"]:
        return 12.0
    total = 0
    for token in tokens:
        if token == "hundred":
            total = max(total, 1) * 100
        elif token == "a":
            total += 1
        else:
            total += WORD_VALUES[token]
    return float(total)


def _vulgar_value(written: str) -> tuple[float, float]:
    """Value and precision (one unit of the denominator) of "7-3/8", "1/2" or "7½"."""
    if written[-1] in UNICODE_FRACTIONS:
        part = UNICODE_FRACTIONS[written[-1]]
        whole = written[:-1]
        return (float(whole) if whole else 0.0) + part, 1 / 8 if part * 8 % 1 == 0 else 1 / 3
    whole_part, _, fraction_part = written.rpartition("-") if "-" in written else written.rpartition(" ")
    numerator, denominator = (int(n) for n in fraction_part.split("/"))
    return (float(whole_part) if whole_part.strip() else 0.0) + numerator / denominator, 1 / denominator


def _decimals_of(value: float) -> int:
    """Decimals needed to show ``value`` exactly, up to 4 (7.375 -> 3)."""
    text = f"{value:.4f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _previous_visible(text: str, offset: int) -> str:
    """The last non-space character before ``offset`` ("" if none).

    Walks back from ``offset``; slicing ``text[:offset]`` copied the document
    up to every signed number, quadratic in a long file (4x the text, 11x the time).
    """
    index = offset
    while index > 0 and text[index - 1].isspace():
        index -= 1
    return text[index - 1 : index]


def _atom(match: regex.Match[str] | re.Match[str], text: str) -> NumberMention | None:
    """One number from a regex match, or None when it is part of a word or a time."""
    # One groups() (0.1 us) instead of a dozen match["name"] (0.2 us each): _atom runs on every number.
    cur, sign, vulgar, digits_written, fraction, words, scale_word, cur_scale, unit_written, cursuf = match.groups()
    end = match.end()
    after = text[end : end + 1]
    if after.isalnum() and not (unit_written or scale_word or cur_scale or cursuf):
        return None  # 21st, 1980s, 4x4, A320's tail
    scale_word = scale_word or cur_scale
    if sign and _previous_visible(text, match.start(_SIGN_GROUP)) in _DIGIT_OR_PERCENT:
        sign = None  # "40 - 45%": a dash between figures, not a minus
    if digits_written or vulgar:
        first = match.start(_DIGITS_GROUP if digits_written else _VULGAR_GROUP)
        if after in ":/" and text[end + 1 : end + 2].isdigit():
            return None  # a clock time, a numeric date, "24/7"
        if first >= 2 and text[first - 1] in "-–" and text[first - 2].isalpha():
            return None  # COVID-19, F-16
        if first >= 1 and text[first - 1] == ":" and text[first - 2 : first - 1].isdigit():
            return None
    else:
        first = match.start(_WORDS_GROUP if words else _FRACTION_GROUP)
        if fraction and _PERIOD_BEFORE_HALF.search(text, max(0, match.start() - 12), match.start()):
            return None
    multiplier = scale_multiplier(scale_word) if scale_word else 1.0
    if digits_written:
        written = digits_written
        if "," in written:
            written = written.replace(",", ".") if _DECIMAL_COMMA.fullmatch(written) else written.replace(",", "")
        try:
            value = float(written)
        except ValueError:
            # The regex module's \d knows newer Unicode digits (Kawi's, say) than
            # this Python's float(): such a figure has no value we can check.
            return None
        point = written.find(".")  # a float has at most one
        decimals = len(written) - point - 1 if point >= 0 else 0
        precision = 10.0**-decimals * multiplier
        form: Form = "digits"
    elif vulgar:
        try:
            value, precision = _vulgar_value(vulgar)
        except ValueError:
            return None  # whole part in digits this Python cannot read (see above)
        precision *= multiplier
        decimals = _decimals_of(value)
        form = "digits"
    elif fraction:
        value = FRACTIONS[_SPACES.sub(" ", folded(fraction))]
        decimals, precision, form = 0, FRACTION_PRECISION, "fraction"
    else:
        value = _word_value(words)
        decimals, precision, form = 0, multiplier, "words"
    if sign:
        value = -value
    unit = (UNITS.get(unit_written.lower()) or _canonical(UNITS, unit_written)) if unit_written else None
    currency = (cur and _canonical(CURRENCY_PREFIXES, cur)) or (cursuf and _canonical(CURRENCY_SUFFIXES, cursuf)) or None
    span_start = match.start(_CUR_GROUP) if cur else match.start(_SIGN_GROUP) if sign else first
    return _new_mention(
        value * multiplier, span_start, end, text[span_start:end], decimals, precision, form, unit, currency, scale_word
    )


_DIGIT_OR_PERCENT = frozenset("0123456789%")


def _join_range(low: NumberMention, high: NumberMention, text: str) -> NumberMention | None:
    """"40-45%", "3 to 4 million", "between 40 and 45 percent" as one ranged mention."""
    between = text[low.end : high.start]
    if low.form == "fraction" or high.form == "fraction":
        return None
    if between.strip().lower() not in _JOIN_WORDS:
        return None  # neither join below can match: most neighbours are words apart
    if _BETWEEN_JOIN.match(between):
        before = _WORD_BEFORE.search(text, max(0, low.start - 20), low.start)
        if not before or before.group(1).lower() != "between":
            return None
    elif _RANGE_JOIN.match(between):
        before = _WORD_BEFORE.search(text, max(0, low.start - 20), low.start)
        if "to" in between.lower() and before and before.group(1).lower() == "from":
            return None  # "from 40 to 45 percent" is a change, not a range
        if "to" in between.lower() and low.unit is not None:
            return None  # "rose 0.5 pct to 5.5 pct", "trailed 40 percent to 47 percent": two figures
        if not (high.unit or high.scale or high.currency or low.currency):
            return None  # "1986-87", "a 3-2 vote"
    else:
        return None
    if low.unit is not None and low.unit != high.unit:
        return None
    if low.currency is not None and high.currency is not None and low.currency != high.currency:
        return None
    low_value = low.value
    precision = low.precision
    if low.scale is None and high.scale is not None:
        multiplier = scale_multiplier(high.scale)
        low_value *= multiplier
        precision *= multiplier
    if low_value > high.value:
        return None
    return _replaced(
        high,
        value=low_value,
        high=high.value,
        start=low.start,
        text=text[low.start : high.end],
        decimals=max(low.decimals, high.decimals),
        precision=min(precision, high.precision),
        currency=low.currency or high.currency,
    )


def _may_be_qualified(start: int, text: str) -> bool:
    """Whether an approximator can end right before ``start``: a cheap test that skips most searches.

    The last word must end like an approximator; "of" and "to", the commonest
    words before a figure, end one only after "upwards"/"excess", "up"/"close".
    """
    if start >= 3 and text[start - 1] == " ":  # the commonest case, tested cheapest first
        ending = text[start - 3 : start - 1].lower()  # the last two characters of the word before
        if ending.isascii() and not ending[1].isspace() and ending not in _QUALIFIER_ENDINGS and ending[1] != "~":
            return False  # no approximator ends so ("~" is the one written in one character)
    words = text[max(0, start - _QUALIFIER_WINDOW) : start].rsplit(None, 2)
    if not words:
        return False
    last = words[-1]
    if not last.isascii():
        return True
    last = last.lower()
    if not last.endswith(_QUALIFIER_LAST_WORDS):
        return False
    if last in _QUALIFIER_WORDS_BEFORE:
        return len(words) > 1 and (not words[-2].isascii() or words[-2].lower().endswith(_QUALIFIER_WORDS_BEFORE[last]))
    return True


def _qualify(mention: NumberMention, text: str) -> NumberMention:
    window_start = max(0, mention.start - _QUALIFIER_WINDOW)
    found = _QUALIFIER_BEFORE.search(text, window_start, mention.start)
    if not found:
        return mention
    written = found.group().strip()
    return _replaced(mention, qualifier=QUALIFIERS[_SPACES.sub(" ", written.lower())], qualifier_text=written)


def parse_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """Every number in ``text[start:end]`` in order; offsets index ``text``."""
    stop = len(text) if end is None else end
    merged: list[NumberMention] = []
    previous: NumberMention | None = None
    join_words = _JOIN_WORDS
    for match in _number_matches(text, start, stop):
        atom = _atom(match, text)
        if atom is None:
            continue
        # _join_range's cheapest test, inline: most neighbours are words apart and cannot join. What
        # joins is one word of at most 3 characters in white space: in a gap of 10 or more, the 4th
        # character or the 4th from the end is white space (tested before copying the gap).
        if previous is not None and (
            atom.start - previous.end < 10 or text[previous.end + 3].isspace() or text[atom.start - 4].isspace()
        ) and text[previous.end : atom.start].strip().lower() in join_words:
            joined = _join_range(previous, atom, text)
            if joined is not None:
                merged[-1] = previous = joined
                continue
        merged.append(atom)
        previous = atom
    return [_qualify(m, text) if _may_be_qualified(m.start, text) else m for m in merged]


def numbers(document: Document) -> tuple[NumberMention, ...]:
    """Every number in the document's prose (use via ``document.fact(numbers)``)."""
    return tuple(parse_numbers(document.prose))


def percentages(document: Document) -> tuple[PercentMention, ...]:
    """Percentages and percentage-point figures, with sentence and block indexes."""
    from factcheck.extract.sentences import sentences

    found = document.fact(sentences)
    sentence_starts = [s.start for s in found]
    block_starts = [b.start for b in document.blocks]
    mentions: list[PercentMention] = []
    for number in document.fact(numbers):
        if number.form == "fraction" and number.unit is None:
            number = replace(number, value=number.value * 100, precision=number.precision * 100, unit="percent")
        if number.unit not in ("percent", "percentage_point"):
            continue
        s_index = bisect.bisect_right(sentence_starts, number.start) - 1
        if s_index >= 0 and not found[s_index].start <= number.start < found[s_index].end:
            s_index = -1
        b_index = bisect.bisect_right(block_starts, number.start) - 1
        if b_index >= 0 and not document.blocks[b_index].start <= number.start < document.blocks[b_index].end:
            b_index = -1
        # Built without the frozen __init__ (15 object.__setattr__ calls, 3 us): same fields, equality and repr.
        mention = _new_object(PercentMention)
        _set_attribute(mention, "__dict__", {
            "value": number.value, "low": number.value,
            "high": number.high if number.high is not None else number.value,
            "start": number.start, "end": number.end, "text": number.text, "decimals": number.decimals,
            "precision": number.precision, "unit": number.unit or "percent", "form": number.form,
            "sentence": s_index, "block": b_index, "number": number,
            "qualifier": number.qualifier, "qualifier_text": number.qualifier_text,
        })  # fmt: skip
        mentions.append(mention)
    return tuple(mentions)


assert [f.name for f in fields(PercentMention)] == [
    "value", "low", "high", "start", "end", "text", "decimals", "precision", "unit", "form", "sentence", "block",
    "number", "qualifier", "qualifier_text",
] and not hasattr(PercentMention, "__post_init__")
