"""``summarizer download [MODEL ...]``: fetch models now for later offline use."""

from __future__ import annotations

import argparse

from summarizer.cli import EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``download`` subcommand."""
    from summarizer.translate.presets import DEFAULT_MODEL, PRESETS

    parser = subparsers.add_parser(
        "download",
        help="download models into the local cache for offline use",
        description=f"Download translation presets ({', '.join(PRESETS)}) or any hub id. "
        f"With no argument, downloads the default model ({DEFAULT_MODEL}).",
    )
    parser.add_argument("models", nargs="*", default=[DEFAULT_MODEL], metavar="MODEL")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Download each model and print where it is; returns the exit code."""
    from summarizer.loading import locate_model
    from summarizer.translate.presets import resolve_model

    for name in args.models:
        spec = resolve_model(name)
        path = locate_model(spec.source)
        licence = f" (licence: {spec.licence})" if spec.licence else ""
        print(f"{name}: {path}{licence}")
    return EXIT_OK
