"""The README's first command runs on fixtures/sample-article.md: it must show every check."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample-article.md"


def test_sample_article_shows_one_finding_of_each_editorial_check() -> None:
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "concise", str(SAMPLE)])
    assert result.exit_code == 1
    found = sorted(
        (int(line.split(":")[1]), line.split("[")[1].split("]")[0]) for line in result.output.splitlines() if " [" in line
    )
    assert found == [
        (10, "dangling-link"),
        (10, "weekday-mismatch"),
        (14, "percent-total"),
        (15, "name-variants"),
        (18, "figure-percent-change"),
        (23, "dangling-link"),
        (23, "placeholder-text"),
    ]


def test_sample_article_rich_output_is_readable() -> None:
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "rich", "--color", "never", str(SAMPLE)])
    out = result.output
    assert "'Olawalle' may be a misspelling of 'Olawale'" in out
    assert "July 29, 2024 was a Monday" in out
    assert "61.2% + 44.2% = 105.4%" in out
    assert "7 findings in 1 file" in out
