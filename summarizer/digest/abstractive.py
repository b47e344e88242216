"""Abstractive digest: bullet points written by a seq2seq summarizer from the English text.

transformers 5 has no summarization pipeline, so this calls ``AutoTokenizer`` and
``AutoModelForSeq2SeqLM.generate`` itself, in three steps: *preprocess* (sentences packed
into chunks that fit the model's input window, never truncated), *forward* (one summary
per chunk, under ``torch.inference_mode``), *postprocess* (chunk summaries merged, and
summarised again while there are more than ``points`` of them, then split into
bullet sentences). The model loads on first use, once per process and device.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from summarizer.document import DEFAULT_POINTS, check_points
from summarizer.errors import UnknownOptionError
from summarizer.loading import (
    check_device,
    input_window,
    load_seq2seq,
    locate_model,
    resolve_device,
)
from summarizer.segment import split_sentences

log = logging.getLogger(__name__)

DEFAULT_MODEL = "sshleifer/distilbart-cnn-12-6"
# Even if a model claims a longer window, BART-style summarizers are trained on 1024.
MAX_INPUT_TOKENS = 1024
# How many times chunk summaries may be summarised again to fit ``points``.
MAX_MERGE_ROUNDS = 3
BATCH_SIZE = 4


@dataclass(frozen=True)
class _Loaded:
    """A loaded tokenizer and model, and the input window they allow."""

    tokenizer: Any
    model: Any
    device: str
    max_input_tokens: int


_CACHE: dict[tuple[str, str], _Loaded] = {}
_LOCK = threading.Lock()


class Summarizer:
    """A seq2seq summarizer that writes bullet points; cheap to create, loads on first use.

    Args:
        model: a Hugging Face model id or the path of a local model folder.
        device: ``"auto"`` (CUDA when available, else CPU), ``"cpu"``, ``"cuda"``,
            ``"cuda:N"`` or ``"mps"``.
        max_input_tokens: the chunk size in tokens; None for the model's own window
            (at most :data:`MAX_INPUT_TOKENS`).
        max_summary_tokens: the longest summary of one chunk, in tokens; None for the
            model's generation settings.

    Raises:
        UnknownOptionError: ``device`` is not one of the valid choices.
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        device: str = "auto",
        *,
        max_input_tokens: int | None = None,
        max_summary_tokens: int | None = None,
    ) -> None:
        check_device(device)
        if max_input_tokens is not None and max_input_tokens < 8:
            raise UnknownOptionError(f"max_input_tokens must be 8 or more, not {max_input_tokens}")
        self.model = model
        self.device = device
        self.max_input_tokens = max_input_tokens
        self.max_summary_tokens = max_summary_tokens

    def summarize(self, english_text: str, points: int = DEFAULT_POINTS) -> list[str]:
        """Summarise English text as at most ``points`` bullet sentences.

        Args:
            english_text: the (translated) article; any length, it is chunked.
            points: the largest number of bullets to return (0: none).

        Returns:
            Bullet sentences in the order the model wrote them; empty for empty text.

        Raises:
            UnknownOptionError: ``points`` is not 0 to MAX_POINTS.
            ModelNotAvailableError: the model is neither local nor downloadable.
            ModelError: the model could not be loaded.
        """
        if check_points(points) == 0 or not english_text.strip():
            return []
        loaded = self._load()
        text = english_text
        bullets: list[str] = []
        for _ in range(MAX_MERGE_ROUNDS + 1):
            chunks = self.chunks(text, loaded)
            summaries = self._generate(chunks, loaded)
            bullets = _bullets(summaries)
            if len(chunks) == 1 or len(bullets) <= points:
                break
            # Several chunks gave too many points: summarise their summaries, which are
            # much shorter than the text, so each round shrinks it.
            merged = " ".join(bullets)
            if len(merged) >= len(text):
                break
            text = merged
        return bullets[:points]

    def chunks(self, text: str, loaded: _Loaded | None = None) -> list[str]:
        """Split ``text`` into model inputs that fit the window, at sentence boundaries.

        A sentence longer than the window on its own is cut at clauses, then words.
        Nothing is dropped: the chunks, joined, hold every word of the text.
        """
        from summarizer.translate.chunking import split_to_fit

        loaded = loaded or self._load()
        tokenizer, limit = loaded.tokenizer, loaded.max_input_tokens

        def count(texts: Sequence[str]) -> list[int]:
            return [len(ids) for ids in tokenizer(list(texts), verbose=False)["input_ids"]]

        pieces: list[str] = []
        for paragraph in text.split("\n"):
            for sentence in split_sentences(paragraph):
                pieces.extend(split_to_fit(sentence, limit, count))
        chunks: list[str] = []
        current = ""
        for piece in pieces:
            candidate = f"{current} {piece}" if current else piece
            if current and count([candidate])[0] > limit:
                chunks.append(current)
                current = piece
            else:
                current = candidate
        if current:
            chunks.append(current)
        return chunks

    def _generate(self, chunks: list[str], loaded: _Loaded) -> list[str]:
        """One summary per chunk (batched), decoded without special tokens."""
        import torch

        tokenizer, model = loaded.tokenizer, loaded.model
        minimum = getattr(model.generation_config, "min_length", None) or 0
        summaries: list[str] = []
        with torch.inference_mode():
            for start in range(0, len(chunks), BATCH_SIZE):
                batch = tokenizer(
                    chunks[start : start + BATCH_SIZE], return_tensors="pt", padding=True
                ).to(model.device)
                shortest = int(batch["attention_mask"].sum(dim=1).min())
                # A short chunk must not be padded out with invented text.
                options: dict[str, Any] = {"min_length": min(minimum, max(shortest // 2, 1))}
                if self.max_summary_tokens is not None:
                    options["max_new_tokens"] = self.max_summary_tokens
                    options["max_length"] = None
                output = model.generate(**batch, **options)
                summaries.extend(tokenizer.batch_decode(output, skip_special_tokens=True))
        return summaries

    def load(self) -> None:
        """Load the model now (it loads on first use otherwise)."""
        self._load()

    def _load(self) -> _Loaded:
        """The tokenizer and model, loaded once per process for this model and device."""
        device = resolve_device(self.device)
        key = (self.model, device)
        with _LOCK:
            if key not in _CACHE:
                _CACHE[key] = _load(self.model, device)
            loaded = _CACHE[key]
        if self.max_input_tokens is not None:
            loaded = _Loaded(
                loaded.tokenizer,
                loaded.model,
                device,
                min(self.max_input_tokens, loaded.max_input_tokens),
            )
        return loaded


def _load(source: str, device: str) -> _Loaded:
    """Locate (cache, local folder or download) and load a summarization model."""
    import torch

    path = locate_model(source)
    dtype = torch.float16 if device.startswith("cuda") else torch.float32
    log.info("loading summarizer %s on %s", source, device)
    tokenizer, model = load_seq2seq(
        path, name=source, task="summarization", dtype=dtype, device=device
    )
    return _Loaded(tokenizer, model, device, input_window(tokenizer, model, MAX_INPUT_TOKENS))


def _bullets(summaries: Sequence[str]) -> list[str]:
    """Chunk summaries as bullet sentences: split, tidied, exact repeats dropped."""
    bullets: list[str] = []
    seen: set[str] = set()
    for summary in summaries:
        for sentence in split_sentences(" ".join(summary.split())):
            sentence = re.sub(r"\s+([.,;:!?])", r"\1", sentence).strip()
            key = re.sub(r"\W+", " ", sentence.lower()).strip()
            if key and key not in seen:
                seen.add(key)
                bullets.append(sentence)
    return bullets
