"""Sentences of prose, with offsets into the document text.

A sentence never crosses a heading or table cell, but it does cross a
paragraph break when the first paragraph stops mid-sentence: copy pasted from
the web is often broken that way ("…showed him as" / "taking home 51.2%…").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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
_TERMINAL = regex.compile(r"[.!?…:][\"'”’)\]*_]*\s*$")
_WORD_BEFORE = regex.compile(r"(\p{L}[\p{L}.]*)\.?$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    block: int  # index of the first Document.blocks entry it belongs to


def _is_abbreviation(before: str) -> bool:
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or len(word) == 1


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
        previous_open = block.kind == "paragraph" and not _TERMINAL.search(stripped)
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
