"""Batch translation of a folder: thousands of articles, resumable, nothing lost.

    >>> from summarizer.batch import run_folder
    >>> summary = run_folder(Path("articles"), Path("out"), Options(model="opus-mt"))
    >>> summary.done, summary.skipped, summary.failed

:func:`run_batch` is the per-shard core (a list of files in, outputs and manifest lines
out); :func:`run_folder` runs it over a whole folder, :func:`run_distributed` over a whole
folder on a Ray cluster (``pip install -e ".[ray]"``). Inputs are read by :mod:`.inputs`,
translations cached by :mod:`.cache`, progress recorded in :mod:`.manifest`.
"""

from __future__ import annotations

from summarizer.batch.cache import CachedTranslator, TranslationCache
from summarizer.batch.distributed import run_distributed
from summarizer.batch.inputs import SUFFIXES, Unit, discover, read_units
from summarizer.batch.manifest import Entry, Manifest
from summarizer.batch.runner import OutputError, Summary, run_batch, run_folder

__all__ = [
    "SUFFIXES",
    "CachedTranslator",
    "Entry",
    "Manifest",
    "OutputError",
    "Summary",
    "TranslationCache",
    "Unit",
    "discover",
    "read_units",
    "run_batch",
    "run_distributed",
    "run_folder",
]
