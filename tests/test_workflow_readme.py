"""The README's workflow snippets, tried: the config example is valid against the built-in
rules, and the factcheck commands in the GitHub Actions and GitLab CI jobs run and write what
those services read. (The pre-commit snippet is tried by test_workflow_precommit.py.)"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.config import resolve
from factcheck.rules import load_rules

README = Path(__file__).resolve().parent.parent / "README.md"


def workflow_yaml_blocks() -> list[str]:
    section = README.read_text(encoding="utf-8").split("<!-- section: workflow -->", 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0] for block in section.split("```yaml\n")[1:]]


def block_with(marker: str) -> str:
    return next(block for block in workflow_yaml_blocks() if marker in block)


def factcheck_commands(lines: list[str]) -> list[list[str]]:
    """The ``factcheck ...`` command lines of a job, as argument lists (without the program name)."""
    return [shlex.split(line)[1:] for line in lines if line.startswith("factcheck ")]


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "council.md").write_text("The council will vote on TK.\n", encoding="utf-8")
    (tmp_path / "news" / "clean.md").write_text("The council voted.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_config_example_is_valid(newsroom: Path) -> None:
    (newsroom / ".factcheck.yaml").write_text(block_with("per-file-ignores:"), encoding="utf-8")
    (newsroom / "house-rules").mkdir()
    settings = resolve({}, cwd=newsroom)
    assert settings["fail-on"] == "warning" and settings["date"] == "auto"
    rules = settings.apply_to_rules(load_rules(settings["rules"]))  # raises ConfigError on any stale id or param
    assert rules.get("name-variants") is not None and rules.get("name-variants").severity.name == "ERROR"  # type: ignore[union-attr]
    assert rules.get("percent-total") is None


def test_config_example_in_pyproject_form_is_equivalent(newsroom: Path) -> None:
    (newsroom / "pyproject.toml").write_text(
        '[tool.factcheck]\nfail-on = "error"\nexclude = ["archive/"]\n\n[tool.factcheck.severity]\nname-variants = "info"\n',
        encoding="utf-8",
    )
    settings = resolve({}, cwd=newsroom)
    assert settings["fail-on"] == "error" and settings["exclude"] == ("archive/",)
    assert settings.apply_to_rules(load_rules()).get("name-variants").severity.name == "INFO"  # type: ignore[union-attr]


def test_github_actions_job(newsroom: Path) -> None:
    workflow = yaml.safe_load(block_with("jobs:"))
    steps = workflow["jobs"]["factcheck"]["steps"]
    commands = factcheck_commands([step["run"] for step in steps if "run" in step])
    assert len(commands) == 2
    sarif_run, github_run = commands
    result = CliRunner().invoke(main, sarif_run)
    assert result.exit_code == 0, result.output  # --fail-on never: the upload step still runs
    sarif_file = next(step["with"]["sarif_file"] for step in steps if "upload-sarif" in step.get("uses", ""))
    log = json.loads((newsroom / sarif_file).read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]
    result = CliRunner().invoke(main, github_run)
    assert result.exit_code == 1  # the job fails on a finding
    assert result.stdout.startswith("::warning file=news/council.md,line=1,")


def test_gitlab_ci_job(newsroom: Path) -> None:
    job = yaml.safe_load(block_with("reports:"))["factcheck"]
    [command] = factcheck_commands(job["script"])
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1
    assert "report written to factcheck-junit.xml" in result.stdout
    report = ET.parse(newsroom / job["artifacts"]["reports"]["junit"]).getroot()
    cases = {case.get("name"): case for case in report.iter("testcase")}
    assert set(cases) == {"news/clean.md", "news/council.md"}
    assert cases["news/council.md"].find("failure") is not None
    assert cases["news/clean.md"].find("failure") is None
