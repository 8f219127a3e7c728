"""A progress bar for long runs on a terminal, and only there.

Checking a whole archive takes long enough that an editor at a terminal
deserves to see it move; a pre-commit hook (a few files), a pipe, CI logs and
machine formats must get not one extra byte. The bar goes to stderr, vanishes
when done (``transient``) and rich is imported only when it is shown.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

PROGRESS_MIN_FILES = 50
HUMAN_FORMATS = frozenset({"rich", "concise"})


def wants_progress(fmt: str, files: int, quiet: bool = False, stream: TextIO | None = None) -> bool:
    """A bar only for a human format, more than ~50 files, and a terminal on ``stream`` (stderr)."""
    stream = stream if stream is not None else sys.stderr
    if quiet or fmt not in HUMAN_FORMATS or files <= PROGRESS_MIN_FILES:
        return False
    if os.environ.get("TERM") == "dumb" or os.environ.get("CI"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def progress_bar(total: int, enabled: bool, stream: TextIO | None = None) -> Iterator[Callable[[], None]]:
    """Yield ``advance()``, to call once per checked file; a no-op when not ``enabled``."""
    if not enabled:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=stream if stream is not None else sys.stderr)
    columns = (TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TextColumn("files"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("check", total=total)
        yield lambda: progress.advance(task)
