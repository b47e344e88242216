"""``summarizer batch ARTICLES_DIR OUT_DIR``: translate a whole folder, resumably."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, add_model_options
from summarizer.document import DEFAULT_POINTS, MAX_POINTS

if TYPE_CHECKING:
    from summarizer.batch.runner import Summary

_MAX_LISTED_FAILURES = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``batch`` subcommand."""
    parser = subparsers.add_parser(
        "batch",
        help="translate and digest every article in a folder (resumable)",
        description="Translate and digest every article in ARTICLES_DIR and its sub-folders "
        "(.html, .htm, .txt, .md, .json, .jsonl, .docx, .pdf) into OUT_DIR, mirroring the "
        "folder structure. OUT_DIR/manifest.jsonl records every input. Run the same "
        "command again after an interruption: finished articles are skipped. "
        "Exit codes: 0 all done, 1 some failed (or the run stopped), 2 usage error, "
        "3 model not available.",
    )
    parser.add_argument("articles_dir", type=Path, metavar="ARTICLES_DIR")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    add_model_options(parser)
    parser.add_argument(
        "--format",
        default="md,json",
        help="output formats, comma-separated, among md, json, txt (default: %(default)s)",
    )
    parser.add_argument(
        "--points",
        type=int,
        default=DEFAULT_POINTS,
        help=f"key points per article, 0 to {MAX_POINTS} (default: {DEFAULT_POINTS})",
    )
    parser.add_argument(
        "--digest-only",
        action="store_true",
        help="translate only the title and the key points (much faster)",
    )
    parser.add_argument(
        "--no-strip",
        action="store_true",
        help="take each text as the article as it is (no boilerplate removal)",
    )
    parser.add_argument("--batch-size", type=int, help="sentences per model batch at most")
    parser.add_argument(
        "--articles-per-group",
        type=int,
        default=32,
        help="articles whose sentences are pooled into shared batches (default: %(default)s)",
    )
    parser.add_argument(
        "--field",
        default="text",
        help="the text field of .json/.jsonl records (default: %(default)s)",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        help="folder of the translation cache (default: OUT_DIR)",
    )
    parser.add_argument("--no-cache", action="store_true", help="keep no translation cache")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar or lines")
    _add_engine_options(parser)
    parser.set_defaults(handler=handle)


def _add_engine_options(parser: argparse.ArgumentParser) -> None:
    """``--engine`` and the options of the Ray engine."""
    group = parser.add_argument_group("engine (see the README, Batch: Scaling out)")
    group.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local: this process (default); ray: shards on the workers of a Ray cluster "
        '(needs pip install -e ".[ray]")',
    )
    group.add_argument(
        "--address",
        help="Ray cluster: auto (started here with ray start) or ray://HOST:10001 "
        "(default: a cluster of this machine, for this run)",
    )
    group.add_argument("--workers", type=int, help="Ray workers (default: one per CPU or GPU)")
    group.add_argument(
        "--gpus-per-worker", type=float, help="GPUs per Ray worker, e.g. 1 or 0.5 (default: 0)"
    )
    group.add_argument(
        "--shard-size",
        type=int,
        help="articles per shard, at least; rounded up to whole groups (default: 64)",
    )


def handle(args: argparse.Namespace) -> int:
    """Run the batch with a progress display; returns the exit code."""
    from summarizer.batch.progress import reporter_for
    from summarizer.pipeline import Options, default_model

    if args.batch_size is not None and args.batch_size < 1:
        return _usage(f"--batch-size must be at least 1, not {args.batch_size}")
    options = Options(
        model=default_model(args.model),
        device=args.device,
        beams=args.beams,
        backend=args.backend,
        points=args.points,
        digest_only=args.digest_only,
        strip=not args.no_strip,
    )
    engine, unused = _engine(args)
    if unused:
        return _usage(f"{unused} needs --engine ray")
    # An unusable output folder (OutputError) is a usage error, as main() maps it.
    summary = engine(
        args.articles_dir,
        args.out_dir,
        options,
        args.format.split(","),
        field=args.field,
        articles_per_group=args.articles_per_group,
        batch_size=args.batch_size,
        cache_dir=args.cache_dir,
        use_cache=not args.no_cache,
        reporter=reporter_for(sys.stderr, enabled=not args.no_progress),
    )
    already = f"{summary.skipped} already done"
    if summary.unsupported:
        already += f", {summary.unsupported} not a supported type"
    # A resumed run with nothing left to do has no rate to speak of.
    rate = (
        f"{summary.articles_per_second:.2f} articles/s"
        if summary.done
        else "nothing new to translate"
    )
    print(
        f"batch: {summary.done} done, {summary.skipped + summary.unsupported} skipped "
        f"({already}), {summary.failed} failed in {summary.seconds:.1f}s "
        f"({rate}). Manifest: {summary.manifest}",
        file=sys.stderr,
    )
    for key, reason in summary.failures[:_MAX_LISTED_FAILURES]:
        print(f"  failed: {key}: {reason}", file=sys.stderr)
    if len(summary.failures) > _MAX_LISTED_FAILURES:
        more = len(summary.failures) - _MAX_LISTED_FAILURES
        print(f"  ... and {more} more (see the manifest)", file=sys.stderr)
    if summary.stopped:
        print(f"summarizer: error: {summary.stopped}", file=sys.stderr)
    return EXIT_FAILED if summary.exit_code else EXIT_OK


def _engine(args: argparse.Namespace) -> tuple[Callable[..., Summary], str | None]:
    """The engine's entry point (Ray options bound), and a Ray option given without it."""
    from summarizer.batch.runner import run_folder

    ray_options = {
        "address": args.address,
        "workers": args.workers,
        "gpus_per_worker": args.gpus_per_worker,
        "shard_size": args.shard_size,
    }
    given = {k: v for k, v in ray_options.items() if v is not None}
    if args.engine == "local":
        unused = next(iter(given), None)
        return run_folder, unused and "--" + unused.replace("_", "-")
    from summarizer.batch.distributed import run_distributed

    return functools.partial(run_distributed, **given), None


def _usage(message: str) -> int:
    """Print a usage error; returns its exit code."""
    print(f"summarizer: error: {message}", file=sys.stderr)
    return EXIT_USAGE
