"""Stopword statistics: how prose-like a line is (jusText's idea).

jusText's stoplists (Indonesian and English) are broad, hundreds of frequent words: a
line of running text has many of them, a menu or a headline few. Telling Indonesian from
English is :func:`summarizer.language.detect_language`, re-exported here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.language import detect_language

__all__ = ["detect_language", "stopword_density", "stopwords", "words"]

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """jusText's Indonesian and English stoplists together, lower-cased."""
    import justext

    words = set(justext.get_stoplist("Indonesian")) | set(justext.get_stoplist("English"))
    return frozenset(w.lower() for w in words)


def words(text: str) -> list[str]:
    """The lower-cased alphabetic words of ``text`` (numbers and punctuation left out)."""
    return _WORD.findall(text.lower())


def stopword_density(tokens: list[str]) -> float:
    """Share of ``tokens`` that are stopwords (0.0 for no tokens)."""
    if not tokens:
        return 0.0
    stop = stopwords()
    return sum(1 for t in tokens if t in stop) / len(tokens)
