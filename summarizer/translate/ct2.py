"""The CTranslate2 backend: the transformers model, converted once, run by CTranslate2.

On first use the model is converted with ``ctranslate2.converters.TransformersConverter``
(int8 on CPU, float16 on GPU, bfloat16 for the T5 family) into a cache folder keyed by
the model's files, the compute type and the CTranslate2 version; later loads reuse it.
Tokenization stays with the model's own Hugging Face tokenizer, so inputs and outputs
are the same tokens as with the transformers backend.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from summarizer.errors import ModelError, UnknownOptionError, UnsupportedModelError
from summarizer.loading import cpu_threads, locate_model, token_limits
from summarizer.translate.backend import (
    MAX_INPUT_TOKENS,
    BackendRequest,
    Decoding,
    Hypothesis,
    count_source_tokens,
)
from summarizer.translate.presets import ModelSpec

log = logging.getLogger(__name__)


# transformers ``model_type`` values of the seq2seq models CTranslate2 converts.
SUPPORTED_MODEL_TYPES = frozenset(
    {"marian", "m2m_100", "t5", "mt5", "umt5", "bart", "mbart", "pegasus"}
)

# Bump when the conversion changes, so that cached folders are converted again.
_CONVERSION_VERSION = "1"


class CTranslate2Backend:
    """A seq2seq translation model run by ``ctranslate2.Translator``."""

    def __init__(
        self, request: BackendRequest, tokenizer: Any, translator: Any, limits: tuple[int, int]
    ) -> None:
        self.name = request.spec.name
        self.spec = request.spec
        self.device = request.device
        self.tokenizer = tokenizer
        self.translator = translator
        self.max_input_tokens, self.max_output_tokens = limits
        self.target_prefix = [request.spec.tgt_lang] if request.spec.tgt_lang else None
        # On CPU, a batch is cut into one sub-batch per worker and they run in parallel.
        self.workers = int(getattr(translator, "num_translators", 1) or 1)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return count_source_tokens(self.tokenizer, self.spec.prefix, texts)

    def generate(self, texts: Sequence[str], decoding: Decoding) -> list[Hypothesis]:
        if not texts:
            return []
        encoded = self.tokenizer([self.spec.prefix + t for t in texts], verbose=False)["input_ids"]
        source = [self.tokenizer.convert_ids_to_tokens(ids) for ids in encoded]
        longest = max(len(tokens) for tokens in source)
        results = self.translator.translate_batch(
            source,
            target_prefix=[self.target_prefix] * len(source) if self.target_prefix else None,
            max_batch_size=math.ceil(len(source) / self.workers),
            beam_size=decoding.beams,
            length_penalty=decoding.length_penalty,
            no_repeat_ngram_size=decoding.no_repeat_ngram_size,
            max_decoding_length=min(decoding.max_new_tokens(longest), self.max_output_tokens),
            max_input_length=0,  # never truncate: the translator splits long inputs
            return_scores=True,
        )
        hypotheses = []
        for result in results:
            tokens = result.hypotheses[0]
            ids = self.tokenizer.convert_tokens_to_ids(tokens)
            text = self.tokenizer.decode(ids, skip_special_tokens=True).strip()
            hypotheses.append(Hypothesis(text, _score(result)))
        return hypotheses


def _score(result: Any) -> float | None:
    """The length-normalised log-probability of the best hypothesis.

    CTranslate2 divides the summed log-probabilities by ``length ** length_penalty``, in
    greedy search as in beam search, which is what the transformers backend reports.
    """
    return float(result.scores[0]) if result.scores else None


def supports(spec: ModelSpec, device: str) -> bool:
    """Whether CTranslate2 is installed, runs on ``device`` and converts this model.

    Args:
        spec: the model.
        device: a resolved device (``cpu``, ``cuda``, ``cuda:1``...).

    Returns:
        True when ``backend="auto"`` should pick CTranslate2 for this model and device.
    """
    try:
        import ctranslate2
    except ImportError:
        return False
    kind = device.split(":")[0]
    if kind == "cuda":
        if ctranslate2.get_cuda_device_count() < 1:
            return False
    elif kind != "cpu":
        return False
    return spec.model_type in SUPPORTED_MODEL_TYPES


def cache_root() -> Path:
    """Where converted models are kept: ``$SUMMARIZER_CACHE/ct2``, else the XDG cache."""
    base = os.environ.get("SUMMARIZER_CACHE")
    if base:
        return Path(base).expanduser() / "ct2"
    xdg = os.environ.get("XDG_CACHE_HOME")
    root = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return root / "summarizer" / "ct2"


def default_compute_type(device: str, spec: ModelSpec) -> str:
    """int8 on CPU; on GPU the model's 16-bit type (bfloat16 for the T5 family)."""
    return spec.half_precision if device.startswith("cuda") else "int8"


def converted_model(source: Path, compute_type: str, revision: str | None = None) -> Path:
    """The CTranslate2 folder for the transformers model in ``source``, converting it once.

    The folder's name holds a hash of the source's files (path, sizes, modification
    times), the compute type and the CTranslate2 version, so a changed model or a new
    CTranslate2 converts again. Conversion writes into a temporary sibling folder and
    renames it into place, so an interrupted run never leaves a half-written model.

    Args:
        source: a local transformers model folder.
        compute_type: the quantization to store (``int8``, ``float16``...).
        revision: the hub revision, part of the key.

    Returns:
        The converted model folder.

    Raises:
        ModelError: the model could not be converted.
    """
    target = cache_root() / _cache_key(source, compute_type, revision)
    if (target / "model.bin").is_file():
        log.debug("reusing converted model %s", target)
        return target
    from ctranslate2.converters import TransformersConverter

    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    log.info("converting %s to CTranslate2 (%s) in %s", source, compute_type, target)
    try:
        converter = TransformersConverter(str(source))
        converter.convert(str(scratch / "model"), quantization=compute_type, force=True)
        try:
            (scratch / "model").rename(target)
        except OSError:
            if not (target / "model.bin").is_file():  # not a concurrent conversion
                raise
    except (ValueError, NotImplementedError, RuntimeError, OSError) as exc:
        raise UnsupportedModelError(
            f"Could not convert {source} to CTranslate2 ({type(exc).__name__}: {exc}); "
            "use backend='transformers' for this model."
        ) from exc
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def _cache_key(source: Path, compute_type: str, revision: str | None) -> str:
    """A folder name unique to the model files, compute type and CTranslate2 version."""
    import ctranslate2

    source = source.resolve()
    files = sorted(
        (str(p.relative_to(source)), p.stat().st_size, p.stat().st_mtime_ns)
        for p in source.rglob("*")
        if p.is_file()
    )
    blob = json.dumps(
        [str(source), revision, compute_type, ctranslate2.__version__, _CONVERSION_VERSION, files]
    )
    digest = hashlib.sha256(blob.encode()).hexdigest()[:16]
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", source.name if source.name else "model")
    # A hub snapshot folder is named by its commit: use the repository name instead.
    if source.parent.name == "snapshots":
        name = re.sub(r"^models--", "", source.parent.parent.name)
    return f"{name[:60]}-{compute_type}-{digest}"


def thread_layout(device: str) -> tuple[int, int]:
    """(inter_threads, intra_threads) for ``device``.

    On CPU, one single-threaded worker per core, working on sub-batches in parallel, beat
    one worker using every core for beam search on a 2-core machine; past 4 cores the
    workers get more threads each. On GPU, one worker.
    """
    if device.startswith("cuda"):
        return 1, 1
    cores = cpu_threads()
    workers = min(cores, 4)
    return workers, max(1, cores // workers)


def load_ctranslate2(request: BackendRequest) -> CTranslate2Backend:
    """Load ``request`` with CTranslate2, converting the model on first use.

    Args:
        request: model, device (``cpu`` or ``cuda[:N]``), compute type and revision.

    Returns:
        The loaded backend.

    Raises:
        ModelError: CTranslate2 is missing, or the model cannot be converted or loaded.
        UnknownOptionError: the compute type is not supported on the device.
    """
    try:
        import ctranslate2
    except ImportError as exc:
        raise ModelError(
            "The ctranslate2 backend needs the ctranslate2 package: pip install ctranslate2 "
            "(or use backend='transformers')."
        ) from exc
    from transformers import AutoTokenizer

    device, _, index = request.device.partition(":")
    if device not in {"cpu", "cuda"}:
        raise UnknownOptionError(
            f"CTranslate2 runs on cpu or cuda, not {request.device!r}: "
            "use device='cpu' or backend='transformers'."
        )
    family = request.spec.model_type
    compute_type = request.compute_type or default_compute_type(device, request.spec)
    supported = sorted(ctranslate2.get_supported_compute_types(device))
    if compute_type not in supported:
        raise UnknownOptionError(
            f"compute_type {compute_type!r} is not supported by CTranslate2 on {device}: "
            f"use one of {', '.join(supported)}."
        )
    path = locate_model(request.spec.source, revision=request.revision)
    if family == "marian" and not _decoder_starts_from_zero(path):
        raise UnsupportedModelError(
            f"CTranslate2 starts Marian decoders from a zero embedding, but {request.spec.name!r} "
            "has a trained start-token embedding: its output would differ from the model's."
        )
    folder = converted_model(path, compute_type, request.revision)
    inter, intra = thread_layout(device)
    log.info(
        "loading %s with CTranslate2 on %s (%s, %d x %d threads)",
        folder,
        request.device,
        compute_type,
        inter,
        intra,
    )
    try:
        tokenizer = AutoTokenizer.from_pretrained(path)
        translator = ctranslate2.Translator(
            str(folder),
            device=device,
            device_index=int(index or 0),
            compute_type=compute_type,
            inter_threads=inter,
            intra_threads=intra,
        )
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelError(
            f"Could not load {request.spec.name!r} with CTranslate2 from {folder}: {exc}. "
            "Delete that folder to convert again, or use backend='transformers'."
        ) from exc
    if device == "cuda":
        _check_gpu_libraries(translator, request.spec.name)
    if request.spec.src_lang and hasattr(tokenizer, "src_lang"):
        tokenizer.src_lang = request.spec.src_lang
    return CTranslate2Backend(request, tokenizer, translator, _limits(path, tokenizer))


def _check_gpu_libraries(translator: Any, name: str) -> None:
    """Translate one token now: CTranslate2 loads cuBLAS only when it first computes, and
    its wheels, built for CUDA 12, do not find it on a CUDA 13 machine ("Library
    libcublas.so.12 is not found or cannot be loaded"). Failing at load time, not at the
    first article, lets ``backend="auto"`` use transformers instead."""
    try:
        translator.translate_batch([["▁"]], beam_size=1, max_decoding_length=1)
    except RuntimeError as exc:
        raise UnsupportedModelError(
            f"CTranslate2 cannot run {name!r} on this GPU: {exc}. Its wheels need CUDA 12's "
            "libraries (cuBLAS); install them, or use backend='transformers'."
        ) from exc


def _decoder_starts_from_zero(path: Path) -> bool:
    """Whether the embedding of a Marian model's decoder start token is all zeros.

    Models converted from Marian (all of opus-mt) have it so, and CTranslate2 assumes it;
    a Marian model trained with transformers and tied embeddings may not.
    """
    import json

    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    start = config.get("decoder_start_token_id", config.get("pad_token_id"))
    weights = path / "model.safetensors"
    if start is None or not weights.is_file():
        return True  # nothing to check against (e.g. only a pytorch_model.bin): trust it
    from safetensors import safe_open

    with safe_open(str(weights), "pt") as tensors:
        stored = set(tensors.keys())
        names = [
            n for n in ("model.decoder.embed_tokens.weight", "model.shared.weight") if n in stored
        ]
        if not names:
            return True
        row = tensors.get_slice(names[0])[int(start) : int(start) + 1]
    return not bool(row.abs().sum())


def _limits(path: Path, tokenizer: Any) -> tuple[int, int]:
    """(max input tokens, max output tokens), as the transformers backend computes them."""
    positions = None
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        positions = config.get("max_position_embeddings")
    except (OSError, ValueError):
        pass
    return token_limits(tokenizer, int(positions) if positions else None, MAX_INPUT_TOKENS)
