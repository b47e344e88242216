"""``summarizer translate FILE|-``: print the English of a page, a text file or stdin."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from summarizer import sources
from summarizer.cli import EXIT_OK, add_model_options
from summarizer.errors import OutputError
from summarizer.output import write_atomic


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``translate`` subcommand."""
    parser = subparsers.add_parser(
        "translate",
        help="translate an article (a saved page, a text file or stdin) to English",
        description="Translate an Indonesian article to English, paragraph by paragraph. "
        "As in the web UI, page clutter (menus, captions, 'Baca juga' links, ads) is "
        "removed first; --no-strip translates every line as it is, line breaks kept.",
    )
    parser.add_argument("file", help="page or text file to translate, or - for standard input")
    add_model_options(parser)
    parser.add_argument(
        "--no-strip",
        action="store_true",
        help="translate every line as it is (no clutter removal; line breaks kept)",
    )
    parser.add_argument(
        "--points",
        type=int,
        default=0,
        metavar="N",
        help="also print the N key points, before the translation (default: none)",
    )
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Translate the file (or stdin) and write the English; returns the exit code."""
    if args.file == "-":
        source = sources.Source("page", sys.stdin.buffer.read())
    else:
        source = sources.read_file(Path(args.file), types=None)
    english = _english(source, args)
    if args.output:
        try:
            write_atomic(args.output, english)
        except OSError as exc:
            raise OutputError(
                f"Cannot write {args.output}: {exc.strerror or exc}. Choose a writable path."
            ) from None
    else:
        sys.stdout.write(english)
    return EXIT_OK


def _english(source: sources.Source, args: argparse.Namespace) -> str:
    """The text to print: key points when asked for, the English title and body."""
    from summarizer.pipeline import Options, default_model, run

    model = default_model(args.model)
    if args.no_strip and not args.points:
        # Every line as it is: the translator keeps the layout (line breaks, blank lines).
        options = Options(model=model, device=args.device, beams=args.beams, backend=args.backend)
        (english,) = options.translator().translate([sources.as_text(source)])
        return english.rstrip("\n") + "\n"
    options = Options(
        model=model,
        device=args.device,
        beams=args.beams,
        backend=args.backend,
        points=args.points,
        strip=not args.no_strip,
    )
    result = run(source, options)
    parts = []
    if args.points:
        parts.append("\n".join(f"- {point.text}" for point in result.key_points))
    if result.title:
        parts.append(result.title)
    parts += result.paragraphs
    return "\n\n".join(parts) + "\n"
