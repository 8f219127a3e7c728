"""Kind ``percent-points``: a change between two percentages stated in percent when it is in points.

## What it does
Finds a percentage that moves "from X% to Y%" (or "to Y% from X%") and a
change stated in percent in the same clause ("a 5% increase", "up 5%", "rose
5%"), and flags the stated change when it equals the difference in
percentage points and not the relative change: from 40% to 45% is a rise of
5 percentage points, or of 12.5%.

The change is paired only with the from/to figures of its own clause: only a
few words may stand between them and no other percentage, so a rate elsewhere
in the sentence is never taken for the change. A change written in points
("5 percentage points", "5 points") is correct and never flagged; so is one
that matches the relative change.

## Why is this bad?
"Support rose from 40% to 45%, a 5% increase" understates the change by more
than half: readers who know the difference lose trust, readers who don't are
misinformed.

## Example
```markdown
Support rose from 40% to 45%, a 5% increase.
```

## Use instead
```markdown
Support rose from 40% to 45%, an increase of 5 percentage points.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from factcheck.extract.numbers import PercentMention, percentages
from factcheck.params import Lexicon, ParamError, compile_lexicon

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.findings import Finding
    from factcheck.rules import Rule

_WORDS = regex.compile(r"[\p{L}\p{N}'’.%-]+")
_CLAUSE_BREAK = regex.compile(r"[;:]|\b(?:while|whereas|but|and)\b")


@dataclass(frozen=True)
class Params:
    """Word lists are regular expressions keyed by language; all languages are used."""

    # "from" before the first figure of a from/to pair and "to" between them.
    from_words: Lexicon = field(default_factory=lambda: {"en": ("from",)})
    to_words: Lexicon = field(default_factory=lambda: {"en": ("to",)})
    # Words around a percentage that make it a stated change ("a 5% increase", "up 5%").
    change_words: Lexicon = field(default_factory=dict)
    # Words that may stand between the pair and the stated change besides change words
    # ("a", "an", "or", "of"): anything else ("as prices rose") means another subject.
    connector_words: Lexicon = field(default_factory=lambda: {"en": ("a", "an", "the", "or", "of", "by", "some", "about")})
    # Most words between the pair and the stated change.
    max_gap_words: int = 5

    from_re: Any = field(init=False, repr=False, compare=False)
    to_re: Any = field(init=False, repr=False, compare=False)
    from_to_re: Any = field(init=False, repr=False, compare=False)
    to_from_re: Any = field(init=False, repr=False, compare=False)
    change_re: Any = field(init=False, repr=False, compare=False)
    gap_word_re: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max_gap_words < 0:
            raise ParamError("max_gap_words", "must be 0 or more")
        set_ = object.__setattr__
        article = r"(?:a\s+|an\s+|the\s+)?(?:revised\s+|restated\s+)?"  # "from a revised 5.0 pct"
        set_(self, "from_re", compile_lexicon(self.from_words, "from_words", rf"(?<![\w]){{}}\s+{article}$", when_empty="error"))
        set_(self, "to_re", compile_lexicon(self.to_words, "to_words", r"^\s*{}\s+(?:a\s+|an\s+)?$", when_empty="error"))
        set_(self, "from_to_re", compile_lexicon(self.from_words, "from_words", rf"^\s*{{}}\s+{article}$", when_empty="error"))
        set_(self, "to_from_re", compile_lexicon(self.to_words, "to_words", r"(?<![\w]){}\s+$", when_empty="error"))
        set_(self, "change_re", compile_lexicon(self.change_words, "change_words", r"(?<![\w]){}(?![\w])", when_empty="error"))
        gap_words = {**self.connector_words, **{f"change:{k}": v for k, v in self.change_words.items()}}
        gap_words |= {f"from:{k}": v for k, v in self.from_words.items()} | {f"to:{k}": v for k, v in self.to_words.items()}
        set_(self, "gap_word_re", compile_lexicon(gap_words, "connector_words", r"^(?:{})$", when_empty="error"))


@dataclass(frozen=True)
class Move:
    """A percentage going from ``old`` to ``new``, as written."""

    old: PercentMention
    new: PercentMention
    first: PercentMention  # whichever is written first
    last: PercentMention


def _moves(params: Params, prose: str, mentions: list[PercentMention]) -> list[tuple[int, Move]]:
    """(index of the pair's first mention, move) for "from X to Y" and "to Y from X"."""
    found = []
    for index in range(len(mentions) - 1):
        first, second = mentions[index], mentions[index + 1]
        if first.unit != "percent" or second.unit != "percent" or first.is_range or second.is_range:
            continue
        between = prose[first.end : second.start]
        before = prose[max(0, first.start - 30) : first.start]
        if params.from_re.search(before) and params.to_re.match(between):
            found.append((index, Move(first, second, first, second)))
        elif params.to_from_re.search(before) and params.from_to_re.match(between):
            found.append((index, Move(second, first, first, second)))
    return found


def _gap_ok(params: Params, gap: str) -> bool:
    """Only change words and connectors between the pair and the change, in one clause."""
    words = _WORDS.findall(gap)
    return (
        len(words) <= params.max_gap_words
        and not _CLAUSE_BREAK.search(gap)
        and all(params.gap_word_re.match(word) for word in words)
    )


def _stated_change(params: Params, prose: str, mentions: list[PercentMention], index: int, move: Move) -> PercentMention | None:
    """The percentage just before or after the pair that states the change, if any."""
    candidates = []
    if index + 2 < len(mentions):
        after = mentions[index + 2]
        gap = prose[move.last.end : after.start]
        context = gap + prose[after.end : after.end + 25]
        if _gap_ok(params, gap) and params.change_re.search(_first_words(context, params.max_gap_words + 2)):
            candidates.append(after)
    if index >= 1:
        before = mentions[index - 1]
        gap = prose[before.end : move.first.start]
        context = prose[max(0, before.start - 25) : before.start] + " " + prose[before.end : move.first.start]
        if _gap_ok(params, gap) and params.change_re.search(context):
            candidates.append(before)
    for candidate in candidates:
        if candidate.unit == "percent" and not candidate.is_range:
            return candidate
    return None


def _first_words(text: str, count: int) -> str:
    return " ".join(_WORDS.findall(text)[:count])


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    params: Params = rule.params
    prose = document.prose
    by_sentence: dict[int, list[PercentMention]] = {}
    for mention in document.fact(percentages):
        if mention.sentence >= 0:
            by_sentence.setdefault(mention.sentence, []).append(mention)
    for mentions in by_sentence.values():
        if len(mentions) < 3:
            continue
        for index, move in _moves(params, prose, mentions):
            stated = _stated_change(params, prose, mentions, index, move)
            if stated is None:
                continue
            old, new = move.old.value, move.new.value
            points = abs(new - old)
            if points == 0 or old <= 0:
                continue
            relative = points / old * 100
            # Written side by side, "from 5% to 5.5%" means 5.0%: the pair shares its finer precision.
            pair_tolerance = min(move.old.tolerance, move.new.tolerance)
            slack_points = stated.tolerance + 2 * pair_tolerance
            slack_relative = stated.tolerance + relative * (2 * pair_tolerance / points + pair_tolerance / old)
            is_points = abs(stated.value - points) <= slack_points
            is_relative = abs(stated.value - relative) <= slack_relative
            if is_points and not is_relative:
                start = min(stated.start, move.first.start)
                end = max(stated.end, move.last.end)
                yield rule.finding(
                    document, start, end, stated=stated.text, points=_number(points), relative=_number(relative),
                    old=move.old.text, new=move.new.text, suggestion=f"{_number(points)} percentage points",
                )  # fmt: skip
