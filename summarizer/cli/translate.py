"""``summarizer translate FILE|-``: print the English of a text file or of stdin."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from summarizer.cli import EXIT_OK, add_model_options
from summarizer.output import write_atomic


def register(subparsers: argparse._SubParsersAction) -> None:
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
    from summarizer.stripping.decode import decode_text
    from summarizer.translate import Translator

    raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    text = decode_text(raw)
    translator = Translator(args.model, device=args.device, beams=args.beams, backend=args.backend)
    (english,) = translator.translate([text])
    if args.output:
        write_atomic(args.output, english.rstrip("\n") + "\n")
    else:
        sys.stdout.write(english.rstrip("\n") + "\n")
    return EXIT_OK
