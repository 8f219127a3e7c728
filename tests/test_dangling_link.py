"""dangling-link, dangling-anchor and placeholder-text: the link facts and the checks on them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from factcheck.checks.dangling_link import Params, shown, target_key, text_key
from factcheck.engine import run_rules
from factcheck.errors import ConfigError
from factcheck.extract.links import undefined_references
from factcheck.rules import RuleSet, load_rules, parse_rule
from factcheck.yaml_lines import load_all
from tests.conftest import ROOT, doc

RULE_FILES = [ROOT / "rules" / "dangling-link.yaml", ROOT / "rules" / "placeholder-text.yaml"]


@pytest.fixture(scope="module")
def link_rules() -> RuleSet:
    return load_rules(RULE_FILES, builtin=False)


def findings(rules: RuleSet, text: str, path: str = "t.md", rule_id: str = "dangling-link") -> list[tuple[int, str]]:
    rule = rules.get(rule_id)
    assert rule is not None
    found, errors = run_rules(doc(text, path), [rule])
    assert not errors
    return [(f.line, f.match) for f in found]


def messages(rules: RuleSet, text: str, rule_id: str = "dangling-link") -> list[str]:
    rule = rules.get(rule_id)
    assert rule is not None
    return [f.message for f in run_rules(doc(text), [rule])[0]]


# --- the seed article -------------------------------------------------------------


def test_seed_article_gives_exactly_its_two_placeholder_links(seed_file: Path, link_rules: RuleSet) -> None:
    text = seed_file.read_text(encoding="utf-8")
    for rule_id in ("dangling-link", "dangling-anchor", "placeholder-text"):
        rule = link_rules.get(rule_id)
        assert rule is not None
        found, _ = run_rules(doc(text, seed_file.name), [rule])
        if rule_id != "dangling-link":
            assert found == [], rule_id
            continue
        assert [(f.line, f.match) for f in found] == [
            (11, "[congratulated](#)"),
            (23, "[Wagner Group Confirms Fighters Killed Battling Mali Rebels](#)"),
        ]
        assert all("'#' is a placeholder" in f.message for f in found)
        assert not any("Russian-Venezuelan" in f.match for f in found)


# --- placeholder targets and texts --------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["", "#", " # ", "<>", " <> ", "TK", "tktk", "TODO", "tbd", "link", "url", "LINK", "http://", "https://",
     "http://example.com", "HTTPS://EXAMPLE.COM/", "javascript:void(0)", "javascript:;", "about:blank", '# "title"', '#"title"'],
)  # fmt: skip
def test_placeholder_targets_are_flagged_at_the_link_span(link_rules: RuleSet, target: str) -> None:
    text = f"The board [approved]({target}) it."
    start = text.index("[")
    assert findings(link_rules, text) == [(1, text[start : text.index(" it.")])]


@pytest.mark.parametrize(
    "target", ["#results-table", "https://example.org/", "https://harbour.example.com/", "notes.html", "../up/", "mailto:desk@example.org"]
)
def test_real_targets_are_not_flagged(link_rules: RuleSet, target: str) -> None:
    assert findings(link_rules, f"The board [approved]({target}) it.") == []


def test_image_and_reference_definition_targets(link_rules: RuleSet) -> None:
    text = "A chart: ![ferry]( TK ). The [plan][p] and the [map][].\n\n[p]: #\n[map]: javascript:void(0)\n"
    assert findings(link_rules, text) == [(1, "![ferry]( TK )"), (1, "[plan][p]"), (1, "[map][]")]
    assert "(from the definition of [p])" in messages(link_rules, text)[1]


def test_link_spanning_two_lines_and_nested_brackets(link_rules: RuleSet) -> None:
    text = "The [decision on the\nwinter timetable](#) and the [board [second session]](#).\n"
    assert findings(link_rules, text) == [(1, "[decision on the\nwinter timetable](#)"), (2, "[board [second session]](#)")]


def test_escaped_bracket_is_not_a_link(link_rules: RuleSet) -> None:
    assert findings(link_rules, "Escaped: \\[not a link](#) and [text\\][wrong].") == []


@pytest.mark.parametrize("text", ["LINK", "TK", "link to come", "**LINK**", "[LINK]", "Link  To\nCome"])
def test_placeholder_link_text_with_a_real_target(link_rules: RuleSet, text: str) -> None:
    found = findings(link_rules, f"Read the [{text}](https://example.org/report) now.")
    assert len(found) == 1
    assert "is a placeholder (target 'https://example.org/report')" in messages(link_rules, f"A [{text}](https://example.org/report).")[0]


def test_placeholder_alt_text_says_alt_text(link_rules: RuleSet) -> None:
    assert "the alt text 'TK' is a placeholder" in messages(link_rules, "![TK](https://example.org/p.png)")[0]


def test_code_in_link_text_names_a_thing_and_is_no_placeholder(link_rules: RuleSet) -> None:
    assert findings(link_rules, "The [`URL`][] class and the [`link`](https://example.org/l) command.\n\n[`URL`]: https://example.org/u\n") == []


def test_malformed_inline_link_is_flagged_with_what_was_written(link_rules: RuleSet) -> None:
    text = 'The [times](TK TK) and the [pier](#"Pier at dawn") and [sic] (quoted).'
    assert findings(link_rules, text) == [(1, "[times](TK TK)"), (1, '[pier](#"Pier at dawn")')]
    first, second = messages(link_rules, text)
    assert "'TK TK' is a placeholder" in first and "readers see the brackets" in first
    assert "'#\"Pier at dawn\"' is a placeholder" in second


# --- undefined references and footnotes ---------------------------------------


def test_undefined_reference_forms(link_rules: RuleSet) -> None:
    text = "A [text][missing], a [Plan][], an ![alt][gone], a logo ![logo] and a note.[^2]\n"
    assert findings(link_rules, text) == [
        (1, "[text][missing]"), (1, "[Plan][]"), (1, "![alt][gone]"), (1, "![logo]"), (1, "[^2]"),
    ]  # fmt: skip
    assert messages(link_rules, "A [text][missing].")[0] == (
        "Unfinished link '[text][missing]': nothing defines the reference [missing], so it shows as literal text"
    )
    assert "no [^2]: note defines this footnote" in messages(link_rules, "A note.[^2]")[0]


def test_labels_match_as_commonmark_matches_them(link_rules: RuleSet) -> None:
    text = "The [a][FARE  Table], [b][ fare table ], [fare\ntable][] and [c][fare\ntable].\n\n[Fare Table]: https://example.org/f\n"
    assert findings(link_rules, text) == []


def test_label_split_over_two_lines_is_one_label(link_rules: RuleSet) -> None:
    text = "> The [minutes][minutes of\n> the meeting] and [x][defined\n> label].\n\n[defined label]: https://example.org/\n"
    assert findings(link_rules, text) == [(1, "[minutes][minutes of\n> the meeting]")]
    (reference,) = [r for r in doc(text).fact(undefined_references) if r.style == "full"]
    assert reference.label == "minutes of the meeting"


def test_brackets_that_are_not_links(link_rules: RuleSet) -> None:
    text = (
        '"It will enhance [Russian-Venezuelan relations]," he said [sic]. She "welcomed [...] it" [\u2026].\n\n'
        "[Updated 3 p.m.] Later. [1] and [the eastern route] and [text][ ].\n\n"
        "- [ ] open box\n- [x] ticked box\n\nA defined note.[^1]\n\n[^1]: The note.\n"
    )
    assert findings(link_rules, text) == []


def test_code_is_never_checked(link_rules: RuleSet) -> None:
    text = "Code `[a](#)` and `[b][none]` and `[^3]`.\n\n```\n[c](#) ![d][none] <a href=\"#\">e</a>\n```\n\n    [f](TK)\n"
    assert findings(link_rules, text) == []


def test_shortcut_references_only_when_asked(link_rules: RuleSet) -> None:
    rule = link_rules.get("dangling-link")
    assert rule is not None
    strict = dataclasses.replace(rule, params=dataclasses.replace(rule.params, flag_shortcut_references=True))
    text = 'A [missing] ref, "a [quoted insertion]" and:\n\n- [x] a task box\n'
    found, _ = run_rules(doc(text), [strict])
    assert [f.match for f in found] == ["[missing]"]
    assert findings(link_rules, text) == []


def test_reference_facts_are_offsets_into_the_text() -> None:
    text = "> quote [a][b\n> c] then `[x][y]` and ![i][j]\n"
    document = doc(text)
    found = document.fact(undefined_references)
    assert [(text[r.start : r.end], r.style, r.image) for r in found] == [("[a][b\n> c]", "full", False), ("![i][j]", "full", True)]


# --- HTML anchors ----------------------------------------------------------------


def test_html_anchors_in_markdown(link_rules: RuleSet) -> None:
    text = (
        'The <a href="#">board</a>, <a href="">chair</a>, <a>crew</a>, <A HREF=" TK ">port</A>,\n'
        '<a name="notes"></a> <a id="s"></a> and <a href="https://example.org/">site</a>.\n'
    )
    assert findings(link_rules, text) == [
        (1, '<a href="#">board</a>'), (1, '<a href="">chair</a>'), (1, "<a>crew</a>"), (1, '<A HREF=" TK ">port</A>'),
    ]  # fmt: skip
    assert "the <a> tag has no href" in messages(link_rules, "The <a>crew</a>.")[0]


def test_scripted_html_controls_are_not_drafted_links(link_rules: RuleSet) -> None:
    text = '<nav><a href="#" onclick="toggle()">Menu</a> <a href="#" role="button">Search</a> <a data-toggle="x">More</a></nav>'
    assert findings(link_rules, text, "page.html") == []


def test_html_file(link_rules: RuleSet) -> None:
    text = '<p>The <a href="#">board</a> and <a href="javascript:void(0)">x</a> and <a href="/r">real</a>.</p>'
    assert findings(link_rules, text, "a.html") == [(1, '<a href="#">board</a>'), (1, '<a href="javascript:void(0)">x</a>')]


# --- in-page anchors -------------------------------------------------------------


def test_fragment_links_need_an_anchor_in_markdown_but_not_in_text(link_rules: RuleSet) -> None:
    text = (
        "See [r](#results), [r2](#results-1), [t](#top), [a](#appendix-a), [c](#code-a_b), [m](#missing).\n\n"
        "## Results\n\n## Results\n\n## Appendix A {#appendix-a}\n\n## [Code](https://example.org) `a_b`\n"
    )
    assert findings(link_rules, text, rule_id="dangling-anchor") == [(1, "[m](#missing)")]
    assert findings(link_rules, text, path="t.txt", rule_id="dangling-anchor") == []
    assert findings(link_rules, text.replace("#results-1", "#results_1"), rule_id="dangling-anchor") == [(1, "[m](#missing)")]
    assert findings(link_rules, text) == []  # dangling-link leaves anchors to dangling-anchor


# --- placeholder-text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "match"),
    [("It costs TK.", "TK"), ("Minister TKTK said.", "TKTK"), ("Minister TK TK said.", "TK TK"), ("Due [TK].", "[TK]"),
     ("See [LINK].", "[LINK]"), ("See [insert link].", "[insert link]"), ("True [citation needed].", "[citation needed]"),
     ("Up XX percent.", "XX"), ("Up XX%.", "XX"), ("At $XX.XX a share.", "XX.XX"), ("A £XX million deal.", "XX")],
)  # fmt: skip
def test_prose_placeholders(link_rules: RuleSet, text: str, match: str) -> None:
    assert findings(link_rules, text, rule_id="placeholder-text") == [(1, match)]


@pytest.mark.parametrize(
    "text",
    ["A TKO win at UTK.", "Tk and tk are toolkits.", "An XXL shirt.", "Super Bowl XX was played.", "The film XXX opened.",
     "Shop at TK Maxx.", "Trooper TK-421 and flight TK 1878 and TK1878.", "Code `TK` and [sic] and [Updated 3 p.m.].", "Read <https://example.org/TK>."],
)  # fmt: skip
def test_prose_placeholders_not_flagged(link_rules: RuleSet, text: str) -> None:
    assert findings(link_rules, text, rule_id="placeholder-text") == []


def test_a_placeholder_link_is_reported_once(link_rules: RuleSet) -> None:
    both = [link_rules.get("dangling-link"), link_rules.get("placeholder-text")]
    text = "The [TK](https://example.org/) and [times](TK TK) and [TK][] and a [TK report](https://example.org/r)."
    found, _ = run_rules(doc(text), both)  # type: ignore[arg-type]
    assert sorted((f.rule, f.match) for f in found) == [
        ("dangling-link", "[TK](https://example.org/)"),
        ("dangling-link", "[TK][]"),
        ("dangling-link", "[times](TK TK)"),
        ("placeholder-text", "TK"),
    ]


# --- params and messages ---------------------------------------------------------------


def test_keys_compare_as_documented() -> None:
    assert target_key(" <HTTPS://Example.com/> ") == "https://example.com"
    assert text_key(" **Link  to\ncome** ") == "link to come"
    params = Params(placeholder_targets=("javascript:*", "#"))
    assert params.is_placeholder_target("JavaScript:void(0);") and params.is_placeholder_target('#"t"')
    assert not params.is_placeholder_target("#results")


def test_long_links_keep_their_target_in_the_message() -> None:
    written = "[" + "word " * 30 + "](#)"
    assert len(shown(written)) == 60 and shown(written).endswith("](#)") and "…" in shown(written)


@pytest.mark.parametrize(
    ("params", "error"),
    [("find: [placeholder-targets]", "unknown problem(s) 'placeholder-targets'"), ("find: []", "name at least one"),
     ("placeholder_texts: ['  ']", "empty text"), ("find_all: true", "did you mean 'find'")],
)  # fmt: skip
def test_bad_params_name_the_line(params: str, error: str) -> None:
    source = f"id: x\nkind: dangling-link\nmessage: m\nparams:\n  {params}\n"
    (raw,) = load_all(source, "r.yaml")
    with pytest.raises(ConfigError) as caught:
        parse_rule(raw, "r.yaml")
    assert error in str(caught.value) and "r.yaml:5" in str(caught.value)


def test_html_fragment_matches_an_id_as_written_or_percent_decoded(link_rules: RuleSet) -> None:
    text = (
        '<h2 id="impl-From%3CT%3E">impl</h2><h2 id="two words">x</h2>'
        '<p><a href="#impl-From%3CT%3E">a</a> <a href="#two%20words">b</a> <a href="#nowhere">c</a></p>'
    )
    assert findings(link_rules, text, "a.html", rule_id="dangling-anchor") == [(1, '<a href="#nowhere">c</a>')]


def test_html_page_controls_are_not_unfinished_links(link_rules: RuleSet) -> None:
    text = (
        '<h2><a href="#">Ferry timetable</a></h2>'  # a page title linking to the page's top
        '<a class="toggle"><span>❱</span></a><a href="#" class="tooltip">ⓘ</a>'  # icon controls with no words
        '<svg><a xlink:href="#route">route</a></svg><p id="route">Route</p>'  # SVG's own href attribute
        '<p>The <a href="#">board</a> and <a>minutes</a>.</p>'  # drafted links: still flagged
    )
    assert findings(link_rules, text, "a.html") == [(1, '<a href="#">board</a>'), (1, "<a>minutes</a>")]


def test_a_bracket_dump_is_not_read_again_for_references(link_rules: RuleSet) -> None:
    # Re-reading with every label defined is quadratic in unclosed brackets; a block
    # with hundreds of them is data, not prose, and is skipped (prose still is checked).
    from factcheck.extract.links import MAX_BRACKETS_PER_BLOCK

    dump = "[a]( " * (MAX_BRACKETS_PER_BLOCK + 1) + "[text][missing]"
    assert findings(link_rules, dump) == []
    assert findings(link_rules, "See [text][missing] here.") == [(1, "[text][missing]")]
