"""Which files a run checks: paths as given, directories walked, .gitignore honoured."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.document import CHECKED_SUFFIXES

if TYPE_CHECKING:
    import pathspec

ALWAYS_SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"})
STDIN = "-"


@dataclass(frozen=True)
class Target:
    """A file to check: ``path`` as reported, ``file`` as opened (None for stdin)."""

    path: str
    file: Path | None
    missing: bool = False
    problem: str | None = None  # why it cannot be read, found while walking (an unreadable directory)


def _gitignore(directory: Path) -> pathspec.GitIgnoreSpec | None:
    candidate = directory / ".gitignore"
    try:
        lines = candidate.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return _spec(lines)


def _spec(lines: list[str]) -> pathspec.GitIgnoreSpec:
    # pathspec is imported on first use: a run over files named on the command
    # line (a pre-commit hook) never reads a .gitignore and skips its ~10 ms import.
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _ignored(relative_parts: tuple[str, ...], specs: list[tuple[tuple[str, ...], pathspec.GitIgnoreSpec]], is_dir: bool) -> bool:
    for base, spec in specs:
        rel = "/".join(relative_parts[len(base) :]) + ("/" if is_dir else "")
        if spec.match_file(rel):
            return True
    return False


def _parent_specs(root: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
    """.gitignore files above a walked directory, up to the repository top,
    each with the directory its patterns are relative to."""
    specs: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
    current = root.resolve()
    for parent in current.parents:
        spec = _gitignore(parent)
        if spec is not None:
            specs.append((parent, spec))
        if (parent / ".git").exists():
            break
    return specs


def _ignored_above(path: Path, parent_specs: list[tuple[Path, pathspec.GitIgnoreSpec]]) -> bool:
    # Relative to each .gitignore's own directory, as git reads it: matched
    # against the absolute path, `tmp/` ignored every file of a checkout
    # under /tmp and `/drafts/x.md` (anchored) ignored nothing.
    return any(spec.match_file(path.relative_to(base).as_posix()) for base, spec in parent_specs)


def _not_a_document(path: Path) -> bool:
    """A FIFO, socket or device found in a walk: opening a FIFO blocks until a
    writer comes, so a stray ``notes.md`` pipe hung the whole run. A file named
    on the command line is still read (``factcheck check <(curl ...)``), and a
    dangling symlink is kept so that it is reported as unreadable."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


def _shown(directory: str, parts: tuple[str, ...]) -> str:
    return os.path.join(*parts) if os.path.normpath(directory) == "." else os.path.join(directory, *parts)


def walk(directory: str, exclude: pathspec.GitIgnoreSpec | None = None) -> Iterator[Target]:
    root = Path(directory)
    parent_specs = _parent_specs(root)
    resolved_root = root.resolve()
    specs: list[tuple[tuple[str, ...], pathspec.GitIgnoreSpec]] = []
    found: list[Target] = []

    def unreadable(error: OSError) -> None:
        # os.walk skips a directory it cannot list without a word; an
        # unreadable folder of articles must fail the run, not pass it.
        where = Path(error.filename or directory)
        parts = where.relative_to(root).parts if where.is_relative_to(root) else ()
        shown = _shown(directory, parts) if parts else directory
        found.append(Target(shown, where, problem=f"cannot read directory: {error.strerror or error}"))

    for current, dirnames, filenames in os.walk(root, onerror=unreadable):
        current_path = Path(current)
        rel_parts = current_path.relative_to(root).parts
        spec = _gitignore(current_path)
        if spec is not None:
            specs.append((rel_parts, spec))
        kept = []
        for name in sorted(dirnames):
            parts = (*rel_parts, name)
            if name in ALWAYS_SKIPPED_DIRS or _ignored(parts, specs, True):
                continue
            if exclude is not None and exclude.match_file("/".join(parts) + "/"):
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in filenames:
            if not name.lower().endswith(CHECKED_SUFFIXES):
                continue
            parts = (*rel_parts, name)
            if _ignored(parts, specs, False):
                continue
            absolute = current_path / name
            if _not_a_document(absolute):
                continue
            if _ignored_above(resolved_root.joinpath(*parts), parent_specs):
                continue
            if exclude is not None and exclude.match_file("/".join(parts)):
                continue
            found.append(Target(_shown(directory, parts), absolute))
    yield from sorted(found, key=lambda t: t.path)


def discover(paths: Iterable[str], exclude: Iterable[str] = ()) -> list[Target]:
    """Expand command-line paths into targets, in a stable order.

    Files named explicitly are always checked (whatever their suffix);
    directories contribute their .md/.markdown/.txt/.html/.htm files.
    """
    exclude_spec = _spec(list(exclude)) if exclude else None
    targets: list[Target] = []
    seen: set[str] = set()
    for given in paths:
        if given == STDIN:
            candidates: Iterable[Target] = [Target(STDIN, None)]
        elif os.path.isdir(given):
            candidates = walk(given, exclude_spec)
        elif os.path.exists(given):
            candidates = [Target(given, Path(given))]
        else:
            candidates = [Target(given, Path(given), missing=True)]
        for target in candidates:
            # One file named two ways (a.md ./a.md /abs/a.md, or a symlink to
            # it) is checked and reported once, under the first name given.
            key = target.path if target.file is None or target.missing else os.path.realpath(target.file)
            if key not in seen:
                seen.add(key)
                targets.append(target)
    return targets
