"""Document loading: decoding, the source map, the prose mask, blocks and links."""

from __future__ import annotations

import datetime as dt

from factcheck.document import decode, from_text, looks_binary

from conftest import doc


def test_crlf_positions_match_the_file() -> None:
    d = doc("first line\r\nsecond TK here\r\n")
    offset = d.text.index("TK")
    assert d.position(offset) == (2, 8)
    assert "\r" not in d.text


def test_lone_cr_counts_as_a_line_break() -> None:
    d = doc("one\rtwo TK")
    assert d.position(d.text.index("TK")) == (2, 5)


def test_bom_is_stripped_and_columns_start_at_one() -> None:
    decoded = decode("\ufeffTK first".encode())
    assert decoded.text == "TK first"
    assert not decoded.problems


def test_invalid_utf8_is_replaced_and_reported_with_position() -> None:
    decoded = decode(b"ok\nbad \xff byte")
    assert "\ufffd" in decoded.text
    assert decoded.problems and "line 2, column 5" in decoded.problems[0]


def test_binary_detection() -> None:
    assert looks_binary(b"PK\x03\x04\x00\x00")
    assert not looks_binary("plain text é".encode())


def test_columns_count_characters_not_bytes() -> None:
    d = doc("Ré­sumé: Gonzàlez TK")
    assert d.position(d.text.index("TK")) == (1, len("Ré­sumé: Gonzàlez ") + 1)


def test_code_inline_code_urls_comments_front_matter_are_not_prose() -> None:
    text = (
        "---\ntitle: Code TK\n---\n\n"
        "Prose `code TK` and https://example.com/TK and <!-- TK --> end.\n\n"
        "```\nfenced TK\n```\n\n"
        "    indented TK\n"
    )
    d = doc(text)
    assert len(d.prose) == len(d.text)
    assert "TK" not in d.prose
    assert "Prose" in d.prose and "end." in d.prose


def test_bare_urls_in_any_case_are_not_prose() -> None:
    """Bare URLs are found only in texts that mention http, ftp:// or www.
    (a cheap gate before the regex): the gate must not miss upper case."""
    for url in ("HTTP://EXAMPLE.COM/TK", "Https://x.org/TK", "WWW.EXAMPLE.COM/TK", "FTP://files.example/TK"):
        d = doc(f"Read {url} today.")
        assert "TK" not in d.prose, url
        assert "Read" in d.prose and "today." in d.prose
    # Only ranges where a URL can start are scanned: a later paragraph, a table
    # cell, and offsets after a letter that lower() lengthens ("İ") still count.
    d = doc("First paragraph.\n\n| a | b |\n|---|---|\n| x | see www.example.com/TK |\n\nİstanbul: HTTP://x.org/TK ok.\n")
    assert "TK" not in d.prose
    assert "ok." in d.prose and "İstanbul:" in d.prose


def test_link_text_is_prose_but_target_is_not() -> None:
    d = doc("See [the report](https://example.com/x \"Title\") now.")
    assert "the report" in d.prose
    assert "example.com" not in d.prose and "Title" not in d.prose
    (link,) = d.links
    assert d.text[link.start : link.end] == '[the report](https://example.com/x "Title")'
    assert link.target == "https://example.com/x"
    assert d.text[link.text_start : link.text_end] == "the report"


def test_link_spans_with_nested_and_escaped_brackets_and_line_breaks() -> None:
    text = "A [link [with] nested](#) and \\[not a link\\](#x).\nA [two\nline](#) link."
    d = doc(text)
    spans = [d.text[link.start : link.end] for link in d.links]
    assert spans == ["[link [with] nested](#)", "[two\nline](#)"]
    assert d.position(d.links[1].start) == (2, 3)


def test_link_positions_inside_containers() -> None:
    text = "> quoted [a](#) link\n\n- item [b](#)\n  continued [c](#)\n\n1. first [d](#)\n\n# Head [e](#)\n"
    d = doc(text)
    found = {d.text[link.start : link.end]: d.position(link.start) for link in d.links}
    assert found == {"[a](#)": (1, 10), "[b](#)": (3, 8), "[c](#)": (4, 13), "[d](#)": (6, 10), "[e](#)": (8, 8)}


def test_table_cells_are_blocks_with_coordinates() -> None:
    text = "| Party | Share |\n| --- | ---: |\n| Red | 40% |\n| Blue | 40% |\n"
    d = doc(text)
    cells = [(d.text[b.start : b.end], b.table) for b in d.blocks if b.kind == "table_cell"]
    assert ("Share", (0, 0, 1, True)) in cells
    assert ("40%", (0, 1, 1, False)) in cells
    assert ("40%", (0, 2, 1, False)) in cells
    second = [b for b in d.blocks if b.table == (0, 2, 1, False)][0]
    assert d.position(second.start) == (4, 10)


def test_reference_links_and_definitions() -> None:
    d = doc("See [the report][rep] and [Other].\n\n[rep]: https://example.com\n[other]: #\n")
    kinds = [(link.kind, link.label) for link in d.links]
    assert kinds == [("reference", "REP"), ("reference", "OTHER")]
    assert {definition.label for definition in d.definitions} == {"REP", "OTHER"}


def test_html_anchor_in_markdown_and_in_html_documents() -> None:
    d = doc('Read <a href="#">this</a> now.')
    (link,) = d.links
    assert link.kind == "html" and link.target == "#"
    assert d.text[link.start : link.end] == '<a href="#">this</a>'
    h = doc("<html><body><p>Hello <a>there</a></p><script>var TK;</script></body></html>", path="a.html")
    assert h.format == "html"
    assert [(link.target, link.text) for link in h.links] == [(None, "there")]
    assert "TK" not in h.prose and "Hello" in h.prose


def test_heading_anchors() -> None:
    d = doc("## Results & Methods\n\ntext")
    assert "results--methods" in d.headings_anchors


def test_publication_date_sources() -> None:
    assert doc("---\ndate: 2024-07-29\n---\nText").publication_date == dt.date(2024, 7, 29)
    assert doc("# Title\n\nMonday, July 29, 2024\n\nText.").publication_date == dt.date(2024, 7, 29)
    assert doc("Text without a date.").publication_date is None
    forced = from_text("---\ndate: 2024-07-29\n---\n", date=dt.date(2020, 1, 1))
    assert forced.publication_date == dt.date(2020, 1, 1)
    assert forced.publication_date_source == "--date"


def test_seed_article_parses(seed_file) -> None:
    d = from_text(seed_file.read_text(encoding="utf-8"), path=seed_file.name)
    assert d.publication_date == dt.date(2024, 7, 29)
    placeholders = [link for link in d.links if link.target == "#"]
    assert [d.position(link.start)[0] for link in placeholders] == [11, 23]
    assert "[Russian-Venezuelan relations]" in d.prose


def test_html_blocks_never_overlap_so_checks_read_each_word_once() -> None:
    h = doc("<div><div>Intro text <p>Body here</p> more <div><p>Deep</p></div></div></div><h2>Title</h2>", path="a.html")
    assert [(b.kind, h.text[b.start : b.end]) for b in h.blocks] == [
        ("paragraph", "Intro text"), ("paragraph", "Body here"), ("paragraph", "more"), ("paragraph", "Deep"), ("heading", "Title"),
    ]  # fmt: skip
    assert all(a.end <= b.start for a, b in zip(h.blocks, h.blocks[1:]))


def test_span_set_answers_as_a_scan_of_its_spans() -> None:
    """One SpanSet serves quotations, scopes, headings and exceptions: its
    bisections must answer what a scan of the (merged) spans would."""
    from hypothesis import given
    from hypothesis import strategies as st

    from factcheck.parsing.ranges import SpanSet

    span = st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))

    @given(st.lists(span, max_size=8), st.integers(0, 55), st.integers(0, 10))
    def check(spans: list[tuple[int, int]], start: int, length: int) -> None:
        found = SpanSet.of(spans)
        end = start + length
        real = [(s, e) for s, e in spans if e > s]
        assert found.contains(start) == any(s <= start < e for s, e in real)
        if length:
            assert found.meets(start, end) == any(s < end and e > start for s, e in real)
        # covers: one merged span holds the whole stretch
        assert found.covers(start, end) == any(s <= start and end <= e for s, e in found.spans)
        assert list(found.starts) == sorted(found.starts)

    check()
