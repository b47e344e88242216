"""Benchmark of the batch path against translating articles one by one.

Articles per second, same model, same articles, same run:

- ``batch``: :func:`summarizer.batch.run_batch` on a folder of ``.txt`` articles (strip,
  pooled length-sorted translation, digest, Markdown + JSON written atomically, manifest),
  with a fresh output folder and no cache on every repeat, so nothing is reused;
- ``one by one``: ``Translator.translate([text])`` for each article in turn (the public API;
  it batches the sentences of one article only, and does no stripping, digest or writing);
- ``pooled translation``: ``Translator.translate(texts)``, all articles in one call: the
  pooling alone, without the batch path's stripping, digest and writes;
- ``warm cache``: the batch path again into fresh output folders, every sentence already in
  the translation cache (what a re-run with other formats or options costs).

Two models: the trained toy Marian model (``tests/toy_models.py``) and a random-weight
model of Helsinki-NLP/opus-mt-id-en's size (random weights run to the length cap, which
is fine for a ratio). Model loading is left out of both timings; repeats alternate
between the two paths and the medians are compared.

With ``--engine ray``, the engines instead: ``summarizer batch`` in a process of its own,
end to end as a user waits for it (start, imports, model loading, outputs, manifest), same
articles, same run, no cache, runs alternating:

- ``local``: ``--engine local``, one process using every core;
- ``ray, 1 worker`` and ``ray, 2 workers``: ``--engine ray --address ...`` on a Ray cluster
  of this machine, started once for the benchmark as ``ray start`` would (its start is
  printed, not counted), one CPU per worker, shards of ``--shard-size`` articles; groups of
  as many articles on every engine, so that each translates the very same batches;
- ``ray start per run``: :func:`summarizer.batch.run_distributed` with every article already
  done, in one shard: workers started and their models loaded, what a run pays up front;
- ``driver overhead per shard``: the same re-run with every article a shard, less the one
  shard, divided by the extra shards: what each shard costs beyond its articles
  (scheduling, its manifest, seeding and merging).

    python eval/bench_batch.py [--articles 16] [--repeats 3] [--threads 1] [--models-dir DIR]
    python eval/bench_batch.py --engine ray [--articles 480] [--shard-size 32] [--skip-opus]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


@dataclass(frozen=True)
class Setting:
    """One model and how to decode with it."""

    label: str
    builder: str  # "toy" or "opus-mt"
    beams: int
    articles: int
    sentences: int  # per article


@dataclass(frozen=True)
class Row:
    """One model's median seconds for the same articles, four ways."""

    label: str
    articles: int
    sentences: int
    batch_s: float
    pooled_s: float
    single_s: float
    cached_s: float

    @property
    def batch_rate(self) -> float:
        """Articles per second through run_batch."""
        return self.articles / self.batch_s

    @property
    def pooled_rate(self) -> float:
        """Articles per second with their sentences pooled, translation only."""
        return self.articles / self.pooled_s

    @property
    def single_rate(self) -> float:
        """Articles per second, one translate() call per article (the baseline)."""
        return self.articles / self.single_s

    @property
    def cached_rate(self) -> float:
        """Articles per second through run_batch with a warm translation cache."""
        return self.articles / self.cached_s


def make_articles(count: int, sentences: int, seed: int = 0) -> list[str]:
    """Toy-language articles: a headline and two paragraphs of varied length."""
    import toy_models

    rng = random.Random(seed)
    pairs = toy_models.toy_pairs(count * sentences * 2, seed=seed)
    texts = []
    for i in range(count):
        n = rng.randint(max(2, sentences // 2), sentences * 3 // 2)
        chosen = [s for s, _ in pairs[i * sentences * 2 : i * sentences * 2 + n]]
        half = max(1, n // 2)
        texts.append(
            f"Kabar Hari Ini Nomor {i}\n\n{' '.join(chosen[:half])}\n\n{' '.join(chosen[half:])}\n"
        )
    return texts


def build_model(kind: str, models_dir: Path) -> Path:
    """The folder of a toy model of ``kind`` (built once, reused from ``models_dir``)."""
    import toy_models

    if kind == "toy":
        target = models_dir / f"toy-marian-v{toy_models.BUILDER_VERSION}"
        return toy_models.build_atomically(toy_models.build_toy_marian, target)
    target = models_dir / f"random-marian-opus-mt-v{toy_models.BUILDER_VERSION}"
    return toy_models.build_atomically(toy_models.build_random_marian, target, size="opus-mt")


def write_articles(texts: list[str], folder: Path) -> list[Path]:
    """The articles as ``article000.txt``... in ``folder``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i, text in enumerate(texts):
        path = folder / f"article{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def measure(setting: Setting, model: Path, repeats: int, work: Path) -> Row:
    """Median seconds of both paths over ``repeats`` alternating runs."""
    from summarizer.batch import run_batch
    from summarizer.pipeline import Options
    from summarizer.translate import Translator

    texts = make_articles(setting.articles, setting.sentences)
    folder = work / f"in-{setting.builder}"
    files = write_articles(texts, folder)
    options = Options(model=str(model), device="cpu", beams=setting.beams)
    translator = Translator(str(model), device="cpu", beams=setting.beams)
    translator.load()  # shared by both paths: loading is timed by neither
    translator.translate(texts[:1])  # warm-up
    batch_times, pooled_times, single_times = [], [], []
    for repeat in range(repeats):
        out = work / f"out-{setting.builder}-{repeat}"
        start = time.perf_counter()
        summary = run_batch(files, folder, out, options, translator=translator, use_cache=False)
        batch_times.append(time.perf_counter() - start)
        if summary.failed or summary.done != len(files):
            raise SystemExit(f"batch run failed: {summary.failures or summary.stopped}")
        shutil.rmtree(out)
        start = time.perf_counter()
        translator.translate(texts)
        pooled_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for text in texts:
            translator.translate([text])
        single_times.append(time.perf_counter() - start)
        print(
            f"  {setting.label} repeat {repeat + 1}: batch {batch_times[-1]:.2f}s, "
            f"pooled translation {pooled_times[-1]:.2f}s, one by one {single_times[-1]:.2f}s",
            flush=True,
        )
    from summarizer.segment import split_paragraphs, split_sentences

    # Re-runs with a warm cache (fresh output folders, shared cache folder).
    cache_dir = work / f"cache-{setting.builder}"
    run_batch(files, folder, work / "warm", options, translator=translator, cache_dir=cache_dir)
    cached_times = []
    for repeat in range(repeats):
        out = work / f"cached-{setting.builder}-{repeat}"
        start = time.perf_counter()
        run_batch(files, folder, out, options, translator=translator, cache_dir=cache_dir)
        cached_times.append(time.perf_counter() - start)
        shutil.rmtree(out)
    sentences = sum(len(split_sentences(p)) for t in texts for p in split_paragraphs(t))
    return Row(
        setting.label,
        len(texts),
        sentences,
        statistics.median(batch_times),
        statistics.median(pooled_times),
        statistics.median(single_times),
        statistics.median(cached_times),
    )


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table, rates in articles per second."""
    lines = [
        "| model | articles | sentences | one by one | batch (run_batch) | ratio "
        "| pooled translation only | ratio | batch, warm cache |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.label} | {row.articles} | {row.sentences} | {row.single_rate:.2f} | "
            f"{row.batch_rate:.2f} | {row.batch_rate / row.single_rate:.2f}x | "
            f"{row.pooled_rate:.2f} | {row.pooled_rate / row.single_rate:.2f}x | "
            f"{row.cached_rate:.2f} |"
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class EngineRow:
    """One model's median seconds for the same folder on the local engine and on Ray."""

    label: str
    articles: int
    shards: int
    local_s: float
    ray1_s: float
    ray2_s: float
    start_s: float  # a Ray run with nothing to do, in one shard: workers up, model loaded
    overhead_s: float  # per shard

    def rate(self, seconds: float) -> float:
        """Articles per second."""
        return self.articles / seconds


def start_cluster() -> tuple[str, float]:
    """Start a Ray cluster of this machine for the benchmark: its address, seconds it took."""
    import ray

    # Workers import this checkout, not whatever copy of the package is installed.
    path = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), path]))
    start = time.perf_counter()
    ray.init(address="local", include_dashboard=False, logging_level="WARNING", log_to_driver=False)
    return ray.get_runtime_context().gcs_address, time.perf_counter() - start


def run_cli(args: list[str]) -> float:
    """Seconds that ``summarizer batch ARGS`` took in a process of its own (exit 0)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "batch", *args], capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(
            f"summarizer batch {' '.join(args)}: exit {done.returncode}\n{done.stderr}"
        )
    return seconds


def measure_engines(
    setting: Setting, model: Path, repeats: int, work: Path, shard_size: int, address: str
) -> EngineRow:
    """Median seconds of the command on the local engine and on Ray, runs alternating."""
    from test_batch import outputs

    from summarizer.batch import run_distributed
    from summarizer.batch.distributed import make_shards
    from summarizer.pipeline import Options

    folder = work / f"in-{setting.builder}"
    files = write_articles(make_articles(setting.articles, setting.sentences), folder)
    common = ["--model", str(model), "--device", "cpu", "--beams", str(setting.beams)]
    # The same groups on every engine, so that each translates the very same batches.
    common += ["--articles-per-group", str(shard_size), "--no-cache", "--no-progress"]
    ray = ["--engine", "ray", "--address", address, "--shard-size", str(shard_size)]
    engines = {
        "local": [],
        "ray, 1 worker": [*ray, "--workers", "1"],
        "ray, 2 workers": [*ray, "--workers", "2"],
    }
    times: dict[str, list[float]] = {name: [] for name in engines}
    reference = None
    out = work / "none"
    for repeat in range(repeats):
        for number, (name, engine) in enumerate(engines.items()):
            shutil.rmtree(out, ignore_errors=True)  # the last one is kept for the re-runs
            out = work / f"out-{setting.builder}-{repeat}-{number}"
            times[name].append(run_cli([str(folder), str(out), *common, *engine]))
            made = outputs(out)
            reference = reference or made
            if not same_outputs(made, reference):  # a speed figure counts for the same outputs
                raise SystemExit(f"{name}: outputs differ from the local engine's")
        print(
            f"  {setting.label} repeat {repeat + 1}: "
            + ", ".join(f"{name} {times[name][-1]:.2f}s" for name in engines),
            flush=True,
        )
    # Re-runs with nothing left to do, one worker: every article a shard, and one shard.
    options = Options(model=str(model), device="cpu", beams=setting.beams)
    rerun: dict[int, list[float]] = {1: [], len(files): []}
    for _ in range(repeats):
        for size, spent in rerun.items():
            start = time.perf_counter()
            summary = run_distributed(
                folder, out, options, workers=1, shard_size=size, articles_per_group=1
            )
            spent.append(time.perf_counter() - start)
            if summary.skipped != len(files):
                raise SystemExit(f"the re-run did not skip every article: {summary}")
    many, one = statistics.median(rerun[1]), statistics.median(rerun[len(files)])
    local, ray1, ray2 = (statistics.median(times[name]) for name in engines)
    shards = len(make_shards(files, shard_size, shard_size))
    return EngineRow(
        setting.label, len(files), shards, local, ray1, ray2, one, (many - one) / (len(files) - 1)
    )


def same_outputs(made: Any, reference: Any) -> bool:
    """Equal outputs, but for the last digits of scores.

    The local engine runs on every core, a Ray worker on one: a sum in another order moves
    a confidence score in its fifth decimal (at one thread each they are byte for byte
    equal, as tests/test_batch_ray.py checks).
    """
    if isinstance(made, float) and isinstance(reference, float):
        return math.isclose(made, reference, abs_tol=1e-3)
    if isinstance(made, dict) and isinstance(reference, dict):
        return made.keys() == reference.keys() and all(
            same_outputs(made[k], reference[k]) for k in made
        )
    if isinstance(made, list) and isinstance(reference, list):
        return len(made) == len(reference) and all(map(same_outputs, made, reference))
    return bool(made == reference)


def engine_table(rows: list[EngineRow]) -> str:
    """The rows as a Markdown table, rates in articles per second, ratios to local."""
    lines = [
        "| model | articles | shards | local | ray, 1 worker | ratio | ray, 2 workers | ratio "
        "| ray start per run | driver overhead per shard |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        local = row.rate(row.local_s)
        one, two = row.rate(row.ray1_s), row.rate(row.ray2_s)
        lines.append(
            f"| {row.label} | {row.articles} | {row.shards} | {local:.2f} | {one:.2f} | "
            f"{one / local:.2f}x | {two:.2f} | {two / local:.2f}x | {row.start_s:.1f} s | "
            f"{row.overhead_s * 1000:.0f} ms |"
        )
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local: batch vs one by one (default); ray: the local engine vs Ray workers",
    )
    parser.add_argument("--articles", type=int, help="articles (toy model; default 16, ray 48)")
    parser.add_argument(
        "--opus-articles", type=int, help="articles (opus-mt size; default 10, ray 24)"
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, help="torch CPU threads (default: torch's)")
    parser.add_argument(
        "--shard-size", type=int, default=32, help="ray: articles per shard and per group"
    )
    parser.add_argument("--models-dir", type=Path, help="keep built models here for reuse")
    parser.add_argument("--skip-opus", action="store_true", help="toy model only")
    args = parser.parse_args()
    on_ray = args.engine == "ray"
    if args.threads:  # before torch loads; the model loader honours it too
        os.environ["OMP_NUM_THREADS"] = str(args.threads)

    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    articles = args.articles or (480 if on_ray else 16)
    settings = [Setting("toy Marian, beams 4", "toy", 4, articles, 6)]
    if not args.skip_opus:
        opus = args.opus_articles or (64 if on_ray else 10)
        settings.append(Setting("opus-mt-size random, greedy", "opus-mt", 1, opus, 4))
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    models_dir = args.models_dir or work / "models"
    rows: list[Any] = []
    backend = "?"
    address, cluster_s = start_cluster() if on_ray else ("", 0.0)
    try:
        for setting in settings:
            start = time.perf_counter()
            model = build_model(setting.builder, models_dir)
            print(f"{setting.label}: model ready in {time.perf_counter() - start:.0f}s", flush=True)
            if on_ray:
                rows.append(
                    measure_engines(setting, model, args.repeats, work, args.shard_size, address)
                )
            else:
                rows.append(measure(setting, model, args.repeats, work))
            from summarizer.translate import Translator

            backend = Translator(str(model), device="cpu").request.backend
    finally:
        shutil.rmtree(work, ignore_errors=True)
    threads = (
        f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')} "
        f"(torch threads {torch.get_num_threads()}), backend {backend}"
    )
    if on_ray:
        print(
            f"\nArticles per second (medians of {args.repeats} repeats), CPU ({os.cpu_count()} "
            f"cores, load average {os.getloadavg()[0]:.1f} at the end), {threads}. "
            "summarizer batch end to end in a process of its own, no cache, groups and shards "
            f"of {args.shard_size} articles; local = --engine local (every core); ray = "
            "--engine ray --address of a local cluster (one CPU per worker; the cluster was "
            f"started once, in {cluster_s:.1f}s, not counted); ratio = to local. Ray start "
            "per run = a re-run with everything done in one shard; driver overhead per shard "
            "= the same with every article a shard, less that, per extra shard."
        )
        print(engine_table(rows))
        return
    print(
        f"\nArticles per second (medians of {args.repeats} repeats), CPU, {threads}. "
        "one by one = Translator.translate([text]) "
        "per article (translation only); batch = run_batch (strip + pooled translation + "
        "digest + md/json written atomically + manifest, no cache); pooled translation only = "
        "Translator.translate(all texts) in one call; warm cache = run_batch into a fresh "
        "folder with every sentence already in the cache."
    )
    print(table(rows))


if __name__ == "__main__":
    main()
