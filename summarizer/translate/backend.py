"""The interface every translation backend implements, and the registry of backends.

A backend turns a batch of source strings into hypotheses; everything else (segmentation,
long-sentence splitting, batching, alignment, guards) lives in the translator and is the
same for every backend.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from summarizer.document import Notice
from summarizer.errors import UnknownOptionError
from summarizer.translate.presets import ModelSpec

# Inputs longer than this are split even if a model claims a larger window: seq2seq MT
# quality falls off well before 512 tokens, and no news sentence needs more. Every backend
# uses it, so that all of them split alike.
MAX_INPUT_TOKENS = 512


@dataclass(frozen=True)
class Decoding:
    """Decoding options, the same for every backend.

    Output length is bounded relative to the input (``max_ratio`` x source tokens +
    ``max_extra``), which stops runaway output; ``no_repeat_ngram_size`` stops loops.
    """

    beams: int = 4
    max_ratio: float = 1.5
    max_extra: int = 10
    no_repeat_ngram_size: int = 4
    length_penalty: float = 1.0

    def max_new_tokens(self, source_tokens: int) -> int:
        return int(self.max_ratio * source_tokens + self.max_extra)

    def max_source_tokens(self, max_output_tokens: int) -> int:
        """The longest input whose output bound still fits ``max_output_tokens``."""
        return int((max_output_tokens - self.max_extra) / self.max_ratio)


@dataclass(frozen=True)
class Hypothesis:
    """A translation of one input, its length-normalised log-probability, and what the
    backend noticed about it (commentary cut off, the length bound reached)."""

    text: str
    score: float | None = None
    notices: tuple[Notice, ...] = ()


class Backend(Protocol):
    """A loaded translation model."""

    name: str
    max_input_tokens: int
    max_output_tokens: int

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Source tokens of each text, special tokens included."""
        ...

    def generate(self, texts: Sequence[str], decoding: Decoding) -> list[Hypothesis]:
        """Translate one batch; one hypothesis per input, in order."""
        ...


@dataclass(frozen=True)
class BackendRequest:
    """Everything that identifies a loaded backend (the key of the shared cache)."""

    spec: ModelSpec
    backend: str
    device: str
    compute_type: str | None = None
    revision: str | None = None


Loader = Callable[[BackendRequest], Backend]

# name -> "module:function"; modules are imported only when their backend is asked for.
BACKENDS: dict[str, str] = {
    "transformers": "summarizer.translate.hf:load_transformers",
    "ctranslate2": "summarizer.translate.ct2:load_ctranslate2",
    "causal": "summarizer.translate.causal:load_causal",
}

# Backends whose ``generate`` also takes a context per input (``contexts=``) and translates
# whole paragraphs: the translator sends them marked paragraphs (summarizer.translate.passages).
CONTEXT_BACKENDS = frozenset({"causal"})

_loaded: dict[BackendRequest, Backend] = {}
_lock = threading.Lock()


def is_out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc`` says a batch did not fit in memory (torch on CUDA, MPS or CPU, or
    CTranslate2): the translator then retries the batch in halves."""
    message = str(exc).lower()
    return isinstance(exc, MemoryError) or any(
        phrase in message for phrase in ("out of memory", "can't allocate memory")
    )


def backend_names() -> list[str]:
    return ["auto", *BACKENDS]


def count_source_tokens(tokenizer: Any, prefix: str, texts: Sequence[str]) -> list[int]:
    """Source tokens of each text as ``tokenizer`` encodes it (special tokens included)."""
    if not texts:
        return []
    return [len(ids) for ids in tokenizer([prefix + t for t in texts], verbose=False)["input_ids"]]


def choose_backend(name: str, spec: ModelSpec, device: str) -> str:
    """The concrete backend for ``name``; ``"auto"`` prefers the fastest that applies."""
    if name == "auto":
        for candidate in AUTO_ORDER:
            if candidate in BACKENDS and _supports(candidate, spec, device):
                return candidate
        return "transformers"
    if name not in BACKENDS:
        raise UnknownOptionError(
            f"Unknown backend {name!r}: choose one of {', '.join(backend_names())}."
        )
    return name


# Tried in this order by backend="auto": "causal" applies only to decoder-only chat models.
AUTO_ORDER: list[str] = ["causal", "ctranslate2", "transformers"]


def _supports(backend: str, spec: ModelSpec, device: str) -> bool:
    module_name, _ = BACKENDS[backend].split(":")
    module = importlib.import_module(module_name)
    check = getattr(module, "supports", None)
    return bool(check(spec, device)) if check else True


def load_backend(request: BackendRequest) -> Backend:
    """The backend for ``request``, loaded once per process and shared by all callers."""
    with _lock:
        backend = _loaded.get(request)
        if backend is None:
            module_name, function = BACKENDS[request.backend].split(":")
            loader: Loader = getattr(importlib.import_module(module_name), function)
            backend = loader(request)
            _loaded[request] = backend
        return backend


def is_loaded(request: BackendRequest) -> bool:
    """Whether ``request`` is loaded already (the UI reports a first load as a stage)."""
    return request in _loaded
