"""``summarizer serve``: start the web UI."""

from __future__ import annotations

import argparse

from summarizer.cli import EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``serve`` subcommand."""
    parser = subparsers.add_parser("serve", help="start the web UI (http://127.0.0.1:7860)")
    parser.add_argument("--host", help="address to bind (default 127.0.0.1, or GRADIO_SERVER_NAME)")
    parser.add_argument("--port", type=int, help="port (default 7860, or GRADIO_SERVER_PORT)")
    parser.add_argument(
        "--model", help="translation model (default: SUMMARIZER_TRANSLATION_MODEL or opus-mt)"
    )
    parser.add_argument("--share", action="store_true", help="also open a public share link")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Start the web UI and block until it stops; returns the exit code."""
    from summarizer.ui import launch

    launch(host=args.host, port=args.port, model=args.model, share=args.share)
    return EXIT_OK
