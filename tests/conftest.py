from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest

from factcheck.document import Document, from_text
from factcheck.rules import RuleSet, load_rules

# The CLI caches parsed rules and compiled patterns in the user's cache directory;
# tests keep theirs in a temporary one, never in the home directory of whoever runs them.
os.environ.setdefault("FACTCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="factcheck-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_DIR = SHARED / "seed"
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def builtin_rules() -> RuleSet:
    return load_rules()


def seed_path() -> Path | None:
    files = sorted(SEED_DIR.glob("*")) if SEED_DIR.is_dir() else []
    return files[0] if files else None


@pytest.fixture
def seed_file() -> Path:
    path = seed_path()
    if path is None:
        pytest.skip("the seed article (../shared/seed) is not present")
    return path


TK_RULE = """\
id: no-tk
kind: pattern
severity: warning
message: "Placeholder '{match}' left in"
params:
  tokens: ['TK']
examples:
  - text: "Vote on TK."
    expect: [{line: 1, match: TK}]
  - text: "A TKO."
    expect: []
"""
DRAFT_RULE = """\
id: no-draft
kind: pattern
severity: info
message: "Draft marker"
params:
  tokens: ['DRAFT']
examples:
  - text: "DRAFT copy"
    expect: [{line: 1, match: DRAFT}]
  - text: "Final copy"
    expect: []
"""
HOUSE_RULES = TK_RULE + "---\n" + DRAFT_RULE
"""Two small pattern rules (TK: warning, DRAFT: info) for tests of the CLI and config,
independent of the built-in pack, which grows."""


def write_house_rules(directory: Path, name: str = "rules.yaml", text: str = HOUSE_RULES) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def doc(text: str, path: str = "t.md", date: str | None = None) -> Document:
    return from_text(text, path=path, date=dt.date.fromisoformat(date) if date else None)
