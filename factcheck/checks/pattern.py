"""Kind ``pattern``: flag every match of one or more regular expressions.

## What it does
Reports each match of the rule's ``tokens`` (regular expressions in the
``regex`` module's syntax: ``\\m``, fuzzy ``{e<=1}`` and ``\\p{Lu}`` all work)
in the part of the article the rule's ``scope`` names. Code, URLs and link
targets are never searched.

Parameters (Vale's names where Vale has one):

- ``tokens``: list of regular expressions (required);
- ``ignorecase``: match regardless of case (default false);
- ``nonword``: match inside words too; by default a token matches only as a
  whole word (default false);
- ``scope``: where to look, any of ``heading``, ``prose``, ``link-text``,
  ``quote`` (default ``[prose]``: body text outside headings, quotations and
  link text);
- ``exceptions``: text to leave alone, as regular expressions: a match that
  lies inside a match of an exception is not flagged (``Chicken Kiev`` keeps
  its ``Kiev``);
- ``timeout``: seconds the expressions may run on one document (default 2).

The message may use ``{match}``, the flagged text.

## Why is this bad?
House style bans words and constructions ("very unique", "TKTK"); a rule file
lists them without anyone writing Python.

## Example
```yaml
kind: pattern
params:
  tokens: ['very unique', 'TK(?:TK)*']
  ignorecase: true
```

## Use instead
Rephrase as the rule's message says; its description carries the house reasoning.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factcheck.checks._user_regex import RegexOptions, scoped_matches
from factcheck.params import ParamError

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.findings import Finding
    from factcheck.rules import Rule


@dataclass(frozen=True, kw_only=True)
class Params(RegexOptions):
    tokens: tuple[str, ...]
    compiled: Any = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.tokens:
            raise ParamError("tokens", "give at least one regular expression")
        object.__setattr__(self, "compiled", self.compile(self.tokens, "tokens"))


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    params: Params = rule.params
    for hit in scoped_matches(params.compiled, document, rule, params):
        yield rule.finding(document, hit.start, hit.end, match=document.text[hit.start : hit.end])
