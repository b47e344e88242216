"""``summarizer eval``: score the tool on sample articles with real references.

summarizer eval [strip|translate|digest|all] [--model M ...] [--data DIR|hub-id]
                [--limit N] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.evaluate import Report

from summarizer.cli.common import (
    EXIT_FAILED,
    EXIT_MODEL,
    EXIT_OK,
    EXIT_USAGE,
    add_model_options,
    exit_code_of,
)

DEFAULT_OUT = "out/eval"


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``eval`` subcommand to an ``argparse`` subparsers object.

    Args:
        subparsers: what ``ArgumentParser.add_subparsers()`` returned.

    Returns:
        The ``eval`` parser (its ``handler`` default is :func:`handle`).
    """
    from summarizer.evaluate.tasks import ALL, TASKS

    parser = subparsers.add_parser(
        "eval",
        help="score the tool on sample articles with reference translations and summaries",
        description=(
            "Evaluate the stripper (body F1), the translator (BLEU, chrF++, COMET if "
            "installed; sentences and whole articles) and the digest (ROUGE with LEAD-3), "
            "with time per article, and write report.md, report.json and report.png."
        ),
    )
    parser.add_argument(
        "task",
        nargs="?",
        default="all",
        choices=(*TASKS, ALL),
        help="what to evaluate (default: all)",
    )
    add_model_options(parser, several=True)
    parser.add_argument(
        "--data",
        metavar="DIR|HUB-ID",
        help="a directory or JSONL/CSV/TSV file of evaluation sets, or a hub dataset id "
        "(e.g. openlanguagedata/flores_plus); default: the shipped samples in eval/data",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="at most N items per set")
    parser.add_argument(
        "--out", default=DEFAULT_OUT, metavar="DIR", help=f"report folder (default: {DEFAULT_OUT})"
    )
    parser.add_argument(
        "--no-comet", dest="comet", action="store_false", help="do not compute COMET"
    )
    parser.set_defaults(handler=handle)
    return parser


def handle(args: argparse.Namespace) -> int:
    """Run the evaluation, print the tables, write the report.

    Returns:
        The exit code of :func:`exit_code`; the report says what was skipped and why.

    Raises:
        SummarizerError: bad options or unreadable data (the CLI maps it to an exit code).
    """
    from summarizer.evaluate import evaluate, to_markdown
    from summarizer.evaluate.tasks import task_names
    from summarizer.pipeline import default_model

    def factory(name: str) -> Any:
        from summarizer.translate import Translator

        return Translator(model=name, device=args.device, beams=args.beams, backend=args.backend)

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    report = evaluate(
        args.task,
        models=args.models or [default_model()],
        data=args.data,
        limit=args.limit,
        out=args.out,
        translator_factory=factory,
        comet=args.comet,
        progress=progress,
    )
    print(to_markdown(report, chart=None))
    print(f"Report written to {args.out}/ (report.md, report.json, report.png, outputs/)")
    tasks = task_names(args.task)
    for task in empty_parts(report, tasks):
        reasons = "; ".join(f"{s.what}: {s.reason}" for s in report.skipped if s.task == task)
        print(
            f"summarizer: error: eval {task} evaluated nothing"
            + (f" ({reasons})" if reasons else ""),
            file=sys.stderr,
        )
    return exit_code(report, args.models or [], tasks)


def empty_parts(report: Report, tasks: Sequence[str]) -> list[str]:
    """The requested parts with no row of the tool itself (baselines alone do not count)."""
    return [t for t in tasks if not any(r.task == t and not r.baseline for r in report.rows)]


def exit_code(report: Report, requested: Sequence[str], tasks: Sequence[str] = ()) -> int:
    """The exit code of a run: did every part asked for, and every model named, get evaluated?

    1 when a part in ``tasks`` evaluated nothing (a regression gate must not pass on
    nothing); else 0 when every named model was evaluated (and something was); 2 when a
    named model is unknown; 3 when one is not available; 1 when one failed otherwise.
    """
    if empty_parts(report, tasks):
        return EXIT_FAILED
    missed = [s for s in report.skipped if s.task == "translate" and s.what in set(requested)]
    if not missed:
        return EXIT_OK if report.rows else EXIT_FAILED
    codes = {EXIT_FAILED if skip.error is None else exit_code_of(skip.error) for skip in missed}
    return next(code for code in (EXIT_FAILED, EXIT_MODEL, EXIT_USAGE) if code in codes)
