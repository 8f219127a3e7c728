"""Link facts the parser cannot give: references a renderer leaves as literal text.

markdown-it makes a link token only when a reference label has a definition,
so ``[text][missing]``, ``![alt][missing]`` and an undefined footnote ``[^2]``
reach the Document as plain prose. To find them with CommonMark's own rules
(nested and escaped brackets, code spans, labels split over lines, case and
whitespace folding) rather than a hand-written regex, each prose block is
read a second time by the same parser with every non-empty label treated as
defined; a token whose label has no real definition is an undefined reference.

Reading ``Document.prose`` (not ``text``) means code, HTML, and links that did
resolve are already blanked, so only the unresolved brackets are left to parse,
and every offset is already an offset into ``Document.text``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

from factcheck.parsing.markdown import markdown_parser

if TYPE_CHECKING:
    from factcheck.document import Document

ReferenceStyle = Literal["full", "collapsed", "shortcut", "footnote", "broken-inline"]

@dataclass(frozen=True)
class UndefinedReference:
    """A reference link, image or footnote whose label nothing defines.

    ``start``/``end`` cover the whole construct as written (``[text][label]``);
    ``label`` is the label as written with whitespace runs folded to one space
    (without the ``^`` of a footnote); ``style`` says which reference form it is.
    "broken-inline" is ``[text](TK TK)``: an inline link whose destination
    CommonMark rejects (a space, an unbalanced parenthesis), so the reader sees
    it as literal text; ``label`` is then what was written between the parentheses.
    """

    start: int
    end: int
    text: str
    label: str
    style: ReferenceStyle
    image: bool = False


# Reading a block again with every label defined is quadratic in the number of
# brackets when they never close ("[a]( [a]( …": each one scans to the block's
# end for a title): 10,000 of them took 11 s. No paragraph of prose holds
# hundreds of brackets; a block that does is a data dump, and is not re-read.
MAX_BRACKETS_PER_BLOCK = 400


def normalize_label(label: str) -> str:
    """CommonMark label matching: trim, fold whitespace runs, fold case."""
    return normalizeReference(label)


class _EveryLabel(dict[str, Any]):
    """A references table in which every non-empty, non-footnote label is defined.

    ``[^x]`` is left to the footnote rule (configured to match undefined notes),
    and a blank label stays undefined, as CommonMark requires. markdown-it's
    link rule looks labels up with ``.get``, so that is all this overrides.
    """

    _PLACEHOLDER: Mapping[str, str] = {"href": "", "title": ""}

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        if not key or key.startswith("^"):
            return default
        return self._PLACEHOLDER


def _style(after: str) -> ReferenceStyle:
    """Reference form from what follows the link text's closing bracket."""
    if not after.startswith("["):
        return "shortcut"
    return "collapsed" if not after[1:-1].strip() else "full"


def _from_token(token: Token, prose: str, written: str, base: int) -> UndefinedReference | None:
    """The reference a token stands for. Labels come from ``prose`` (container
    prefixes such as ``> `` blanked); the link text from ``written``, the file's text."""
    span = token.meta.get("span") if token.meta else None
    if span is None:
        return None
    start, end = span
    if token.type == "footnote_ref":
        label = str(token.meta.get("label", ""))
        return UndefinedReference(base + start, base + end, label, label, "footnote")
    image = token.type == "image"
    label_end = token.meta.get("label_end", -1)
    if label_end < 0:
        return None
    text_start = start + (2 if image else 1)
    after = prose[label_end + 1 : end]
    style = _style(after)
    label = after[1:-1] if style == "full" else prose[text_start:label_end]
    if style == "shortcut" and written[end : end + 1] == "(":
        close = _closing_parenthesis(written, end)
        if close > 0:
            inside = written[end + 1 : close]
            return UndefinedReference(
                base + start, base + close + 1, written[text_start:label_end], " ".join(inside.split()), "broken-inline", image
            )
    return UndefinedReference(
        base + start, base + end, written[text_start:label_end], " ".join(label.split()), style, image
    )


def _closing_parenthesis(written: str, opening: int) -> int:
    """Offset of the ``)`` that closes ``written[opening]``, or -1 (never past a blank line)."""
    depth = 0
    for index in range(opening, len(written)):
        char = written[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        elif char == "\n" and written.startswith("\n", index + 1):
            return -1
    return -1


def _candidates(prose: str, written: str, base: int) -> Iterator[UndefinedReference]:
    """Every reference-shaped link, image and footnote in one block of prose."""
    md = markdown_parser(match_undefined_footnotes=True)
    tokens: list[Token] = []
    md.inline.parse(prose, md, {"references": _EveryLabel()}, tokens)
    for token in tokens:
        if token.type in ("link_open", "image", "footnote_ref"):
            found = _from_token(token, prose, written, base)
            if found is not None:
                yield found


def undefined_references(document: Document) -> tuple[UndefinedReference, ...]:
    """Reference links, images and footnotes in prose whose label has no definition.

    Every reference form is returned, shortcuts included; a check decides which
    forms it reports. Use through ``document.fact(undefined_references)``.
    """
    if document.format == "html":
        return ()
    defined = {d.label for d in document.definitions if not d.footnote}
    footnotes = {d.label for d in document.definitions if d.footnote}
    found: list[UndefinedReference] = []
    prose = document.prose
    for block in document.blocks:
        source = prose[block.start : block.end]
        brackets = source.count("[")
        if not brackets or brackets > MAX_BRACKETS_PER_BLOCK:
            continue
        for reference in _candidates(source, document.text[block.start : block.end], block.start):
            if reference.style == "footnote":
                if reference.label not in footnotes:
                    found.append(reference)
            elif normalize_label(reference.label) not in defined:
                found.append(reference)
    return tuple(sorted(found, key=lambda r: (r.start, r.end)))


__all__ = ["UndefinedReference", "normalize_label", "undefined_references"]
