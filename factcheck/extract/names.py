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
from collections.abc import Sequence
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


class NameMention(NamedTuple):
    """One capitalised word that reads as (part of) a name.

    ``surface`` is the word as written without a possessive ending; ``start``/
    ``end`` are its offsets in ``Document.text``. ``full_name`` is the whole
    multi-word name it belongs to (itself when alone), spanning
    ``full_start``..``full_end``; ``index`` is its position in that name.
    ``previous`` is the word before it in the name ("Edmundo" for
    "Gonzalez"), ``following`` the word after it; ``previous_is_word`` says
    the document also writes that word in lower case ("Industry Department":
    an ordinary word, not a first name).

    A named tuple, not a frozen dataclass: a document has thousands of
    mentions, and a frozen dataclass's ``__init__`` (one ``object.__setattr__``
    a field) cost five times as much to build them.
    """

    surface: str
    start: int
    end: int
    full_name: str
    full_start: int
    full_end: int
    index: int  # type: ignore[assignment]  # shadows tuple.index: the word's place in its name
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
    if text.isascii():
        return text.casefold()  # nothing to decompose, no accents, no curly apostrophe
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


class _Token(NamedTuple):
    text: str  # without possessive
    start: int
    end: int  # end of ``text``
    raw_end: int  # end including a possessive ending
    possessive: bool
    capital: bool  # ``text`` starts with a capital (else it is a particle)


def _tokens(prose: str, start: int, end: int) -> list[_Token]:
    found = []
    append = found.append
    # Match in a slice: the regex module's pos/endpos arguments cost time in
    # proportion to the whole string, which is quadratic over a long document.
    for match in _NAME_TOKEN.finditer(prose[start:end]):
        word = match.group()
        begin, finish = match.span()
        begin += start
        finish += start
        if "'" in word or "’" in word:
            possessive = _POSSESSIVE.search(word)
            if possessive and len(word) > 3:
                cut = possessive.start()
                append(_Token(word[:cut], begin, begin + cut, finish, True, word[:1].isupper()))
                continue
        append(_Token(word, begin, finish, finish, False, word[:1].isupper()))
    return found


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
    count = len(tokens)
    for i, token in enumerate(tokens):
        starts_name_part = token.capital or (
            token.text in PARTICLES
            and i + 1 < count
            and tokens[i + 1].capital
            and _joins(prose, token, tokens[i + 1])
        )
        if not starts_name_part:
            if current:
                runs.append(current)
                current = []
        elif current and _joins(prose, current[-1], token):
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = [token]
    if current:
        runs.append(current)
    # A run never ends in a particle ("Putin al" is not a name).
    trimmed = []
    for run in runs:
        last = len(run) - 1
        while last >= 0 and not run[last].capital:
            last -= 1
        if last >= 0:
            trimmed.append(run[: last + 1])
    return trimmed


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
        words = sentence.text.split()
        total = len(words)
        if total < HEADLINE_MIN_WORDS:
            continue
        # Count capitalised words, and stop once even an all-capitalised rest
        # could not make the share: most sentences are decided half-way.
        capitalised = 0
        remaining = total
        for word in words:
            if (capitalised + remaining) / total < HEADLINE_SHARE:
                break
            remaining -= 1
            word = word.lstrip(_OPENING_PUNCTUATION)
            if word[:1].isupper() or word in PARTICLES:
                capitalised += 1
        if capitalised / total >= HEADLINE_SHARE:
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


def _within(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


class _Spans:
    """Spans sorted by start, asked whether any of them meets a block.

    Most blocks meet no headline and no quotation: one bisection per block
    then answers for all its words, instead of one per word.
    """

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = spans
        # reach[i]: the furthest end among spans[0..i] (spans may overlap).
        self.reach: list[int] = []
        furthest = -1
        for _, end in spans:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def meet(self, start: int, end: int) -> bool:
        """Does any span overlap ``start``..``end``?"""
        index = bisect.bisect_left(self.spans, (end,)) - 1
        return index >= 0 and self.reach[index] > start


def names(document: Document) -> tuple[NameMention, ...]:
    """Every name mention in the document's prose, in text order (use via ``document.fact``)."""
    prose = document.prose
    initial, headline_spans = _sentence_facts(document)
    headline_spans = _merge(headline_spans)
    headlines = _Spans(headline_spans)
    quoted = document.fact(quotations)
    quotes = _Spans(quoted.spans)
    blocks = [(block, _tokens(prose, block.start, block.end)) for block in document.blocks]
    # Offsets of the words inside headline-like sentences.
    in_headline: set[int] = set()
    for block, tokens in blocks:
        if headlines.meet(block.start, block.end):
            in_headline.update(t.start for t in tokens if _within(headline_spans, t.start))
    # First pass: which words the document writes in lower case, and which it
    # capitalises where capitals are not automatic (mid-sentence, outside headlines).
    lower_words = set(_LOWER_WORD.findall(prose))
    capitalised_mid_sentence: set[str] = set()
    for block, tokens in blocks:
        if block.kind == "heading":
            continue
        for token in tokens:
            if token.capital and token.start not in initial and token.start not in in_headline:
                capitalised_mid_sentence.add(token.text)
    frequencies: dict[str, float] = {}  # zipf() of each word asked about, once per document

    def ordinary(token: _Token, headline: bool) -> bool:
        """A capitalised word that is only capitalised because of where it stands."""
        if token.text in _ARTICLE_LETTERS:
            return headline or token.start in initial  # "A Volkswagen spokesman"
        if not (headline or token.start in initial) or token.text in capitalised_mid_sentence or len(token.text) == 1:
            return False  # single capitals are initials ("M Horan")
        lowered = token.text.lower()
        if lowered in lower_words:
            return True
        frequency = frequencies.get(lowered)
        if frequency is None:
            frequency = frequencies[lowered] = zipf(lowered)
        return frequency >= ORDINARY_WORD_ZIPF

    mentions: list[NameMention] = []
    for block, tokens in blocks:
        in_heading = block.kind == "heading"
        kept = [
            t
            for t in tokens
            if not (t.capital and ordinary(t, in_heading or t.start in in_headline))
            and not (("'" in t.text or "’" in t.text) and _CONTRACTION.search(t.text))
        ]
        block_quoted = quotes.meet(block.start, block.end)
        for run in _runs(prose, kept):
            foreign = any(t.text in FOREIGN_PARTICLES for t in run)
            full_start, full_end = run[0].start, run[-1].end
            full_name = prose[full_start:full_end]
            last = len(run) - 1
            for index, token in enumerate(run):
                word = token.text
                if not token.capital or len(word) < 2 or prose.startswith("[", token.raw_end):
                    continue
                previous = run[index - 1].text if index > 0 else None
                mentions.append(
                    NameMention(
                        surface=word,
                        start=token.start,
                        end=token.end,
                        full_name=full_name,
                        full_start=full_start,
                        full_end=full_end,
                        index=index,
                        previous=previous,
                        previous_is_word=previous is not None and previous.lower() in lower_words,
                        following=run[index + 1].text if index < last else None,
                        possessive=token.possessive,
                        sentence_initial=token.start in initial,
                        headline=in_heading or token.start in in_headline,
                        quoted=block_quoted and quoted.contains(token.start),
                        foreign=foreign,
                    )
                )
    return tuple(mentions)
