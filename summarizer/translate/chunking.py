"""Turning sentences into model inputs that fit, and inputs into batches.

Nothing is truncated: a sentence over the model's input limit is cut at clause punctuation,
then into token windows at word boundaries, and each piece is translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from summarizer.language import is_english

CountTokens = Callable[[Sequence[str]], list[int]]

# URLs, e-mail addresses and social handles are copied, never sent to the model.
PROTECTED = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<!\w)[@#][A-Za-z0-9_]{2,}"
)
_HAS_LETTERS = re.compile(r"[^\W\d_]{2,}")
_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+(?=[-–—]\s)")


@dataclass(frozen=True)
class Part:
    """A piece of a sentence: text for the model, or text copied as it is."""

    text: str
    translate: bool


def plan_sentence(sentence: str) -> list[Part]:
    """Split a sentence into parts to translate and parts to copy unchanged.

    Copied: whitespace-only text, text with no words (numbers, dates, symbols), English
    text, URLs and e-mail addresses.
    """
    if not _HAS_LETTERS.search(sentence) or is_english(sentence):
        return [Part(sentence, False)]
    parts: list[Part] = []
    start = 0
    for match in PROTECTED.finditer(sentence):
        parts.extend(_text_part(sentence[start : match.start()]))
        parts.append(Part(match.group(), False))
        start = match.end()
    parts.extend(_text_part(sentence[start:]))
    return parts or [Part(sentence, False)]


def _text_part(text: str) -> list[Part]:
    text = text.strip()
    if not text:
        return []
    return [Part(text, bool(_HAS_LETTERS.search(text)))]


def split_to_fit(text: str, limit: int, count: CountTokens) -> list[str]:
    """``text`` as pieces of at most ``limit`` tokens each, cut at the best places.

    Clause punctuation first (commas, semicolons, colons, dashes); a clause still too long
    is cut into windows of words.
    """
    if count([text])[0] <= limit:
        return [text]
    clauses = [c for c in _CLAUSE_BREAK.split(text) if c]
    if len(clauses) > 1:
        return _pack(clauses, limit, count, lambda clause: split_to_fit(clause, limit, count))
    words = text.split()
    if len(words) > 1:
        return _pack(words, limit, count, lambda word: _split_word(word, limit, count))
    return _split_word(text, limit, count)


def _pack(
    items: list[str], limit: int, count: CountTokens, split: Callable[[str], list[str]]
) -> list[str]:
    """Greedily join consecutive items while the joined piece stays within ``limit``."""
    sizes = count(items)
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for item, item_size in zip(items, sizes):
        if item_size > limit:
            if current:
                pieces.append(" ".join(current))
                current, size = [], 0
            pieces.extend(split(item))
            continue
        # Each item's count includes the end-of-sentence token: joining shares one.
        if current and size + item_size - 1 > limit:
            pieces.append(" ".join(current))
            current, size = [], 0
        current.append(item)
        size = size + item_size - (1 if len(current) > 1 else 0)
    if current:
        pieces.append(" ".join(current))
    return pieces


def _split_word(word: str, limit: int, count: CountTokens) -> list[str]:
    """A single over-long 'word' (no spaces at all) cut into character windows."""
    size = max(1, len(word) * (limit - 1) // max(count([word])[0], 1))
    return [word[i : i + size] for i in range(0, len(word), size)]


def batches(sizes: Sequence[int], max_tokens: int, max_size: int) -> Iterator[list[int]]:
    """Indices of inputs grouped into batches by length, longest first.

    A batch holds at most ``max_size`` inputs and ``max_tokens`` padded tokens, so short
    sentences travel in large batches and long ones in small ones.
    """
    order = sorted(range(len(sizes)), key=lambda i: -sizes[i])
    batch: list[int] = []
    for index in order:
        longest = sizes[batch[0]] if batch else sizes[index]
        if batch and (len(batch) >= max_size or longest * (len(batch) + 1) > max_tokens):
            yield batch
            batch = []
        batch.append(index)
    if batch:
        yield batch
