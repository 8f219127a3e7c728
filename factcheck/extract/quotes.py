"""Quotation spans: text in someone else's words keeps its own spellings and brackets."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from factcheck.parsing.ranges import SpanSet

if TYPE_CHECKING:
    from factcheck.document import Document

_QUOTE_MARK = regex.compile(r"[\"“”«»]")


class Quotations(SpanSet):
    """Quoted passages, quote marks included."""


def quotations(document: Document) -> Quotations:
    """Pair quote marks within each block; an unclosed quote runs to the block's end.

    News style leaves a multi-paragraph quotation open at the end of each of
    its paragraphs, so an unclosed opening mark still marks quoted text.
    """
    spans: list[tuple[int, int]] = []
    prose = document.prose
    for block in document.blocks:
        opened: int | None = None
        for match in _QUOTE_MARK.finditer(prose, block.start, block.end):
            mark = match.group()
            if opened is None:
                if mark in "”»":
                    continue
                if mark == '"' and match.end() < block.end and prose[match.end()].isspace():
                    continue
                opened = match.start()
            else:
                if mark in "“«":
                    continue
                spans.append((opened, match.end()))
                opened = None
        if opened is not None:
            spans.append((opened, block.end))
    return Quotations.of(spans)
