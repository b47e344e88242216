"""What every subcommand shares: the exit codes, the error each one stands for, and the
translation-model options."""

from __future__ import annotations

import argparse

from summarizer.errors import InputError, ModelError, OutputError, UnknownOptionError

#: 0 success, 1 the work failed (some or all of it), 2 bad arguments, input or output
#: path, 3 a model is not available.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_MODEL = 0, 1, 2, 3


def exit_code_of(error: BaseException) -> int:
    """The exit code that stands for ``error`` (one of the package's errors, or any other)."""
    if isinstance(error, (InputError, UnknownOptionError, OutputError)):
        return EXIT_USAGE
    if isinstance(error, ModelError):
        return EXIT_MODEL
    return EXIT_FAILED


def add_model_options(parser: argparse.ArgumentParser, *, several: bool = False) -> None:
    """The translation-model options of every command that translates.

    Args:
        parser: the subcommand's parser.
        several: ``--model`` may be repeated (``args.models``, a list) to compare models;
            otherwise it is one ``args.model``.
    """
    from summarizer.translate.backend import backend_names
    from summarizer.translate.presets import DEFAULT_MODEL, PRESETS

    default = f"$SUMMARIZER_TRANSLATION_MODEL, else {DEFAULT_MODEL}"
    if several:
        parser.add_argument(
            "--model",
            "-m",
            dest="models",
            action="append",
            metavar="M",
            help=f"preset ({', '.join(PRESETS)}), hub id or local directory; repeat to "
            f"compare several in one table (default: {default})",
        )
    else:
        parser.add_argument(
            "--model",
            help=f"preset ({', '.join(PRESETS)}), hub id or local directory (default: {default})",
        )
    parser.add_argument("--device", default="auto", help="auto, cuda, mps or cpu")
    parser.add_argument("--beams", type=int, default=4, help="beam size; 1 is greedy")
    parser.add_argument("--backend", default="auto", choices=backend_names())
