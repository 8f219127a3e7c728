"""Markdown (and Markdown-ish plain text) → prose mask, blocks, links.

markdown-it-py gives block structure with line maps but no character offsets
for inline tokens. We recover exact offsets two ways:

* each block's inline ``content`` is aligned line by line with the source
  (content lines are the source lines minus container prefixes such as ``> ``
  or list markers), and
* every inline rule is wrapped so that a token it pushes records the
  ``(start, end)`` of the source it consumed, in content coordinates.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.helpers import parseLinkLabel
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from factcheck.document import Block, Link, ReferenceDefinition, compute_line_starts
from factcheck.parsing import Parsed
from factcheck.parsing.front_matter import split_front_matter
from factcheck.parsing.html import html_anchors, html_ids
from factcheck.parsing.ranges import bare_urls, blank, build_prose, merge, subtract

_MAY_LINK_OR_NAME = re.compile(r"<a[\s>/]|\s(?:id|name)\s*=", re.IGNORECASE)
_PREFIX_CHARS = frozenset(" \t>*+-#0123456789.)")
_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)

InlineRule = Callable[[StateInline, bool], bool]

# The inline rules whose tokens need a source span (code spans, links, images,
# footnote references, autolinks, inline HTML). The others (text, emphasis,
# escapes, entities…) run at almost every character and are left unwrapped:
# wrapping them cost a third of the parse time.
POSITIONED_RULES = frozenset({"backticks", "link", "image", "footnote_inline", "footnote_ref", "autolink", "html_inline"})
# The character each of them starts with; they are tried at every terminator
# character ("-", ":", "%"…), and return False at once elsewhere.
_FIRST_CHARACTER = {"backticks": "`", "link": "[", "image": "!", "footnote_inline": "^", "footnote_ref": "[", "autolink": "<", "html_inline": "<"}


def _positioned(name: str, fn: InlineRule) -> InlineRule:
    """Wrap an inline rule so the first token it pushes carries its source span."""
    first_character = _FIRST_CHARACTER.get(name)

    def rule(state: StateInline, silent: bool) -> bool:
        if first_character is not None and state.src[state.pos] != first_character:
            return False  # what the rule itself answers here, without the bookkeeping below
        if silent:
            return fn(state, silent)
        start = state.pos
        label_end = -1
        # Only where a link or image can start: parseLinkLabel scans ahead to
        # the next "]", so calling it at every "-" or ":" was quadratic in a
        # long paragraph without brackets.
        if name == "link" and state.src[start] == "[":
            label_end = parseLinkLabel(state, start, True)
        elif name == "image" and state.src.startswith("![", start):
            label_end = parseLinkLabel(state, start + 1, False)
        before = len(state.tokens)
        pending = state.pending
        ok = fn(state, silent)
        if ok:
            tokens = state.tokens
            index = before
            if pending and index < len(tokens) and tokens[index].type == "text" and tokens[index].content == pending:
                index += 1
            if index < len(tokens):
                tokens[index].meta["span"] = (start, state.pos)
                if label_end >= 0:
                    tokens[index].meta["label_end"] = label_end
        return ok

    return rule


MAX_NESTING = 40  # block levels (a list is two: list and item); bounds the parser's recursion
TOO_DEEP = "too_deep_from_line"  # env key: first source line markdown-it skipped for nesting


def _noting_skipped_nesting(tokenize: Callable[..., None]) -> Callable[..., None]:
    """markdown-it drops everything nested deeper than ``maxNesting`` without a
    word (so a finding 19 lists deep was silently missed); note where, so the
    run can say which lines were not checked."""

    def noting(state: StateBlock, startLine: int, endLine: int, *rest: Any) -> None:
        if state.level >= MAX_NESTING and TOO_DEEP not in state.env and state.skipEmptyLines(startLine) < endLine:
            state.env[TOO_DEEP] = state.skipEmptyLines(startLine) + 1
        tokenize(state, startLine, endLine, *rest)

    return noting


@functools.lru_cache(maxsize=2)
def markdown_parser(*, match_undefined_footnotes: bool = False) -> MarkdownIt:
    """One configured parser per process and configuration (immutable after construction).

    ``match_undefined_footnotes`` makes ``[^x]`` a footnote reference even when
    no ``[^x]:`` defines it: factcheck.extract.links re-reads prose with it to
    find the references a renderer would leave as literal text.
    """
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
    md.block.tokenize = _noting_skipped_nesting(md.block.tokenize)  # type: ignore[method-assign]
    md.use(footnote_plugin, always_match_refs=match_undefined_footnotes)
    # We never render HTML, so keep every destination as written: editors'
    # placeholders such as javascript:void(0) must reach the checks.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    for rule in md.inline.ruler.__rules__:
        if rule.name in POSITIONED_RULES:
            rule.fn = _positioned(rule.name, rule.fn)
    md.inline.ruler.__cache__ = None
    md.inline.terminator_re = _terminators_for(md)
    md.core.ruler.at("inline", _inline_unless_plain)
    return md


def _inline_unless_plain(state: StateCore) -> None:
    """markdown-it's core "inline" rule, with a shortcut for plain text.

    Content with no character an inline rule can start at parses to one text
    token: the text rule consumes it whole and no other rule runs. Most
    paragraphs of news copy are like that (nine in ten in the news corpus),
    and a StateInline with its post-processing rules cost 3.4 µs each.
    """
    plain_until = state.md.inline.terminator_re.search
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if token.content and plain_until(token.content) is None:
                text = Token("text", "", 0)
                text.content = token.content
                token.children.append(text)
            else:
                state.md.inline.parse(token.content, state.md, state.env, token.children)


# The characters at which each inline rule can start (and "]", which ends a
# link label that parseLinkLabel walks token by token). markdown-it stops its
# text rule at every ASCII punctuation character an extension might claim,
# "-", "%", ":" and "$" included, and then tries each of a dozen rules there
# in turn: in news prose ("5.2%", "year-on-year", "$40") that was about 5% of
# the parse, spent on rules that cannot match.
_RULE_START_CHARACTERS = {
    "text": "", "linkify": ":", "newline": "\n", "escape": "\\", "backticks": "`", "strikethrough": "~",
    "emphasis": "*_", "link": "[]", "image": "!", "autolink": "<", "html_inline": "<", "entity": "&",
    "footnote_inline": "^", "footnote_ref": "[]",
}  # fmt: skip


def _terminators_for(md: MarkdownIt) -> re.Pattern[str]:
    """Where the text rule must stop for the enabled inline rules; markdown-it's
    own set when a rule is enabled whose start characters are not known here."""
    enabled = [rule.name for rule in md.inline.ruler.__rules__ if rule.enabled]
    if any(name not in _RULE_START_CHARACTERS for name in enabled):
        return md.inline.terminator_re
    characters = "".join(sorted(set("".join(_RULE_START_CHARACTERS[name] for name in enabled))))
    return re.compile("[" + re.escape(characters) + "]")


def slugify(heading: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    return _SLUG_DROP.sub("", heading.strip().lower()).replace(" ", "-")


_HEADING_ID = re.compile(r"\s*\{#([\w\-:.]+)[^}]*\}\s*$")


def heading_anchors(heading: Token, seen: dict[str, int]) -> list[str]:
    """Anchors a heading makes: its GitHub slug from the rendered text (link
    syntax and markup dropped), ``-1``, ``-2``… for repeats as GitHub numbers
    them, and an explicit ``{#id}`` (kramdown, pandoc, Hugo)."""
    parts = heading.children or ()
    rendered = "".join(" " if c.type == "softbreak" else c.content for c in parts if c.type in ("text", "code_inline", "softbreak"))
    explicit = _HEADING_ID.search(rendered)
    if explicit:
        rendered = rendered[: explicit.start()]
    slug = slugify(rendered)
    count = seen.get(slug, 0)
    seen[slug] = count + 1
    found = [slug if count == 0 else f"{slug}-{count}"]
    if explicit:
        found.append(explicit.group(1))
    return found


class _LineMap:
    """Maps offsets in an inline token's content to offsets in the source text."""

    def __init__(self, content_starts: list[int], source_starts: list[int], source_lines: list[tuple[int, int]]) -> None:
        self.content_starts = content_starts
        self.source_starts = source_starts
        # (start, end) of each content line's source line: markdown-it expands a
        # tab in a continuation line's indent to spaces, so a content line can
        # be longer than its source; offsets never leave their own line.
        self.source_lines = source_lines

    def __call__(self, offset: int) -> int:
        i = bisect.bisect_right(self.content_starts, offset) - 1
        line_start, line_end = self.source_lines[i]
        return min(max(self.source_starts[i] + offset - self.content_starts[i], line_start), line_end)

    def ranges(self, content: str) -> list[tuple[int, int]]:
        """Source ranges covered by the content, one per content line."""
        spans = []
        bounds = self.content_starts[1:] + [len(content) + 1]
        for c_start, s_start, c_next, (line_start, line_end) in zip(self.content_starts, self.source_starts, bounds, self.source_lines):
            length = c_next - 1 - c_start
            spans.append((max(s_start, line_start), min(s_start + length, line_end)))
        return spans


def _locate_last_line(source_line: str, content_line: str, lo: int = 0) -> int:
    """Where a block's last content line starts: after the container prefix."""
    k = source_line.find(content_line, lo)
    while k != -1:
        if all(ch in _PREFIX_CHARS for ch in source_line[lo:k]):
            return k
        k = source_line.find(content_line, k + 1)
    k = source_line.find(content_line, lo)
    return k if k != -1 else lo


def _table_cells(line: str) -> list[tuple[int, int]]:
    """Column ranges of a GFM table row's cells (between unescaped pipes)."""
    cells: list[tuple[int, int]] = []
    stripped_start = len(line) - len(line.lstrip())
    pos = stripped_start + 1 if line[stripped_start : stripped_start + 1] == "|" else stripped_start
    start = pos
    escaped = False
    for i in range(pos, len(line)):
        ch = line[i]
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "|":
            cells.append((start, i))
            start = i + 1
    if line[start:].strip():
        cells.append((start, len(line)))
    return cells


def _align(
    content: str,
    first_line: int,
    text: str,
    line_starts: list[int],
    cell: int | None = None,
) -> _LineMap:
    if cell is None and "\n" not in content:
        # The commonest block of all: one line, nothing indenting or prefixing it.
        line_no = min(first_line, len(line_starts) - 1)
        s_start = line_starts[line_no]
        s_end = line_starts[line_no + 1] - 1 if line_no + 1 < len(line_starts) else len(text)
        if s_end - s_start == len(content) and text.startswith(content, s_start):
            return _LineMap([0], [s_start], [(s_start, s_end)])
    lines = content.split("\n")
    content_starts: list[int] = []
    source_starts: list[int] = []
    source_lines: list[tuple[int, int]] = []
    c_offset = 0
    for i, content_line in enumerate(lines):
        line_no = min(first_line + i, len(line_starts) - 1)
        s_start = line_starts[line_no]
        s_end = line_starts[line_no + 1] - 1 if line_no + 1 < len(line_starts) else len(text)
        source_line = text[s_start:s_end]
        lo = 0
        if cell is not None:
            cells = _table_cells(source_line)
            if cell < len(cells):
                lo = cells[cell][0]
        if source_line == content_line:
            k = 0  # most lines of news copy: nothing indents or prefixes them
        elif i < len(lines) - 1 and cell is None and source_line.endswith(content_line):
            k = len(source_line) - len(content_line)
        elif content_line in source_line:
            k = _locate_last_line(source_line, content_line, lo)
        else:
            # A tab in the indent became spaces ("\tb c" is "  b c"): align
            # the words, so the spaces fall before them, not on them.
            words = content_line.lstrip(" \t")
            k = _locate_last_line(source_line, words, lo) - (len(content_line) - len(words))
        content_starts.append(c_offset)
        source_starts.append(s_start + k)
        source_lines.append((s_start, s_end))
        c_offset += len(content_line) + 1
    return _LineMap(content_starts, source_starts, source_lines)




def parse_markdown(text: str, known_line_starts: Sequence[int] | None = None) -> Parsed:
    body_start, front_matter = split_front_matter(text)
    source = blank(text[:body_start]) + text[body_start:] if body_start else text
    env: dict[str, Any] = {}
    tokens = markdown_parser().parse(source, env)
    line_starts = list(known_line_starts if known_line_starts is not None else compute_line_starts(text))

    prose_keep: list[tuple[int, int]] = []
    prose_drop: list[tuple[int, int]] = []
    blocks: list[Block] = []
    links: list[Link] = []
    anchors: set[str] = set()
    slug_counts: dict[str, int] = {}
    html_segments: list[tuple[int, int]] = []
    code: list[tuple[int, int]] = []  # fenced, indented and inline code: text shown, not markup

    containers: list[str] = []
    block_kind = "paragraph"
    table_index = -1
    row = -1
    column = -1
    in_header = False

    for token in tokens:
        ttype = token.type
        if ttype == "inline":  # first: the most frequent token with work to do
            if not token.map:
                continue
            cell = column if block_kind == "table_cell" else None
            line_map = _align(token.content, token.map[0], text, line_starts, cell)
            content_ranges = line_map.ranges(token.content)
            if not content_ranges:
                continue
            prose_keep.extend(content_ranges)
            table = (table_index, row, column, in_header) if block_kind == "table_cell" else None
            blocks.append(
                Block(block_kind, content_ranges[0][0], content_ranges[-1][1], table, tuple(containers))  # type: ignore[arg-type]
            )
            if block_kind == "heading":
                anchors.update(heading_anchors(token, slug_counts))
            children = token.children
            if children and (len(children) > 1 or children[0].meta):  # not plain text (see _inline_unless_plain)
                _inline(token, line_map, text, prose_drop, links, html_segments, code)
        elif ttype in ("blockquote_open", "list_item_open", "footnote_open"):
            containers.append(ttype[: -len("_open")])
        elif ttype in ("blockquote_close", "list_item_close", "footnote_close") and containers:
            containers.pop()
        elif ttype == "paragraph_open":
            block_kind = "paragraph"
        elif ttype == "heading_open":
            block_kind = "heading"
        elif ttype == "table_open":
            table_index += 1
            row = -1
        elif ttype == "thead_open":
            in_header = True
        elif ttype == "tbody_open":
            in_header = False
        elif ttype == "tr_open":
            row += 1
            column = -1
        elif ttype in ("th_open", "td_open"):
            column += 1
            block_kind = "table_cell"
        elif ttype in ("fence", "code_block") and token.map:
            end = line_starts[token.map[1]] if token.map[1] < len(line_starts) else len(text)
            code.append((line_starts[token.map[0]], end))
        elif ttype == "html_block" and token.map:
            start = line_starts[token.map[0]]
            end = line_starts[token.map[1]] if token.map[1] < len(line_starts) else len(text)
            html_segments.append((start, end))

    for start, end in html_segments:
        fragment = text[start:end]
        # Only HTML that can hold an anchor or an id is walked: Python's HTMLParser
        # is quadratic on unclosed comments ("<!-- " 40,000 times took 27 s).
        if _MAY_LINK_OR_NAME.search(fragment):
            links.extend(html_anchors(text, start, end))
            anchors.update(html_ids(fragment))

    definitions = _definitions(env, line_starts, text)
    keep = merge(prose_keep)
    drop = merge(prose_drop)
    prose_ranges = subtract(keep, drop)
    prose_ranges = subtract(prose_ranges, merge(bare_urls(text, prose_ranges)))
    links.sort(key=lambda link: (link.start, link.end))
    return Parsed(
        prose=build_prose(text, prose_ranges),
        blocks=tuple(blocks),
        links=tuple(links),
        definitions=definitions,
        heading_anchors=frozenset(anchors),
        front_matter=front_matter,
        notes=_nesting_note(env),
        code_spans=tuple(merge(code)),
    )


def _nesting_note(env: dict[str, Any]) -> tuple[str, ...]:
    line = env.get(TOO_DEEP)
    if line is None:
        return ()
    return (f"line {line}: lists and block quotes nested too deeply ({MAX_NESTING} levels; a list counts two); the text inside is not checked",)


def _inline(
    token: Token,
    line_map: _LineMap,
    text: str,
    drop: list[tuple[int, int]],
    links: list[Link],
    html_segments: list[tuple[int, int]],
    code: list[tuple[int, int]],
) -> None:
    children = token.children or []
    for index, child in enumerate(children):
        span = child.meta.get("span") if child.meta else None
        if span is None:
            continue
        start, end = line_map(span[0]), line_map(span[1] - 1) + 1
        ctype = child.type
        if ctype in ("code_inline", "footnote_ref"):
            drop.append((start, end))
            if ctype == "code_inline":
                code.append((start, end))
            if ctype == "footnote_ref":
                label = str(child.meta.get("label", ""))
                links.append(Link("footnote", start, end, label, start, end, label, label=label))
        elif ctype == "html_inline":
            drop.append((start, end))
            if child.content.lower().startswith("<a") and child.content[2:3] in (" ", ">", "\t", "\n"):
                html_segments.append((start, _html_link_end(children, index, line_map, text, end)))
        elif ctype == "link_open" and child.markup == "autolink":
            drop.append((start, end))
            href = child.attrs.get("href")
            links.append(Link("autolink", start, end, text[start + 1 : end - 1], start + 1, end - 1, str(href)))
        elif ctype in ("link_open", "image"):
            links.append(_link(child, start, end, line_map, text, drop))


def _html_link_end(children: list[Token], index: int, line_map: _LineMap, text: str, default: int) -> int:
    """End of the ``</a>`` closing an inline ``<a …>``, so the anchor's text is included."""
    for later in children[index + 1 :]:
        if later.type == "html_inline" and later.content.lower().startswith("</a"):
            span = later.meta.get("span")
            if span:
                return line_map(span[1] - 1) + 1
    return default


def _link(token: Token, start: int, end: int, line_map: _LineMap, text: str, drop: list[tuple[int, int]]) -> Link:
    image = token.type == "image"
    label_end_content = token.meta.get("label_end", -1)
    text_start = start + (2 if image else 1)
    label_end = line_map(label_end_content) if label_end_content >= 0 else text_start
    drop.append((start, text_start))
    drop.append((label_end, end))
    after = text[label_end + 1 : end]
    target = token.attrs.get("src" if image else "href")
    label: str | None = None
    kind = "inline"
    if not after.startswith("("):
        kind = "reference"
        raw_label = after[1:-1] if after.startswith("[") and len(after) > 2 else text[text_start:label_end]
        label = normalizeReference(raw_label)
    return Link(
        kind,
        start,
        end,
        text[text_start:label_end],
        text_start,
        label_end,
        None if target is None else str(target),
        label=label,
        image=image,
    )


def _definitions(env: dict[str, Any], line_starts: list[int], text: str) -> tuple[ReferenceDefinition, ...]:
    found: list[ReferenceDefinition] = []
    for label, ref in (env.get("references") or {}).items():
        line_range = ref.get("map") if isinstance(ref, dict) else None
        start = line_starts[line_range[0]] if line_range else 0
        end = line_starts[line_range[1]] - 1 if line_range and line_range[1] < len(line_starts) else len(text)
        found.append(ReferenceDefinition(label, str(ref.get("href", "")), start, max(start, end)))
    footnotes = (env.get("footnotes") or {}).get("refs") or {}
    for label in footnotes:
        found.append(ReferenceDefinition(label.lstrip(":"), "", 0, 0, footnote=True))
    return tuple(sorted(found, key=lambda d: (d.start, d.label)))
