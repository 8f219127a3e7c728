"""Build factcheck/data/english_zipf.txt.gz: English word frequencies for name-variants.

Why a generated file instead of importing ``wordfreq`` at run time: wordfreq
loads a multi-megabyte msgpack table and pulls in its tokenizer dependencies,
which costs far more than the CLI's 150 ms start-up budget; the name check needs
only "how common is this word in English", for about 90,000 words. This script
keeps words written only in letters with a Zipf frequency of at least
``MIN_ZIPF`` (2.0 is about once per ten million words), rounds the frequency to
a tenth and writes one line per tenth: ``<zipf> <word> <word> ...``.

Run it again (``python scripts/build_word_frequencies.py``) after upgrading
wordfreq; the output is deterministic for a given wordfreq version.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from importlib.metadata import version

import regex
import wordfreq

MIN_ZIPF = 2.0
LETTERS_ONLY = regex.compile(r"\p{L}+")
OUTPUT = Path(__file__).resolve().parent.parent / "factcheck" / "data" / "english_zipf.txt.gz"


def main() -> None:
    by_tenth: dict[int, list[str]] = {}
    for word in wordfreq.iter_wordlist("en"):
        zipf = wordfreq.zipf_frequency(word, "en")
        if zipf < MIN_ZIPF:
            break
        if LETTERS_ONLY.fullmatch(word):
            by_tenth.setdefault(round(zipf * 10), []).append(word)
    lines = [f"# English Zipf frequencies from wordfreq {version('wordfreq')} (words >= {MIN_ZIPF}); see {Path(__file__).name}"]
    for tenth in sorted(by_tenth, reverse=True):
        lines.append(f"{tenth / 10:.1f} " + " ".join(sorted(by_tenth[tenth])))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    # mtime=0 keeps the bytes identical between runs.
    OUTPUT.write_bytes(gzip.compress(data, mtime=0))
    print(f"wrote {OUTPUT} ({sum(map(len, by_tenth.values()))} words, {OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
