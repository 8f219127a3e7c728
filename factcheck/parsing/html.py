"""HTML documents, and HTML fragments inside Markdown, via the stdlib HTMLParser.

``convert_charrefs=False`` keeps every data chunk equal to its source text,
so offsets stay exact; entity references are left as written.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from factcheck.document import Block, Link
from factcheck.parsing import Parsed
from factcheck.parsing.ranges import bare_urls, build_prose, merge, subtract

_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li td th blockquote figcaption caption dt dd title pre div section article".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6 title".split())
_SKIP = frozenset("script style template noscript svg math code pre".split())


def _href(attributes: dict[str, str | None]) -> str | None:
    """An anchor's target: ``href``, or SVG's ``xlink:href``; None when it has neither."""
    for name in ("href", "xlink:href"):
        if name in attributes:
            return attributes[name] or ""
    return None


class _Walker(HTMLParser):
    def __init__(self, text: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.base = base
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.prose: list[tuple[int, int]] = []
        self.links: list[Link] = []
        self.ids: set[str] = set()
        self.blocks: list[Block] = []
        self._skip_depth = 0
        self._open_links: list[tuple[int, int, str | None]] = []
        self._block_stack: list[tuple[str, int, int]] = []  # tag, first prose index, table info
        self._table = -1
        self._row = -1
        self._col = -1
        self._header = False

    def _here(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """``<![…`` that is not ``<![CDATA[`` or a conditional comment (``<![alt](a.png)``
        typed into HTML): Python's parser raises AssertionError there; browsers read
        a bogus comment up to the next ``>``, and so do we, instead of crashing."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            return len(self.rawdata) if end < 0 else end + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        raw = self.get_starttag_text() or ""
        end = start + len(raw)
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(str(values[key]))
        if tag in _SKIP:
            self._skip_depth += 1
        if tag == "a":
            self._open_links.append((start, end, _href(values)))
        elif tag == "table":
            self._table += 1
            self._row = -1
        elif tag == "tr":
            self._row += 1
            self._col = -1
        elif tag in ("td", "th"):
            self._col += 1
            self._header = tag == "th"
        if tag in _BLOCK_TAGS:
            self._block_stack.append((tag, len(self.prose), 0))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a":
            start = self._here()
            end = start + len(self.get_starttag_text() or "")
            href = _href(values)
            self.links.append(self._make_link(start, end, end, end, href))

    def handle_endtag(self, tag: str) -> None:
        start = self._here()
        close = self.text.find(">", start)
        end = close + 1 if close != -1 else len(self.text)
        if tag in _SKIP and self._skip_depth:
            self._skip_depth -= 1
        if tag == "a" and self._open_links:
            open_start, open_end, href = self._open_links.pop()
            self.links.append(self._make_link(open_start, end, open_end, start, href))
        if tag in _BLOCK_TAGS:
            while self._block_stack:
                open_tag, first, _ = self._block_stack.pop()
                if open_tag == tag:
                    self._close_block(tag, first)
                    break

    def _close_block(self, tag: str, first: int) -> None:
        spans = self.prose[first:]
        if not spans or not any(self.text[s:e].strip() for s, e in spans):
            return
        kind = "heading" if tag in _HEADINGS else "table_cell" if tag in ("td", "th") else "paragraph"
        table = (self._table, self._row, self._col, self._header) if kind == "table_cell" else None
        containers = ("list_item",) if tag == "li" else ()  # as Markdown bullets are marked
        self.blocks.append(Block(kind, self.base + spans[0][0], self.base + spans[-1][1], table, containers))  # type: ignore[arg-type]

    def _make_link(self, start: int, end: int, text_start: int, text_end: int, href: str | None) -> Link:
        b = self.base
        return Link("html", b + start, b + end, self.text[text_start:text_end], b + text_start, b + text_end, href)

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        start = self._here()
        self.prose.append((start, start + len(data)))


def _walk(text: str, base: int = 0) -> _Walker:
    walker = _Walker(text, base)
    walker.feed(text)
    walker.close()
    return walker


def html_anchors(text: str, start: int, end: int) -> list[Link]:
    """``<a>`` elements in an HTML fragment of a Markdown document."""
    return _walk(text[start:end], start).links


def html_ids(fragment: str) -> set[str]:
    return _walk(fragment).ids


def parse_html(text: str) -> Parsed:
    walker = _walk(text)
    prose_ranges = merge(walker.prose)
    prose_ranges = subtract(prose_ranges, merge(bare_urls(text, prose_ranges)))
    prose = build_prose(text, prose_ranges)
    blocks = _innermost(walker.blocks, prose)
    if not blocks:
        blocks = [Block("paragraph", s, e) for s, e in _paragraphs(text, prose_ranges)]
    return Parsed(
        prose=prose,
        blocks=tuple(blocks),
        links=tuple(sorted(walker.links, key=lambda link: (link.start, link.end))),
        definitions=(),
        heading_anchors=frozenset(walker.ids),
        front_matter={},
    )


def _innermost(blocks: list[Block], prose: str) -> list[Block]:
    """Non-overlapping blocks: text belongs to the innermost block element around it.

    ``<div>Intro <p>Body</p> more</div>`` gives "Intro", "Body" and "more" as
    three blocks, never the div's text again around the paragraph: every check
    that walks blocks would otherwise read the same words twice or more.
    Elements nest, so one sweep with a stack assigns each stretch of text.
    """
    unique: dict[tuple[int, int], Block] = {}
    for block in blocks:  # in closing order: of equal spans, the innermost closed first
        unique.setdefault((block.start, block.end), block)
    ordered = sorted(unique.values(), key=lambda b: (b.start, -b.end))
    found: list[Block] = []

    def emit(block: Block, start: int, end: int) -> None:
        segment = prose[start:end]
        stripped = segment.strip()
        if stripped:
            first = start + (len(segment) - len(segment.lstrip()))
            found.append(Block(block.kind, first, first + len(stripped), block.table, block.containers))

    stack: list[list[Any]] = []  # [block, cursor]
    for block in ordered:
        while stack and stack[-1][0].end <= block.start:
            parent, cursor = stack.pop()
            emit(parent, cursor, parent.end)
        if stack:
            parent_entry = stack[-1]
            emit(parent_entry[0], parent_entry[1], block.start)
            parent_entry[1] = max(parent_entry[1], block.end)
        stack.append([block, block.start])
    while stack:
        parent, cursor = stack.pop()
        emit(parent, cursor, parent.end)
    return sorted(found, key=lambda b: (b.start, b.end))


def _paragraphs(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Fallback blocks for tag-less HTML: prose runs split at blank lines."""
    spans: list[tuple[int, int]] = []
    for start, end in ranges:
        cursor = start
        while cursor < end:
            gap = text.find("\n\n", cursor, end)
            stop = end if gap == -1 else gap
            if text[cursor:stop].strip():
                spans.append((cursor, stop))
            cursor = stop + 2 if gap != -1 else end
    return spans


__all__ = ["html_anchors", "html_ids", "parse_html"]
