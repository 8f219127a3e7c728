"""The pre-commit hook, run by the real ``pre-commit`` in a real git repository.

An editorial repository's ``.pre-commit-config.yaml`` (the README's snippet,
with ``repo``/``rev`` pointed at a local snapshot of this project committed
to its own git repository) installs factcheck the way pre-commit always
does, with pip into a fresh virtualenv (the package index is the only
network it needs). Committing an article with a placeholder link is refused
and the finding is shown; fixing it lets the commit through.

The snapshot is of the working tree (what is under test), not of HEAD. The
test takes a minute or so, most of it the hook's one-time install; it runs
in the default test command and can be deselected with ``-m "not integration"``.
(It took about 15 s here with pip's cache warm.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# What the wheel is built from (pyproject.toml's hatch config); copying only these keeps the snapshot small.
PROJECT_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
PROJECT_DIRS = ("factcheck", "rules")

STORY = """\
# Council approves the budget

The council approved the budget on a show of hands. Read the minutes here: [LINK]

The vote followed a short debate.
"""

FIXED = """\
# Council approves the budget

The council approved the budget on a show of hands. Read [the minutes](https://council.springfield.gov/minutes).

The vote followed a short debate.
"""


def git(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)


def must(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args}: {result.stdout}\n{result.stderr}"
    return result


def readme_hook_config() -> dict[str, object]:
    """The ``.pre-commit-config.yaml`` snippet from the README's workflow section, parsed."""
    text = README.read_text(encoding="utf-8")
    section = text.split("<!-- section: workflow -->", 1)[1]
    blocks = section.split("```yaml\n")[1:]
    snippet = next(block.split("```", 1)[0] for block in blocks if "id: factcheck" in block and "repos:" in block)
    return yaml.safe_load(snippet)


def snapshot(destination: Path, env: dict[str, str]) -> str:
    """This project's working tree committed to a fresh repository; returns the commit."""
    destination.mkdir()
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, destination / name)
    for name in PROJECT_DIRS:
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    must(git(destination, "init", "-q", env=env))
    must(git(destination, "add", ".", env=env))
    must(git(destination, "commit", "-q", "-m", "snapshot for the pre-commit test", env=env))
    return must(git(destination, "rev-parse", "HEAD", env=env)).stdout.strip()


@pytest.fixture
def git_env(tmp_path: Path) -> dict[str, str]:
    if shutil.which("git") is None:
        pytest.fail("git is needed for the pre-commit integration test")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        GIT_AUTHOR_NAME="Sub Editor",
        GIT_AUTHOR_EMAIL="subs@example.org",
        GIT_COMMITTER_NAME="Sub Editor",
        GIT_COMMITTER_EMAIL="subs@example.org",
        GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"),  # nobody's global hooks or templates
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"),
        PRE_COMMIT_COLOR="never",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    (tmp_path / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    return env


@pytest.mark.integration
def test_hook_refuses_a_placeholder_link_and_accepts_the_fix(tmp_path: Path, git_env: dict[str, str]) -> None:
    source = tmp_path / "factcheck-src"
    rev = snapshot(source, git_env)

    config = readme_hook_config()
    [repo] = config["repos"]  # type: ignore[index]
    assert [hook["id"] for hook in repo["hooks"]] == ["factcheck"]
    repo["repo"], repo["rev"] = str(source), rev

    newsroom = tmp_path / "newsroom"
    newsroom.mkdir()
    must(git(newsroom, "init", "-q", env=git_env))
    (newsroom / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    must(subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=newsroom, env=git_env, capture_output=True, text=True, timeout=120))

    (newsroom / "news").mkdir()
    story = newsroom / "news" / "council.md"
    story.write_text(STORY, encoding="utf-8")
    (newsroom / "notes.py").write_text("TODO = 'TK'  # not an article: the hook must not look at it\n", encoding="utf-8")
    # The project config applies inside the hook: its exclude holds for the files pre-commit names.
    (newsroom / ".factcheck.yaml").write_text("exclude: ['drafts/']\n", encoding="utf-8")
    (newsroom / "drafts").mkdir()
    (newsroom / "drafts" / "idea.md").write_text("A story about [LINK], some day.\n", encoding="utf-8")
    must(git(newsroom, "add", ".", env=git_env))
    refused = subprocess.run(
        ["git", "commit", "-m", "Council story"], cwd=newsroom, env=git_env, capture_output=True, text=True, timeout=900
    )
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "factcheck" in output and "Failed" in output, output
    assert "news/council.md:3:" in output, output  # the finding, where the editor must look
    assert "notes.py" not in output and "drafts/" not in output, output
    assert must(git(newsroom, "rev-list", "--all", "--count", env=git_env)).stdout.strip() == "0"

    story.write_text(FIXED, encoding="utf-8")
    must(git(newsroom, "add", ".", env=git_env))
    accepted = subprocess.run(
        ["git", "commit", "-m", "Council story, link filled in"], cwd=newsroom, env=git_env, capture_output=True, text=True, timeout=300
    )
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert "factcheck" in output and "Passed" in output, output
    assert must(git(newsroom, "rev-list", "--all", "--count", env=git_env)).stdout.strip() == "1"
