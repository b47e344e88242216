"""``summarizer translate FILE|-``: print the English of a text file or of stdin."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from summarizer.cli import EXIT_OK, add_model_options
from summarizer.errors import InputError, OutputError
from summarizer.output import write_atomic


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``translate`` subcommand."""
    parser = subparsers.add_parser(
        "translate",
        help="translate a text file (or stdin) to English, paragraph by paragraph",
        description="Translate Indonesian text to English. The text is taken as it is "
        "(no boilerplate stripping); paragraphs and line breaks are kept.",
    )
    parser.add_argument("file", help="text file to translate, or - for standard input")
    add_model_options(parser)
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Translate the file (or stdin) and write the English; returns the exit code."""
    from summarizer.stripping.decode import to_text
    from summarizer.translate import Translator

    try:
        raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        raise InputError(
            f"Cannot read {args.file}: {exc.strerror or exc}. Check the path, or give - to "
            "read standard input."
        ) from None
    text = to_text(raw)
    translator = Translator(args.model, device=args.device, beams=args.beams, backend=args.backend)
    (english,) = translator.translate([text])
    if args.output:
        try:
            write_atomic(args.output, english.rstrip("\n") + "\n")
        except OSError as exc:
            raise OutputError(
                f"Cannot write {args.output}: {exc.strerror or exc}. Choose a writable path."
            ) from None
    else:
        sys.stdout.write(english.rstrip("\n") + "\n")
    return EXIT_OK
