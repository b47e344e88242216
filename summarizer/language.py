"""Cheap language identification for Indonesian and English text, by function words.

Good enough to tell an Indonesian news sentence from an English one (the only question the
tool asks); not a general language identifier.
"""

from __future__ import annotations

import re

INDONESIAN_WORDS = frozenset(
    """
    yang dan di ke dari ini itu dengan untuk tidak dalam akan pada juga ada oleh karena atau
    sudah kata bisa saat para adalah telah mereka kami kita saya ia dia nya tersebut namun
    sebagai bahwa lebih hanya masih sangat seperti setelah sejak hingga antara tahun bagi
    belum agar jika kepada menjadi serta maupun tetapi tapi lalu kemudian yakni yaitu pun
    secara terhadap sementara dapat harus sedang lagi baru pernah begitu sehingga apa siapa
    """.split()
)

ENGLISH_WORDS = frozenset(
    """
    the and of to is in that for with was on are be by this it as at from has have will
    said were been their which an not but or they who would its he she had after also can
    than more about into over there when what we our you your his her them these those
    """.split()
)

_WORD = re.compile(r"[^\W\d_]+")
# The share of a text's words that must be function words of a language to call it that.
_MIN_SHARE = 0.05


def word_counts(text: str) -> tuple[int, int, int]:
    """(Indonesian function words, English function words, all words) in ``text``."""
    words = [w.lower() for w in _WORD.findall(text)]
    indonesian = sum(w in INDONESIAN_WORDS for w in words)
    english = sum(w in ENGLISH_WORDS for w in words)
    return indonesian, english, len(words)


def detect_language(text: str) -> str | None:
    """``"id"``, ``"en"``, or None when the text is too short or too mixed to tell."""
    indonesian, english, total = word_counts(text)
    if total < 3:
        return None
    # Function words are a fifth of running Indonesian or English; a few look-alikes
    # ("para", "dia", "on") in another language are far fewer.
    least = max(2, _MIN_SHARE * total)
    if english >= least and english >= 2 * indonesian:
        return "en"
    if indonesian >= least and indonesian >= 2 * english:
        return "id"
    return None


def is_english(text: str) -> bool:
    """Whether ``text`` reads as English (and so needs no translation)."""
    return detect_language(text) == "en"
