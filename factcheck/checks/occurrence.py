"""Kind ``occurrence``: too many (or too few) of something in one paragraph or headline.

## What it does
Counts the matches of ``token`` in each region of the rule's scope (each
paragraph or table cell for ``prose``, quotations and links in it included;
each headline for ``heading``; each link text; each quotation) and reports a
region with more than ``max`` or fewer than ``min`` of them. The finding
spans the whole region.

Parameters (Vale's names):

- ``token``: a regular expression (required);
- ``max`` and/or ``min``: the allowed count (at least one of them);
- ``ignorecase``, ``nonword``, ``scope``, ``exceptions``, ``timeout``: as for
  ``pattern``. Punctuation tokens need ``nonword: true``.

The message may use ``{count}``, ``{max}`` and ``{min}``.

## Why is this bad?
House style limits some things per unit: a headline of more than twelve
words gets cut on the front page; a paragraph with five figures in it loses
the reader.

## Example
```yaml
kind: occurrence
params:
  token: '\\w+'
  max: 12
  scope: heading
```

## Use instead
Split the paragraph, or shorten the headline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factcheck.checks._user_regex import RegexOptions, region_matches
from factcheck.extract.scopes import scope_map
from factcheck.params import ParamError

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.findings import Finding
    from factcheck.rules import Rule


@dataclass(frozen=True, kw_only=True)
class Params(RegexOptions):
    token: str
    max: int | None = None
    min: int | None = None
    compiled: Any = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.max is None and self.min is None:
            raise ParamError("max", "give max:, min: or both")
        for name in ("max", "min"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ParamError(name, "must be 0 or more")
        if self.max is not None and self.min is not None and self.min > self.max:
            raise ParamError("min", f"is more than max ({self.max})")
        object.__setattr__(self, "compiled", self.compile([self.token], "token"))


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    params: Params = rule.params
    text = document.text
    for region in document.fact(scope_map).regions_in(params.scopes):
        start, end = region.start, region.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        count = sum(1 for _ in region_matches(params.compiled, document, region, rule, params, own_scope_only=False))
        too_many = params.max is not None and count > params.max
        too_few = params.min is not None and count < params.min
        if too_many or too_few:
            yield rule.finding(
                document, start, end, count=count, max="" if params.max is None else params.max,
                min="" if params.min is None else params.min,
            )
