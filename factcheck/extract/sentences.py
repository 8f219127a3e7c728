"""Sentences of prose, with offsets into the document text.

A sentence never crosses a heading or table cell, but it does cross a
paragraph break when the first paragraph stops mid-sentence: copy pasted from
the web is often broken that way ("…showed him as" / "taking home 51.2%…").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import regex

if TYPE_CHECKING:
    from factcheck.document import Document

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj st jr sr rev hon pres
    inc corp co ltd plc llc bros no nos vs etc al fig approx est dept univ ave blvd rd mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    u.s u.k u.n e.g i.e a.m p.m""".split()
)
_BOUNDARY = regex.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[\p{Lu}\p{N}])")
# What may close a sentence after its full stop ("…said." or "(see above).").
_CLOSERS = "\"'”’)]*_"
_TERMINALS = (".", "!", "?", "…", ":")
# Read backwards (REVERSE): the run of letters and full stops that ends a text,
# one attempt from the end where a search for "\p{L}[\p{L}.]*$" tries every offset.
_LETTERS_AND_STOPS_AT_END = regex.compile(r"(?r)[\p{L}.]*")
_LETTER = regex.compile(r"\p{L}")


class Sentence(NamedTuple):
    """One sentence (immutable: a cached fact every check shares). A named
    tuple, not a frozen dataclass: a news archive has a sentence every 130
    bytes, and a frozen dataclass's __init__ cost four times as much."""

    start: int
    end: int
    text: str
    block: int  # index of the first Document.blocks entry it belongs to


def _is_abbreviation(before: str) -> bool:
    """Whether the word that ends ``before`` (letters and full stops, from its first letter) is an abbreviation."""
    before = before.removesuffix("\n")
    run = _LETTERS_AND_STOPS_AT_END.search(before)
    first = _LETTER.search(before, run.start()) if run is not None else None
    if first is None:
        return False
    word = before[first.start() :].lower().rstrip(".")
    return word in ABBREVIATIONS or len(word) == 1


def _ends_a_sentence(text: str) -> bool:
    """``text`` (stripped) ends with terminal punctuation, perhaps before closing quotes or brackets."""
    return text.rstrip(_CLOSERS).endswith(_TERMINALS)


def passages(document: Document) -> list[tuple[int, int, int]]:
    """(start, end, first block index) of runs of blocks that read as one text.

    Paragraph blocks are joined when the earlier one ends without terminal
    punctuation and the later one starts in lower case.
    """
    runs: list[tuple[int, int, int]] = []
    prose = document.prose
    previous_open = False
    for index, block in enumerate(document.blocks):
        body = prose[block.start : block.end]
        stripped = body.strip()
        if not stripped:
            continue
        continues = (
            block.kind == "paragraph"
            and previous_open
            and runs
            and stripped[:1].islower()
        )
        if continues:
            start, _, first = runs[-1]
            runs[-1] = (start, block.end, first)
        else:
            runs.append((block.start, block.end, index))
        previous_open = block.kind == "paragraph" and not _ends_a_sentence(stripped)
    return runs


def sentences(document: Document) -> tuple[Sentence, ...]:
    """Every prose sentence, in document order (use via ``document.fact``)."""
    found: list[Sentence] = []
    prose = document.prose
    for start, end, block in passages(document):
        cursor = start
        for match in _BOUNDARY.finditer(prose, start, end):
            if _is_abbreviation(prose[max(cursor, match.start() - 20) : match.start() + 1]):
                continue
            found.append(_make(prose, cursor, match.start() + len(match.group().rstrip()), block))
            cursor = match.end()
        if prose[cursor:end].strip():
            found.append(_make(prose, cursor, end, block))
    return tuple(s for s in found if s.text)


def _make(prose: str, start: int, end: int, block: int) -> Sentence:
    while start < end and prose[start].isspace():
        start += 1
    while end > start and prose[end - 1].isspace():
        end -= 1
    return Sentence(start, end, prose[start:end], block)
