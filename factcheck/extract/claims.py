"""The numbers of each sentence, in order, with the text between them: where figure claims live.

A claim that can be recomputed ("rose 26 pct to 283 mln from 380 mln", "the
120 victims included 50 women, 40 men and 20 children", "10 km (5 miles)")
is a short run of numbers in one sentence joined by a few words. Every claim
type of ``figure-arithmetic`` reads the same structure, so it is built here
once per document: each sentence with its ``NumberMention``s (from the shared
parser, ``factcheck.extract.numbers``), plus the small judgements every claim
type makes about two figures: what interval a figure stands for, whether two
figures measure the same thing, and an elided scale ("from 1.2" after "1.5
billion").

``sentence_numbers(document)`` is linear in the number of mentions: numbers
and sentences are both in document order and are merged in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from factcheck.extract.numbers import NumberMention, numbers, scale_multiplier
from factcheck.extract.sentences import Sentence, sentences

if TYPE_CHECKING:
    from factcheck.document import Document

Interval = tuple[float, float]  # (low, high); high may be math.inf


@dataclass(frozen=True)
class SentenceNumbers:
    """One sentence and the numbers written in it, in order."""

    sentence: Sentence
    numbers: tuple[NumberMention, ...]


def sentence_numbers(document: Document) -> tuple[SentenceNumbers, ...]:
    """Sentences holding at least one number (use via ``document.fact``)."""
    found = document.fact(sentences)
    mentions = document.fact(numbers)
    result: list[SentenceNumbers] = []
    index = 0
    for sentence in found:
        while index < len(mentions) and mentions[index].start < sentence.start:
            index += 1
        inside: list[NumberMention] = []
        while index < len(mentions) and mentions[index].end <= sentence.end:
            inside.append(mentions[index])
            index += 1
        if inside:
            result.append(SentenceNumbers(sentence, tuple(inside)))
    return tuple(result)


def interval(mention: NumberMention, slack: float) -> Interval:
    """What a written figure can stand for: rounding, range and approximator ("about", "more than")."""
    low, high = mention.bounds(slack)
    return low, float("inf") if high is None else high


def same_quantity(a: NumberMention, b: NumberMention) -> bool:
    """Whether two figures measure the same thing: no clash of units or currencies.

    A missing unit or currency is an elided one ("to 283 mln marks from 380
    mln", "from 30 to 60 tonnes"), so only two different written ones clash.
    """
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return False
    return a.currency is None or b.currency is None or a.currency == b.currency


def align_scale(bare: NumberMention, scaled: NumberMention) -> NumberMention:
    """``bare`` with ``scaled``'s scale word when wire copy elided it, else ``bare`` unchanged.

    "to 1.5 billion dlrs from 1.2" means 1.2 billion: a figure written without
    a scale next to a scaled one of the same quantity takes its scale. A bare
    figure of 1,000 or more is written in full ("$2 million and 500,000").
    """
    if bare.scale is not None or scaled.scale is None or bare.form != "digits" or bare.value >= 1000:
        return bare
    multiplier = scale_multiplier(scaled.scale)
    return replace(bare, value=bare.value * multiplier, precision=bare.precision * multiplier,
                   high=None if bare.high is None else bare.high * multiplier, scale=scaled.scale)
