"""How common a word is in English: Zipf frequencies shipped with the package.

The table (``factcheck/data/english_zipf.txt.gz``) is generated from the
``wordfreq`` package by ``scripts/build_word_frequencies.py``. Importing
wordfreq itself at run time would cost more than the CLI's whole start-up
budget; this table holds the ~90,000 letter-only English words with a Zipf
frequency of 2.0 or more (once per ten million words), rounded to a tenth:
a sorted word list and one character per word for its frequency. It loads
once per process, only when a check asks, in a few milliseconds (no
dictionary is built; a lookup bisects the sorted list, and the last 16,384
words looked up are remembered).

Zipf is log10 of frequency per billion words: 7 for "the", 5 for "election",
4 for "Putin", 3 for "Gonzales", 0 for a word that is not in the table.
"""

from __future__ import annotations

import bisect
import functools
import gzip
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "english_zipf.txt.gz"
MIN_ZIPF = 2.0  # the table's floor: scripts/build_word_frequencies.py
FIRST_CODE = ord("0")


@functools.cache
def _table() -> tuple[list[str], str]:
    _header, words, codes = gzip.decompress(DATA_FILE.read_bytes()).decode("utf-8").split("\n", 2)
    return words.split(" "), codes


# The same words come back article after article (52,756 look-ups of 11,165
# words over the 2,002 news articles): a bounded cache answers a repeat in a
# fifth of a bisection's time.
@functools.lru_cache(maxsize=1 << 14)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` (case-insensitive) in English; 0.0 when rarer than 2.0."""
    words, codes = _table()
    key = word.casefold()
    index = bisect.bisect_left(words, key)
    if index < len(words) and words[index] == key:
        return MIN_ZIPF + (ord(codes[index]) - FIRST_CODE) / 10
    return 0.0
