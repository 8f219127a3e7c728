"""Typed rule parameters: a check kind declares a frozen dataclass, YAML fills it.

One decoding path for every kind (unlike Vale's mix of strict and weak
decoding): unknown keys and wrong types are errors naming the file, line and
the closest valid key. A kind's ``__post_init__`` may raise ValueError (an
invalid regex, say); that too is reported at the parameter's line.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

from factcheck.errors import ConfigError
from factcheck.yaml_lines import LineDict, line_of


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _describe(tp: Any) -> str:
    origin = get_origin(tp)
    if tp is bool:
        return "true or false"
    if tp is int:
        return "an integer"
    if tp is float:
        return "a number"
    if tp is str:
        return "a string"
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(tp))
    if origin is tuple:
        return f"a list of {_describe(get_args(tp)[0]).removeprefix('a ').removeprefix('an ')}s"
    if origin is dict:
        key, value = get_args(tp)
        return f"a mapping of {_describe(key)} to {_describe(value)}"
    if origin in (Union, types.UnionType):
        return " or ".join(_describe(a) for a in get_args(tp) if a is not type(None))
    return getattr(tp, "__name__", str(tp))


def convert(value: Any, tp: Any, where: str) -> Any:
    """Convert a YAML value to the declared type, or raise ValueError saying why."""
    origin = get_origin(tp)
    if tp is Any:
        return value
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return convert(value, arg, where)
            except ValueError as error:
                errors.append(str(error))
        raise ValueError(f"{where}: expected {_describe(tp)}, got {value!r}")
    if tp is bool:
        if isinstance(value, bool):
            return value
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif tp is str:
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
    elif origin is Literal:
        if value in get_args(tp):
            return value
    elif origin is tuple:
        item_type = get_args(tp)[0]
        if isinstance(value, list):
            return tuple(convert(item, item_type, f"{where}[{i}]") for i, item in enumerate(value))
    elif origin is dict:
        key_type, value_type = get_args(tp)
        if isinstance(value, dict):
            return {
                convert(k, key_type, f"{where} key"): convert(v, value_type, f"{where}.{k}")
                for k, v in value.items()
            }
    raise ValueError(f"{where}: expected {_describe(tp)}, got {value!r}")


def build_params(cls: type[Any], raw: Any, source: str, prefix: str = "params") -> Any:
    """Fill the kind's params dataclass from the rule's ``params:`` mapping."""
    base_line = line_of(raw)
    if raw is None:
        raw = LineDict()
    if not isinstance(raw, dict):
        raise ConfigError(f"{prefix} must be a mapping", f"{source}:{base_line}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    public = {name.replace("_", "-"): name for name in fields} | {name: name for name in fields}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        line = line_of(raw, key)
        name = public.get(str(key))
        if name is None:
            hint = did_you_mean(str(key), [n for n in fields])
            valid = ", ".join(sorted(fields)) or "none"
            raise ConfigError(f"unknown {prefix} key {key!r}{hint}; valid keys: {valid}", f"{source}:{line}")
        try:
            values[name] = convert(value, hints[name], f"{prefix}.{key}")
        except ValueError as error:
            raise ConfigError(str(error), f"{source}:{line}") from None
    missing = [
        name
        for name, f in fields.items()
        if name not in values and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    if missing:
        raise ConfigError(f"{prefix} is missing required key(s): {', '.join(missing)}", f"{source}:{base_line}")
    try:
        return cls(**values)
    except ValueError as error:
        bad = getattr(error, "param", None)
        line = line_of(raw, bad) if bad else base_line
        raise ConfigError(f"{prefix}: {error}", f"{source}:{line}") from None


class ParamError(ValueError):
    """Raised from a params ``__post_init__``; ``param`` names the offending key."""

    def __init__(self, param: str, message: str) -> None:
        self.param = param
        super().__init__(f"{param}: {message}")


Lexicon = dict[str, tuple[str, ...]]
"""Word lists as regular expressions keyed by language: ``{en: [...], es: [...]}``.

Cue words live in rule YAML, per language, not in code; every language's list
is used, so a bilingual desk lists both."""


def compile_lexicon(
    lexicon: Lexicon,
    param: str,
    template: str = "{}",
    *,
    when_empty: Literal["none", "error", "never-match"] = "none",
    from_the_end: bool = False,
) -> Any:
    """One case-insensitive alternation of a lexicon's expressions, put in ``template``'s ``{}``.

    Each expression is compiled alone first so an invalid one is reported by
    itself, at its parameter. An empty lexicon gives None, a ParamError, or a
    pattern that never matches, as the caller's logic needs.

    ``from_the_end`` compiles a template anchored at the end (``...\\s*$``) to
    search right to left (regex's REVERSE): a forward search tries the whole
    alternation at every character of the text, a reverse one fails at once
    wherever the text does not end. Only for callers that ask *whether* it
    matches: where several matches end at the end, which one is returned may differ.
    """
    import regex

    expressions = [expression for language in sorted(lexicon) for expression in lexicon[language]]
    if not expressions:
        if when_empty == "error":
            raise ParamError(param, "give at least one expression")
        if when_empty == "none":
            return None
    for expression in expressions:
        try:
            regex.compile(expression)
        except regex.error as error:
            raise ParamError(param, f"invalid regular expression {expression!r}: {error}") from None
    body = "(?:" + "|".join(f"(?:{e})" for e in expressions) + ")" if expressions else "(?!)"
    flags = regex.IGNORECASE | regex.V1 | (regex.REVERSE if from_the_end else 0)
    return regex.compile(template.replace("{}", body), flags)
