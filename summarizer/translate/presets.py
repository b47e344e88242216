"""Translation models by name: presets, hub ids and local directories."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import ModelError, ModelNotAvailableError, UnknownOptionError
from summarizer.loading import locate_model

# The Gemma licence, as its model cards state it: use is allowed (commercial use too) under
# Google's terms, which forbid the uses listed in the Gemma Prohibited Use Policy and ask
# that the terms travel with the weights.
GEMMA_TERMS = "Gemma Terms of Use (https://ai.google.dev/gemma/terms): use restrictions apply"


# Which family a model is of, when it is not on disk to read its config: by its name.
NAME_HINTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"opus-mt|marian", re.I), "marian"),
    (re.compile(r"nllb|m2m100", re.I), "m2m_100"),
    (re.compile(r"madlad|\bm?t5\b|flan-t5", re.I), "t5"),
]
T5_FAMILY = frozenset({"t5", "mt5", "umt5"})
# Decoder-only families known by name (a hub model not downloaded yet).
CAUSAL_NAMES = re.compile(
    r"translategemma|gemma-?[23]|qwen|llama|sailor|seallm|mistral|phi-?[34]|aya", re.I
)
# Decoder-only model types whose architecture name does not end in "ForCausalLM"
# (TranslateGemma and Gemma 3 4B+ are Gemma3ForConditionalGeneration: text and images).
MULTIMODAL_CAUSAL = frozenset({"gemma3", "gemma3n", "mistral3", "llava", "qwen2_5_vl"})


def is_causal(config: dict[str, Any]) -> bool:
    """Whether a transformers ``config.json`` describes a decoder-only language model."""
    if config.get("is_encoder_decoder"):
        return False
    architectures = config.get("architectures") or []
    if any(str(a).endswith("ForCausalLM") for a in architectures):
        return True
    return config.get("model_type") in MULTIMODAL_CAUSAL


@dataclass(frozen=True)
class ModelSpec:
    """What the translator needs to know about a model beyond its weights.

    Attributes:
        name: what the user asked for (a preset name, a hub id or a path).
        source: the hub id or local directory the weights come from.
        src_lang, tgt_lang: language codes for many-to-many models (NLLB).
        prefix: text put before every source sentence (MADLAD's ``<2en>`` tag).
        licence: the model's licence, shown to the user where it restricts use.
    """

    name: str
    source: str
    src_lang: str | None = None
    tgt_lang: str | None = None
    prefix: str = ""
    licence: str | None = None

    @property
    def is_local(self) -> bool:
        return Path(self.source).expanduser().is_dir()

    @property
    def model_type(self) -> str | None:
        """The transformers ``model_type`` (``marian``, ``m2m_100``, ``t5``, ``gemma3``...):
        from the config when the model is on disk, else known by its name; None when
        neither tells. The one place where a model's family is decided."""
        config = local_config(self)
        if config is not None:
            found = config.get("model_type")
            return str(found) if found else None
        return next((kind for pattern, kind in NAME_HINTS if pattern.search(self.source)), None)

    @property
    def causal(self) -> bool:
        """Whether this is a decoder-only (chat) language model rather than seq2seq."""
        config = local_config(self)
        if config is not None:
            return is_causal(config)
        return bool(CAUSAL_NAMES.search(self.source))

    @property
    def half_precision(self) -> str:
        """The 16-bit type to run it in on a GPU: bfloat16 for the T5 family and the
        chat models (they overflow in float16), float16 for the others."""
        return "bfloat16" if self.causal or self.model_type in T5_FAMILY else "float16"


PRESETS: dict[str, ModelSpec] = {
    "opus-mt": ModelSpec("opus-mt", "Helsinki-NLP/opus-mt-id-en", licence="CC-BY-4.0"),
    "nllb-600m": ModelSpec(
        "nllb-600m",
        "facebook/nllb-200-distilled-600M",
        src_lang="ind_Latn",
        tgt_lang="eng_Latn",
        licence="CC-BY-NC-4.0: non-commercial use only",
    ),
    "madlad-3b": ModelSpec(
        "madlad-3b", "google/madlad400-3b-mt", prefix="<2en> ", licence="Apache-2.0"
    ),
    # TranslateGemma (Gemma 3 fine-tuned for translation): causal LMs, translated through
    # their own chat template by the "causal" backend.
    "translategemma-4b": ModelSpec(
        "translategemma-4b", "google/translategemma-4b-it", licence=GEMMA_TERMS
    ),
    "translategemma-12b": ModelSpec(
        "translategemma-12b", "google/translategemma-12b-it", licence=GEMMA_TERMS
    ),
}

DEFAULT_MODEL = "opus-mt"


def resolve_model(name: str) -> ModelSpec:
    """The spec for a preset name, a local directory or a hub id.

    Hub ids and directories of NLLB and MADLAD models get the language handling of their
    family; anything else is treated as a Marian-style Indonesian-to-English model.

    Raises:
        ModelNotAvailableError: ``name`` is the path of a folder that does not exist.
        UnknownOptionError: ``name`` is neither a preset, a directory nor a hub id.
    """
    name = name.strip()
    if name in PRESETS:
        return PRESETS[name]
    path = Path(name).expanduser()
    if path.is_dir():
        return _family_spec(name, str(path.resolve()))
    known = ", ".join(PRESETS)
    if _looks_like_path(name):
        what = "is a file, not a model folder" if path.exists() else "does not exist"
        raise ModelNotAvailableError(
            f"No such folder: the translation model {name!r} {what}. Check the path of the "
            f"model folder, or use a preset ({known}) or a hub id."
        )
    if _looks_like_hub_id(name):
        return _family_spec(name, name)
    raise UnknownOptionError(
        f"Unknown translation model {name!r}: use a preset ({known}), a hub id such as "
        "'Helsinki-NLP/opus-mt-id-en', or the path of a local model directory."
    )


def _family_spec(name: str, source: str) -> ModelSpec:
    lowered = source.lower()
    if "nllb" in lowered:
        return ModelSpec(name, source, src_lang="ind_Latn", tgt_lang="eng_Latn")
    if "madlad" in lowered:
        return ModelSpec(name, source, prefix="<2en> ")
    return ModelSpec(name, source)


def _looks_like_path(name: str) -> bool:
    """Whether ``name`` can only mean a local folder: absolute, relative, ``~``, or below
    a folder that exists here (``models/opus`` when there is a ``models`` folder)."""
    if name.startswith(("/", "~", ".", "\\")) or name.count("/") > 1 or "\\" in name:
        return True
    return "/" in name and Path(name.split("/")[0]).is_dir()


def _looks_like_hub_id(name: str) -> bool:
    parts = name.split("/")
    return len(parts) == 2 and all(parts) and not name.startswith((".", "~"))


def local_config(spec: ModelSpec) -> dict[str, Any] | None:
    """The model's ``config.json`` if it is on disk (a local folder or the hub cache),
    ``{}`` when it is there but unreadable, None when it is not on disk."""
    folder: Path | None = Path(spec.source).expanduser() if spec.is_local else None
    if folder is None:
        try:
            folder = locate_model(spec.source, download=False)
        except ModelError:
            return None
    path = folder / "config.json"
    if not path.is_file():
        return None
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return config if isinstance(config, dict) else {}
