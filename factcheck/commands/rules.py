"""``factcheck rules``: the click wiring for list, show, test and new.

Kept thin and light: ``factcheck check`` imports this module to register the
group, so the work (rich tables, Markdown, YAML) lives in
:mod:`factcheck.rule_authoring` and is imported only when a ``rules``
command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factcheck.errors import ConfigError

rules_option = click.option(
    "--rules", "rule_paths", multiple=True, type=click.Path(), help="Rule file or directory (repeatable; replaces the config's rules:)."
)
no_builtin_option = click.option("--no-builtin-rules", is_flag=True, help="Leave out the built-in rules.")
config_option = click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file [default: searched upward].")
isolated_option = click.option("--isolated", is_flag=True, help="Ignore every config file.")
color_option = click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour (NO_COLOR is respected)."
)


@click.group("rules")
def rules_group() -> None:
    """List, show, test and start rules (README: Write your own rules)."""


@rules_group.command("list")
@rules_option
@no_builtin_option
@config_option
@isolated_option
@color_option
def list_rules(rule_paths: tuple[str, ...], no_builtin_rules: bool, config_file: str | None, isolated: bool, color: str) -> None:
    """Every active rule: id, kind, severity and the file it comes from."""
    from factcheck.rule_authoring import active_rules, console_for, rules_table

    rules = active_rules(rule_paths, no_builtin_rules, config_file, isolated)
    console_for(color).print(rules_table(rules))


@rules_group.command("show")
@click.argument("rule_id", metavar="ID")
@rules_option
@no_builtin_option
@config_option
@isolated_option
@color_option
def show_rule(rule_id: str, rule_paths: tuple[str, ...], no_builtin_rules: bool, config_file: str | None, isolated: bool, color: str) -> None:
    """A rule's description, params and examples; given a kind (pattern, substitution, …), what it does."""
    from factcheck.rule_authoring import active_rules, console_for, show

    show(rule_id, active_rules(rule_paths, no_builtin_rules, config_file, isolated), console_for(color))


@rules_group.command("test")
@click.argument("paths", nargs=-1, type=click.Path())
@rules_option
@no_builtin_option
@config_option
@isolated_option
@click.option("--verbose", "-v", is_flag=True, help="Also list what passed.")
@color_option
def test_rules(
    paths: tuple[str, ...],
    rule_paths: tuple[str, ...],
    no_builtin_rules: bool,
    config_file: str | None,
    isolated: bool,
    verbose: bool,
    color: str,
) -> None:
    """Run the examples of the rules in PATHS (rule files or directories; default:
    every active rule), and check fixture articles in PATHS against their
    <!-- expect: rule-id --> comments. Exit 1 if any fails, 2 if a rule errs."""
    from factcheck.rule_authoring import (
        active_rules,
        console_for,
        rules_under_test,
        run_tests,
        split_paths,
    )

    own_files, fixtures = split_paths(paths)
    rules = active_rules(rule_paths, no_builtin_rules, config_file, isolated, also=[str(f) for f in own_files])
    run = run_tests(rules_under_test(rules, own_files, bool(paths)), fixtures, rules, console_for(color), verbose)
    sys.exit(run.exit_code)


@rules_group.command("new")
@click.argument("kind")
@click.option("--id", "rule_id", help="The new rule's id [default: house-KIND].")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def new_rule(kind: str, rule_id: str | None, output: str | None, force: bool) -> None:
    """Write a commented template rule file for KIND (pattern, substitution, consistency, …)."""
    from factcheck.rule_authoring import template_for

    text = template_for(kind, rule_id or f"house-{kind}")
    if output is None:
        click.echo(text, nl=False)
        return
    target = Path(output)
    if target.exists() and not force:
        raise ConfigError("already exists; pass --force to overwrite it", output)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:  # a missing folder or a read-only disk: say so, as check --output does
        raise ConfigError(f"cannot write the rule file: {error.strerror or error}", output) from None
    click.echo(f"wrote {output}; edit it, then run: factcheck rules test {output}", err=True)
