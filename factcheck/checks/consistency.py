"""Kind ``consistency``: one article, one spelling; flag the less used form.

## What it does
For each set of interchangeable forms in ``either`` ("e-mail" / "email",
"Zelensky" / "Zelenskyy"), counts how often each form appears in the article.
When more than one is used, every use of the other forms is reported; the
form used most is taken as the article's choice (on a tie, the one used
first). Nothing is preferred in advance: use ``substitution`` for that.

Parameters (Vale's names where Vale has one):

- ``either``: the sets of forms (required), either a mapping ``a: b`` as in
  Vale (one pair per entry) or a list of lists for three or more forms
  (``[[Zelensky, Zelenskyy, Zelenskiy]]``). Forms are regular expressions;
- ``ignorecase``, ``nonword``, ``scope``, ``exceptions``, ``timeout``: as for
  ``pattern`` (default scope ``[prose]``: quotations keep their own spellings).

The message may use ``{match}`` (the flagged text), ``{count}`` (uses of that
form), ``{preferred}`` (the first use of the article's main form, as written)
and ``{preferred_count}``.

## Why is this bad?
Two spellings of one name or term in one article read as carelessness, and a
reader may take them for two different things.

## Example
```yaml
kind: consistency
params:
  ignorecase: true
  either:
    e-mail: email
```

## Use instead
The form the article already uses most.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from factcheck.checks._user_regex import (
    RegexOptions,
    compile_user_regex,
    scoped_matches,
)
from factcheck.extract.usage import most_used
from factcheck.params import ParamError

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.findings import Finding
    from factcheck.rules import Rule

_FORM_GROUP = regex.compile(r"either_\d+_\d+")


@dataclass(frozen=True, kw_only=True)
class Params(RegexOptions):
    either: dict[str, str] | tuple[tuple[str, ...], ...]
    form_sets: tuple[tuple[str, ...], ...] = field(init=False, repr=False, compare=False, default=())
    compiled: Any = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        super().__post_init__()
        sets = [(a, b) for a, b in self.either.items()] if isinstance(self.either, dict) else list(self.either)
        if not sets:
            raise ParamError("either", "give at least one set of forms")
        alternatives = []
        for set_index, forms in enumerate(sets):
            if len(forms) < 2 or len(set(forms)) != len(forms):
                raise ParamError("either", f"each set needs two or more different forms, not {list(forms)!r}")
            for form_index, form in enumerate(forms):
                compile_user_regex(form, "either")
                alternatives.append((len(form), f"(?P<either_{set_index}_{form_index}>{form})"))
        # Longest first, so a form that extends another ('Zelenskyy') is not cut short.
        alternatives.sort(key=lambda item: -item[0])
        body = "|".join(text for _, text in alternatives)
        object.__setattr__(self, "form_sets", tuple(tuple(forms) for forms in sets))
        object.__setattr__(self, "compiled", compile_user_regex(self.wrap(body), "either", self.flags))


def _form_of(match: Any) -> tuple[int, int]:
    """(set index, form index) from the named group that matched (``either_<set>_<form>``)."""
    name = match.lastgroup
    if not (name and _FORM_GROUP.fullmatch(name)):
        name = next(n for n, value in match.groupdict().items() if value is not None and _FORM_GROUP.fullmatch(n))
    set_index, form_index = name.removeprefix("either_").split("_")
    return int(set_index), int(form_index)


def check(document: Document, rule: Rule) -> Iterator[Finding]:
    params: Params = rule.params
    uses: dict[int, dict[int, list[tuple[int, int]]]] = {}
    for hit in scoped_matches(params.compiled, document, rule, params):
        set_index, form_index = _form_of(hit.match)
        uses.setdefault(set_index, {}).setdefault(form_index, []).append((hit.start, hit.end))
    for forms in uses.values():
        if len(forms) < 2:
            continue
        main = most_used(forms)
        main_start, main_end = forms[main][0]
        preferred = document.text[main_start:main_end]
        for form, spans in forms.items():
            if form == main:
                continue
            for start, end in spans:
                yield rule.finding(
                    document,
                    start,
                    end,
                    match=document.text[start:end],
                    count=len(spans),
                    preferred=preferred,
                    preferred_count=len(forms[main]),
                )
