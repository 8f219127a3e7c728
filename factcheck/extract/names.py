"""Name mentions: the capitalised words and multi-word names of a document's prose.

A name is what a reader would look up: "Maduro", "Edmundo Gonzalez",
"al-Assad", "Banco do Brasil". Each capitalised word becomes a
:class:`NameMention` that also knows the whole name it stands in
(``full_name``), the word before it in that name (a first name, an initial or
a title: the evidence that tells two people apart) and where it stands (at the
start of a sentence, in a headline, inside a quotation).

What is *not* a name:

* a capitalised ordinary word at the start of a sentence or in a title-case
  headline ("Despite", "Election Victory"): dropped when the document also
  uses the word in lower case, or when it is a common English word that the
  document never capitalises mid-sentence;
* anything outside prose (code, URLs, link targets): the extractor reads
  ``Document.prose``, where those are blanked;
* single letters, which are kept only as initials before a name.

A possessive stays attached to its name: "Maduro's" is a mention of
"Maduro" (``possessive=True``), so the two never look like two spellings.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import regex

from factcheck.extract.quotes import quotations
from factcheck.extract.sentences import sentences
from factcheck.extract.word_frequency import zipf

if TYPE_CHECKING:
    from factcheck.document import Document

# A word: letters (with combining marks), inner apostrophes (O'Brien, Qa'ida).
_FIRST_LETTER = regex.compile(r"\p{L}")
_OPENING_PUNCTUATION = "\"'“‘([*_"
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}'’])\p{Ll}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*")
# "We're", "don't", "I'm": contractions are ordinary words, never names.
_CONTRACTION = regex.compile(r"['’](?:re|ve|ll|m|d|t)$|n['’]t$", regex.IGNORECASE)
_POSSESSIVE = regex.compile(r"['’]s$|(?<=s)['’]$", regex.IGNORECASE)
# Lower-case words that join the parts of one name: "Banco do Brasil",
# "Charles de Gaulle", "Bashar al-Assad", "Osama bin Laden".
PARTICLES = frozenset(
    "al el ul bin ibn bint abu da das de del della der di do dos du la le van von y zu".split()
)
# The words a name is made of: capitalised words, and the particles between
# them. Other lower-case words only separate names, so they are not tokens.
_NAME_TOKEN = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_'’])(?:(?>\p{Lu}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*)(?![\p{N}_])|(?:"
    + "|".join(sorted(PARTICLES, key=lambda word: (-len(word), word)))
    + r")(?![\p{L}\p{M}\p{N}_'’]))"
)
# Particles that mark a name as written in another language ("Banco do
# Brasil"): its words are that language's spellings, not misspellings.
FOREIGN_PARTICLES = frozenset("da das del della der do dos du y zu".split())
# Single capitals that are words, not initials, at the start of a sentence.
_ARTICLE_LETTERS = frozenset("AI")
# Abbreviated titles and initials may end in a full stop inside a name.
_ABBREVIATED_TITLES = frozenset("mr mrs ms dr prof gen sen rep gov lt col sgt capt st jr sr rev".split())
# Common English words (Zipf >= this) seen only at the start of a sentence or
# in a headline are ordinary words, not names.
ORDINARY_WORD_ZIPF = 4.0
# A sentence with at least this share of capitalised words is a headline.
HEADLINE_SHARE = 0.6
HEADLINE_MIN_WORDS = 5


@dataclass(frozen=True)
class NameMention:
    """One capitalised word that reads as (part of) a name.

    ``surface`` is the word as written without a possessive ending; ``start``/
    ``end`` are its offsets in ``Document.text``. ``full_name`` is the whole
    multi-word name it belongs to (itself when alone), spanning
    ``full_start``..``full_end``; ``index`` is its position in that name.
    ``previous`` is the word before it in the name ("Edmundo" for
    "Gonzalez"), ``following`` the word after it; ``previous_is_word`` says
    the document also writes that word in lower case ("Industry Department":
    an ordinary word, not a first name).
    """

    surface: str
    start: int
    end: int
    full_name: str
    full_start: int
    full_end: int
    index: int
    previous: str | None
    following: str | None
    possessive: bool
    sentence_initial: bool
    headline: bool
    quoted: bool
    foreign: bool
    previous_is_word: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    @property
    def all_caps(self) -> bool:
        """TASS, NATO, AP: acronyms and shouted headlines, not spellings of names."""
        return len(self.surface) > 1 and self.surface.isupper()

    @property
    def last_in_name(self) -> bool:
        return self.full_end == self.end or (self.possessive and self.following is None)


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "González" and "GONZALEZ" give "gonzalez"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


class _Token(NamedTuple):
    text: str  # without possessive
    start: int
    end: int  # end of ``text``
    raw_end: int  # end including a possessive ending
    possessive: bool


def _tokens(prose: str, start: int, end: int) -> list[_Token]:
    found = []
    # Match in a slice: the regex module's pos/endpos arguments cost time in
    # proportion to the whole string, which is quadratic over a long document.
    for match in _NAME_TOKEN.finditer(prose[start:end]):
        word = match.group()
        begin, finish = match.start() + start, match.end() + start
        possessive = ("'" in word or "’" in word) and _POSSESSIVE.search(word)
        if possessive and len(word) > 3:
            found.append(_Token(word[: possessive.start()], begin, begin + possessive.start(), finish, True))
        else:
            found.append(_Token(word, begin, finish, finish, False))
    return found


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _joins(prose: str, left: _Token, right: _Token) -> bool:
    """Do two neighbouring tokens belong to one name? (space or hyphen between them)."""
    if left.possessive:
        return False
    gap = prose[left.raw_end : right.start]
    if gap in (" ", "-", "\u2010", "\u2011"):
        return True
    # "J. K. Rowling", "Dr. Smith": an initial or an abbreviated title with its stop.
    return gap in (". ", ".") and (len(left.text) == 1 or left.text.casefold() in _ABBREVIATED_TITLES)


def _runs(prose: str, tokens: list[_Token]) -> list[list[_Token]]:
    """Maximal runs of capitalised words (and the particles between them)."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for i, token in enumerate(tokens):
        word = token.text
        starts_name_part = _capitalised(word) or (
            word in PARTICLES
            and i + 1 < len(tokens)
            and _capitalised(tokens[i + 1].text)
            and _joins(prose, token, tokens[i + 1])
        )
        if starts_name_part:
            if current and _joins(prose, current[-1], token):
                current.append(token)
                continue
        else:
            if current:
                runs.append(current)
            current = []
            continue
        if current:
            runs.append(current)
        current = [token]
    if current:
        runs.append(current)
    # A run never ends in a particle ("Putin al" is not a name).
    return [run[: max(i for i, t in enumerate(run) if _capitalised(t.text)) + 1] for run in runs if any(_capitalised(t.text) for t in run)]


def _sentence_facts(document: Document) -> tuple[set[int], list[tuple[int, int]]]:
    """Offsets of sentence-initial words, and the spans of headline-like sentences."""
    initial: set[int] = set()
    headlines: list[tuple[int, int]] = []
    for block in document.blocks:
        if block.kind == "heading":
            headlines.append((block.start, block.end))
    for sentence in document.fact(sentences):
        first = _FIRST_LETTER.search(sentence.text)
        if first is None:
            continue
        initial.add(sentence.start + first.start())
        words = [w.lstrip(_OPENING_PUNCTUATION) for w in sentence.text.split()]
        capitalised = sum(1 for word in words if word[:1].isupper() or word in PARTICLES)
        if len(words) >= HEADLINE_MIN_WORDS and capitalised / len(words) >= HEADLINE_SHARE:
            headlines.append((sentence.start, sentence.end))
    return initial, headlines


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans, so that membership is one bisection."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _within(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def names(document: Document) -> tuple[NameMention, ...]:
    """Every name mention in the document's prose, in text order (use via ``document.fact``)."""
    prose = document.prose
    initial, headline_spans = _sentence_facts(document)
    headline_spans = _merge(headline_spans)
    quoted = document.fact(quotations)
    blocks = [(block, _tokens(prose, block.start, block.end)) for block in document.blocks]
    # First pass: which words the document writes in lower case, and which it
    # capitalises where capitals are not automatic (mid-sentence, outside headlines).
    lower_words = set(_LOWER_WORD.findall(prose))
    capitalised_mid_sentence: set[str] = set()
    for block, tokens in blocks:
        if block.kind == "heading":
            continue
        for token in tokens:
            if token.text[:1].isupper() and token.start not in initial and not _within(headline_spans, token.start):
                capitalised_mid_sentence.add(token.text)

    def ordinary(token: _Token, headline: bool) -> bool:
        """A capitalised word that is only capitalised because of where it stands."""
        if token.text in _ARTICLE_LETTERS:
            return headline or token.start in initial  # "A Volkswagen spokesman"
        if not (headline or token.start in initial) or token.text in capitalised_mid_sentence or len(token.text) == 1:
            return False  # single capitals are initials ("M Horan")
        lowered = token.text.lower()
        return lowered in lower_words or zipf(lowered) >= ORDINARY_WORD_ZIPF

    mentions: list[NameMention] = []
    for block, tokens in blocks:
        in_heading = block.kind == "heading"
        kept = [
            t
            for t in tokens
            if not (_capitalised(t.text) and ordinary(t, in_heading or _within(headline_spans, t.start)))
            and not _CONTRACTION.search(t.text)
        ]
        for run in _runs(prose, kept):
            foreign = any(t.text in FOREIGN_PARTICLES for t in run)
            full_name = prose[run[0].start : run[-1].end]
            for index, token in enumerate(run):
                word = token.text
                if not _capitalised(word) or len(word) < 2 or prose.startswith("[", token.raw_end):
                    continue
                mentions.append(
                    NameMention(
                        surface=word,
                        start=token.start,
                        end=token.end,
                        full_name=full_name,
                        full_start=run[0].start,
                        full_end=run[-1].end,
                        index=index,
                        previous=run[index - 1].text if index > 0 else None,
                        previous_is_word=index > 0 and run[index - 1].text.lower() in lower_words,
                        following=run[index + 1].text if index + 1 < len(run) else None,
                        possessive=token.possessive,
                        sentence_initial=token.start in initial,
                        headline=in_heading or _within(headline_spans, token.start),
                        quoted=quoted.contains(token.start),
                        foreign=foreign,
                    )
                )
    return tuple(mentions)
