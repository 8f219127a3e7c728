"""Project configuration: discovery, precedence, validation at file:line, and each key's effect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.config import find_config, resolve
from factcheck.errors import ConfigError
from factcheck.rules import RuleSet

from conftest import HOUSE_RULES

RULES = HOUSE_RULES


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An editorial repository: house rules, two articles, the working directory at its root."""
    (tmp_path / "house.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text("Vote on TK. DRAFT copy.\n", encoding="utf-8")
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "b.md").write_text("Agency copy, TK.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_config(root: Path, body: str) -> Path:
    path = root / ".factcheck.yaml"
    path.write_text("rules: [house.yaml]\n" + body, encoding="utf-8")
    return path


def check(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(main, ["check", "--no-builtin-rules", "--format", "json", *args])
    if result.exit_code == 2:
        return 2, [], result.output
    return result.exit_code, json.loads(result.output)["findings"], result.output


def rules_and_paths(findings: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(f["rule"], f["path"]) for f in findings]


# --------------------------------------------------------------------------- discovery


def test_config_found_by_searching_upward(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(project, "select: [no-draft]\n")
    monkeypatch.chdir(project / "news")
    code, findings, _ = check("a.md")
    assert code == 0  # no-draft is info, below the default fail-on
    assert rules_and_paths(findings) == [("no-draft", "a.md")]


def test_pyproject_tool_table_is_a_config(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "newsroom"\n\n[tool.factcheck]\nrules = ["house.yaml"]\nselect = ["no-tk"]\n\n'
        '[tool.factcheck.severity]\nno-tk = "error"\n',
        encoding="utf-8",
    )
    code, findings, _ = check("news")
    assert code == 1
    assert [(f["rule"], f["severity"]) for f in findings] == [("no-tk", "error")]


def test_pyproject_without_tool_table_is_skipped(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(project) is None
    write_config(project, "")
    (project / "sub").mkdir()
    (project / "sub" / "pyproject.toml").write_text('[project]\nname = "y"\n', encoding="utf-8")
    assert find_config(project / "sub") == (project / ".factcheck.yaml").resolve()


def test_yaml_wins_over_pyproject_in_one_directory(project: Path) -> None:
    write_config(project, "")
    (project / "pyproject.toml").write_text('[tool.factcheck]\nselect = ["no-tk"]\n', encoding="utf-8")
    assert find_config(project) == (project / ".factcheck.yaml").resolve()


def test_explicit_config_and_isolated(project: Path) -> None:
    write_config(project, "select: [no-draft]\n")
    other = project / "strict.yaml"
    other.write_text("rules: [house.yaml]\nselect: [no-tk]\n", encoding="utf-8")
    _, findings, _ = check("--config", str(other), "news")
    assert {f["rule"] for f in findings} == {"no-tk"}
    # --isolated: the config (and its select) is ignored; rules come from the command line only
    code, findings, _ = check("--isolated", "--rules", "house.yaml", "news")
    assert {f["rule"] for f in findings} == {"no-tk", "no-draft"}
    assert code == 1


def test_config_and_isolated_together_is_a_usage_error(project: Path) -> None:
    write_config(project, "")
    code, _, output = check("--config", ".factcheck.yaml", "--isolated", "news")
    assert code == 2
    assert "--config and --isolated" in output


def test_missing_explicit_config_exits_2(project: Path) -> None:
    code, _, output = check("--config", "nope.yaml", "news")
    assert code == 2
    assert "nope.yaml" in output


# --------------------------------------------------------------------------- precedence


def test_command_line_wins_over_config_wins_over_default(project: Path) -> None:
    write_config(project, "select: [no-draft]\nfail-on: info\n")
    code, findings, _ = check("news")
    assert {f["rule"] for f in findings} == {"no-draft"}
    assert code == 1  # fail-on: info from the config beats the default (warning)
    code, findings, _ = check("--select", "no-tk", "--fail-on", "error", "news")
    assert {f["rule"] for f in findings} == {"no-tk"}
    assert code == 0  # --fail-on error from the command line beats the config


def test_settings_record_their_source(project: Path) -> None:
    path = write_config(project, "select: [no-draft]\nfail-on: info\n")
    settings = resolve({"fail-on": "error", "select": ()}, cwd=project)
    assert settings.values["fail-on"].source == "command line"
    assert settings.values["select"].source == f"{path.resolve()}:2"
    assert settings.values["select"].value == ("no-draft",)
    assert settings.values["date"].source == "default"


def test_config_command_prints_values_and_sources(project: Path) -> None:
    path = write_config(project, "fail-on: error\nseverity:\n  no-tk: info\n")
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"config file: {path.resolve()}"
    fail_on = next(line for line in lines if line.startswith("fail-on "))
    assert fail_on.split()[1:] == ["error", f"{path.resolve()}:2"]
    select = next(line for line in lines if line.startswith("select "))
    assert select.split()[1:] == ["[]", "default"]
    severity = next(line for line in lines if line.startswith("severity "))
    assert '{"no-tk": "info"}' in severity and severity.endswith(":3")


def test_config_command_isolated_shows_defaults(project: Path) -> None:
    write_config(project, "fail-on: error\n")
    result = CliRunner().invoke(main, ["config", "--isolated"])
    assert result.exit_code == 0
    assert "config file: none" in result.output
    assert all(line.endswith("default") for line in result.output.splitlines()[1:])


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("fail_on: error\n", 2, ["unknown config key 'fail_on'", "did you mean 'fail-on'"]),
        ("select: [no-tk]\nexlude: [a]\n", 3, ["unknown config key 'exlude'", "did you mean 'exclude'"]),
        ("fail-on: sometimes\n", 2, ["fail-on must be one of"]),
        ("date: yesterday\n", 2, ["date must be one of auto, front-matter, none"]),
        ("select: [no-tkk]\n", 2, ["unknown rule or kind 'no-tkk'", "did you mean 'no-tk'"]),
        ("severity:\n  no-tk: loud\n", 3, ["severity of 'no-tk' must be error, warning or info"]),
        ("severity:\n  no-tx: error\n", 3, ["unknown rule or kind 'no-tx'"]),
        ("per-file-ignores:\n  'wire/*': [no-dratf]\n", 3, ["unknown rule or kind 'no-dratf'", "did you mean 'no-draft'"]),
        ("params:\n  no-tk:\n    tokenz: [X]\n", 4, ["unknown params key 'tokenz'", "did you mean 'tokens'"]),
        ("params:\n  no-tk:\n    tokens: '(unclosed'\n", 4, ["tokens"]),
        ("params:\n  no-tk:\n    tokens: ['(unclosed']\n", 4, ["invalid regular expression"]),
        ("params:\n  nope:\n    tokens: [X]\n", 3, ["params: unknown rule id 'nope'"]),
        ("select: 3\n", 2, ["select must be a list of strings"]),
        ("rules: [house.yaml]\n", 2, ["duplicate key 'rules'"]),
    ],
)
def test_bad_config_exits_2_naming_file_and_line(project: Path, body: str, line: int, words: list[str]) -> None:
    write_config(project, body)
    code, _, output = check("news")
    assert code == 2, output
    assert f".factcheck.yaml:{line}:" in output
    for word in words:
        assert word in output


def test_bad_pyproject_key_names_its_line(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.factcheck]\nrules = ["house.yaml"]\nfail-onn = "error"\n', encoding="utf-8"
    )
    code, _, output = check("news")
    assert code == 2
    assert "pyproject.toml:6: unknown config key 'fail-onn' (did you mean 'fail-on'?)" in output


def test_unknown_key_is_a_config_error_for_library_callers(project: Path) -> None:
    write_config(project, "colour: red\n")
    with pytest.raises(ConfigError) as raised:
        resolve({}, cwd=project)
    assert raised.value.location == f"{(project / '.factcheck.yaml').resolve()}:2"


# --------------------------------------------------------------------------- keys at work


def test_rules_paths_are_relative_to_the_config_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(project, "")
    monkeypatch.chdir(project / "wire")
    _, findings, _ = check("b.md")
    assert rules_and_paths(findings) == [("no-tk", "b.md")]


def test_ignore(project: Path) -> None:
    write_config(project, "ignore: [no-tk]\n")
    _, findings, _ = check("news")
    assert {f["rule"] for f in findings} == {"no-draft"}


def test_exclude_applies_to_walked_and_named_files(project: Path) -> None:
    write_config(project, "exclude: ['wire/']\n")
    _, findings, _ = check(".")
    assert {f["path"] for f in findings} == {"news/a.md"}
    # a pre-commit hook names files explicitly: they are excluded too
    _, findings, _ = check("wire/b.md", "news/a.md")
    assert {f["path"] for f in findings} == {"news/a.md"}


def test_severity_override(project: Path) -> None:
    write_config(project, "severity:\n  no-draft: error\n  no-tk: info\n")
    code, findings, _ = check("news")
    assert {(f["rule"], f["severity"]) for f in findings} == {("no-tk", "info"), ("no-draft", "error")}
    assert code == 1


def test_per_file_ignores(project: Path) -> None:
    write_config(project, "per-file-ignores:\n  'wire/*.md': [no-tk]\n  '*.txt': [no-draft]\n")
    _, findings, _ = check(".")
    assert sorted(rules_and_paths(findings)) == [("no-draft", "news/a.md"), ("no-tk", "news/a.md")]


def test_params_override_replaces_only_named_params(project: Path) -> None:
    write_config(project, "params:\n  no-tk:\n    tokens: ['Agency']\n")
    _, findings, _ = check(".")
    assert [(f["rule"], f["match"]) for f in findings if f["rule"] == "no-tk"] == [("no-tk", "Agency")]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("auto", "2024-07-29"), ("front-matter", None), ("none", None), ("2024-01-02", "2024-01-02")],
)
def test_date_policy(project: Path, setting: str, expected: str | None) -> None:
    from factcheck.config import apply_date_policy, date_for_loader
    from factcheck.document import from_text

    policy = resolve({}, cwd=project).values["date"].value  # default
    assert policy == "auto"
    write_config(project, f"date: '{setting}'\n")
    policy = resolve({}, cwd=project)["date"]
    document = from_text("July 29, 2024\n\nThe council met on Monday.\n", path="a.md", date=date_for_loader(policy))
    apply_date_policy(document, policy)
    assert (document.publication_date.isoformat() if document.publication_date else None) == expected


def test_front_matter_policy_keeps_front_matter_dates(project: Path) -> None:
    from factcheck.config import apply_date_policy
    from factcheck.document import from_text

    document = from_text("---\ndate: 2024-07-29\n---\nText.\n", path="a.md")
    apply_date_policy(document, "front-matter")
    assert document.publication_date is not None and document.publication_date.isoformat() == "2024-07-29"


def test_date_on_command_line_wins_over_config_date(project: Path) -> None:
    write_config(project, "date: none\n")
    settings = resolve({"date": __import__("datetime").date(2024, 1, 2)}, cwd=project)
    assert settings["date"].isoformat() == "2024-01-02"
    assert settings.values["date"].source == "command line"


def test_invalid_toml_names_its_line(project: Path) -> None:
    (project / "strict.toml").write_text('[tool.factcheck]\nselect = ["no-tk"\nfail-on = "error"\n', encoding="utf-8")
    code, _, output = check("--config", "strict.toml", "news")
    assert code == 2
    assert "strict.toml:3: invalid TOML: Unclosed array" in output


def test_invalid_yaml_names_its_line(project: Path) -> None:
    write_config(project, "select: [no-tk\nfail-on: error\n")
    code, _, output = check("news")
    assert code == 2
    assert ".factcheck.yaml:" in output and "invalid YAML" in output


def test_params_of_every_builtin_rule_survive_an_override_round_trip(builtin_rules: RuleSet) -> None:
    """An override is laid over the rule's current params and rebuilt through build_params,
    so every kind's params must re-validate from their own values; an empty override changes nothing."""
    from factcheck.config import override_params
    from factcheck.yaml_lines import LineDict

    empty = LineDict()
    empty.key_lines, empty.line = {}, 1
    for rule in builtin_rules:
        assert override_params(rule.params, empty, "cfg.yaml:1") == rule.params, rule.id
