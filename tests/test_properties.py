"""Property: any text, through every built-in rule, gives findings that point at real text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.document import from_text
from factcheck.engine import run_rules
from factcheck.rules import load_rules

RULES = load_rules()

FRAGMENTS = [
    "[", "]", "(", ")", "(#)", "[text](#)", "![alt]()", "[a][b]", "[^1]", "[^1]: note\n", "[b]: #\n",
    "`", "```\n", "~~~", "<a href=\"#\">", "</a>", "<!--", "-->", "<!-- factcheck-disable -->",
    "[bold]", "[/]", "\x1b[31m", "\r\n", "\r", "\n", "\n\n", "\t", "    ", "> ", "- ", "1. ", "# ", "| a | b |\n|---|---|\n",
    "|", "*", "_", "\\", "\"", "“", "”", "'", "%", "51.2%", "44.2 percent", "fifty-one percent", "40-45%",
    "Monday", "Tuesday, July 30, 2024", "February 30", "2024-07-30 (Monday)", "yesterday (Sunday)", "today",
    "Gonzalez", "Gonzales", "González", "Russia", "Russian", "Iran", "Iraq", "TK", "XX", "https://example.com",
    "é", "ß", "中文", "🙂", "\u200b", "\ufeff", "\u0301", "Zelensky", "Zelenskyy", "e-mail", "email", "rose 5%",
    "from 40% to 45%, a 5% increase", "1,234.5", "$3bn", "10 kilometres (5 miles)", "a", " ", ".", ",",
]  # fmt: skip

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, suffix=st.sampled_from(["a.md", "a.txt", "a.html"]))
def test_findings_point_at_the_text_they_report(text: str, suffix: str) -> None:
    document = from_text(text, path=suffix)
    assert len(document.prose) == len(document.text)
    assert all(p == t or (p == " " and t != "\n") for p, t in zip(document.prose, document.text))
    findings, errors = run_rules(document, RULES)
    assert errors == []
    lines = document.text.split("\n")
    for f in findings:
        assert 0 <= f.start <= f.end <= len(document.text)
        assert 1 <= f.line <= f.end_line <= len(lines)
        assert f.column >= 1 and f.end_column >= 1
        start = document.line_starts[f.line - 1] + f.column - 1
        end = document.line_starts[f.end_line - 1] + f.end_column - 1
        assert document.text[start:end] == f.match
