"""The key-point digest: the few points that matter, faithful to the article.

:func:`key_sentences` and :func:`select_key_points` choose source sentences (extractive,
the default, cheap and faithful by construction); :class:`Summarizer` writes abstractive
bullets from the English translation with a seq2seq model, loaded on first use.
"""

from __future__ import annotations

from summarizer.digest.abstractive import Summarizer
from summarizer.digest.extractive import Scorer, key_sentences, select_key_points

__all__ = ["Scorer", "Summarizer", "key_sentences", "select_key_points"]
