"""Build factcheck/data/english_zipf.txt.gz: English word frequencies for name-variants.

Why a generated file instead of importing ``wordfreq`` at run time: wordfreq
loads a multi-megabyte msgpack table and pulls in its tokenizer dependencies,
which costs far more than the CLI's 150 ms start-up budget; the name check needs
only "how common is this word in English", for about 90,000 words. This script
keeps words written only in letters with a Zipf frequency of at least
``MIN_ZIPF`` (2.0 is about once per ten million words), rounds the frequency to
a tenth, and writes three lines: a header, the words in sorted order separated
by spaces, and one character per word for its frequency. Loading that is one
split and no dictionary (lookups bisect the sorted list), a few milliseconds.

Run it again (``python scripts/build_word_frequencies.py``) after upgrading
wordfreq; the output is deterministic for a given wordfreq version.
"""

from __future__ import annotations

import gzip
from importlib.metadata import version
from pathlib import Path

import regex
import wordfreq

MIN_ZIPF = 2.0
# Frequencies are stored one character per word: chr(FIRST_CODE + tenths above MIN_ZIPF).
FIRST_CODE = ord("0")
LETTERS_ONLY = regex.compile(r"\p{L}+")
OUTPUT = Path(__file__).resolve().parent.parent / "factcheck" / "data" / "english_zipf.txt.gz"


def main() -> None:
    zipfs: dict[str, int] = {}
    for word in wordfreq.iter_wordlist("en"):
        zipf = wordfreq.zipf_frequency(word, "en")
        if zipf < MIN_ZIPF:
            break
        if LETTERS_ONLY.fullmatch(word):
            zipfs[word] = round(zipf * 10)
    words = sorted(zipfs)
    codes = "".join(chr(FIRST_CODE + zipfs[word] - round(MIN_ZIPF * 10)) for word in words)
    header = f"# English Zipf frequencies from wordfreq {version('wordfreq')} (words >= {MIN_ZIPF}); see {Path(__file__).name}"
    data = "\n".join([header, " ".join(words), codes]) + "\n"
    # mtime=0 keeps the bytes identical between runs.
    OUTPUT.write_bytes(gzip.compress(data.encode("utf-8"), mtime=0))
    print(f"wrote {OUTPUT} ({len(words)} words, {OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
