"""Thin wrappers over the libraries' own metrics: sacreBLEU, rouge-score, COMET.

Nothing here reimplements a metric; the wrappers fix the conventions (corpus level,
detokenised text, ``use_stemmer=False``) so that numbers compare from run to run, and
return the library's signature with the score.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class CorpusScore:
    """A corpus-level score with the signature that makes it reproducible."""

    name: str
    score: float
    signature: str


def bleu(hypotheses: Sequence[str], references: Sequence[str]) -> CorpusScore:
    """Corpus BLEU of detokenised hypotheses against one reference each (sacreBLEU)."""
    from sacrebleu.metrics import BLEU

    _check_lengths(hypotheses, references)
    metric = BLEU()
    result = metric.corpus_score(list(hypotheses), [list(references)])
    return CorpusScore("BLEU", float(result.score), str(metric.get_signature()))


def chrf_pp(hypotheses: Sequence[str], references: Sequence[str]) -> CorpusScore:
    """Corpus chrF++ (character n-grams plus word bigrams) of hypotheses (sacreBLEU)."""
    from sacrebleu.metrics import CHRF

    _check_lengths(hypotheses, references)
    metric = CHRF(word_order=2)
    result = metric.corpus_score(list(hypotheses), [list(references)])
    return CorpusScore("chrF++", float(result.score), str(metric.get_signature()))


def count_tokens(texts: Sequence[str]) -> int:
    """Tokens of ``texts`` under sacreBLEU's default 13a tokenizer (the unit of tokens/s)."""
    from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

    tokenize = Tokenizer13a()
    return sum(len(tokenize(text).split()) for text in texts)


def rouge(predictions: Sequence[str], references: Sequence[str]) -> dict[str, float]:
    """Mean ROUGE-1/2/L F1 x 100 over the pairs (rouge-score, no stemming)."""
    from rouge_score import rouge_scorer

    _check_lengths(predictions, references)
    if not predictions:
        return {name: 0.0 for name in ROUGE_TYPES}
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=False)
    totals = dict.fromkeys(ROUGE_TYPES, 0.0)
    for prediction, reference in zip(predictions, references, strict=True):
        scores = scorer.score(reference, prediction)
        for name in ROUGE_TYPES:
            totals[name] += scores[name].fmeasure
    return {name: 100 * total / len(predictions) for name, total in totals.items()}


def token_f1(predicted: str, gold: str) -> float:
    """Bag-of-words token F1 x 100 of a body against the gold body (multiset overlap).

    Tokens are ``\\w+`` runs of the lower-cased text, the stripper scoring convention.
    """
    pred = Counter(_WORD.findall(predicted.lower()))
    ref = Counter(_WORD.findall(gold.lower()))
    if not pred and not ref:
        return 100.0
    overlap = sum((pred & ref).values())
    if overlap == 0:
        return 0.0
    precision = overlap / sum(pred.values())
    recall = overlap / sum(ref.values())
    return 100 * 2 * precision * recall / (precision + recall)


def comet_available() -> str | None:
    """None when COMET can run here, otherwise the reason it cannot."""
    import importlib.util

    if importlib.util.find_spec("comet") is None:
        return "unbabel-comet is not installed (pip install unbabel-comet)"
    return None


COMET_MODEL = "Unbabel/wmt22-comet-da"


def load_comet(model: str = COMET_MODEL) -> Any:
    """The COMET checkpoint, downloaded or found in the hub cache.

    Raises:
        ImportError: unbabel-comet is not installed.
        Exception: whatever COMET raises when its model cannot be downloaded or loaded.
    """
    from comet import download_model, load_from_checkpoint

    checkpoint = load_from_checkpoint(download_model(model))
    checkpoint.name_for_signature = model
    return checkpoint


def comet(
    checkpoint: Any,
    sources: Sequence[str],
    hypotheses: Sequence[str],
    references: Sequence[str],
) -> CorpusScore:
    """System-level COMET x 100 (the mean of segment scores) from a loaded checkpoint."""
    import torch

    _check_lengths(hypotheses, references)
    data = [
        {"src": s, "mt": h, "ref": r}
        for s, h, r in zip(sources, hypotheses, references, strict=True)
    ]
    gpus = 1 if torch.cuda.is_available() else 0
    output = checkpoint.predict(data, batch_size=16, gpus=gpus, progress_bar=False)
    name = getattr(checkpoint, "name_for_signature", COMET_MODEL)
    return CorpusScore("COMET", 100 * float(output.system_score), f"{name}|comet")


def _check_lengths(hypotheses: Sequence[str], references: Sequence[str]) -> None:
    """Raise ValueError unless there is one hypothesis per reference."""
    if len(hypotheses) != len(references):
        raise ValueError(
            f"{len(hypotheses)} outputs for {len(references)} references: "
            "the system must return one output per input"
        )
