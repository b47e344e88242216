"""``summarizer bench``: translation speed of each backend against plain transformers.

Runs ``eval/bench_speed.py`` of a source checkout (the benchmark builds its model with the
test helpers in ``tests/``, which an installed package does not ship).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from summarizer.errors import InputError

SCRIPT = Path(__file__).resolve().parents[2] / "eval" / "bench_speed.py"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``bench`` subcommand to an ``argparse`` subparsers object.

    Args:
        subparsers: what ``ArgumentParser.add_subparsers()`` returned.
    """
    parser = subparsers.add_parser(
        "bench",
        help="measure translation speed and memory of each backend against plain transformers",
        description="Translate the same FLORES-200 sentences with plain transformers "
        "(generate, beam 4, batches of 32, fp32) and with each backend of the project at "
        "beam 4 and greedy, each in its own process; print target tokens per second, peak "
        "memory and the ratio to plain transformers (medians of repeated runs).",
    )
    parser.add_argument("--device", default="cpu", help="cpu or cuda (default: cpu)")
    parser.add_argument("--sentences", type=int, help="sentences to translate")
    parser.add_argument("--repeats", type=int, help="timed runs per configuration")
    parser.add_argument(
        "--model", help="a local model folder (default: a random model shaped like opus-mt)"
    )
    parser.add_argument("--only", nargs="+", metavar="NAME", help="only these configurations")
    parser.add_argument("--json", help="also write the results to this JSON file")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the benchmark script; its exit code."""
    if not SCRIPT.is_file():
        raise InputError(
            f"summarizer bench runs {SCRIPT.name} from a source checkout of the project, "
            f"and {SCRIPT} is missing: run it from a clone of the repository."
        )
    command = [sys.executable, str(SCRIPT), "--device", args.device]
    for option in ("sentences", "repeats", "model", "json"):
        value = getattr(args, option)
        if value is not None:
            command += [f"--{option}", str(value)]
    if args.only:
        command += ["--only", *args.only]
    return subprocess.run(command, check=False).returncode
