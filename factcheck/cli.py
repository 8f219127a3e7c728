"""The ``factcheck`` command line: parse options, call the engine, pick a reporter.

Nothing here checks anything; see :mod:`factcheck.engine`.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys

# Collect young objects every 50,000 allocations instead of 700: start-up
# creates tens of thousands of long-lived objects (modules, classes, rules,
# patterns) and the default spent ~5 ms of a 150 ms start re-scanning them.
# Set before the heavy imports; see _tune_garbage_collector for the run itself.
GC_THRESHOLDS = (50_000, 50, 100)
gc.set_threshold(*GC_THRESHOLDS)

import click  # noqa: E402 - after the collector is tuned

from factcheck import __version__  # noqa: E402
from factcheck.errors import ConfigError  # noqa: E402
from factcheck.report import FORMATS  # noqa: E402

FAIL_ON = ("error", "warning", "info", "never")
INTERRUPTED = 130  # 128 + SIGINT: the shell's exit status for a Ctrl-C


def _split(values: tuple[str, ...]) -> list[str]:
    """``--select a,b --select c`` → [a, b, c]."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _err(message: str) -> None:
    from factcheck.report import one_line

    click.echo(f"factcheck: {one_line(message)}", err=True)


def _refuse_to_overwrite_an_article(output_file: str, targets: list) -> None:
    """``check a.md -o a.md`` replaced the article with its own report."""
    import os

    if not os.path.exists(output_file):
        return
    for target in targets:
        if target.file is not None and not target.missing and os.path.exists(target.file) and os.path.samefile(target.file, output_file):
            raise ConfigError("--output would overwrite a file being checked; write the report elsewhere", output_file)


def _tune_garbage_collector() -> None:
    """Keep the collector's cost proportional to the input.

    Its full passes walk every live object: over a 10 MB article (hundreds of
    thousands of tokens and mentions alive at once) they made a check cost
    grow faster than the file (4 MB took 4.4x the time of 1 MB, 4.05x without
    collection). Rules, patterns and modules live for the whole run, so they
    are frozen out of collection (which also keeps them shared after the
    --jobs workers fork), and young objects are collected less often. A
    check's data is freed by reference counting; cycles are still collected.
    """
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


class _LazyGroup(click.Group):
    """Subcommands defined in other modules, imported only when they run or
    ``--help`` lists them: ``factcheck check`` and ``--version`` skip them."""

    lazy_commands: dict[str, tuple[str, str]] = {"rules": ("factcheck.commands.rules", "rules_group")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands:
            import importlib

            module, attribute = self.lazy_commands[cmd_name]
            return getattr(importlib.import_module(module), attribute)  # type: ignore[no-any-return]
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        """Ctrl-C exits 130 (128 + SIGINT), as shells and CI runners expect.

        Click's own handling prints "Aborted!" and exits 1, which a CI job
        cannot tell from "findings at or above --fail-on".
        """
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _err("interrupted")
            sys.exit(INTERRUPTED)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise  # usage errors (2), exits, and a closed pipe are click's to report
        except Exception:
            # Python exits 1 on an uncaught exception: CI would read a crash
            # as "findings". Keep the traceback for the bug report, exit 2.
            import traceback

            traceback.print_exc()
            _err("internal error (a bug in factcheck: please report it with the traceback above)")
            sys.exit(2)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="factcheck")
def main() -> None:
    """Check articles for facts and figures that do not add up."""
    _never_fail_on_encoding()


def _never_fail_on_encoding() -> None:
    """A terminal that cannot show a character gets an escape, not a crash.

    Article text reaches the report verbatim, and rich output draws box
    characters: on an ASCII or cp1252 console (PYTHONIOENCODING=ascii, an old
    Windows code page) a strict stream raised UnicodeEncodeError mid-report.
    """
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "-f", "output_format", type=click.Choice(list(FORMATS)), help="Output format [default: rich on a terminal, else concise].")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour in rich output (NO_COLOR is respected).")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(), help="Extra rule file or directory (repeatable).")
@click.option("--no-builtin-rules", is_flag=True, help="Run only the rules given with --rules.")
@click.option("--select", multiple=True, help="Only these rule ids or kinds (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Skip these rule ids or kinds (comma-separated, repeatable).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--date", "date", callback=_parse_date, metavar="YYYY-MM-DD", help="Publication date (else front matter date:, else a dateline).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes [default: one per CPU for many files].")
@click.option("--stdin-filename", metavar="NAME", help="File name for '-' (picks the format: .md, .txt, .html).")
@click.option("--quiet", "-q", is_flag=True, help="Print only findings, no summary.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file to use [default: .factcheck.yaml or [tool.factcheck] in pyproject.toml, searched upward].")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of each finding.")
@click.option("--output", "-o", "output_file", type=click.Path(dir_okay=False), help="Write the report to FILE; the summary is still printed.")
@click.option("--report-unused-suppressions", is_flag=True, help="Report factcheck-disable comments that silence nothing.")
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    color: str,
    rule_paths: tuple[str, ...],
    no_builtin_rules: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    date: dt.date | None,
    jobs: int,
    stdin_filename: str | None,
    quiet: bool,
    config_file: str | None,
    isolated: bool,
    statistics: bool,
    output_file: str | None,
    report_unused_suppressions: bool,
) -> None:
    """Check PATHS (files, directories, or - for stdin; default: .)."""
    from factcheck.regex_cache import install

    install()  # before the check kinds compile their patterns
    from factcheck.config import resolve
    from factcheck.engine import check_targets
    from factcheck.findings import sort_findings
    from factcheck.report import RenderOptions, Report
    from factcheck.report.delivery import deliver
    from factcheck.report.progress import progress_bar, wants_progress
    from factcheck.rules import load_rules

    cli_values = {"rules": rule_paths, "select": _split(select), "ignore": _split(ignore), "fail-on": fail_on, "date": date}
    settings = resolve(cli_values, config_file=config_file, isolated=isolated)
    rules = settings.apply_to_rules(load_rules(settings["rules"], builtin=not no_builtin_rules))
    _tune_garbage_collector()
    targets = settings.discover(paths or (".",))
    if output_file is not None:
        _refuse_to_overwrite_an_article(output_file, targets)
    if not targets:
        _err(f"no files to check in {', '.join(paths or ('.',))}")
    findings = []
    errors: list[tuple[str, str]] = []
    context: dict[str, dict[int, str]] = {}
    fmt = output_format or ("rich" if sys.stdout.isatty() else "concise")
    results = check_targets(targets, rules, date=settings["date"], jobs=jobs or None, stdin_filename=stdin_filename)
    with progress_bar(len(targets), wants_progress(fmt, len(targets), quiet)) as advance:
        for result in results:
            advance()
            for warning in result.warnings:
                _err(f"warning: {result.path}: {warning}")
            for error in result.errors:
                _err(f"error: {result.path}: {error}")
                errors.append((result.path, error))
            kept = settings.filter_findings([*result.findings, *(result.unused_suppressions if report_unused_suppressions else ())])
            findings.extend(kept)
            if kept:
                context[result.path] = result.context
    report = Report(sort_findings(findings), len(targets), rules, errors, context, [t.path for t in targets])
    deliver(report, fmt, RenderOptions(color=color, quiet=quiet), output=output_file, statistics=statistics)
    if errors:
        sys.exit(2)
    threshold = settings.fail_threshold()
    if threshold is not None and any(f.severity >= threshold for f in findings):
        sys.exit(1)


@main.command("config")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file to show [default: the one `check` would find].")
@click.option("--isolated", is_flag=True, help="Ignore every config file (shows the defaults).")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(), help="Extra rule file or directory, to validate ids against.")
def config_command(config_file: str | None, isolated: bool, rule_paths: tuple[str, ...]) -> None:
    """Show the merged configuration and where each value came from."""
    from factcheck.config import render_settings, resolve
    from factcheck.rules import load_rules

    settings = resolve({"rules": rule_paths}, config_file=config_file, isolated=isolated)
    settings.apply_to_rules(load_rules(settings["rules"]))  # unknown rule ids and bad params fail here too
    click.echo(render_settings(settings), nl=False)


def run() -> None:
    try:
        main(standalone_mode=True)
    except ConfigError as error:  # pragma: no cover - click handles it in standalone mode
        error.show()
        sys.exit(2)
