"""Model plumbing shared by every stage that runs a model (translation, abstractive digest).

Finding model files (a local directory, the Hugging Face cache, or a download), choosing
the device, and loading a seq2seq tokenizer and model, so that each of these fails the
same way in every stage: one sentence naming the model or option, and what to do.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

from summarizer.errors import ModelError, ModelNotAvailableError, UnknownOptionError

log = logging.getLogger(__name__)

# Values of HF_HUB_OFFLINE that mean "offline" (huggingface_hub's ENV_VARS_TRUE_VALUES).
_TRUE_VALUES = frozenset({"1", "ON", "YES", "TRUE"})
# Files that the PyTorch path never needs; skipping them keeps downloads small.
_IGNORED_FILES = ["*.h5", "*.ot", "*.msgpack", "*.onnx", "*.tflite", "flax_model*", "tf_model*"]


def hub_cache_dir() -> str:
    """Where the Hugging Face hub keeps downloaded models."""
    from huggingface_hub import constants

    return str(constants.HF_HUB_CACHE)


def hub_offline() -> bool:
    """Whether the environment turns hub downloads off, as huggingface_hub reads it.

    Read at each call (not at import, as ``huggingface_hub.constants`` does), so that
    ``HF_HUB_OFFLINE=0`` means online, and a change made after start-up counts.
    """
    value = os.environ.get("HF_HUB_OFFLINE") or os.environ.get("TRANSFORMERS_OFFLINE") or ""
    return value.strip().upper() in _TRUE_VALUES


def locate_model(source: str, *, revision: str | None = None, download: bool = True) -> Path:
    """The local directory holding model ``source`` (a directory or a hub id).

    Looks in the hub cache first; downloads when ``download`` is true and the hub is
    reachable.

    Raises:
        ModelNotAvailableError: the model is not cached and could not be downloaded.
    """
    path = Path(source).expanduser()
    if path.is_dir():
        return path
    from huggingface_hub import snapshot_download

    try:
        return Path(
            snapshot_download(
                source, revision=revision, local_files_only=True, ignore_patterns=_IGNORED_FILES
            )
        )
    except Exception:
        log.debug("model %s not in the local cache", source, exc_info=True)
    if download and not hub_offline():
        log.info("downloading model %s", source)
        try:
            return Path(
                snapshot_download(source, revision=revision, ignore_patterns=_IGNORED_FILES)
            )
        except Exception as exc:
            log.debug("download of %s failed", source, exc_info=True)
            reason = f"the download failed ({type(exc).__name__})"
    else:
        reason = "downloads are off (HF_HUB_OFFLINE or TRANSFORMERS_OFFLINE is set)"
    raise ModelNotAvailableError(
        f"Model {source!r} is not in the local model cache ({hub_cache_dir()}) and {reason}: "
        f"run `summarizer download {source}` on a machine that is online, or pass the path "
        "of a local model directory."
    )


_DEVICE = re.compile(r"auto|cpu|mps|cuda(?::\d+)?")


def check_device(device: str) -> str:
    """Validate a device name without importing torch.

    Args:
        device: ``"auto"``, ``"cpu"``, ``"cuda"``, ``"cuda:N"`` or ``"mps"``.

    Returns:
        ``device`` unchanged.

    Raises:
        UnknownOptionError: ``device`` is not one of the valid choices.
    """
    if not _DEVICE.fullmatch(device):
        raise UnknownOptionError(
            f"unknown device {device!r}; choose 'auto', 'cpu', 'cuda', 'cuda:N' or 'mps'"
        )
    return device


def resolve_device(device: str) -> str:
    """The concrete device for ``device``: ``"auto"`` becomes CUDA, MPS or CPU, as available.

    Args:
        device: ``"auto"``, ``"cpu"``, ``"cuda"``, ``"cuda:N"`` or ``"mps"``.

    Returns:
        ``device`` itself unless it is ``"auto"``.

    Raises:
        UnknownOptionError: ``device`` is not one of the valid choices.
    """
    if check_device(device) != "auto":
        return device
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def load_seq2seq(path: Path, *, name: str, task: str, dtype: Any, device: str) -> tuple[Any, Any]:
    """Load a seq2seq tokenizer and model from a local folder, in eval mode on ``device``.

    Args:
        path: the model folder (from :func:`locate_model`).
        name: the model's name as the user gave it, for the error message.
        task: what the model is for (``"translation"``, ``"summarization"``), likewise.
        dtype: the torch dtype of the weights.
        device: a concrete device (see :func:`resolve_device`).

    Returns:
        ``(tokenizer, model)``.

    Raises:
        ModelError: the folder does not hold a seq2seq model that transformers can load.
    """
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(path)
        model = AutoModelForSeq2SeqLM.from_pretrained(path, dtype=dtype)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(
            f"Could not load {task} model {name!r} from {path}: {exc}. "
            f"Is it a seq2seq (encoder-decoder) {task} model?"
        ) from exc
    model.eval().to(device)
    return tokenizer, model


def token_limits(tokenizer: Any, positions: int | None, cap: int) -> tuple[int, int]:
    """(longest input, longest output) in tokens.

    Inputs: ``cap``, or less where the tokenizer or the model's position embeddings allow
    less. Outputs: the positions (``cap`` when the model has none).
    """
    limits = [cap, getattr(tokenizer, "model_max_length", cap)]
    if positions:
        limits.append(positions)
    return int(min(limits)), int(positions or cap)


def input_window(tokenizer: Any, model: Any, cap: int) -> int:
    """The longest input in tokens: ``cap``, or less if the tokenizer or model allow less."""
    return token_limits(tokenizer, getattr(model.config, "max_position_embeddings", None), cap)[0]


def cpu_threads() -> int:
    """The cores this process may use (``OMP_NUM_THREADS`` when the user set it)."""
    chosen = os.environ.get("OMP_NUM_THREADS", "")
    if chosen.isdigit() and int(chosen) > 0:
        return int(chosen)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)
