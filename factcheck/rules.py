"""Rule files: YAML mappings bound to check kinds, validated loudly at load time.

A rule file holds one rule per YAML document (``---`` separates them). Every
problem (unknown key, wrong type, unknown kind, bad regex, malformed message
template) is a ConfigError naming ``file:line``, so a style desk's typo never
turns into a silently disabled rule.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from factcheck.checks import available_kinds, load_kind
from factcheck.errors import ConfigError
from factcheck.findings import Finding, Severity
from factcheck.params import build_params, did_you_mean
from factcheck.rule_cache import load_documents
from factcheck.yaml_lines import LineDict, line_of

if TYPE_CHECKING:
    from factcheck.document import Document

RULE_KEYS = ("id", "kind", "severity", "message", "description", "params", "examples")
REQUIRED_KEYS = ("id", "kind", "message")
EXAMPLE_KEYS = ("text", "expect", "date", "path", "note")
EXPECT_KEYS = ("line", "match", "column")
_RULE_ID = regex.compile(r"^[a-z0-9][a-z0-9._-]*$")


def builtin_rules_dir() -> Path:
    """``factcheck/builtin_rules`` in a wheel; the repository's ``rules/`` in a checkout."""
    packaged = Path(__file__).parent / "builtin_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "rules"


@dataclass(frozen=True)
class Expectation:
    line: int
    match: str
    column: int | None = None


@dataclass(frozen=True)
class Example:
    """Text a rule must (or must not) flag: documentation that the test suite runs."""

    text: str
    expect: tuple[Expectation, ...]
    date: str | None = None
    path: str | None = None
    line: int = 0


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: Severity
    message: str
    description: str
    params: Any
    examples: tuple[Example, ...]
    source: str
    line: int
    builtin: bool = False

    def finding(
        self,
        document: Document,
        start: int,
        end: int,
        *,
        severity: Severity | None = None,
        suggestion: str | None = None,
        message: str | None = None,
        **fields: object,
    ) -> Finding:
        """A finding at ``document.text[start:end]`` with this rule's message filled in."""
        line, column = document.position(start)
        end_line, end_column = document.position(end)
        values = _Fields({k: str(v) for k, v in fields.items()})
        if suggestion is not None:
            values.setdefault("suggestion", suggestion)  # so a message can say '{suggestion}'
        text = (message or self.message).format_map(values)
        return Finding(
            path=document.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            rule=self.id,
            kind=self.kind,
            severity=severity or self.severity,
            message=text,
            match=document.text[start:end],
            suggestion=suggestion,
            start=start,
            end=end,
        )


@dataclass(frozen=True)
class RuleSet:
    """An ordered, immutable set of rules with unique ids."""

    rules: tuple[Rule, ...] = field(default_factory=tuple)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.rules]

    def only(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> RuleSet:
        """Rules kept by --select/--ignore; a name may be a rule id or a kind."""
        selected = list(select)
        ignored = set(ignore)
        known = {r.id for r in self.rules} | {r.kind for r in self.rules}
        for name in [*selected, *ignored]:
            if name not in known:
                raise ConfigError(f"unknown rule or kind {name!r}{did_you_mean(name, known)}")
        kept = [
            r
            for r in self.rules
            if (not selected or r.id in selected or r.kind in selected) and r.id not in ignored and r.kind not in ignored
        ]
        return RuleSet(tuple(kept))


def _check_message(template: str, where: str) -> None:
    """Reject, at load time, a template that would crash while reporting.

    Every field is filled with a string by name (``Rule.finding``), so a
    positional field (``{}``, ``{0}``), an index or attribute (``{match[5]}``,
    ``{match.upper}``), a bad conversion (``{match!x}``) or a format spec a
    string does not take (``{match:d}``) raised a traceback, or printed a
    Python repr, on the first finding instead of naming this line.
    """
    try:
        fields = [(name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(template) if name is not None]
    except ValueError as error:
        raise ConfigError(f"message is not a valid template ({error}); write {{{{ and }}}} for literal braces", where) from None
    for name, conversion, spec in fields:
        shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if not name or name.isdigit() or "." in name or "[" in name:
            raise ConfigError(f"message field {shown} must be a plain name such as {{match}}; write {{{{ and }}}} for literal braces", where)
        if conversion not in (None, "r", "s", "a"):
            raise ConfigError(f"message field {shown}: unknown conversion !{conversion} (use !r, !s or !a)", where)
        try:
            format("", spec or "")
        except ValueError as error:
            raise ConfigError(f"message field {shown}: {error} (fields are text)", where) from None


def _parse_examples(raw: Any, source: str) -> tuple[Example, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError("examples must be a list", f"{source}:{line_of(raw)}")
    examples = []
    for index, item in enumerate(raw):
        where = f"{source}:{line_of(raw, index)}"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise ConfigError("each example needs text: (a string) and expect: (a list)", where)
        for key in item:
            if key not in EXAMPLE_KEYS:
                raise ConfigError(f"unknown example key {key!r}{did_you_mean(str(key), EXAMPLE_KEYS)}", where)
        expected = item.get("expect", [])
        if not isinstance(expected, list):
            raise ConfigError("expect must be a list of {line, match}", where)
        expectations = []
        for e_index, entry in enumerate(expected):
            e_where = f"{source}:{line_of(expected, e_index)}"
            if not isinstance(entry, dict) or not isinstance(entry.get("line"), int) or "match" not in entry:
                raise ConfigError("each expectation needs line: (an integer) and match: (the flagged text)", e_where)
            for key in entry:
                if key not in EXPECT_KEYS:
                    raise ConfigError(f"unknown expectation key {key!r}{did_you_mean(str(key), EXPECT_KEYS)}", e_where)
            expectations.append(Expectation(entry["line"], str(entry["match"]), entry.get("column")))
        date = item.get("date")
        examples.append(
            Example(item["text"], tuple(expectations), None if date is None else str(date), item.get("path"), line_of(raw, index))
        )
    return tuple(examples)


def parse_rule(raw: Any, source: str, builtin: bool = False) -> Rule:
    """Validate one YAML mapping and bind it to its kind."""
    if not isinstance(raw, dict):
        raise ConfigError("a rule must be a mapping with id, kind and message", f"{source}:{line_of(raw)}")
    start = line_of(raw)
    for key in raw:
        if key not in RULE_KEYS:
            raise ConfigError(
                f"unknown rule key {key!r}{did_you_mean(str(key), RULE_KEYS)}; valid keys: {', '.join(RULE_KEYS)}",
                f"{source}:{line_of(raw, key)}",
            )
    for key in REQUIRED_KEYS:
        if key not in raw:
            raise ConfigError(f"rule is missing required key {key!r}", f"{source}:{start}")
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise ConfigError(f"{key} must be a non-empty string", f"{source}:{line_of(raw, key)}")
    rule_id = raw["id"]
    if not _RULE_ID.match(rule_id):
        raise ConfigError(f"rule id {rule_id!r} must be lower case letters, digits, '-', '_' or '.'", f"{source}:{line_of(raw, 'id')}")
    kind = raw["kind"]
    try:
        module = load_kind(kind)
    except KeyError:
        kinds = available_kinds()
        raise ConfigError(
            f"unknown kind {kind!r}{did_you_mean(kind, kinds)}; available kinds: {', '.join(kinds)}",
            f"{source}:{line_of(raw, 'kind')}",
        ) from None
    severity_name = raw.get("severity", "warning")
    try:
        severity = Severity.parse(str(severity_name))
    except KeyError:
        raise ConfigError(
            f"severity must be error, warning or info, not {severity_name!r}", f"{source}:{line_of(raw, 'severity')}"
        ) from None
    _check_message(raw["message"], f"{source}:{line_of(raw, 'message')}")
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise ConfigError("description must be a string", f"{source}:{line_of(raw, 'description')}")
    params = build_params(module.Params, raw.get("params"), source)
    return Rule(
        id=rule_id,
        kind=kind,
        severity=severity,
        message=raw["message"],
        description=description.strip(),
        params=params,
        examples=_parse_examples(raw.get("examples"), source),
        source=source,
        line=start,
        builtin=builtin,
    )


def load_rule_file(path: Path, builtin: bool = False) -> list[Rule]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read rule file: {error}", str(path)) from None
    rules = []
    for document in load_documents(text, str(path)):  # parsed YAML is cached by file contents
        if document is None:
            continue
        rules.append(parse_rule(document, str(path), builtin))
    return rules


def rule_files(path: Path) -> list[Path]:
    """A rule file, or every ``*.yaml``/``*.yml`` below a directory, sorted."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if path.is_file():
        return [path]
    raise ConfigError("no such rule file or directory", str(path))


def load_rules(paths: Sequence[str | Path] = (), *, builtin: bool = True, overrides: Mapping[str, Any] | None = None) -> RuleSet:
    """Built-in rules (unless ``builtin=False``) plus user files; a user rule
    with a built-in rule's id replaces it, two user rules with one id are an error."""
    rules: dict[str, Rule] = {}
    if builtin:
        for file in rule_files(builtin_rules_dir()):
            for rule in load_rule_file(file, builtin=True):
                if rule.id in rules:
                    raise ConfigError(f"duplicate rule id {rule.id!r} (also in {rules[rule.id].source})", f"{rule.source}:{rule.line}")
                rules[rule.id] = rule
    for path in paths:
        for file in rule_files(Path(path)):
            for rule in load_rule_file(file):
                existing = rules.get(rule.id)
                if existing is not None and not existing.builtin:
                    raise ConfigError(
                        f"duplicate rule id {rule.id!r} (also in {existing.source}:{existing.line})", f"{rule.source}:{rule.line}"
                    )
                rules[rule.id] = rule
    return RuleSet(tuple(rules.values()))


__all__ = ["Example", "Expectation", "Rule", "RuleSet", "load_rules", "parse_rule", "LineDict"]
