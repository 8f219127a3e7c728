"""Kind ``pattern``: flag every match of one or more regular expressions in prose.

## What it does
Reports each match of the rule's ``tokens`` (regular expressions, in the
``regex`` module's syntax: ``\\m``, fuzzy ``{e<=1}``, ``\\p{Lu}`` all work)
found in the document's prose. Code, URLs and link targets are not prose.

## Why is this bad?
House style bans words and constructions ("very unique", "TKTK"); a rule file
can list them without writing Python.

## Example
```yaml
kind: pattern
params:
  tokens: ['\\bvery unique\\b']
```

## Use instead
Rephrase as the message says; the rule's description carries the house reasoning.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from factcheck.errors import CheckError
from factcheck.params import ParamError

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.findings import Finding
    from factcheck.rules import Rule

DEFAULT_TIMEOUT = 2.0


@dataclass(frozen=True)
class Params:
    tokens: tuple[str, ...]
    ignorecase: bool = False
    nonword: bool = False
    timeout: float = DEFAULT_TIMEOUT
    compiled: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.tokens:
            raise ParamError("tokens", "give at least one regular expression")
        alternatives = []
        for token in self.tokens:
            try:
                regex.compile(token)
            except regex.error as error:
                raise ParamError("tokens", f"invalid regular expression {token!r}: {error}") from None
            alternatives.append(f"(?:{token})")
        body = "|".join(alternatives)
        if not self.nonword:
            body = rf"(?<![\w])(?:{body})(?![\w])"
        flags = regex.V1 | (regex.IGNORECASE if self.ignorecase else 0)
        object.__setattr__(self, "compiled", regex.compile(body, flags))


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    params: Params = rule.params
    try:
        for match in params.compiled.finditer(document.prose, timeout=params.timeout):
            if match.end() > match.start() and match.group().strip():
                yield rule.finding(document, match.start(), match.end(), match=match.group())
    except TimeoutError:
        raise CheckError(rule.id, f"regular expression took longer than {params.timeout:g}s; simplify it") from None
