"""Evaluation mode: score the stripper, the translator and the digest on real references.

    >>> from summarizer.evaluate import evaluate
    >>> report = evaluate("all", models=["opus-mt"], out="out/eval")  # doctest: +SKIP

The shipped samples (``eval/data``) make it work offline; ``data`` also takes a directory,
a JSONL/CSV/TSV file or a hub dataset id. Metrics are sacreBLEU's and rouge-score's own.
"""

from __future__ import annotations

from summarizer.evaluate.data import (
    DataNotAvailableError,
    EvalData,
    load_data,
    shipped_data_dir,
)
from summarizer.evaluate.report import Report, Row, Skip, load_report, to_markdown, write_report
from summarizer.evaluate.runner import DEFAULT_MODELS, evaluate
from summarizer.evaluate.tasks import TASKS, TRANSLATION_METRICS, Task

__all__ = [
    "DEFAULT_MODELS",
    "TASKS",
    "TRANSLATION_METRICS",
    "DataNotAvailableError",
    "EvalData",
    "Report",
    "Row",
    "Skip",
    "Task",
    "evaluate",
    "load_data",
    "load_report",
    "shipped_data_dir",
    "to_markdown",
    "write_report",
]
