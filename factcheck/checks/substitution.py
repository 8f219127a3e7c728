"""Kind ``substitution``: flag a wrong term and suggest the right one.

## What it does
Reports each match of a key of ``swap`` (wrong → right; keys are regular
expressions) and suggests the value. The suggestion travels with the finding
(``suggestion`` in JSON) so an editor or a script can apply it.

Parameters (Vale's names where Vale has one):

- ``swap``: mapping of wrong → right (required). A key is a regular
  expression; the longest key is tried first. A right-hand side may refer to
  the key's groups as ``$1`` (or ``\\1``). A match that already reads exactly
  as its replacement is not flagged (so ``MPL: MPL`` with ``ignorecase`` only
  flags other capitalisations);
- ``ignorecase``, ``nonword``, ``scope``, ``exceptions``, ``timeout``: as for
  ``pattern`` (default scope ``[prose]``: quotations keep their own words);
- ``capitalize``: when the flagged text starts with a capital, so does the
  suggestion (default false).

The message may use ``{match}`` (the flagged text) and ``{suggestion}``.

## Why is this bad?
A house style fixes spellings and terms ("Kyiv", not "Kiev"; "percent", not
"per cent"). Readers notice when one paper uses two.

## Example
```yaml
kind: substitution
params:
  swap:
    Kiev: Kyiv
    per cent: percent
```

## Use instead
The suggested term.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from factcheck.checks._user_regex import (
    Hit,
    RegexOptions,
    compile_user_regex,
    scoped_matches,
)
from factcheck.params import ParamError

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.findings import Finding
    from factcheck.rules import Rule

_GROUP_REFERENCE = regex.compile(r"\$(\d+)|\\(\d+)")
_GROUP_PREFIX = "swap_"


@dataclass(frozen=True)
class Swap:
    """One ``wrong: right`` entry; ``expands`` when the replacement uses ``$1``."""

    wrong: str
    right: str
    expands: bool = False


@dataclass(frozen=True, kw_only=True)
class Params(RegexOptions):
    swap: dict[str, str]
    capitalize: bool = False
    compiled: Any = field(init=False, repr=False, compare=False, default=None)
    swaps: tuple[Swap, ...] = field(init=False, repr=False, compare=False, default=())

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.swap:
            raise ParamError("swap", "give at least one 'wrong: right' pair")
        swaps = []
        for wrong, right in self.swap.items():
            key_pattern = compile_user_regex(wrong, "swap", self.flags)
            uses_groups = bool(_GROUP_REFERENCE.search(right))
            for reference in _GROUP_REFERENCE.finditer(right):
                number = int(reference.group(1) or reference.group(2))
                if number > key_pattern.groups:
                    raise ParamError("swap", f"{right!r} refers to group {number}, but {wrong!r} has {key_pattern.groups}")
            swaps.append(Swap(wrong, right, uses_groups))
        # Longest key first, as Vale does, so 'MPL 2.0' wins over 'MPL'.
        ordered = sorted(range(len(swaps)), key=lambda i: -len(swaps[i].wrong))
        body = "|".join(f"(?P<{_GROUP_PREFIX}{i}>{swaps[i].wrong})" for i in ordered)
        object.__setattr__(self, "swaps", tuple(swaps))
        object.__setattr__(self, "compiled", compile_user_regex(self.wrap(body), "swap", self.flags))


def _which_swap(match: Any, params: Params) -> tuple[Swap, str]:
    """The entry whose key matched (the named group that took part), and that group's name."""
    name = match.lastgroup
    if not (name and name.startswith(_GROUP_PREFIX)):
        name = next(n for n, value in match.groupdict().items() if n.startswith(_GROUP_PREFIX) and value is not None)
    return params.swaps[int(name.removeprefix(_GROUP_PREFIX))], name


def _suggestion(swap: Swap, group: str, hit: Hit, document: Document, params: Params) -> str:
    """The replacement, ``$1`` filled from the document's own text (code spans included).

    A key's own groups are numbered right after the named group that wraps it,
    so its group ``n`` is the combined pattern's group ``index + n``.
    """
    right = swap.right
    if swap.expands:
        base = params.compiled.groupindex[group]

        def group_text(reference: Any) -> str:
            span = hit.group_span(base + int(reference.group(1) or reference.group(2)))
            return "" if span is None else document.text[span[0] : span[1]]

        right = _GROUP_REFERENCE.sub(group_text, right)
    if params.capitalize and document.text[hit.start : hit.start + 1].isupper():
        right = right[:1].upper() + right[1:]
    return right


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    params: Params = rule.params
    for hit in scoped_matches(params.compiled, document, rule, params):
        observed = document.text[hit.start : hit.end]
        swap, group = _which_swap(hit.match, params)
        suggestion = _suggestion(swap, group, hit, document, params)
        if observed != suggestion:
            yield rule.finding(document, hit.start, hit.end, suggestion=suggestion, match=observed)
