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

``document.fact(names)`` is a :class:`NameIndex`: iterating it gives every
mention in text order; a check that compares spellings reads them first and
asks for the mentions of the few it looks at closely.
"""

from __future__ import annotations

import re
import string
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

import regex

from factcheck.extract.quotes import quotations
from factcheck.extract.sentences import sentences
from factcheck.extract.word_frequency import zipf
from factcheck.parsing.ranges import SpanSet

if TYPE_CHECKING:
    from collections.abc import Container, Iterator

    from factcheck.document import Block, Document

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
# Abbreviated titles and initials may end in a full stop inside a name.
_ABBREVIATED_TITLES = frozenset("mr mrs ms dr prof gen sen rep gov lt col sgt capt st jr sr rev".split())


def _particle_before(boundary: str, after: str = "") -> str:
    """Optional look-behinds that capture a particle joined to the capital after it.

    A particle is part of a name only right before a capitalised word, across
    a space or hyphen (or, for a one-letter particle, a full stop: _joins);
    anywhere else it ends a name just as any other lower-case word does. So
    the name pattern need not stop at every word that starts like a particle:
    it stops at capitals and looks back. One look-behind per particle length
    (``re`` wants each of a fixed width); at most one can match. ``after``:
    what stands between the particle's gap and the position the look-behinds
    are tried at (the capital itself, when the pattern has already read it).
    """
    by_length: dict[int, list[str]] = {}
    for word in PARTICLES:
        by_length.setdefault(len(word), []).append(word)
    spaced = "|".join(
        rf"(?<=(?<!{boundary})({'|'.join(sorted(words))})[ \-\u2010\u2011]{after})"
        for _, words in sorted(by_length.items(), reverse=True)
    )
    # Most capitals follow a space after no particle: one look at the two
    # characters before them rules the particles out.
    last_letters = "".join(sorted({word[-1] for word in PARTICLES}))
    stopped = "|".join(sorted(word for word in PARTICLES if len(word) == 1 or word in _ABBREVIATED_TITLES))
    return (
        rf"(?:(?<=[{last_letters}][ \-\u2010\u2011]{after})(?:{spaced})"
        rf"|(?<=(?<!{boundary})({stopped})\.{after})|(?<=(?<!{boundary})({stopped})\. {after}))?"
    )


# The words a name is made of: capitalised words, and the particles joined to
# them (the pattern's groups). Other lower-case words only separate names, so
# they are not tokens.
_NAME_TOKEN = regex.compile(
    r"(?=\p{Lu})(?<![\p{L}\p{M}\p{N}_'’])"
    + _particle_before(r"[\p{L}\p{M}\p{N}_'’]")
    + r"(?>\p{Lu}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*)(?![\p{N}_])"
)
# The same two patterns for text whose letters, marks and digits are all
# ASCII (most English prose, once its quotes, dashes and spaces are set
# aside): there the Unicode classes are ASCII ranges, and the stdlib ``re``
# finds the same matches in half the time of ``regex`` with Unicode
# properties. The name pattern reads its capital before any look-behind
# (which then looks past it): ``re`` finds a pattern's first character set
# by a quick scan, but tries a pattern that opens with a look-around at every
# position (token scan 140 -> 112 ms over the news, generated and
# real-docs corpora). The lower-word pattern starts with a lookahead for its
# first character, so that ``re`` skips the other positions without trying
# the lookbehind.
_ASCII_NAME_TOKEN = re.compile(
    r"[A-Z](?<![A-Za-z0-9_'’][A-Z])"
    + _particle_before(r"[A-Za-z0-9_'’]", after="[A-Z]")
    + r"(?>[A-Za-z]*(?:['’][A-Za-z][A-Za-z]*)*)(?![0-9_])"
)
_ASCII_LOWER_WORD = re.compile(r"(?=[a-z])(?<![A-Za-z'’])[a-z][A-Za-z]*(?:['’][A-Za-z][A-Za-z]*)*")
# Characters outside ASCII that are no letter, mark, digit or underscore
# (tests/test_name_variants.py checks each against the regex module); the
# apostrophe ’ is in both patterns' classes.
NEUTRAL_CHARACTERS = (
    "’“”‘‚„‹›«»—–‒―‐‑−…•·′″°×÷±§¶†‡©®™€£¥¢→←↑↓"
    "\u00a0\u2002\u2003\u2007\u2009\u200a\u200b\u200c\u200d\u202f\u2060\ufeff"
)


def ascii_words_only(text: str) -> bool:
    """Are all of ``text``'s letters, marks and digits ASCII? (Then the ``_ASCII_`` patterns apply.)"""
    if text.isascii():
        return True
    for character in NEUTRAL_CHARACTERS:
        if character in text:
            text = text.replace(character, "")
    return text.isascii()


# Particles that mark a name as written in another language ("Banco do
# Brasil"): its words are that language's spellings, not misspellings.
FOREIGN_PARTICLES = frozenset("da das del della der do dos du y zu".split())
# Single capitals that are words, not initials, at the start of a sentence.
_ARTICLE_LETTERS = frozenset("AI")
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


# A token: (text without a possessive ending, start, end of the text, end
# including the possessive ending, possessive, capital: the text starts with a
# capital, else it is a particle). A plain tuple read by unpacking: an article
# has thousands, and a named tuple costs four times as much to build.
_Token = tuple[str, int, int, int, bool, bool]


def _tokens(prose: str, start: int, end: int, ascii_words: bool) -> list[_Token]:
    """The capitalised words and particles of ``prose[start:end]``, without contractions ("We're")."""
    found: list[_Token] = []
    append = found.append
    # Match in a slice: the regex module's pos/endpos arguments cost time in
    # proportion to the whole string, which is quadratic over a long document.
    text = prose[start:end]
    pattern = _ASCII_NAME_TOKEN if ascii_words or ascii_words_only(text) else _NAME_TOKEN
    for match in pattern.finditer(text):
        word = match.group()
        begin = match.start() + start
        particle = match.lastindex
        if particle is not None:
            particle_start, particle_end = match.span(particle)
            particle_end += start
            append((match.group(particle), particle_start + start, particle_end, particle_end, False, False))
        finish = begin + len(word)
        if "'" in word or "’" in word:
            possessive = _POSSESSIVE.search(word)
            if possessive and len(word) > 3:
                cut = possessive.start()
                word_text = word[:cut]
                if not _CONTRACTION.search(word_text):
                    append((word_text, begin, begin + cut, finish, True, word[0].isupper()))
                continue
            if _CONTRACTION.search(word):
                continue  # an ordinary word, never a name
        append((word, begin, finish, finish, False, word[0].isupper()))
    return found


_JOINING_GAPS = frozenset((" ", "-", "\u2010", "\u2011"))
_STOP_GAPS = frozenset((". ", "."))


def _joins(prose: str, left: _Token, right: _Token) -> bool:
    """Do two neighbouring tokens belong to one name? (space or hyphen between them)."""
    if left[4] or right[1] - left[3] > 2:  # a possessive ends a name; every joining gap is short
        return False
    gap = prose[left[3] : right[1]]
    if gap in _JOINING_GAPS:
        return True
    # "J. K. Rowling", "Dr. Smith": an initial or an abbreviated title with its stop.
    return gap in _STOP_GAPS and (len(left[0]) == 1 or left[0].casefold() in _ABBREVIATED_TITLES)


def _runs(prose: str, tokens: list[_Token]) -> list[list[_Token]]:
    """Maximal runs of capitalised words (and the particles between them)."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    last = len(tokens) - 1
    for i, token in enumerate(tokens):
        if not token[5] and not (
            token[0] in PARTICLES and i < last and tokens[i + 1][5] and _joins(prose, token, tokens[i + 1])
        ):
            # Neither a capitalised word nor a particle inside a name.
            if current:
                runs.append(current)
                current = []
        elif current and token[1] - current[-1][3] <= 2 and _joins(prose, current[-1], token):
            # (Most capitals are further from the word before: no call.)
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
        end = len(run)
        while end and not run[end - 1][5]:
            end -= 1
        if end:
            trimmed.append(run if end == len(run) else run[:end])
    return trimmed


_ASCII_LETTERS = frozenset(string.ascii_letters)
_CAPITALS_AND_OPENING = (string.ascii_uppercase + "".join(c for c in _OPENING_PUNCTUATION if c.isascii())).encode()
# The byte form of ASCII prose in which lower-case words are looked up: ’
# (three bytes in UTF-8) becomes this one byte, and every byte that is no
# letter or apostrophe becomes a space.
_CURLY_APOSTROPHE = "’".encode()
_APOSTROPHE_BYTE = b"\x00"
_WORD_BYTES = frozenset((string.ascii_letters + "'").encode() + _APOSTROPHE_BYTE)
_TO_CHUNKS = bytes(byte if byte in _WORD_BYTES else 0x20 for byte in range(256))
_DOUBLE_APOSTROPHES = (b"''", b"'\x00", b"\x00'", b"\x00\x00")
_APOSTROPHE_CODES = frozenset(b"'" + _APOSTROPHE_BYTE)
_SMALL_LETTER_CODES = frozenset(string.ascii_lowercase.encode())


# Words asked about one by one, each by a search of the prose, before a
# document's whole set of lower-case words is built: an article asks about a
# few rare words (2,499 in the 2,002 news articles, at most 50 in one; common
# words are answered by their frequency first), and building the set costs
# as much as ~25 searches. A document that asks more gets the set after this
# many searches, so the cost stays linear in its length (at worst about twice
# the set's).
SEARCHES_BEFORE_SET = 32


class _LowerWords:
    """The words a document writes in lower case ("despite" beside a sentence-initial "Despite").

    ``word in lower_words`` says whether the lower-word pattern matches
    ``word`` somewhere in the prose. In ASCII prose the first
    ``SEARCHES_BEFORE_SET`` questions are answered by finding the word in the
    prose and matching the pattern where it stands; after that (and at once
    for other prose) by the set of the pattern's matches. Matching every word
    of a document with a regular expression costs more than the rest of the
    name extractor's scan; in ASCII prose a byte translation and a split give
    the same set at C speed. The pattern's look-behind lets a match start only
    where a run of letters and apostrophes (a chunk) starts, and it runs to
    the end of the chunk but for an apostrophe that no letter follows: with no
    two apostrophes in a row, that is a trailing one. So the matches are the
    chunks that start with a small letter, less any trailing apostrophe.
    Lines with a letter outside ASCII get the set of the pattern's matches,
    and so does other prose with two apostrophes in a row or a NUL character.
    """

    def __init__(self, prose: str, ascii_words: bool, searches: int = SEARCHES_BEFORE_SET) -> None:
        self.prose = prose
        self.ascii_words = ascii_words
        self.searches = searches if ascii_words else 0
        self.chunks: set[bytes] = set()
        self.matches: set[str] = set()
        self.built = False
        if not self.searches:
            self._build()

    def _build(self) -> None:
        self.built = True
        prose = self.prose
        if not self.ascii_words:
            # A letter outside ASCII ("Nicolás") stands in a few lines: those
            # lines get the pattern, the others the byte split. No match spans
            # a line, and none depends on the lines around it (the look-behind
            # sees the same boundary in a newline as at the start of a string).
            plain: list[str] = []
            other: list[str] = []
            for line in prose.split("\n"):
                (plain if ascii_words_only(line) else other).append(line)
            self.matches = set(_LOWER_WORD.findall("\n".join(other)))
            prose = "\n".join(plain)
        marked = prose.encode("utf-8", "surrogatepass")
        if _APOSTROPHE_BYTE not in marked:
            marked = marked.replace(_CURLY_APOSTROPHE, _APOSTROPHE_BYTE)
            if not any(double in marked for double in _DOUBLE_APOSTROPHES):
                self.chunks = set(marked.translate(_TO_CHUNKS).split())
                return
        self.matches.update(_ASCII_LOWER_WORD.findall(prose))

    def _search(self, word: str) -> bool:
        """Does the ASCII pattern match exactly ``word`` where ``word`` stands in the prose?"""
        if not word:
            return False
        prose, width = self.prose, len(word)
        at = prose.find(word)
        while at != -1:
            match = _ASCII_LOWER_WORD.match(prose, at)  # (its look-behind sees the text before ``at``)
            if match is not None and match.end() == at + width:
                return True
            at = prose.find(word, at + 1)
        return False

    def __contains__(self, word: str) -> bool:
        if not self.built:
            if self.searches:
                self.searches -= 1
                return self._search(word)
            self._build()
        if word in self.matches:
            return True
        key = word.encode("utf-8", "surrogatepass").replace(_CURLY_APOSTROPHE, _APOSTROPHE_BYTE)
        if not key or key[0] not in _SMALL_LETTER_CODES or key[-1] in _APOSTROPHE_CODES or "\x00" in word:
            return False  # (NUL is the byte form's stand-in for ’, never in these documents)
        chunks = self.chunks
        return key in chunks or key + b"'" in chunks or key + _APOSTROPHE_BYTE in chunks


def _sentence_facts(document: Document) -> tuple[set[int], list[tuple[int, int]]]:
    """Offsets of sentence-initial words, and the spans of headline-like sentences."""
    initial: set[int] = set()
    headlines: list[tuple[int, int]] = []
    for block in document.blocks:
        if block.kind == "heading":
            headlines.append((block.start, block.end))
    for sentence in document.fact(sentences):
        text = sentence.text
        if text[:1] in _ASCII_LETTERS:
            initial.add(sentence.start)  # most sentences start with their first letter
        else:
            first = _FIRST_LETTER.search(text)
            if first is None:
                continue
            initial.add(sentence.start + first.start())
        words = text.split()
        total = len(words)
        if total < HEADLINE_MIN_WORDS:
            continue
        # Most sentences have too few capitals to be a headline. A word that
        # counts as capitalised starts (after opening punctuation) with a
        # capital, or is a particle: its first character is an ASCII capital,
        # an ASCII opening mark, a character UTF-8 writes in several bytes,
        # or it is a bare particle. Counted at C speed, that bound rules most
        # sentences out at once.
        encoded = text.encode("utf-8", "surrogatepass")  # (a lone surrogate is three bytes)
        marks = len(encoded) - len(encoded.translate(None, _CAPITALS_AND_OPENING)) + len(encoded) - len(text)
        if marks / total < HEADLINE_SHARE and (
            PARTICLES.isdisjoint(words) or (marks + sum(map(PARTICLES.__contains__, words))) / total < HEADLINE_SHARE
        ):
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


class NameIndex:
    """A document's name mentions, built on demand: most are never looked at.

    Every capitalised word of an article is a mention, but the one check that
    reads them (name-variants) compares spellings, and only a spelling close to
    another one ever needs its mentions: about one spelling in eighty. Building
    all ~55 mentions of an average article (a 15-field tuple each, and the
    evidence around it) cost more than comparing the spellings. So the index
    keeps the runs of name words found in one pass and says which spelling
    each mention has (``surfaces``, in text order) and the text of each
    multi-word name (``whole_names``, one a name in text order);
    :meth:`mentions` builds the mentions of the spellings asked for, the very
    tuples that iterating the index gives, and :meth:`whole_mentions` the
    multi-word names asked for, each as one mention.
    """

    __slots__ = (
        "_blocks",
        "_in_headline",
        "_initial",
        "_lower_words",
        "_prose",
        "_quoted",
        "_word_before",
        "surfaces",
        "whole_names",
    )

    def __init__(self, document: Document) -> None:
        prose = document.prose
        initial, headline_spans = _sentence_facts(document)
        headlines = SpanSet.of(headline_spans)
        quoted = document.fact(quotations)
        ascii_words = ascii_words_only(prose)
        # First pass: the words of each block; which of them stand in headline-like
        # sentences; which words the document writes in lower case, and which it
        # capitalises where capitals are not automatic (mid-sentence, outside headlines).
        lower_words = _LowerWords(prose, ascii_words)
        blocks: list[tuple[Block, list[_Token]]] = []
        in_headline: set[int] = set()  # offsets of words inside headline-like sentences
        capitalised_mid_sentence: set[str] = set()
        for block in document.blocks:
            tokens = _tokens(prose, block.start, block.end, ascii_words)
            blocks.append((block, tokens))
            if headlines.meets(block.start, block.end):
                in_headline.update(t[1] for t in tokens if headlines.contains(t[1]))
            if block.kind != "heading":
                capitalised_mid_sentence.update(
                    [t[0] for t in tokens if t[5] and t[1] not in initial and t[1] not in in_headline]
                )
        answers: dict[str, bool] = {}  # ordinary() of each word asked about, once per document

        def ordinary(text: str) -> bool:
            """A capitalised word at the start of a sentence or in a headline that is only capitalised
            because of where it stands."""
            if text in _ARTICLE_LETTERS:
                return True  # "A Volkswagen spokesman"
            if text in capitalised_mid_sentence or len(text) == 1:
                return False  # single capitals are initials ("M Horan")
            answer = answers.get(text)
            if answer is None:
                lowered = text.lower()
                # (The frequency first: most words asked about are common, and a
                # search of the prose costs more than a look-up.)
                answer = answers[text] = zipf(lowered) >= ORDINARY_WORD_ZIPF or lowered in lower_words
            return answer

        self._prose = prose
        self._initial = initial
        self._in_headline = in_headline
        self._quoted = quoted
        self._lower_words = lower_words
        self._word_before: dict[str, bool] = {}  # previous_is_word of each word before a name
        # Second pass: the runs of name words (kept for the mentions asked
        # for later), each mention's spelling, and each multi-word name's text.
        self._blocks: list[tuple[bool, bool, list[list[_Token]]]] = []
        self.surfaces: list[str] = []
        self.whole_names: list[str] = []
        add_surface = self.surfaces.append
        add_whole_name = self.whole_names.append
        brackets = "[" in prose  # (a name word right before "[" is a link label's; most prose has none)
        for block, tokens in blocks:
            in_heading = block.kind == "heading"
            if in_heading:
                kept = [t for t in tokens if not (t[5] and ordinary(t[0]))]
            else:
                kept = [
                    t for t in tokens if not (t[5] and (t[1] in in_headline or t[1] in initial) and ordinary(t[0]))
                ]
            if not kept:
                continue
            block_quoted = quoted.meets(block.start, block.end)
            runs = _runs(prose, kept)
            self._blocks.append((in_heading, block_quoted, runs))
            for run in runs:
                if len(run) == 1:
                    # Most names are one word: that word is the whole name, and
                    # (runs end in a capitalised word) it is capitalised.
                    word, _, _, raw_end, _, _ = run[0]
                    if len(word) > 1 and not (brackets and prose.startswith("[", raw_end)):
                        add_surface(word)
                    continue
                named = False
                for word, _, _, raw_end, _, capital in run:
                    if capital and len(word) > 1 and not (brackets and prose.startswith("[", raw_end)):
                        add_surface(word)
                        named = True
                if named:
                    add_whole_name(prose[run[0][1] : run[-1][2]])

    def whole_mentions(self, wanted: Container[str]) -> list[NameMention]:
        """The multi-word names in ``wanted`` (in text order), each as one mention.

        The whole name stands where its first mention stands: that mention's
        sentence start, headline and quotation; foreign when the name has a
        foreign particle.
        """
        prose = self._prose
        initial = self._initial
        in_headline = self._in_headline
        quoted = self._quoted
        wholes: list[NameMention] = []
        make = tuple.__new__
        for in_heading, block_quoted, runs in self._blocks:
            for run in runs:
                if len(run) == 1:
                    continue
                full_start, full_end = run[0][1], run[-1][2]
                full_name = prose[full_start:full_end]
                if full_name not in wanted:
                    continue
                first = next(
                    (
                        start
                        for word, start, _, raw_end, _, capital in run
                        if capital and len(word) > 1 and not prose.startswith("[", raw_end)
                    ),
                    None,
                )
                if first is None:
                    continue
                wholes.append(
                    make(
                        NameMention,
                        (
                            full_name,  # surface
                            full_start,
                            full_end,
                            full_name,  # full_name
                            full_start,
                            full_end,
                            0,  # index
                            None,  # previous
                            None,  # following
                            False,  # possessive
                            first in initial,  # sentence_initial: of the name's first mention
                            in_heading or first in in_headline,  # headline
                            block_quoted and quoted.contains(first),  # quoted
                            _foreign(run),
                            False,  # previous_is_word
                        ),
                    )
                )
        return wholes

    def __iter__(self) -> Iterator[NameMention]:
        return iter(self.mentions())

    def __len__(self) -> int:
        return len(self.surfaces)

    def mentions(self, wanted: Container[str] | None = None) -> list[NameMention]:
        """The mentions (in text order) whose surface is in ``wanted``, or all of them."""
        prose = self._prose
        initial = self._initial
        in_headline = self._in_headline
        quoted = self._quoted
        lower_words = self._lower_words
        word_before = self._word_before
        mentions: list[NameMention] = []
        append = mentions.append
        # Positional, in field order, without _make's checks (keyword arguments
        # cost five times as much).
        make = tuple.__new__
        for in_heading, block_quoted, runs in self._blocks:
            for run in runs:
                if wanted is not None and all(token[0] not in wanted for token in run):
                    continue
                foreign = _foreign(run)
                full_start, full_end = run[0][1], run[-1][2]
                full_name = prose[full_start:full_end]
                last = len(run) - 1
                for index, (word, start, end, raw_end, possessive, capital) in enumerate(run):
                    if not capital or len(word) < 2 or prose.startswith("[", raw_end):
                        continue
                    if wanted is not None and word not in wanted:
                        continue
                    if index:
                        previous = run[index - 1][0]
                        previous_is_word = word_before.get(previous)
                        if previous_is_word is None:
                            previous_is_word = word_before[previous] = previous.lower() in lower_words
                    else:
                        previous = None
                        previous_is_word = False
                    append(
                        make(
                            NameMention,
                            (
                                word,  # surface
                                start,
                                end,
                                full_name,
                                full_start,
                                full_end,
                                index,
                                previous,
                                run[index + 1][0] if index < last else None,  # following
                                possessive,
                                start in initial,  # sentence_initial
                                in_heading or start in in_headline,  # headline
                                block_quoted and quoted.contains(start),  # quoted
                                foreign,
                                previous_is_word,
                            ),
                        )
                    )
        return mentions


def _foreign(run: list[_Token]) -> bool:
    """Does a run hold a foreign particle ("Banco do Brasil")? (Particles are the tokens without a capital.)"""
    return any(not token[5] and token[0] in FOREIGN_PARTICLES for token in run)


def names(document: Document) -> NameIndex:
    """The document's name mentions, in text order, built on demand (use via ``document.fact``).

    Iterate it for every mention; the name-variants check asks only for the
    mentions of the spellings it compares (:meth:`NameIndex.mentions`).
    """
    return NameIndex(document)
