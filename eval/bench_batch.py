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

    python eval/bench_batch.py [--articles 16] [--repeats 3] [--threads 1] [--models-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

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


def measure(setting: Setting, model: Path, repeats: int, work: Path) -> Row:
    """Median seconds of both paths over ``repeats`` alternating runs."""
    from summarizer.batch import run_batch
    from summarizer.pipeline import Options
    from summarizer.translate import Translator

    texts = make_articles(setting.articles, setting.sentences)
    folder = work / f"in-{setting.builder}"
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i, text in enumerate(texts):
        path = folder / f"article{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
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


def main() -> None:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=16, help="articles (toy model)")
    parser.add_argument("--opus-articles", type=int, default=10, help="articles (opus-mt size)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, help="torch CPU threads (default: torch's)")
    parser.add_argument("--models-dir", type=Path, help="keep built models here for reuse")
    parser.add_argument("--skip-opus", action="store_true", help="toy model only")
    args = parser.parse_args()
    if args.threads:  # before torch loads; the model loader honours it too
        os.environ["OMP_NUM_THREADS"] = str(args.threads)

    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    settings = [Setting("toy Marian, beams 4", "toy", 4, args.articles, 6)]
    if not args.skip_opus:
        settings.append(Setting("opus-mt-size random, greedy", "opus-mt", 1, args.opus_articles, 4))
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    models_dir = args.models_dir or work / "models"
    rows = []
    backend = "?"
    try:
        for setting in settings:
            start = time.perf_counter()
            model = build_model(setting.builder, models_dir)
            print(f"{setting.label}: model ready in {time.perf_counter() - start:.0f}s", flush=True)
            rows.append(measure(setting, model, args.repeats, work))
            from summarizer.translate import Translator

            backend = Translator(str(model), device="cpu").request.backend
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"\nArticles per second (medians of {args.repeats} repeats), CPU, OMP_NUM_THREADS="
        f"{os.environ.get('OMP_NUM_THREADS', 'unset')} (torch threads {torch.get_num_threads()}), "
        f"backend {backend}. one by one = Translator.translate([text]) "
        "per article (translation only); batch = run_batch (strip + pooled translation + "
        "digest + md/json written atomically + manifest, no cache); pooled translation only = "
        "Translator.translate(all texts) in one call; warm cache = run_batch into a fresh "
        "folder with every sentence already in the cache."
    )
    print(table(rows))


if __name__ == "__main__":
    main()
