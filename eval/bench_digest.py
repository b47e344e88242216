"""Benchmark the extractive digest on IndoSum: ROUGE-1/2/L and time per article.

Every system picks 3 sentences of the same detokenised article, segmented the same way
(:mod:`summarizer.segment`), and is scored with ROUGE F1 (rouge-score, no stemmer) against
the reference summary, as ``../shared/README.md`` prescribes:

- LEAD-3: the first three sentences (the baseline);
- LexRank and TextRank: sumy's graph summarizers, on the same sentences, with the same
  Indonesian stopwords as the digest;
- digest: :func:`summarizer.key_sentences` with the shipped scorer. The shipped scorer was
  trained on this very file, so its row is an in-sample figure; the cross-validated rows
  (on by default, ``--folds 0`` to skip) train on K-1 folds and score the held-out fold,
  which is the estimate for articles outside the file.

Time per article is the median (and 95th percentile) wall time of one call on one core,
segmentation included. :func:`measure_digest_only_speed` compares translating a whole
article with translating only its title and key sentences, given any translate function.

Usage: ``python eval/bench_digest.py [--data PATH] [--limit N] [--folds 5]
[--digest-only-model MODEL --digest-only-articles 20 --device auto]`` (the last three
time digest-only translation with the project's translator on the first articles).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # "one core": numpy must not fan out
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from train_scorer import (  # noqa: E402
    DEFAULT_DATA,
    IndoSumArticle,
    cross_validate,
    load_indosum,
    rouge_table,
)

from summarizer import key_sentences  # noqa: E402
from summarizer.digest.features import STOPWORDS, tokens  # noqa: E402
from summarizer.document import Article  # noqa: E402
from summarizer.segment import split_sentences  # noqa: E402


class _WordTokenizer:
    """The word tokenizer sumy's sentence objects ask for (sumy has no Indonesian one)."""

    @staticmethod
    def to_words(text: str) -> list[str]:
        return tokens(text)


def _sumy(summarizer_class: type) -> Callable[[IndoSumArticle], list[str]]:
    """A 3-sentence extractor from a sumy summarizer class, on our segmentation."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    summarizer = summarizer_class()
    summarizer.stop_words = STOPWORDS
    tokenizer = _WordTokenizer()

    def extract(article: IndoSumArticle) -> list[str]:
        document = ObjectDocumentModel(
            [Paragraph([SumySentence(s, tokenizer) for s in p]) for p in article.paragraphs]
        )
        return [str(s) for s in summarizer(document, 3)]

    return extract


def _lead(article: IndoSumArticle) -> list[str]:
    """The first three sentences."""
    return [s for p in article.paragraphs for s in p][:3]


def _digest(article: IndoSumArticle) -> list[str]:
    """The shipped digest through the public API, on the article as plain text."""
    return key_sentences(article.text, 3)


def run_systems(
    articles: Sequence[IndoSumArticle], systems: dict[str, Callable[[IndoSumArticle], list[str]]]
) -> tuple[dict[str, list[str]], dict[str, list[float]]]:
    """Each system's joined output and per-article seconds."""
    outputs: dict[str, list[str]] = {name: [] for name in systems}
    seconds: dict[str, list[float]] = {name: [] for name in systems}
    for article in articles:
        for name, system in systems.items():
            started = time.perf_counter()
            chosen = system(article)
            seconds[name].append(time.perf_counter() - started)
            outputs[name].append(" ".join(chosen))
    return outputs, seconds


def measure_digest_only_speed(
    translate: Callable[[list[str]], object],
    articles: Sequence[Article],
    n: int = 3,
) -> dict[str, float]:
    """Time translating whole articles against translating only title + key sentences.

    Args:
        translate: any function from source sentences to their translations (e.g. a
            bound method of the project's translator); called once per article and mode.
        articles: the articles to translate.
        n: key sentences per article.

    Returns:
        Median seconds per article for ``full`` and ``digest`` (digest selection included),
        and ``speedup`` = full / digest.
    """
    full, digest = [], []
    for article in articles:
        title = [article.title] if article.title else []
        sentences = [s for p in article.paragraphs for s in split_sentences(p)]
        started = time.perf_counter()
        translate(title + sentences)
        full.append(time.perf_counter() - started)
        started = time.perf_counter()
        translate(title + key_sentences(article, n))
        digest.append(time.perf_counter() - started)
    full_median, digest_median = statistics.median(full), statistics.median(digest)
    return {
        "full": full_median,
        "digest": digest_median,
        "speedup": full_median / digest_median if digest_median else float("inf"),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="first N articles only (0: all)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (0: skip)")
    parser.add_argument(
        "--digest-only-model", help="also time digest-only translation with this model"
    )
    parser.add_argument("--digest-only-articles", type=int, default=20)
    parser.add_argument("--device", default="auto")
    args = parser.parse_args(argv)

    articles = load_indosum(args.data)
    if args.limit:
        articles = articles[: args.limit]
    key_sentences(articles[0].text, 3)  # load the scorer before timing
    systems = {
        "LEAD-3": _lead,
        "LexRank (sumy)": _sumy(LexRankSummarizer),
        "TextRank (sumy)": _sumy(TextRankSummarizer),
        "digest (shipped scorer, in-sample)": _digest,
    }
    outputs, seconds = run_systems(articles, systems)
    table = rouge_table(outputs, [a.summary for a in articles])
    lead3 = table["LEAD-3"]
    print(f"IndoSum {args.data.name}: {len(articles)} articles, 3 sentences each\n")
    header = f"{'system':44s} {'R-1':>6s} {'R-2':>6s} {'R-L':>6s} {'dR-1':>6s} {'dR-L':>6s}"
    print(f"{header} {'ms/article (median, p95)':>26s}")
    for name, (r1, r2, rl) in table.items():
        times = sorted(seconds[name])
        median, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
        print(
            f"{name:44s} {r1:6.2f} {r2:6.2f} {rl:6.2f} {r1 - lead3[0]:+6.2f} {rl - lead3[2]:+6.2f}"
            f" {1000 * median:14.2f} {1000 * p95:10.2f}"
        )
    if args.folds > 1:
        cv = cross_validate(articles, args.folds)
        print(
            f"\n{args.folds}-fold cross-validation (scorer trained on the other folds, "
            "held-out ROUGE; gain per fold as min..max):"
        )
        cv_lead = cv.table["LEAD-3"]
        for name, (r1, r2, rl) in cv.table.items():
            if name == "LEAD-3" or name.startswith("scorer, redundancy"):
                gains = cv.fold_gains(name)
                print(
                    f"{name:44s} {r1:6.2f} {r2:6.2f} {rl:6.2f} "
                    f"{r1 - cv_lead[0]:+6.2f} {rl - cv_lead[2]:+6.2f}   "
                    f"folds dR-1 {gains[:, 0].min():+.2f}..{gains[:, 0].max():+.2f}, "
                    f"dR-L {gains[:, 2].min():+.2f}..{gains[:, 2].max():+.2f}"
                )
    if args.digest_only_model:
        _print_digest_only(articles[: args.digest_only_articles], args)
    return 0


def _print_digest_only(articles: Sequence[IndoSumArticle], args: argparse.Namespace) -> None:
    """Time whole-article against digest-only translation with the project's translator."""
    from summarizer.translate import Translator

    translator = Translator(args.digest_only_model, device=args.device)
    translator.load()
    translator.translate_sentences(["Pemanasan model."])  # warm-up outside the timing
    plain = [Article(paragraphs=[" ".join(p) for p in a.paragraphs]) for a in articles]
    speed = measure_digest_only_speed(translator.translate_sentences, plain, n=3)
    print(
        f"\ndigest-only translation, {args.digest_only_model} on {translator.request.device}, "
        f"{len(plain)} articles: full article {speed['full']:.3f} s, key sentences "
        f"{speed['digest']:.3f} s (medians), {speed['speedup']:.1f}x faster"
    )


if __name__ == "__main__":
    raise SystemExit(main())
