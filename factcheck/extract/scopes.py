"""Scopes: which part of an article a character belongs to, for rules that take ``scope:``.

A style rule rarely means "anywhere": a banned phrase in a reporter's own
sentence is a fix, the same phrase inside a quotation is what someone said,
and a headline follows its own style. Every offset of a document is in exactly
one scope, decided in this order:

* ``heading``: heading text;
* ``quote``: inside quotation marks (:mod:`factcheck.extract.quotes`) or a
  Markdown block quote;
* ``link-text``: the visible text of a link, or an image's alt text;
* ``prose``: everything else (paragraphs, list items, table cells).

Rules default to ``[prose]``; a rule that must look everywhere lists all four.

A rule's expressions run over each *region* of its scopes separately, as
Vale runs them over each block: a paragraph or table cell (prose), a heading,
one link's text, one quotation. So ``^`` and ``$`` mean the start and end of
that region (``'^here$'`` with ``scope: [link-text]`` is a link whose whole
text is "here"), and a match counts only in the scope where it starts.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.extract.quotes import quotations
from factcheck.parsing.ranges import SpanSet

if TYPE_CHECKING:
    from factcheck.document import Document

SCOPES: tuple[str, ...] = ("heading", "prose", "link-text", "quote")
DEFAULT_SCOPE: tuple[str, ...] = ("prose",)


def validate_scopes(names: Iterable[str]) -> tuple[str, ...]:
    """The scope names, checked; ValueError naming the valid ones (and a close match)."""
    checked = []
    for name in names:
        if name not in SCOPES:
            close = difflib.get_close_matches(name, SCOPES, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"unknown scope {name!r}{hint}; valid scopes: {', '.join(SCOPES)}")
        checked.append(name)
    if not checked:
        raise ValueError(f"give at least one scope: {', '.join(SCOPES)}")
    return tuple(dict.fromkeys(checked))


@dataclass(frozen=True)
class Region:
    """A stretch of the document a rule's expressions see as one string."""

    scope: str
    start: int
    end: int


@dataclass(frozen=True)
class ScopeMap:
    """Which scope each offset of one document is in (see the module docstring),
    and the regions of each scope, in document order."""

    headings: SpanSet
    quotes: SpanSet
    link_texts: SpanSet
    regions: tuple[Region, ...]

    def regions_in(self, scopes: tuple[str, ...]) -> list[Region]:
        return [region for region in self.regions if region.scope in scopes]

    def scope_at(self, offset: int) -> str:
        if self.headings.contains(offset):
            return "heading"
        if self.quotes.contains(offset):
            return "quote"
        if self.link_texts.contains(offset):
            return "link-text"
        return "prose"


def _prose_outside_blocks(document: Document) -> list[tuple[int, int]]:
    """Prose the parser put in no block (loose text in HTML): still prose, never lost."""
    gaps = []
    position = 0
    for block in sorted(document.blocks, key=lambda b: b.start):
        if block.start > position and document.prose[position : block.start].strip():
            gaps.append((position, block.start))
        position = max(position, block.end)
    if document.prose[position:].strip():
        gaps.append((position, len(document.prose)))
    return gaps


def scope_map(document: Document) -> ScopeMap:
    """Build the map once per document (use ``document.fact(scope_map)``)."""
    headings = SpanSet.of((b.start, b.end) for b in document.blocks if b.kind == "heading")
    quoted = SpanSet.of(
        [*document.fact(quotations).spans, *((b.start, b.end) for b in document.blocks if "blockquote" in b.containers)]
    )
    link_texts = SpanSet.of((link.text_start, link.text_end) for link in document.links)
    regions = {Region("heading" if b.kind == "heading" else "prose", b.start, b.end) for b in document.blocks}
    regions.update(Region("prose", start, end) for start, end in _prose_outside_blocks(document))
    regions.update(Region("quote", start, end) for start, end in zip(quoted.starts, quoted.ends, strict=True))
    regions.update(Region("link-text", start, end) for start, end in zip(link_texts.starts, link_texts.ends, strict=True))
    ordered = tuple(sorted(regions, key=lambda r: (r.start, r.end, r.scope)))
    return ScopeMap(headings, quoted, link_texts, ordered)
