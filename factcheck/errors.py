"""Errors that end a run with exit code 2: bad configuration, rules or input.

They subclass click's ``ClickException`` so the CLI prints them as
``Error: ...`` and exits 2 without a traceback, while library callers can
catch them like any other exception.
"""

from __future__ import annotations

import click


class ConfigError(click.ClickException):
    """A rule file, config file or option value is invalid (exit 2).

    ``location`` is ``path:line`` (or just ``path``) so that the message points
    at the place to fix, as Vale and ruff do.
    """

    exit_code = 2

    def __init__(self, message: str, location: str | None = None) -> None:
        if location is not None and location.endswith(":0"):
            location = location[:-2]  # line 0: a YAML value that carries no line (a bare scalar); lines count from 1
        self.location = location
        super().__init__(f"{location}: {message}" if location else message)


class CheckError(Exception):
    """A check failed on one document (a regex timeout, an internal error).

    Reported against the document and the rule; the run goes on with the
    other rules and files and ends with exit 2.
    """

    def __init__(self, rule_id: str, message: str) -> None:
        self.rule_id = rule_id
        super().__init__(f"rule {rule_id}: {message}")
