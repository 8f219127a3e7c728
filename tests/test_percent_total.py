"""percent-total: shares of one whole that do not add up, in prose, tables and lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.engine import check_text
from factcheck.errors import ConfigError
from factcheck.rules import RuleSet, load_rule_file, load_rules

RULES = load_rules().only(["percent-total"])


def findings(text: str, rules: RuleSet = RULES) -> list:
    return check_text(text, path="article.md", rules=rules)


def test_the_issue_example_shows_members_and_sum() -> None:
    text = "Maduro took 61.2% of the vote, while Gonzalez received 44.2%.\n"
    (finding,) = findings(text)
    assert finding.message == "61.2% + 44.2% = 105.4%: shares of one whole add up to more than 100%"
    assert finding.match == "61.2% of the vote, while Gonzalez received 44.2%"


def test_seed_article_gives_nothing(seed_file: Path) -> None:
    assert findings(seed_file.read_text(encoding="utf-8")) == []


def test_sentence_split_across_a_blank_line_is_one_group() -> None:
    text = "The board showed him as\n\ntaking home 61.2% of the vote, while his rival was shown as receiving 44.2%.\n"
    (finding,) = findings(text)
    assert finding.line == 3


def test_consecutive_sentences_tied_by_cues_form_one_group() -> None:
    (finding,) = findings("Brennan won 55% of the vote. Lindqvist received 50%.\n")
    assert "55% + 50% = 105%" in finding.message


def test_shares_in_separate_paragraphs_are_separate_wholes() -> None:
    # Each paragraph's lone share is skipped before its clause is read (it can join nothing):
    # the share next to them still forms its own pair.
    text = "Brennan won 55% of the vote.\n\nLindqvist received 50%.\n\nOlsen took 60%. Berg got 45%.\n"
    (finding,) = findings(text)
    assert "60% + 45% = 105%" in finding.message
    assert findings("Brennan won 55% of the vote.\n\nLindqvist received 50%.\n") == []


@pytest.mark.parametrize(
    "text",
    [
        "Brennan won 55% of the vote. However, Lindqvist received 50% in the primary.",
        "Brennan won 55% of the vote. In February, Lindqvist received 50%.",
        "Brennan won 55% of the vote. A second poll gave Lindqvist 50% support.",
        "Brennan won 55% of the vote in 2019. Lindqvist received 50% in 2023.",
    ],
)
def test_a_new_whole_starts_a_new_group(text: str) -> None:
    assert findings(text + "\n") == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Smith took 50.4% of the vote and Jones received 49.7%.", False),  # 100.1 within 0.05 + 0.05
        ("Smith took 50.5% of the vote and Jones received 49.7%.", True),  # 100.2
        ("Smith took 51% of the vote and Jones received 50%.", False),  # 101 within 0.5 + 0.5
        ("Smith took 52% of the vote and Jones received 50%.", True),
    ],
)
def test_rounding_tolerance_is_half_a_unit_of_the_last_digit_per_item(text: str, flagged: bool) -> None:
    assert bool(findings(text + "\n")) is flagged


def test_ranges_count_their_low_ends() -> None:
    assert findings("The ferry took 40-45% of the ballots cast and the bridge took 58%.\n") == []
    (finding,) = findings("The ferry took 45-50% of the ballots cast and the bridge took 58%.\n")
    assert "45–50% + 58% = 103–108%" in finding.message


def test_approximate_figures_get_slack() -> None:
    assert findings("Smith took about 53% of the vote and Jones received about 49%.\n") == []
    assert findings("Sanders secured four delegates with about 74% of the vote. Biden earned two with about 36% of the vote.\n")
    assert findings("Smith took more than 55% of the vote and Jones received 48%.\n") != []


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose 5% while costs fell 30%, and profit was up 150%.",
        "The result has a 95% confidence interval and we are 100% sure of it.",
        "Interest rates of 5% and a 20% discount were offered.",
        "Inflation hit 10% while unemployment rose to 12%.",
        "Turnout was 59%, and Maduro won 51.2% of the vote.",
        "Some 60% of men and 55% of women backed the plan.",
        "Support for Smith rose from 60% to 65%.",
        "The fund buys 75 pct of Alpha, which owns 37.5 pct of Beta.",
        "The notes were issued at five pct and priced at 103 pct.",
        "The levy won 40% (39.9%) of the vote, with 58% against.",
        "With 99% of votes counted, Smith had 51% and Jones 47%.",
    ],
)
def test_changes_rates_and_different_wholes_are_not_flagged(text: str) -> None:
    assert findings(text + "\n") == []


def test_surveys_with_several_answers_are_not_flagged() -> None:
    text = "70% of respondents said they use the bus and 60% said they walk.\n\nRespondents could choose more than one answer.\n"
    assert findings(text) == []


def test_survey_answers_that_need_not_exclude_each_other_are_left_alone() -> None:
    assert findings("Some 87% of those polled said they own a phone, while 92% said they own a television.\n") == []


def test_declared_complete_set_that_misses_100_is_flagged() -> None:
    (finding,) = findings("In the poll, 40% backed Smith, 35% backed Jones and 10% were undecided.\n")
    assert finding.message.startswith("40% + 35% + 10% = 85%: the set is complete (it names 'undecided')")


def test_the_rest_without_a_figure_does_not_complete_a_set() -> None:
    assert findings("In the poll, 40% backed Smith and 35% backed Jones; the rest did not answer.\n") == []


def test_other_as_an_adjective_does_not_complete_a_set() -> None:
    assert findings("In the poll, 40% backed Smith and 35% backed Jones, and 5% backed other candidates.\n") == []


def test_table_total_row_is_checked_against_the_rows_above() -> None:
    text = "| Party | Share |\n| --- | --- |\n| Left | 48.2% |\n| Right | 45.1% |\n| Total | 100% |\n"
    (finding,) = findings(text)
    assert finding.message == "48.2% + 45.1% = 93.3%: the Total row says 100%"
    assert (finding.line, finding.end_line) == (3, 5)


def test_table_that_adds_up_and_a_change_column_are_quiet() -> None:
    good = "| Party | Share |\n| --- | --- |\n| Left | 48.2% |\n| Right | 45.1% |\n| Other | 6.7% |\n| Total | 100.0% |\n"
    change = "| Party | Change |\n| --- | --- |\n| Left | +58% |\n| Right | 45% |\n"
    series = "| Poll | Left | Right |\n| --- | --- | --- |\n| March | 58% | 40% |\n| April | 55% | 41% |\n"
    own_wholes = "| Country | Share of exports |\n| --- | --- |\n| Chile | 58% |\n| Peru | 45% |\n"
    assert findings(good) == findings(change) == findings(series) == findings(own_wholes) == []
    vote = "| Party | % of the vote |\n| --- | --- |\n| Left | 58% |\n| Right | 45% |\n"
    assert len(findings(vote)) == 1


def test_list_bullets_form_a_group() -> None:
    (finding,) = findings("Final count:\n\n- Smith: 61%\n- Jones — 44 percent\n")
    assert "61% + 44% = 105%" in finding.message


def test_list_that_does_not_say_its_answers_exclude_each_other_is_quiet() -> None:
    assert findings("Device ownership:\n\n- Smartphone: 80%\n- Tablet: 60%\n") == []
    assert findings("Inflation by district:\n\n- North: 61%\n- South: 44%\n") == []


def test_declared_complete_parameter(tmp_path: Path) -> None:
    rule_file = Path(__file__).resolve().parent.parent / "rules" / "percent-total.yaml"
    text = rule_file.read_text(encoding="utf-8").replace("id: percent-total", "id: percent-total-complete")
    text = text.replace("params:\n", "params:\n  declared_complete: true\n", 1)
    custom = tmp_path / "complete.yaml"
    custom.write_text(text, encoding="utf-8")
    rules = RuleSet(tuple(load_rule_file(custom)))
    (finding,) = findings("Smith took 40% of the vote and Jones received 35%.\n", rules)
    assert "declared complete by the rule" in finding.message


def test_bad_cue_regex_names_the_parameter_and_line(tmp_path: Path) -> None:
    custom = tmp_path / "bad.yaml"
    custom.write_text(
        "id: bad-percent\nkind: percent-total\nmessage: '{arithmetic}'\nparams:\n  choice_cues:\n    en: ['won(']\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as error:
        load_rule_file(custom)
    assert "choice_cues" in str(error.value)
    assert "bad.yaml:5" in str(error.value)


# ---------------------------------------------------------------- news phrasings, both ways

@pytest.mark.parametrize(
    "text",
    [
        'According to the official count, Smith received 52.3 percent of the votes cast and Jones 49.1 percent.',
        'The Social Democrats won 38.2 pct of the vote, the Conservatives 35.1 pct, and the Greens 29 pct.',
        "A Gallup poll found 56% of Americans approve of the president's handling of the economy, while 48% disapprove.",
        'The measure passed with 62% of the vote to 41% against.',
        'Exit polls gave Smith 55% and Jones 48%.',
        'Smith won the runoff with 58.4% of the vote against 45.6% for Jones.',
        'Voters backed the proposal by 60% to 45%.',
        'The ruling party secured 54% of the seats, the opposition 38% and independents 12%.',
        'Sixty percent of those surveyed said they supported the plan and 45 percent opposed it.',
        'In the first round, Smith garnered 48% and Jones 44%, with 11% going to minor candidates.',
        'Smith has 51% support and Jones has 52% support, the poll shows.',
    ],
)
def test_news_phrasings_of_impossible_shares_are_flagged(text: str) -> None:
    assert len(findings(text + "\n")) == 1


@pytest.mark.parametrize(
    "text",
    [
        'In the Democratic primary, Clinton won 55%, while in the Republican primary Trump took 60%.',
        'Clinton won 48% in 2016; Biden won 51% in 2020.',
        "Apple's share of the smartphone market is 55%, while Samsung's share of the tablet market is 60%.",
        'IBM has 60 pct of the mainframe market. Digital Equipment has 55 pct of the minicomputer market.',
        'Sixty percent of Democrats support the bill, compared with 45% of Republicans.',
        'The bill got 60% support in the Senate and 55% in the House.',
        'The company said 70 pct of its sales came from Europe and 40 pct of its profits from Asia.',
        'In February, 55% backed Smith. In March, 50% did.',
        'Smith won 55% of the vote last month. This month he polls 50%.',
        'He won 55% in Ohio and 60% in Texas.',
        'Asked which devices they own, 80% said a phone and 60% said a laptop.',
        'About 70% of voters said the economy was important, and 65% said health care was.',
        'Smith won 52% of the vote, up from 48% last time, while Jones got 47%.',
        'Shareholders voted 85 pct in favour of the merger, and 90 pct of bondholders approved it.',
        'The party won 40% of the vote but 65% of the seats.',
        'Smith won 55 percent of the white vote and 60 percent of the Hispanic vote.',
        'The yes side took 52 percent in Quebec City and 58 percent in Montreal.',
        'Smith won 55% of the vote. Jones, who won 60% four years ago, conceded.',
        'Women backed Smith 60% to 35%, while men backed Jones 55% to 40%.',
        'Smith won 52% of the vote. Among young voters, Jones received 60%.',
        'Support for Smith is 55%, and 60% of voters think he will win.',
        'Smith won 55% of the vote, and turnout reached 65%.',
        'The referendum passed with 55% of the vote; 60% of eligible voters took part.',
        'Some 55% of respondents backed the plan, 30% opposed it, and 70% said they want a second vote.',
        'Smith won 55% of the vote and carried 60% of the counties.',
        'Smith won 51% of the vote, with 60% of precincts reporting.',
        'Jones received 45% of votes, and got 70% of the union endorsements.',
        "Smith's approval rating is 55%, with 60% of voters saying the country is on the wrong track.",
        'Smith won 30% of the vote in 2016, 40% in 2020 and 45% in 2024.',
        'The company took 60% of the market. Its rival took 50% of the market in Europe.',
        'Mr Smith took 60% of the vote in the first round and 55% in the second.',
        'Of the 60% who voted, 55% backed Smith.',
        'Smith won 55% of early voters and 60% of those who voted on election day.',
        'The company, which has 45 pct of the U.S. market, said its rival took 60 pct of the European market.',
        'Alpha holds 51 pct of Beta; the balance of 49 pct is owned by Gamma, which also holds 60 pct of Delta.',
        'The government wants to raise the share of renewables to 60 pct and cut coal to 45 pct.',
        'Smith won 55% of the vote in the city and 60% in the suburbs.',
        'Smith won 55% of the vote among women and 60% among men.',
        'Among Democrats, 80% backed the bill; among Republicans, 70% opposed it.',
        'Smith got 55% in the primary and went on to win 60% in the general election.',
        'Smith received 45% of the vote, while 60% of voters said the economy was their top issue.',
        'The plan was backed by 55% of shareholders and 60% of bondholders.',
        'She drew 40 percent in the September 25–27 Léger poll, 45 percent in the September 26–27 Redfield survey, and 50 percent in the Zogby poll.',
        'Smith won 55% of the vote in the Iowa caucus and 60% in the New Hampshire primary.',
    ],
)
def test_shares_of_different_wholes_in_news_phrasing_are_not_flagged(text: str) -> None:
    assert findings(text + "\n") == []


# ---------------------------------------------------------------- percent versus percentage points

POINTS = load_rules().only(["percent-points"])


def test_points_written_as_percent_are_flagged_with_the_right_figures() -> None:
    (finding,) = findings("Support rose from 40% to 45%, a 5% increase.\n", POINTS)
    assert finding.message == "'5%' is the change in percentage points: from 40% to 45% is 5 points, or 12.5%"
    assert finding.suggestion == "5 percentage points"


@pytest.mark.parametrize(
    "text",
    [
        "Turnout fell 8 pct, to 42 pct from 50 pct.",
        "Support rose 5 percent from 40 percent to 45 percent.",
    ],
)
def test_stated_change_before_the_pair(text: str) -> None:
    assert len(findings(text + "\n", POINTS)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Support rose from 40% to 45%, an increase of 5 percentage points.",
        "Support rose from 40% to 50%, a 25% increase.",
        "The jobless rate rose to 6.0 pct from 5.5 pct, while inflation rose 0.5 pct.",
        "Support rose from 40% to 45%; separately, sales were up 5%.",
        "Bids ranged from 100% to 100%, up 0%.",
    ],
)
def test_right_changes_and_rates_elsewhere_are_not_flagged(text: str) -> None:
    assert findings(text + "\n", POINTS) == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ('Unemployment rose to 5.5% from 5%, up 0.5%.', True),
        ('The rate fell from 10% to 5%, down 5%.', True),
        ('Support rose 5%, from 40% to 45%.', True),
        ('Support rose 0.5 pct to 5.5 pct from 5.0 pct.', True),
        ('Support rose from 40% to 45%, an increase of 5%.', True),
        ('Support rose from 40% to 45% — up 5%.', True),
        ('Its market share rose to 30% from 25%, while sales were up 5%.', False),
        ('Support rose from 40% to 45% in May and 5% of voters were undecided.', False),
        ('Prices rose 5% as imports went from 40% to 45%.', False),
        ('Support went from 40% to 45% as prices rose 5%.', False),
        ('Support rose from 40% to 45%, with 5% undecided.', False),
        ('Support rose from 40% to 45%, a 12.5% increase.', False),
        ('Support rose from 40% to 45%, a 5-point increase.', False),
        ('Support rose from 40% to 45%, a rise of 5 percentage points.', False),
    ],
)
def test_points_phrasings_both_ways(text: str, flagged: bool) -> None:
    assert bool(findings(text + "\n", POINTS)) is flagged


def test_rounding_is_a_parameter(tmp_path: Path) -> None:
    rule_file = Path(__file__).resolve().parent.parent / "rules" / "percent-total.yaml"
    text = rule_file.read_text(encoding="utf-8").replace("  rounding: 0.5\n", "  rounding: 1.5\n")
    custom = tmp_path / "loose.yaml"
    custom.write_text(text, encoding="utf-8")
    rules = RuleSet(tuple(load_rule_file(custom)))
    sentence = "Smith took 52% of the vote and Jones received 50%.\n"
    assert len(findings(sentence)) == 1
    assert findings(sentence, rules) == []


# --- the order of the share tests and the multiple-answer search do not change what is found


def test_a_cued_share_that_is_a_margin_is_still_dropped() -> None:
    """The cue ("won") is tested first now; the not-a-share test after it must still drop "won by"."""
    assert len(findings("Smith won 55% of the vote and Jones won 50% of the vote.\n")) == 1
    assert findings("Smith won 55% of the vote and Jones won the seat by 50% of the vote.\n") == []


def test_a_multiple_answer_note_withdraws_a_table_finding() -> None:
    table = "| Party | Share |\n|---|---|\n| Red | 60% |\n| Blue | 50% |\n"
    assert len(findings(table)) == 1
    assert findings(table + "\nVoters could choose more than one party.\n") == []
    assert findings("Voters could choose more than one party.\n\n" + table) == []


# --- the sentences the prose groups are built from


def test_sentences_keep_abbreviations_and_join_a_paragraph_that_stops_mid_sentence() -> None:
    from factcheck.document import from_text
    from factcheck.extract.sentences import sentences

    def texts(text: str) -> list[str]:
        return [s.text for s in sentences(from_text(text, path="a.md"))]

    assert texts('Mr. Smith left at 5 p.m. Jones stayed. Gen. Lee won. He said: "Go." Then Q. Public agreed!\n') == [
        "Mr. Smith left at 5 p.m. Jones stayed.", "Gen. Lee won.", 'He said: "Go."', "Then Q. Public agreed!",
    ]  # fmt: skip
    assert texts("He met Sen.\nWarren. Then 3 left.\n") == ["He met Sen.\nWarren.", "Then 3 left."]
    # A paragraph that ends without terminal punctuation runs on; one closed by "(see above)." does not.
    assert texts("It showed him as\n\ntaking home 61.2%.\n\nA note (see above).\n\nlower case start.\n") == [
        "It showed him as\n\ntaking home 61.2%.", "A note (see above).", "lower case start.",
    ]  # fmt: skip


def test_a_sentence_of_two_answers_after_a_subgroup_breakdown_is_its_own_whole() -> None:
    # "among those 65 and older, 44%" ends a breakdown by subgroup; the next
    # sentence's two answers are another subgroup's result, not the rest of it.
    text = (
        "Among voters under 30, 71% backed it; among those 65 and older, 44% did. "
        "Independents split 50% in favor, 47% against.\n"
    )
    assert findings(text) == []


def test_a_share_carried_over_after_a_subgroup_breakdown_still_joins() -> None:
    text = "Among men, 61% backed Smith; among women, 58% backed Jones. Lee took 50%.\n"
    (finding,) = findings(text)
    assert "58% + 50%" in finding.message


def test_a_clause_after_a_semicolon_that_names_another_poll_is_another_whole() -> None:
    text = (
        "A poll taken May 26-29 gave Cabal 46%, Bolanos 44%, with 10% undecided; "
        "a separate Invamer survey gave her 43% and him 45%.\n"
    )
    assert findings(text) == []


def test_a_clause_after_a_semicolon_in_the_same_poll_still_joins() -> None:
    (finding,) = findings("The poll gave Cabal 56% and Bolanos 40%; Fajardo took 9%.\n")
    assert "56% + 40% + 9% = 105%" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Polls gave Smith 48%, Jones 45% and Lee 12%, with 3% undecided.",
        "Inflation hit 10% while Smith won 55% of the vote and Jones 40%; 5% of ballots were spoiled.",
        "Trump led 47 percent to 40 percent with 5 percent for Amash, up from 2 percent.",
        "In the poll, 48% backed Smith (47.6%), 45% backed Jones and 12% were undecided.",
    ],
)
def test_possible_shares_hold_the_shares_of_a_sentence(text: str) -> None:
    """A sentence is skipped when it has at most one possible share (and its
    neighbours none), or when its run's possible shares cannot add up to a
    finding: every real share must be among them."""
    from factcheck.checks.percent_total import (
        _member,
        _possible_shares,
        _sentence_clauses,
    )
    from factcheck.document import from_text
    from factcheck.extract.numbers import percentages
    from factcheck.extract.sentences import sentences

    document = from_text(text, path="article.md")
    params = RULES.rules[0].params
    (sentence,) = document.fact(sentences)
    clauses = _sentence_clauses(params, document.prose, sentence, list(document.fact(percentages)))
    members, last = [], None
    for clause in clauses:
        last = _member(params, document.prose, sentence, clause, last) if clause is not None else None
        if last is not None:
            members.append(last.mention)
    assert len(members) >= 2
    possible = [clause.mention for clause in _possible_shares(clauses)]
    assert all(mention in possible for mention in members)


def test_last_break_read_from_the_end_is_the_last_of_a_forward_scan() -> None:
    import random

    from factcheck.checks.percent_total import CLAUSE_BREAK, _last_break_end, _last_end

    assert _last_break_end("a — — b") == _last_end(CLAUSE_BREAK, "a — — b") == 4  # the dashes share a space
    assert _last_break_end("won, and then") == 8
    pieces = ["and", "but", "while", "whereas", "band", " ", "\n", ",", ";", ":", "—", "–", "-", "x", "é"]
    draw = random.Random(7)
    for _ in range(20_000):
        text = "".join(draw.choice(pieces) for _ in range(draw.randint(0, 12)))
        assert _last_break_end(text) == _last_end(CLAUSE_BREAK, text), text


def test_shares_just_past_100_after_rounding_are_still_read() -> None:
    # A run whose possible shares' low bounds sum to 100% or less is skipped unread;
    # 50.35 + 49.75 = 100.1 is past it, and 49.95 + 49.95 is not.
    (finding,) = findings("Smith won 50.4% of the vote and Jones 49.8%.\n")
    assert "50.4% + 49.8% = 100.2%" in finding.message
    assert findings("Smith won 50.0% of the vote and Jones 50.0%.\n") == []
