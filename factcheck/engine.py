"""Run rules over documents: the pipeline from bytes to sorted findings.

Everything here is a pure function of its inputs (documents, rules, options),
so the same inputs give the same bytes of output, with ``--jobs`` or without.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.checks import load_kind
from factcheck.config import apply_date_policy, date_for_loader
from factcheck.discover import STDIN, Target, discover
from factcheck.document import Document, decode, from_text, looks_binary
from factcheck.errors import CheckError
from factcheck.findings import Finding, sort_findings
from factcheck.rules import RuleSet, load_rules
from factcheck.suppressions import is_suppressed, suppressions, unused_suppressions

MAX_FILE_BYTES = 64 * 1024 * 1024
PARALLEL_THRESHOLD = 8


@dataclass
class FileResult:
    """What checking one file produced; ``errors`` make the run exit 2."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    context: dict[int, str] = field(default_factory=dict)  # line → text, for lines with findings
    unused_suppressions: list[Finding] = field(default_factory=list)  # reported with --report-unused-suppressions


def run_rules(
    document: Document, rules: Iterable, unused: list[Finding] | None = None
) -> tuple[list[Finding], list[str]]:
    """Every rule over one document, suppressions applied, sorted.

    Pass a list as ``unused`` to collect suppression comments that silenced nothing.
    """
    findings: list[Finding] = []
    errors: list[str] = []
    ran: set[str] = set()
    for rule in rules:
        ran.update((rule.id, rule.kind))
        check = load_kind(rule.kind).check
        try:
            findings.extend(check(document, rule))
        except CheckError as error:
            errors.append(str(error))
        except RecursionError:
            errors.append(f"rule {rule.id}: document too deeply nested to check")
        except Exception as error:  # noqa: BLE001 - one rule's bug must not end a 2,000-file run
            # An uncaught exception exits 1, which CI reads as "findings";
            # as an error this file exits 2 and the other files are still checked.
            if os.environ.get("FACTCHECK_DEBUG"):
                raise
            errors.append(f"rule {rule.id} failed with {type(error).__name__}: {error} (a bug in factcheck: please report it with this file; FACTCHECK_DEBUG=1 shows the traceback)")
    active = document.fact(suppressions)
    if active:
        if unused is not None:
            unused.extend(unused_suppressions(document, active, findings, ran))
        findings = [f for f in findings if not is_suppressed(f, active)]
    return sort_findings(findings), errors


def check_document(document: Document, rules: RuleSet | None = None) -> list[Finding]:
    findings, errors = run_rules(document, rules if rules is not None else load_rules())
    if errors:
        raise CheckError(errors[0].split(":", 1)[0], "; ".join(errors))
    return findings


def check_text(
    text: str,
    *,
    path: str | None = None,
    date: dt.date | None = None,
    rules: RuleSet | None = None,
) -> list[Finding]:
    """Check a string as if it were a file at ``path`` (which picks the format)."""
    return check_document(from_text(text, path=path, date=date), rules)


def read_target(target: Target, stdin_filename: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> tuple[bytes | None, str | None]:
    """Bytes of a target, or a message saying why it cannot be checked."""
    if target.missing:
        return None, "no such file or directory"
    if target.problem is not None:
        return None, target.problem
    try:
        if target.file is None:
            data = sys.stdin.buffer.read(max_bytes + 1)  # the same limit as a file, without reading all of an endless pipe
            if len(data) > max_bytes:
                return None, f"input is larger than the {max_bytes / 1e6:.0f} MB limit"
        else:
            size = target.file.stat().st_size
            if size > max_bytes:
                return None, f"file is {size / 1e6:.1f} MB, larger than the {max_bytes / 1e6:.0f} MB limit"
            data = target.file.read_bytes()
    except IsADirectoryError:
        return None, "is a directory"
    except OSError as error:
        return None, f"cannot read: {error.strerror or error}"
    if looks_binary(data):
        return None, "binary file (contains NUL bytes); not checked"
    return data, None


def check_target(
    target: Target,
    rules: RuleSet,
    date: dt.date | str | None = None,  # a date, or a config date policy: auto | front-matter | none
    stdin_filename: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> FileResult:
    result = FileResult(target.path)
    data, problem = read_target(target, stdin_filename, max_bytes)
    if data is None:
        result.errors.append(problem or "cannot read")
        return result
    decoded = decode(data)
    result.warnings.extend(decoded.problems)
    format_path = stdin_filename if target.path == STDIN and stdin_filename else target.path
    try:
        document = from_text(decoded.text, path=format_path, date=date_for_loader(date))
    except Exception as error:  # noqa: BLE001 - as in run_rules: this file errs, the run goes on
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        result.errors.append(f"reading the document failed with {type(error).__name__}: {error} (a bug in factcheck: please report it with this file; FACTCHECK_DEBUG=1 shows the traceback)")
        return result
    apply_date_policy(document, date)
    document.path = target.path
    result.warnings.extend(document.parse_notes)
    findings, errors = run_rules(document, rules, result.unused_suppressions)
    result.findings = findings
    result.context = {f.line: document.line_text(f.line) for f in [*findings, *result.unused_suppressions]}
    result.errors.extend(errors)
    return result


_worker_state: dict[str, object] = {}


def _init_worker(rules: RuleSet, date: dt.date | str | None, max_bytes: int) -> None:
    _worker_state.update(rules=rules, date=date, max_bytes=max_bytes)


def _check_in_worker(target: Target) -> FileResult:
    return check_target(target, _worker_state["rules"], _worker_state["date"], None, _worker_state["max_bytes"])  # type: ignore[arg-type]


def default_jobs(count: int) -> int:
    return 1 if count < PARALLEL_THRESHOLD else max(1, os.cpu_count() or 1)


def check_targets(
    targets: Sequence[Target],
    rules: RuleSet,
    *,
    date: dt.date | str | None = None,
    jobs: int | None = None,
    stdin_filename: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[FileResult]:
    """Results in target order; with several jobs, files are checked in worker processes."""
    workers = default_jobs(len(targets)) if jobs is None or jobs <= 0 else jobs
    stdin_targets = any(t.path == STDIN for t in targets)
    if workers <= 1 or len(targets) <= 1 or stdin_targets:
        for target in targets:
            yield check_target(target, rules, date, stdin_filename, max_bytes)
        return
    # Imported here: multiprocessing costs ~12 ms of start-up that a one-file run never needs.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(rules, date, max_bytes)) as pool:
        # Small chunks: the run ends when the last worker finishes its last
        # chunk, so a 32-file chunk could leave a core idle for half a second.
        chunk = max(1, min(8, len(targets) // (workers * 8) or 1))
        try:
            yield from pool.map(_check_in_worker, targets, chunksize=chunk)
        except BaseException:
            # Ctrl-C (or a reader that stopped early): drop the files not yet
            # started instead of checking all of them on the way out.
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def check_paths(
    paths: Sequence[str | Path],
    *,
    rules: RuleSet | None = None,
    date: dt.date | None = None,
    jobs: int | None = 1,
    exclude: Sequence[str] = (),
) -> list[FileResult]:
    """Check files and directories; one FileResult per file, in path order."""
    targets = discover([str(p) for p in paths], exclude)
    return list(check_targets(targets, rules if rules is not None else load_rules(), date=date, jobs=jobs))
