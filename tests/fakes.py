"""A fake translation backend: deterministic, instant, and it records what it was sent.

Registered under the backend name ``fake`` by the ``fake_translator`` fixture, so the
Translator runs its real segmentation, splitting, batching and alignment code around it.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.translate.backend import BackendRequest, Decoding, Hypothesis

__all__ = ["FakeBackend", "Hypothesis", "load"]


class FakeBackend:
    """'Translates' by wrapping each input in ``EN(...)``; one token per word."""

    def __init__(self, max_input_tokens: int = 20, max_output_tokens: int = 64) -> None:
        self.name = "fake"
        self.max_input_tokens = max_input_tokens
        self.max_output_tokens = max_output_tokens
        self.batches: list[list[str]] = []

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(text.split()) + 1 for text in texts]

    def generate(self, texts: Sequence[str], decoding: Decoding) -> list[Hypothesis]:
        self.batches.append(list(texts))
        return [Hypothesis(f"EN({text})", -0.1) for text in texts]

    @property
    def inputs(self) -> list[str]:
        return [text for batch in self.batches for text in batch]


LAST: list[FakeBackend] = []


def load(request: BackendRequest) -> FakeBackend:
    backend = FakeBackend()
    LAST.append(backend)
    return backend
