"""A cache of compiled regular expressions across runs, keyed by pattern and flags.

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
    atexit.register(_save)


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
