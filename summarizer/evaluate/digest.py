"""Digest quality: ROUGE-1/2/L of the key points against reference summaries, with LEAD-3.

LEAD-3 (the first three sentences) is scored on the same articles: with the corpus's own
sentence split where it has one (IndoSum, so that the figure is the published baseline),
else split by the package's segmenter.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from summarizer.document import Article
from summarizer.evaluate import metrics
from summarizer.evaluate.data import DigestItem, DigestSet
from summarizer.evaluate.report import Outcome, Row, Skip
from summarizer.segment import split_sentences

Selector = Callable[[Article], list[str]]
ItemSelector = Callable[[DigestItem], list[str]]
KEY_POINTS = 3


def lead(article: Article, n: int = KEY_POINTS) -> list[str]:
    """The first ``n`` sentences of the article (the LEAD-n baseline)."""
    sentences = [s for paragraph in article.paragraphs for s in split_sentences(paragraph)]
    return sentences[:n]


def _lead3(item: DigestItem) -> list[str]:
    """LEAD-3 of an item: its corpus sentences when it has them, else the segmenter's."""
    return item.sentences[:KEY_POINTS] if item.sentences else lead(item.article)


def default_selector() -> tuple[str, Selector] | str:
    """The tool's extractive digest as a selector, or the reason it is not available."""
    try:
        from summarizer.digest import key_sentences
    except ImportError as exc:
        return f"the digest module cannot be imported ({exc})"

    def select(article: Article) -> list[str]:
        return key_sentences(article, points=KEY_POINTS)

    return "key_sentences", select


def evaluate_digest(
    sets: Sequence[DigestSet],
    selectors: Sequence[tuple[str, Selector]],
    progress: Callable[[str], None] | None = None,
) -> Outcome:
    """Score LEAD-3 and each selector on every set.

    Args:
        sets: articles with reference summaries.
        selectors: (name, function from an Article to its key sentences) pairs.
        progress: called with a line of text before each set.

    Returns:
        One row per set and system: ROUGE-1/2/L F1 and seconds per article.
    """
    outcome = Outcome()
    systems: list[tuple[str, ItemSelector, bool]] = [("LEAD-3", _lead3, True)]
    systems += [(name, _on_article(select), False) for name, select in selectors]
    for dataset in sets:
        if not dataset.items:
            outcome.skipped.append(Skip("digest", dataset.name, "the set is empty"))
            continue
        if progress:
            progress(f"digest: {dataset.name} ({len(dataset.items)} articles)")
        references = [item.reference for item in dataset.items]
        for name, select, baseline in systems:
            predictions = []
            warm_up = _time(select, dataset.items[0])  # the first call loads the scorer
            start = time.perf_counter()
            for item in dataset.items:
                predictions.append(" ".join(select(item)))
            elapsed = time.perf_counter() - start
            scores = metrics.rouge(predictions, references)
            outcome.rows.append(
                Row.timed(
                    "digest",
                    dataset.name,
                    name,
                    {
                        "ROUGE-1": scores["rouge1"],
                        "ROUGE-2": scores["rouge2"],
                        "ROUGE-L": scores["rougeL"],
                    },
                    len(predictions),
                    "article",
                    elapsed,
                    load_seconds=warm_up,
                    baseline=baseline,
                )
            )
            outcome.outputs[f"digest/{dataset.name}.{name}.txt"] = predictions
    outcome.signatures["ROUGE"] = "rouge-score|F1|rouge1,rouge2,rougeL|use_stemmer=False|mean"
    return outcome


def _on_article(select: Selector) -> ItemSelector:
    """A selector of articles as a selector of items."""
    return lambda item: select(item.article)


def _time(select: ItemSelector, item: DigestItem) -> float:
    """Seconds of a first call kept out of the per-article time (imports, lazy loading)."""
    start = time.perf_counter()
    select(item)
    return time.perf_counter() - start
