"""``summarizer eval``: score the tool on sample articles with real references.

summarizer eval [strip|translate|digest|all] [--model M ...] [--data DIR|hub-id]
                [--limit N] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

DEFAULT_OUT = "out/eval"


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``eval`` subcommand to an ``argparse`` subparsers object.

    Args:
        subparsers: what ``ArgumentParser.add_subparsers()`` returned.

    Returns:
        The ``eval`` parser (its ``handler`` default is :func:`handle`).
    """
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
        choices=("strip", "translate", "digest", "all"),
        help="what to evaluate (default: all)",
    )
    parser.add_argument(
        "--model",
        "-m",
        dest="models",
        action="append",
        metavar="M",
        help="translation model: preset (opus-mt, nllb-600m, madlad-3b), hub id or local "
        "directory; repeat to compare several in one table (default: opus-mt)",
    )
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
    parser.add_argument("--device", default="auto", help="auto, cpu, cuda or mps (default: auto)")
    parser.add_argument("--beams", type=int, default=4, help="beam size (default: 4)")
    parser.add_argument("--backend", default="auto", help="translation backend (default: auto)")
    parser.add_argument(
        "--no-comet", dest="comet", action="store_false", help="do not compute COMET"
    )
    parser.set_defaults(handler=handle)
    return parser


def handle(args: argparse.Namespace) -> int:
    """Run the evaluation, print the tables, write the report.

    Returns:
        0 when every requested evaluation ran; 1 when a model named with ``--model`` was
        skipped or nothing at all could be evaluated (the report still says why).

    Raises:
        SummarizerError: bad options or unreadable data (the CLI maps it to an exit code).
    """
    from summarizer.evaluate import evaluate, to_markdown

    def factory(name: str) -> Any:
        from summarizer.translate import Translator

        return Translator(model=name, device=args.device, beams=args.beams, backend=args.backend)

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    report = evaluate(
        args.task,
        models=args.models,
        data=args.data,
        limit=args.limit,
        out=args.out,
        translator_factory=factory,
        comet=args.comet,
        progress=progress,
    )
    print(to_markdown(report, chart=None))
    print(f"Report written to {args.out}/ (report.md, report.json, report.png, outputs/)")
    requested = set(args.models or [])
    missed = [s for s in report.skipped if s.task == "translate" and s.what in requested]
    return 1 if missed or not report.rows else 0
