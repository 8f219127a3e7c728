"""name-variants: one name spelled two ways, and the many near-pairs that are not."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from factcheck.checks import name_variants
from factcheck.document import from_text
from factcheck.engine import check_document
from factcheck.errors import ConfigError
from factcheck.extract.names import fold, names
from factcheck.findings import Severity
from factcheck.rules import RuleSet, load_rules, parse_rule
from factcheck.yaml_lines import load_all

RULES = load_rules().only(select=["name-variants", "name-variants-declared"])
AUTOMATIC = RULES.only(select=["name-variants"])


def findings(text: str, rules: RuleSet = RULES, path: str = "t.md"):
    return check_document(from_text(text, path=path), rules)


def rule_from_yaml(text: str, source: str = "custom.yaml") -> RuleSet:
    return RuleSet(tuple(parse_rule(doc, source) for doc in load_all(text, source) if doc is not None))


# ------------------------------------------------------------------ the seed


def test_seed_gives_exactly_the_gonzales_finding(seed_file: Path) -> None:
    document = from_text(seed_file.read_text(encoding="utf-8"), path=str(seed_file))
    found = [f for f in check_document(document, load_rules()) if f.kind == "name-variants"]
    assert [(f.line, f.match) for f in found] == [(21, "Gonzales")]
    assert "'Gonzalez'" in found[0].message
    assert found[0].suggestion == "Gonzalez"


# ------------------------------------------------------------------ must flag


@pytest.mark.parametrize(
    ("text", "variant", "canonical"),
    [
        ("Edmundo Gonzalez led. Later Gonzales received 44.2%.", "Gonzales", "Gonzalez"),
        ("Magnitogorsk is cold. Magnitogorsk officials said so. Police searched Magnitigorsk.", "Magnitigorsk", "Magnitogorsk"),
        ("Andy Roddick won. Roddick served well, but Rodick lost the third set.", "Rodick", "Roddick"),
        ("Protests in California grew. California police said Califoirnia roads were shut.", "Califoirnia", "California"),
        ("President Recep Tayyip Erdoğan spoke. Erdoğan left. Erdogan returned.", "Erdogan", "Erdoğan"),
        ("Ewan McDonald spoke for McDonald Rail. Mcdonald Rail shares rose.", "Mcdonald", "McDonald"),
        ("Officials close to al-Assad said so. Bashar al-Assad agreed. An aide to al Assad read it.", "al Assad", "al-Assad"),
        ("Helmut Schlesinger spoke. Schlesinger said no. Schlesigner later agreed.", "Schlesigner", "Schlesinger"),
        # A bare added vowel and a doubled final consonant stay possible typos.
        ("Analyst Craig Sloane said rates would rise. Sloan added that yen would fall.", "Sloan", "Sloane"),
    ],
)
def test_flags_the_minority_spelling(text: str, variant: str, canonical: str) -> None:
    found = findings(text)
    assert [f.match for f in found] == [variant]
    assert f"'{canonical}'" in found[0].message


def test_a_misspelt_derived_form_is_compared_by_its_stem() -> None:
    # "Venezulean" is "Venezuela" + "n", misspelt; the suggestion keeps the ending.
    found = findings("Venezuela signed the deal. Venezuela will supply Venezulean crude oil.")
    assert [(f.match, f.suggestion) for f in found] == [("Venezulean", "Venezuelan")]


def test_derived_forms_are_not_misspellings() -> None:
    text = "Colorado voters and Coloradans; Mexico and Mexicans; Africa and a pan-Africanist; Canada and Canadians."
    assert findings(text) == []


def test_tie_goes_to_the_first_full_name_introduction() -> None:
    found = findings("Gonzales was shown second. Maduro's rival Edmundo Gonzalez disputed it.")
    assert [f.match for f in found] == ["Gonzales"]


def test_a_shift_key_slip_is_never_the_canonical_spelling() -> None:
    found = findings("Regulators in NEvada met on Monday. Officials in Nevada agreed.")
    assert [(f.match, f.suggestion) for f in found] == [("NEvada", "Nevada")]


def test_declared_forms_match_either_apostrophe() -> None:
    rules = rule_from_yaml(
        "id: q\nkind: name-variants\nmessage: m\nparams:\n  automatic: false\n  variants: [[al-Qaeda, \"al-Qa'ida\"]]\n"
    )
    found = findings("Al-Qaeda said so. Al-Qaeda agreed. The al-Qa’ida cell did not.", rules)
    assert [(f.match, f.suggestion) for f in found] == [("al-Qa’ida", "al-Qaeda")]


def test_a_misspelt_weekday_is_flagged_but_never_a_weekday() -> None:
    found = findings("The bank met on Wednesday. Rates rose on Wenesday, and again on Wednesday.")
    assert [(f.match, f.suggestion) for f in found] == [("Wenesday", "Wednesday")]


def test_same_name_context_overrides_word_frequencies() -> None:
    # "angles" and "angeles" are both common words; after "Los" they are one name.
    found = findings("Traders in Los Angeles said so. Los Angeles rose. A Los Angles floor trader agreed.")
    assert [f.match for f in found] == ["Angles"]


def test_every_use_of_the_variant_is_flagged_up_to_three() -> None:
    text = "Jacques Chirac spoke. " + "Chirac agreed. " * 5 + "Chriac left. Chriac returned."
    assert [f.match for f in findings(text)] == ["Chriac", "Chriac"]


def test_a_spelling_used_four_times_is_a_choice() -> None:
    text = "Marek Kowalczik and Piotr Kowalczyk. " + "Kowalczik spoke. Kowalczyk spoke. " * 4
    assert findings(text) == []


def test_quoted_variant_is_info_not_skipped() -> None:
    found = findings('Dorsa Derakhshani played. Derakhshani said "Derakshani is my name in the old papers".')
    assert [(f.match, f.severity) for f in found] == [("Derakshani", Severity.INFO)]


def test_message_shows_shared_first_name_as_evidence() -> None:
    found = findings("Frido Welker explained the method. Later Frido Walker added details about it.")
    assert len(found) == 1
    assert "both follow 'Frido'" in found[0].message


def test_message_gives_the_introduction_as_written() -> None:
    """A hyphenated given name is one name: "Klaus-Dieter", not "Dieter"."""
    found = findings("The chief executive, Klaus-Dieter Brenner of the bank, said so. Later Brener said prices would recover.")
    assert len(found) == 1
    assert "introduced as 'Klaus-Dieter Brenner'" in found[0].message


def test_different_first_names_do_not_hide_a_misspelling_that_is_no_name() -> None:
    # A husband and wife share a surname: different first names alone prove nothing.
    found = findings("Minister Anne Okonkwo came with her husband, Robert Okonkow. Okonkwo spoke.")
    assert [f.match for f in found] == ["Okonkow"]


def test_long_names_allow_two_edits_only_when_configured() -> None:
    text = "Researchers at Vandenbroucke Labs agreed. Vandenbroucke said yes; Vandenbrucek said no."
    assert [f.match for f in findings(text, AUTOMATIC)] == ["Vandenbrucek"]
    strict = rule_from_yaml(
        "id: strict-names\nkind: name-variants\nmessage: '{variant} vs {canonical}'\nparams:\n  long_name_edits: 1\n"
    )
    assert findings(text, strict) == []


# ------------------------------------------------------------------ must not flag


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Russian officials met; Russians voted.",
        "Venezuela and Venezuelan exiles; Ukraine and Ukrainian troops; Mali and Malian forces.",
        "Moscow agreed and Moscow's mayor smiled. Putin spoke and Putin's aide wrote.",
        "Germany and the Germans; the Democrats and a Democratic senator; Terrorism and Terrorists.",
        "Iran and Iraq signed. Austria and Australia watched.",
        "Niger and Nigeria, Slovakia and Slovenia, Gambia and Zambia.",
        "Sudan and South Sudan agreed a border.",
        "Sundar Pichai spoke on Sunday. Monday and Mondays.",
        "Hong Kong and Kong Hong are different; Sara and Zara met Mangalore officials in Bangalore.",
        "Chan and Chang met Mann and Menn.",
        "NATO and NAFTO are acronyms; TASS and TASSE.",
        "David Davis spoke. The Hindu and Hindi press.",
        "Marcus Horan and Shane Horgan played. M Horan and S Horgan started.",
        "Shane Horgan moves to centre.\n\nIreland: Murphy, Dempsey, Horgan, Hickie, O'Gara, Stringer, Horan, Sheahan.",
        "Elena Petrova and Elene Kiknadze travelled with the team.",
        "Banco do Brasil opened in Brazil. Brazil welcomed it.",
        "We're sure. We've seen it. They're here. They've left.",
    ],
)
def test_does_not_flag(text: str) -> None:
    assert findings(text) == []


def test_names_in_code_urls_and_link_targets_are_ignored() -> None:
    text = (
        "Marisol Quiroga spoke. Quiroga won.\n\n"
        "See <https://example.org/Quirroga> and `Quirroga` and [results](https://example.org/Quirogga/x).\n\n"
        "```\nQuirroga = 1\n```\n"
    )
    assert findings(text) == []


def test_distinct_list_is_a_param() -> None:
    text = "Officials in Velmora and Vellmora agreed to talk again on Friday."
    assert [f.match for f in findings(text, AUTOMATIC)] == ["Vellmora"]
    custom = rule_from_yaml(
        "id: my-names\nkind: name-variants\nmessage: '{variant} vs {canonical}'\nparams:\n"
        "  distinct: [[Velmora, Vellmora]]\n"
    )
    assert findings(text, custom) == []


# ------------------------------------------------------------------ declared variant sets


DECLARED = """
id: house-names
kind: name-variants
message: "{variant} -> {canonical}"
params:
  automatic: false
  variants:
    - [Zelensky, Zelenskyy, Zelenskiy]
    - [Gaddafi, Qaddafi, Kadhafi]
    - [Al Qaeda, al-Qaida]
  preferred: [Zelenskyy, al-Qaida]
"""


def test_declared_preferred_form_flags_consistent_use() -> None:
    found = findings("Zelensky met the envoy. Zelensky's office agreed.", rule_from_yaml(DECLARED))
    assert [(f.match, f.suggestion) for f in found] == [("Zelensky", "Zelenskyy"), ("Zelensky", "Zelenskyy")]


def test_declared_set_without_preference_flags_mixing_only() -> None:
    rules = rule_from_yaml(DECLARED)
    assert findings("Gaddafi spoke. Gaddafi left.", rules) == []
    found = findings("Gaddafi spoke. Gaddafi left. Qaddafi returned.", rules)
    assert [f.match for f in found] == ["Qaddafi"]


def test_declared_forms_match_whole_words_and_any_case() -> None:
    found = findings("The AL QAEDA cell and al Qaeda's leaders. Zelenskyy said so.", rule_from_yaml(DECLARED))
    assert [f.match for f in found] == ["AL QAEDA", "al Qaeda"]


def test_builtin_declared_rule_flags_mixed_transliterations() -> None:
    found = findings("Zelenskyy met the envoy on Monday. On Tuesday Zelensky flew to Warsaw.")
    assert [(f.rule, f.match) for f in found] == [("name-variants-declared", "Zelensky")]


def test_a_declared_form_in_turkish_capitals_is_matched_without_a_crash() -> None:
    # The pattern lets "İ" match "i"; "KİEV" case-folds to "ki̇ev", which is no form's key.
    found = findings("Zelensky flew to KİEV on Monday. Officials in Kyiv agreed.", RULES.only(select=["name-variants-declared"]))
    assert [(f.match, f.suggestion) for f in found] == [("Kyiv", "Kiev")]


def _mutations(form: str, rng: random.Random) -> list[str]:
    """Spellings of ``form`` that the case-insensitive pattern still matches, and near misses."""
    tricky = {"i": ["İ", "I", "ı"], "I": ["ı", "İ"], "s": ["ſ", "S"], "k": ["K", "K"], "'": ["’"], "f": ["F"], "-": ["‐", " "]}
    found = [form, form.upper(), form.lower(), form.swapcase(), form.replace("ff", "ﬀ"), form.replace("fi", "ﬁ")]
    for _ in range(20):
        found.append("".join(rng.choice([ch, *tricky.get(ch, [ch.swapcase()])]) for ch in form))
    return found


def test_the_declared_prefilter_never_hides_a_pattern_match() -> None:
    """The substring test that skips the pattern must pass wherever the pattern matches."""
    rule = RULES.get("name-variants-declared")
    assert rule is not None
    params = rule.params
    rng = random.Random(10)
    matched = 0
    for form in sorted(form for _, form in params.declared_forms.values()):
        for spelling in _mutations(form, rng):
            text = f"Officials said ({spelling}) and {spelling}'s aides agreed."
            if params.declared_pattern.search(text):
                matched += 1
                folded = name_variants._folded_for_search(text)
                assert any(needle in folded for needle in params.declared_needles), spelling
                list(name_variants.check(from_text(text), rule))  # no KeyError
                # Every match has a form to report it under.
                for match in params.declared_pattern.finditer(text):
                    key = match.group()
                    assert (params.declared_forms.get(name_variants._declared_key(key))
                            or params.declared_search_keys.get(name_variants._folded_for_search(key))), key
    assert matched > 100


def test_one_finding_per_slip_when_a_declared_pair_is_also_one_edit_apart() -> None:
    found = findings("Volodymyr Zelensky spoke. Zelensky left. Later Zelenskiy returned.")
    assert [(f.rule, f.match) for f in found] == [("name-variants-declared", "Zelenskiy")]


def test_the_automatic_rule_leaves_exactly_the_declared_sets_alone() -> None:
    automatic, declared = RULES.get("name-variants"), RULES.get("name-variants-declared")
    assert automatic is not None and declared is not None
    assert automatic.params.variants == declared.params.variants
    assert not automatic.params.report_declared and declared.params.report_declared


@pytest.mark.parametrize(
    ("params", "complaint"),
    [
        ("variants: [[Kyiv]]", "two or more spellings"),
        ("variants: [[Kyiv, Kiev], [kiev, Kyjiw]]", "listed twice"),
        ("variants: [[Kyiv, Kiev]]\n  preferred: [Kyjiw]", "not in any variants set"),
        ("distinct: [[Iran]]", "two or more different names"),
        ("quoted_severity: loud", "error, warning or info"),
        ("max_edits: 7", "between 0 and 3"),
    ],
)
def test_bad_params_name_the_file_and_line(params: str, complaint: str) -> None:
    with pytest.raises(ConfigError) as error:
        rule_from_yaml(f"id: x\nkind: name-variants\nmessage: m\nparams:\n  {params}\n", "house.yaml")
    assert complaint in str(error.value)
    assert "house.yaml:" in str(error.value)


# ------------------------------------------------------------------ extraction


def test_name_mentions_keep_possessives_and_full_names() -> None:
    document = from_text("Despite the loss, Maduro's rival Edmundo Gonzalez spoke to Bashar al-Assad.")
    mentions = {m.surface: m for m in document.fact(names)}
    assert "Despite" not in mentions  # a sentence-initial ordinary word
    assert mentions["Maduro"].possessive and document.text[slice(*mentions["Maduro"].span)] == "Maduro"
    assert mentions["Gonzalez"].full_name == "Edmundo Gonzalez"
    assert mentions["Gonzalez"].previous == "Edmundo"
    assert mentions["Assad"].full_name == "Bashar al-Assad"


def test_neutral_characters_are_no_letters_marks_or_digits() -> None:
    import regex

    from factcheck.extract.names import NEUTRAL_CHARACTERS

    assert [ch for ch in NEUTRAL_CHARACTERS if regex.match(r"[\p{L}\p{M}\p{N}_]", ch)] == []


def test_ascii_patterns_find_what_the_unicode_patterns_find() -> None:
    """Prose whose letters and digits are ASCII is scanned with ``re``: same tokens, same lower-case words."""
    from factcheck.extract import names as extractor

    rng = random.Random(7)
    alphabet = ["a", "b", "d", "e", "l", "o", "y", "A", "B", "D", "M", "Z", "7", "_", "'", "’", " ", " ", "-", ".",
                "“", "”", "—", "\u00a0", "\u200b", "é", "\u0301", "Ω", "½", "de", "la", "van", "al-", "O'", "’s", "y. ", "della "]
    compared = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        unicode_tokens = [(m.span(), m.lastindex and m.span(m.lastindex)) for m in extractor._NAME_TOKEN.finditer(text)]
        unicode_lower = set(extractor._LOWER_WORD.findall(text))
        if extractor.ascii_words_only(text):
            compared += 1
            ascii_tokens = [(m.span(), m.lastindex and m.span(m.lastindex)) for m in extractor._ASCII_NAME_TOKEN.finditer(text)]
            assert ascii_tokens == unicode_tokens, text
            assert set(extractor._ASCII_LOWER_WORD.findall(text)) == unicode_lower, text
        else:
            assert any(not ch.isascii() and ch not in extractor.NEUTRAL_CHARACTERS for ch in text)
    assert compared > 500


def test_fold_removes_accents_and_case() -> None:
    assert fold("González") == fold("GONZALEZ") == "gonzalez"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("russia", "russian", True),
        ("germany", "germans", True),
        ("democrats", "democratic", True),
        ("terrorism", "terrorists", True),
        ("argentine", "argentinas", True),
        ("mexico", "mexicans", True),
        ("africa", "africanist", True),
        ("japanese", "japansese", False),
        ("builders", "buildiers", False),
        ("andersen", "anderson", False),
        ("iraq", "iraqi", True),
        ("sloan", "sloane", False),
        ("seligman", "seligmann", False),
        ("gonzalez", "gonzales", False),
    ],
)
def test_word_endings(a: str, b: str, same: bool) -> None:
    assert name_variants.same_word_other_ending(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("gonzalez", "gonzales", 1), ("venezuelan", "venezulean", 1), ("roddick", "rodick", 1), ("iran", "oman", 2)],
)
def test_osa_distance(a: str, b: str, distance: int) -> None:
    assert name_variants.osa_distance(a, b, 3) == distance


def _reference_osa(a: str, b: str) -> int:
    """Optimal string alignment distance, the full table without shortcuts."""
    table = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


def _edited(rng: random.Random, word: str, alphabet: str, edits: int) -> str:
    letters = list(word)
    for _ in range(edits):
        operation = rng.randrange(4)
        if operation == 0 and letters:
            letters.pop(rng.randrange(len(letters)))
        elif operation == 1:
            letters.insert(rng.randint(0, len(letters)), rng.choice(alphabet))
        elif operation == 2 and letters:
            letters[rng.randrange(len(letters))] = rng.choice(alphabet)
        elif operation == 3 and len(letters) > 1:
            i = rng.randrange(len(letters) - 1)
            letters[i], letters[i + 1] = letters[i + 1], letters[i]
    return "".join(letters)


def test_osa_distance_shortcuts_agree_with_the_full_table() -> None:
    """Trimming common affixes and the one-edit shortcut never change whether a pair is within the limit."""
    rng = random.Random(7)
    for _ in range(20000):
        alphabet = "abc"[: rng.randint(1, 3)]  # few letters: many repeats and swaps
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        b = _edited(rng, a, alphabet, rng.randint(0, 3))
        limit = rng.randint(0, 3)
        expected = min(_reference_osa(a, b), limit + 1)
        assert min(name_variants.osa_distance(a, b, limit), limit + 1) == expected, (a, b, limit)


@pytest.mark.parametrize(("max_edits", "long_name_edits"), [(1, 2), (2, 1), (0, 3), (3, 0)])
def test_direct_comparison_finds_the_pairs_that_share_a_deletion(max_edits: int, long_name_edits: int) -> None:
    """A few forms of one initial are compared directly; the pairs within the edit limit are those the
    neighbourhoods give."""
    params = name_variants.Params(max_edits=max_edits, long_name_edits=long_name_edits, long_name_length=7)
    rng = random.Random(max_edits * 10 + long_name_edits)
    for _ in range(300):
        base = "s" + "".join(rng.choice("aeiklnrst") for _ in range(rng.randint(3, 9)))
        words = {base} | {"s" + _edited(rng, base[1:], "aeiklnrst", rng.randint(0, 3)) for _ in range(rng.randint(1, 12))}
        forms = [(number, word, "") for number, word in enumerate(sorted(words))]
        group = list(range(len(forms)))
        direct = _within_limit(forms, name_variants._close_forms(forms, group, params), params)
        assert direct == _within_limit(forms, name_variants._shared_deletions(forms, group, params), params), words


def _within_limit(forms, pairs, params) -> list[tuple[int, int]]:
    """The pairs whose forms are within the edit limit of the shorter one."""
    within = []
    for x, y in pairs:
        shorter = min(len(forms[x][1]), len(forms[y][1]))
        limit = params.long_name_edits if shorter >= params.long_name_length else params.max_edits
        if name_variants.osa_distance(forms[x][1], forms[y][1], limit) <= limit:
            within.append((x, y))
    return sorted(within)


# ------------------------------------------------------------------ cost


def _random_name(rng: random.Random) -> str:
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    syllables = rng.randint(3, 5)
    word = "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(syllables))
    return word.capitalize() + rng.choice(string.ascii_lowercase[:8])


@pytest.mark.parametrize("depth", [0, 1, 2, 3])
def test_deletion_neighbourhood_is_every_way_to_drop_up_to_depth_letters(depth: int) -> None:
    from itertools import combinations

    for word in ["", "a", "ab", "aab", "gonzalez", "abcabcabcab"]:
        expected = {
            "".join(ch for i, ch in enumerate(word) if i not in dropped)
            for k in range(min(depth, len(word)) + 1)
            for dropped in combinations(range(len(word)), k)
        }
        assert name_variants._deletions(word, depth) == expected, word


def test_a_very_long_token_is_not_compared() -> None:
    blob = "Q" + "x" * 5000
    assert findings(f"The key {blob} and {blob}y were pasted into the article by mistake.") == []


def test_cost_grows_with_the_number_of_names_not_its_square(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count distance computations on a long document of thousands of distinct names.

    An all-pairs comparison of 6,000 names makes 18 million; blocking by
    deletion neighbourhoods makes a number proportional to the names.
    """
    rng = random.Random(4)
    distinct = sorted({_random_name(rng) for _ in range(6000)})
    sentences = [f"Officials named {name} and {rng.choice(distinct)} on Monday." for name in distinct]
    text = "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))
    calls = 0
    real_distance = name_variants.osa_distance

    def counting(a: str, b: str, limit: int) -> int:
        nonlocal calls
        calls += 1
        return real_distance(a, b, limit)

    monkeypatch.setattr(name_variants, "osa_distance", counting)
    findings(text, AUTOMATIC)
    assert len(distinct) > 5000
    assert calls < 5 * len(distinct)



def test_camel_case_code_names_one_letter_apart_are_different_things() -> None:
    text = (
        "The BitOrAssign trait, the BitOrAssign docs and BitOrAssign again; BitXorAssign is new. "
        "NonZeroUsize and NonZeroUsize beside NonZeroIsize.\n\n"
        "Mr McAlpine spoke. McAlpine and McAlpine again; then MacAlpine."
    )
    assert [f.match for f in findings(text)] == ["MacAlpine"]  # surname prefixes are still names


def test_mc_and_mac_before_different_first_names_are_two_families() -> None:
    # Mc and Mac are one prefix written two ways, and each family keeps its own:
    # both forms are real surnames even when the word list knows only one.
    text = (
        "The governor's race went to a newcomer, and state Sen. Tom McAllister conceded late. "
        "In the Senate race, the incumbent, Dana MacAllister, led. McAllister thanked his volunteers.\n\n"
        "A sister, Nora MacDonagh, survives her; a brother, Peadar McDonagh, died in 2003.\n"
    )
    assert findings(text, AUTOMATIC) == []


def test_mc_and_mac_for_one_person_is_still_a_slip() -> None:
    text = (
        "The governor's race went to a newcomer, and state Sen. Tom McAllister conceded late. "
        "McAllister thanked his volunteers. MacAllister said he would run again.\n"
    )
    assert [f.match for f in findings(text, AUTOMATIC)] == ["MacAllister"]


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv, once known as Kiev, was shelled overnight. Officials in Kyiv said two people died.",
        "Gerhard Schröder (written Schroeder in some English papers) attended. Schröder spoke.",
        "The president, Volodymyr Zelenskyy (also spelled Zelensky), spoke. Zelenskyy left.",
        "Sergei Sobyanin, whose first name is sometimes transliterated as Sergey, spoke. Sergei left.",
    ],
)
def test_a_spelling_the_article_cites_as_a_spelling_is_not_a_slip(text: str) -> None:
    assert findings(text) == []


def test_a_cited_spelling_used_again_as_a_name_is_still_flagged() -> None:
    text = "Kyiv, once known as Kiev, was shelled overnight. Officials in Kiev said two people died. Kyiv said more."
    assert [f.match for f in findings(text)] == ["Kiev"]


def test_o_apostrophe_surnames_of_two_people_are_real_names() -> None:
    # The word list holds no apostrophes, so O'Neill looked like an unknown
    # string; it is as real as Neill, and before different first names two people.
    text = "Mayor: John O'Neill 34%, Sarah O'Neil 31%, Luis Gomez 20%, Ruth Okafor 15%.\n"
    assert findings(text, AUTOMATIC) == []


def test_o_apostrophe_surname_of_one_person_is_still_a_slip() -> None:
    text = "Council member John O'Neill spoke first. O'Neill asked for a recount. O'Neil said he would wait.\n"
    assert [f.match for f in findings(text, AUTOMATIC)] == ["O'Neil"]


@pytest.mark.parametrize(
    ("text", "full_names"),
    [
        ("Later the bank known as Banco do Brasil said so on a quiet day.", {"Banco do Brasil"}),
        (
            "Later the general Charles de Gaulle met the reporters and Bashar al-Assad waited.",
            {"Charles de Gaulle", "Bashar al-Assad"},
        ),
        ("Later the envoy named the painter de la Cruz and the singer della Rosa in a short note.", {"la Cruz", "della Rosa"}),
        ("Later the philosopher Ortega y Gasset, or Ortega y. Gasset, was cited by the panel.", {"Ortega y Gasset", "Ortega y. Gasset"}),
        ("Later he said de, then Gaulle; van, then Gogh and the dude Smith.", {"Gaulle", "Gogh", "Smith"}),
    ],
)
def test_particles_join_only_the_capitalised_word_after_them(text: str, full_names: set[str]) -> None:
    """A particle is part of a name right before a capital (across a space, hyphen or, for "y", a stop)."""
    assert {m.full_name for m in from_text(text).fact(names)} == full_names


def test_lower_words_by_bytes_answer_as_the_pattern_does() -> None:
    """The byte split of ASCII prose knows the same lower-case words as the pattern's matches."""
    from factcheck.extract import names as extractor

    rng = random.Random(11)
    alphabet = ["a", "b", "ab", "the", "The", "Z", "7", "_", "'", "’", " ", " ", "-", ".", "“", "—", "\u00a0", "\x00",
                "é", "\n", "iPhone", "don", "t", "s", "rock", "n", "x"]
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        ascii_words = extractor.ascii_words_only(text)
        matches = set((extractor._ASCII_LOWER_WORD if ascii_words else extractor._LOWER_WORD).findall(text))
        asked = matches | {word.strip("'’") for word in text.split()} | set(text.split())
        asked |= {"a", "ab", "don’t", "don't", "a'", "ab’", "x\x00", "rock'n", ""}
        # By the set at once, and by a search of the prose for each word asked.
        for searches in (0, len(asked)):
            lower_words = extractor._LowerWords(text, ascii_words, searches)
            assert {word for word in asked if word in lower_words} == matches & asked, (text, searches)
            assert lower_words.built is (searches == 0 or not ascii_words)


def test_particles_after_opening_punctuation_count_towards_a_headline() -> None:
    # Later, Zorbakis, (de, (la, (do: 5 of 8 words count as capitalised, so the
    # sentence reads as a headline even though only two capitals are in it.
    mentions = from_text("Later Zorbakis met (de (la (do the end.").fact(names)
    assert [(m.surface, m.headline) for m in mentions] == [("Zorbakis", True)]


def test_name_index_builds_the_same_mentions_as_names_for_the_spellings_asked() -> None:
    """The check builds only the mentions of close spellings: they must be the ones names() gives."""
    text = (
        "# Maduro Wins Again In Caracas Vote\n\n"
        "President Nicolás Maduro met Edmundo Gonzalez in Caracas. J. K. Rowling’s agent came. "
        "Maduro's aides said Gonzales and the Banco do Brasil envoy, Bashar al-Assad's cousin, left.\n\n"
        "> “Gonzalez lost,” said Maduro. Later Maria de la Cruz and Dr. Smith spoke to al Assad.\n"
    )
    document = from_text(text)
    index = document.fact(names)
    every = list(index)
    assert len(index) == len(every)
    assert index.surfaces == [m.surface for m in every]
    surfaces = sorted(set(index.surfaces))
    rng = random.Random(5)
    for _ in range(30):
        wanted = set(rng.sample(surfaces, rng.randint(1, 4)))
        assert index.mentions(wanted) == [m for m in every if m.surface in wanted], wanted
    # One whole name per multi-word run, standing where its first mention stands.
    firsts = {}
    for m in every:
        if m.full_end - m.full_start != m.end - m.start:
            firsts.setdefault(m.full_start, m)
    assert index.whole_names == [m.full_name for m in firsts.values()]
    wholes = index.whole_mentions(set(index.whole_names))
    assert [(w.surface, w.start, w.end, w.sentence_initial, w.headline, w.quoted, w.foreign) for w in wholes] == [
        (m.full_name, m.full_start, m.full_end, m.sentence_initial, m.headline, m.quoted, m.foreign)
        for m in firsts.values()
    ]
    assert index.whole_mentions({"al Assad"}) == [w for w in wholes if w.surface == "al Assad"]
    assert {"Edmundo Gonzalez", "Bashar al-Assad", "al Assad", "Banco do Brasil"} <= set(index.whole_names)
