"""Stopword statistics: how prose-like a line is (jusText's idea).

jusText's stoplists (Indonesian and English) are broad, hundreds of frequent words: a
line of running text has many of them, a menu or a headline few. Telling Indonesian from
English is :func:`summarizer.language.detect_language`, re-exported here; an article's
language is :func:`body_language`, which reads the narration, not the quotations.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.language import detect_language

__all__ = [
    "body_language",
    "detect_language",
    "normal_form",
    "overlap_f1",
    "stopword_density",
    "stopwords",
    "words",
]

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
# A quotation: an Indonesian article quotes English speakers in English.
_QUOTED = re.compile(r"\"[^\"\n]{1,1000}\"|“[^”\n]{1,1000}”")
# Below this many words of narration, the quotations count too.
_MIN_NARRATION_WORDS = 30


def body_language(text: str) -> str | None:
    """The language of an article's narration (its quotations left out when enough remains).

    Args:
        text: the article body.

    Returns:
        ``"id"``, ``"en"``, or None when it cannot tell.
    """
    narration = _QUOTED.sub(" ", text)
    if len(narration.split()) >= _MIN_NARRATION_WORDS:
        language = detect_language(narration)
        if language is not None:
            return language
    return detect_language(text)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """jusText's Indonesian and English stoplists together, lower-cased."""
    import justext

    words = set(justext.get_stoplist("Indonesian")) | set(justext.get_stoplist("English"))
    return frozenset(w.lower() for w in words)


def words(text: str) -> list[str]:
    """The lower-cased alphabetic words of ``text`` (numbers and punctuation left out)."""
    return _WORD.findall(text.lower())


def normal_form(text: str) -> str:
    """The lower-cased words of ``text`` joined by spaces: what two lines are compared by."""
    return " ".join(words(text))


def stopword_density(tokens: list[str]) -> float:
    """Share of ``tokens`` that are stopwords (0.0 for no tokens)."""
    if not tokens:
        return 0.0
    stop = stopwords()
    return sum(1 for t in tokens if t in stop) / len(tokens)


def overlap_f1(a: str, b: str) -> float:
    """Bag-of-words F1 (0 to 1) of two texts: how much two extractions of a page agree."""
    from collections import Counter

    left, right = Counter(words(a)), Counter(words(b))
    common = sum((left & right).values())
    if not common:
        return 1.0 if not left and not right else 0.0
    return 2 * common / (sum(left.values()) + sum(right.values()))
