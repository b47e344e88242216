"""Paragraph-sized model inputs whose sentence alignment survives translation.

A model that reads a whole paragraph (a chat LLM) translates better than one fed a
sentence at a time, but the key points, the side-by-side view and the trust checks need
one English sentence per Indonesian sentence. So the sentences of a paragraph are sent
numbered, ``[1] Kalimat satu. [2] Kalimat dua.``, and the output must come back with the
same markers, in order, each followed by some text; a paragraph whose markers did not
survive is translated again sentence by sentence. Nothing is ever dropped or merged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# "[1]" .. "[999]": kept by chat models far more reliably than exotic brackets.
MARKER = re.compile(r"\[(\d{1,3})\]")

#: Source tokens per marked input at most: a long paragraph is sent in several runs of
#: consecutive sentences (the model's output must fit its length bound too).
PASSAGE_TOKENS = 384


@dataclass(frozen=True)
class Context:
    """What the model may read around a passage, never translated itself."""

    title: str | None = None
    previous: str | None = None


@dataclass(frozen=True)
class Passage:
    """Consecutive sentences of one paragraph and their context."""

    sentences: tuple[str, ...]
    context: Context = field(default_factory=Context)


def markable(sentence: str) -> bool:
    """Whether a sentence can travel in a marked input (it holds no marker of its own)."""
    return not MARKER.search(sentence)


def mark(sentences: Sequence[str]) -> str:
    """The sentences as one numbered input: ``[1] A. [2] B.``."""
    return " ".join(f"[{number}] {sentence}" for number, sentence in enumerate(sentences, 1))


def is_marked(text: str) -> bool:
    """Whether ``text`` is a marked input (it starts with ``[1]``)."""
    return text.startswith("[1] ")


def unmark(text: str, count: int) -> list[str] | None:
    """The translations of the ``count`` sentences of a marked output, or None when the
    markers did not survive: each of 1..count exactly once, in order, nothing before the
    first, and some text after each."""
    found = list(MARKER.finditer(text))
    if not found or [int(m.group(1)) for m in found] != list(range(1, count + 1)):
        return None
    if text[: found[0].start()].strip():
        return None
    ends = [m.start() for m in found[1:]] + [len(text)]
    pieces = [text[m.end() : end].strip() for m, end in zip(found, ends)]
    return pieces if all(pieces) else None


def runs(sizes: Sequence[int], budget: int = PASSAGE_TOKENS) -> list[list[int]]:
    """Indices of consecutive items grouped into runs of at most ``budget`` tokens."""
    groups: list[list[int]] = []
    total = 0
    for index, size in enumerate(sizes):
        if groups and total + size <= budget:
            groups[-1].append(index)
            total += size
        else:
            groups.append([index])
            total = size
    return groups
