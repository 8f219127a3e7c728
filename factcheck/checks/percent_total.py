"""Kind ``percent-total``: shares of one whole that do not add up.

## What it does
Groups percentages that are shares of the same whole and checks their sum:

* **prose**: percentages in one sentence, or in consecutive sentences of one
  passage, each tied to a whole by a cue from the rule's ``cues`` ("of the
  vote", "won", "received", "backed", "of respondents"...). A new group starts
  where a sentence opens with a contrast or a scene-setting phrase ("However",
  "In February,"), names a new poll, question, contest or period, or where two
  percentages are "of" different wholes ("60% of men and 55% of women");
* **tables**: a Markdown table column of percentages, with a "Total" row, if
  any, checked against the sum of the rows above it;
* **lists**: consecutive bullets "Name: 45%" / "Name — 45 percent".

It flags a group whose sum passes 100% by more than the rounding tolerance
(half a unit of the last digit written, per item; ranges count their low end,
"about"/"nearly" widen the slack), and a group declared complete (a Total row,
an "Other"/"Undecided"/"Don't know" member, or ``declared_complete: true``)
whose sum misses 100%. The finding spans the group and shows the arithmetic.

It leaves alone changes and rates ("rose 5%", "inflation hit 10%"), stakes
and finance wording, figures above 100%, a figure restated in brackets
("40% (39.9%)"), time series, and every group of an article that says its
survey allowed more than one answer.

## Why is this bad?
"Maduro took 61.2% of the vote, while Gonzalez received 44.2%" cannot be true:
shares of one vote cannot pass 100%. One of the figures is a typo, and the
reader cannot tell which.

## Example
```markdown
Maduro took 61.2% of the vote, while Gonzalez received 44.2%.
```

## Use instead
```markdown
Maduro took 51.2% of the vote, while Gonzalez received 44.2%.
```
Check the figures against the source; if the answers were not exclusive, say
so ("respondents could choose more than one answer").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import regex

from factcheck.extract.numbers import PercentMention, percentages
from factcheck.extract.percentages import LabelledShare, ListRun, TableColumn, list_runs, table_columns
from factcheck.extract.sentences import Sentence, sentences
from factcheck.params import Lexicon, ParamError, compile_lexicon

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.findings import Finding
    from factcheck.rules import Rule


_WORD_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.%-]*")
_WHOLE_AFTER = regex.compile(
    r"(?i)^\s*of\s+(?P<whole>[\p{L}][\p{L}'’-]*(?:\s+[\p{L}][\p{L}'’-]*){0,4})"
)
# "who"/"that" stay in: "of those who voted on election day" is not "of early voters".
_WHOLE_STOP = frozenset("and or but while with in at to for from by as than was were is are had has among".split())
_DETERMINERS = frozenset("the a an all those these its their his her our this that".split())
_BRACKETED = regex.compile(r"^\s*[(\[]\s*$")
_SEMICOLON = regex.compile(";")
_PAIRED = regex.compile(r"(?i)^\s*(?:to|against|versus|vs\.?)\s*$")
CLAUSE_BREAK = regex.compile(r"[;:,]|\s[—–]\s|\b(?:and|while|whereas|but)\b")
_CLAUSE_BREAK_FROM_THE_END = regex.compile(CLAUSE_BREAK.pattern, regex.REVERSE)
_DASHES = "—–"
_UNREAD: Any = object()  # a lazily read value not read yet (None is a value)
# What ends the part of a clause that belongs to the previous share (a comma may not:
# "Among Democrats, 80% backed ...").
STRONG_BREAK = regex.compile(r"[;:]|\s[—–]\s|\b(?:and|while|whereas|but)\b")
EPSILON = 1e-9
CONTINUATION_WORDS = 4


@dataclass(frozen=True)
class Params:
    """Cue lists are regular expressions keyed by language ({en: [...], es: [...]});
    every language's list is used. See rules/percent-total.yaml for the defaults."""

    # Words in a percentage's clause that tie it to an exclusive whole (a vote, seats),
    # and words that do so only before it (the candidate's verbs: "won", "took", "gave").
    choice_cues: Lexicon = field(default_factory=dict)
    choice_cues_before: Lexicon = field(default_factory=dict)
    # Words that make it a survey answer (of respondents, said); a survey-only
    # group is checked when it also has a choice cue, an exclusive answer or a complete label.
    survey_cues: Lexicon = field(default_factory=dict)
    exclusive_answers: Lexicon = field(default_factory=dict)
    # A token among the few before the percentage that makes it a change ("rose", "from", "up").
    change_words: Lexicon = field(default_factory=dict)
    # Text right before (anchored at its end) or right after (at its start) that makes it no share.
    not_share_before: Lexicon = field(default_factory=dict)
    not_share_after: Lexicon = field(default_factory=dict)
    # Labels that declare a set complete: a table/list label matching in full, or a prose member's clause.
    complete_labels: Lexicon = field(default_factory=dict)
    total_labels: Lexicon = field(default_factory=dict)
    # Sentence openings that start a new group, and words naming a new poll, question or contest.
    new_group_openers: Lexicon = field(default_factory=dict)
    new_whole_words: Lexicon = field(default_factory=dict)
    # Period words ("last year"); years and month names are always periods.
    period_words: Lexicon = field(default_factory=dict)
    # Where a member's own clause names a place or group ("in Ohio", "among men").
    context_phrases: Lexicon = field(default_factory=dict)
    multiple_answers: Lexicon = field(default_factory=dict)
    # Table headers and list lead-ins that say the figures are shares / are not shares.
    share_headers: Lexicon = field(default_factory=dict)
    not_share_headers: Lexicon = field(default_factory=dict)
    # Row or bullet labels of a time series (years, months, quarters).
    time_labels: Lexicon = field(default_factory=dict)
    # Treat every group as complete (an elections desk whose tables always list every option).
    declared_complete: bool = False
    # Words before the percentage searched for a cue (the clause is also cut at the previous percentage).
    window_words: int = 8
    # Rounding allowed per figure, in units of its last digit written (0.5: "45%" is 44.5 to 45.5).
    rounding: float = 0.5
    # How far "about 74%" or "nearly 36%" may be from the figure, as a ratio of it.
    approximate_slack: float = 0.05
    over_problem: str = "shares of one whole add up to more than 100%"
    incomplete_problem: str = "the set is complete ({reason}) but does not add up to 100%"
    total_problem: str = "the {label} row says {total}"

    choice_re: Any = field(init=False, repr=False, compare=False)
    choice_before_re: Any = field(init=False, repr=False, compare=False)
    survey_re: Any = field(init=False, repr=False, compare=False)
    answer_re: Any = field(init=False, repr=False, compare=False)
    change_re: Any = field(init=False, repr=False, compare=False)
    not_before_re: Any = field(init=False, repr=False, compare=False)
    not_after_re: Any = field(init=False, repr=False, compare=False)
    complete_re: Any = field(init=False, repr=False, compare=False)
    complete_label_re: Any = field(init=False, repr=False, compare=False)
    total_re: Any = field(init=False, repr=False, compare=False)
    opener_re: Any = field(init=False, repr=False, compare=False)
    new_whole_re: Any = field(init=False, repr=False, compare=False)
    period_re: Any = field(init=False, repr=False, compare=False)
    context_re: Any = field(init=False, repr=False, compare=False)
    multiple_re: Any = field(init=False, repr=False, compare=False)
    share_header_re: Any = field(init=False, repr=False, compare=False)
    not_share_header_re: Any = field(init=False, repr=False, compare=False)
    time_label_re: Any = field(init=False, repr=False, compare=False)
    word_cue_res: tuple[Any, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from factcheck.extract.dates import MONTHS

        if not (self.choice_cues or self.choice_cues_before or self.survey_cues):
            raise ParamError("choice_cues", "give at least one cue (choice_cues, choice_cues_before or survey_cues)")
        if self.window_words < 1:
            raise ParamError("window_words", "must be at least 1")
        if not 0 <= self.rounding <= 5:
            raise ParamError("rounding", "must be from 0 to 5 units of the last digit written (0.5 is half a unit)")
        if not 0 <= self.approximate_slack < 1:
            raise ParamError("approximate_slack", "must be a ratio from 0 to below 1 (0.05 is 5%)")
        word = r"(?<![\w]){}(?![\w])"
        months = tuple(m for m in MONTHS if len(m) > 3 and m != "march")  # "may", "a march" are no periods
        years = (r"(?:1[89]|20)\d\d",)
        compiled = {
            "choice_re": compile_lexicon(self.choice_cues, "choice_cues", word),
            "choice_before_re": compile_lexicon(self.choice_cues_before, "choice_cues_before", word),
            "survey_re": compile_lexicon(self.survey_cues, "survey_cues", word),
            "answer_re": compile_lexicon(self.exclusive_answers, "exclusive_answers", word),
            "change_re": compile_lexicon(self.change_words, "change_words", r"^(?:{})$"),
            "not_before_re": compile_lexicon(
                self.not_share_before, "not_share_before", r"(?<![\w])(?:{})\s*$", from_the_end=True
            ),
            "not_after_re": compile_lexicon(self.not_share_after, "not_share_after", r"^\s*(?:{})(?![\w])"),
            "complete_re": compile_lexicon(self.complete_labels, "complete_labels", word),
            "complete_label_re": compile_lexicon(self.complete_labels, "complete_labels", r"^\W*(?:{})\W*$"),
            "total_re": compile_lexicon(self.total_labels, "total_labels", r"^\W*(?:{})\W*$"),
            "opener_re": compile_lexicon(self.new_group_openers, "new_group_openers", r"^\W*(?:{})"),
            "new_whole_re": compile_lexicon(self.new_whole_words, "new_whole_words", word),
            "period_re": compile_lexicon(
                {**self.period_words, "_months": months, "_years": years}, "period_words", word
            ),
            "context_re": compile_lexicon(self.context_phrases, "context_phrases", r"(?<![\w])(?:{})"),
            "multiple_re": compile_lexicon(self.multiple_answers, "multiple_answers", word),
            "share_header_re": compile_lexicon(self.share_headers, "share_headers", r"(?<![\w])(?:{})(?![\w])"),
            "not_share_header_re": compile_lexicon(self.not_share_headers, "not_share_headers", word),
            "time_label_re": compile_lexicon(
                {**self.time_labels, "_months": months, "_years": years}, "time_labels", r"^\W*(?:{})"
            ),
        }
        for name, value in compiled.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "word_cue_res", tuple(
            compile_lexicon(lexicon, name, "(?:{})") for name, lexicon in
            (("choice_cues", self.choice_cues), ("choice_cues_before", self.choice_cues_before),
             ("survey_cues", self.survey_cues), ("exclusive_answers", self.exclusive_answers))
        ))  # fmt: skip


def _search(pattern: Any, text: str) -> Any:
    return pattern.search(text) if pattern is not None else None


def _match(pattern: Any, text: str) -> Any:
    """For the patterns whose template starts with ``^``: the same answer as a
    search, without trying (and failing) the anchor at every later character."""
    return pattern.match(text) if pattern is not None else None


@dataclass
class Member:
    """A percentage taken as a share, with what its clause says about its whole."""

    mention: PercentMention
    choice: bool
    complete: str | None  # the complete label found in its clause
    answer: bool
    whole: str | None  # the "of ..." noun phrase right after it
    # Its own clause, for ``tags``: the text ``before`` it (from its sentence's start or the
    # previous percentage) and the ``head`` of the clause after it.
    before: str
    head: str
    owns_opening: bool  # the first share of its sentence: all of ``before`` is its own
    params: Params = field(repr=False, compare=False)
    survey_only: bool = False  # tied to its whole only by "said", "of respondents"
    paired: bool = False  # second of a head-to-head pair ("60% to 35%")
    after_break: bool = False  # a clause break stands between it and the previous percentage
    # "; among Republicans, 70% ...", "; a separate survey gave her 43%": a new scene after a semicolon
    opens_clause: bool = False

    @cached_property
    def tags(self) -> frozenset[str]:
        """Periods and contexts named in its own clause, read only when a group asks.

        A period_re scan of the clause costs ~9 us, and only a share that a
        group may take in, with no other reason to split from it, is asked
        (a third of the shares, when every sentence was read); the answer is
        the same whenever it is read.

        The first share of a sentence owns its opening ("In the Democratic
        primary, Clinton won 55%"); a later one only its own clause (not "in
        his 2012 run and" before "2.3 percent").
        """
        own_before = self.before if self.owns_opening else _tail_after(STRONG_BREAK, self.before)
        return _tags(self.params, f"{own_before} {self.head}")


@dataclass
class Group:
    """Shares of one whole found so far, with what its members said about the whole.

    The aggregates (wholes, tags, periods) make each "does this share belong
    here" question constant-time, so a long run of shares stays linear.
    """

    members: list[Member] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    # Periods its sentences name: those of sentences[:periods_read], the rest read on demand
    # (SentencePeriods.of_group), since only a sentence that may join the group asks.
    periods: set[str] = field(default_factory=set)
    periods_read: int = 0
    wholes: set[str] = field(default_factory=set)
    # Tags its members' clauses name: those of members[:tags_read], the rest read on demand (tags()).
    member_tags: set[str] = field(default_factory=set)
    tags_read: int = 0
    survey_only: bool = False  # some member is tied to the whole only by "said"

    def add(self, member: Member) -> None:
        self.members.append(member)
        if member.whole:
            self.wholes.add(member.whole)
        self.survey_only = self.survey_only or member.survey_only

    def splits(self, member: Member) -> bool:
        """Whether ``member`` is the share of a different whole than this group's.

        Different "of" wholes, different periods or places, a whole named only
        by the newcomer ("85 pct in favour, and 90 pct of bondholders"), a
        survey answer joining a vote ("55% backed the plan ... and 70% said
        they want a second vote"), or a new clause after a closed head-to-head
        pair ("Women backed Smith 60% to 35%, while men backed Jones 55% to 40%").
        """
        if member.whole and member.whole not in self.wholes:
            return True
        if member.survey_only and member.complete is None and not self.survey_only:
            return True
        if member.after_break and len(self.members) >= 2 and self.members[-1].paired:
            return True
        if member.opens_clause:
            return True
        if not member.tags:
            return False  # the group's tags, the union of its members', are not read
        tags = self.tags()
        return bool(tags and not member.tags & tags)

    def tags(self) -> set[str]:
        """The union of its members' tags (each member's added once: linear in a long run)."""
        for member in self.members[self.tags_read :]:
            self.member_tags |= member.tags
        self.tags_read = len(self.members)
        return self.member_tags


# ---------------------------------------------------------------- arithmetic


def _format(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}%"


def _arithmetic(mentions: Sequence[PercentMention]) -> tuple[str, float]:
    """ "51.2% + 44.2% = 95.4%"; a range shows both ends and so does the sum."""
    decimals = max(m.decimals for m in mentions)
    low = sum(m.low for m in mentions)
    high = sum(m.high for m in mentions)
    terms = " + ".join(
        _format(m.low, decimals) if m.high == m.low else f"{m.low:.{decimals}f}–{_format(m.high, decimals)}" for m in mentions
    )
    total = _format(low, decimals) if high == low else f"{low:.{decimals}f}–{_format(high, decimals)}"
    return f"{terms} = {total}", low


def _bounds(mentions: Sequence[PercentMention], params: Params) -> tuple[float, float | None]:
    """The lowest and highest sum the figures allow (rounding, ranges, "about", "more than")."""
    low = 0.0
    high: float | None = 0.0
    for mention in mentions:
        m_low, m_high = mention.number.bounds(params.approximate_slack, params.rounding)
        low += m_low
        high = None if high is None or m_high is None else high + m_high
    return low, high


def _judge(
    document: Document, rule: Rule, mentions: Sequence[PercentMention], complete_reason: str | None, start: int, end: int
) -> Finding | None:
    """The finding for a group that passes 100%, or that is complete and misses 100%."""
    params: Params = rule.params
    if len(mentions) < 2:
        return None
    low, high = _bounds(mentions, params)
    arithmetic, total = _arithmetic(mentions)
    if low > 100 + EPSILON:
        problem = params.over_problem
    elif complete_reason is not None and high is not None and high < 100 - EPSILON:
        problem = params.incomplete_problem.format(reason=complete_reason)
    else:
        return None
    return rule.finding(
        document, start, end, arithmetic=arithmetic, problem=problem, sum=_format(total, max(m.decimals for m in mentions)),
        members=len(mentions),
    )


# ---------------------------------------------------------------- tables and lists


def _structured_set_is_shares(params: Params, shares: Sequence[LabelledShare], context: str) -> bool:
    if any(s.signed for s in shares):
        return False
    if any(s.mention.value > 100 for s in shares):
        return False
    if _search(params.not_share_header_re, context):
        return False
    labels = [s.label for s in shares]
    return not (params.time_label_re is not None and sum(1 for label in labels if params.time_label_re.match(label)) >= 2)


def _complete_label(params: Params, labels: Sequence[str]) -> str | None:
    if params.complete_label_re is None:
        return None
    return next((label for label in labels if params.complete_label_re.match(label)), None)


def _check_column(document: Document, rule: Rule, column: TableColumn) -> Iterator[Finding]:
    params: Params = rule.params
    total_at = next(
        (i for i, (label, _) in enumerate(column.rows) if params.total_re is not None and params.total_re.match(label)), None
    )
    body = column.rows if total_at is None else column.rows[:total_at]
    shares = [share for _, share in body if share is not None]
    total_share = column.rows[total_at][1] if total_at is not None else None
    if not _structured_set_is_shares(params, shares, column.header) or len(shares) < 2:
        return
    label = _complete_label(params, [s.label for s in shares])
    reason = f"it lists '{label}'" if label else ("declared complete by the rule" if params.declared_complete else None)
    if total_share is not None:
        mentions = [s.mention for s in shares]
        low, high = _bounds(mentions, params)
        total = total_share.mention
        total_slack = total.precision * params.rounding
        over = low > total.value + total_slack + EPSILON
        under = high is not None and high < total.value - total_slack - EPSILON
        if over or under:
            arithmetic, _ = _arithmetic(mentions)
            yield rule.finding(
                document, column.start, total.end, arithmetic=arithmetic,
                problem=params.total_problem.format(label=total_share.label, total=total.text),
                sum=arithmetic.rsplit(" = ", 1)[1], members=len(mentions),
            )  # fmt: skip
            return
        reason = reason or f"a {total_share.label} row"
    elif reason is None and not _search(params.share_header_re, column.header):
        return  # a column of percentages that says nothing about being shares of one whole
    finding = _judge(document, rule, [s.mention for s in shares], reason, column.start, shares[-1].mention.end)
    if finding is not None:
        yield finding


def _check_list(document: Document, rule: Rule, run: ListRun) -> Iterator[Finding]:
    params: Params = rule.params
    if not _structured_set_is_shares(params, run.items, run.lead_in):
        return
    if params.change_re is not None and any(params.change_re.match(t) for t in _WORD_TOKEN.findall(run.lead_in)):
        return
    label = _complete_label(params, [s.label for s in run.items])
    reason = f"it lists '{label}'" if label else ("declared complete by the rule" if params.declared_complete else None)
    cued = any(_search(pattern, run.lead_in) for pattern in (params.share_header_re, params.choice_re, params.survey_re))
    if reason is None and not cued:
        return  # "Own a smartphone: 80%", "Own a tablet: 60%": nothing says the answers exclude each other
    finding = _judge(document, rule, [s.mention for s in run.items], reason, run.start, run.end)
    if finding is not None:
        yield finding


# ---------------------------------------------------------------- prose


def _last_end(pattern: Any, text: str) -> int | None:
    """Where the last match of ``pattern`` in ``text`` ends (None: no match)."""
    end = None
    for found in pattern.finditer(text):
        end = found.end()
    return end


def _tail_after(pattern: Any, text: str) -> str:
    """The part of ``text`` after the last match of ``pattern``."""
    end = _last_end(pattern, text)
    return text if end is None else text[end:]


def _last_break_end(text: str) -> int | None:
    """``_last_end(CLAUSE_BREAK, text)``, read from the end: one search that stops
    at the last break instead of a scan of every break of the text.

    A search right to left finds the break that ends last. A left-to-right scan
    ends on that same break unless the scan consumed its first character in
    an earlier break: breaks cannot overlap (a word, a punctuation mark, white
    space-dash-white space) but for two dashes sharing a space (" – – "), so
    the forward scan decides only when a dash stands right before the break found.
    """
    found = _CLAUSE_BREAK_FROM_THE_END.search(text)
    if found is None:
        return None
    start = found.start()
    if start and text[start - 1] in _DASHES:
        return _last_end(CLAUSE_BREAK, text)
    return found.end()


def _clause_tail(text: str) -> str:
    """The part of ``text`` after its last clause break."""
    end = _last_break_end(text)
    return text if end is None else text[end:]


def _clause_head(text: str) -> str:
    found = CLAUSE_BREAK.search(text)
    return text[: found.start()] if found else text


def _whole(after: str, params: Params) -> str | None:
    """The whole a percentage is "of", normalised: "of the votes of Latino voters" ->
    "vote of latino voter"; "of the vote" and "of votes" -> "vote". The phrase
    ends at a function word or a cue ("of Americans approve" -> "american")."""
    found = _WHOLE_AFTER.match(after)
    if not found:
        return None
    words = []
    for word in found["whole"].lower().split():
        if word in _WHOLE_STOP or any(p is not None and p.fullmatch(word) for p in params.word_cue_res):
            break
        if word in _DETERMINERS:
            continue
        word = word.removesuffix("'s").removesuffix("’s")
        words.append(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return " ".join(words) or None


def _tags(params: Params, clause: str) -> frozenset[str]:
    """Periods and places a share's own clause names ("in 2016", "among men", "in Ohio")."""
    found: set[str] = set()
    for pattern in (params.period_re, params.context_re):
        if pattern is not None:
            found.update(" ".join(m.group().lower().split()) for m in pattern.finditer(clause))
    return frozenset(found)


class Clause:
    """A percentage's surroundings and the cues in them: the first half of
    _member, read for every percentage of a sentence before any is made a share,
    so that a sentence that can give no group of two skips the second half.

    Its words and each cue are read when first asked, once: a run of
    sentences whose percentages cannot add up to a finding asks only for
    complete labels, the count of possible shares asks only whether there is
    a cue (``cued`` stops at the first found), and only the clauses of a
    sentence that goes on to _member are asked for all.
    """

    __slots__ = (
        "_answer", "_break_end", "_choice", "_complete", "_survey", "_words",
        "after", "before", "head", "mention", "params", "previous",
    )  # fmt: skip

    def __init__(self, params: Params, mention: PercentMention, previous: PercentMention | None, before: str,
                 after: str, head: str) -> None:  # fmt: skip
        self.params = params
        self.mention = mention
        self.previous = previous  # the percentage before it in its sentence (restated ones left out)
        self.before = before  # from ``previous`` (or the sentence's start), at most 80 characters
        self.after = after  # up to the next percentage (or the sentence's end), at most 80 characters
        self.head = head  # ``after`` up to its first clause break
        self._words: list[str] | None = None
        self._choice: bool | None = None
        self._survey: bool | None = None
        self._answer: bool | None = None
        self._complete: Any = _UNREAD
        self._break_end: Any = _UNREAD

    @property
    def words_before(self) -> int:
        if self._words is None:
            self._words = _WORD_TOKEN.findall(self.before)
        return len(self._words)

    @property
    def near_before(self) -> str:
        """The last ``window_words`` words before it, one space apart."""
        if self._words is None:
            self._words = _WORD_TOKEN.findall(self.before)
        return " ".join(self._words[-self.params.window_words :])

    @property
    def choice(self) -> bool:
        """A choice cue in its window, or a candidate's verb before it ("won", "gave")."""
        if self._choice is None:
            choice_re, before_re, near_before = self.params.choice_re, self.params.choice_before_re, self.near_before
            self._choice = bool(
                (choice_re is not None and choice_re.search(f"{near_before} {self.head}"))
                or (before_re is not None and before_re.search(near_before))
            )
        return self._choice

    @property
    def survey(self) -> bool:
        if self._survey is None:
            survey_re = self.params.survey_re
            self._survey = bool(survey_re is not None and survey_re.search(f"{self.near_before} {self.head}"))
        return self._survey

    @property
    def answer(self) -> bool:
        if self._answer is None:
            answer_re = self.params.answer_re
            self._answer = bool(answer_re is not None and answer_re.search(self.head))
        return self._answer

    @property
    def break_end(self) -> int | None:
        """Where the last clause break in ``before`` ends (None: there is none)."""
        if self._break_end is _UNREAD:
            self._break_end = _last_break_end(self.before)
        return self._break_end

    @property
    def complete(self) -> str | None:
        """The complete label ("undecided", "others") found in its clause."""
        if self._complete is _UNREAD:
            complete_re, break_end = self.params.complete_re, self.break_end
            found = complete_re is not None and complete_re.search(
                f"{self.before if break_end is None else self.before[break_end:]} {self.head}"
            )
            self._complete = found.group() if found else None
        return self._complete

    @property
    def cued(self) -> bool:
        """Whether its own clause ties it to a whole (without a cue it can only continue the previous share)."""
        return self.choice or self.survey or self.answer or self.complete is not None

    def may_continue(self) -> bool:
        """Whether it continues the previous share when that one is a share: only a few words stand between them."""
        return self.words_before <= CONTINUATION_WORDS


def _clause(params: Params, prose: str, sentence: Sentence, mention: PercentMention, previous: PercentMention | None,
            following: PercentMention | None) -> Clause | None:  # fmt: skip
    """What ``mention``'s clause says; None for a figure that is no share at all (above 100, points)."""
    if mention.value > 100 or mention.unit != "percent":
        return None
    cut = previous.end if previous is not None else sentence.start
    before = prose[max(cut, mention.start - 80) : mention.start]
    stop = following.start if following is not None else sentence.end
    after = prose[mention.end : min(stop, mention.end + 80)]
    return Clause(params, mention, previous, before, after, _clause_head(after))


def _member(params: Params, prose: str, sentence: Sentence, clause: Clause, previous_member: Member | None) -> Member | None:
    """``clause``'s percentage as a share, or None when its clause says it is not one.

    A percentage with no cue of its own continues the previous share when only
    a few words stand between them ("led Trump 47 percent to 40 percent with 5
    percent for Amash", "Smith 48%, Jones 45%").
    """
    # The tests that can only drop the share are pure, so their order is free:
    # the cue searches on short windows come first (_clause: most percentages of
    # news prose have no cue), the costlier change and not-a-share tests only for
    # the few left.
    mention, previous, before, after = clause.mention, clause.previous, clause.before, clause.after
    choice = clause.choice
    if not clause.cued:
        if previous_member is None or not clause.may_continue():
            return None
        choice = previous_member.choice
    wide_before = prose[max(sentence.start, mention.start - 80) : mention.start]
    if params.change_re is not None:
        recent = _WORD_TOKEN.findall(_clause_tail(wide_before))[-3:]
        if any(params.change_re.match(token.rstrip(".")) for token in recent):
            return None
    if _match(params.not_after_re, after) or _search(params.not_before_re, wide_before):
        return None
    after_semicolon = _tail_after(_SEMICOLON, before) if previous is not None and ";" in before else None
    return Member(
        mention, choice, clause.complete, clause.answer, _whole(after, params),
        before, clause.head, previous is None, params,
        survey_only=clause.survey and not (choice or clause.answer),
        paired=bool(previous_member and _PAIRED.match(before)),
        after_break=clause.break_end is not None,
        opens_clause=after_semicolon is not None and bool(
            _match(params.opener_re, after_semicolon.lstrip()) or _search(params.new_whole_re, after_semicolon)
        ),
    )  # fmt: skip


def _restated(prose: str, previous: PercentMention, mention: PercentMention) -> bool:
    """A percentage in brackets just after another one restates it."""
    between = prose[previous.end : mention.start]
    if _BRACKETED.match(between):
        return True
    return len(between) <= 40 and between.rstrip().endswith(("(", "[")) and prose[mention.end : mention.end + 1] in ")]"


def _sentence_clauses(params: Params, prose: str, sentence: Sentence, mentions: list[PercentMention]) -> list[Clause | None]:
    """The clause of each percentage of ``sentence`` but those that restate the one before."""
    clauses: list[Clause | None] = []
    previous: PercentMention | None = None
    for index, mention in enumerate(mentions):
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        if previous is not None and _restated(prose, previous, mention):
            continue  # "40% (39.9%)", "three quarters (73%)": the same figure restated
        clauses.append(_clause(params, prose, sentence, mention, previous, following))
        previous = mention
    return clauses


def _possible_shares(clauses: list[Clause | None]) -> list[Clause]:
    """The percentages of a sentence that may be shares: the members of its
    _sentence_groups are among them.

    A share needs a cue of its own, or must continue a share right before it;
    taking every cued percentage as a share (the not-a-share tests of
    _member can only drop one) gives a superset of the real shares.
    """
    shares: list[Clause] = []
    last_possible = False
    for clause in clauses:
        last_possible = clause is not None and (clause.cued or (last_possible and clause.may_continue()))
        if last_possible and clause is not None:
            shares.append(clause)
    return shares


def _runs_without_a_finding(params: Params, possible: dict[int, list[Clause]], found: Sequence[Sentence]) -> set[int]:
    """Sentences of runs whose possible shares cannot give a finding: they add up
    to 100% or less, and none names a complete label ("undecided", "others").

    ``possible`` holds, in sentence order, clauses among which are all the
    shares of each sentence (all its clauses, or its possible shares). A run
    is a stretch of consecutive sentences of one block that each have one; a
    group never reaches outside its run (it joins only the group of the
    sentence right before it in the same block, and a sentence with no
    possible share gives no group), so skipping a whole run changes no other
    group. Each group of the run sums the low bounds of some of these shares,
    in the same order: it cannot pass the sum of all of them, each counted as
    0 at least (float addition is monotone), so no group passes 100%; and with
    no complete label, and the rule not declaring every set complete, no
    group is complete. The sum is tested first: the labels are read only for
    a run that passes it.
    """
    if params.declared_complete:
        return set()
    without: set[int] = set()
    run: list[int] = []

    def close() -> None:
        shares = [clause for index in run for clause in possible[index]]
        low = 0.0
        for clause in shares:
            low += max(clause.mention.number.bounds(params.approximate_slack, params.rounding)[0], 0.0)
        if low <= 100 and not any(clause.complete for clause in shares):
            without.update(run)

    for index, shares in possible.items():
        if run and not (shares and run[-1] == index - 1 and found[run[-1]].block == found[index].block):
            close()
            run = []
        if shares:
            run.append(index)
    if run:
        close()
    return without


def _sentence_groups(params: Params, prose: str, sentence: Sentence, sentence_index: int, clauses: list[Clause | None]) -> list[Group]:
    groups: list[Group] = []
    last_member: Member | None = None
    for clause in clauses:
        member = last_member = _member(params, prose, sentence, clause, last_member) if clause is not None else None
        if member is None:
            continue
        if not groups or groups[-1].splits(member):
            groups.append(Group(sentences=[sentence_index]))
        groups[-1].add(member)
    return groups


def _periods(params: Params, text: str) -> set[str]:
    return {m.group().lower() for m in params.period_re.finditer(text)} if params.period_re is not None else set()


class SentencePeriods:
    """The periods each sentence names, read when a join first asks, once.

    A period_re scan costs ~17 us a sentence, and only a sentence whose first
    group may join the group before it (one in twenty on the generated
    corpus) compares periods: reading them for every sentence with shares
    was 19 of 160 ms. The answers are those of the eager reading: a group's
    periods are the union of its sentences' periods, whenever they are read.
    """

    def __init__(self, params: Params, found: Sequence[Sentence]) -> None:
        self.params = params
        self.found = found
        self.read: dict[int, set[str]] = {}

    def __call__(self, index: int) -> set[str]:
        periods = self.read.get(index)
        if periods is None:
            periods = self.read[index] = _periods(self.params, self.found[index].text)
        return periods

    def of_group(self, group: Group) -> set[str]:
        """``group.periods`` brought up to date (each sentence is added once: linear in a long run)."""
        for index in group.sentences[group.periods_read :]:
            group.periods |= self(index)
        group.periods_read = len(group.sentences)
        return group.periods


def _starts_new_group(params: Params, index: int, periods: SentencePeriods, group: Group) -> bool:
    """A sentence that opens with a contrast, names a new poll or contest, or a period the group did not."""
    text = periods.found[index].text
    if _match(params.opener_re, text) or _search(params.new_whole_re, text):
        return True
    return not periods(index) <= periods.of_group(group)


def _both_whole_sets(last: Group, group: Group, last_sentence_shares: int) -> bool:
    """Two sentences that each state two or more shares state two results.

    "A won 51% to B's 44%. In the river ward C won 49% to D's 42%." is a
    second contest even when no opener says so; a share carried over one at a
    time ("A took 51%. B took 44%.") still joins. The previous sentence counts
    by all its shares, not only its last group's: "among under-30s, 71% backed
    it; among those over 65, 44% did. Independents split 50% in favor, 47%
    against." is a breakdown by subgroup followed by one more subgroup.
    """
    return len(group.members) >= 2 and (len(last.members) >= 2 or last_sentence_shares >= 2)


def _alone(counts: dict[int, int], found: Sequence[Sentence], index: int) -> bool:
    """Whether sentence ``index`` can give no share a partner: it has at most one
    (``counts``: percentages, or possible shares), and the sentences right before
    and after it in the same block have none.

    Skipping such a sentence changes no finding and saves reading its clause
    (on the news corpus, counting percentages skips 1,306 of 3,015): its share
    would be a group of one, which is never judged, and no other group could
    join it or be joined through it, since a group joins only the group of
    the sentence right before it in the same block, and those give no group.
    Skipped, it leaves ``groups[-1]`` at a group whose last sentence is even
    earlier, so the next sentence with shares does not join that one either.
    """
    if counts.get(index, 0) > 1:
        return False
    block = found[index].block
    return not any(counts.get(n, 0) and found[n].block == block for n in (index - 1, index + 1))


def _prose_groups(params: Params, document: Document, skip: set[int]) -> list[Group]:
    prose = document.prose
    found = document.fact(sentences)
    by_sentence: dict[int, list[PercentMention]] = {}
    for mention in document.fact(percentages):
        if mention.sentence >= 0 and mention.start not in skip:
            by_sentence.setdefault(mention.sentence, []).append(mention)
    # Most percentages can be in no finding, and showing it costs less than reading their
    # clauses: each step below skips sentences whose groups could give no finding (and
    # change no other group), before the costlier reading of the next. A sentence whose one
    # percentage has no neighbour with any (_alone) is not read at all.
    mention_counts = {index: len(mentions) for index, mentions in by_sentence.items()}
    clauses = {
        index: _sentence_clauses(params, prose, found[index], by_sentence[index])
        for index in sorted(by_sentence)
        if not _alone(mention_counts, found, index)
    }
    # A run whose percentages, shares or not, cannot add up to a finding is dropped before
    # any cue is read (about half the percentages of the generated corpus, 80% of news);
    # then the same two tests on the possible shares, and _member for the few left.
    without_a_finding = _runs_without_a_finding(
        params, {index: [c for c in sentence_clauses if c is not None] for index, sentence_clauses in clauses.items()}, found
    )
    clauses = {index: sentence_clauses for index, sentence_clauses in clauses.items() if index not in without_a_finding}
    possible = {index: _possible_shares(sentence_clauses) for index, sentence_clauses in clauses.items()}
    possible_counts = {index: len(shares) for index, shares in possible.items()}
    without_a_finding = _runs_without_a_finding(params, possible, found)
    groups: list[Group] = []
    periods = SentencePeriods(params, found)
    last_sentence_shares = 0  # shares (in all its groups) of the sentence that made groups[-1]
    for index, sentence_clauses in clauses.items():
        if not possible_counts[index] or _alone(possible_counts, found, index) or index in without_a_finding:
            continue  # no share, or none that can give a finding
        sentence = found[index]
        sentence_groups = _sentence_groups(params, prose, sentence, index, sentence_clauses)
        for position, group in enumerate(sentence_groups):
            last = groups[-1] if groups else None
            joins = (
                position == 0
                and last is not None
                and last.sentences[-1] == index - 1
                and found[index - 1].block == sentence.block
                and not last.splits(group.members[0])
                and not _starts_new_group(params, index, periods, last)
                and not _both_whole_sets(last, group, last_sentence_shares)
            )
            if joins and last is not None:
                for member in group.members:
                    last.add(member)
                last.sentences.append(index)
            else:
                groups.append(group)
        if sentence_groups:
            last_sentence_shares = sum(len(group.members) for group in sentence_groups)
    return groups


def _check_prose_group(document: Document, rule: Rule, group: Group, by_sentence: dict[int, int]) -> Finding | None:
    params: Params = rule.params
    members = group.members
    if len(members) < 2:
        return None
    complete = next((m.complete for m in members if m.complete), None)
    if not any(m.choice for m in members) and not complete and not any(m.answer for m in members):
        return None  # survey answers that need not exclude each other ("own a phone", "own a tablet")
    reason = f"it names '{complete}'" if complete else ("declared complete by the rule" if params.declared_complete else None)
    if reason is not None and sum(by_sentence[i] for i in group.sentences) != len(members):
        reason = None  # some percentage of these sentences was left out: the set may hold more
    mentions = [m.mention for m in members]
    return _judge(document, rule, mentions, reason, mentions[0].start, mentions[-1].end)


# ---------------------------------------------------------------- entry point


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    params: Params = rule.params
    if not document.fact(percentages):
        return
    found = list(_findings(document, rule))
    # An article whose survey allowed more than one answer has no sums to check.
    # Searched only when there is something to withdraw: the search reads the
    # whole prose, and most documents give no finding.
    if found and not _search(params.multiple_re, document.prose):
        yield from found


def _findings(document: Document, rule: Rule) -> Iterator[Finding]:
    params: Params = rule.params
    structured: set[int] = set()
    for column in document.fact(table_columns):
        structured.update(share.mention.start for _, share in column.rows if share is not None)
        yield from _check_column(document, rule, column)
    for run in document.fact(list_runs):
        structured.update(item.mention.start for item in run.items)
        yield from _check_list(document, rule, run)
    counts: dict[int, int] = {}
    for mention in document.fact(percentages):
        if mention.sentence >= 0 and mention.start not in structured and mention.unit == "percent":
            counts[mention.sentence] = counts.get(mention.sentence, 0) + 1
    for group in _prose_groups(params, document, structured):
        finding = _check_prose_group(document, rule, group, counts)
        if finding is not None:
            yield finding
