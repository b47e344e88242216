"""The batch core: a list of files in, outputs and manifest lines out.

:func:`run_batch` is callable per shard: it takes any list of files below a root, so an
engine that spreads work over machines can hand each worker its own list (see the README).
:func:`run_folder` checks the folders, discovers the files and calls it for a whole folder.

Articles are read and stripped one by one and translated in groups of
``articles_per_group``: the sentences of a group are pooled into full, length-sorted
batches. Group boundaries depend only on each article's position in the file list, never on
what an earlier run finished; with the translation cache (committed before any output of
a group is written) a resumed run therefore feeds the model the very batches an
uninterrupted run would, and writes the same bytes.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.batch.cache import CACHE_FILE, CachedTranslator, TranslationCache
from summarizer.batch.inputs import (
    Discovery,
    Unit,
    count_units,
    discover,
    read_units,
    relative,
    to_article,
)
from summarizer.batch.manifest import DONE, FAILED, MANIFEST_FILE, SKIPPED, Entry, Manifest
from summarizer.batch.progress import NullReporter, Reporter
from summarizer.document import Article, Result
from summarizer.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    ModelError,
    NoArticleError,
    OutputError,
    SummarizerError,
    UnknownOptionError,
)
from summarizer.output import write_atomic
from summarizer.pipeline import Options, run_articles
from summarizer.render import FORMATS, render
from summarizer.translate import Translator
from summarizer.translate.translator import SentenceTranslator

log = logging.getLogger(__name__)

DEFAULT_FORMATS = ("md", "json")
DEFAULT_ARTICLES_PER_GROUP = 32
# What summarizer.output.write_atomic leaves behind when killed: ".NAME.XXXXXXXX.tmp".
_TEMP_FILE = re.compile(r"^\.(?P<name>.+\.(md|json|txt|jsonl))\.[a-z0-9_]{8}\.tmp$")


@dataclass(frozen=True)
class Summary:
    """How a batch went.

    Attributes:
        done: articles processed by this run.
        skipped: articles done by an earlier run with the same content and options.
        unsupported: files of a type the batch does not read (recorded as skipped).
        failed: articles that could not be processed (reasons in ``failures``).
        sentences: sentences translated (cache hits included).
        seconds: wall time of the run.
        failures: (input, reason) per failure, in order.
        stopped: why the run stopped before the end (disk full...), or None.
        manifest: the manifest file.
    """

    done: int = 0
    skipped: int = 0
    unsupported: int = 0
    failed: int = 0
    sentences: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    stopped: str | None = None
    manifest: Path | None = None

    @property
    def exit_code(self) -> int:
        """0 when everything is done, 1 when something failed or the run stopped."""
        return 1 if self.failed or self.stopped else 0

    @property
    def articles_per_second(self) -> float:
        """Articles done per second of the run (0.0 before any time passed)."""
        return self.done / self.seconds if self.seconds > 0 else 0.0


class _Stop(Exception):
    """The run cannot go on (a write failed); what is written so far stays valid."""


@dataclass
class _Pending:
    """An article read and stripped, waiting for its group to be translated."""

    unit: Unit
    article: Article
    strip_seconds: float


@dataclass
class _State:
    """What one run carries along."""

    root: Path
    out_dir: Path
    options: Options
    formats: tuple[str, ...]
    config: str
    manifest: Manifest
    translator: SentenceTranslator
    reporter: Reporter
    sweeper: _TempSweeper = field(default_factory=lambda: _TempSweeper())
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    def count(self, name: str, n: int = 1) -> None:
        """Add ``n`` to the counter ``name``."""
        self.counts[name] = self.counts.get(name, 0) + n


def run_batch(
    files: Sequence[Path],
    root: Path,
    out_dir: Path,
    options: Options | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    translator: Translator | None = None,
    field: str = "text",
    articles_per_group: int = DEFAULT_ARTICLES_PER_GROUP,
    batch_size: int | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    manifest_name: str = MANIFEST_FILE,
    unsupported: Sequence[Path] = (),
    reporter: Reporter | None = None,
) -> Summary:
    """Translate and digest every article in ``files``; resumable, one line per input.

    Outputs mirror each file's path below ``root`` inside ``out_dir`` (``a/page.html`` gives
    ``a/page.html.md``; record 3 of ``feed.jsonl`` gives ``feed.jsonl.3.md``) and are written
    atomically. Articles done by an earlier run (same content digest, same options, outputs
    present) are skipped; bad inputs are recorded as failed and the run goes on.

    Args:
        files: the input files (all below ``root``); one shard of a corpus, or all of it.
        root: the folder whose structure the outputs mirror.
        out_dir: where outputs, the manifest and (by default) the cache go.
        options: the pipeline options (model, points, digest-only...).
        formats: output formats, some of ``md``, ``json``, ``txt``.
        translator: the translator (default: built from ``options``); wrapped in the cache.
        field: the text field of JSON/JSONL records.
        articles_per_group: articles whose sentences are pooled into one translation call.
        batch_size: sentences per model batch at most (default: the translator's).
        cache_dir: folder of the translation cache (default: ``out_dir``).
        use_cache: False to translate everything afresh and keep no cache.
        manifest_name: the manifest's file name in ``out_dir`` (one per shard if shards
            share an output folder).
        unsupported: files of other types, recorded in the manifest as skipped.
        reporter: progress display (default: none).

    Returns:
        The summary; ``summary.stopped`` says why the run stopped early, if it did.

    Raises:
        OutputError: ``out_dir`` or the cache cannot be created or written at the start,
            or another run is writing the same manifest.
        UnknownOptionError: an unknown format or a bad group size.
        ModelError: the translation model is not available.
    """
    started = time.monotonic()
    options = options or Options()
    formats = _check_formats(formats)
    if articles_per_group < 1:
        raise UnknownOptionError(
            f"articles per group must be at least 1, not {articles_per_group}."
        )
    root, out_dir = Path(root), Path(out_dir)
    _check_writable(out_dir)
    with _exclusive(out_dir / f".{manifest_name}.lock"):
        return _run(
            files,
            root,
            out_dir,
            options,
            formats,
            translator=translator,
            field=field,
            articles_per_group=articles_per_group,
            batch_size=batch_size,
            cache_dir=cache_dir,
            use_cache=use_cache,
            manifest_name=manifest_name,
            unsupported=unsupported,
            reporter=reporter,
            started=started,
        )


def _run(
    files: Sequence[Path],
    root: Path,
    out_dir: Path,
    options: Options,
    formats: tuple[str, ...],
    *,
    translator: Translator | None,
    field: str,
    articles_per_group: int,
    batch_size: int | None,
    cache_dir: Path | None,
    use_cache: bool,
    manifest_name: str,
    unsupported: Sequence[Path],
    reporter: Reporter | None,
    started: float,
) -> Summary:
    """:func:`run_batch` once the output folder is checked and locked."""
    base = translator or _translator(options, batch_size)
    cache = _open_cache(Path(cache_dir or out_dir) / CACHE_FILE) if use_cache else None
    reporter = reporter or NullReporter()
    state = _State(
        root=root,
        out_dir=out_dir,
        options=options,
        formats=formats,
        config=config_digest(base, options, formats, field),
        manifest=Manifest(out_dir / manifest_name),
        translator=CachedTranslator(base, cache) if cache is not None else base,
        reporter=reporter,
    )
    state.sweeper.sweep(state.manifest.path)
    stopped = None
    reporter.start(sum(count_units(f) for f in files) + len(unsupported))
    try:
        with _stop_on_write_error():
            for path in unsupported:
                _record_unsupported(state, path)
            _process(state, files, field, articles_per_group)
            state.manifest.compact(state.keys)
    except _Stop as stop:
        stopped = str(stop)
        log.info("%s", stopped)
    finally:
        reporter.close()
        if cache is not None:
            cache.close()
    return Summary(
        done=state.counts.get(DONE, 0),
        skipped=state.counts.get("already", 0),
        unsupported=state.counts.get(SKIPPED, 0),
        failed=state.counts.get(FAILED, 0),
        sentences=state.counts.get("sentences", 0),
        seconds=time.monotonic() - started,
        failures=state.failures,
        stopped=stopped,
        manifest=state.manifest.path,
    )


def run_folder(
    articles_dir: Path,
    out_dir: Path,
    options: Options | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    **kwargs: Any,
) -> Summary:
    """Run :func:`run_batch` over every readable file below ``articles_dir``.

    Args:
        articles_dir: the folder of articles (with sub-folders).
        out_dir: the output folder; it may lie inside ``articles_dir`` (it is then left
            out of the inputs), but not be it, nor contain it.
        options, formats, **kwargs: as :func:`run_batch` (default options: ``Options()``).

    Returns:
        The summary.

    Raises:
        InputError: ``articles_dir`` is missing, holds no readable file, or the folders
            overlap in a way that would mix outputs with inputs.
        OutputError, UnknownOptionError, ModelError: as :func:`run_batch`.
    """
    articles_dir, out_dir = Path(articles_dir), Path(out_dir)
    _check_formats(formats)
    found = find_inputs(articles_dir, out_dir, kwargs.get("cache_dir"))
    return run_batch(
        found.files,
        articles_dir,
        out_dir,
        options,
        formats,
        unsupported=found.ignored,
        **kwargs,
    )


def find_inputs(articles_dir: Path, out_dir: Path, cache_dir: Path | None = None) -> Discovery:
    """The files below ``articles_dir`` to translate, and those of other types.

    Raises:
        InputError: as :func:`run_folder`.
    """
    check_folders(articles_dir, out_dir, cache_dir)
    found = discover(articles_dir, exclude=[out_dir, *([cache_dir] if cache_dir else [])])
    if not found.files:
        raise InputError(
            f"{articles_dir} holds no file to translate: the batch reads "
            ".html, .htm, .txt, .md, .json, .jsonl, .docx and .pdf files (in sub-folders too)."
        )
    return found


def check_folders(articles_dir: Path, out_dir: Path, cache_dir: Path | None = None) -> None:
    """Refuse folders that do not exist or that would mix outputs with inputs.

    Raises:
        InputError: what is wrong, and what to do.
    """
    if not articles_dir.is_dir():
        what = "is not a folder" if articles_dir.exists() else "does not exist"
        raise InputError(f"The articles folder {articles_dir} {what}: give a folder of articles.")
    source, target = articles_dir.resolve(), out_dir.resolve()
    if target == source:
        raise InputError(
            f"The output folder is the articles folder ({articles_dir}): choose another "
            "output folder (it may be a sub-folder, which the batch then does not read)."
        )
    if source.is_relative_to(target):
        raise InputError(
            f"The articles folder {articles_dir} is inside the output folder {out_dir}: "
            "outputs would be written among the inputs. Choose an output folder outside it."
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"The output path {out_dir} is a file, not a folder.")
    if cache_dir is not None and Path(cache_dir).resolve() == source:
        raise InputError("The cache folder is the articles folder: choose another.")


def config_digest(
    translator: Any, options: Options, formats: Sequence[str], field: str = "text"
) -> str:
    """A digest of everything that shapes an article's outputs (not the device).

    A change here (another model, beam size, number of points, format...) makes the next
    run redo articles instead of skipping them.
    """
    decoding = getattr(translator, "decoding", None)
    config = {
        "model": getattr(translator, "name", options.model),
        "decoding": repr(decoding) if decoding is not None else None,
        "backend": options.backend,
        "points": options.points,
        "digest": options.digest,
        "digest_only": options.digest_only,
        "strip": options.strip,
        "summary_model": options.summary_model if options.digest == "abstractive" else None,
        "formats": sorted(formats),
        "field": field,
    }
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:16]


# ---------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------


def _process(state: _State, files: Sequence[Path], field: str, group_size: int) -> None:
    """Read, strip and skip in file order; translate and write group by group."""
    pending: list[_Pending] = []
    group = 0
    position = 0
    for path in files:
        for unit in read_units(path, state.root, field):
            # Groups follow positions in the whole list, whatever is already done.
            if position // group_size != group:
                _translate_group(state, pending)
                pending = []
                group = position // group_size
            position += 1
            state.keys.append(unit.key)
            if state.manifest.is_done(unit.key, unit.sha256, state.config, state.out_dir):
                state.count("already")
                state.reporter.advance(1, worked=False)
                continue
            start = time.perf_counter()
            try:
                article = to_article(unit, state.options)
            except InputError as exc:
                _record_failure(state, unit, exc)
                continue
            except Exception as exc:  # a parser bug on one odd file must not stop the run
                log.debug("reading %s failed", unit.key, exc_info=True)
                _record_failure(state, unit, exc)
                continue
            pending.append(_Pending(unit, article, time.perf_counter() - start))
    _translate_group(state, pending)


def _translate_group(state: _State, pending: list[_Pending]) -> None:
    """Translate a group's articles together, then write each one's outputs."""
    if not pending:
        return
    articles = [p.article for p in pending]
    try:
        results: list[Result | Exception] = list(
            run_articles(
                articles,
                state.options,
                translator=state.translator,
                progress=lambda stage, done, total: state.reporter.stage(done, total),
            )
        )
    except (ModelError, OSError):
        raise
    except Exception:
        # One article broke the group (a bug, memory): redo them one by one to isolate it.
        log.warning("a group of %d articles failed; retrying one by one", len(pending))
        results = [_run_one(state, article) for article in articles]
    total_sentences = sum(len(r.sentences) for r in results if isinstance(r, Result))
    for item, result in zip(pending, results):
        if isinstance(result, Exception):
            _record_failure(state, item.unit, result)
            continue
        share = len(result.sentences) / total_sentences if total_sentences else 1 / len(pending)
        _write(state, item, result, share)


def _run_one(state: _State, article: Article) -> Result | Exception:
    """One article on its own; its exception instead of a result if it fails."""
    try:
        (result,) = run_articles([article], state.options, translator=state.translator)
        return result
    except (ModelError, OSError):
        raise
    except Exception as exc:
        log.debug("article failed", exc_info=True)
        return exc


def _write(state: _State, item: _Pending, result: Result, share: float) -> None:
    """Write one article's outputs atomically, then its manifest line."""
    timings = {"strip": round(item.strip_seconds, 4)}
    timings.update({k: round(v * share, 4) for k, v in result.timings.items()})
    result = dataclasses.replace(result, timings=timings)
    start = time.perf_counter()
    outputs = []
    for fmt in state.formats:
        name = item.unit.output(fmt)
        state.sweeper.sweep(state.out_dir / name)
        write_atomic(state.out_dir / name, render(result, fmt))
        outputs.append(name)
    timings["write"] = round(time.perf_counter() - start, 4)
    state.manifest.append(
        Entry(
            input=item.unit.input,
            record=item.unit.record,
            sha256=item.unit.sha256,
            config=state.config,
            status=DONE,
            outputs=outputs,
            sentences=len(result.sentences),
            timings=timings,
        )
    )
    state.count(DONE)
    state.count("sentences", len(result.sentences))
    state.reporter.advance(1, len(result.sentences))


def _record_failure(state: _State, unit: Unit, exc: Exception) -> None:
    """A failed article: its reason in the manifest, and the run goes on."""
    reason = batch_reason(exc)
    log.info("%s failed: %s", unit.key, reason)
    state.manifest.append(
        Entry(
            input=unit.input,
            record=unit.record,
            sha256=unit.sha256,
            config=state.config,
            status=FAILED,
            reason=reason,
            error=type(exc).__name__,
        )
    )
    state.count(FAILED)
    state.failures.append((unit.key, reason))
    state.reporter.advance(1)


# What to do about a bad file in a batch; the stripper's own advice speaks to someone at
# the web UI's paste box ("Paste an article, or give its page or URL").
_BATCH_ADVICE: tuple[tuple[type[Exception], str], ...] = (
    (EmptyInputError, "Put the article's text in the file, or remove it."),
    (InputTooLargeError, "Split it into one file per article (or a .jsonl, one per record)."),
    (
        BinaryInputError,
        "The batch reads .html, .htm, .txt, .md, .json, .jsonl, .docx and .pdf: save the "
        "article as one of them, or remove the file.",
    ),
    (EncodingError, "Save the file as UTF-8."),
    (
        NoArticleError,
        "Replace it with the page or text of a single article, or run with --no-strip to "
        "translate it as it is.",
    ),
)
_UI_ADVICE = re.compile(r"\b(paste|pasted|URL|address|upload|tab)\b|\bits (web )?page\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")


def batch_reason(exc: Exception) -> str:
    """The reason of a failed article as a batch user reads it: what is wrong with the
    file, and what to do about it in a batch (not in the web UI)."""
    if not isinstance(exc, SummarizerError):
        return f"{type(exc).__name__}: {exc}"
    first, *rest = _SENTENCE_END.split(str(exc).strip()) or [""]
    kept = [s for s in rest if not _UI_ADVICE.search(s)]
    diagnosis = first.replace("The input", "The file").replace("the pasted text", "the text")
    if _UI_ADVICE.search(diagnosis) and not rest:
        diagnosis = "The file could not be read as an article."
    if len(kept) < len(rest) or not rest:
        advice = next((a for kind, a in _BATCH_ADVICE if isinstance(exc, kind)), None)
        if advice:
            kept.append(advice)
    return " ".join([diagnosis, *kept])


def _record_unsupported(state: _State, path: Path) -> None:
    """A file of another type: one skipped line (once), no outputs."""
    name = relative(path, state.root)
    state.keys.append(name)
    state.count(SKIPPED)
    state.reporter.advance(1, worked=False)
    entry = state.manifest.entries.get(name)
    if entry is not None and entry.status == SKIPPED:
        return
    reason = f"not a file type the batch reads ({path.suffix or 'no suffix'})"
    state.manifest.append(Entry(name, None, "", state.config, SKIPPED, reason=reason))


# ---------------------------------------------------------------------------------------
# Setup and errors
# ---------------------------------------------------------------------------------------


def _translator(options: Options, batch_size: int | None) -> Translator:
    """The run's translator, with the batch size asked for (the options' default otherwise)."""
    translator = options.translator()
    if batch_size:
        translator.batch_size = batch_size
    return translator


def _check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """The formats asked for, normalised and without repeats; an unknown one is refused."""
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UnknownOptionError(
            f"Unknown output format(s) {', '.join(unknown) or '(none)'}: "
            f"choose among {', '.join(FORMATS)}."
        )
    return chosen


def _check_writable(out_dir: Path) -> None:
    """Create ``out_dir`` and make sure a file can be written there."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".write-test.{time.monotonic_ns()}"
        with probe.open("wb") as handle:
            handle.write(b"ok")
        probe.unlink()
    except OSError as exc:
        raise OutputError(_write_error_message(exc, out_dir, starting=True)) from None


def _open_cache(path: Path) -> TranslationCache:
    """Open the translation cache, or say how to run without one."""
    try:
        return TranslationCache(path)
    except OSError as exc:
        raise OutputError(
            f"{_write_error_message(exc, path, starting=True)} "
            "(or pass --cache-dir DIR, or --no-cache)"
        ) from None


class _TempSweeper:
    """Removes the temporary files that a killed run's atomic writes left behind.

    Only the temporary files of the outputs this run writes are removed (each just before
    its output is written), so shards sharing an output folder never touch each other's
    writes in flight. Each folder is listed once.
    """

    def __init__(self) -> None:
        self.stale: dict[Path, dict[str, list[Path]]] = {}

    def sweep(self, target: Path) -> None:
        """Remove the stale temporary files of ``target`` (listing its folder once)."""
        folder = target.parent
        if folder not in self.stale:
            found: dict[str, list[Path]] = {}
            self.stale[folder] = found
            try:
                entries = list(os.scandir(folder))
            except OSError:
                entries = []
            for entry in entries:
                match = _TEMP_FILE.match(entry.name)
                if match:
                    found.setdefault(match.group("name"), []).append(Path(entry.path))
        for path in self.stale[folder].pop(target.name, []):
            try:
                path.unlink()
            except OSError:
                log.debug("could not remove %s", path)


@contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock`` (released by the OS if the process dies)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks
        yield
        return
    while True:
        try:
            handle = lock.open("a")
        except OSError as exc:
            raise OutputError(_write_error_message(exc, lock, starting=True)) from None
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise OutputError(
                f"Another batch is writing to {lock.parent} (it holds {lock.name}): wait for "
                "it to finish, or give this one another output folder."
            ) from None
        # A run that just ended removed the file we opened: lock the one now in its place.
        if _same_file(lock, handle.fileno()):
            break
        handle.close()
    with handle:
        try:
            yield
        finally:
            # Removed while still held, so that no run can lock the file being removed.
            lock.unlink(missing_ok=True)


def _same_file(path: Path, fd: int) -> bool:
    """Whether ``path`` still names the open file ``fd``."""
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


@contextmanager
def _stop_on_write_error() -> Iterator[None]:
    """Turn a failed write (disk full, read-only, permissions) into a clean stop."""
    try:
        yield
    except OSError as exc:
        raise _Stop(_write_error_message(exc, Path(exc.filename or "the output folder"))) from exc


def _write_error_message(exc: OSError, where: Path, starting: bool = False) -> str:
    """What went wrong writing, and how to go on."""
    code = exc.errno
    if code == errno.ENOSPC or code == errno.EDQUOT:
        what = f"The disk is full (writing {where})"
    elif code == errno.EROFS:
        what = f"{where} is on a read-only file system"
    elif code in (errno.EACCES, errno.EPERM):
        what = f"Permission denied writing {where}"
    else:
        what = f"Cannot write {where}: {exc.strerror or exc}"
    if starting:
        return f"{what}. Choose a writable output folder."
    return (
        f"{what}. The run stopped; everything written so far is complete. "
        "Fix this and run the same command again: it resumes where it stopped."
    )
