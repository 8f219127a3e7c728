"""Every example of every built-in rule runs: rule docs that are also tests."""

from __future__ import annotations

import pytest

from factcheck.rules import load_rules
from factcheck.ruletest import run_example

RULES = load_rules()
CASES = [(rule, example, i) for rule in RULES for i, example in enumerate(rule.examples)]


def test_every_builtin_rule_has_flag_and_no_flag_examples() -> None:
    for rule in RULES:
        assert any(e.expect for e in rule.examples), f"{rule.id} has no must-flag example"
        assert any(not e.expect for e in rule.examples), f"{rule.id} has no must-not-flag example"


@pytest.mark.parametrize(("rule", "example", "index"), CASES, ids=[f"{r.id}-{i + 1}" for r, _, i in CASES])
def test_rule_example(rule, example, index) -> None:
    outcome = run_example(rule, example, index)
    assert outcome.ok, f"{outcome.name}: missed {outcome.missed}, unexpected {outcome.unexpected}, errors {outcome.errors}"
