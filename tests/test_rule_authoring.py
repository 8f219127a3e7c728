"""Rule authoring: the generic kinds (pattern, substitution, consistency) and `factcheck rules`.

Rules here are written the way a style desk writes them, as YAML, and run
through the same loader and CLI users meet.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.checks import available_kinds
from factcheck.cli import main
from factcheck.document import from_text
from factcheck.engine import run_rules
from factcheck.rules import Rule, load_rules, parse_rule
from factcheck.yaml_lines import load_all

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "fixtures" / "rule-packs" / "newsroom"
PEER_CASES = ROOT.parent / "shared" / "corpus" / "peer-cases"
GENERIC_KINDS = ("pattern", "substitution", "consistency", "occurrence")


def rule(kind: str, params: dict, message: str = "{match}") -> Rule:
    text = yaml.safe_dump({"id": "r", "kind": kind, "message": message, "params": params}, allow_unicode=True)
    return parse_rule(load_all(text, "r.yaml")[0], "r.yaml")


def found(the_rule: Rule, text: str, path: str = "a.md") -> list[str]:
    findings, errors = run_rules(from_text(text, path=path), [the_rule])
    assert errors == []
    return [f.match for f in findings]


def invoke(*args: str, input: str | None = None):
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args), input=input, catch_exceptions=False)


# ── pattern ──────────────────────────────────────────────────────────────────


def test_pattern_whole_word_by_default_nonword_on_request() -> None:
    assert found(rule("pattern", {"tokens": ["cat"]}), "A cat, a catalogue, a bobcat.") == ["cat"]
    assert found(rule("pattern", {"tokens": ["cat"], "nonword": True}), "A cat, a catalogue.") == ["cat", "cat"]


def test_pattern_ignorecase() -> None:
    assert found(rule("pattern", {"tokens": ["very unique"]}), "Very unique. very unique.") == ["very unique"]
    assert found(rule("pattern", {"tokens": ["very unique"], "ignorecase": True}), "Very unique. very unique.") == [
        "Very unique",
        "very unique",
    ]


def test_pattern_regex_module_features() -> None:
    fuzzy = rule("pattern", {"tokens": ["(?:accommodate){e<=1}"], "exceptions": ["accommodate"]})
    assert found(fuzzy, "Rooms accommodate four; halls acommodate forty.") == ["acommodate"]
    assert found(rule("pattern", {"tokens": [r"\p{Lu}{5,}"]}), "The NASDAQ and the Dow.") == ["NASDAQ"]


TEXT_WITH_EVERY_SCOPE = """\
# Kiev heading

Kiev in prose, [Kiev link](https://example.org/kiev) and "Kiev quoted" here.

> Kiev in a block quote.

| city |
| --- |
| Kiev cell |
"""


@pytest.mark.parametrize(
    ("scope", "lines"),
    [
        (None, [3, 9]),  # default: prose (paragraphs and table cells) only
        (["heading"], [1]),
        (["link-text"], [3]),
        (["quote"], [3, 5]),
        (["prose", "heading", "link-text", "quote"], [1, 3, 3, 3, 5, 9]),
    ],
)
def test_pattern_scope(scope: list[str] | None, lines: list[int]) -> None:
    params: dict = {"tokens": ["Kiev"]}
    if scope is not None:
        params["scope"] = scope
    findings, _ = run_rules(from_text(TEXT_WITH_EVERY_SCOPE, path="a.md"), [rule("pattern", params)])
    assert [f.line for f in findings] == lines


def test_anchors_mean_the_edges_of_each_region() -> None:
    bare = rule("pattern", {"tokens": ["^(?:here|click here)$"], "ignorecase": True, "scope": "link-text"})
    text = "The report is [here](https://a.org/r), [Click here](https://a.org/x), [the report here](https://a.org/y)."
    assert found(bare, text) == ["here", "Click here"]
    ends_with_stop = rule("pattern", {"tokens": [r"\.$"], "nonword": True, "scope": ["heading"]})
    assert found(ends_with_stop, "# Ferries cut.\n\nFares rise.\n") == ["."]


def test_code_urls_and_link_targets_are_never_searched() -> None:
    every = rule("pattern", {"tokens": ["kiev"], "ignorecase": True, "scope": ["prose", "heading", "link-text", "quote"]})
    assert found(every, "See `kiev` and <https://kiev.example> or [the city](https://example.org/kiev).\n\n    kiev\n") == []


def test_exceptions_leave_alone_text_inside_their_matches() -> None:
    kiev = rule("pattern", {"tokens": ["Kiev"], "exceptions": ["Chicken Kiev"]})
    assert found(kiev, "Chicken Kiev in Kiev.") == ["Kiev"]


def test_catastrophic_pattern_is_an_error_naming_the_rule(tmp_path: Path) -> None:
    rules_file = tmp_path / "slow.yaml"
    rules_file.write_text(
        "id: slow-rule\nkind: pattern\nmessage: m\nparams:\n  tokens: ['(a+)+$']\n  nonword: true\n  timeout: 0.2\n"
    )
    article = tmp_path / "a.md"
    article.write_text("a" * 20000 + "!\n")
    result = invoke("check", "--no-builtin-rules", "--rules", str(rules_file), str(article), "--format", "concise")
    assert result.exit_code == 2
    assert "slow-rule" in result.output and "took longer than" in result.output


@pytest.mark.parametrize(
    ("params", "line", "words"),
    [
        ("  tokens: ['(unclosed']\n", 5, "invalid regular expression"),
        ("  tokens: [a]\n  scope: [prose, headings]\n", 6, "did you mean 'heading'"),
        ("  tokens: [a]\n  timeout: 0\n", 6, "greater than 0"),
        ("  tokens: []\n", 5, "at least one"),
    ],
)
def test_bad_pattern_params_name_file_and_line(tmp_path: Path, params: str, line: int, words: str) -> None:
    rules_file = tmp_path / "r.yaml"
    rules_file.write_text(f"id: x\nkind: pattern\nmessage: m\nparams:\n{params}")
    result = invoke("rules", "list", "--isolated", "--rules", str(rules_file))
    assert result.exit_code == 2
    assert f"{rules_file}:{line}:" in result.output and words in result.output


# ── substitution ─────────────────────────────────────────────────────────────


def test_substitution_suggestion_reaches_json(tmp_path: Path) -> None:
    rules_file = tmp_path / "r.yaml"
    rules_file.write_text(
        "id: house\nkind: substitution\nmessage: \"Write '{suggestion}', not '{match}'\"\n"
        "params:\n  swap: {Kiev: Kyiv, per cent: percent}\n"
    )
    article = tmp_path / "a.md"
    article.write_text("Prices in Kiev rose 4 per cent.\n")
    result = invoke("check", "--isolated", "--no-builtin-rules", "--rules", str(rules_file), str(article), "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.output)["findings"]
    assert [(f["match"], f["suggestion"], f["message"]) for f in findings] == [
        ("Kiev", "Kyiv", "Write 'Kyiv', not 'Kiev'"),
        ("per cent", "percent", "Write 'percent', not 'per cent'"),
    ]


def test_substitution_longest_key_first_and_exact_replacement_not_flagged() -> None:
    mpl = rule("substitution", {"swap": {"MPL": "MPL", r"MPL[ -]?2(?:\.0)?": "MPL 2.0"}, "ignorecase": True})
    findings, _ = run_rules(from_text("mpl 2.0, MPL2.0, MPL 2.0 and MPL.", path="a.md"), [mpl])
    assert [(f.match, f.suggestion) for f in findings] == [("mpl 2.0", "MPL 2.0"), ("MPL2.0", "MPL 2.0")]


def test_substitution_capitalize_and_group_references() -> None:
    swap = rule(
        "substitution",
        {"swap": {"mankind": "humankind", "focuss(ed|ing)": "focus$1", r"change in(?: )?to the (.*) directory": r"change to the \1 directory"}, "ignorecase": True, "capitalize": True},
    )
    findings, _ = run_rules(from_text("Mankind focussed. Change into the `/etc` directory.", path="a.md"), [swap])
    assert [f.suggestion for f in findings] == ["Humankind", "focused", "Change to the `/etc` directory"]


def test_substitution_leaves_quotations_alone_by_default() -> None:
    swap = rule("substitution", {"swap": {"Kiev": "Kyiv"}})
    assert found(swap, 'Kiev today; "Kiev then," he wrote.') == ["Kiev"]


def test_substitution_group_reference_past_the_key_is_an_error() -> None:
    with pytest.raises(Exception, match="refers to group 2"):
        rule("substitution", {"swap": {"focuss(ed)": "focus$2"}})


# ── consistency ──────────────────────────────────────────────────────────────


def test_consistency_flags_every_use_of_the_less_used_form() -> None:
    either = rule("consistency", {"either": [["Zelensky", "Zelenskyy", "Zelenskiy"]]})
    findings, _ = run_rules(from_text("Zelenskyy spoke. Zelensky left. Zelenskyy won. Zelensky lost. Zelenskyy.", path="a.md"), [either])
    assert [f.match for f in findings] == ["Zelensky", "Zelensky"]


def test_consistency_tie_goes_to_the_form_used_first_and_map_form_works() -> None:
    either = rule("consistency", {"either": {"colour": "color"}}, "'{match}' ({count}×) vs '{preferred}' ({preferred_count}×)")
    findings, _ = run_rules(from_text("Red is a color. Blue is also a colour.", path="a.md"), [either])
    assert [(f.match, f.message) for f in findings] == [("colour", "'colour' (1×) vs 'color' (1×)")]


def test_consistency_quiet_when_one_form_and_counts_only_its_scope() -> None:
    either = rule("consistency", {"either": [["e-mail", "email"]], "ignorecase": True})
    assert found(either, "Email us. Send an email.") == []
    assert found(either, 'Send an email. "Reply by e-mail," she wrote.') == []


def test_consistency_set_needs_two_different_forms() -> None:
    with pytest.raises(Exception, match="two or more different forms"):
        rule("consistency", {"either": [["email"]]})


# ── occurrence ───────────────────────────────────────────────────────────────


def test_occurrence_counts_per_region_and_flags_the_region() -> None:
    words = rule("occurrence", {"token": r"\w+", "max": 4, "scope": "heading"}, "{count} > {max}")
    findings, _ = run_rules(from_text("# One two three four five\n\nSix seven eight nine ten eleven.\n\n# Short one\n", path="a.md"), [words])
    assert [(f.match, f.message) for f in findings] == [("One two three four five", "5 > 4")]


def test_occurrence_min_and_counts_quotes_inside_a_paragraph() -> None:
    figures = rule("occurrence", {"token": r"\d+", "min": 1, "max": 2})
    text = 'No figures here.\n\nOne 1 and "2 and 3" quoted.\n\nJust 4 and 5.\n'
    assert found(figures, text) == ["No figures here.", 'One 1 and "2 and 3" quoted.']


def test_occurrence_needs_a_limit() -> None:
    with pytest.raises(Exception, match="max:, min: or both"):
        rule("occurrence", {"token": "x"})
    with pytest.raises(Exception, match="more than max"):
        rule("occurrence", {"token": "x", "min": 3, "max": 2})


# ── Vale's own test cases, through our kinds ─────────────────────────────────


def _vale_rule(vale_yaml: str) -> Rule:
    """A Vale substitution/consistency rule as ours: the parameter names are the same."""
    data = yaml.safe_load(vale_yaml)
    params = {key: value for key, value in data.items() if key in ("swap", "either", "ignorecase", "nonword", "capitalize")}
    if data.get("scope", "text") in ("text", "raw"):  # Vale's default scope is the whole text
        params["scope"] = ["prose", "heading", "link-text", "quote"]
    return rule(data["extends"], params)


def test_vale_substitution_peer_cases_all_agree() -> None:
    cases_file = PEER_CASES / "vale-substitution.jsonl"
    if not cases_file.is_file():
        pytest.skip("peer cases (../shared/corpus/peer-cases) not present")
    vale_rules = json.loads((PEER_CASES / "vale-substitution-rules.json").read_text())
    rules = {name: _vale_rule(text) for name, text in vale_rules.items()}
    disagreements = []
    for line in cases_file.read_text().splitlines():
        case = json.loads(line)
        findings, errors = run_rules(from_text(case["text"], path="t.md"), [rules[n] for n in case["active_rules"]])
        if errors or len(findings) != len(case["expected_alerts"]):
            disagreements.append((case["text"], [f.match for f in findings], case["expected_alerts"]))
    assert disagreements == []


def test_vale_consistency_peer_cases_all_agree() -> None:
    cases_file = PEER_CASES / "vale-consistency.jsonl"
    if not cases_file.is_file():
        pytest.skip("peer cases (../shared/corpus/peer-cases) not present")
    smart = "extends: consistency\nscope: text\nnonword: true\neither:\n  '\"': '[”“]'\n"
    disagreements = []
    for line in cases_file.read_text().splitlines():
        case = json.loads(line)
        vale = yaml.safe_dump({"extends": "consistency", "scope": "text", "either": case["either"]}) if "either" in case else smart
        findings, _ = run_rules(from_text(case["text"], path="t.md"), [_vale_rule(vale)])
        if bool(findings) != (case["expect"] != "ok"):
            disagreements.append(case["text"][:60])
    assert disagreements == []


# ── factcheck rules list / show ──────────────────────────────────────────────


def test_rules_list_shows_builtin_and_user_rules_with_source() -> None:
    result = invoke("rules", "list", "--isolated", "--rules", str(PACK / "house-style.yaml"))
    assert result.exit_code == 0, result.output
    assert "gazette-spellings" in result.output and "substitution" in result.output
    assert "house-style.yaml" in result.output
    assert "built-in" in result.output


def test_rules_list_honours_the_project_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "house.yaml").write_text((PACK / "house-style.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".factcheck.yaml").write_text("rules: [house.yaml]\n")
    monkeypatch.chdir(tmp_path)
    assert "gazette-cliches" in invoke("rules", "list").output
    assert "gazette-cliches" not in invoke("rules", "list", "--isolated").output


def test_rules_show_prints_rule_text_literally() -> None:
    result = invoke("rules", "show", "gazette-spellings", "--isolated", "--rules", str(PACK), "--color", "never")
    assert result.exit_code == 0, result.output
    for words in ("What it does", "swap:", "Kiev: Kyiv", "must flag", "must not flag", "Chicken Kiev"):
        assert words in result.output


def test_rules_show_does_not_interpret_markup(tmp_path: Path) -> None:
    rules_file = tmp_path / "r.yaml"
    rules_file.write_text(
        "id: markup\nkind: pattern\nmessage: '[bold]TK[/bold] left in'\ndescription: 'Uses [red]x[/red].'\n"
        "params: {tokens: ['\\[b\\]']}\nexamples:\n  - text: \"[b] and \\e[31m\"\n    expect: [{line: 1, match: '[b]'}]\n"
    )
    result = invoke("rules", "show", "markup", "--isolated", "--rules", str(rules_file), "--color", "never")
    assert result.exit_code == 0, result.output
    assert "[bold]TK[/bold] left in" in result.output and "[red]x[/red]" in result.output
    assert "\x1b" not in result.output and "\\x1b[31m" in result.output


def test_rules_show_a_kind_and_unknown_ids() -> None:
    result = invoke("rules", "show", "substitution", "--isolated")
    assert result.exit_code == 0 and "swap" in result.output and "capitalize" in result.output
    result = invoke("rules", "show", "gazette-spelings", "--isolated", "--rules", str(PACK))
    assert result.exit_code == 2 and "did you mean 'gazette-spellings'" in result.output


# ── factcheck rules test ─────────────────────────────────────────────────────


def test_rules_test_passes_on_the_user_pack_and_its_fixture() -> None:
    result = invoke("rules", "test", "--isolated", str(PACK), "--color", "never")
    assert result.exit_code == 0, result.output
    assert "of 8 rules, 1 fixture: all passed" in result.output


def test_rules_test_passes_on_the_builtin_pack() -> None:
    result = invoke("rules", "test", "--isolated", "--color", "never")
    assert result.exit_code == 0, result.output
    assert "all passed" in result.output


def test_rules_test_reports_misses_and_false_alarms_separately(tmp_path: Path) -> None:
    rules_file = tmp_path / "r.yaml"
    rules_file.write_text(
        "id: tired\nkind: pattern\nmessage: m\nparams: {tokens: ['at this point']}\nexamples:\n"
        "  - text: 'At this point in time, at this point.'\n    expect: [{line: 1, match: At this point in time}]\n"
        "  - text: 'Nothing here.'\n    expect: []\n"
    )
    result = invoke("rules", "test", "--isolated", str(rules_file), "--color", "never")
    assert result.exit_code == 1
    out = result.output
    assert "FAIL tired example 1" in out
    assert "missed (expected, not found):\n      - line 1: 'At this point in time'" in out
    assert "false alarms (found, not expected):\n      + line 1: 'at this point'" in out
    assert "expected: line 1: 'At this point in time'" in out and "found:    line 1: 'at this point'" in out
    assert "2 examples of 1 rule: 1 failed (1 missed, 1 false alarm)" in out


def test_rules_test_checks_fixture_annotations(tmp_path: Path) -> None:
    rules_file = tmp_path / "r.yaml"
    rules_file.write_text("id: no-kiev\nkind: pattern\nmessage: m\nparams: {tokens: [Kiev]}\n")
    fixture = tmp_path / "story.md"
    fixture.write_text("Kiev today. <!-- expect: no-kiev -->\n\nKyiv tomorrow. <!-- expect: no-kiev -->\n\nKiev again.\n")
    result = invoke("rules", "test", "--isolated", "--no-builtin-rules", str(tmp_path), "--color", "never")
    assert result.exit_code == 1
    assert "line 3: expected no-kiev" in result.output
    assert "line 5:1: no-kiev 'Kiev'" in result.output
    assert "note rule no-kiev has no examples" in result.output
    assert "1 fixture" in result.output


def test_rules_test_skips_unannotated_articles_in_a_directory(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text((PACK / "house-style.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "README.md").write_text("Our rules flag Kiev and very unique phrases.\n")
    result = invoke("rules", "test", "--isolated", str(tmp_path), "--color", "never")
    assert result.exit_code == 0, result.output
    assert "fixture" not in result.output


def test_rules_test_catastrophic_example_exits_2(tmp_path: Path) -> None:
    rules_file = tmp_path / "r.yaml"
    rules_file.write_text(
        "id: slow\nkind: pattern\nmessage: m\nparams: {tokens: ['(a+)+$'], nonword: true, timeout: 0.2}\n"
        f"examples:\n  - text: '{'a' * 20000}!'\n    expect: []\n"
    )
    result = invoke("rules", "test", "--isolated", str(rules_file), "--color", "never")
    assert result.exit_code == 2
    assert "rule slow:" in result.output and "took longer than" in result.output


# ── factcheck rules new ──────────────────────────────────────────────────────


@pytest.mark.parametrize("kind", GENERIC_KINDS)
def test_every_generic_template_passes_rules_test(tmp_path: Path, kind: str) -> None:
    target = tmp_path / f"{kind}.yaml"
    result = invoke("rules", "new", kind, "--id", f"my-{kind}", "-o", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert f"id: my-{kind}" in text and text.lstrip().startswith("#")
    tested = invoke("rules", "test", "--isolated", str(target), "--color", "never")
    assert tested.exit_code == 0, tested.output
    assert "of 1 rule: all passed" in tested.output


def test_templates_for_other_kinds_start_from_a_builtin_rule_and_pass(tmp_path: Path) -> None:
    tried = 0
    for kind in available_kinds():
        if kind in GENERIC_KINDS:
            continue
        result = invoke("rules", "new", kind)
        if result.exit_code != 0:
            assert "no template for kind" in result.output
            continue
        tried += 1
        target = tmp_path / f"{kind}.yaml"
        target.write_text(result.output, encoding="utf-8")
        tested = invoke("rules", "test", "--isolated", str(target), "--color", "never")
        assert tested.exit_code == 0, tested.output
    assert tried >= 1


def test_rules_new_refuses_unknown_kinds_and_overwrites(tmp_path: Path) -> None:
    result = invoke("rules", "new", "substitutoin")
    assert result.exit_code == 2 and "did you mean 'substitution'" in result.output
    target = tmp_path / "r.yaml"
    target.write_text("mine\n")
    assert invoke("rules", "new", "pattern", "-o", str(target)).exit_code == 2
    assert target.read_text() == "mine\n"
    assert invoke("rules", "new", "pattern", "-o", str(target), "--force").exit_code == 0
    assert "kind: pattern" in target.read_text()


# ── property: the generic kinds on any text ──────────────────────────────────

PACK_RULES = load_rules([PACK / "house-style.yaml"], builtin=False)
PIECES = [
    "# ", "\n", "\n\n", "> ", "- ", "| a | b |\n|---|---|\n", "|", "[", "](https://x.org)", "[here](#)", "![alt](a.png)",
    "`", "```\n", '"', "“", "”", "...", "…", "Kiev", "Chicken Kiev", "per cent", "e-mail", "focussed", "alright",
    "Zelensky", "Zelenskyy", "adviser", "advisor", "very unique", "acommodate", "going forward", "<a href='#'>", "</a>",
    "<!-- x -->", "word", " ", "é", "🙂", "\u200b",
]  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=30).map("".join), suffix=st.sampled_from(["a.md", "a.txt", "a.html"]))
def test_generic_kinds_point_at_real_text_on_any_input(text: str, suffix: str) -> None:
    document = from_text(text, path=suffix)
    findings, errors = run_rules(document, PACK_RULES)
    assert errors == []
    seen = set()
    for f in findings:
        assert 0 <= f.start < f.end <= len(document.text)
        assert document.text[f.start : f.end] == f.match and f.match == f.match.strip()
        assert (f.rule, f.start, f.end) not in seen  # never the same span twice
        seen.add((f.rule, f.start, f.end))
