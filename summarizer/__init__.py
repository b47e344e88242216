"""Indonesian-to-English news translation and key-point digests.

The public API is imported lazily, so ``import summarizer`` stays cheap: no model, no
torch, no trafilatura is loaded until a function that needs it is called.

    >>> from summarizer import strip, Translator, key_sentences
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from summarizer.document import Article, Notice, Result, Sentence
from summarizer.errors import SummarizerError

if TYPE_CHECKING:
    from summarizer.digest import key_sentences
    from summarizer.pipeline import Options, run
    from summarizer.stripping import strip, strip_url
    from summarizer.translate import Translator
    from summarizer.trust import consistency_warnings

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

_LAZY = {
    "Translator": "summarizer.translate",
    "strip": "summarizer.stripping",
    "strip_url": "summarizer.stripping",
    "key_sentences": "summarizer.digest",
    "consistency_warnings": "summarizer.trust",
    "Options": "summarizer.pipeline",
    "run": "summarizer.pipeline",
}

__all__ = [
    "Article",
    "Notice",
    "Options",
    "Result",
    "Sentence",
    "SummarizerError",
    "Translator",
    "consistency_warnings",
    "key_sentences",
    "run",
    "strip",
    "strip_url",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
