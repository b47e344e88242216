"""The ``summarizer`` command: parses arguments, calls the core, maps errors to exit codes.

Each subcommand lives in its own module with ``register(subparsers)``; the handler it sets
returns an exit code (summarizer.cli.common: 0 success, 1 the work failed, 2 bad arguments,
input or output path, 3 a model is not available).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from summarizer import __version__
from summarizer.cli.common import (
    EXIT_FAILED,
    EXIT_MODEL,
    EXIT_OK,
    EXIT_USAGE,
    add_model_options,
    exit_code_of,
)
from summarizer.errors import SummarizerError

__all__ = [
    "EXIT_FAILED",
    "EXIT_MODEL",
    "EXIT_OK",
    "EXIT_USAGE",
    "add_model_options",
    "build_parser",
    "main",
]

COMMANDS = [
    "summarizer.cli.translate",
    "summarizer.cli.download",
    "summarizer.cli.serve",
    "summarizer.cli.batch",
    "summarizer.cli.eval",
]


def build_parser() -> argparse.ArgumentParser:
    """The ``summarizer`` parser with every available subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="summarizer",
        description="Indonesian news in, English translation and key points out.",
    )
    parser.add_argument("--version", action="version", version=f"summarizer {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a command not built yet
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING - 10 * min(args.verbose, 2),
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.handler(args))
    except SummarizerError as exc:
        print(f"summarizer: error: {exc}", file=sys.stderr)
        return exit_code_of(exc)
    except KeyboardInterrupt:
        print("summarizer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
