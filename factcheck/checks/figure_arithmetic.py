"""Kind ``figure-arithmetic``: a figure that can be recomputed from the figures beside it, and is wrong.

## What it does
Where one sentence states a figure together with the figures it derives
from, recomputes it and flags a mismatch larger than rounding. ``claim``
picks the claim type, one rule each:

* ``percent-change``: "rose from 40 to 50, a 20% increase" (25%); wire copy's
  "rose 26 pct to 283 mln from 380 mln" and "fell 1.1 billion dlrs, or 0.3
  pct, to 369.4 billion" (the old figure implied); the new figure first,
  "carried 300, up from 200, a 40% increase" and "handled 1.2 million, up 20%
  from 1 million"; "doubled/tripled/halved from 30 to 55";
* ``difference``: "won 51.2% to 44.2%, a margin of 9 points" (7.0);
* ``parts-total``: "the 120 victims included 50 women, 40 men and 20
  children" (110); parts above the total always, parts below it only when the
  list is declared exhaustive ("of whom", "comprising", a colon) or reads as a
  breakdown (``min_inclusive_parts`` counts after "included" that come to
  ``min_listed_share`` of the total);
* ``unit-conversion``: "10 kilometres (5 miles)" (6.2): length, mass,
  temperature (a value or a change), area, volume and speed;
* ``age-year``: "Maduro, 61, ... born in 1962" and "in 2014, a decade ago"
  against the publication date.

Every figure is read as an interval: half a unit of its last digit written,
widened by "about"/"nearly" (``approximate_slack``) and opened by "more
than"/"up to". A claim is flagged only when the stated interval and the
recomputed one are further apart than the rule's ``tolerance``. Whole counts
("120 victims") are exact. The figures
must be joined by the claim's own words ("from ... to", "a margin of", "(")
with no other number between them: numbers that merely sit near each other,
ranges, figures in different units or currencies are never compared.

## Why is this bad?
A reader can redo the sum. An article whose arithmetic does not add up
loses the reader's trust in every other figure it gives.

## Example
```markdown
Sales rose from 40 million to 50 million, a 20% increase.
```

## Use instead
```markdown
Sales rose from 40 million to 50 million, a 25% increase.
```
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import regex

from factcheck.extract.claims import (
    Interval,
    SentenceNumbers,
    align_scale,
    interval,
    same_quantity,
    sentence_numbers,
)
from factcheck.extract.dates import MONTH_NAMES
from factcheck.extract.numbers import (
    QUALIFIERS,
    WORD_VALUES,
    NumberMention,
    Qualifier,
    scale_multiplier,
)
from factcheck.params import Lexicon, ParamError, compile_lexicon

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.findings import Finding
    from factcheck.rules import Rule

Claim = Literal["percent-change", "difference", "parts-total", "unit-conversion", "age-year"]
INF = math.inf

# Up to three words may name what was counted: "from 40 ships a week to 50", "to 12,000 square metres from".
_NOUN = r"(?:\s+[\p{L}'’-]+){0,3}"
_WORD = regex.compile(r"[\p{L}\p{N}'’.-]+")
_CLAUSE_BREAK = regex.compile(r"[;:!?]|\b(?:while|whereas|but|although|compared|against|versus|vs)\b", regex.I)

# Conversion factors to one base unit per dimension. A unit with several
# meanings (short/long/metric ton, US/imperial gallon) lists each; "nautical miles"
# is not parsed as miles, so a mile is a statute mile.
# A conversion is right if any reading fits.
_LINEAR: dict[str, tuple[str, tuple[float, ...]]] = {
    "km": ("length", (1000.0,)), "m": ("length", (1.0,)), "cm": ("length", (0.01,)), "mm": ("length", (0.001,)),
    "mi": ("length", (1609.344,)), "ft": ("length", (0.3048,)), "in": ("length", (0.0254,)),
    "yd": ("length", (0.9144,)),
    "kg": ("mass", (1.0,)), "g": ("mass", (0.001,)), "lb": ("mass", (0.45359237,)), "oz": ("mass", (0.028349523,)),
    "t": ("mass", (1000.0,)), "ton": ("mass", (907.18474, 1016.0469, 1000.0)),
    "km2": ("area", (1e6,)), "mi2": ("area", (2589988.11,)), "ha": ("area", (1e4,)), "acre": ("area", (4046.8564,)),
    "m2": ("area", (1.0,)), "ft2": ("area", (0.09290304,)),
    "l": ("volume", (1.0,)), "gal": ("volume", (3.785411784, 4.54609)),
    "kmh": ("speed", (1.0,)), "mph": ("speed", (1.609344,)),
}  # fmt: skip
_UNIT_NAMES = {"km": "km", "m": "m", "cm": "cm", "mm": "mm", "mi": "miles", "ft": "feet", "in": "inches",
               "yd": "yards", "kg": "kg", "g": "g", "lb": "lb", "oz": "oz", "t": "tonnes", "ton": "tons",
               "km2": "km²", "mi2": "square miles", "ha": "hectares", "acre": "acres", "m2": "m²", "ft2": "sq ft",
               "l": "litres", "gal": "gallons", "kmh": "km/h", "mph": "mph", "c": "°C", "f": "°F"}  # fmt: skip
_NUMBER_WORDS = {**WORD_VALUES, "a": 1, "an": 1}
_MONTHS = "|".join([*(m.lower() for m in MONTH_NAMES[1:]), "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"])
_MONTH_AFTER = regex.compile(rf"(?i)\s*(?:{_MONTHS})\b")
_MONTH_WORDS = tuple(_MONTHS.split("|"))
_MONTH_INITIALS = frozenset(month[0] for month in _MONTH_WORDS)
_MONTH_BEFORE = regex.compile(rf"(?i)\b(?:{_MONTHS})\.?\s*$")
_AGE_BEFORE = regex.compile(r"(?:\p{Lu}[\p{L}'’.-]*|\))\s*,\s*$")
_AGE_AFTER = regex.compile(r"^\s*,")
_YEAR = regex.compile(r"(?<![\w.,$£€¥])(1[89]\d\d|20\d\d)(?!\w|[.,]\d)")


# Which word lists each claim needs: an empty one would make the rule silently useless.
_NEEDS: dict[str, tuple[str, ...]] = {
    "percent-change": ("up_words", "down_words", "change_nouns", "multiples"),
    "difference": ("margin_words",),
    "parts-total": ("partial_words", "include_words", "exhaustive_words"),
    "unit-conversion": (),
    "age-year": ("born_words", "ago_words"),
}
# Parameters only one claim reads: setting one on another claim's rule is a mistake worth an error.
_ONLY_FOR: dict[str, str] = {
    **{name: claim for claim, names in _NEEDS.items() for name in names},
    "multiple_tolerance": "percent-change", "min_inclusive_parts": "parts-total", "min_listed_share": "parts-total",
    "skip_age_words": "age-year", "decade_tolerance": "age-year",
}  # fmt: skip


@dataclass(frozen=True)
class Params:
    """``claim`` picks the claim type; ``tolerance`` is its slack beyond rounding.

    ``tolerance`` is in the claim's own units: percentage points of the change
    (percent-change), units of the margin (difference), units of the total
    (parts-total), a ratio of the converted value (unit-conversion), years
    (age-year). Word lists are regular expressions keyed by language.
    """

    claim: Claim
    tolerance: float = 0.0
    # Ratio by which an "about"/"nearly" figure may differ from the truth.
    approximate_slack: float = 0.1
    # percent-change: "rose", "a rise of", "doubled" (word -> multiple).
    up_words: Lexicon = field(default_factory=dict)
    down_words: Lexicon = field(default_factory=dict)
    change_nouns: Lexicon = field(default_factory=dict)
    multiples: dict[str, float] = field(default_factory=dict)
    multiple_tolerance: float = 0.05
    # difference: "a margin of", "lead", "gap".
    margin_words: Lexicon = field(default_factory=dict)
    # parts-total: ", including" (examples: only a sum above the total is wrong),
    # "included" (complete when it names min_inclusive_parts parts or more),
    # "of whom" (complete).
    partial_words: Lexicon = field(default_factory=dict)
    include_words: Lexicon = field(default_factory=dict)
    exhaustive_words: Lexicon = field(default_factory=dict)
    min_inclusive_parts: int = 3
    min_listed_share: float = 0.8
    max_label_words: int = 4
    # age-year: "born in", "years ago"; a decade is loose by this many years.
    born_words: Lexicon = field(default_factory=dict)
    ago_words: Lexicon = field(default_factory=dict)
    skip_age_words: Lexicon = field(default_factory=dict)
    decade_tolerance: float = 2.0

    up_re: Any = field(init=False, repr=False, compare=False)
    down_re: Any = field(init=False, repr=False, compare=False)
    noun_re: Any = field(init=False, repr=False, compare=False)
    stated_link_re: Any = field(init=False, repr=False, compare=False)
    noun_of_re: Any = field(init=False, repr=False, compare=False)
    multiple_re: Any = field(init=False, repr=False, compare=False)
    margin_before_re: Any = field(init=False, repr=False, compare=False)
    margin_after_re: Any = field(init=False, repr=False, compare=False)
    partial_re: Any = field(init=False, repr=False, compare=False)
    include_re: Any = field(init=False, repr=False, compare=False)
    exhaustive_re: Any = field(init=False, repr=False, compare=False)
    born_re: Any = field(init=False, repr=False, compare=False)
    ago_re: Any = field(init=False, repr=False, compare=False)
    skip_age_re: Any = field(init=False, repr=False, compare=False)
    multiple_factors: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.tolerance < 0:
            raise ParamError("tolerance", "must be 0 or more")
        if not 0 <= self.approximate_slack < 1:
            raise ParamError("approximate_slack", "give a ratio between 0 and 1")
        if not 0 <= self.multiple_tolerance < 1:
            raise ParamError("multiple_tolerance", "give a ratio between 0 and 1")
        if not 0 < self.min_listed_share <= 1:
            raise ParamError("min_listed_share", "give a ratio above 0 and at most 1")
        if self.min_inclusive_parts < 2:
            raise ParamError("min_inclusive_parts", "must be 2 or more")
        for name in _NEEDS[self.claim]:
            if not getattr(self, name):
                raise ParamError(name, f"claim {self.claim!r} needs at least one entry")
        for param in dataclasses.fields(self):
            claim = _ONLY_FOR.get(param.name)
            if claim is None or claim == self.claim:
                continue
            factory = param.default_factory
            default = param.default if factory is dataclasses.MISSING else factory()
            if getattr(self, param.name) != default:
                raise ParamError(param.name, f"only claim {claim!r} reads it; this rule's claim is {self.claim!r}")
        for word, multiple in self.multiples.items():
            if multiple <= 0:
                raise ParamError("multiples", f"{word!r}: a multiple must be positive")
        set_ = object.__setattr__
        set_(self, "multiple_factors", {word.lower(): factor for word, factor in self.multiples.items()})
        word = r"(?<![\w]){}(?![\w])"
        set_(self, "up_re", compile_lexicon(self.up_words, "up_words", word, when_empty="never-match"))
        set_(self, "down_re", compile_lexicon(self.down_words, "down_words", word, when_empty="never-match"))
        set_(self, "noun_re", compile_lexicon(self.change_nouns, "change_nouns", r"^\s*(?:-|\s)?{}(?![\w])", when_empty="never-match"))
        set_(self, "stated_link_re", compile_lexicon(
            self.change_nouns, "change_nouns", "^" + _NOUN + r"\s*,?\s*(?:or|an?|up|down|by|(?:an?\s+)?{}\s+of)\s+$", when_empty="never-match"))
        set_(self, "noun_of_re", compile_lexicon(
            self.change_nouns, "change_nouns", r"(?<![\w]){}\s+of\s+$", when_empty="never-match"))
        multiples = {"en": tuple(regex.escape(w) for w in self.multiples)} if self.multiples else {}
        set_(self, "multiple_re", compile_lexicon(multiples, "multiples", r"(?<![\w])(?P<word>{})(?![\w])", when_empty="never-match"))
        set_(self, "margin_before_re", compile_lexicon(self.margin_words, "margin_words", r"(?<![\w]){}\s+of\s+$", when_empty="never-match"))
        set_(self, "margin_after_re", compile_lexicon(
            self.margin_words, "margin_words", r"^\s*(?:-|\s)?{}(?![\w])(?!\s+of\s+(?:sampling\s+)?error)", when_empty="never-match"))
        set_(self, "partial_re", compile_lexicon(self.partial_words, "partial_words", word, when_empty="never-match"))
        set_(self, "include_re", compile_lexicon(self.include_words, "include_words", word, when_empty="never-match"))
        set_(self, "exhaustive_re", compile_lexicon(self.exhaustive_words, "exhaustive_words", r"(?<![\w]){}(?![\w])", when_empty="never-match"))
        set_(self, "born_re", compile_lexicon(self.born_words, "born_words", word, when_empty="never-match"))
        set_(self, "ago_re", compile_lexicon(self.ago_words, "ago_words", word, when_empty="never-match"))
        set_(self, "skip_age_re", compile_lexicon(self.skip_age_words, "skip_age_words", word, when_empty="never-match"))


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    params: Params = rule.params
    claim = _CLAIMS[params.claim]
    fewest = _FEWEST_FIGURES[params.claim]
    for found in document.fact(_quantity_sentences):
        if len(found.numbers) >= fewest:  # a claim of fewer figures cannot hold: most sentences have one or two
            yield from claim(document, rule, params, found)


def _quantity_sentences(document: Document) -> tuple[SentenceNumbers, ...]:
    """Sentences with their figures, days of dates left out: once per document,
    shared by the five figure rules (each used to redo it: ~4% of a corpus run)."""
    prose = document.prose
    kept = []
    for found in document.fact(sentence_numbers):
        numbers = found.numbers
        figures = tuple(n for n in numbers if not _day_of_month(prose, n))
        # Built directly: dataclasses.replace re-reads the fields on every call (~3x the cost).
        kept.append(found if len(figures) == len(numbers) else SentenceNumbers(found.sentence, figures))
    return tuple(kept)


def _day_of_month(prose: str, mention: NumberMention) -> bool:
    """"from 3 August to 24 December", "June 5": a day of a date, not a quantity."""
    if mention.unit or mention.currency or mention.scale or mention.decimals or mention.value > 31:
        return False
    # Cheap tests first: a month must start after the spaces, or end the last word before (case folding maps
    # no other ASCII character to a month's letters; anything else takes the regex).
    after = prose[mention.end : mention.end + 16].lstrip()[:1]
    month_may_follow = not after or not after.isascii() or after.lower() in _MONTH_INITIALS
    if month_may_follow and _MONTH_AFTER.match(prose, mention.end):
        return True
    words = prose[max(0, mention.start - 12) : mention.start].rsplit(None, 1)
    if not words:
        return False
    last = words[-1].lower()
    if last.isascii() and not last.removesuffix(".").endswith(_MONTH_WORDS):
        return False
    return bool(_MONTH_BEFORE.search(prose[max(0, mention.start - 12) : mention.start]))


# ---------------------------------------------------------------- arithmetic


def _gap(a: Interval, b: Interval) -> float:
    """How far apart two intervals are (0 when they overlap)."""
    if a[1] < b[0]:
        return b[0] - a[1]
    if b[1] < a[0]:
        return a[0] - b[1]
    return 0.0


def _number(value: float, decimals: int) -> str:
    return f"{value:,.{max(0, decimals)}f}"


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _between(prose: str, a: NumberMention, b: NumberMention) -> str:
    return prose[a.end : b.start]


def _bare(text: str, mention: NumberMention) -> str:
    """The text before ``mention`` without its approximator ("a margin of about" -> "a margin of ")."""
    if mention.qualifier_text and text.rstrip().endswith(mention.qualifier_text):
        return text.rstrip()[: -len(mention.qualifier_text)]
    return text


def _is_count(mention: NumberMention) -> bool:
    """A whole number of things ("120 victims", "seven firms"): no unit, currency, scale or decimals."""
    return (
        mention.decimals == 0 and mention.scale is None and mention.unit is None and mention.currency is None
        and mention.form != "fraction" and mention.qualifier is None and mention.high is None
    )  # fmt: skip


def _counted(mention: NumberMention, slack: float) -> Interval:
    """A whole count is exact; any other figure has its rounding interval."""
    if _is_count(mention):
        return mention.value, mention.value
    return interval(mention, slack)


def _plain(mention: NumberMention) -> bool:
    """A single figure (not a range, not a year), usable in arithmetic."""
    return mention.high is None and not _is_year(mention)


def _is_year(mention: NumberMention) -> bool:
    """"from 1985", "and 2008 NBA MVP": a bare four-digit integer of the calendar is a year, not a quantity."""
    return (
        mention.form == "digits" and mention.unit is None and mention.currency is None and mention.scale is None
        and mention.decimals == 0 and 1800 <= mention.value <= 2100 and "," not in mention.text
    )  # fmt: skip


# ------------------------------------------------------------ percent change

_TO = regex.compile(rf"^{_NOUN}\s*,?\s*to\s+(?:a\s+(?:record\s+|new\s+)?|an\s+)?$", regex.I)
_FROM_AT_END = regex.compile(r"(?<![\w])from\s+(?:a\s+|an\s+)?$", regex.I)
_TO_AT_END = regex.compile(r"(?<![\w])to\s+$", regex.I)
_OWN_BASE_AFTER = regex.compile(
    r"(?i)^\s*(?:on|from|over|compared|against|than|versus|vs|year-on-year|y/y|yoy)\b"
)
_DATED_BASE = regex.compile(r"(?i)\s*(?:on|over|from|since|compared\s+(?:with|to)|against|than)\s+(?:the\s+)?\d")
_SHARE_AFTER = regex.compile(r"(?i)^\s*(?:of|share)\b")
_ARTICLE_AT_END = regex.compile(r"(?<![\w])an?\s+$", regex.I)
_FROM = regex.compile(rf"^{_NOUN}\s*,?\s*from\s+(?:a\s+|an\s+)?$", regex.I)


# A change beyond this ratio is a misread figure (a decimal point for a thousands separator).
_MAX_RATIO = 50.0


@dataclass(frozen=True)
class Change:
    """"rose 26 pct to 283 mln from 380 mln": a stated percent change and its figures."""

    old: NumberMention
    new: NumberMention
    stated: NumberMention
    direction: int  # +1 up, -1 down, 0 unknown
    span: tuple[int, int]


@dataclass(frozen=True)
class Multiple:
    """"more than doubled from 30 to 55": a stated multiple, its word and approximator."""

    old: NumberMention
    new: NumberMention
    word: str
    factor: float
    qualifier: Qualifier | None
    span: tuple[int, int]


def _direction(params: Params, text: str) -> int:
    up, down = params.up_re.search(text), params.down_re.search(text)
    if up and not down:
        return 1
    if down and not up:
        return -1
    return 0


def _changes(params: Params, prose: str, numbers: tuple[NumberMention, ...]) -> Iterator[Change]:
    """Stated changes with their from/to figures, in the three orders news prose uses."""
    for i, stated in enumerate(numbers):
        if stated.unit != "percent" or not _plain(stated):
            continue
        # "rose 26 pct to 283 mln from 380 mln" / "rose 20% from 40 to 50"
        # Both orders need the text between the next two figures to end in "from", "to" (or their article).
        two_after = i + 2 < len(numbers) and _may_end_with_from_or_to(_between(prose, numbers[i + 1], numbers[i + 2]))
        verb = _last_words(prose[max(0, stated.start - 40) : stated.start], 3) if two_after else ""
        if two_after and _direction(params, verb):
            first, second = numbers[i + 1], numbers[i + 2]
            link = _between(prose, stated, first)
            direction = _direction(params, verb + " " + link)
            link = params.noun_re.sub("", link, count=1) if params.noun_re.match(link) else link
            middle = _between(prose, first, second)
            if _TO.match(link) and _FROM_AT_END.search(middle) and _tail_ok(middle, 8):
                yield Change(second, first, stated, direction, (stated.start, second.end))
                continue
            if _FROM.match(link) and _TO.match(middle):
                yield Change(first, second, stated, direction, (stated.start, second.end))
                continue
        # "from 40 to 50, a 20% increase" / "to 2 bln from 2.5 bln, or 20%"
        if i >= 2:
            first, second = numbers[i - 2], numbers[i - 1]
            lead = prose[max(0, first.start - 12) : first.start]
            if not _may_end_with_from_or_to(lead):
                continue  # neither order below can hold: skip the costly link match
            link = _between(prose, second, stated)
            after = prose[stated.end : stated.end + 30]
            middle = _between(prose, first, second)
            if not params.stated_link_re.match(link) or _CLAUSE_BREAK.search(link):
                continue
            if _ARTICLE_AT_END.search(link) and not params.noun_re.match(after):
                continue  # "from 40 to 50, a 20% share" is not a change
            if _SHARE_AFTER.match(after):
                continue  # "from 40 to 50, or 20% of members"
            if _OWN_BASE_AFTER.match(after) or _other_base(params, after):
                continue  # "to 50 from 40 last quarter, up 20% on a year earlier": another comparison
            direction = _direction(params, link + " " + _first_words(after, 2))
            if _FROM_AT_END.search(lead) and _TO.match(middle):
                yield Change(first, second, stated, direction, (first.start, stated.end))
            elif _TO_AT_END.search(lead) and _FROM.match(middle):
                yield Change(second, first, stated, direction, (first.start, stated.end))


# The new figure first, its base after a direction word: "carried 300 passengers, up from 200, a 40% increase"
# and "handled 1.2 million containers, up 20% from 1 million". The comma makes the comparison an
# apposition of the new figure; the word before "from" must be one of the rule's direction words.
_NEW_THEN_FROM = regex.compile(rf"^{_NOUN}\s*,\s*(?P<verb>\p{{L}}+)\s+from\s+(?:a\s+|an\s+)?$", regex.I)
_NEW_THEN_STATED = regex.compile(rf"^{_NOUN}\s*,\s*(?P<verb>\p{{L}}+)\s+(?:by\s+)?$", regex.I)
_FROM_ONLY = regex.compile(r"^\s*from\s+(?:a\s+|an\s+)?$", regex.I)


def _new_first_changes(params: Params, prose: str, numbers: tuple[NumberMention, ...]) -> Iterator[Change]:
    """Stated changes whose new figure comes first and the old one after "up from"/"down from".

    Only the apposition itself pairs figures: a comma, a direction word, "from". Both figures
    must be written in the same unit and currency (no elision in this order: "6.2 billion dlrs,
    or 7.92 pct of assets, up from 5.3 billion dlrs" puts a share next to an amount). The old
    figure must not open a "from ... to" range of its own ("up 20% from 1 million to 1.3
    million" states the new figure again). A change stated after the old figure must be named
    (", a 40% increase", ", an increase of 40%"): a bare ", or 7.07 pct" after it is as often
    the old figure's own share.
    """
    for i, stated in enumerate(numbers):
        if stated.unit != "percent" or not _plain(stated):
            continue
        # "1.2 million containers, up 20% from 1 million"
        if 1 <= i < len(numbers) - 1 and "from" in _between(prose, stated, numbers[i + 1]).lower():
            new, old = numbers[i - 1], numbers[i + 1]
            link = _NEW_THEN_STATED.match(_bare(_between(prose, new, stated), stated))
            if (
                link and _FROM_ONLY.match(_between(prose, stated, old)) and not _CLAUSE_BREAK.search(link.group())
                and _written_alike(old, new) and not _opens_range(prose, numbers, i + 1)
            ):  # fmt: skip
                direction = _direction(params, link.group("verb"))
                if direction:
                    yield Change(old, new, stated, direction, (new.start, old.end))
                    continue
        # "300 passengers a crossing, up from 200, a 40% increase"
        if i >= 2 and "from" in _between(prose, numbers[i - 2], numbers[i - 1]).lower():
            new, old = numbers[i - 2], numbers[i - 1]
            middle = _NEW_THEN_FROM.match(_between(prose, new, old))
            if not middle or _CLAUSE_BREAK.search(middle.group()) or not _written_alike(old, new):
                continue
            if _opens_range(prose, numbers, i - 1):
                continue
            verb_direction = _direction(params, middle.group("verb"))
            link = _between(prose, old, stated)
            after = prose[stated.end : stated.end + 30]
            if not verb_direction or not params.stated_link_re.match(link) or _CLAUSE_BREAK.search(link):
                continue
            if not (params.noun_re.match(after) or params.noun_of_re.search(link)):
                continue  # "up from 200, a 40% share", "up from 5.3 bln, or 7.07 pct, a year earlier"
            if _SHARE_AFTER.match(after) or _OWN_BASE_AFTER.match(after) or _other_base(params, after):
                continue  # "up from 200, or 40% of the fleet", "up from 200, a 40% rise on 2015"
            if _direction(params, middle.group("verb") + " " + link + " " + _first_words(after, 2)) != verb_direction:
                continue  # "down from 200, a 40% increase": the words disagree on which way it went
            yield Change(old, new, stated, verb_direction, (new.start, stated.end))


def _other_base(params: Params, after: str) -> bool:
    """Whether the named change gives a dated base of its own: "a 40% rise on 2015", "an 8% gain over 2019".

    Only a figure or year after "on"/"over"/...: "a 20% increase on the first estimate" names the
    old figure itself and is still one claim.
    """
    noun = params.noun_re.match(after)
    return bool(noun and _DATED_BASE.match(after, noun.end()))


def _written_alike(a: NumberMention, b: NumberMention) -> bool:
    """The same unit and currency written on both figures (both may have none)."""
    return a.unit == b.unit and a.currency == b.currency


def _opens_range(prose: str, numbers: tuple[NumberMention, ...], index: int) -> bool:
    """Whether ``numbers[index]`` is followed by "to" and another figure: "from 1 million to 1.3 million"."""
    return index + 1 < len(numbers) and bool(_TO.match(_between(prose, numbers[index], numbers[index + 1])))


def _may_end_with_from_or_to(lead: str) -> bool:
    """False only where none of _FROM_AT_END, _TO_AT_END, _FROM and _TO can match ``lead``: each ends
    in "from", "to", "a", "an", "record" or "new" and white space; that word ends the last run of
    non-space, and no other character case-folds to their letters."""
    words = lead.rsplit(None, 1)
    return bool(words) and words[-1].lower().endswith(_FROM_TO_LAST_WORDS)


_FROM_TO_LAST_WORDS = ("from", "to", "a", "an", "record", "new")


def _last_words(text: str, count: int) -> str:
    return " ".join(_WORD.findall(text)[-count:])


def _first_words(text: str, count: int) -> str:
    return " ".join(_WORD.findall(text)[:count])


def _tail_ok(text: str, max_words: int) -> bool:
    return _words(text) <= max_words and not _CLAUSE_BREAK.search(text)


def _multiples(params: Params, prose: str, numbers: tuple[NumberMention, ...]) -> Iterator[Multiple]:
    """"doubled from 30 to 55", "more than tripled to 90 from 30"."""
    factors = params.multiple_factors
    for i in range(len(numbers) - 1):
        first, second = numbers[i], numbers[i + 1]
        lead_start = max(numbers[i - 1].end if i else 0, first.start - 50)
        lead = prose[lead_start : first.start]
        if not _may_end_with_from_or_to(lead):
            continue  # neither order below can hold: skip the search for a multiple
        words = list(params.multiple_re.finditer(lead))
        if not words or _words(lead[words[-1].end() :]) > 4 or _CLAUSE_BREAK.search(lead[words[-1].end() :]):
            continue
        found = words[-1]
        word = found.group("word")
        qualifier = _qualifier_before(_last_words(lead[: found.start()], 2).lower())
        span = (lead_start + found.start(), second.end)
        middle = _between(prose, first, second)
        if _FROM_AT_END.search(lead) and _TO.match(middle):
            yield Multiple(first, second, word, factors[word.lower()], qualifier, span)
        elif _TO_AT_END.search(lead) and _FROM.match(middle):
            yield Multiple(second, first, word, factors[word.lower()], qualifier, span)


def _qualifier_before(words: str) -> Qualifier | None:
    """The approximator ending ``words`` ("more than" doubled, "almost" tripled), if any."""
    for size in (2, 1):
        phrase = " ".join(words.split()[-size:])
        if phrase in QUALIFIERS:
            return QUALIFIERS[phrase]
    return None


@dataclass(frozen=True)
class Step:
    """"rose 6.4 billion dlrs, or 6.7 pct, to 101.9 billion": the old figure is implied, new minus the step."""

    step: NumberMention
    stated: NumberMention
    new: NumberMention
    direction: int  # +1 up, -1 down
    span: tuple[int, int]


_OR = regex.compile(r"^\s*,?\s*or\s+$", regex.I)
_TO_ONLY = regex.compile(r"^\s*,?\s*to\s+$", regex.I)


def _steps(params: Params, prose: str, numbers: tuple[NumberMention, ...]) -> Iterator[Step]:
    """Wire copy's "fell 1.1 billion dlrs, or 0.3 pct, to 369.4 billion dlrs"."""
    for step, stated, new in zip(numbers, numbers[1:], numbers[2:], strict=False):
        if stated.unit != "percent" or step.unit == "percent" or not (_plain(step) and _plain(stated) and _plain(new)):
            continue
        if not (_OR.match(_between(prose, step, stated)) and _TO_ONLY.match(_between(prose, stated, new))):
            continue
        direction = _direction(params, _last_words(prose[max(0, step.start - 40) : step.start], 3))
        if direction and same_quantity(step, new) and step.value > 0:
            yield Step(align_scale(step, new), stated, new, direction, (step.start, new.end))


def _judge_step(document: Document, rule: Rule, params: Params, step: Step) -> Finding | None:
    slack = params.approximate_slack
    (step_low, step_high), (new_low, new_high) = interval(step.step, slack), interval(step.new, slack)
    if INF in (step_high, new_high):
        return None
    if step.direction > 0:
        old_low, old_high = new_low - step_high, new_high - step_low
    else:
        old_low, old_high = new_low + step_low, new_high + step_high
    old = step.new.value - step.direction * step.step.value
    if old_low <= 0 or old <= 0:
        return None
    recomputed = (step_low / old_high * 100, step_high / old_low * 100)
    if _gap(interval(step.stated, slack), recomputed) <= params.tolerance:
        return None
    actual = step.step.value / old * 100
    decimals = max(step.stated.decimals, 1 if actual < 10 else 0)
    scale = f" {step.new.scale}" if step.new.scale else ""
    implied = f"{_number(old / _scale(step.new), max(step.new.decimals, step.step.decimals))}{scale} (implied)"
    return rule.finding(
        document, *step.span, stated=step.stated.text, old=implied, new=step.new.text,
        recomputed=f"{_number(actual, decimals)}%", suggestion=f"{_number(actual, decimals)}%",
    )  # fmt: skip


def _change_range(old: Interval, new: Interval) -> Interval:
    """Percent change from any old to any new in the intervals (old > 0)."""
    low = (new[0] / old[1] - 1) * 100
    high = INF if new[1] == INF or old[0] <= 0 else (new[1] / old[0] - 1) * 100
    return low, high


def _percent_change(document: Document, rule: Rule, params: Params, found: SentenceNumbers) -> Iterator[Finding]:
    prose = document.prose
    numbers = found.numbers
    seen: set[tuple[int, int]] = set()
    # A stated change and a step are percentages: most sentences have none, and only a multiple can hold there.
    stated = any(number.unit == "percent" for number in numbers)
    claims: list[Change | Multiple] = [
        *_changes(params, prose, numbers), *_new_first_changes(params, prose, numbers), *_multiples(params, prose, numbers)
    ] if stated else list(_multiples(params, prose, numbers))  # fmt: skip
    for change in claims:
        old, new = change.old, change.new
        if not (_plain(old) and _plain(new) and same_quantity(old, new)) or change.span in seen:
            continue
        old, new = align_scale(old, new), align_scale(new, old)
        if old.value <= 0 or new.value < 0 or not 1 / _MAX_RATIO < new.value / old.value < _MAX_RATIO:
            continue  # "to 25.269 units from 26,414": a misread figure, not a change
        slack = params.approximate_slack
        old_range, new_range = interval(old, slack), interval(new, slack)
        if old_range[0] <= 0:
            continue
        if isinstance(change, Multiple):
            finding = _judge_multiple(document, rule, params, change, old, new, old_range, new_range)
        else:
            finding = _judge_percent(document, rule, params, change, old, new, old_range, new_range)
        if finding is not None:
            seen.add(change.span)
            yield finding
    for step in _steps(params, prose, numbers) if stated else ():
        if (finding := _judge_step(document, rule, params, step)) is not None:
            yield finding


def _judge_percent(document: Document, rule: Rule, params: Params, change: Change, old: NumberMention,
                   new: NumberMention, old_range: Interval, new_range: Interval) -> Finding | None:  # fmt: skip
    actual = (new.value / old.value - 1) * 100
    if actual == 0:
        return None
    direction = change.direction or (1 if actual > 0 else -1)
    if direction * actual < 0:
        return None  # "rose" but the figures fell: the pairing, not the sum, is wrong
    low, high = _change_range(old_range, new_range)
    recomputed = (low, high) if direction > 0 else (-high, -low)
    stated_range = interval(change.stated, params.approximate_slack)
    if "percent" in (old.unit, new.unit):
        points = abs(new.value - old.value)
        points_slack = old.tolerance + new.tolerance
        if _gap(stated_range, (points - points_slack, points + points_slack)) <= params.tolerance:
            return None  # a change in points, right or not: percent-points' business
    if _gap(stated_range, recomputed) <= params.tolerance:
        return None
    decimals = max(change.stated.decimals, 1 if abs(actual) < 10 else 0)
    return rule.finding(
        document, *change.span, stated=change.stated.text, old=change.old.text, new=change.new.text, recomputed=f"{_number(abs(actual), decimals)}%",
        suggestion=f"{_number(abs(actual), decimals)}%",
    )  # fmt: skip


def _judge_multiple(document: Document, rule: Rule, params: Params, multiple: Multiple, old: NumberMention,
                    new: NumberMention, old_range: Interval, new_range: Interval) -> Finding | None:  # fmt: skip
    ratio_low = new_range[0] / old_range[1]
    ratio_high = INF if new_range[1] == INF else new_range[1] / old_range[0]
    factor, slack, loose = multiple.factor, params.multiple_tolerance, params.approximate_slack
    low, high = factor * (1 - slack), factor * (1 + slack)
    if multiple.qualifier == "at_least":
        high = INF
    elif multiple.qualifier == "at_most":
        low = factor * (1 - slack - loose)
    elif multiple.qualifier == "about":
        low, high = low - factor * loose, high + factor * loose
    if _gap((low, high), (ratio_low, ratio_high)) == 0:
        return None
    return rule.finding(
        document, *multiple.span, stated=multiple.word, old=multiple.old.text, new=multiple.new.text,
        recomputed=f"a factor of {_number(new.value / old.value, 2)}",
    )  # fmt: skip


# ---------------------------------------------------------------- difference

_VERSUS = regex.compile(r"^\s*,?\s*(?:to|against|versus|vs\.?|and|compared\s+(?:with|to))\s+[^\d;:]*$", regex.I)


def _difference(document: Document, rule: Rule, params: Params, found: SentenceNumbers) -> Iterator[Finding]:
    prose = document.prose
    numbers = found.numbers
    for i in range(2, len(numbers)):
        first, second, stated = numbers[i - 2], numbers[i - 1], numbers[i]
        link = _bare(_between(prose, second, stated), stated)
        after = prose[stated.end : stated.end + 30]
        cued_before = params.margin_before_re.search(link) and _words(link) <= 5
        cued_after = link.strip(" ,").lower() in ("a", "an", "") and params.margin_after_re.match(after)
        if not (cued_before or cued_after) or _CLAUSE_BREAK.search(link):
            continue
        middle = _between(prose, first, second)
        if not _VERSUS.match(middle) or _words(middle) > 5:
            continue
        if not (_plain(first) and _plain(second) and _plain(stated) and same_quantity(first, second) and first.unit == second.unit):
            continue
        if first.unit == "percent":
            if stated.unit not in ("point", "percentage_point", "percent", None):
                continue
        elif first.unit is not None or stated.unit not in (None, "point") or stated.currency != first.currency:
            continue
        slack = params.approximate_slack
        a, b = _counted(first, slack), _counted(second, slack)
        if INF in (a[1], b[1]):
            continue
        recomputed = (max(0.0, a[0] - b[1], b[0] - a[1]), max(a[1] - b[0], b[1] - a[0]))
        if _gap(interval(stated, slack), recomputed) <= params.tolerance:
            continue
        actual = abs(first.value - second.value)
        decimals = max(first.decimals, second.decimals)
        unit = " points" if first.unit == "percent" else ""
        yield rule.finding(
            document, first.start, stated.end, stated=stated.text, first=first.text, second=second.text,
            recomputed=f"{_number(actual, decimals)}{unit}", suggestion=f"{_number(actual, decimals)}{unit}",
        )  # fmt: skip


# --------------------------------------------------------------- parts-total

_PART_SEPARATOR = regex.compile(r"^(?P<label>[^\d;:()]*?)(?:,\s*(?P<and>and\s+)?|\s+(?P<and2>and)\s+)$", regex.I)


def _parts_total(document: Document, rule: Rule, params: Params, found: SentenceNumbers) -> Iterator[Finding]:
    prose = document.prose
    numbers = found.numbers
    for i, total in enumerate(numbers[:-2]):
        if not _plain(total) or total.unit == "percent":
            continue
        lead_in = _between(prose, total, numbers[i + 1])
        exhaustive = params.exhaustive_re.search(lead_in)
        inclusive = params.include_re.search(lead_in)
        partial = params.partial_re.search(lead_in)
        if not (exhaustive or inclusive or partial) or _words(lead_in) > 8 or regex.search(r"[;!?]", lead_in):
            continue
        if i and _NO_BREAK.match(_between(prose, numbers[i - 1], total)):
            continue  # "12 plants in six countries, including 5 in Germany": which figure is the total?
        parts = _list_after(params, prose, numbers, i + 1)
        if len(parts) < 2 or not all(_plain(p) and p.unit != "percent" and same_quantity(p, total) for p in parts):
            continue
        if any(p.qualifier for p in parts) or total.qualifier == "at_most":
            continue
        parts = [align_scale(p, total) for p in parts]
        ranges = [_counted(p, params.approximate_slack) for p in parts]
        low, high = sum(r[0] for r in ranges), sum(r[1] for r in ranges)
        total_low, total_high = _counted(total, params.approximate_slack)
        over = low - total_high > params.tolerance
        # "The 120 victims included 50 women, 40 men and 20 children" reads as a breakdown; "the
        # $450 mln package includes 200 mln in loans, ..." often lists only the larger items.
        # "The 12-member board, which includes three directors, two bankers and one lawyer" names
        # a few members: a list after "included" is a breakdown only if it is nearly all of the total.
        counts = all(_is_count(m) for m in (total, *parts))
        breakdown = (
            inclusive and not partial and counts and len(parts) >= params.min_inclusive_parts
            and high >= params.min_listed_share * total_low and not _RELATIVE.search(lead_in)
        )  # fmt: skip
        complete = exhaustive or breakdown
        under = complete and total_low - high > params.tolerance
        if not (over or under):
            continue
        decimals = max(p.decimals for p in parts)
        arithmetic = " + ".join(p.text for p in parts) + f" = {_number(sum(p.value for p in parts) / _scale(total), decimals)}"
        yield rule.finding(
            document, total.start, parts[-1].end, stated=total.text, parts=arithmetic,
            recomputed=_number(sum(p.value for p in parts) / _scale(total), decimals),
            problem="more than" if over else "less than",
        )  # fmt: skip


_NO_BREAK = regex.compile(r"^(?:\s+[\p{L}'’-]+){0,4}\s+$")
_RELATIVE = regex.compile(r"(?i),\s*(?:which|that|who)\b")


def _scale(mention: NumberMention) -> float:
    return scale_multiplier(mention.scale) if mention.scale else 1.0


def _list_after(params: Params, prose: str, numbers: tuple[NumberMention, ...], first: int) -> list[NumberMention]:
    """The closed list "50 women, 40 men and 20 children" starting at ``numbers[first]``."""
    parts = [numbers[first]]
    closed = False
    for j in range(first + 1, len(numbers)):
        separator = _PART_SEPARATOR.match(_between(prose, numbers[j - 1], numbers[j]))
        if not separator or _words(separator.group("label")) > params.max_label_words:
            break
        if _CLAUSE_BREAK.search(separator.group("label")):
            break
        parts.append(numbers[j])
        if separator.group("and") or separator.group("and2"):
            closed = True
            break
    return parts if closed else []


# ----------------------------------------------------------- unit conversion

_OPEN = regex.compile(r"^\s*[(\[]\s*(?:or\s+)?$")


def _convert(value: float, source: str, target: str) -> list[float]:
    """Every reading of ``value`` ``source`` in ``target`` units (several for ambiguous units)."""
    if {source, target} == {"c", "f"}:
        return [value * 9 / 5 + 32] if source == "c" else [(value - 32) * 5 / 9]
    (kind_a, factors_a), (kind_b, factors_b) = _LINEAR[source], _LINEAR[target]
    if kind_a != kind_b:
        return []
    return [value * fa / fb for fa in factors_a for fb in factors_b]


def _difference_in_temperature(value: float, source: str) -> float:
    return value * 9 / 5 if source == "c" else value * 5 / 9


def _rounded_interval(mention: NumberMention, slack: float) -> Interval:
    """A converted figure is usually rounded: trailing zeros of a whole number are not significant."""
    low, high = interval(mention, slack)
    digits = mention.text.replace(",", "")
    whole = regex.search(r"\d+(?:\.\d+)?", digits)
    if whole and "." not in whole.group() and mention.scale is None:
        written = whole.group()
        zeros = len(written) - len(written.rstrip("0"))
        half = 0.0
        if 0 < zeros < len(written):
            half = 10.0 ** min(zeros, len(written) - 2) / 2  # at least two significant figures: 1,600 ± 50, 100 ± 5
        elif len(written) >= 2 and written.endswith("5"):
            half = 2.5  # "30 mph (45 km/h)": rounded to the nearest five
        low, high = min(low, mention.value - half), max(high, mention.value + half)
    return low, high


_COMPOUND_JOIN = regex.compile(r"^\s*(?:,|and)?\s*$")


def _compound(prose: str, numbers: tuple[NumberMention, ...], index: int, step: int) -> bool:
    """Whether ``numbers[index]`` has a neighbour (before: step -1, after: +1) that makes one measurement with it."""
    other = index + step
    if not 0 <= other < len(numbers):
        return False
    first, second = (numbers[other], numbers[index]) if step < 0 else (numbers[index], numbers[other])
    unit_a, unit_b = first.unit, second.unit
    if unit_a not in _LINEAR or unit_b not in _LINEAR or _LINEAR[unit_a][0] != _LINEAR[unit_b][0]:
        return False
    return bool(_COMPOUND_JOIN.match(_between(prose, first, second)))


def _unit_conversion(document: Document, rule: Rule, params: Params, found: SentenceNumbers) -> Iterator[Finding]:
    prose = document.prose
    numbers = found.numbers
    known = set(_LINEAR) | {"c", "f"}
    for index, (original, converted) in enumerate(itertools.pairwise(numbers)):
        if not (original.unit in known and converted.unit in known) or original.unit == converted.unit:
            continue
        if _compound(prose, numbers, index, -1) or _compound(prose, numbers, index + 1, 1):
            continue  # "6 feet 2 inches (1.88 metres)", "3 metres (9 feet 10 inches)"
        if not (_plain(original) and _plain(converted)) or original.currency or converted.currency:
            continue
        if not _OPEN.match(_bare(_between(prose, original, converted), converted)):
            continue
        temperature = {original.unit, converted.unit} == {"c", "f"}
        if not temperature and _LINEAR[original.unit][0] != _LINEAR[converted.unit][0]:
            continue
        slack = params.approximate_slack
        low, high = interval(original, slack)
        if high == INF:
            high = original.value * (1 + slack)
        target = _rounded_interval(converted, slack)
        if target[1] == INF:
            target = (target[0], converted.value * (1 + slack))
        readings = list(zip(_convert(low, original.unit, converted.unit), _convert(high, original.unit, converted.unit)))
        if temperature:
            readings.append(
                (_difference_in_temperature(low, original.unit), _difference_in_temperature(high, original.unit))
            )
        if any(_gap(target, (a, b)) <= params.tolerance * abs(b) for a, b in readings):
            continue
        exact = _convert(original.value, original.unit, converted.unit)[0] / _scale(converted)
        decimals = max(converted.decimals, 1 if abs(exact) < 100 else 0)
        scale = f" {converted.scale}" if converted.scale else ""
        recomputed = f"{_number(exact, decimals)}{scale} {_UNIT_NAMES[converted.unit]}"
        yield rule.finding(
            document, original.start, converted.end, stated=converted.text, original=original.text,
            recomputed=recomputed, suggestion=recomputed,
        )  # fmt: skip


# ------------------------------------------------------------------ age-year

_AGO = regex.compile(
    r"(?i)(?<![\w])(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)"
    r"\s+(?P<unit>years?|decades?)\s+(?P<ago>\w+)"
)


# The year and its distance in apposition: "the 2014 boom, a decade ago", "in 2004 (five years ago)",
# "a decade ago, in 2014". At most two words (a noun) before the comma; only an approximator after it.
_YEAR_THEN_AGO = regex.compile(
    r"(?i)^(?:\s+[\p{L}'’-]+){0,2}\s*[,(—–]\s*(?:(?:about|some|roughly|around|nearly|almost|more\s+than|over"
    r"|just|less\s+than|at\s+least|exactly)\s+)?$"
)
_AGO_THEN_YEAR = regex.compile(r"(?i)^\s*[,(—–]?\s*(?:in|back\s+in)?\s*$")


def _age_year(document: Document, rule: Rule, params: Params, found: SentenceNumbers) -> Iterator[Finding]:
    published = document.publication_date
    if published is None:
        return
    prose = document.prose
    sentence = found.sentence
    text = prose[sentence.start : sentence.end]
    # _YEAR needs "18", "19" or "20": testing for them is far cheaper than its scan.
    years = [m for m in _YEAR.finditer(text)] if "20" in text or "19" in text or "18" in text else []
    if not years:
        return  # both claims compare a figure with a year (most sentences: skip the word search)
    ages = _age_candidates(prose, found) if len(years) == 1 else []
    if len(ages) != 1 and not _may_say_ago(text):
        return  # _ages needs one year and one age, _years_ago a distance in years or decades
    if params.skip_age_re.search(text):
        return
    yield from _ages(document, rule, params, found, published, years, ages)
    yield from _years_ago(document, rule, params, found, published, years)


def _may_say_ago(text: str) -> bool:
    """False only where _AGO cannot match: it needs "year" or "decade" (its case folding maps no other
    character to these letters), and a scan for those words is far cheaper than _AGO's."""
    lowered = text.lower()
    return "year" in lowered or "decade" in lowered


def _age_candidates(prose: str, found: SentenceNumbers) -> list[NumberMention]:
    """The figures of a sentence written as an age in apposition: "Maduro, 61, ..."."""
    return [
        n for n in found.numbers
        if n.form == "digits" and n.unit is None and n.currency is None and n.decimals == 0 and _plain(n)
        and 1 <= n.value < 120 and _AGE_AFTER.match(prose[n.end : n.end + 2])
        and _AGE_BEFORE.search(prose[max(0, n.start - 40) : n.start])
    ]  # fmt: skip


def _ages(document: Document, rule: Rule, params: Params, found: SentenceNumbers, published: dt.date,
          years: list[regex.Match[str]], ages: list[NumberMention]) -> Iterator[Finding]:  # fmt: skip
    prose = document.prose
    sentence = found.sentence
    if len(ages) != 1 or len(years) != 1:
        return  # two people, or a second year that may be the reference
    age = ages[0]
    year = years[0]
    before_year = prose[sentence.start : sentence.start + year.start()]
    born = params.born_re.search(_last_words(before_year, 4))
    if not born:
        return
    birth = int(year.group(1))
    youngest, oldest = published.year - birth - 1, published.year - birth
    if youngest - params.tolerance <= age.value <= oldest + params.tolerance:
        return
    end = sentence.start + year.end()
    start = min(age.start, sentence.start + year.start())
    yield rule.finding(
        document, start, max(end, age.end), stated=age.text, year=year.group(1),
        recomputed=f"{youngest} or {oldest}", published=published.isoformat(),
    )  # fmt: skip


def _years_ago(document: Document, rule: Rule, params: Params, found: SentenceNumbers, published: dt.date,
               years: list[regex.Match[str]]) -> Iterator[Finding]:  # fmt: skip
    prose = document.prose
    sentence = found.sentence
    text = prose[sentence.start : sentence.end]
    if not _may_say_ago(text):
        return
    for ago in _AGO.finditer(text):
        if not params.ago_re.fullmatch(ago.group("ago")):
            continue
        near = [y for y in years if 0 < ago.start() - y.end() <= 40 or 0 < y.start() - ago.end() <= 12]
        if len(near) != 1 or len(years) > 2:
            continue
        year = near[0]
        if year.end() <= ago.start():
            joined = _YEAR_THEN_AGO.match(text[year.end() : ago.start()])
        else:
            joined = _AGO_THEN_YEAR.match(text[ago.end() : year.start()])
        if not joined:
            continue  # "In 2010, the company, founded a decade ago": the distance is from something else
        qualifier = _last_words(text[: ago.start()], 2).lower()
        written = ago.group("n").lower()
        count = int(written) if written.isdigit() else _NUMBER_WORDS[written]
        decade = ago.group("unit").lower().startswith("decade")
        stated = count * (10 if decade else 1)
        elapsed = published.year - int(year.group(1))
        slack = params.decade_tolerance * count if decade else params.tolerance
        low, high = stated - slack - 1, stated + slack + 1
        if regex.search(r"(?i)\b(?:more than|over|at least)$", qualifier):
            high = INF
        elif regex.search(r"(?i)\b(?:nearly|almost|under|less than)$", qualifier):
            low = -INF
        elif regex.search(r"(?i)\b(?:about|some|around|roughly)$", qualifier):
            low, high = low - 1, high + 1
        if low <= elapsed <= high:
            continue
        start = sentence.start + min(year.start(), ago.start())
        end = sentence.start + max(year.end(), ago.end())
        yield rule.finding(
            document, start, end, stated=ago.group(0), year=year.group(1), recomputed=f"{elapsed} years",
            published=published.isoformat(),
        )  # fmt: skip


# The fewest figures of a sentence each claim reads: a change or a multiple pairs two (three with a
# stated percentage), a margin or a list of parts three, a conversion two; an age or a distance in years reads the year in the text.
_FEWEST_FIGURES = {"percent-change": 2, "difference": 3, "parts-total": 3, "unit-conversion": 2, "age-year": 0}

_CLAIMS = {
    "percent-change": _percent_change,
    "difference": _difference,
    "parts-total": _parts_total,
    "unit-conversion": _unit_conversion,
    "age-year": _age_year,
}
