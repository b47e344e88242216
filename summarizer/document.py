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
    """One sentence of the article: the record that every stage after the stripper reads
    or enriches, from segmentation to the page.

    Segmentation creates it (:func:`summarizer.segment.sentences`): the ``source`` text,
    its place (``paragraph``, 0-based; ``index``, 0-based within the paragraph) and its
    span in the paragraph's text (``start``, ``end``). Translation adds ``text`` (the
    English; empty until translated), ``score`` (the model's length-normalised
    log-probability; None when no model produced it, e.g. a number passed through) and
    ``confidence`` (``"high"``, ``"check"`` or ``"low"``); the trust checks add
    ``warnings``; the digest sets ``key`` (its score, 0-1) on the sentences it chooses.
    """

    source: str
    text: str = ""
    paragraph: int = 0
    index: int = 0
    score: float | None = None
    confidence: str | None = None
    warnings: list[Notice] = field(default_factory=list)
    start: int = 0
    end: int = 0
    key: float | None = None

    @property
    def translated(self) -> bool:
        """Whether the sentence has its English yet."""
        return bool(self.text)

    @property
    def place(self) -> tuple[int, int]:
        """Where the sentence is: (paragraph, index), its identity in the article."""
        return (self.paragraph, self.index)

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
class Result:
    """Everything the tool produces for one article.

    Attributes:
        article: the stripped source article.
        title: the English headline, if the article has a title.
        paragraphs: the English body, aligned one to one with ``article.paragraphs``
            (empty in digest-only mode).
        sentences: every sentence of the body, in order (:class:`Sentence`): the
            alignment behind ``paragraphs``; in digest-only mode and while a stream goes
            on, those not translated (yet) have no ``text``.
        key_points: the extractive digest, in document order: the sentences the digest
            chose (each with its ``key`` score).
        summary: abstractive digest bullets (empty unless asked for).
        warnings: notices about the whole run (long sentences split, model fallbacks...).
        timings: seconds spent per stage (``strip``, ``load``, ``translate``, ``digest``...).
        model: the translation model that produced the English.
    """

    article: Article
    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    key_points: list[Sentence] = field(default_factory=list)
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
