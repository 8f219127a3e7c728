"""How common a word is in English: Zipf frequencies shipped with the package.

The table (``factcheck/data/english_zipf.txt.gz``) is generated from the
``wordfreq`` package by ``scripts/build_word_frequencies.py``. Importing
wordfreq itself at run time would cost more than the CLI's whole start-up
budget; this table holds the ~90,000 letter-only English words with a Zipf
frequency of 2.0 or more (once per ten million words), rounded to a tenth, and
loads in a few tens of milliseconds, once per process and only when a check
asks for it.

Zipf is log10 of frequency per billion words: 7 for "the", 5 for "election",
4 for "Putin", 3 for "Gonzales", 0 for a word that is not in the table.
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "english_zipf.txt.gz"


@functools.cache
def _table() -> dict[str, float]:
    raw = DATA_FILE.read_bytes()
    table: dict[str, float] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        zipf, _, words = line.partition(" ")
        table.update(dict.fromkeys(words.split(), float(zipf)))
    return table


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` (case-insensitive) in English; 0.0 when rarer than 2.0."""
    return _table().get(word.casefold(), 0.0)
