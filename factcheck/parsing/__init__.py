"""Turn a document's text into prose, blocks and links, per format.

Markdown and plain text are read with markdown-it-py (plain text because news
copy is written with Markdown habits: the seed article is a .txt file with
``[text](#)`` links); HTML with the standard library's HTMLParser.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.document import Block, Format, Link, ReferenceDefinition


@dataclass(frozen=True)
class Parsed:
    prose: str
    blocks: tuple[Block, ...]
    links: tuple[Link, ...]
    definitions: tuple[ReferenceDefinition, ...]
    heading_anchors: frozenset[str]
    front_matter: Mapping[str, Any]
    notes: tuple[str, ...] = ()  # what the parser could not read (reported as warnings)
    code_spans: tuple[tuple[int, int], ...] = ()  # sorted, disjoint (start, end) of code in the text


def parse(text: str, fmt: Format, line_starts: Sequence[int] | None = None) -> Parsed:
    """``line_starts`` (offsets where each line begins), when the caller has them, saves a scan."""
    if fmt == "html":
        from factcheck.parsing.html import parse_html

        return parse_html(text)
    from factcheck.parsing.markdown import parse_markdown

    return parse_markdown(text, line_starts)
