"""A cache of compiled regular expressions across runs, keyed by pattern and flags.

Both ``regex`` and the standard library's ``re`` (see :func:`_route_stdlib_re`)
go through it in the command line's process.

The ``regex`` module compiles in Python: the check kinds' few hundred patterns
(large case-insensitive alternations of month names, number words, survey
vocabulary) cost more at start-up than checking an article. What ``regex``
builds for a pattern is a list of opcodes plus a few tables, handed to its C
constructor. ``regex`` pickles a pattern as exactly those arguments
(``Pattern._pickled_data``, rebuilt with ``_regex.compile``); this module
stores them with :mod:`marshal` (which cannot run code) and on the next run
rebuilds the pattern the way unpickling would, so a cached pattern is the very
object a fresh compile gives.

It is keyed by the exact pattern text, flags, ``regex`` version and Python
version; a pattern with named lists (``\\L<name>``) is never cached. The file
lives in the user cache directory beside the rule cache (see
:mod:`factcheck.rule_cache`), is safe to delete, and ``FACTCHECK_NO_CACHE=1``
turns it off. :func:`install` is called once by the command line before any
check module is imported; library users get plain ``regex`` unless they call it.
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
from pathlib import Path
from typing import Any

import regex
from regex import _main as regex_main

FORMAT = 1
MAX_ENTRIES = 4000

_state: dict[str, Any] = {}


def _cache_file() -> Path | None:
    from factcheck.rule_cache import cache_dir

    rules_dir = cache_dir()
    if rules_dir is None:
        return None
    version = f"{regex.__version__}-py{sys.version_info[0]}{sys.version_info[1]}-{FORMAT}"
    return rules_dir.parent / f"regex-{version}.marshal"


def install() -> None:
    """Route ``regex.compile`` through the cache for the rest of the process (idempotent)."""
    if _state or os.environ.get("FACTCHECK_NO_CACHE"):
        return
    path = _cache_file()
    if path is None:
        return
    try:
        stored = marshal.loads(path.read_bytes())
        if not isinstance(stored, dict):
            stored = {}
    except (OSError, EOFError, ValueError, TypeError):
        stored = {}
    core = regex_main._regex
    original = regex.compile
    _state.update(path=path, stored=stored, used={}, new=0)

    def compile(pattern: Any, flags: int = 0, ignore_unused: bool = False, cache_pattern: bool | None = None, **kwargs: Any) -> Any:
        if kwargs or not isinstance(pattern, str) or not isinstance(flags, int):
            return original(pattern, flags, ignore_unused, cache_pattern, **kwargs)
        key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
        args = stored.get(key)
        if args is not None:
            try:
                compiled = core.compile(*args)  # what unpickling the pattern does
            except Exception:  # noqa: BLE001 - an unusable entry means: compile it properly
                compiled = None
            if compiled is not None:
                _state["used"][key] = args
                return compiled
        compiled = original(pattern, flags, ignore_unused, cache_pattern)
        args = getattr(compiled, "_pickled_data", None)
        if isinstance(args, tuple) and not compiled.flags & regex.LOCALE:  # locale patterns depend on the environment
            try:
                marshal.dumps(args)
            except ValueError:
                return compiled
            _state["used"][key] = args
            _state["new"] += 1
        return compiled

    regex.compile = compile
    _route_stdlib_re(stored)
    atexit.register(_save)


def _route_stdlib_re(stored: dict[Any, Any]) -> None:
    """The same for the standard library's ``re.compile`` (CPython's sre).

    ``re`` also compiles in Python (its parser and code generator), and the
    hot scanners of the number, date and name extractors, markdown-it-py and
    PyYAML compile dozens of patterns at import. What it builds is a list of
    opcodes handed to ``_sre.compile``, exactly as ``re._compiler.compile``
    does; an entry is keyed by this interpreter's exact version and sre's
    magic number, so another Python never reads it. Anything unexpected (a
    Python whose internals differ, a bytes or locale pattern, DEBUG) compiles
    the normal way.
    """
    import re

    try:
        import _sre
        from re import _compiler, _parser  # type: ignore[attr-defined]  # CPython internals, checked below

        interpreter = (sys.version, _sre.MAGIC, _sre.CODESIZE)
        _parser.parse, _compiler._code  # noqa: B018 - the internals this needs are there
    except (ImportError, AttributeError):
        return
    original = re.compile
    uncached = re.DEBUG | re.LOCALE | getattr(re, "TEMPLATE", 0)  # TEMPLATE: deprecated, and warns in re's own path
    built: dict[tuple[str, int], Any] = {}  # re memoises its compiles; so must this (some callers compile per call)

    def compile(pattern: Any, flags: int = 0) -> Any:
        if type(pattern) is not str or not isinstance(flags, int) or flags & uncached:
            return original(pattern, flags)
        done = built.get((pattern, flags))
        if done is not None:
            return done
        built[pattern, flags] = compiled = _compile_through_cache(pattern, flags)
        return compiled

    def _compile_through_cache(pattern: str, flags: int) -> Any:
        flags = int(flags)  # a RegexFlag cannot be marshalled
        key = ("re", pattern, flags, interpreter)
        args = stored.get(key)
        if args is not None:
            try:
                compiled = _sre.compile(*args)
            except Exception:  # noqa: BLE001 - an unusable entry means: compile it properly
                compiled = None
            if compiled is not None:
                _state["used"][key] = args
                return compiled
        try:
            parsed = _parser.parse(pattern, flags)
            code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are an int subclass marshal refuses
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            args = (pattern, flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
            compiled = _sre.compile(*args)
            marshal.dumps(args)
        except Exception:  # noqa: BLE001 - errors and anything unexpected: re's own path and message
            return original(pattern, flags)
        _state["used"][key] = args
        _state["new"] += 1
        return compiled

    re.compile = compile  # type: ignore[assignment]


def _save() -> None:
    """Write the cache when this run compiled patterns it had not seen (atomically; errors ignored)."""
    if not _state or not _state["new"]:
        return
    entries = dict(_state["stored"])
    entries.update(_state["used"])
    if len(entries) > MAX_ENTRIES:
        entries = dict(_state["used"])  # patterns of edited rules pile up: keep what this run used
    path: Path = _state["path"]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps(entries))
        os.replace(temporary, path)
    except (OSError, ValueError):
        pass
