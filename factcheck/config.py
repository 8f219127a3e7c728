"""Project configuration: find it, validate it loudly, merge it with the command line.

A newsroom keeps its choices in the repository, so every editor, the
pre-commit hook and the CI job run the same checks: ``.factcheck.yaml`` or a
``[tool.factcheck]`` table in ``pyproject.toml``, found by searching upward
from the working directory (the first directory that has either wins; in one
directory ``.factcheck.yaml`` wins). ``--config FILE`` names one explicitly and
``--isolated`` ignores them all.

Precedence is one rule for every key: a command-line option replaces the
config value of the same name, a config value replaces the default. Every
resolved value remembers where it came from (``default``, ``command line`` or
``file:line``), which ``factcheck config`` prints.

Like rule files, a config file never fails silently: an unknown key, a wrong
type, an unknown rule id or a bad parameter is a :class:`ConfigError` naming
``file:line`` with a did-you-mean (exit 2).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from factcheck.errors import ConfigError
from factcheck.findings import Finding, Severity
from factcheck.params import build_params, did_you_mean
from factcheck.yaml_lines import LineDict, LineList, line_of, load_all

if TYPE_CHECKING:
    import pathspec

    from factcheck.discover import Target
    from factcheck.document import Document
    from factcheck.rules import RuleSet

CONFIG_FILENAMES = (".factcheck.yaml", ".factcheck.yml")
PYPROJECT = "pyproject.toml"
FAIL_ON_CHOICES = ("error", "warning", "info", "never")
DATE_POLICIES = ("auto", "front-matter", "none")
KEYS = ("rules", "select", "ignore", "fail-on", "exclude", "date", "severity", "per-file-ignores", "params")
DEFAULT = "default"
COMMAND_LINE = "command line"


@dataclass(frozen=True)
class Setting:
    """A resolved value and where it came from: ``default``, ``command line`` or ``file:line``."""

    value: Any
    source: str


# --------------------------------------------------------------------------- finding the file


def find_config(start: Path) -> Path | None:
    """The nearest ``.factcheck.yaml`` or ``pyproject.toml`` with ``[tool.factcheck]``, upward from ``start``."""
    current = start.resolve()
    for directory in (current, *current.parents):
        for name in CONFIG_FILENAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


_TOOL_TABLE_HEADER = regex.compile(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*factcheck[ \t]*[.\]]", regex.MULTILINE)


def _has_tool_table(path: Path) -> bool:
    import tomllib

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        # Somebody else's broken pyproject is not our config; keep searching.
        # One that opens [tool.factcheck] is ours: loading it reports the
        # error at file:line instead of running silently without the config.
        return _TOOL_TABLE_HEADER.search(text) is not None
    return isinstance(data.get("tool"), dict) and "factcheck" in data["tool"]


# --------------------------------------------------------------------------- reading the file


def read_config_file(path: Path) -> LineDict:
    """The config mapping with lines: YAML directly, TOML via :func:`_toml_with_lines`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config file: {error}", str(path)) from None
    if path.suffix == ".toml":
        return _toml_with_lines(text, str(path))
    documents = [d for d in load_all(text, str(path)) if d is not None]
    if not documents:
        return _line_dict({}, {}, 1)
    if len(documents) > 1 or not isinstance(documents[0], LineDict):
        raise ConfigError("a config file must be one YAML mapping", f"{path}:{line_of(documents[-1]) or 1}")
    return documents[0]


_TOML_HEADER = regex.compile(r"^\s*\[\s*(?P<name>[^\[\]]+?)\s*\]\s*(?:#.*)?$")
_TOML_KEY = regex.compile(r"""^\s*(?P<key>(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")
_TOML_ERROR_LINE = regex.compile(r"line (\d+)")
_TOML_PART = regex.compile(r"""\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[A-Za-z0-9_-]+))\s*(?:\.|$)""")


def _dotted(text: str) -> tuple[str, ...]:
    return tuple(m["dq"] if m["dq"] is not None else m["sq"] if m["sq"] is not None else m["bare"] for m in _TOML_PART.finditer(text))


def _toml_key_lines(text: str) -> dict[tuple[str, ...], int]:
    """First line of every table header and key path in a TOML file.

    ``tomllib`` gives no positions, but errors must name ``file:line``; TOML
    keys are line-oriented, so a scan of headers and ``key =`` lines finds them.
    """
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TOML_HEADER.match(line)
        if header and not line.lstrip().startswith("[["):
            table = _dotted(header["name"])
            lines.setdefault(table, number)
            continue
        key = _TOML_KEY.match(line)
        if key:
            lines.setdefault((*table, *_dotted(key["key"])), number)
    return lines


def _line_dict(data: Mapping[Any, Any], key_lines: dict[Any, int], line: int) -> LineDict:
    result = LineDict(data)
    result.key_lines = key_lines
    result.line = line
    return result


def _toml_with_lines(text: str, name: str) -> LineDict:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_ERROR_LINE.search(str(error))
        raise ConfigError(f"invalid TOML: {error}", f"{name}:{found[1]}" if found else name) from None
    key_lines = _toml_key_lines(text)
    tool = data.get("tool", {})
    prefix: tuple[str, ...]
    if isinstance(tool, dict) and "factcheck" in tool:
        data, prefix = tool["factcheck"], ("tool", "factcheck")
    elif Path(name).name == PYPROJECT:
        # Only `--config pyproject.toml` gets here (the search skips one without
        # the table); its [project] keys are not ours to call unknown.
        raise ConfigError("has no [tool.factcheck] table", name)
    else:
        prefix = ()
    if not isinstance(data, dict):
        raise ConfigError("[tool.factcheck] must be a table", f"{name}:{key_lines.get(prefix, 1)}")

    def convert(value: Any, path: tuple[str, ...], fallback: int) -> Any:
        own = key_lines.get(path, fallback)
        if isinstance(value, dict):
            return _line_dict(
                {k: convert(v, (*path, k), own) for k, v in value.items()},
                {k: key_lines.get((*path, k), own) for k in value},
                own,
            )
        if isinstance(value, list):
            items = LineList(convert(v, path, own) for v in value)
            items.line = own
            items.item_lines = [own] * len(items)
            return items
        return value

    return convert(data, prefix, 1)


# --------------------------------------------------------------------------- validating values


def _strings(raw: Any, key: str, where: str) -> tuple[str, ...]:
    """A list of strings, or one string (``select: name-variants``); commas split, as on the command line."""
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ConfigError(f"{key} must be a list of strings", where)
    return tuple(part.strip() for item in items for part in item.split(",") if part.strip())


def _mapping(raw: Any, key: str, where: str) -> LineDict:
    if not isinstance(raw, dict):
        raise ConfigError(f"{key} must be a mapping", where)
    if not isinstance(raw, LineDict):
        raw = _line_dict(raw, {}, 0)
    return raw


def parse_date_setting(raw: Any, where: str) -> str | dt.date:
    """``auto`` | ``front-matter`` | ``none`` | a fixed ``YYYY-MM-DD``."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        if raw in DATE_POLICIES:
            return raw
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    raise ConfigError(
        f"date must be one of {', '.join(DATE_POLICIES)} or a date YYYY-MM-DD, not {raw!r}{did_you_mean(str(raw), DATE_POLICIES)}",
        where,
    )


@dataclass(frozen=True)
class FileConfig:
    """One config file's values, validated for shape; rule ids are checked once rules are loaded."""

    path: Path
    values: dict[str, Setting]
    severity: tuple[tuple[str, Severity, str], ...] = ()  # (rule or kind, severity, where)
    per_file_ignores: tuple[tuple[str, tuple[str, ...], str], ...] = ()  # (glob, names, where)
    params: tuple[tuple[str, LineDict, str], ...] = ()  # (rule id, raw params, where)


def parse_config(raw: LineDict, path: Path) -> FileConfig:
    """Check every key and type; relative rule paths are resolved against the file's directory."""
    name = str(path)

    def where(container: Any, key: Any = None) -> str:
        return f"{name}:{line_of(container, key) or 1}"

    values: dict[str, Setting] = {}
    severity: list[tuple[str, Severity, str]] = []
    per_file: list[tuple[str, tuple[str, ...], str]] = []
    params: list[tuple[str, LineDict, str]] = []
    for key, value in raw.items():
        at = where(raw, key)
        if key not in KEYS:
            raise ConfigError(f"unknown config key {key!r}{did_you_mean(str(key), KEYS)}; valid keys: {', '.join(KEYS)}", at)
        if key == "rules":
            values[key] = Setting(tuple(str(path.parent / p) for p in _strings(value, key, at)), at)
        elif key in ("select", "ignore", "exclude"):
            values[key] = Setting(_strings(value, key, at), at)
        elif key == "fail-on":
            if value not in FAIL_ON_CHOICES:
                raise ConfigError(
                    f"fail-on must be one of {', '.join(FAIL_ON_CHOICES)}, not {value!r}{did_you_mean(str(value), FAIL_ON_CHOICES)}", at
                )
            values[key] = Setting(value, at)
        elif key == "date":
            values[key] = Setting(parse_date_setting(value, at), at)
        elif key == "severity":
            table = _mapping(value, key, at)
            for rule_id, level in table.items():
                level_at = where(table, rule_id)
                try:
                    severity.append((str(rule_id), Severity.parse(str(level)), level_at))
                except KeyError:
                    raise ConfigError(f"severity of {rule_id!r} must be error, warning or info, not {level!r}", level_at) from None
            values[key] = Setting({rule_id: str(level) for rule_id, level, _ in severity}, at)
        elif key == "per-file-ignores":
            table = _mapping(value, key, at)
            for glob, names in table.items():
                glob_at = where(table, glob)
                per_file.append((str(glob), _strings(names, f"per-file-ignores {glob!r}", glob_at), glob_at))
            values[key] = Setting({glob: list(names) for glob, names, _ in per_file}, at)
        elif key == "params":
            table = _mapping(value, key, at)
            for rule_id, overrides in table.items():
                rule_at = where(table, rule_id)
                params.append((str(rule_id), _mapping(overrides, f"params for {rule_id!r}", rule_at), rule_at))
            values[key] = Setting({rule_id: dict(raw_params) for rule_id, raw_params, _ in params}, at)
    return FileConfig(path, values, tuple(severity), tuple(per_file), tuple(params))


# --------------------------------------------------------------------------- merging


DEFAULTS: dict[str, Any] = {
    "rules": (),
    "select": (),
    "ignore": (),
    "fail-on": "warning",
    "exclude": (),
    "date": "auto",
    "severity": {},
    "per-file-ignores": {},
    "params": {},
}


@dataclass(frozen=True)
class Settings:
    """The merged configuration of one run, and the operations that apply it.

    ``root`` is where relative globs (``exclude``, ``per-file-ignores``) are
    anchored: the config file's directory, else the working directory.
    """

    values: dict[str, Setting]
    root: Path
    file: FileConfig | None = None
    _per_file: tuple[tuple[pathspec.GitIgnoreSpec, frozenset[str]], ...] = field(default=(), repr=False, compare=False)
    _exclude: pathspec.GitIgnoreSpec | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        per_file = self.file.per_file_ignores if self.file else ()
        exclude = self.values["exclude"].value
        if not (per_file or exclude):
            return  # a run without globs never imports pathspec (start-up time)
        import pathspec

        compiled = tuple((pathspec.GitIgnoreSpec.from_lines([glob]), frozenset(names)) for glob, names, _ in per_file)
        object.__setattr__(self, "_per_file", compiled)
        object.__setattr__(self, "_exclude", pathspec.GitIgnoreSpec.from_lines(list(exclude)) if exclude else None)

    def __getitem__(self, key: str) -> Any:
        return self.values[key].value

    @property
    def config_path(self) -> Path | None:
        return self.file.path if self.file else None

    def fail_threshold(self) -> Severity | None:
        fail_on = self["fail-on"]
        return None if fail_on == "never" else Severity.parse(fail_on)

    # -- rules ---------------------------------------------------------------

    def apply_to_rules(self, rules: RuleSet) -> RuleSet:
        """select/ignore, then per-rule severity and params overrides (validated like rule files)."""
        from factcheck.rules import RuleSet

        known = set(rules.ids) | {r.kind for r in rules}
        for key in ("select", "ignore"):
            setting = self.values[key]
            for name in setting.value:
                if name not in known:
                    raise ConfigError(f"unknown rule or kind {name!r} in {key}{did_you_mean(name, known)}", _where(setting))
        selected = rules.only(self["select"], self["ignore"])
        if self.file is None:
            return selected
        for name, _, where in self.file.severity:
            if name not in known:
                raise ConfigError(f"severity: unknown rule or kind {name!r}{did_you_mean(name, known)}", where)
        for _, names, where in self.file.per_file_ignores:
            for name in names:
                if name not in known | _EXTRA_NAMES:
                    raise ConfigError(f"per-file-ignores: unknown rule or kind {name!r}{did_you_mean(name, known)}", where)
        for rule_id, _, where in self.file.params:
            if rules.get(rule_id) is None:
                raise ConfigError(f"params: unknown rule id {rule_id!r}{did_you_mean(rule_id, rules.ids)}", where)
        severity = {name: level for name, level, _ in self.file.severity}
        params = {rule_id: (raw, where) for rule_id, raw, where in self.file.params}
        changed = []
        for rule in selected:
            level = severity.get(rule.id, severity.get(rule.kind))
            if level is not None:
                rule = dataclasses.replace(rule, severity=level)
            if rule.id in params:
                raw, where = params[rule.id]
                rule = dataclasses.replace(rule, params=override_params(rule.params, raw, where))
            changed.append(rule)
        return RuleSet(tuple(changed))

    # -- files and findings --------------------------------------------------

    def _relative(self, path: str) -> str | None:
        """``path`` relative to the config root (POSIX), or None when it lies outside."""
        try:
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return None

    def excluded(self, path: str) -> bool:
        """Whether ``exclude`` drops this path; files named on the command line too, so a hook honours it."""
        if self._exclude is None or path == "-":
            return False
        relative = self._relative(path)
        return self._exclude.match_file(relative if relative is not None else Path(path).as_posix())

    def discover(self, paths: Sequence[str]) -> list[Target]:
        from factcheck.discover import discover

        return [t for t in discover(paths) if not self.excluded(t.path)]

    def ignored_by_path(self, finding: Finding) -> bool:
        if not self._per_file or finding.path == "-":
            return False
        relative = self._relative(finding.path) or Path(finding.path).as_posix()
        return any(
            (finding.rule in names or finding.kind in names) and spec.match_file(relative) for spec, names in self._per_file
        )

    def filter_findings(self, findings: Iterable[Finding]) -> list[Finding]:
        """Findings left after ``per-file-ignores``."""
        return [f for f in findings if not self.ignored_by_path(f)]

    # -- display ---------------------------------------------------------------

    def describe(self) -> list[tuple[str, str, str]]:
        """(key, value, source) rows for ``factcheck config``."""
        rows = []
        for key in KEYS:
            setting = self.values[key]
            rows.append((key, _show(setting.value), setting.source))
        return rows


_EXTRA_NAMES = frozenset({"unused-suppression"})


def _where(setting: Setting) -> str | None:
    return setting.source if setting.source not in (DEFAULT, COMMAND_LINE) else None


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        value = list(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        import json

        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _as_yaml_value(value: Any) -> Any:
    """A params field value as YAML would have given it (tuples → lists), so it re-validates."""
    if isinstance(value, tuple):
        return [_as_yaml_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_yaml_value(v) for k, v in value.items()}
    return value


def override_params(current: Any, overrides: LineDict, where: str) -> Any:
    """The rule's params with ``overrides`` laid over them, rebuilt through :func:`build_params`.

    Rebuilding (instead of ``dataclasses.replace``) sends the override through
    exactly the validation a rule file's ``params:`` gets: unknown keys with a
    did-you-mean, types, and the kind's own ``__post_init__`` checks, reported
    at the config file's line.
    """
    merged = _line_dict(
        {f.name: _as_yaml_value(getattr(current, f.name)) for f in dataclasses.fields(current) if f.init},
        {},
        overrides.line,
    )
    hyphenated = {name.replace("_", "-"): name for name in merged}
    for key, value in overrides.items():
        name = hyphenated.get(str(key), str(key))
        merged.pop(name, None)
        merged[key] = value
        merged.key_lines[key] = line_of(overrides, key)
    source = where.rsplit(":", 1)[0]
    return build_params(type(current), merged, source, prefix="params")


def resolve(
    cli: Mapping[str, Any],
    *,
    config_file: str | None = None,
    isolated: bool = False,
    cwd: Path | None = None,
) -> Settings:
    """Defaults, then the config file, then the command line (``None`` = not given)."""
    if config_file and isolated:
        raise ConfigError("--config and --isolated cannot be used together")
    start = cwd or Path.cwd()
    path: Path | None
    if isolated:
        path = None
    elif config_file:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError("config file not found", config_file)
    else:
        path = find_config(start)
    file = parse_config(read_config_file(path), path) if path else None
    values = {key: Setting(value, DEFAULT) for key, value in DEFAULTS.items()}
    if file is not None:
        values.update(file.values)
    for key, value in cli.items():
        if key not in KEYS:
            raise KeyError(key)
        if value is None or (isinstance(value, (list, tuple)) and not value):
            continue  # not given: an empty --select means "no opinion", not "select nothing"
        values[key] = Setting(tuple(value) if isinstance(value, list) else value, COMMAND_LINE)
    root = path.resolve().parent if path else start.resolve()
    return Settings(values, root, file)


def render_settings(settings: Settings) -> str:
    """The text ``factcheck config`` prints: the file used, then key, value, source per line."""
    from factcheck.report import printable

    used = str(settings.config_path) if settings.config_path else "none (defaults only)"
    rows = settings.describe()
    key_width = max(len(k) for k, _, _ in rows)
    value_width = min(48, max(len(v) for _, v, _ in rows))
    lines = [f"config file: {printable(used)}"]
    for key, value, source in rows:
        lines.append(f"{key:<{key_width}}  {printable(value):<{value_width}}  {printable(source)}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- publication date


def apply_date_policy(document: Document, policy: str | dt.date | None) -> None:
    """Narrow where the publication date may come from (``date:`` in the config).

    ``auto`` keeps what the document found (front matter, then a dateline);
    ``front-matter`` drops a date guessed from a dateline; ``none`` drops any,
    so checks that need the date stay silent. A fixed date is passed to the
    loader as ``--date`` is, and so never reaches here.
    """
    if policy in (None, "auto") or isinstance(policy, dt.date):
        return
    source = document.publication_date_source or ""
    if policy == "none" or (policy == "front-matter" and source != "front matter"):
        document.publication_date = None
        document.publication_date_source = None


def date_for_loader(policy: str | dt.date | None) -> dt.date | None:
    return policy if isinstance(policy, dt.date) else None


__all__: list[str] = [
    "ConfigError",
    "FileConfig",
    "Settings",
    "Setting",
    "apply_date_policy",
    "find_config",
    "override_params",
    "parse_config",
    "resolve",
]
