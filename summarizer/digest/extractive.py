"""Extractive key points: the few source sentences that carry an article.

A small logistic-regression scorer (weights in ``summarizer/data/keypoint_scorer.json``,
trained by ``eval/train_scorer.py`` on IndoSum's gold sentence labels) rates every
sentence from the features of :mod:`summarizer.digest.features`; the points are then
picked greedily, each one's score lowered by its similarity to the points already
chosen (maximal marginal relevance), so the digest does not say the same thing twice.
The chosen sentences are returned in document order. Faithful by construction: every
point is a sentence of the article, unchanged.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from summarizer import segment
from summarizer.digest.features import FEATURE_NAMES, SparseRows, article_features
from summarizer.document import DEFAULT_POINTS, Article, Sentence, check_points
from summarizer.errors import ModelError
from summarizer.segment import split_paragraphs

SCORER_FILE = "keypoint_scorer.json"
# Cosine similarity above which a sentence counts as a repeat of another.
DUPLICATE = 0.9


@dataclass(frozen=True)
class Scorer:
    """A linear scorer over standardised sentence features, and its selection setting.

    Attributes:
        features: the feature names the weights refer to, in order.
        mean, scale: standardisation applied to the raw features.
        weights, bias: the logistic-regression coefficients.
        redundancy: how much a candidate's similarity to a chosen point lowers its
            logit (the MMR trade-off).
    """

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    redundancy: float = 1.0

    def logits(self, matrix: np.ndarray) -> np.ndarray:
        """The scorer's log-odds for each row of a feature matrix."""
        return ((matrix - self.mean) / self.scale) @ self.weights + self.bias

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scorer:
        """A scorer from the JSON form written by ``eval/train_scorer.py``.

        Raises:
            ModelError: the data does not describe a scorer for these features.
        """
        try:
            features = tuple(data["features"])
            scorer = cls(
                features=features,
                mean=np.asarray(data["mean"], dtype=float),
                scale=np.asarray(data["scale"], dtype=float),
                weights=np.asarray(data["weights"], dtype=float),
                bias=float(data["bias"]),
                redundancy=float(data.get("redundancy", 1.0)),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ModelError(
                f"the key-point scorer data is malformed ({error}); "
                "retrain it with `python eval/train_scorer.py`"
            ) from error
        if features != FEATURE_NAMES or not (
            len(scorer.mean) == len(scorer.scale) == len(scorer.weights) == len(features)
        ):
            raise ModelError(
                "the key-point scorer was trained on other features than this version "
                "computes; retrain it with `python eval/train_scorer.py`"
            )
        return scorer

    def as_dict(self) -> dict[str, object]:
        """The JSON-serialisable form of the scorer."""
        return {
            "features": list(self.features),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "weights": [round(float(v), 6) for v in self.weights],
            "bias": round(self.bias, 6),
            "redundancy": self.redundancy,
        }


@lru_cache(maxsize=4)
def load_scorer(path: str | None = None) -> Scorer:
    """Load a scorer from ``path``, or the one shipped with the package (cached).

    Args:
        path: a JSON file written by ``eval/train_scorer.py``; None for the shipped one.

    Returns:
        The scorer.

    Raises:
        ModelError: the file is missing or malformed.
    """
    try:
        if path is None:
            text = (resources.files("summarizer") / "data" / SCORER_FILE).read_text("utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, json.JSONDecodeError) as error:
        where = path or f"summarizer/data/{SCORER_FILE}"
        raise ModelError(
            f"cannot read the key-point scorer {where} ({error}); reinstall the package "
            "or retrain it with `python eval/train_scorer.py`"
        ) from error
    return Scorer.from_dict(data)


def select_key_points(
    sentences: Sequence[Sentence],
    points: int = DEFAULT_POINTS,
    *,
    title: str | None = None,
    penalty: Callable[[Sentence], float] | None = None,
    scorer: Scorer | None = None,
) -> list[Sentence]:
    """Choose the ``points`` key sentences of an article.

    Args:
        sentences: the article's sentence records, in order (:func:`summarizer.segment.sentences`,
            translated or not).
        points: how many sentences to choose (fewer if the article has fewer).
        title: the headline, if known; sentences that share its words score higher.
        penalty: a logit penalty per sentence, e.g. 1.0 for one whose translation has
            warnings: a penalised sentence loses only to close competitors (a penalty of
            1.0 is a factor e ~ 2.7 on the odds).
        scorer: the scorer to use; None for the one shipped with the package.

    Returns:
        The chosen records, in document order, each with its ``key`` score: the scorer's
        probability that it belongs in a summary (0-1), after any penalty.

    Raises:
        UnknownOptionError: ``points`` is not 0 to MAX_POINTS (:func:`check_points`).
        ModelError: the shipped scorer cannot be read.
    """
    check_points(points)
    if points == 0 or not sentences:
        return []
    paragraphs: list[list[str]] = [[] for _ in range(max(s.paragraph for s in sentences) + 1)]
    for sentence in sentences:
        paragraphs[sentence.paragraph].append(sentence.source)
    features = article_features(paragraphs, title)
    if not features.sentences:
        return []
    # The features' rows are the records in order (both list every sentence by place).
    records = {(s.paragraph, s.index): s for s in sentences}
    rows = [records[place] for place in features.positions]
    scorer = scorer or load_scorer()
    logits = scorer.logits(features.matrix)
    if penalty is not None:
        logits = logits - np.array([penalty(row) for row in rows])
    chosen = _mmr(logits, features.vectors, min(points, len(rows)), scorer.redundancy)
    return [dataclasses.replace(rows[k], key=_sigmoid(float(logits[k]))) for k in sorted(chosen)]


def key_sentences(text_or_article: str | Article, points: int = DEFAULT_POINTS) -> list[str]:
    """The ``points`` key sentences of an article, unchanged, in document order.

    Args:
        text_or_article: the article body as text (paragraphs separated by blank lines)
            or an :class:`~summarizer.document.Article` (its title then helps).
        points: how many sentences to return (fewer if the article has fewer; none if it is empty).

    Returns:
        Source sentences of the article, in the order they appear in it.

    Raises:
        TypeError: the input is neither a string nor an Article.
        UnknownOptionError: ``points`` is not 0 to MAX_POINTS.
    """
    if isinstance(text_or_article, Article):
        blocks, title = text_or_article.paragraphs, text_or_article.title
    elif isinstance(text_or_article, str):
        blocks, title = split_paragraphs(text_or_article), None
    else:
        raise TypeError(
            f"key_sentences takes a str or an Article, not {type(text_or_article).__name__}"
        )
    return [s.source for s in select_key_points(segment.sentences(blocks), points, title=title)]


def _mmr(logits: np.ndarray, vectors: SparseRows, n: int, redundancy: float) -> list[int]:
    """Greedy maximal-marginal-relevance selection of ``n`` row indices.

    A near-copy of a chosen sentence (cosine over :data:`DUPLICATE`) is taken only when
    nothing else is left.
    """
    chosen: list[int] = []
    closest = np.zeros(len(logits))  # similarity of each row to its nearest chosen row
    available = np.ones(len(logits), dtype=bool)
    for _ in range(n):
        adjusted = np.where(available, logits - redundancy * closest, -np.inf)
        fresh = available & (closest <= DUPLICATE)
        if fresh.any():
            adjusted = np.where(fresh, adjusted, -np.inf)
        best = int(np.argmax(adjusted))
        chosen.append(best)
        available[best] = False
        closest = np.maximum(closest, vectors.dot(vectors.row(best)))
    return chosen


def _sigmoid(x: float) -> float:
    """The logistic function, safe for large arguments."""
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
