"""The causal-LM backend: chat models (TranslateGemma, Gemma 3, Qwen 3, Sailor...) that
translate through their own chat template.

Two prompt formats. A template that takes language codes (TranslateGemma's: a user turn
whose content is one ``{"type": "text", "source_lang_code", "target_lang_code", "text"}``
entry, which the template turns into its translator instruction) gets exactly that; any
other chat template gets a plain instruction with the article title and the previous
paragraph as context. Generation is greedy or beam search over left-padded batches, in
bfloat16 on a GPU; the output is bounded like every backend's, and text the model adds
around its translation (a preamble, notes, an explanation) is cut and flagged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from summarizer.document import Notice
from summarizer.errors import ModelError
from summarizer.loading import locate_model
from summarizer.translate.backend import (
    MAX_INPUT_TOKENS,
    BackendRequest,
    Decoding,
    Hypothesis,
    count_source_tokens,
)
from summarizer.translate.hf import NoRepeatNGram, _set_cpu_threads, torch_dtype
from summarizer.translate.passages import Context, is_marked
from summarizer.translate.presets import ModelSpec

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = ("id", "Indonesian")
TARGET_LANGUAGE = ("en", "English")

# Output tokens at most, whatever the input (TranslateGemma's context is 2K tokens).
MAX_OUTPUT_TOKENS = 1024

INSTRUCTION = (
    "You are a professional Indonesian (id) to English (en) translator of news articles. "
    "Translate the Indonesian text the user gives into English, accurately and completely, "
    "keeping names, numbers and dates exactly. Produce only the English translation, "
    "without any additional explanations or commentary."
)
MARKER_RULE = (
    " Each sentence of the text starts with a number in brackets such as [1]: start the "
    "translation of each sentence with the same number, keep every number, in order, and "
    "translate each sentence on its own."
)

# A line that announces the translation ("Here is the translation:", "Translation:").
_PREAMBLE = re.compile(
    r"\A\s*(?:(?:sure|okay|certainly)[,.!]?\s*)?"
    r"(?:here(?:'s| is) (?:the |my |your )?(?:english )?translation[^:\n]{0,40}"
    r"|(?:english )?translation)\s*:\s*",
    re.I,
)
# Where commentary starts: a blank line (a passage is one paragraph), or a note that opens
# a line, follows a sentence's end or stands in brackets ("He wrote a note: ..." is no note).
_COMMENTARY = re.compile(
    r"\n\s*\n"
    r"|(?:^|\n|(?<=[.!?\"')\]])\s+|\s*(?=\())\(?"
    r"(?:note|notes|explanation|translator's note|catatan)\s*:",
    re.I,
)
# Line breaks before a sentence marker: a model may put each numbered sentence on a line.
_BREAK_BEFORE_MARKER = re.compile(r"\s*\n\s*(?=\[\d{1,3}\])")
# A reasoning model's think block (Qwen 3 may write an empty one even when told not to think).
_THINKING = re.compile(r"\A\s*<think>.*?</think>", re.S)
_NOTE_WORDS = re.compile(r"\b(?:note|notes|explanation|catatan)\s*:", re.I)


class CausalBackend:
    """A decoder-only chat model run with transformers ``generate``."""

    name: str
    max_input_tokens: int
    max_output_tokens: int

    def __init__(self, request: BackendRequest, tokenizer: Any, model: Any) -> None:
        self.name = request.spec.name
        self.device = request.device
        self.tokenizer = tokenizer
        self.model = model
        template = getattr(tokenizer, "chat_template", None)
        if not template:
            raise ModelError(
                f"Model {request.spec.name!r} has no chat template: the causal backend needs "
                "an instruction-tuned chat model (TranslateGemma, Gemma 3 -it, Qwen 3...)."
            )
        self.language_codes = "source_lang_code" in str(template)
        self.system_role = self.language_codes is False and _accepts_system(tokenizer)
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        tokenizer.padding_side = "left"  # generation continues every prompt at its end
        positions = getattr(_text_config(model.config), "max_position_embeddings", None)
        self.max_input_tokens = MAX_INPUT_TOKENS
        self.max_output_tokens = min(MAX_OUTPUT_TOKENS, positions or MAX_OUTPUT_TOKENS)
        self.stop_ids = _stop_ids(tokenizer, model)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return count_source_tokens(self.tokenizer, "", texts)

    def messages(self, text: str, context: Context | None = None) -> list[dict[str, Any]]:
        """The chat messages that ask for the translation of ``text``."""
        if self.language_codes:
            # TranslateGemma's template has no place for context: the text is all it reads.
            entry = {
                "type": "text",
                "source_lang_code": SOURCE_LANGUAGE[0],
                "target_lang_code": TARGET_LANGUAGE[0],
                "text": text,
            }
            return [{"role": "user", "content": [entry]}]
        instruction = INSTRUCTION + (MARKER_RULE if is_marked(text) else "")
        lines = []
        if context is not None and context.title:
            lines.append(f"Article title (context only, do not translate): {context.title}")
        if context is not None and context.previous:
            lines.append(f"Previous paragraph (context only, do not translate): {context.previous}")
        lines.append(f"Text to translate:\n{text}" if lines else text)
        user = "\n\n".join(lines)
        if self.system_role:
            return [{"role": "system", "content": instruction}, {"role": "user", "content": user}]
        return [{"role": "user", "content": f"{instruction}\n\n{user}"}]

    def prompt(self, text: str, context: Context | None = None) -> str:
        """The prompt string for ``text``, as the model's chat template renders it."""
        rendered = self.tokenizer.apply_chat_template(
            self.messages(text, context),
            tokenize=False,
            add_generation_prompt=True,
            enable_thinking=False,  # Qwen 3: answer at once; other templates ignore it
        )
        return str(rendered)

    def generate(
        self,
        texts: Sequence[str],
        decoding: Decoding,
        contexts: Sequence[Context | None] | None = None,
    ) -> list[Hypothesis]:
        """Translate one batch (left-padded); one hypothesis per input, in order."""
        import torch
        from transformers import LogitsProcessorList

        if not texts:
            return []
        prompts = [self.prompt(t, c) for t, c in zip(texts, contexts or [None] * len(texts))]
        batch = self.tokenizer(
            prompts, return_tensors="pt", padding=True, add_special_tokens=False
        ).to(self.model.device)
        start = batch["input_ids"].shape[1]
        # Each output has its own bound (as if translated alone): the batch runs to the
        # largest, and a row is cut at its own afterwards.
        limits = [
            min(decoding.max_new_tokens(n), self.max_output_tokens)
            for n in self.count_tokens(texts)
        ]
        processors: list[Any] = []
        if decoding.no_repeat_ngram_size:
            processors.append(_OnOutput(NoRepeatNGram(decoding.no_repeat_ngram_size), start))
        recorder = _TokenLogProbs() if decoding.beams == 1 else None
        if recorder is not None:
            processors.append(recorder)  # last: it sees the scores the choice is made on
        with torch.inference_mode():
            sequences = self.model.generate(
                **batch,
                do_sample=False,
                num_beams=decoding.beams,
                length_penalty=decoding.length_penalty,
                max_new_tokens=max(limits),
                eos_token_id=self.stop_ids,
                pad_token_id=self.tokenizer.pad_token_id,
                logits_processor=LogitsProcessorList(processors),
            )
        generated = sequences[:, start:]
        stopped = torch.isin(generated, torch.tensor(self.stop_ids, device=generated.device))
        # Each output's length: up to its first stop token, or its own bound.
        bounds = torch.tensor(limits, device=generated.device)
        positions = torch.arange(generated.shape[1], device=generated.device)[None, :]
        stopped &= positions < bounds[:, None]
        ended = stopped.any(dim=1)
        first = torch.where(ended, stopped.int().argmax(dim=1), bounds)
        scores = recorder.scores(generated, first) if recorder is not None else None
        results = []
        for row, text in enumerate(texts):
            length = int(first[row])
            raw = self.tokenizer.decode(generated[row, :length], skip_special_tokens=True)
            cleaned, notices = clean_output(raw, text)
            if not bool(ended[row]):
                notices.append(
                    Notice(
                        "length-limit",
                        f"The model's output reached its length limit ({limits[row]} tokens): "
                        "it may be cut short or run on; check it.",
                    )
                )
            score = scores[row] if scores is not None else None
            results.append(Hypothesis(cleaned, score, tuple(notices)))
        return results


def clean_output(text: str, source: str) -> tuple[str, list[Notice]]:
    """``text`` without what a chat model adds around a translation, and notices saying so.

    A think block and a preamble ("Here is the translation:") are removed; a blank line or a note
    ("Note: ...") starts commentary, and everything from there on is cut, unless the
    source itself has such a note.
    """
    notices: list[Notice] = []
    text = _THINKING.sub("", text).strip()
    if is_marked(source):
        text = _BREAK_BEFORE_MARKER.sub(" ", text)
    preamble = _PREAMBLE.match(text)
    if preamble and not _PREAMBLE.match(source):
        text = text[preamble.end() :]
    commentary = _COMMENTARY.search(text)
    if commentary and (commentary.group().strip() == "" or not _NOTE_WORDS.search(source)):
        cut = text[commentary.start() :].strip()
        text = text[: commentary.start()]
        if cut:
            shown = cut if len(cut) <= 80 else cut[:77] + "..."
            notices.append(
                Notice(
                    "commentary",
                    f"The model added text that is not a translation; it was cut: {shown!r}",
                )
            )
    return text.strip(), notices


class _OnOutput:
    """A logits processor applied to the generated tokens only, not to the prompt.

    The no-repeat guard over prompt and output would forbid copying any long name or
    number of the source into the translation.
    """

    def __init__(self, processor: Any, start: int) -> None:
        self.processor = processor
        self.start = start

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        return self.processor(input_ids[:, self.start :], scores)


class _TokenLogProbs:
    """Records the log-probability of each token greedy search picks, one step late (the
    pick is known only at the next step), holding one step's distribution at a time."""

    def __init__(self) -> None:
        self.previous: Any = None
        self.picked: list[Any] = []

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        import torch

        if self.previous is not None:
            self.picked.append(self.previous.gather(1, input_ids[:, -1:]).squeeze(1))
        self.previous = torch.log_softmax(scores.float(), dim=-1)
        return scores

    def scores(self, generated: Any, lengths: Any) -> list[float | None]:
        """Mean log-probability of each row's first ``lengths`` generated tokens."""
        import torch

        if self.previous is None or generated.shape[1] == 0:
            return [None] * len(generated)
        last = self.previous.gather(1, generated[:, -1:]).squeeze(1)
        picked = torch.stack([*self.picked, last], dim=1)[:, : generated.shape[1]]
        positions = torch.arange(picked.shape[1], device=picked.device)[None, :]
        kept = positions < lengths[:, None]
        totals = torch.where(kept, picked, torch.zeros_like(picked)).sum(dim=1)
        counts = kept.sum(dim=1)
        return [float(t / c) if c else None for t, c in zip(totals, counts)]


def _accepts_system(tokenizer: Any) -> bool:
    """Whether the chat template takes a system message (Gemma 2's raises on one)."""
    try:
        tokenizer.apply_chat_template(
            [{"role": "system", "content": "x"}, {"role": "user", "content": "y"}],
            tokenize=False,
            add_generation_prompt=True,
        )
    except Exception:
        return False
    return True


def _stop_ids(tokenizer: Any, model: Any) -> list[int]:
    """Token ids that end a turn: the generation config's, the tokenizer's end of sequence,
    and the end-of-turn tokens of the usual templates."""
    ids: list[Any] = []
    configured = getattr(model.generation_config, "eos_token_id", None)
    ids += configured if isinstance(configured, list) else [configured]
    ids.append(tokenizer.eos_token_id)
    vocabulary = tokenizer.get_vocab()
    ids += [vocabulary[t] for t in ("<end_of_turn>", "<|im_end|>", "<|eot_id|>") if t in vocabulary]
    return sorted({int(i) for i in ids if i is not None})


def _text_config(config: Any) -> Any:
    """The language model's config (multimodal models nest it as ``text_config``)."""
    return getattr(config, "text_config", None) or config


def supports(spec: ModelSpec, device: str) -> bool:
    """Whether ``backend="auto"`` should pick this backend: a decoder-only model, by its
    config when it is on disk, else by its name (TranslateGemma, Gemma, Qwen, Llama...)."""
    return spec.causal


def load_causal(request: BackendRequest) -> CausalBackend:
    """Load tokenizer and model for ``request`` (downloading on first use when online).

    Raises:
        ModelNotAvailableError: the model is neither cached nor downloadable.
        ModelError: the folder does not hold a causal chat model transformers can load.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = locate_model(request.spec.source, revision=request.revision)
    _set_cpu_threads(request.device)
    dtype = torch_dtype(request, torch)
    log.info("loading %s on %s (%s)", request.spec.source, request.device, dtype)
    try:
        tokenizer = AutoTokenizer.from_pretrained(path)
        model = AutoModelForCausalLM.from_pretrained(path, dtype=dtype)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(
            f"Could not load translation model {request.spec.name!r} from {path}: {exc}. "
            "Is it a causal (decoder-only) chat model?"
        ) from exc
    model.eval().to(request.device)
    # Output length is bounded per batch by max_new_tokens; sampling settings of a chat
    # model's generation config (temperature, top_p) do not apply to greedy search.
    model.generation_config.max_length = None
    for name in ("temperature", "top_p", "top_k"):
        setattr(model.generation_config, name, None)
    if request.compute_type == "int8" and request.device == "cpu":
        model = torch.ao.quantization.quantize_dynamic(
            model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True
        )
    return CausalBackend(request, tokenizer, model)
