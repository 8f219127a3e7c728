"""A cache of parsed rule files, keyed by their contents.

PyYAML is pure Python here: parsing the built-in rule pack (with its examples)
costs more than a pre-commit hook's whole check of one article, on every run.
The parsed YAML (mappings and lists with their line numbers, so error messages
still name ``file:line``) is stored once per distinct file content and read
back with :mod:`marshal`, which is built in and cannot run code.

Safe to delete at any time; it lives in the user's cache directory, never next
to checked files: ``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``,
else ``~/.cache/factcheck`` (``%LOCALAPPDATA%`` on Windows). Any problem
reading or writing it (read-only home, a corrupt entry) means a normal parse.
Set ``FACTCHECK_NO_CACHE=1`` to bypass it.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from factcheck import yaml_lines
from factcheck.yaml_lines import LineDict, LineList

# Bump when the stored shape or the YAML loader's behaviour changes.
FORMAT = b"factcheck-rules-2"
MAX_ENTRIES = 256


def cache_dir() -> Path | None:
    """Where cached rule files go, or None when caching is off."""
    if os.environ.get("FACTCHECK_NO_CACHE"):
        return None
    explicit = os.environ.get("FACTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit) / "rules"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        base = Path(xdg)
    elif sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    else:
        base = Path.home() / ".cache"
    return base / "factcheck" / "rules"


def _encode(value: Any) -> Any:
    """YAML values → marshal-able data; tuples are tags (safe YAML never makes tuples)."""
    if isinstance(value, LineDict):
        return ("m", value.line, [(_encode(k), _encode(v), value.key_lines.get(k, 0)) for k, v in value.items()])
    if isinstance(value, LineList):
        return ("s", value.line, [_encode(v) for v in value], list(value.item_lines))
    if isinstance(value, dt.datetime):
        return ("dt", value.isoformat())
    if isinstance(value, dt.date):
        return ("d", value.isoformat())
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return value
    raise TypeError(type(value).__name__)  # not cacheable: parse this file every time


def _decode(value: Any) -> Any:
    if not isinstance(value, tuple):
        return value
    tag = value[0]
    if tag == "m":
        mapping = LineDict()
        mapping.line = value[1]
        mapping.key_lines = {}
        for raw_key, raw_value, key_line in value[2]:
            key = _decode(raw_key)
            mapping[key] = _decode(raw_value)
            mapping.key_lines[key] = key_line
        return mapping
    if tag == "s":
        items = LineList(_decode(v) for v in value[2])
        items.line = value[1]
        items.item_lines = list(value[3])
        return items
    if tag == "dt":
        return dt.datetime.fromisoformat(value[1])
    if tag == "d":
        return dt.date.fromisoformat(value[1])
    raise ValueError(f"unknown cache tag {tag!r}")


def _identity(text: str) -> bytes:
    """What an entry must have been made from: the format, the YAML loader's own
    source (a change to how YAML is read never meets a stale entry) and the text."""
    loader_source = Path(yaml_lines.__file__).read_bytes()
    return FORMAT + b"\0" + loader_source + b"\0" + text.encode("utf-8", "surrogatepass")


def _entry_name(identity: bytes) -> str:
    # A checksum only names the file; the entry stores its identity and is used
    # only when that matches exactly, so a collision costs a parse, never a wrong
    # rule. (zlib, not hashlib: importing OpenSSL cost more than this saves.)
    return f"{zlib.crc32(identity):08x}{zlib.adler32(identity):08x}{len(identity):x}.marshal"


def load_documents(text: str, name: str) -> list[Any]:
    """Every YAML document in a rule file's ``text``, from the cache when its contents were seen before.

    Errors are never cached: a file that fails to parse raises ConfigError
    (naming ``name:line``) on every run, exactly as without the cache.
    """
    directory = cache_dir()
    if directory is None:
        return yaml_lines.load_all(text, name)
    entry: Path | None = None
    identity = b""
    try:
        identity = _identity(text)
        entry = directory / _entry_name(identity)
        stored_identity, stored = marshal.loads(entry.read_bytes())
        if stored_identity == identity:
            return [_decode(document) for document in stored]
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        pass  # missing or unreadable: parse, then try to store
    documents = yaml_lines.load_all(text, name)
    try:
        data = marshal.dumps((identity, [_encode(document) for document in documents]))
    except (TypeError, ValueError):
        return documents
    if entry is not None:
        _store(directory, entry, data)
    return documents


def _store(directory: Path, entry: Path, data: bytes) -> None:
    """Write atomically (a reader never sees half a file); a full or read-only disk is not an error."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, entry)
        entries = list(directory.glob("*.marshal"))
        if len(entries) > MAX_ENTRIES:
            # Old contents of edited rule files: drop the least recently written.
            entries.sort(key=lambda p: p.stat().st_mtime)
            for stale in entries[: len(entries) - MAX_ENTRIES]:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
