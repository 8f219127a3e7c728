"""Check kinds: one module per kind, found by module name.

A kind named ``dangling-link`` lives in ``factcheck/checks/dangling_link.py``
and provides:

* ``Params``: a frozen dataclass of the kind's YAML parameters (validated by
  :mod:`factcheck.params`; compile regexes and lists once, in ``__post_init__``);
* ``check(document, rule) -> Iterable[Finding]``: a pure function;
* a module docstring with the sections *What it does*, *Why is this bad?*,
  *Example* and *Use instead* (shown by ``factcheck rules show``).

Adding a kind is adding a module; nothing here or in the engine names one.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from factcheck.document import Document
    from factcheck.findings import Finding
    from factcheck.rules import Rule


class CheckKind(Protocol):
    Params: type[Any]

    def check(self, document: Document, rule: Rule) -> Iterable[Finding]: ...


def available_kinds() -> list[str]:
    """Every kind this installation provides, by its ``kind:`` name."""
    return sorted(
        info.name.replace("_", "-") for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")
    )


@functools.cache
def load_kind(name: str) -> ModuleType:
    """The module implementing ``kind: name``; KeyError if there is none."""
    if name not in available_kinds():
        raise KeyError(name)
    return importlib.import_module(f"{__name__}.{name.replace('-', '_')}")
