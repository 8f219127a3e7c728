"""Fixture articles are their own golden files: ``<!-- expect: rule -->`` on the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.rules import load_rules
from factcheck.ruletest import run_fixture

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
FILES = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".md", ".txt", ".html", ".htm"))
RULES = load_rules()


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_fixture(path: Path) -> None:
    outcome = run_fixture(path, RULES, path.name)
    assert not outcome.errors, outcome.errors
    assert not outcome.missed, f"missed (false negatives): {outcome.missed}"
    assert not outcome.unexpected, f"unexpected (false positives): {outcome.unexpected}"
