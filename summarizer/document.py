"""The data types that flow through every stage: an Article in, a Result out.

Stages take one of these and return a new one; nothing passes loose tuples or dicts.
Fields that the public API documents as lists stay lists (``article.paragraphs``), but the
objects themselves are frozen: build a new one with :func:`dataclasses.replace`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from summarizer.errors import UnknownOptionError


@dataclass(frozen=True)
class Notice:
    """Something the reader should know about a piece of output.

    ``kind`` is a short machine-readable tag (``"number"``, ``"long-sentence"``,
    ``"untranslated"``...), ``message`` a sentence for a person.
    """

    kind: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return {"kind": self.kind, "message": self.message}


@dataclass(frozen=True)
class Article:
    """An article body with its metadata, as the stripper (or the user) gives it.

    Attributes:
        paragraphs: the body, one paragraph per item, in order.
        title: the headline, if known.
        url, date, site, author: metadata from the page, if present.
        language: ISO 639-1 code of the body (``"id"`` for Indonesian) if known.
        removed: lines/blocks the stripper removed as boilerplate, in page order.
        warnings: what the stripper noticed (English page, very short body...).
    """

    paragraphs: list[str]
    title: str | None = None
    url: str | None = None
    date: str | None = None
    site: str | None = None
    author: str | None = None
    language: str | None = None
    removed: list[str] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    @classmethod
    def from_text(cls, text: str, **metadata: Any) -> Article:
        """An article from plain text, one paragraph per blank-line-separated block."""
        from summarizer.segment import split_paragraphs

        return cls(paragraphs=split_paragraphs(text), **metadata)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        data = dataclasses.asdict(self)
        data["warnings"] = [w.as_dict() for w in self.warnings]
        return data


@dataclass(frozen=True)
class Sentence:
    """One source sentence and its translation, with its place in the article.

    ``paragraph`` and ``index`` locate the sentence (0-based paragraph number, 0-based
    sentence number within the paragraph). ``score`` is the model's length-normalised
    log-probability of the translation (None when no model produced it, e.g. a number
    passed through); ``confidence`` is its level: ``"high"``, ``"check"`` or ``"low"``.
    """

    source: str
    text: str
    paragraph: int
    index: int
    score: float | None = None
    confidence: str | None = None
    warnings: list[Notice] = field(default_factory=list)

    @property
    def doubtful(self) -> bool:
        """Whether a reader should check this translation: it has warnings or low confidence."""
        return bool(self.warnings) or self.confidence == "low"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        data = dataclasses.asdict(self)
        data["warnings"] = [w.as_dict() for w in self.warnings]
        return data


#: How many key points a digest gives: 0 (none) to MAX_POINTS. Options, the web UI's slider,
#: the CLI and both digests read this one rule (:func:`check_points`).
DEFAULT_POINTS, MAX_POINTS = 3, 20


def check_points(points: int) -> int:
    """``points`` if it is a valid number of key points.

    Raises:
        UnknownOptionError: it is not a whole number from 0 to :data:`MAX_POINTS`.
    """
    if isinstance(points, bool) or not isinstance(points, int) or not 0 <= points <= MAX_POINTS:
        raise UnknownOptionError(
            f"The number of key points must be a whole number from 0 to {MAX_POINTS}, "
            f"not {points!r}."
        )
    return points


@dataclass(frozen=True)
class KeyPoint:
    """A key point of the digest: a source sentence, its English, and where it is."""

    source: str
    text: str
    paragraph: int
    index: int
    score: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Result:
    """Everything the tool produces for one article.

    Attributes:
        article: the stripped source article.
        title: the English headline, if the article has a title.
        paragraphs: the English body, aligned one to one with ``article.paragraphs``
            (empty in digest-only mode).
        sentences: the sentence-level alignment behind ``paragraphs``.
        key_points: the extractive digest, in document order.
        summary: abstractive digest bullets (empty unless asked for).
        warnings: notices about the whole run (long sentences split, model fallbacks...).
        timings: seconds spent per stage (``strip``, ``load``, ``translate``, ``digest``...).
        model: the translation model that produced the English.
    """

    article: Article
    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    key_points: list[KeyPoint] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    model: str | None = None

    @property
    def text(self) -> str:
        """The English body as one string, paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return {
            "article": self.article.as_dict(),
            "title": self.title,
            "paragraphs": list(self.paragraphs),
            "sentences": [s.as_dict() for s in self.sentences],
            "key_points": [k.as_dict() for k in self.key_points],
            "summary": list(self.summary),
            "warnings": [w.as_dict() for w in self.warnings],
            "timings": dict(self.timings),
            "model": self.model,
        }
