"""The batch on a Ray cluster: the folder cut into shards, one long-lived actor per worker.

    >>> from summarizer.batch import run_distributed
    >>> summary = run_distributed(Path("articles"), Path("out"), Options(), workers=4)

The driver finds the files as the local engine does and cuts the sorted list into shards,
only where a translation group of the whole list ends, so a shard pools the very sentences
into the very batches that the local engine would. Each worker is a Ray actor
(:class:`ShardWorker`) whose ``__init__`` loads the model once and whose :meth:`~ShardWorker.run`
calls the per-shard core :func:`~summarizer.batch.runner.run_batch` with the shard's own
manifest (``manifest.shard-NNNNN.jsonl``). Ray restarts a killed worker and retries its
shard; the retry skips what the shard's manifest already holds. When the shards are done the
driver merges their manifests into ``manifest.jsonl``; a driver killed before that leaves
them in place, and the next run folds them in first, so nothing done is lost or redone.

Every node must see ARTICLES_DIR and OUT_DIR at the same path (one machine, or a shared
mount) and have the package installed; the translation cache should be on a local disk
(``cache_dir``), since SQLite's locks are unreliable on network file systems.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.batch.inputs import count_units, relative
from summarizer.batch.manifest import DONE, MANIFEST_FILE, Entry, Manifest
from summarizer.batch.progress import NullReporter, Reporter
from summarizer.batch.runner import (
    DEFAULT_ARTICLES_PER_GROUP,
    DEFAULT_FORMATS,
    Summary,
    _check_formats,
    _check_writable,
    _exclusive,
    _translator,
    find_inputs,
    run_batch,
)
from summarizer.errors import SummarizerError, UnknownOptionError
from summarizer.pipeline import Options

log = logging.getLogger(__name__)

INSTALL_HINT = 'pip install -e ".[ray]" (or pip install "ray>=2.10")'
DEFAULT_SHARD_SIZE = 64
SHARD_MANIFEST = "manifest.shard-{:05d}.jsonl"
_SHARD_MANIFESTS = "manifest.shard-*.jsonl"
# Ray retries a shard this many times after its worker died (SIGKILL, out of memory, a
# lost node); the retry is cheap and safe because the shard's manifest skips what is done.
SHARD_RETRIES = 3
_POLL_SECONDS = 0.2
_FLUSH_SECONDS = 0.25
# A local cluster passes only shard descriptions and summaries: a small object store will do.
_OBJECT_STORE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Shard:
    """One worker's share of the folder: consecutive files, whole translation groups.

    Attributes:
        index: the shard's number (its manifest is ``manifest.shard-{index:05d}.jsonl``).
        files: the input files, in the folder's sorted order.
        articles: how many articles the files hold.
        unsupported: files of other types, recorded as skipped (all in the first shard).
    """

    index: int
    files: tuple[Path, ...]
    articles: int
    unsupported: tuple[Path, ...] = ()

    @property
    def manifest_name(self) -> str:
        """The file name of the shard's own manifest."""
        return SHARD_MANIFEST.format(self.index)


@dataclass(frozen=True)
class _Job:
    """What every shard of one run shares: folders and the run_batch options."""

    root: Path
    out_dir: Path
    options: Options
    formats: tuple[str, ...]
    field: str
    articles_per_group: int
    batch_size: int | None
    cache_dir: Path | None
    use_cache: bool


def make_shards(
    files: Sequence[Path],
    shard_size: int,
    group_size: int = DEFAULT_ARTICLES_PER_GROUP,
    unsupported: Sequence[Path] = (),
    articles: Sequence[int] | None = None,
) -> list[Shard]:
    """Cut the sorted ``files`` into shards of at least ``shard_size`` articles.

    A cut falls only between two files and where a group of ``group_size`` articles of the
    whole list ends, so each shard translates the batches the local engine would (the size
    is thus rounded up to whole groups, and a large .jsonl file is never cut).

    Args:
        files: the input files in the order of :func:`~summarizer.batch.inputs.discover`.
        shard_size: articles per shard, at least.
        group_size: the run's ``articles_per_group``.
        unsupported: files of other types, given to the first shard.
        articles: articles per file (default: counted with ``count_units``).

    Returns:
        The shards, numbered from 0; the same files always give the same shards.
    """
    counts = list(articles) if articles is not None else [count_units(f) for f in files]
    shards: list[Shard] = []
    current: list[Path] = []
    in_shard = position = 0
    for path, count in zip(files, counts):
        if current and in_shard >= shard_size and position % group_size == 0:
            shards.append(Shard(len(shards), tuple(current), in_shard))
            current, in_shard = [], 0
        current.append(path)
        in_shard += count
        position += count
    if current:
        shards.append(Shard(len(shards), tuple(current), in_shard))
    if shards and unsupported:
        first = shards[0]
        shards[0] = Shard(first.index, first.files, first.articles, tuple(unsupported))
    return shards


def run_distributed(
    articles_dir: Path,
    out_dir: Path,
    options: Options | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    address: str | None = None,
    workers: int | None = None,
    gpus_per_worker: float = 0.0,
    shard_size: int = DEFAULT_SHARD_SIZE,
    field: str = "text",
    articles_per_group: int = DEFAULT_ARTICLES_PER_GROUP,
    batch_size: int | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    reporter: Reporter | None = None,
) -> Summary:
    """Translate and digest a folder on a Ray cluster; outputs as :func:`run_folder` writes.

    Args:
        articles_dir, out_dir, options, formats: as :func:`~summarizer.batch.run_folder`.
        address: the cluster: None starts one on this machine for the run (or uses the
            one this process is already connected to), ``auto`` joins the cluster started
            here with ``ray start``, ``ray://host:10001`` a remote one (Ray Client).
        workers: actors, each with one CPU (and ``gpus_per_worker``); default: as many as
            the cluster's CPUs (or GPUs) allow.
        gpus_per_worker: GPUs per worker (0.5 puts two workers on one GPU).
        shard_size: articles per shard, at least (rounded up to whole groups).
        field, articles_per_group, batch_size, cache_dir, use_cache: as :func:`run_batch`.
        reporter: progress display over all workers (default: none).

    Returns:
        The summary, counted as the local engine counts (an article that a killed worker
        finished counts as done, once).

    Raises:
        UnknownOptionError: ray is not installed (the message says how to install it),
            no cluster at ``address``, bad numbers, or an unknown format.
        InputError: as :func:`run_folder`.
        OutputError: ``out_dir`` cannot be written, or another run is writing to it.
        ModelError: the model is not available on a worker.
    """
    started = time.monotonic()
    ray = import_ray()
    options = options or Options()
    formats = _check_formats(formats)
    _check_numbers(workers, gpus_per_worker, shard_size, articles_per_group, batch_size)
    # Absolute paths: workers run in other folders, perhaps on other machines.
    root, out = Path(articles_dir).absolute(), Path(out_dir).absolute()
    cache = Path(cache_dir).absolute() if cache_dir is not None else None
    found = find_inputs(root, out, cache)
    _check_writable(out)
    with _exclusive(out / f".{MANIFEST_FILE}.lock"):
        before = _collect(out)
        counts = [count_units(f) for f in found.files]
        shards = make_shards(found.files, shard_size, articles_per_group, found.ignored, counts)
        seeds = _seed(shards, before, root, out)
        reporter = reporter or NullReporter()
        reporter.start(sum(counts) + len(found.ignored))
        job = _Job(
            root, out, options, formats, field, articles_per_group, batch_size, cache, use_cache
        )
        try:
            with _connected(ray, address):
                size = _pool_size(ray, workers, gpus_per_worker, len(shards))
                summaries, stopped = _dispatch(ray, shards, job, size, gpus_per_worker, reporter)
        finally:
            reporter.close()
        tally = _tally(shards, seeds, summaries, out)
        _merge(out, shards, before)
    return dataclasses.replace(
        tally,
        seconds=time.monotonic() - started,
        stopped=stopped,
        manifest=Path(out_dir) / MANIFEST_FILE,
    )


def import_ray() -> Any:
    """The ``ray`` module, or an error that says how to install it.

    Raises:
        UnknownOptionError: ray is not installed.
    """
    try:
        return importlib.import_module("ray")
    except ImportError:
        raise UnknownOptionError(
            f"--engine ray needs Ray, which is not installed: {INSTALL_HINT}. "
            "Or run on this machine alone with --engine local (the default)."
        ) from None


# ---------------------------------------------------------------------------------------
# The worker
# ---------------------------------------------------------------------------------------


class ShardWorker:
    """A Ray actor: loads the model once, then runs :func:`run_batch` shard after shard.

    Args:
        job: the run's folders and options.
    """

    def __init__(self, job: _Job) -> None:
        self.job = job
        self.error: SummarizerError | None = None
        self.translator = _translator(job.options, job.batch_size)
        try:
            self.translator.load()
        except SummarizerError as exc:  # told to the driver by ready(), not as a crash
            self.error = exc

    def ready(self) -> SummarizerError | None:
        """None once the model is loaded; the error if it could not be."""
        return self.error

    def run(self, shard: Shard, progress: Any) -> Summary | SummarizerError:
        """Translate one shard into the output folder; its summary, or what stopped it.

        ``progress`` is the driver's :class:`ProgressBox`, given with each shard rather than
        to ``__init__``: Ray may fail to restart an actor whose constructor took an argument
        from the object store, an actor handle included (ray-project/ray#53727).
        """
        job = self.job
        reporter = _ShardReporter(progress, shard.index)
        try:
            return run_batch(
                list(shard.files),
                job.root,
                job.out_dir,
                job.options,
                job.formats,
                translator=self.translator,
                field=job.field,
                articles_per_group=job.articles_per_group,
                cache_dir=job.cache_dir,
                use_cache=job.use_cache,
                manifest_name=shard.manifest_name,
                unsupported=list(shard.unsupported),
                reporter=reporter,
            )
        except SummarizerError as exc:
            return exc

    def pid(self) -> int:
        """The worker's process id (tests kill it)."""
        import os

        return os.getpid()


class ProgressBox:
    """A Ray actor that holds the workers' progress events until the driver takes them."""

    def __init__(self) -> None:
        self.events: list[tuple[int, str, int, int, bool]] = []

    def add(self, events: list[tuple[int, str, int, int, bool]]) -> None:
        """Events from a worker: (shard, attempt, articles, sentences, worked)."""
        self.events.extend(events)

    def take(self) -> list[tuple[int, str, int, int, bool]]:
        """Every event since the last call."""
        events, self.events = self.events, []
        return events


class _ShardReporter:
    """The worker's side of the progress bar: events sent to the box a few times a second."""

    def __init__(self, box: Any, shard: int) -> None:
        self.box = box
        self.shard = shard
        self.attempt = uuid.uuid4().hex  # a retried shard reports afresh; the driver dedups
        self.events: list[tuple[int, str, int, int, bool]] = []
        self.flushed = time.monotonic()

    def start(self, total: int) -> None:
        pass

    def advance(self, articles: int, sentences: int = 0, *, worked: bool = True) -> None:
        self.events.append((self.shard, self.attempt, articles, sentences, worked))
        if time.monotonic() - self.flushed >= _FLUSH_SECONDS:
            self._flush()

    def stage(self, done: int, total: int) -> None:
        pass

    def close(self) -> None:
        ray = import_ray()
        ray.get(self._flush())  # delivered before the shard's result reaches the driver

    def _flush(self) -> Any:
        """Send the events so far (fire and forget; calls from one worker keep their order)."""
        ref = self.box.add.remote(self.events)
        self.events = []
        self.flushed = time.monotonic()
        return ref


class _Bar:
    """The workers' events on one reporter; a retried shard's articles are counted once."""

    def __init__(self, reporter: Reporter) -> None:
        self.reporter = reporter
        self.seen: dict[tuple[int, str], int] = defaultdict(int)
        self.credited: dict[int, int] = defaultdict(int)

    def add(self, events: list[tuple[int, str, int, int, bool]]) -> None:
        """Advance by what each shard's latest attempt got beyond what was already shown."""
        for shard, attempt, articles, sentences, worked in events:
            self.seen[shard, attempt] += articles
            new = self.seen[shard, attempt] - self.credited[shard]
            if new > 0:
                self.credited[shard] += new
                self.reporter.advance(new, sentences, worked=worked)


# ---------------------------------------------------------------------------------------
# The driver
# ---------------------------------------------------------------------------------------


@contextmanager
def _connected(ray: Any, address: str | None) -> Iterator[None]:
    """Connected to the cluster at ``address`` for the block (reusing a live connection)."""
    if ray.is_initialized():
        yield
        return
    settings: dict[str, Any] = {"logging_level": logging.WARNING}
    if address is None:  # a new cluster of this machine for this run, never another's
        settings.update(include_dashboard=False, object_store_memory=_OBJECT_STORE_BYTES)
    try:
        ray.init(address=address or "local", **settings)
    except ConnectionError as exc:
        raise UnknownOptionError(
            f"No Ray cluster at {address} ({exc}): start one with `ray start --head`, give "
            "its address (auto, or ray://HOST:10001), or leave --address out to run on "
            "this machine."
        ) from None
    try:
        yield
    finally:
        ray.shutdown()


def _pool_size(ray: Any, workers: int | None, gpus: float, shards: int) -> int:
    """How many workers to start: as asked, or what the cluster holds; never above ``shards``.

    Raises:
        UnknownOptionError: GPUs asked for on a cluster without enough of them.
    """
    resources = ray.cluster_resources()
    cpus, gpus_there = int(resources.get("CPU", 0)), float(resources.get("GPU", 0))
    if gpus > gpus_there:
        raise UnknownOptionError(
            f"--gpus-per-worker {gpus:g}: the cluster has {gpus_there:g} GPU(s). Ask for "
            "fewer, or leave it out to run on CPUs."
        )
    fits = min(cpus, int(gpus_there // gpus)) if gpus else cpus
    if workers is not None and workers > fits:
        log.warning(
            "%d workers asked for, the cluster holds %d now; the others wait for resources",
            workers,
            fits,
        )
    return max(1, min(workers or fits, shards))


def _dispatch(
    ray: Any, shards: list[Shard], job: _Job, size: int, gpus: float, reporter: Reporter
) -> tuple[dict[int, Summary], str | None]:
    """Run the shards on ``size`` actors, each taking the next shard when it is free.

    Returns:
        The summary per shard index, and why the run stopped early (or None).

    Raises:
        SummarizerError: what a worker could not get past (the model, the output folder).
    """
    box = ray.remote(num_cpus=0)(ProgressBox).remote()
    worker = ray.remote(ShardWorker).options(
        num_cpus=1, num_gpus=gpus, max_restarts=-1, max_task_retries=SHARD_RETRIES
    )
    actors = [worker.remote(job) for _ in range(size)]
    # An actor gets its first shard once its model is loaded, so that a worker still
    # waiting for resources holds no shard back from the others.
    running: dict[Any, tuple[Any, Shard | None]] = {a.ready.remote(): (a, None) for a in actors}
    waiting = list(shards)
    summaries: dict[int, Summary] = {}
    stopped: str | None = None
    bar = _Bar(reporter)
    try:
        while waiting or any(shard is not None for _, shard in running.values()):
            if not running:
                return summaries, stopped or "No worker could start: see the warnings above."
            done, _ = ray.wait(list(running), num_returns=1, timeout=_POLL_SECONDS)
            bar.add(ray.get(box.take.remote()))
            for ref in done:
                actor, shard = running.pop(ref)
                outcome = _outcome(ray, ref, shard)
                if isinstance(outcome, SummarizerError):
                    raise outcome
                if isinstance(outcome, str):
                    # The worker died again and again (on this shard, or starting): the run
                    # goes on without it, so that one shard that kills its worker neither
                    # stops the others nor, next time, the shards after it.
                    stopped = stopped or (outcome if shard is not None else None)
                    continue
                if isinstance(outcome, Summary) and shard is not None:
                    summaries[shard.index] = outcome
                    if outcome.stopped:
                        stopped = stopped or outcome.stopped
                        waiting.clear()  # a full disk stops the run, as it stops the local one
                if waiting:
                    shard = waiting.pop(0)
                    running[actor.run.remote(shard, box)] = (actor, shard)
        bar.add(ray.get(box.take.remote()))
    finally:
        for actor in actors:
            ray.kill(actor)
        ray.kill(box)
    return summaries, stopped


def _outcome(ray: Any, ref: Any, shard: Shard | None) -> Summary | SummarizerError | str | None:
    """A finished call: a summary, a worker's error, why a shard was lost, or None (ready)."""
    try:
        return ray.get(ref)
    except ray.exceptions.RayActorError as exc:
        what = f"shard {shard.index} ({shard.files[0].name}...)" if shard else "a worker"
        log.warning("%s: its worker died %d times: %s", what, SHARD_RETRIES + 1, exc)
        return (
            f"The worker of {what} died {SHARD_RETRIES + 1} times (out of memory? a lost "
            "node?) and was let go; the others went on. Run the same command again: it "
            "resumes."
        )


def _collect(out_dir: Path) -> Manifest:
    """``manifest.jsonl``, with the shard manifests that a killed driver left folded in."""
    manifest = Manifest(out_dir / MANIFEST_FILE)
    leftovers = sorted(out_dir.glob(_SHARD_MANIFESTS))
    if leftovers:
        log.info("folding %d shard manifests of an interrupted run in", len(leftovers))
        order = list(manifest.entries)
        for path in leftovers:
            part = Manifest(path).entries
            manifest.entries.update(part)
            order += part
        manifest.compact(order)  # atomically, before the shard files go
        _remove_shard_files(leftovers)
    return manifest


def _seed(
    shards: list[Shard], manifest: Manifest, root: Path, out_dir: Path
) -> list[dict[str, Entry]]:
    """Give each shard manifest what is known of its inputs, so that done ones are skipped."""
    by_input: dict[str, list[Entry]] = defaultdict(list)
    for entry in manifest.entries.values():
        by_input[entry.input].append(entry)
    seeds = []
    for shard in shards:
        names = [relative(p, root) for p in (*shard.unsupported, *shard.files)]
        known = {e.key: e for name in names for e in by_input.get(name, ())}
        part = Manifest(out_dir / shard.manifest_name)
        part.entries = dict(known)
        if known:
            part.compact()
        seeds.append(known)
    return seeds


def _tally(
    shards: list[Shard], seeds: list[dict[str, Entry]], summaries: dict[int, Summary], out: Path
) -> Summary:
    """The shards' summaries added up, each article once (times and paths left unset).

    A retried shard's summary counts what its killed attempt finished as skipped; the
    shard's manifest tells them apart: an entry not as it was seeded was done in this run.
    """
    done = skipped = unsupported = failed = sentences = 0
    failures: list[tuple[str, str]] = []
    for shard, seed in zip(shards, seeds):
        summary = summaries.get(shard.index)
        if summary is None:
            continue
        entries = Manifest(out / shard.manifest_name).entries
        fresh = [e for k, e in entries.items() if e.status == DONE and seed.get(k) != e]
        done += len(fresh)
        sentences += sum(e.sentences for e in fresh)
        skipped += summary.done + summary.skipped - len(fresh)
        unsupported += summary.unsupported
        failed += summary.failed
        failures += summary.failures
    return Summary(done, skipped, unsupported, failed, sentences, failures=failures)


def _merge(out_dir: Path, shards: list[Shard], before: Manifest) -> None:
    """Fold the shard manifests into ``manifest.jsonl`` (in shard order), then remove them."""
    order: list[str] = []
    for shard in shards:
        part = Manifest(out_dir / shard.manifest_name).entries
        before.entries.update(part)
        order += part
    before.compact(order)
    _remove_shard_files([out_dir / s.manifest_name for s in shards])


def _remove_shard_files(paths: Sequence[Path]) -> None:
    """Remove shard manifests and their lock files (already merged)."""
    for path in paths:
        for name in (path, path.with_name(f".{path.name}.lock")):
            with suppress(FileNotFoundError):
                name.unlink()


def _check_numbers(
    workers: int | None,
    gpus_per_worker: float,
    shard_size: int,
    articles_per_group: int,
    batch_size: int | None,
) -> None:
    """Refuse numbers that cannot work, saying which.

    Raises:
        UnknownOptionError: the first bad one.
    """
    checks = [
        (workers is None or workers >= 1, f"--workers must be at least 1, not {workers}"),
        (gpus_per_worker >= 0, f"--gpus-per-worker must be 0 or more, not {gpus_per_worker}"),
        (shard_size >= 1, f"--shard-size must be at least 1, not {shard_size}"),
        (
            articles_per_group >= 1,
            f"articles per group must be at least 1, not {articles_per_group}",
        ),
        (
            batch_size is None or batch_size >= 1,
            f"--batch-size must be at least 1, not {batch_size}",
        ),
    ]
    for ok, message in checks:
        if not ok:
            raise UnknownOptionError(message + ".")
