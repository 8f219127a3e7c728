"""Kind ``dangling-link``: links drafted with a placeholder and never filled in.

## What it does
Reports, at the span of the link as written:

* ``placeholder-target``: a link or image whose target is empty or one of the
  rule's ``placeholder_targets`` (``#``, ``TK``, ``javascript:void(0)``…), also
  when the target comes from a reference definition (``[frag]: #``);
* ``placeholder-text``: a link whose text is one of ``placeholder_texts``
  (``[LINK](https://…)``, ``[link to come](…)``) even though its target is real;
* ``undefined-reference``: ``[text][missing]``, ``[text][]``, ``![alt][missing]``
  and the image shortcut ``![missing]`` when no ``[missing]:`` definition exists
  (labels match as CommonMark matches them: case and whitespace folded);
* ``undefined-footnote``: ``[^2]`` with no ``[^2]:`` note;
* ``malformed-link``: ``[text](TK TK)`` or ``[text](#"title")``, an inline link
  whose destination CommonMark rejects, so readers see the brackets;
* ``anchor-without-href``: an HTML ``<a>`` with no ``href`` (and no ``name`` or
  ``id``, which would make it a jump target rather than a link). An ``<a>``
  with an ``on…`` handler, ``role`` or ``data-`` attribute is a scripted
  control (a menu toggle), not a drafted link, and is never reported;
* ``missing-anchor``: ``(#results)`` when no heading or ``id`` in a Markdown or
  HTML document makes that anchor (plain .txt files have no anchors to check).

The ``find`` parameter chooses which of these a rule reports. A bare shortcut
``[text]`` is not reported unless ``flag_shortcut_references`` is true: in news
copy it is an editor's insertion (``[Russian-Venezuelan relations]``, ``[sic]``)
far more often than a link.

## Why is this bad?
Editors draft links as ``[congratulated](#)`` and fill them in later; the ones
forgotten go to print as links to nowhere, or as literal ``[text][ref]``.

## Example
```markdown
Putin [congratulated](#) Maduro. See the [report][rpt].
```

## Use instead
```markdown
Putin [congratulated](https://kremlin.example/statement) Maduro. See the [report][rpt].

[rpt]: https://example.org/report
```
"""

from __future__ import annotations

import fnmatch
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from factcheck.extract.links import UndefinedReference, undefined_references
from factcheck.extract.quotes import quotations
from factcheck.params import ParamError
from factcheck.parsing.ranges import SpanSet

if TYPE_CHECKING:
    from factcheck.document import Document, Link
    from factcheck.findings import Finding
    from factcheck.rules import Rule

PROBLEMS = (
    "placeholder-target",
    "placeholder-text",
    "undefined-reference",
    "undefined-footnote",
    "malformed-link",
    "anchor-without-href",
    "missing-anchor",
)
SHOWN_LINK_CHARS = 60

_WHITESPACE = regex.compile(r"\s+")
_TAG = regex.compile(r"<[^>]*>")
_TEXT_WRAPPING = "[]()*_\"'“”‘’ \t\n"
_NAMED_ANCHOR = regex.compile(r"(?i)\s(?:name|id)\s*=")
# <a href="#" onclick=…>, role="button", data-toggle=…: a scripted control, not a drafted link.
_SCRIPTED_ANCHOR = regex.compile(r"(?i)\s(?:on[a-z]+|role|data-[\w-]+)\s*=")
_TASK_BOX_PREFIX = regex.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+$")
# An <a> (without href, or to "#") whose text has no letter or digit ("❱", "ⓘ") is a page control.
_WORDS = regex.compile(r"[\p{L}\p{N}]")
_TAG = regex.compile(r"<[^>]*>")
# The HTML standard scrolls to the top for "#top" even with no such id.
_ALWAYS_PRESENT_ANCHORS = frozenset({"top"})
# A repeated heading's anchor: GitHub writes "-1", other generators "_1".
_REPEAT_SUFFIX = regex.compile(r"[-_]\d+$")
# A destination with a title glued on or typed with spaces: `#"title"`, `TK "title"`.
_DESTINATION = regex.compile(r"^\s*<?(?P<destination>[^\s\"'<>]*)")


def target_key(target: str) -> str:
    """How targets compare: trimmed, without ``<>``, case-folded, no trailing slash."""
    key = target.strip()
    if key.startswith("<") and key.endswith(">"):
        key = key[1:-1].strip()
    return key.casefold().rstrip("/")


def text_key(text: str) -> str:
    """How link texts compare: tags and wrapping brackets/emphasis dropped,
    whitespace folded, case-folded (``[**LINK**]`` and ``link`` are one text).
    Code (```URL```) names a thing and is kept, so it never equals a placeholder."""
    return _WHITESPACE.sub(" ", _TAG.sub("", text).strip(_TEXT_WRAPPING)).casefold()


@dataclass(frozen=True)
class Params:
    """``placeholder_targets`` may hold shell-style globs (``javascript:*``)."""

    placeholder_targets: tuple[str, ...] = ()
    placeholder_texts: tuple[str, ...] = ()
    find: tuple[str, ...] = PROBLEMS
    flag_shortcut_references: bool = False
    exact_targets: frozenset[str] = field(init=False, repr=False, compare=False)
    target_globs: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    texts: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        unknown = [name for name in self.find if name not in PROBLEMS]
        if unknown:
            raise ParamError("find", f"unknown problem(s) {', '.join(map(repr, unknown))}; choose from {', '.join(PROBLEMS)}")
        if not self.find:
            raise ParamError("find", f"name at least one of {', '.join(PROBLEMS)}")
        globs = [t for t in self.placeholder_targets if any(ch in t for ch in "*?[")]
        exact = {target_key(t) for t in self.placeholder_targets if t not in globs}
        pattern = "|".join(fnmatch.translate(target_key(g)) for g in globs)
        object.__setattr__(self, "exact_targets", frozenset(exact))
        object.__setattr__(self, "target_globs", re.compile(pattern) if pattern else None)
        texts = {text_key(t) for t in self.placeholder_texts}
        if "" in texts:
            raise ParamError("placeholder_texts", "an empty text would flag every image without alt text")
        object.__setattr__(self, "texts", frozenset(texts))

    def is_placeholder_target(self, target: str) -> bool:
        """The whole target, or its destination before a glued-on title, is a placeholder."""
        for candidate in (target, _destination(target)):
            key = target_key(candidate)
            if key in self.exact_targets or (self.target_globs and self.target_globs.match(key)):
                return True
        return False


def _destination(target: str) -> str:
    """``#`` from ``#"title"``: what an editor meant as the address."""
    match = _DESTINATION.match(target)
    return match["destination"] if match else target


def shown(written: str) -> str:
    """The link as written, on one line and short enough for a message; a long
    one keeps its end, where the target (the placeholder) is."""
    flat = _WHITESPACE.sub(" ", written).strip()
    if len(flat) <= SHOWN_LINK_CHARS:
        return flat
    tail = SHOWN_LINK_CHARS // 3
    return flat[: SHOWN_LINK_CHARS - tail - 1] + "…" + flat[-tail:]


def _target_problem(link: Link, params: Params) -> str | None:
    if link.target is None:
        return None
    origin = f" (from the definition of [{link.label.lower()}])" if link.kind == "reference" and link.label else ""
    if not link.target.strip() or target_key(link.target) == "":
        return f"the target is empty{origin}"
    if params.is_placeholder_target(link.target):
        return f"the target '{link.target.strip()}'{origin} is a placeholder"
    return None


def _has_words(link: Link) -> bool:
    """Whether an HTML anchor's visible text (tags removed) has a letter or digit."""
    return bool(_WORDS.search(_TAG.sub("", link.text)))


def _anchor_problem(link: Link, document: Document, anchors: frozenset[str]) -> str | None:
    if document.format == "text" or link.target is None:
        return None
    target = link.target.strip()
    if not target.startswith("#") or len(target) < 2:
        return None
    # Browsers look for the fragment as written and percent-decoded: generators
    # write ids both ways (rustdoc's id="impl-From%3CT%3E" is reached by #impl-From%3CT%3E).
    written = target[1:].casefold().removeprefix("user-content-")
    fragment = urllib.parse.unquote(target[1:]).casefold().removeprefix("user-content-")
    if {written, fragment} & anchors or fragment in _ALWAYS_PRESENT_ANCHORS:
        return None
    if _REPEAT_SUFFIX.search(fragment) and _REPEAT_SUFFIX.sub("", fragment) in anchors:
        return None
    return f"no heading or id in this document makes the anchor '{target}'"


def _is_task_box(document: Document, reference: UndefinedReference) -> bool:
    """``[ ]``/``[x]`` opening a list item is a task-list box, not a reference."""
    if reference.style != "shortcut" or reference.label.lower() not in ("x", ""):
        return False
    line_start = document.text.rfind("\n", 0, reference.start) + 1
    return bool(_TASK_BOX_PREFIX.match(document.text[line_start : reference.start]))


def _reference_findings(document: Document, rule: Rule, params: Params) -> Iterator[Finding]:
    wanted_references = "undefined-reference" in params.find
    wanted_footnotes = "undefined-footnote" in params.find
    quoted = None
    for reference in document.fact(undefined_references):
        written = document.text[reference.start : reference.end]
        if reference.style == "broken-inline":
            if "malformed-link" in params.find:
                yield _malformed(document, rule, params, reference, written)
            continue
        if reference.style == "footnote":
            if wanted_footnotes:
                problem = f"no [^{reference.label}]: note defines this footnote"
                yield rule.finding(
                    document, reference.start, reference.end, link=shown(written), problem=problem, placeholder=f"^{reference.label}"
                )
            continue
        if not wanted_references:
            continue
        if reference.style == "shortcut" and not reference.image:
            if not params.flag_shortcut_references or _is_task_box(document, reference):
                continue
            quoted = quoted or document.fact(quotations)
            if quoted.contains(reference.start):
                continue
        problem = f"nothing defines the reference [{reference.label}], so it shows as literal text"
        yield rule.finding(document, reference.start, reference.end, link=shown(written), problem=problem, placeholder=reference.label)


def _malformed(document: Document, rule: Rule, params: Params, reference: UndefinedReference, written: str) -> Finding:
    inside = reference.label
    if params.is_placeholder_target(inside):
        problem = f"the target '{inside}' is a placeholder, and not a valid address, so readers see the brackets"
    else:
        problem = f"'({inside})' is not a valid link target (spaces or unbalanced parentheses), so readers see the brackets"
    return rule.finding(document, reference.start, reference.end, link=shown(written), problem=problem, placeholder=inside)


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    params: Params = rule.params
    find = params.find
    anchors = frozenset(a.casefold() for a in document.headings_anchors)
    headings = SpanSet.of((b.start, b.end) for b in document.blocks if b.kind == "heading")
    for link in document.links:
        if link.kind in ("autolink", "footnote"):
            continue
        written = document.text[link.start : link.end]
        problem: str | None = None
        placeholder = link.target or ""
        if link.kind == "html" and _SCRIPTED_ANCHOR.search(document.text[link.start : link.text_start]):
            continue
        if link.kind == "html" and link.target is None:
            if (
                "anchor-without-href" in find
                and not _NAMED_ANCHOR.search(document.text[link.start : link.text_start])
                and _has_words(link)
            ):
                problem = "the <a> tag has no href"
        elif link.kind == "html" and (link.target or "").strip() == "#" and (
            headings.contains(link.text_start) or not _has_words(link)
        ):
            continue  # <h2><a href="#">Title</a></h2> links a page to its top; <a href="#">ⓘ</a> is a control
        elif "placeholder-target" in find and (problem := _target_problem(link, params)):
            placeholder = link.target.strip() if link.target else ""
        elif "placeholder-text" in find and text_key(link.text) in params.texts:
            placeholder = link.text.strip()
            what = "alt text" if link.image else "link text"
            problem = f"the {what} '{placeholder}' is a placeholder (target '{(link.target or '').strip()}')"
        elif "missing-anchor" in find and (problem := _anchor_problem(link, document, anchors)):
            placeholder = (link.target or "").strip()
        if problem:
            yield rule.finding(document, link.start, link.end, link=shown(written), problem=problem, placeholder=placeholder)
    if document.format != "html" and {"undefined-reference", "undefined-footnote", "malformed-link"} & set(find):
        yield from _reference_findings(document, rule, params)
