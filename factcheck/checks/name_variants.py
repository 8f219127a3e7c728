"""Kind ``name-variants``: one name spelled two ways in one article.

## What it does
Finds names written two ways in one document and flags the less used
spelling, naming the more used one. Two detectors, each switched by params:

* **automatic** (``automatic: true``): spellings one edit apart
  (Damerau–Levenshtein; ``long_name_edits`` for names of ``long_name_length``
  letters or more), the same after folding accents and case
  ("González"/"Gonzalez", "McDonald"/"Mcdonald"), or the same but for hyphens
  and spaces ("al-Assad"/"al Assad"). On a tie the spelling of the first
  full-name introduction ("Edmundo Gonzalez") is canonical.
* **declared** (``variants:``): listed sets of known variant spellings
  ("Zelensky, Zelenskyy, Zelenskiy"); mixing forms of one set is flagged, and
  with a ``preferred`` form every other form is flagged even when used
  consistently. With ``report_declared: false`` the sets only keep the
  automatic detector off those pairs (another rule reports them).

The automatic detector stays quiet on what real news prose does on purpose:
word endings (Russia/Russian, Democrats/Democratic, Germany/Germans), pairs
that differ in the first letter (Hong/Kong), short words (Chan/Chang) except
for accents, acronyms and all-capital words, pairs that are both common
English words (Iran/Iraq, David/Davis), two people told apart by their first
names ("M Horan" / "S Horgan") when both spellings are real names, first
names of different people (Elena/Elene), two words of one name ("David
Davis"), foreign names ("Banco do Brasil"), a spelling used four or more times
(a choice, not a slip), weekdays and months, and the pairs in ``distinct``.
A variant inside a quotation is reported with ``quoted_severity``.

## Why is this bad?
Misspelled names are the correction newsrooms print most often, and a
spell checker cannot catch them: both spellings look like names.

## Example
```text
Maduro and his rival Edmundo Gonzalez claimed victory.
The council showed Gonzales receiving 44.2% of the vote.
```

## Use instead
```text
The council showed Gonzalez receiving 44.2% of the vote.
```
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from factcheck.extract.dates import MONTHS, WEEKDAYS
from factcheck.extract.names import NameIndex, NameMention, fold, names
from factcheck.extract.usage import most_used
from factcheck.extract.word_frequency import zipf
from factcheck.findings import Severity
from factcheck.params import ParamError

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.findings import Finding
    from factcheck.rules import Rule

# Endings that make another word from the same stem (Russia/Russian,
# Democrat/Democratic, Terrorism/Terrorists, Germany/Germans, Iraq/Iraqi).
# "n"/"ns" count only after a vowel, so a doubled final consonant
# (Seligman/Seligmann) stays a possible typo; a bare added vowel
# (Sloan/Sloane) is not an ending either.
_ENDINGS = frozenset(
    "a s es an ans ian ians ean eans ien iens ese ish ic ics ical al als ism isms ist ists ite ites i is y ies er ers ia ae".split()
)
_VOWEL_ENDINGS = frozenset("n ns".split())
_ALL_ENDINGS = ("", *sorted(_ENDINGS | _VOWEL_ENDINGS))
# The endings a word can have, by its last letter (in _ALL_ENDINGS order):
# _stems tries these few instead of every ending.
_ENDINGS_BY_LAST_LETTER: dict[str, tuple[str, ...]] = {
    letter: tuple(e for e in _ALL_ENDINGS if e == "" or e[-1] == letter) for letter in {e[-1] for e in _ALL_ENDINGS if e}
}
_VOWELS = frozenset("aeiouy")
MIN_STEM = 3
# Bucket size above which a deletion key is too common to mean anything
# (a pathological document of near-identical names); keeps cost linear. Up to
# this many forms of one initial are compared pair by pair instead.
MAX_BUCKET = 64
# Longer "words" are pasted identifiers or base64, not names; a deletion
# neighbourhood grows with the square of the length, so they are skipped.
MAX_NAME_LENGTH = 40
# Words before a surname that are titles, not given names: they never tell two people apart.
TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady president minister prime premier chancellor senator sen
    representative rep governor gov general gen colonel col captain capt lieutenant lt sergeant sgt
    judge justice mayor king queen prince princess pope sheikh rabbi father saint st chairman chief
    ambassador secretary deputy commissioner inspector officer detective coach"""
    .split()
)
_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS)
# A capital after a small letter inside a word, once a surname prefix is set
# aside (McAlpine, MacArthur, DeVos, LeBron, O'Neill): CamelCase, which in
# prose is a product or code name (BitXorAssign, NonZeroUsize), where one
# letter apart names another thing, not a slip.
_O_PREFIX = regex.compile(r"^o'(?=\p{L})")  # on folded text: fold() turns ’ into '
_SURNAME_PREFIX = regex.compile(r"^(?:Mc|Mac|De|Di|Da|Du|Del|La|Le|Van|Von|St|O['’])(?=\p{Lu})")
_INNER_CAPITAL = regex.compile(r"\p{Ll}\p{Lu}")


def _code_identifier(surface: str) -> bool:
    """Whether every word of a spelling is CamelCase with an inner capital."""
    words = surface.split()
    return bool(words) and all(_INNER_CAPITAL.search(_SURNAME_PREFIX.sub("", word)) for word in words)
# "NEvada", "INc": the shift key held one letter too long.
_SHIFT_SLIP = regex.compile(r"\p{Lu}{2}\p{Ll}")
# "The", "New", "Of": words this common before a name are not first names.
FUNCTION_WORD_ZIPF = 6.0


def _declared_key(form: str) -> str:
    """Declared forms match in any case and with either apostrophe (al-Qa'ida, al-Qa’ida)."""
    return form.replace("’", "'").casefold()


def _folded_for_search(text: str) -> str:
    """``text`` folded so that every declared-pattern match shows as its form's key.

    The pattern matches with full case folding, and the regex module also lets
    the Turkish dotted and dotless I ("İ", "ı") match "i" and "I": those are
    folded to "i" here, so a plain substring test over the result never misses
    a match (it may see a few that the pattern then rejects).
    """
    return text.casefold().replace("i\u0307", "i").replace("ı", "i").replace("’", "'")


NEEDLE_LENGTH = 5


def _needles(keys: Iterable[str]) -> tuple[str, ...]:
    """Few substrings, one of which is in every key: "elens" stands for all five Zelensky forms.

    Each substring test is a pass over the document, so fewer is cheaper;
    greedy set cover over the keys' ``NEEDLE_LENGTH``-letter windows (a
    shorter key stands for itself).
    """
    uncovered = set(keys)
    covers: dict[str, set[str]] = {}
    for key in uncovered:
        windows = {key[i : i + NEEDLE_LENGTH] for i in range(max(1, len(key) - NEEDLE_LENGTH + 1))}
        for window in windows:
            covers.setdefault(window, set()).add(key)
    for window, covered in covers.items():
        covered.update(key for key in uncovered if window in key)
    chosen: list[str] = []
    while uncovered:
        best = max(sorted(covers), key=lambda window: len(covers[window] & uncovered))
        chosen.append(best)
        uncovered -= covers[best]
    return tuple(chosen)


@dataclass(frozen=True)
class Params:
    """The rule's ``params:``.

    ``automatic``: run the automatic detector. ``max_edits`` (and
    ``long_name_edits`` for names of ``long_name_length`` letters or more):
    how far apart two spellings may be; names shorter than ``min_length`` are
    compared only after folding accents and case. ``max_variant_uses``: a
    spelling used more often is a choice, not a slip. Word frequencies (Zipf):
    two spellings both at least ``common_word_zipf`` are two words; one at
    least ``everyday_word_zipf`` and the other at least ``real_name_zipf`` too;
    a flagged spelling at least ``ordinary_word_zipf`` beside an unknown
    string is an everyday word. ``quoted_severity``: severity inside
    quotations. ``distinct``: groups of different names never reported.
    ``variants``: declared sets of one name's spellings, ``preferred``: the
    house form of some of them; ``report_declared: false`` keeps the sets only
    to leave them to another rule. ``citing_cues``: regular expressions for
    the words right before a spelling that cite it as a spelling ("once known
    as Kiev", "also spelled Zelensky"); a cited spelling is never reported.
    """

    automatic: bool = True
    max_edits: int = 1
    long_name_edits: int = 2
    long_name_length: int = 10
    min_length: int = 5
    max_variant_uses: int = 3
    common_word_zipf: float = 3.5
    everyday_word_zipf: float = 4.5
    ordinary_word_zipf: float = 4.0
    real_name_zipf: float = 2.0
    quoted_severity: str = "info"
    distinct: tuple[tuple[str, ...], ...] = ()
    variants: tuple[tuple[str, ...], ...] = ()
    preferred: tuple[str, ...] = ()
    report_declared: bool = True
    # Words right before a spelling that cite it as a spelling rather than use
    # it ("once known as Kiev", "written Schroeder", "also spelled Zelensky").
    citing_cues: tuple[str, ...] = (
        r"(?:also |often |sometimes |commonly |previously |formerly )?"
        r"(?:spelled|spelt|written|transliterated|romani[sz]ed|rendered)(?: as)?",
        r"(?:also |once |formerly |previously |then |widely )?known as",
        r"formerly|spelling|the spelling",
    )
    distinct_pairs: frozenset[frozenset[str]] = field(init=False, repr=False, compare=False)
    quoted_level: Severity = field(init=False, repr=False, compare=False)
    declared_pattern: Any = field(init=False, repr=False, compare=False)
    declared_forms: dict[str, tuple[int, str]] = field(init=False, repr=False, compare=False)
    declared_needles: tuple[str, ...] = field(init=False, repr=False, compare=False)
    declared_search_keys: dict[str, tuple[int, str]] = field(init=False, repr=False, compare=False)
    declared_preferred: dict[int, str] = field(init=False, repr=False, compare=False)
    citing_re: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("max_edits", "long_name_edits"):
            if not 0 <= getattr(self, name) <= 3:
                raise ParamError(name, "must be between 0 and 3")
        for name in ("long_name_length", "min_length"):
            if getattr(self, name) < 1:
                raise ParamError(name, "must be at least 1")
        try:
            quoted_level = Severity.parse(self.quoted_severity)
        except KeyError:
            raise ParamError("quoted_severity", "must be error, warning or info") from None
        pairs: set[frozenset[str]] = set()
        for group in self.distinct:
            if len(group) < 2:
                raise ParamError("distinct", f"each entry lists two or more different names, not {list(group)!r}")
            folded = [fold(name) for name in group]
            pairs.update(frozenset((a, b)) for a in folded for b in folded if a != b)
        forms: dict[str, tuple[int, str]] = {}
        for index, group in enumerate(self.variants):
            if len(group) < 2:
                raise ParamError("variants", f"each set lists two or more spellings, not {list(group)!r}")
            for form in group:
                key = _declared_key(form)
                if key in forms:
                    raise ParamError("variants", f"{form!r} is listed twice")
                forms[key] = (index, form)
        preferred: dict[int, str] = {}
        for form in self.preferred:
            entry = forms.get(_declared_key(form))
            if entry is None:
                raise ParamError("preferred", f"{form!r} is not in any variants set")
            if entry[0] in preferred:
                raise ParamError("preferred", f"two preferred forms for one set: {preferred[entry[0]]!r} and {form!r}")
            preferred[entry[0]] = entry[1]
        pattern = None
        if forms:
            alternation = "|".join(
                regex.escape(f).replace("'", "['’]").replace("\\'", "['’]")
                for f in sorted((f for _, f in forms.values()), key=len, reverse=True)
            )
            pattern = regex.compile(rf"(?<![\w'’-])(?:{alternation})(?![\w-])", regex.IGNORECASE | regex.V1)
        object.__setattr__(self, "distinct_pairs", frozenset(pairs))
        object.__setattr__(self, "quoted_level", quoted_level)
        object.__setattr__(self, "declared_pattern", pattern)
        object.__setattr__(self, "declared_forms", forms)
        # Substrings one of which every document with a declared form contains:
        # a cheap test that spares the fuzzy pattern most articles.
        # "KİEV" matches the pattern, but its case fold is not Kiev's key.
        search_keys: dict[str, tuple[int, str]] = {}
        for entry in forms.values():
            search_keys.setdefault(_folded_for_search(entry[1]), entry)
        object.__setattr__(self, "declared_search_keys", search_keys)
        object.__setattr__(self, "declared_needles", _needles(_folded_for_search(form) for form in forms))
        object.__setattr__(self, "declared_preferred", preferred)
        try:
            citing = regex.compile(
                r"(?i)(?<![\w])(?:" + "|".join(f"(?:{cue})" for cue in self.citing_cues) + r")\s*[\"'“‘]?\s*$"
            ) if self.citing_cues else None
        except regex.error as error:
            raise ParamError("citing_cues", f"bad regular expression: {error}") from None
        object.__setattr__(self, "citing_re", citing)


def _after_given_name(mention: NameMention) -> bool:
    """Is the word before this mention a first name or an initial?

    Not a title ("President"), not a function word ("The"), and in a headline
    or a team line-up ("M Horan, D O'Callaghan") only an initial: other
    capitalised words there may be ordinary words.
    """
    previous = mention.previous
    if not previous or not previous[:1].isupper():
        return False
    if len(previous) == 1:
        return True
    return (
        not mention.headline
        and not mention.previous_is_word
        and fold(previous) not in TITLES
        and zipf(previous) < FUNCTION_WORD_ZIPF
    )


def _spelling_frequency(folded: str) -> float:
    """Zipf frequency of a folded spelling; an O' surname's is its stem's (the list holds letters only)."""
    return zipf(_O_PREFIX.sub("", folded) if folded.startswith("o'") else folded)


@dataclass(slots=True)
class _Spelling:
    """Every use of one spelling in the document, with the evidence around it."""

    surface: str
    mentions: list[NameMention]
    folded: str
    whole: bool = False  # a multi-word name, its mentions each the whole name

    _frequency: float | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def frequency(self) -> float:
        """Zipf frequency of the folded spelling, looked up once (several tests of a pair ask).

        The word list holds letters only, so an Irish O' surname is looked up
        by what follows the prefix: O'Neill is as real a name as Neill.
        """
        if self._frequency is None:
            self._frequency = _spelling_frequency(self.folded)
        return self._frequency

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def first(self) -> int:
        return self.mentions[0].start

    def given_names(self) -> set[str]:
        """First names and initials written before this spelling (titles excluded)."""
        return {fold(m.previous) for m in self.mentions if m.previous and _after_given_name(m)}

    def titles(self) -> set[str]:
        return {m.previous for m in self.mentions if m.previous and fold(m.previous) in TITLES}

    def introduction(self) -> NameMention | None:
        """The first full-name introduction ("Edmundo Gonzalez"), if any."""
        return next((m for m in self.mentions if _after_given_name(m)), None)

    def used_as_given_name(self) -> set[str] | None:
        """The surnames after it when every use is a first name before a surname, else None."""
        followers = {fold(m.following) for m in self.mentions if m.following and m.following[:1].isupper()}
        if followers and all(m.following and m.following[:1].isupper() for m in self.mentions):
            return followers
        return None

    def never_before_a_name(self) -> bool:
        return not any(m.following and m.following[:1].isupper() for m in self.mentions)

    def only_foreign(self) -> bool:
        return all(m.foreign for m in self.mentions)


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    params: Params = rule.params
    if params.declared_pattern is not None and params.report_declared:
        yield from _declared(document, rule, params)
    if params.automatic:
        yield from _automatic(document, rule, params)


# ---------------------------------------------------------------- declared sets


def _cited(prose: str, start: int, params: Params) -> bool:
    """Is the spelling at ``start`` cited as a spelling ("once known as Kiev") rather than used?

    An article that names the other spelling on purpose knows both; the same
    spelling used elsewhere as the name is still a slip.
    """
    return params.citing_re is not None and params.citing_re.search(prose, max(0, start - 40), start) is not None


def _declared(document: Document, rule: Rule, params: Params) -> Iterator[Finding]:
    from factcheck.extract.quotes import quotations

    prose = document.prose
    # The pattern (case-insensitive, with look-arounds at every position) costs
    # ~130 ns a character; folding the prose and a substring test per form
    # cost a few, and almost no article names a declared form.
    folded = _folded_for_search(prose)
    if not any(needle in folded for needle in params.declared_needles):
        return
    uses: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for match in params.declared_pattern.finditer(prose):
        index, form = params.declared_forms.get(_declared_key(match.group())) or params.declared_search_keys[_folded_for_search(match.group())]
        uses.setdefault(index, {}).setdefault(form, []).append(match.span())
    quoted = document.fact(quotations)
    for index, by_form in uses.items():
        canonical = params.declared_preferred.get(index)
        reason = "house style"
        if canonical is None:
            if len(by_form) < 2:
                continue
            canonical = most_used(by_form)
            reason = "more used"
        for form, spans in by_form.items():
            if form == canonical:
                continue
            for start, end in spans:
                if _cited(prose, start, params):
                    continue
                yield rule.finding(
                    document,
                    start,
                    end,
                    severity=params.quoted_level if quoted.contains(start) else None,
                    suggestion=canonical,
                    variant=document.text[start:end],
                    canonical=canonical,
                    canonical_count=len(by_form.get(canonical, ())),
                    variant_count=len(spans),
                    evidence=f" ({reason})",
                )


# ---------------------------------------------------------------- automatic detector


def _spellings(surfaces: Iterable[str]) -> dict[str, str]:
    """Each spelling (its folded form), in order of first use."""
    # Acronyms and shouted words (NameMention.all_caps) are no spellings of a name.
    return {surface: fold(surface) for surface in dict.fromkeys(surfaces) if not (len(surface) > 1 and surface.isupper())}


def _case_only_at_start(a: str, b: str) -> bool:
    """"Al-Assad" at the start of a sentence is "al-Assad" elsewhere: not a variant."""
    return a[1:] == b[1:] and a[:1].casefold() == b[:1].casefold()


def _full_names(whole_names: Iterable[str]) -> dict[str, str]:
    """Multi-word names and hyphenated names (their folded forms), for hyphen/space variants."""
    return {text: fold(text) for text in dict.fromkeys(whole_names) if not text.isupper()}


def _gather_mentions(index: NameIndex, candidates: list[_Candidate]) -> None:
    """Give the spellings of the candidates their mentions.

    Only these spellings are ever looked at closely, so only their mentions
    are built (a multi-word name's are each the whole name as one mention).
    """
    in_pairs = [s for c in candidates for s in (c.a, c.b)]
    wanted_words = {s.surface: s for s in in_pairs if not s.whole}
    wanted_wholes = {s.surface: s for s in in_pairs if s.whole}
    if wanted_words:
        for mention in index.mentions(wanted_words):
            wanted_words[mention.surface].mentions.append(mention)
    if wanted_wholes:
        for whole in index.whole_mentions(wanted_wholes):
            wanted_wholes[whole.surface].mentions.append(whole)


_SEPARATORS = regex.compile(r"[\s\-‐‑]+")  # compiled once: this runs for every name mention


def _deletions(word: str, depth: int) -> set[str]:
    """The word with up to ``depth`` letters deleted (its deletion neighbourhood)."""
    found = {word}
    if depth == 0:
        return found
    length = len(word)
    found.update([word[:i] + word[i + 1 :] for i in range(length)])
    if depth == 1:
        return found
    if depth == 2:
        # Each pair of positions once: deleting letter by letter from the
        # one-letter deletions builds every two-letter deletion twice.
        found.update([word[:i] + word[i + 1 : j] + word[j + 1 :] for j in range(1, length) for i in range(j)])
        return found
    frontier = set(found)
    for _ in range(depth - 1):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def osa_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein (optimal string alignment) distance, or ``limit + 1`` when larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if limit == 1:
        # One edit touches at most two neighbouring letters of the shorter
        # word: its first half, or all but one letter of its second half, is
        # then the same in both. Two slice comparisons reject most pairs.
        shorter = min(len(a), len(b))
        half, tail = shorter // 2, shorter - shorter // 2 - 1
        if a[:half] != b[:half] and tail > 0 and a[len(a) - tail :] != b[len(b) - tail :]:
            return 2
    # A common prefix or suffix never changes the distance, so only what lies
    # between is compared: for two names within an edit, a letter or two.
    shorter = min(len(a), len(b))
    start = 0
    while start < shorter and a[start] == b[start]:
        start += 1
    end = 0
    while end < shorter - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[start : len(a) - end], b[start : len(b) - end]
    if limit <= 1 and len(a) + len(b) > 4 * limit:
        # One edit (a substitution, insertion, deletion or swap) leaves at
        # most two letters of each word between the common affixes.
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


# Endings that can sit inside another ending (Africa-n-ist, Canad-ian-s);
# a plural or "i" never does, so "Japan-s-ese" stays a typo.
_INNER_ENDINGS = frozenset("n an ian al ic".split())
_DERIVATIONS = frozenset("an ans ian ians ean eans ien iens ese ist ists ism isms ic ics ical ite ites ish i er ers".split())


def _stems(word: str, depth: int = 2) -> set[tuple[str, str]]:
    """(stem, how) for every way of reading ``word`` as stem + endings.

    ``how`` is "plain" (Russia-n, German-s), "vowel" when a final vowel went
    too (Argentin-e, Argentin-a-s), or "derived" for a derivational ending
    (Africa-n-ist, Mexic-an, Colorad-ans). Up to ``depth`` endings come off.
    """
    found: set[tuple[str, str]] = set()
    for ending in _ENDINGS_BY_LAST_LETTER.get(word[-1:], ("",)):
        if not word.endswith(ending) or (depth < 2 and ending not in _INNER_ENDINGS):
            continue
        stem = word[: len(word) - len(ending)]
        if len(stem) < MIN_STEM or (ending in _VOWEL_ENDINGS and stem[-1] not in _VOWELS):
            continue
        found.add((stem, "derived" if ending in _DERIVATIONS else "plain"))
        if depth == 2 and stem[-1] in "aeiou" and len(stem) > MIN_STEM and ending in ("", "s", "es"):
            found.add((stem[:-1], "vowel"))
        if ending and depth > 1:
            found |= _stems(stem, depth - 1)
    return found


def same_word_other_ending(a: str, b: str) -> bool:
    """Are two folded words one stem with different endings (Russia/Russian, Germany/Germans)?

    Two stems meet when they were made the same way, or when either came from
    a derivational ending (Mexico/Mexican). A bare added vowel (Sloan/Sloane)
    is a possible typo, not an ending: "plain" never meets "vowel".
    """
    if a == b:
        return True
    stems_b: dict[str, set[str]] = {}
    for stem, how in _stems(b):
        stems_b.setdefault(stem, set()).add(how)
    for stem, how in _stems(a):
        other = stems_b.get(stem)
        if other and (how in other or how == "derived" or "derived" in other):
            return True
    return False


@dataclass(frozen=True)
class _Pair:
    variant: _Spelling
    canonical: _Spelling
    evidence: str
    suggestion: str

    @property
    def rank(self) -> tuple[bool, int, int, str]:
        """Whole-word match first, then the most used canonical spelling; on a
        tie the one the article uses first, then by spelling, so the choice never
        depends on the order candidates were found in (set order varies with the
        process's hash seed: -j N must give -j 1's bytes)."""
        first_use = min(mention.start for mention in self.canonical.mentions)
        return self.suggestion == self.canonical.surface, self.canonical.count, -first_use, self.canonical.surface


def _canonical_first(a: _Spelling, b: _Spelling, params: Params) -> tuple[_Spelling, _Spelling]:
    """(canonical, variant): the majority; on a tie a spelling without a
    shift-key slip ("Nevada" over "NEvada"), a known name over an unknown
    string ("Denman" over "Denmam"), then the first full-name introduction
    ("Edmundo Gonzalez"), then the more common word ("Ecstasy" over
    "Ecstacy"), then the spelling used first."""

    def rank(s: _Spelling) -> tuple[int, bool, bool, bool, int, float, int]:
        introduction = s.introduction()
        frequency = s.frequency
        return (
            s.count,
            not _SHIFT_SLIP.match(s.surface),
            frequency >= params.real_name_zipf,
            introduction is not None,
            -introduction.start if introduction is not None else 0,
            frequency,
            -s.first,
        )

    return (a, b) if rank(a) >= rank(b) else (b, a)


def _evidence(variant: _Spelling, canonical: _Spelling) -> str:
    shared_names = variant.given_names() & canonical.given_names()
    if shared_names:
        first = next(m.previous for m in variant.mentions if m.previous and fold(m.previous) in shared_names)
        return f"; both follow '{first}'"
    shared_titles = variant.titles() & canonical.titles()
    if shared_titles:
        return f"; both follow '{min(shared_titles)}'"
    introduction = canonical.introduction()
    if introduction is not None and introduction.previous:
        return f"; introduced as '{_given_name_as_written(introduction)} {introduction.surface}'"
    return ""


def _given_name_as_written(mention: NameMention) -> str:
    """The given name before ``mention`` as the article writes it: the whole of
    "Klaus-Dieter" (the name's word before it is only "Dieter"), "K." with its stop."""
    before = mention.full_name[: mention.start - mention.full_start].split()
    return before[-1] if before else str(mention.previous)


def _listed(a: _Spelling, b: _Spelling, params: Params) -> bool:
    """Pairs the rule lists as different names or as one declared variant set, and weekdays and months.

    A declared pair is the declared check's to report (with ``report_declared:
    false`` another rule's), never the automatic detector's: one finding per slip.
    """
    if frozenset((a.folded, b.folded)) in params.distinct_pairs:
        return True
    if a.folded in _CALENDAR or b.folded in _CALENDAR:
        # A weekday or month is never flagged, nor is a name beside one
        # (Sunday/Sundar); only a string that is no word at all ("Wenesday").
        variant = b if a.folded in _CALENDAR else a
        return variant.folded in _CALENDAR or variant.frequency >= params.real_name_zipf
    declared_a = params.declared_forms.get(_declared_key(a.surface))
    declared_b = params.declared_forms.get(_declared_key(b.surface))
    return declared_a is not None and declared_b is not None and declared_a[0] == declared_b[0]


def _different_words(canonical: _Spelling, variant: _Spelling, params: Params) -> bool:
    """Word-frequency evidence that two close spellings are two different words."""
    common, rare = canonical.frequency, variant.frequency
    low, high = min(common, rare), max(common, rare)
    # Iran/Iraq, David/Davis, Hindu/Hindi: both are common English words.
    if low >= params.common_word_zipf:
        return True
    # Union/Unison, India/Indira, Bridge/Bridget: an everyday word and a real name.
    if high >= params.everyday_word_zipf and low >= params.real_name_zipf:
        return True
    # "Project and Contract Office" beside "Contrack International": the flagged
    # spelling is an everyday word, the other one no word at all.
    return rare >= params.ordinary_word_zipf and common < params.real_name_zipf


def _same_context(a: _Spelling, b: _Spelling) -> bool:
    """Both spellings follow the same word of a name ("Los Angeles" / "Los Angles").

    That is stronger evidence of one name than word frequencies are of two
    words, so it overrides them (not the ``distinct`` list).
    """
    before_a = {fold(m.previous) for m in a.mentions if m.previous and len(m.previous) > 1}
    return any(m.previous and len(m.previous) > 1 and fold(m.previous) in before_a for m in b.mentions)


_MAC_PREFIX = regex.compile(r"^mac(?=\p{L})")


def _mc_mac_forms(folded_a: str, folded_b: str) -> bool:
    """McAllister/MacAllister: one Gaelic prefix written the two ways families keep.

    Both forms are real surnames by construction, which the word list cannot
    tell for rarer names (it knows "mcallister", not "macallister"); that is the
    "both are real names" half of the different-first-names evidence.
    """
    return folded_a != folded_b and _MAC_PREFIX.sub("mc", folded_a) == _MAC_PREFIX.sub("mc", folded_b)


def _different_people(a: _Spelling, b: _Spelling, params: Params) -> bool:
    """Evidence in the document that two close spellings name different people or things."""
    if a.only_foreign() != b.only_foreign():
        return True
    # "David Davis": the two spellings are two words of one name.
    full_a = {m.full_start for m in a.mentions}
    if any(m.full_start in full_a for m in b.mentions):
        return True
    # Elena Petrova and Elene Kim: first names of two people; "Richie Byrne" and
    # "Ritchie": a first name and a surname.
    given_a, given_b = a.used_as_given_name(), b.used_as_given_name()
    if given_a is not None and given_b is not None and not given_a & given_b:
        return True
    both_real = min(a.frequency, b.frequency) >= params.real_name_zipf
    if both_real and ((given_a is not None and b.never_before_a_name()) or (given_b is not None and a.never_before_a_name())):
        return True
    # "M Horan" and "S Horgan": different first names, and both are real names
    # (a husband and wife share a surname, so this alone never hides a typo).
    names_a, names_b = a.given_names(), b.given_names()
    if names_a and names_b and not names_a & names_b and (both_real or _mc_mac_forms(a.folded, b.folded)):
        return True
    # A team line-up or a list of surnames ("Sheahan, Horan, O'Callaghan"):
    # nothing there tells two real surnames apart, so do not guess.
    return both_real and (all(m.headline for m in a.mentions) or all(m.headline for m in b.mentions))


@dataclass(frozen=True)
class _Candidate:
    """Two spellings that may be one name.

    ``folded_same``: equal once accents, case and hyphens are folded.
    ``ending``: set when ``stemmed``, an unknown string, matched the other
    spelling only after losing this ending ("Venezulean" is "Venezuela" + "n",
    misspelt): the suggestion then keeps the ending ("Venezuelan").
    """

    a: _Spelling
    b: _Spelling
    folded_same: bool = False
    stemmed: _Spelling | None = None
    ending: str = ""


def _candidate_pairs(surfaces: list[str], folds: list[str], first_whole: int, params: Params) -> Iterator[_Candidate]:
    """Pairs that may be one name. Cost grows with the number of spellings, not its square.

    Spellings come as parallel lists of surfaces and folded forms (those from
    ``first_whole`` on are multi-word names); a :class:`_Spelling` is made
    only for a spelling in a pair, once.
    """
    made: dict[int, _Spelling] = {}

    def spelling(number: int) -> _Spelling:
        found = made.get(number)
        if found is None:
            found = made[number] = _Spelling(surfaces[number], [], folds[number], number >= first_whole)
        return found

    # Identity keys: hyphens and spaces count as one separator, so "al-Assad"
    # and "al Assad" meet; a one-word key is the folded spelling itself (no
    # separator to replace). Most spellings share their key with none: only
    # shared keys get a group, and most articles have none.
    separators = _SEPARATORS.sub
    keys = [f if f.isalpha() else separators(" ", f) for f in folds]
    counts = Counter(keys)
    by_identity: dict[str, list[int]] = {}
    if len(counts) < len(keys):
        for number, key in enumerate(keys):
            if counts[key] > 1:
                by_identity.setdefault(key, []).append(number)
    for group in by_identity.values():
        for i, x in enumerate(group[:MAX_BUCKET]):
            for y in group[i + 1 : MAX_BUCKET]:
                multiword = " " in folds[x] or "-" in folds[x]
                if _case_only_at_start(surfaces[x], surfaces[y]):
                    continue
                if multiword and surfaces[x].casefold() == surfaces[y].casefold():
                    continue  # case inside a multi-word name is checked word by word
                yield _Candidate(spelling(x), spelling(y), folded_same=True)
    # Every other candidate is a pair of spellings within a few edits of each
    # other (Damerau-Levenshtein). An unknown string is also compared by its
    # stems, so that "Venezulean" meets "Venezuela".
    min_length = params.min_length
    eligible = [
        number
        for number, f in enumerate(folds)
        if min_length <= len(f) <= MAX_NAME_LENGTH and " " not in f and "-" not in f
    ]
    # A spelling alone with its initial meets no other: it needs no form, and
    # its word frequency (for its stems) is not looked up.
    initials = Counter(folds[number][0] for number in eligible)
    forms: list[tuple[int, str, str]] = []  # (spelling number, form, ending removed)
    for number in eligible:
        folded = folds[number]
        if initials[folded[0]] < 2:
            continue
        forms.append((number, folded, ""))
        if _spelling_frequency(folded) < params.real_name_zipf:
            for stem, how in _stems(folded):
                if how != "vowel" and stem != folded and len(stem) >= min_length:
                    forms.append((number, stem, folded[len(stem) :]))
    # Spellings that differ in the first letter are different names
    # (Hong/Kong; _variants never flags such a pair), so forms are compared
    # only with forms of the same initial: a handful in an article.
    by_initial: dict[str, list[int]] = {}
    for index, (_, form, _) in enumerate(forms):
        by_initial.setdefault(form[0], []).append(index)
    for same_initial in by_initial.values():
        if len(same_initial) < 2:
            continue
        if len(same_initial) <= MAX_BUCKET:
            close = _close_forms(forms, same_initial, params)
        else:
            close = _shared_deletions(forms, same_initial, params)
        for x, y in close:
            (nx, fx, ex), (ny, fy, ey) = forms[x], forms[y]
            if nx == ny or (ex and ey):
                continue
            if folds[nx] == folds[ny] or (fx == fy and (ex or ey)):
                continue  # a folding variant (found above), or only an ending apart
            shorter = min(len(fx), len(fy))
            limit = params.long_name_edits if shorter >= params.long_name_length else params.max_edits
            if osa_distance(fx, fy, limit) <= limit:
                a, b = spelling(nx), spelling(ny)
                if ex or ey:
                    yield _Candidate(a, b, stemmed=a if ex else b, ending=ex or ey)
                else:
                    yield _Candidate(a, b)


def _depth(form: str, params: Params) -> int:
    """How many letters a form may lose to meet another (its edit budget)."""
    return params.long_name_edits if len(form) >= params.long_name_length else params.max_edits


def _close_forms(forms: list[tuple[int, str, str]], group: list[int], params: Params) -> Iterator[tuple[int, int]]:
    """Pairs (in form order) of a few forms that share a deletion neighbour, compared directly.

    The same pairs as :func:`_shared_deletions` finds, without building the
    neighbourhoods: two forms whose lengths differ by more than the shorter
    one's edit budget share none, and two within it share one whenever
    ``osa_distance`` will accept them (each edit costs each side at most one
    deletion), so only the rare setting of fewer edits for long names than for
    short ones needs the neighbourhoods themselves.
    """
    by_length = sorted(group, key=lambda index: len(forms[index][1]))
    for i, x in enumerate(by_length):
        fx = forms[x][1]
        depth_x = _depth(fx, params)
        for y in by_length[i + 1 :]:
            fy = forms[y][1]
            if len(fy) - len(fx) > depth_x:
                break
            depth_y = _depth(fy, params)
            if depth_y < depth_x and _deletions(fx, depth_x).isdisjoint(_deletions(fy, depth_y)):
                continue
            yield (x, y) if x < y else (y, x)


def _shared_deletions(forms: list[tuple[int, str, str]], group: list[int], params: Params) -> Iterator[tuple[int, int]]:
    """Pairs (in form order) of forms that share a deletion neighbour: cost grows with the forms, not their square.

    Two words within k edits share a word with k letters deleted from each.
    Only keys that two to MAX_BUCKET forms share make a bucket: count them all
    at C speed (Counter), then file each form under its shared keys only.
    """
    neighbourhoods = [_deletions(forms[index][1], _depth(forms[index][1], params)) for index in group]
    buckets: dict[str, list[int]] = {
        key: [] for key, size in Counter(chain.from_iterable(neighbourhoods)).items() if 2 <= size <= MAX_BUCKET
    }
    for index, keys in zip(group, neighbourhoods):
        for key in keys & buckets.keys():  # iterates the smaller of the two
            buckets[key].append(index)
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                if (x, y) not in seen:
                    seen.add((x, y))
                    yield x, y


def _variants(candidates: list[_Candidate], params: Params) -> dict[str, _Pair]:
    """Each flagged spelling with the one spelling it is most likely a variant of."""
    chosen: dict[str, _Pair] = {}
    for candidate in candidates:
        a, b = candidate.a, candidate.b
        canonical, variant = _canonical_first(a, b, params)
        if candidate.stemmed is not None and candidate.stemmed is not variant:
            continue  # the unknown string is the one to flag, never the known word
        if variant.count > params.max_variant_uses or _listed(a, b, params):
            continue
        if not candidate.folded_same and (
            canonical.folded[:1] != variant.folded[:1]
            or same_word_other_ending(canonical.folded, variant.folded)
            or (_different_words(canonical, variant, params) and not _same_context(canonical, variant))
            or _different_people(canonical, variant, params)
            or _code_identifier(canonical.surface)
            or _code_identifier(variant.surface)
        ):
            continue
        # Prefer a whole-word match ("Japansese"/"Japanese") to a stem match
        # ("Japansese"/"Japan"), then the most used canonical spelling.
        pair = _Pair(variant, canonical, _evidence(variant, canonical), canonical.surface + candidate.ending)
        best = chosen.get(variant.surface)
        if best is None or pair.rank > best.rank:
            chosen[variant.surface] = pair
    return chosen


def _automatic(document: Document, rule: Rule, params: Params) -> Iterator[Finding]:
    index = document.fact(names)
    words, wholes = _spellings(index.surfaces), _full_names(index.whole_names)
    # Only a spelling with a close neighbour needs its mentions: find the pairs
    # first (from the spellings alone).
    candidates = list(
        _candidate_pairs([*words, *wholes], [*words.values(), *wholes.values()], len(words), params)
    )
    if not candidates:
        return
    _gather_mentions(index, candidates)
    for pair in _variants(candidates, params).values():
        variant, canonical = pair.variant, pair.canonical
        for mention in variant.mentions:
            if _cited(document.prose, mention.start, params):
                continue
            yield rule.finding(
                document,
                mention.start,
                mention.end,
                severity=params.quoted_level if mention.quoted else None,
                suggestion=pair.suggestion,
                variant=mention.surface,
                canonical=canonical.surface,
                canonical_count=canonical.count,
                variant_count=variant.count,
                evidence=pair.evidence,
            )
