"""A fake translation backend: deterministic, instant, and it records what it was sent.

Registered under the backend name ``fake`` by the ``fake_translator`` fixture, so the
Translator runs its real segmentation, splitting, batching and alignment code around it.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.translate.backend import BackendRequest, Decoding, Hypothesis

__all__ = ["FakeBackend", "Hypothesis", "load"]


class FakeBackend:
    """'Translates' by wrapping each input in ``EN(...)``; one token per word.

    With ``memory`` set, a batch of more inputs than that fails as torch does when a batch
    does not fit in GPU memory (the sizes of the failed batches are in ``too_large``).
    """

    def __init__(self, max_input_tokens: int = 20, max_output_tokens: int = 64) -> None:
        self.name = "fake"
        self.max_input_tokens = max_input_tokens
        self.max_output_tokens = max_output_tokens
        self.batches: list[list[str]] = []
        self.memory: int | None = None
        self.too_large: list[int] = []

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(text.split()) + 1 for text in texts]

    def generate(self, texts: Sequence[str], decoding: Decoding) -> list[Hypothesis]:
        if self.memory is not None and len(texts) > self.memory:
            self.too_large.append(len(texts))
            raise MemoryError_(
                "CUDA out of memory. Tried to allocate 1.50 GiB. GPU 0 has a total capacity "
                "of 7.79 GiB of which 312.00 MiB is free."
            )
        self.batches.append(list(texts))
        return [Hypothesis(f"EN({text})", -0.1) for text in texts]

    @property
    def inputs(self) -> list[str]:
        return [text for batch in self.batches for text in batch]


class MemoryError_(RuntimeError):
    """What ``torch.OutOfMemoryError`` is: a RuntimeError saying "out of memory"."""


LAST: list[FakeBackend] = []


def load(request: BackendRequest) -> FakeBackend:
    backend = FakeBackend()
    LAST.append(backend)
    return backend
