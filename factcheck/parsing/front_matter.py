"""YAML front matter (``---`` … ``---`` at the top of a Markdown file)."""

from __future__ import annotations

from typing import Any

import regex
import yaml

_CLOSE = regex.compile(r"^(?:---|\.\.\.)[ \t]*$", regex.MULTILINE)
# libyaml's safe loader when PyYAML was built with it: the same YAML, ~10x faster
# than the pure-Python one, which was a few per cent of a corpus run.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_front_matter(text: str) -> tuple[int, dict[str, Any]]:
    """Return (offset where the body starts, parsed mapping).

    Malformed front matter is treated as absent data but still not prose:
    it is metadata the editor wrote, not article text.
    """
    if not text.startswith("---\n"):
        return 0, {}
    close = _CLOSE.search(text, 4)
    if close is None:
        return 0, {}
    end = close.end()
    try:
        data = yaml.load(text[4 : close.start()], Loader=_LOADER)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, UnicodeEncodeError):  # libyaml reads UTF-8: a lone surrogate cannot be encoded
        data = None
    except (ValueError, OverflowError, RecursionError):
        # Well-formed YAML that does not build: ``date: 2020-13-01`` (the
        # timestamp constructor raises ValueError) or nesting deeper than the
        # stack. One article's typo crashed the whole run with a traceback.
        data = None
    return end, data if isinstance(data, dict) else {}
