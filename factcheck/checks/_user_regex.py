"""What the generic kinds (pattern, substitution, consistency) share about user regexes.

Not a kind (the leading underscore keeps it out of the registry). A style desk
writes these expressions, so three things are done once, here, the same way
for every kind:

* the common options, named as in Vale: ``ignorecase``, ``nonword`` (no
  whole-word wrapping), ``scope`` (:mod:`factcheck.extract.scopes`),
  ``exceptions`` (text to leave alone) and ``timeout``;
* compiling each expression once, at load time, with an error naming the
  parameter and the expression;
* matching under a time limit: a catastrophic expression in someone's rule
  file becomes a :class:`~factcheck.errors.CheckError` naming the rule, never
  a CI job that hangs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from factcheck.errors import CheckError
from factcheck.extract.scopes import (
    DEFAULT_SCOPE,
    Region,
    scope_map,
    validate_scopes,
)
from factcheck.params import ParamError
from factcheck.parsing.ranges import SpanSet

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.rules import Rule

DEFAULT_TIMEOUT = 2.0
"""Seconds one rule's expressions may spend on one document."""


def compile_user_regex(pattern: str, param: str, flags: int = 0) -> Any:
    """Compile one user expression; ParamError (reported at ``param``'s line) if invalid."""
    try:
        return regex.compile(pattern, regex.V1 | flags)
    except regex.error as error:
        raise ParamError(param, f"invalid regular expression {pattern!r}: {error}") from None


def whole_word(body: str) -> str:
    """Match ``body`` only where it does not continue a word on either side.

    Lookarounds rather than ``\\b`` so that expressions starting or ending with
    punctuation (``\\[LINK\\]``, ``e.g.``) still match after a space.
    """
    return rf"(?<!\w)(?:{body})(?!\w)"


@dataclass(frozen=True, kw_only=True)
class RegexOptions:
    """Options every generic kind takes; kinds subclass this for their own ``Params``."""

    ignorecase: bool = False
    nonword: bool = False
    scope: tuple[str, ...] | str = DEFAULT_SCOPE
    exceptions: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    scopes: tuple[str, ...] = field(init=False, repr=False, compare=False, default=DEFAULT_SCOPE)
    exception_pattern: Any = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        given = (self.scope,) if isinstance(self.scope, str) else self.scope
        try:
            object.__setattr__(self, "scopes", validate_scopes(given))
        except ValueError as error:
            raise ParamError("scope", str(error)) from None
        if not self.timeout > 0:
            raise ParamError("timeout", "must be a number of seconds greater than 0")
        if self.exceptions:
            object.__setattr__(self, "exception_pattern", self.compile(self.exceptions, "exceptions"))

    @property
    def flags(self) -> int:
        return regex.IGNORECASE if self.ignorecase else 0

    def wrap(self, body: str) -> str:
        """``body`` as a whole word unless ``nonword`` is set (Vale's default and option)."""
        return body if self.nonword else whole_word(body)

    def compile(self, bodies: Iterable[str], param: str) -> Any:
        """Validate each expression alone (so the error names it), then compile them as one."""
        bodies = list(bodies)
        for body in bodies:
            compile_user_regex(body, param)
        return compile_user_regex(self.wrap("|".join(f"(?:{b})" for b in bodies)), param, self.flags)


def timed_matches(pattern: Any, text: str, rule: Rule, timeout: float) -> Iterator[Any]:
    """``pattern.finditer(text)`` under ``timeout``; a timeout is a CheckError naming the rule."""
    try:
        yield from pattern.finditer(text, timeout=timeout)
    except TimeoutError:
        raise CheckError(
            rule.id,
            f"a regular expression in {rule.source}:{rule.line} took longer than {timeout:g}s on one passage;"
            " simplify it (nested repeats such as (a+)+ backtrack catastrophically) or raise params.timeout",
        ) from None


@dataclass(frozen=True)
class Hit:
    """One match in a document: ``start``/``end`` absolute offsets into ``document.text``
    with surrounding whitespace trimmed; ``match`` is relative to its region, which
    starts at ``offset``."""

    start: int
    end: int
    match: Any
    offset: int

    def group_span(self, group: int | str) -> tuple[int, int] | None:
        start, end = self.match.span(group)
        return None if start < 0 else (start + self.offset, end + self.offset)


def scoped_matches(pattern: Any, document: Document, rule: Rule, options: RegexOptions) -> Iterator[Hit]:
    """Matches of ``pattern`` in the regions of the rule's scopes, outside its exceptions.

    Each region (a paragraph, heading, link text or quotation) is matched as
    its own string, so ``^``/``$`` mean its edges; a match counts only in the
    scope where it starts, so a phrase is never reported twice.
    """
    for region in document.fact(scope_map).regions_in(options.scopes):
        yield from region_matches(pattern, document, region, rule, options)


def region_matches(
    pattern: Any, document: Document, region: Region, rule: Rule, options: RegexOptions, *, own_scope_only: bool = True
) -> Iterator[Hit]:
    """The matches of one region (see :func:`scoped_matches`); with ``own_scope_only=False``
    also those inside a quotation or link of a paragraph (for counting per paragraph)."""
    scopes = document.fact(scope_map)
    text = document.prose[region.start : region.end]
    exceptions = SpanSet((), ())
    if options.exception_pattern is not None:
        exceptions = SpanSet.of(m.span() for m in timed_matches(options.exception_pattern, text, rule, options.timeout))
    for match in timed_matches(pattern, text, rule, options.timeout):
        relative_start, relative_end = match.span()
        while relative_start < relative_end and text[relative_start].isspace():
            relative_start += 1
        while relative_end > relative_start and text[relative_end - 1].isspace():
            relative_end -= 1
        if relative_start == relative_end:
            continue
        start, end = relative_start + region.start, relative_end + region.start
        if (own_scope_only and scopes.scope_at(start) != region.scope) or exceptions.covers(relative_start, relative_end):
            continue
        yield Hit(start, end, match, region.start)
