"""Translation quality and speed: sentence by sentence, and whole articles.

Each set is translated sentence by sentence (``translate_sentences``, or ``translate`` on
one sentence per text); sets with document ids are also rebuilt into articles and sent
through ``Translator.translate`` one article at a time, so the article path (segmentation,
chunking, paragraph alignment) is what gets scored and timed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from summarizer.evaluate import metrics
from summarizer.evaluate.data import TranslationSet
from summarizer.evaluate.report import Outcome, Row, Skip
from summarizer.evaluate.tasks import TRANSLATION_METRICS
from summarizer.segment import split_paragraphs

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
WARM_UP = "Selamat pagi."


class TranslatorLike(Protocol):
    """What the evaluation needs from a translator: one method, article in, English out."""

    def translate(self, texts: Sequence[str]) -> list[str]:
        """The English of each text, in order."""
        ...


def system_name(translator: Any) -> str:
    """The display name of a translator (its ``name``, else its class)."""
    return str(getattr(translator, "name", None) or type(translator).__name__)


def load_seconds(translator: Any) -> float | None:
    """Load the translator's model now and warm it up; the seconds it took.

    None when the translator has no ``load`` method or its model was loaded already (by
    an earlier run in this process), so that no one reads a 0 as a load time.

    Raises:
        ModelError: the model is not available or cannot be loaded.
    """
    load = getattr(translator, "load", None)
    if not callable(load) or getattr(translator, "loaded", False) is True:
        return None
    start = time.perf_counter()
    load()
    translator.translate([WARM_UP])  # first-call costs (threads, kernels) are not per article
    return time.perf_counter() - start


def score_rows(
    sources: Sequence[str],
    hypotheses: Sequence[str],
    references: Sequence[str],
    comet_model: Any = None,
) -> tuple[dict[str, float], dict[str, str]]:
    """BLEU, chrF++ (and COMET with a loaded COMET model) of hypotheses, with signatures."""
    results = [metric(hypotheses, references) for metric in TRANSLATION_METRICS.values()]
    if comet_model is not None:
        results.append(metrics.comet(comet_model, sources, hypotheses, references))
    return {r.name: r.score for r in results}, {r.name: r.signature for r in results}


def copy_baseline(dataset: TranslationSet) -> Outcome:
    """The floor: the Indonesian source copied as the 'translation', sentence level."""
    sources = [s.source for s in dataset.segments]
    references = [s.reference for s in dataset.segments]
    scores, signatures = score_rows(sources, sources, references)
    row = Row(
        task="translate",
        dataset=f"{dataset.name} · sentences",
        system="source copied",
        metrics=scores,
        items=len(sources),
        unit="sentence",
        baseline=True,
    )
    return Outcome(rows=[row], signatures=signatures)


def evaluate_translator(
    translator: TranslatorLike,
    sets: Sequence[TranslationSet],
    *,
    comet_model: Any = None,
    loaded_in: float | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """Score one translator on every set, sentence level and (with documents) article level.

    Args:
        translator: anything with ``translate(texts) -> list[str]``; ``translate_sentences``
            is used for the sentence level when it has one.
        sets: the translation sets.
        comet_model: a loaded COMET checkpoint to add COMET to the sentence-level rows.
        loaded_in: seconds the model took to load, shown beside the speed.
        progress: called with a line of text before each set.

    Returns:
        One row per set and level, the metric signatures and the raw outputs.

    Raises:
        ModelError: the model could not be loaded or run.
    """
    name = system_name(translator)
    outcome = Outcome()
    for dataset in sets:
        if not dataset.segments:
            outcome.skipped.append(Skip("translate", dataset.name, "the set is empty"))
            continue
        if progress:
            progress(f"translate: {name} on {dataset.name} ({len(dataset.segments)} sentences)")
        outcome.extend(_sentence_level(translator, name, dataset, comet_model, loaded_in))
        if dataset.has_documents:
            documents = dataset.documents()
            if progress:
                progress(f"translate: {name} on {dataset.name} ({len(documents)} articles)")
            outcome.extend(_article_level(translator, name, dataset, loaded_in))
    return outcome


def _translate_sentences(translator: Any, sentences: list[str]) -> list[str]:
    """Sentence-level translation through the sentence path when the translator has one."""
    method = getattr(translator, "translate_sentences", None)
    if callable(method):
        return [t.text for t in method(sentences)]
    return list(translator.translate(sentences))


def _sentence_level(
    translator: Any, name: str, dataset: TranslationSet, comet_model: Any, loaded: float | None
) -> Outcome:
    """Translate the set's sentences in one batch call and score them."""
    sources = [s.source for s in dataset.segments]
    references = [s.reference for s in dataset.segments]
    start = time.perf_counter()
    hypotheses = _translate_sentences(translator, sources)
    elapsed = time.perf_counter() - start
    scores, signatures = score_rows(sources, hypotheses, references, comet_model)
    row = Row.timed(
        "translate",
        f"{dataset.name} · sentences",
        name,
        scores,
        len(sources),
        "sentence",
        elapsed,
        tokens_per_second=_rate(metrics.count_tokens(hypotheses), elapsed),
        load_seconds=loaded,
    )
    return Outcome(
        rows=[row], signatures=signatures, outputs={f"{name}/{dataset.name}.txt": hypotheses}
    )


def _article_level(
    translator: Any, name: str, dataset: TranslationSet, loaded: float | None
) -> Outcome:
    """Translate each rebuilt article alone (as a user would) and score by paragraph.

    An article whose output has as many paragraphs as its source is scored paragraph by
    paragraph; one that lost the alignment is scored as one segment and counted in a note.
    """
    hypotheses: list[str] = []
    references: list[str] = []
    outputs: list[str] = []
    misaligned = 0
    elapsed = 0.0
    documents = dataset.documents()
    for document in documents:
        start = time.perf_counter()
        (english,) = translator.translate([document.source])
        elapsed += time.perf_counter() - start
        outputs.append(english)
        paragraphs = split_paragraphs(english)
        if len(paragraphs) == len(document.reference_paragraphs):
            hypotheses.extend(paragraphs)
            references.extend(document.reference_paragraphs)
        else:
            misaligned += 1
            hypotheses.append(" ".join(paragraphs))
            references.append(" ".join(document.reference_paragraphs))
    scores, signatures = score_rows([], hypotheses, references)
    notes = []
    if misaligned:
        notes.append(
            f"{misaligned} of {len(documents)} articles came back with a different number "
            "of paragraphs (scored as whole articles)"
        )
    row = Row.timed(
        "translate",
        f"{dataset.name} · articles",
        name,
        scores,
        len(documents),
        "article",
        elapsed,
        tokens_per_second=_rate(metrics.count_tokens(outputs), elapsed),
        load_seconds=loaded,
        notes=notes,
    )
    return Outcome(
        rows=[row], signatures=signatures, outputs={f"{name}/{dataset.name}.articles.txt": outputs}
    )


def _rate(tokens: int, seconds: float) -> float | None:
    """Tokens per second, None when no time was measured."""
    return tokens / seconds if seconds > 0 else None
