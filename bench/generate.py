"""Deterministic generator of news-style Markdown for the benchmark.

Every word here is invented for this project: the articles look like what a
newsroom files (front matter, a dateline, named people who are later called by
surname, weekdays next to dates, vote shares and percentages, links of every
Markdown kind, tables, code blocks, quotations, lists) so that every check has
work to do, but none of it is copied from a real article.

A few editorial slips are planted at a low rate (a weekday that does not match
its date, a placeholder link, shares that add up past 100%, a surname spelled
two ways) so that the checks produce findings and ``--jobs`` output can be
compared byte for byte.

Usage::

    python bench/generate.py corpus OUT_DIR [--count 1000] [--seed 1]
    python bench/generate.py single OUT_FILE --size 1000000 [--seed 1]
    python bench/generate.py article OUT_FILE [--seed 1]

The same arguments always give the same bytes (``random.Random(seed)``; no
clock, no hash randomisation).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

FIRST_NAMES = (
    "Amara", "Bastian", "Carlota", "Dmitri", "Elspeth", "Farid", "Greta", "Hollis", "Ines", "Jurgen",
    "Keziah", "Lorcan", "Maelle", "Nikolai", "Oona", "Priya", "Quentin", "Rosalind", "Soren", "Talia",
    "Ulrike", "Vikram", "Wilhelmina", "Xavier", "Yusra", "Zoltan", "Agnieszka", "Benedikt", "Chiamaka",
    "Desmond", "Eulalia", "Fennimore", "Giedre", "Haruto", "Isolde", "Jovan", "Katalin", "Leopold",
)
SURNAMES = (
    "Abernethy", "Balogun", "Castellanos", "Drummond", "Eberhardt", "Fairweather", "Gallagher", "Haverford",
    "Ibarra", "Jablonski", "Kowalczyk", "Lindqvist", "Mbeki-Hart", "Nakashima", "Okonkwo", "Pemberton",
    "Quarrie", "Rasmussen", "Szczepanski", "Thistlewood", "Underhill", "Valderrama", "Whitcombe", "Xenakis",
    "Yardley", "Zielinski", "Achterberg", "Brannigan", "Coldwater", "Delacroix-Ames", "Esterhazy", "Fonseca",
)
TITLES = (
    "Mayor", "Councillor", "Minister", "Senator", "Dr", "Professor", "Chief Inspector", "Judge", "Governor",
    "spokeswoman", "spokesman", "chief executive", "union leader", "opposition leader",
)
PLACES = (
    "Port Alder", "Kestrel Bay", "New Hollin", "Marrowgate", "Saint Ives-on-Leam", "Brackenfield",
    "Lower Tansey", "Oakhurst", "Windle Cross", "the Varden Valley", "Eastmere", "Greyhaven", "Corran",
)
ORGANISATIONS = (
    "the Harbour Authority", "the Regional Water Board", "the National Statistics Office", "Alder Freight",
    "the Teachers' Federation", "the Ministry of Transport", "the Coastal Trust", "Meridian Bank",
    "the Electoral Commission", "the Hospital Trust", "Tansey Mills", "the Rail Passengers' Forum",
)
PARTIES = (
    "Progress Alliance", "Civic Union", "Green Horizon", "Labour Front", "Liberal Centre", "Rural League",
    "People's Voice", "Independents",
)
TOPICS = (
    "the harbour expansion", "the water tariff", "the school funding formula", "the new rail timetable",
    "the hospital merger", "the flood defences", "the housing levy", "the bus franchise", "the budget",
    "the bridge repairs", "the minimum wage review", "the library closures",
)
VERBS_SAID = ("said", "told reporters", "wrote in a statement", "said on social media", "told the committee", "added")
ADJECTIVES = (
    "sharp", "modest", "unexpected", "long-awaited", "contested", "record", "temporary", "sweeping",
    "gradual", "disputed", "provisional", "cautious",
)
NOUNS = (
    "increase", "decline", "review", "settlement", "shortfall", "rebound", "overhaul", "delay", "surplus",
    "agreement", "inquiry", "recount",
)
DOMAINS = ("example.org", "example.com", "example.net", "news.example", "stats.example.gov", "archive.example")
LANGUAGE_SNIPPETS = (
    ("python", "import csv\n\nwith open('turnout.csv') as f:\n    rows = list(csv.DictReader(f))\nprint(sum(float(r['share']) for r in rows))"),
    ("sql", "SELECT district, SUM(votes) AS total\nFROM results\nWHERE year = 2024\nGROUP BY district\nORDER BY total DESC;"),
    ("json", '{\n  "district": "Eastmere",\n  "turnout": 61.4,\n  "updated": "2024-05-03T10:00:00Z"\n}'),
    ("", "$ curl -s https://stats.example.gov/api/v2/turnout?year=2024 | jq '.districts[] | .share'"),
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)


class ArticleWriter:
    """Writes one article from a seeded random source; the methods are its paragraph types."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.index = index
        self.date = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(0, 2400))
        self.place = rng.choice(PLACES)
        self.topic = rng.choice(TOPICS)
        self.people = [self.new_person() for _ in range(rng.randint(2, 6))]
        self.mentioned: set[int] = set()
        self.references: list[tuple[str, str]] = []
        self.footnotes: list[str] = []
        self.slip_rate = 0.03

    def new_person(self) -> tuple[str, str, str]:
        rng = self.rng
        return (rng.choice(FIRST_NAMES), rng.choice(SURNAMES), rng.choice(TITLES))

    def _slip(self) -> bool:
        return self.rng.random() < self.slip_rate

    def name(self) -> str:
        """Full name with title on first mention, surname after (a slip misspells it)."""
        index = self.rng.randrange(len(self.people))
        first, last, title = self.people[index]
        if index not in self.mentioned:
            self.mentioned.add(index)
            return f"{title} {first} {last}" if title[0].isupper() else f"{first} {last}, the {title},"
        if self._slip() and len(last) > 5:
            cut = self.rng.randrange(2, len(last) - 1)
            return last[:cut] + last[cut + 1 :]
        return last

    def nearby_date(self) -> tuple[dt.date, str]:
        day = self.date - dt.timedelta(days=self.rng.randint(0, 9))
        weekday = WEEKDAYS[day.weekday()]
        if self._slip():
            weekday = WEEKDAYS[(day.weekday() + 1) % 7]
        style = self.rng.random()
        if style < 0.4:
            return day, f"{weekday}, {MONTHS[day.month - 1]} {day.day}"
        if style < 0.7:
            return day, f"on {weekday}"
        if style < 0.85:
            return day, f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        return day, f"{MONTHS[day.month - 1]} {day.day}, {day.year}"

    def percent(self) -> str:
        value = self.rng.uniform(0.3, 97)
        return f"{value:.1f}%" if self.rng.random() < 0.6 else f"{round(value)} per cent"

    def link(self, text: str) -> str:
        rng = self.rng
        roll = rng.random()
        url = f"https://{rng.choice(DOMAINS)}/{self.date.year}/{rng.choice(NOUNS)}-{rng.randrange(10_000)}"
        if self._slip():
            return f"[{text}](#)"
        if roll < 0.55:
            return f"[{text}]({url})"
        if roll < 0.75:
            label = f"ref{self.index}-{len(self.references) + 1}"
            self.references.append((label, url))
            return f"[{text}][{label}]"
        if roll < 0.85:
            return f"{text} (<{url}>)"
        if roll < 0.93:
            return f"[{text}](#background)"
        self.footnotes.append(f"Figures supplied by {rng.choice(ORGANISATIONS)} on request.")
        return f"{text}[^{len(self.footnotes)}]"

    @staticmethod
    def a(word: str) -> str:
        return ("an " if word[0] in "aeiou" else "a ") + word

    def sentence(self) -> str:
        rng = self.rng
        _, when = self.nearby_date()
        forms = (
            lambda: f"{self.name()} {rng.choice(VERBS_SAID)} that {self.topic} would face {self.a(rng.choice(ADJECTIVES))} {rng.choice(NOUNS)} {when}.",
            lambda: f"Figures from {self.link(rng.choice(ORGANISATIONS))} show {self.a(rng.choice(ADJECTIVES))} {rng.choice(NOUNS)} of {self.percent()} since {rng.choice(MONTHS)}.",
            lambda: f"\"We were never consulted about {self.topic},\" {self.name()} {rng.choice(VERBS_SAID)}, adding that {rng.randint(2, 900):,} residents had signed a petition.",
            lambda: f"The council in {self.place} voted {rng.randint(5, 30)} to {rng.randint(1, 12)} {when} to approve {self.a(rng.choice(ADJECTIVES))} {rng.choice(NOUNS)}.",
            lambda: f"Turnout was {self.percent()}, against {self.percent()} at the previous count, according to {rng.choice(ORGANISATIONS)}.",
            lambda: f"{self.name()} met {self.name()} in {rng.choice(PLACES)} {when}; neither would comment on {self.topic}.",
            lambda: f"About {rng.randint(2, 95)}% of the {rng.randint(100, 99_999):,} households surveyed said they supported {self.topic}, while {rng.randint(1, 40)}% were opposed.",
            lambda: f"Costs rose to ${rng.randint(2, 900)}.{rng.randint(0, 9)} million, up from ${rng.randint(1, 500)} million, in what {self.name()} called `a rounding error` on {self.link('the published accounts')}.",
            lambda: f"Officials expect the work to finish by {rng.choice(MONTHS)} {self.date.year + rng.randint(0, 3)}, {rng.randint(2, 30)} months later than planned.",
        )
        return rng.choice(forms)()

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 6)))

    def vote_table(self) -> str:
        rng = self.rng
        parties = rng.sample(PARTIES, rng.randint(3, 6))
        weights = [rng.random() + 0.05 for _ in parties]
        total = sum(weights)
        shares = [round(100 * w / total, 1) for w in weights]
        if self._slip():
            shares[0] = round(shares[0] + rng.uniform(3, 15), 1)
        seats = [rng.randint(0, 40) for _ in parties]
        rows = ["| Party | Share | Seats |", "| --- | ---: | ---: |"]
        rows += [f"| {party} | {share}% | {seat} |" for party, share, seat in zip(parties, shares, seats)]
        caption = f"Provisional results in {self.place}, as published by {self.link('the Electoral Commission')}:"
        return caption + "\n\n" + "\n".join(rows)

    def share_sentence(self) -> str:
        rng = self.rng
        parties = rng.sample(PARTIES, 3)
        a = rng.uniform(20, 55)
        b = rng.uniform(10, 100 - a - 5)
        c = 100 - a - b - rng.uniform(0, 4)
        if self._slip():
            c += rng.uniform(4, 12)
        return (
            f"In the vote {self.nearby_date()[1]}, the {parties[0]} won {a:.1f}% of the vote, "
            f"the {parties[1]} {b:.1f}% and the {parties[2]} {c:.1f}%."
        )

    def code_block(self) -> str:
        language, code = self.rng.choice(LANGUAGE_SNIPPETS)
        return f"Readers who want to check the figures can run:\n\n```{language}\n{code}\n```"

    def quote_block(self) -> str:
        return f"> \"{self.paragraph()}\"\n>\n> — {self.name()}"

    def bullet_list(self) -> str:
        items = [f"- {self.sentence()}" for _ in range(self.rng.randint(3, 6))]
        return f"Key points from {self.link('the report')}:\n\n" + "\n".join(items)

    def html_snippet(self) -> str:
        return f'<p class="note">Correction: an earlier version gave the wrong date for {self.topic}. See <a href="https://{self.rng.choice(DOMAINS)}/corrections">corrections</a>.</p>'

    def body_blocks(self, target_chars: int) -> Iterator[str]:
        rng = self.rng
        written = 0
        previous_heading = False
        while written < target_chars:
            roll = rng.random()
            if roll < 0.60:
                block = self.paragraph()
            elif roll < 0.68:
                block = self.share_sentence()
            elif roll < 0.74:
                block = self.vote_table()
            elif roll < 0.80:
                block = self.quote_block()
            elif roll < 0.86:
                block = self.bullet_list()
            elif roll < 0.90:
                block = self.code_block()
            elif roll < 0.92:
                block = self.html_snippet()
            elif written and not previous_heading:
                block = f"## {rng.choice(('Reaction', 'What happens next', 'The numbers', 'Analysis', 'Context'))}"
            else:
                block = self.paragraph()
            previous_heading = block.startswith("## ")
            written += len(block) + 2
            yield block

    def article(self, target_chars: int) -> str:
        rng = self.rng
        title = f"{self.place} {rng.choice(('approves', 'delays', 'rejects', 'reviews'))} {self.topic.removeprefix('the ')}"
        head = [
            "---",
            f'title: "{title}"',
            f"date: {self.date.isoformat()}" if rng.random() < 0.8 else f"author: {self.people[0][0]} {self.people[0][1]}",
            "---",
            "",
            f"{WEEKDAYS[self.date.weekday()]}, {MONTHS[self.date.month - 1]} {self.date.day}, {self.date.year}",
            "",
            f"# {title}",
        ]
        body = list(self.body_blocks(target_chars))
        tail = ["## Background", f"Earlier coverage of {self.topic} is in {self.link('our archive')}."]
        tail += [f"[^{n}]: {note}" for n, note in enumerate(self.footnotes, 1)]
        tail += [f"[{label}]: {url}" for label, url in self.references]
        return "\n".join(head) + "\n\n" + "\n\n".join(body + tail) + "\n"


def article_length(rng: random.Random) -> int:
    """Body length in characters: mostly 1-8 KB like wire copy, a long tail of features."""
    return int(min(60_000, max(400, rng.lognormvariate(8.2, 0.7))))


def article(seed: int, index: int) -> str:
    """The ``index``-th article of a corpus (independent of how many are generated)."""
    rng = random.Random(f"{seed}:{index}")
    return ArticleWriter(rng, index).article(article_length(rng))


def write_corpus(out: Path, count: int, seed: int = 1) -> list[Path]:
    """``count`` articles in ``out`` (created), in two subfolders like a newsroom archive."""
    paths = []
    for index in range(count):
        folder = out / ("politics" if index % 3 else "business")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"article-{index:05d}.md"
        path.write_text(article(seed, index), encoding="utf-8")
        paths.append(path)
    return paths


def single_document(size: int, seed: int = 1) -> str:
    """One long Markdown document of about ``size`` characters: one front matter, many sections.

    Built from the same writer so that a 10 MB file is ten 1 MB files' worth of
    the same kind of prose (what the linear-cost comparison needs).
    """
    rng = random.Random(f"{seed}:single")
    writer = ArticleWriter(rng, 0)
    parts = [writer.article(4000)]
    written = len(parts[0])
    chapter = 0
    while written < size:
        chapter += 1
        writer.people = [writer.new_person() for _ in range(rng.randint(2, 6))]
        writer.mentioned = set()
        writer.references = []
        writer.footnotes = []
        blocks = [f"## Chapter {chapter}", *writer.body_blocks(6000)]
        blocks += [f"[{label}]: {url}" for label, url in writer.references]
        chunk = "\n\n".join(blocks) + "\n\n"
        parts.append(chunk)
        written += len(chunk)
    return "".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    corpus = sub.add_parser("corpus", help="N articles in a directory")
    corpus.add_argument("out", type=Path)
    corpus.add_argument("--count", type=int, default=1000)
    corpus.add_argument("--seed", type=int, default=1)
    single = sub.add_parser("single", help="one document of about --size characters")
    single.add_argument("out", type=Path)
    single.add_argument("--size", type=int, default=1_000_000)
    single.add_argument("--seed", type=int, default=1)
    one = sub.add_parser("article", help="one article")
    one.add_argument("out", type=Path)
    one.add_argument("--seed", type=int, default=1)
    one.add_argument("--index", type=int, default=0)
    args = parser.parse_args(argv)
    if args.command == "corpus":
        paths = write_corpus(args.out, args.count, args.seed)
        print(f"wrote {len(paths)} articles, {sum(p.stat().st_size for p in paths):,} bytes, to {args.out}")
    elif args.command == "single":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(single_document(args.size, args.seed), encoding="utf-8")
        print(f"wrote {args.out.stat().st_size:,} bytes to {args.out}")
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(article(args.seed, args.index), encoding="utf-8")


if __name__ == "__main__":
    main()
