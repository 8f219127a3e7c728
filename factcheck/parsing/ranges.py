"""Offset ranges and the prose mask built from them.

The prose mask keeps the text's length and newlines and blanks everything
else, so any regex run over prose reports offsets valid in the original text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Self

import regex

BARE_URL = regex.compile(r"(?i)\b(?:https?://|ftp://|www\.)[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]")


def merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort and merge overlapping or touching ranges."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract(keep: list[tuple[int, int]], drop: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``keep`` minus ``drop``; both merged and sorted."""
    result: list[tuple[int, int]] = []
    j = 0
    for start, end in keep:
        while j < len(drop) and drop[j][1] <= start:
            j += 1
        k = j
        cursor = start
        while k < len(drop) and drop[k][0] < end:
            if drop[k][0] > cursor:
                result.append((cursor, drop[k][0]))
            cursor = max(cursor, drop[k][1])
            k += 1
        if cursor < end:
            result.append((cursor, end))
    return result


def blank(segment: str) -> str:
    """Spaces for every character but newlines."""
    if "\n" not in segment:  # most gaps (a link target, a Markdown marker): no regex needed
        return " " * len(segment)
    return "\n".join(" " * len(line) for line in segment.split("\n"))


def build_prose(text: str, prose_ranges: list[tuple[int, int]]) -> str:
    """The text with everything outside ``prose_ranges`` blanked (same length)."""
    parts: list[str] = []
    cursor = 0
    for start, end in prose_ranges:
        if start > cursor:
            parts.append(blank(text[cursor:start]))
        parts.append(text[start:end])
        cursor = end
    if cursor < len(text):
        parts.append(blank(text[cursor:]))
    return "".join(parts)


def bare_urls(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of bare URLs inside the given ranges: URLs are not prose.

    The URL regex tries its case-insensitive alternation at every character,
    so it runs only over ranges whose lower-cased text says "http", "ftp://"
    or "www." (most ranges of most articles hold none). Each range is lowered
    on its own: str.lower() of a whole article with one letter outside ASCII
    takes a working buffer of 14 bytes a character (140 MB for a 10 MB file).
    """
    found: list[tuple[int, int]] = []
    for start, end in ranges:
        lowered = text[start:end].lower()
        if "http" not in lowered and "ftp://" not in lowered and "www." not in lowered:
            continue
        for match in BARE_URL.finditer(text, start, end):
            found.append(match.span())
    return found


@dataclass(frozen=True)
class SpanSet:
    """Sorted, merged (start, end) spans, asked in O(log n) whether they hold an
    offset or a stretch, or meet one. Build it with :meth:`of`, which sorts and
    merges any spans (overlapping or touching ones become one)."""

    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    @classmethod
    def of(cls, spans: Iterable[tuple[int, int]]) -> Self:
        merged = merge(spans)
        return cls(tuple(start for start, _ in merged), tuple(end for _, end in merged))

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return tuple(zip(self.starts, self.ends, strict=True))

    def contains(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]

    def covers(self, start: int, end: int) -> bool:
        """True if one span holds all of [start, end)."""
        index = bisect.bisect_right(self.starts, start) - 1
        return index >= 0 and end <= self.ends[index]

    def meets(self, start: int, end: int) -> bool:
        """True if some span overlaps [start, end): one bisection answers for a
        whole block (most blocks meet no headline and no quotation)."""
        index = bisect.bisect_left(self.starts, end) - 1
        return index >= 0 and self.ends[index] > start
