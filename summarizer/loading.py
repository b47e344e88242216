"""Finding model files: a local directory, the Hugging Face cache, or a download.

Used by every stage that runs a model (translation, abstractive digest), so that a model
that is neither cached nor reachable always fails the same way: one sentence naming the
model, where it looked, and the command that fixes it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from summarizer.errors import ModelNotAvailableError

log = logging.getLogger(__name__)

# Files that the PyTorch path never needs; skipping them keeps downloads small.
_IGNORED_FILES = ["*.h5", "*.ot", "*.msgpack", "*.onnx", "*.tflite", "flax_model*", "tf_model*"]


def hub_cache_dir() -> str:
    """Where the Hugging Face hub keeps downloaded models."""
    from huggingface_hub import constants

    return str(constants.HF_HUB_CACHE)


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
    if download and not os.environ.get("HF_HUB_OFFLINE"):
        log.info("downloading model %s", source)
        try:
            return Path(
                snapshot_download(source, revision=revision, ignore_patterns=_IGNORED_FILES)
            )
        except Exception as exc:
            log.debug("download of %s failed", source, exc_info=True)
            reason = f"the download failed ({type(exc).__name__})"
    else:
        reason = "downloads are off (HF_HUB_OFFLINE is set)"
    raise ModelNotAvailableError(
        f"Model {source!r} is not in the local model cache ({hub_cache_dir()}) and {reason}: "
        f"run `summarizer download {source}` on a machine that is online, or pass the path "
        "of a local model directory."
    )


def download_models(sources: Sequence[str]) -> list[Path]:
    """Download models into the hub cache for later offline use; returns their folders."""
    return [locate_model(source, download=True) for source in sources]
