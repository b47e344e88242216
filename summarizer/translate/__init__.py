"""Translation: presets, backends and the Translator."""

from summarizer.translate.presets import DEFAULT_MODEL, PRESETS, ModelSpec, resolve_model
from summarizer.translate.translator import SentenceTranslator, Translation, Translator

__all__ = [
    "DEFAULT_MODEL",
    "PRESETS",
    "ModelSpec",
    "SentenceTranslator",
    "Translation",
    "Translator",
    "resolve_model",
]
