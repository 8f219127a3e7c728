from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.document import Document, from_text
from factcheck.rules import RuleSet, load_rules

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


def doc(text: str, path: str = "t.md", date: str | None = None) -> Document:
    return from_text(text, path=path, date=dt.date.fromisoformat(date) if date else None)
