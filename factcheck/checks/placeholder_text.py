"""Kind ``placeholder-text``: editors' placeholders left in the prose.

## What it does
Reports, in prose only (never in code, URLs or link targets):

* ``words``: placeholder words matched as whole words and case-sensitively
  (``TK``, ``TKTK``, ``TK TK``), so "TKO", "UTK" and "Tk" are left alone, as
  are codes ("TK-421", "flight TK 1878");
* ``bracketed``: an editor's bracketed note matched case-insensitively
  (``[TK]``, ``[LINK]``, ``[INSERT LINK]``, ``[citation needed]``);
* ``figure_placeholders``: ``XX`` standing for a number, only where a figure
  would be: before one of ``figure_units`` ("XX percent", "XX million") or
  after a currency sign ("$XX"), so "XXL" and "Super Bowl XX" are left alone.

Names that merely contain a placeholder word are listed in ``allow``
("TK Maxx"). A placeholder that is the whole text of a link, a bracket that
opens a reference link, and anything inside a reference or a malformed link
(``[text](TK TK)``) are left to the ``dangling-link`` kind, which reports the
link with its target.

## Why is this bad?
A placeholder that reaches readers says the story was published unfinished.

## Example
```markdown
Tickets will cost TK per crossing, up XX percent on last year [LINK].
```

## Use instead
Fill in the missing fact, figure or link, or cut the sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from factcheck.extract.links import undefined_references
from factcheck.params import ParamError
from factcheck.parsing.ranges import merge

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.findings import Finding
    from factcheck.rules import Rule

HINTS = {
    "word": "fill in the missing fact, or cut it",
    "bracketed": "an editor's note, not copy",
    "figure": "the figure was never filled in",
}


def _alternation(items: tuple[str, ...]) -> str:
    """Longest first, so "TK TK" wins over "TK"; a space matches any run of spaces."""
    ordered = sorted({item.strip() for item in items if item.strip()}, key=lambda word: (-len(word), word))
    return "|".join(regex.escape(item).replace(r"\ ", r"[ \t]+") for item in ordered)


@dataclass(frozen=True)
class Params:
    words: tuple[str, ...] = ("TK", "TKTK", "TK TK")
    bracketed: tuple[str, ...] = ("TK", "LINK", "INSERT LINK")
    figure_placeholders: tuple[str, ...] = ("XX", "XXX")
    figure_units: tuple[str, ...] = ("%", "percent", "per cent")
    currency_signs: str = "$£€"
    allow: tuple[str, ...] = ()
    compiled: Any = field(init=False, repr=False, compare=False)
    allowed: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not (self.words or self.bracketed or self.figure_placeholders):
            raise ParamError("words", "give at least one of words, bracketed or figure_placeholders")
        if self.figure_placeholders and not (self.figure_units or self.currency_signs):
            raise ParamError("figure_units", "figure placeholders need units or currency signs to tell a figure")
        branches = []
        if self.words:
            # Not part of a code: "TK-421", "TK/2", "flight TK 1878", "a.TK".
            branches.append(rf"(?P<word>(?<![\w\-/.])(?:{_alternation(self.words)})(?![\w\-/]|\.\w|[ \t]?\d))")
        if self.bracketed:
            branches.append(rf"(?P<bracketed>\[[ \t]*(?i:{_alternation(self.bracketed)})[ \t]*\](?![\[(]))")
        if self.figure_placeholders:
            signs = regex.escape(self.currency_signs) if self.currency_signs else None
            figure = rf"(?:{_alternation(self.figure_placeholders)})(?:[.,]X+)*(?![\w])"
            after_sign = rf"(?<=[{signs}][ \t]?){figure}" if signs else None
            before_unit = rf"(?<![\w.,]){figure}(?=[ \t]?(?i:{_alternation(self.figure_units)})(?![\w]))" if self.figure_units else None
            parts = "|".join(p for p in (after_sign, before_unit) if p)
            branches.append(rf"(?P<figure>{parts})")
        object.__setattr__(self, "compiled", regex.compile("|".join(branches), regex.V1))
        allowed = _alternation(self.allow)
        object.__setattr__(self, "allowed", regex.compile(rf"(?<![\w])(?:{allowed})(?![\w])", regex.V1) if allowed else None)


def _spans(pattern: Any, prose: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(prose)] if pattern is not None else []


def _within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def _reported_links(document: Document) -> list[tuple[int, int]]:
    """Undefined references and malformed links: dangling-link reports them whole.
    Merged, because a reference can hold another (``[![a][b]][c]``)."""
    return merge((r.start, r.end) for r in document.fact(undefined_references) if r.style != "shortcut" or r.image)


def _whole_link_texts(document: Document) -> set[tuple[int, int]]:
    """Spans of link texts, trimmed: a placeholder filling one is the link's problem."""
    spans = set()
    for link in document.links:
        raw = document.text[link.text_start : link.text_end]
        stripped = raw.strip(" \t\n*_")
        offset = link.text_start + raw.find(stripped) if stripped else link.text_start
        spans.add((offset, offset + len(stripped)))
    return spans


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    params: Params = rule.params
    prose = document.prose
    allowed = _spans(params.allowed, prose)
    link_texts: set[tuple[int, int]] | None = None
    reported: list[tuple[int, int]] | None = None
    for match in params.compiled.finditer(prose):
        start, end = match.span()
        if _within(allowed, start, end):
            continue
        reported = reported if reported is not None else _reported_links(document)
        if _within(reported, start, end):
            continue
        what = match.lastgroup or "word"
        if what == "word":
            link_texts = link_texts if link_texts is not None else _whole_link_texts(document)
            if (start, end) in link_texts:
                continue
        yield rule.finding(document, start, end, placeholder=match.group(), hint=HINTS[what])
