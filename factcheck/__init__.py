"""factcheck: a fact and figure checker for editors and newsrooms.

Library use::

    import factcheck
    findings = factcheck.check_text("Tuesday, July 29, 2024 ...", path="a.md")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "check_paths", "check_text", "load_rules"]

if TYPE_CHECKING:
    from factcheck.engine import check_paths, check_text
    from factcheck.rules import load_rules


def __getattr__(name: str) -> Any:
    # Lazy: `factcheck --version` and the CLI's start-up should not pay for
    # markdown-it, regex and YAML until a check actually runs.
    if name in ("check_text", "check_paths"):
        from factcheck import engine

        return getattr(engine, name)
    if name == "load_rules":
        from factcheck.rules import load_rules

        return load_rules
    raise AttributeError(name)
