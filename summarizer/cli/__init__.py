"""The ``summarizer`` command: parses arguments, calls the core, maps errors to exit codes.

Each subcommand lives in its own module with ``register(subparsers)``; the handler it sets
returns an exit code. Exit codes: 0 success, 1 the work failed (some or all of it),
2 usage error (bad arguments or input), 3 a model is not available.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from summarizer import __version__
from summarizer.errors import InputError, ModelError, SummarizerError, UnknownOptionError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_MODEL = 0, 1, 2, 3

COMMANDS = [
    "summarizer.cli.translate",
    "summarizer.cli.download",
    "summarizer.cli.serve",
    "summarizer.cli.batch",
    "summarizer.cli.eval",
    "summarizer.cli.bench",
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
    except (InputError, UnknownOptionError) as exc:
        print(f"summarizer: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ModelError as exc:
        print(f"summarizer: error: {exc}", file=sys.stderr)
        return EXIT_MODEL
    except SummarizerError as exc:
        print(f"summarizer: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("summarizer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """The translation-model options shared by every command that translates."""
    from summarizer.translate.backend import backend_names
    from summarizer.translate.presets import DEFAULT_MODEL, PRESETS

    parser.add_argument(
        "--model",
        help=f"preset ({', '.join(PRESETS)}), hub id or local directory "
        f"(default: $SUMMARIZER_TRANSLATION_MODEL, else {DEFAULT_MODEL})",
    )
    parser.add_argument("--device", default="auto", help="auto, cuda, mps or cpu")
    parser.add_argument("--beams", type=int, default=4, help="beam size; 1 is greedy")
    parser.add_argument("--backend", default="auto", choices=backend_names())
