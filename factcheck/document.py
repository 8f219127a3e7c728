"""The Document: decoded text, a source map, prose, blocks, links and metadata.

Every check reads a Document and never the raw file, so decoding, newline
handling, Markdown parsing and the "what is prose" decision happen once, here,
and every finding's offsets map back to the file's own lines and columns.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, TypeVar

Format = Literal["markdown", "text", "html"]
T = TypeVar("T")

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
CHECKED_SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES


def format_for_path(path: str | None) -> Format:
    """Pick the format from the file name; unknown or no name reads as Markdown."""
    lowered = (path or "").lower()
    if lowered.endswith(HTML_SUFFIXES):
        return "html"
    if lowered.endswith(TEXT_SUFFIXES):
        return "text"
    return "markdown"


class Block(NamedTuple):
    """A run of prose the reader sees as one unit: a paragraph, heading or table cell.

    ``start``/``end`` are offsets into ``Document.text``. ``table`` is
    ``(table_index, row, column, is_header)`` for table cells, else None;
    ``containers`` lists enclosing structures ("blockquote", "list_item").
    A named tuple (immutable, and built once per paragraph of every document:
    a frozen dataclass cost four times as much to construct).
    """

    kind: Literal["paragraph", "heading", "table_cell"]
    start: int
    end: int
    table: tuple[int, int, int, bool] | None = None
    containers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    """A link or image as written, with offsets into ``Document.text``.

    ``kind`` is "inline" (``[t](u)``), "reference" (``[t][r]``, ``[r]``),
    "autolink" (``<https://…>``), "html" (``<a href>``) or "footnote"
    (``[^1]``); ``image`` marks ``![alt](src)``. ``target`` is the raw
    destination (None for an ``<a>`` without href); ``label`` the reference label.
    """

    kind: str
    start: int
    end: int
    text: str
    text_start: int
    text_end: int
    target: str | None
    label: str | None = None
    image: bool = False


@dataclass(frozen=True)
class ReferenceDefinition:
    """``[label]: target`` (or a footnote ``[^label]: …``) with its normalised label."""

    label: str
    target: str
    start: int
    end: int
    footnote: bool = False


@dataclass
class Document:
    """One checked file. Build it with :func:`load_document` or :func:`from_text`.

    ``prose`` has the same length as ``text``: characters that are not prose
    (code, URLs, link targets, HTML tags and comments, front matter, Markdown
    markers) are replaced by spaces, newlines kept, so a regex over ``prose``
    yields offsets that are valid in ``text``.
    """

    path: str
    text: str
    format: Format
    prose: str
    blocks: tuple[Block, ...]
    links: tuple[Link, ...]
    definitions: tuple[ReferenceDefinition, ...]
    headings_anchors: frozenset[str]
    front_matter: Mapping[str, Any]
    publication_date: dt.date | None
    publication_date_source: str | None
    line_starts: tuple[int, ...]
    parse_notes: tuple[str, ...] = ()  # parts the parser could not read, for the run's warnings
    code_spans: tuple[tuple[int, int], ...] = ()  # sorted, disjoint (start, end): Markdown code, shown not obeyed
    _facts: dict[Callable[..., Any], Any] = field(default_factory=dict, repr=False, compare=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in characters for an offset into ``text``."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return start, end

    def line_text(self, line: int) -> str:
        start, end = self.line_span(line)
        return self.text[start:end]

    def fact(self, extractor: Callable[[Document], T]) -> T:
        """Run an extractor once per document and share its result between rules."""
        try:
            return self._facts[extractor]  # type: ignore[no-any-return]
        except KeyError:
            value = self._facts[extractor] = extractor(self)
            return value

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_facts"] = {}
        return state


def compute_line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return tuple(starts)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; columns stay the same as in the file."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Decoded:
    text: str
    problems: tuple[str, ...]


def decode(data: bytes) -> Decoded:
    """UTF-8 (BOM stripped); invalid bytes become U+FFFD and are reported, never fatal."""
    problems: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith(_UTF16_BOMS):
        # Notepad's and Word's "Unicode" text: UTF-16 with a BOM, read as such
        # (its NUL bytes made it "binary" and the run exit 2).
        text = data.decode("utf-16", errors="replace")
        if "\ufffd" in text and "\ufffd" not in data.decode("utf-16", errors="ignore"):
            problems.append("invalid UTF-16; undecodable bytes were replaced with U+FFFD")
        return Decoded(normalise_newlines(text), tuple(problems))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        head = data[: error.start].decode("utf-8", errors="replace")
        line = head.count("\n") + 1
        column = len(head) - (head.rfind("\n") + 1) + 1
        problems.append(
            f"invalid UTF-8 at line {line}, column {column} (byte 0x{data[error.start]:02x});"
            " undecodable bytes were replaced with U+FFFD"
        )
    return Decoded(normalise_newlines(text), tuple(problems))


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_binary(data: bytes) -> bool:
    """A NUL byte in the first 8 KiB (what git and grep use to call a file
    binary), unless a UTF-16 byte order mark says the NULs are text."""
    return b"\x00" in data[:8192] and not data.startswith(_UTF16_BOMS)


def from_text(
    text: str,
    *,
    path: str | None = None,
    date: dt.date | None = None,
    format: Format | None = None,
) -> Document:
    """Build a Document from already-decoded text (newlines are normalised here)."""
    from factcheck.parsing import parse  # local: keeps `import factcheck` light

    text = normalise_newlines(text.removeprefix("\ufeff"))
    fmt = format or format_for_path(path)
    line_starts = compute_line_starts(text)
    parsed = parse(text, fmt, line_starts)
    document = Document(
        path=path or "-",
        text=text,
        format=fmt,
        prose=parsed.prose,
        blocks=parsed.blocks,
        links=parsed.links,
        definitions=parsed.definitions,
        headings_anchors=parsed.heading_anchors,
        front_matter=parsed.front_matter,
        publication_date=None,
        publication_date_source=None,
        line_starts=line_starts,
        parse_notes=parsed.notes,
        code_spans=parsed.code_spans,
    )
    from factcheck.extract.publication import find_publication_date

    found = (date, "--date") if date else find_publication_date(document)
    document.publication_date, document.publication_date_source = found
    return document
