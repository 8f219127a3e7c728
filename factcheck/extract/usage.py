"""Which of several spellings a document prefers: shared by every either-or check."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

K = TypeVar("K")


def most_used(forms: Mapping[K, Sequence[tuple[int, int]]]) -> K:
    """The form with the most uses; on a tie, the one used first.

    An article's own majority is the best evidence of what its writer meant,
    and on a tie the first use is the writer's choice before the slip (Vale's
    consistency check flags the later form too).
    """
    return max(forms, key=lambda form: (len(forms[form]), -min(start for start, _ in forms[form])))
