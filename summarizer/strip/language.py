"""Stopword statistics: Indonesian or English, and how prose-like a line is.

Two word lists serve two purposes. jusText's stoplists (Indonesian, English) are broad
(hundreds of frequent words) and measure *prose density*: a line of running text has many
of them, a menu or a headline few. Short lists of function words that are frequent in one
language and absent from the other tell the two languages apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)

_ID_MARKERS = frozenset(
    """
    yang dan di ke dari ini itu dengan untuk tidak akan pada adalah dalam juga oleh sebagai
    karena atau bisa ada telah sudah kata tersebut mereka kami saat para lebih bahwa namun
    menjadi dapat hingga secara masih serta agar jika setelah belum sedang kepada terhadap
    ujar menurut yakni ia dia kita saya tak bagi pun sejak antara
    """.split()
)
_EN_MARKERS = frozenset(
    """
    the and of to is that for it with as was on by are be this from at have has not but
    which said he she they were their its been will would could an also who had there
    what when than after about more into
    """.split()
)


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


def detect_language(text: str) -> str | None:
    """``"id"`` or ``"en"`` from function-word counts; None when too short or unclear.

    Args:
        text: any amount of text; a paragraph or more gives a reliable answer.

    Returns:
        ``"id"`` for Indonesian, ``"en"`` for English, None for anything else
        (too few function words, or neither language clearly ahead).
    """
    tokens = words(text)
    id_hits = sum(1 for t in tokens if t in _ID_MARKERS)
    en_hits = sum(1 for t in tokens if t in _EN_MARKERS)
    if id_hits + en_hits < 3:
        return None
    if id_hits >= 2 * en_hits:
        return "id"
    if en_hits >= 2 * id_hits:
        return "en"
    return None
