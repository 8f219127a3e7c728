"""Percentages laid out as sets: Markdown table columns and "Name: 45%" list runs.

Structure only, no language: which cells of a table column hold a single
percentage and what their row labels are; which consecutive list bullets are
"label, separator, one percentage". Deciding whether such a set is the shares
of one whole (cue words, change words, declared-complete labels) is the
business of the check that reads them, with its rule's per-language params.

``table_columns(document) -> tuple[TableColumn, ...]`` and
``list_runs(document) -> tuple[ListRun, ...]`` are ``document.fact`` extractors.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from factcheck.extract.numbers import PercentMention, percentages

if TYPE_CHECKING:
    from factcheck.document import Block, Document

_LIST_SEPARATOR = regex.compile(r"\s*(?::|[—–]|\s-)\s*$")
_CELL_PUNCTUATION = regex.compile(r"^[\s*_]*$")
_SIGNED = regex.compile(r"[+±−-]\s*$")


@dataclass(frozen=True)
class LabelledShare:
    """A percentage with the label it belongs to (row label or bullet name)."""

    label: str
    mention: PercentMention
    signed: bool  # written "+5%" or "-5%": a change, not a share


@dataclass(frozen=True)
class TableColumn:
    """The percentage cells of one table column, in row order.

    ``header`` is the column's header text; ``rows`` holds every body row's
    label (the first cell's text) with its percentage, or None when the cell
    is not a single percentage; ``start``/``end`` span the column's cells.
    """

    table: int
    column: int
    header: str
    rows: tuple[tuple[str, LabelledShare | None], ...]
    start: int
    end: int

    @property
    def shares(self) -> tuple[LabelledShare, ...]:
        return tuple(share for _, share in self.rows if share is not None)


@dataclass(frozen=True)
class ListRun:
    """Consecutive list bullets of the form "Name: 45%" (or "Name — 45 percent")."""

    items: tuple[LabelledShare, ...]
    lead_in: str  # the paragraph or heading just before the list ("" after a table or at the top)
    start: int
    end: int


def _sole_percentage(document: Document, block: Block, found: list[PercentMention]) -> PercentMention | None:
    """The percentage that is all the cell holds (Markdown emphasis aside), else None."""
    if len(found) != 1:
        return None
    mention = found[0]
    prose = document.prose
    before = prose[block.start : mention.start]
    after = prose[mention.end : block.end]
    signed = bool(_SIGNED.search(before))
    if not _CELL_PUNCTUATION.match(after) or not (_CELL_PUNCTUATION.match(before) or signed):
        return None
    return mention


def mentions_by_block(document: Document) -> dict[int, list[PercentMention]]:
    """The percentages (not points) of each block: a ``document.fact`` both extractors share."""
    grouped: dict[int, list[PercentMention]] = defaultdict(list)
    for mention in document.fact(percentages):
        if mention.unit == "percent" and mention.block >= 0:
            grouped[mention.block].append(mention)
    return grouped


def table_columns(document: Document) -> tuple[TableColumn, ...]:
    """Columns of Markdown tables with at least two cells that are single percentages."""
    by_block = document.fact(mentions_by_block)
    # A column's shares are body cells that hold a percentage: a column with fewer than two
    # such cells is dropped below, so its rows are not read (nor, with none, every block).
    blocks = document.blocks
    cells_with_a_percentage: dict[tuple[int, int], int] = defaultdict(int)
    for index in by_block:
        position = blocks[index].table
        if blocks[index].kind == "table_cell" and position is not None and not position[3]:
            cells_with_a_percentage[(position[0], position[2])] += 1
    if not any(count >= 2 for count in cells_with_a_percentage.values()):
        return ()
    cells: dict[tuple[int, int, int], int] = {}
    headers: dict[tuple[int, int], str] = {}
    for index, block in enumerate(document.blocks):
        if block.kind != "table_cell" or block.table is None:
            continue
        table, row, column, is_header = block.table
        if is_header:
            headers[(table, column)] = document.prose[block.start : block.end].strip()
        else:
            cells[(table, row, column)] = index
    columns: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for (table, row, column), index in sorted(cells.items()):
        columns[(table, column)].append((row, index))
    found: list[TableColumn] = []
    for (table, column), rows in sorted(columns.items()):
        if column == 0 or cells_with_a_percentage.get((table, column), 0) < 2:
            continue
        entries: list[tuple[str, LabelledShare | None]] = []
        for row, index in rows:
            block = document.blocks[index]
            label_index = cells.get((table, row, 0))
            label = "" if label_index is None else _block_text(document, document.blocks[label_index])
            mention = _sole_percentage(document, block, by_block.get(index, []))
            share = None
            if mention is not None:
                signed = bool(_SIGNED.search(document.prose[block.start : mention.start]))
                share = LabelledShare(label, mention, signed)
            entries.append((label, share))
        if sum(1 for _, share in entries if share is not None) < 2:
            continue
        first, last = document.blocks[rows[0][1]], document.blocks[rows[-1][1]]
        found.append(TableColumn(table, column, headers.get((table, column), ""), tuple(entries), first.start, last.end))
    return tuple(found)


def _block_text(document: Document, block: Block) -> str:
    return " ".join(document.prose[block.start : block.end].split())


def list_runs(document: Document) -> tuple[ListRun, ...]:
    """Runs of two or more consecutive "Label: N%" bullets."""
    by_block = document.fact(mentions_by_block)
    blocks = document.blocks
    if sum(1 for index, found in by_block.items() if len(found) == 1 and "list_item" in blocks[index].containers) < 2:
        return ()  # a run's items are bullets that hold one percentage: no need to read every block
    runs: list[ListRun] = []
    current: list[LabelledShare] = []
    lead_in = ""
    # The heading or paragraph that introduces a list (None: a table cell, or none yet);
    # its text is read only when a run starts, not for every block.
    previous_prose: Block | None = None

    def close() -> None:
        if len(current) >= 2:
            runs.append(ListRun(tuple(current), lead_in, current[0].mention.start, current[-1].mention.end))
        current.clear()

    for index, block in enumerate(document.blocks):
        item = _list_item_share(document, block, by_block.get(index, [])) if "list_item" in block.containers else None
        if item is None:
            close()
            if "list_item" not in block.containers:
                previous_prose = block if block.kind != "table_cell" else None
            continue
        if not current:
            lead_in = _block_text(document, previous_prose) if previous_prose is not None else ""
        current.append(item)
    close()
    return tuple(runs)


def _list_item_share(document: Document, block: Block, found: list[PercentMention]) -> LabelledShare | None:
    if block.kind != "paragraph" or len(found) != 1:
        return None
    mention = found[0]
    before = document.prose[block.start : mention.start]
    after = document.prose[mention.end : block.end]
    separator = _LIST_SEPARATOR.search(before)
    if separator is None or not _CELL_PUNCTUATION.match(after.replace(".", "").replace(";", "")):
        return None
    label = " ".join(before[: separator.start()].split())
    if not label:
        return None
    return LabelledShare(label, mention, signed=False)  # "+5%" fails the separator test above

