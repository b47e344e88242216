"""The transformers backend: AutoTokenizer + AutoModelForSeq2SeqLM.generate()."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from summarizer.loading import cpu_threads, load_seq2seq, locate_model, token_limits
from summarizer.translate.backend import (
    MAX_INPUT_TOKENS,
    BackendRequest,
    Decoding,
    Hypothesis,
    count_source_tokens,
)

log = logging.getLogger(__name__)

# Logits held at once when outputs are scored (rows x length x vocabulary floats): 64 MiB
# on a CPU; 512 MiB on a GPU, where a few large passes are much faster than many small ones.
_SCORING_FLOATS = {"cpu": 2**24, "cuda": 2**27}


class TransformersBackend:
    """A seq2seq translation model run with plain transformers."""

    def __init__(self, request: BackendRequest, tokenizer: Any, model: Any) -> None:
        self.name = request.spec.name
        self.spec = request.spec
        self.device = request.device
        self.tokenizer = tokenizer
        self.model = model
        positions = getattr(model.config, "max_position_embeddings", None)
        self.max_input_tokens, self.max_output_tokens = token_limits(
            tokenizer, positions, MAX_INPUT_TOKENS
        )
        self.forced_bos_token_id = (
            tokenizer.convert_tokens_to_ids(request.spec.tgt_lang)
            if request.spec.tgt_lang
            else None
        )

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return count_source_tokens(self.tokenizer, self.spec.prefix, texts)

    def generate(self, texts: Sequence[str], decoding: Decoding) -> list[Hypothesis]:
        import torch
        from transformers import LogitsProcessorList

        if not texts:
            return []
        batch = self.tokenizer(
            [self.spec.prefix + t for t in texts], return_tensors="pt", padding=True
        ).to(self.model.device)
        extra: dict[str, Any] = {}
        if self.forced_bos_token_id is not None:
            extra["forced_bos_token_id"] = self.forced_bos_token_id
        if decoding.no_repeat_ngram_size:
            extra["logits_processor"] = LogitsProcessorList(
                [NoRepeatNGram(decoding.no_repeat_ngram_size)]
            )
        with torch.inference_mode():
            sequences = self.model.generate(
                **batch,
                num_beams=decoding.beams,
                do_sample=False,
                max_new_tokens=min(
                    decoding.max_new_tokens(batch["input_ids"].shape[1]), self.max_output_tokens
                ),
                no_repeat_ngram_size=0,  # NoRepeatNGram does it, on the device
                length_penalty=decoding.length_penalty,
                **extra,
            )
            scores = self._scores(batch, sequences)
        decoded = self.tokenizer.batch_decode(sequences, skip_special_tokens=True)
        return [Hypothesis(text.strip(), score) for text, score in zip(decoded, scores)]

    def _scores(self, batch: Any, sequences: Any) -> list[float | None]:
        """Mean log-probability of each output's tokens, by one teacher-forced pass.

        Asking ``generate`` for its scores would keep batch x beams x vocabulary floats for
        every step (gigabytes for 32 sentences at beam 4); this keeps a few rows at a time.
        """
        import torch

        # The decoder start token (and NLLB's forced language code) are not the model's choice.
        skip = 1 if self.forced_bos_token_id is not None else 0
        labels = sequences[:, 1:]
        mask = labels != self.tokenizer.pad_token_id
        mask[:, :skip] = False
        budget = _SCORING_FLOATS.get(self.device.split(":")[0], _SCORING_FLOATS["cpu"])
        vocabulary = getattr(self.model.config, "vocab_size", None) or len(self.tokenizer)
        step = max(1, budget // (sequences.shape[1] * vocabulary))
        scores: list[float | None] = []
        for start in range(0, len(sequences), step):
            rows = slice(start, start + step)
            logits = self.model(
                input_ids=batch["input_ids"][rows],
                attention_mask=batch["attention_mask"][rows],
                decoder_input_ids=sequences[rows, :-1],
            ).logits
            picked = torch.log_softmax(logits.float(), dim=-1).gather(-1, labels[rows, :, None])
            kept = mask[rows]
            totals = (picked.squeeze(-1) * kept).sum(dim=1) / kept.sum(dim=1).clamp(min=1)
            scores += [float(s) for s in totals]
        return scores


class NoRepeatNGram:
    """Bans every token that would repeat an n-gram of the hypothesis, as transformers'
    ``no_repeat_ngram_size`` does, in a few tensor operations on the model's device.

    transformers' own processor walks each hypothesis in Python and copies it to the host,
    at every step: on a GPU, with 256 sentences at beam 4, that costs more than the model.
    """

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError(f"n-gram size must be at least 1, not {size}")
        self.size = size

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        import torch

        n = self.size
        length = input_ids.shape[1]
        if length + 1 < n:
            return scores
        if n == 1:
            followers, matches = input_ids, torch.ones_like(input_ids, dtype=torch.bool)
        else:
            # Every (n-1)-gram that has a next token, compared with the last n-1 tokens.
            windows = input_ids.unfold(1, n - 1, 1)[:, :-1]
            matches = (windows == input_ids[:, None, length - n + 1 :]).all(-1)
            followers = input_ids[:, n - 1 :]
        # The follower of each match goes to -inf; min() with +inf leaves the others alone
        # (a scatter of plain values would let a non-match overwrite a match of one token).
        inf = torch.tensor(float("inf"), dtype=scores.dtype, device=scores.device)
        return scores.scatter_reduce_(
            1, followers, torch.where(matches, -inf, inf), reduce="amin", include_self=True
        )


def load_transformers(request: BackendRequest) -> TransformersBackend:
    """Load tokenizer and model for ``request`` (downloading on first use when online)."""
    import torch

    path = locate_model(request.spec.source, revision=request.revision)
    _set_cpu_threads(request.device)
    dtype = torch_dtype(request, torch)
    log.info("loading %s on %s (%s)", request.spec.source, request.device, dtype)
    tokenizer, model = load_seq2seq(
        path, name=request.spec.name, task="translation", dtype=dtype, device=request.device
    )
    if request.spec.src_lang and hasattr(tokenizer, "src_lang"):
        tokenizer.src_lang = request.spec.src_lang
    # Output length is bounded per batch by max_new_tokens; a max_length from the
    # model's generation config would only clash with it.
    model.generation_config.max_length = None
    if request.compute_type == "int8" and request.device == "cpu":
        # In place: a copy would hold the fp32 and the int8 weights at once (peak memory).
        model = torch.ao.quantization.quantize_dynamic(
            model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True
        )
    return TransformersBackend(request, tokenizer, model)


def torch_dtype(request: BackendRequest, torch: Any) -> Any:
    """The type asked for; else on a GPU the model's 16-bit type (bfloat16 for the T5
    family and chat models, which overflow in float16), on CPU float32."""
    if request.compute_type in {"float16", "bfloat16", "float32"}:
        return getattr(torch, request.compute_type)
    if request.device.startswith("cuda"):
        return getattr(torch, request.spec.half_precision)
    return torch.float32


def _set_cpu_threads(device: str) -> None:
    """Use every core this process may run on, unless the user chose a thread count."""
    import torch

    if device == "cpu":
        torch.set_num_threads(cpu_threads())
