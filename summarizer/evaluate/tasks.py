"""The parts of the tool that evaluation scores, and the metrics it scores them with, by name.

As sacreBLEU names its metrics (``sacrebleu.metrics.METRICS``), each part and each metric
is registered here once; the loader, the runner, the report, its chart and the command line
read these tables instead of keeping their own lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from summarizer.errors import UnknownOptionError
from summarizer.evaluate import metrics
from summarizer.evaluate.metrics import CorpusScore


@dataclass(frozen=True)
class Task:
    """One part of the tool that evaluation scores.

    Attributes:
        name: what the command line and the report call it (``translate``).
        title: how a chart heads it (``Translation``).
        metrics: its scores, the main one (the chart's) first; later ones are read when a
            row lacks the first.
    """

    name: str
    title: str
    metrics: tuple[str, ...]


#: Every part, in the order a report shows them.
TASKS: dict[str, Task] = {
    task.name: task
    for task in (
        Task("strip", "Stripper", ("body F1", "title F1")),
        Task("translate", "Translation", ("chrF++", "BLEU", "COMET")),
        Task("digest", "Key points", ("ROUGE-L", "ROUGE-1", "ROUGE-2")),
    )
}
ALL = "all"

CorpusMetric = Callable[[Sequence[str], Sequence[str]], CorpusScore]
#: The corpus-level translation metrics, by the name a report gives their column (COMET,
#: which needs a loaded model and the sources, is added by the translation part itself).
TRANSLATION_METRICS: dict[str, CorpusMetric] = {
    "BLEU": metrics.bleu,
    "chrF++": metrics.chrf_pp,
}


def task_names(task: str) -> tuple[str, ...]:
    """The task names that ``task`` (a name, or ``all``) asks for.

    Raises:
        UnknownOptionError: ``task`` is neither a registered part nor ``all``.
    """
    if task == ALL:
        return tuple(TASKS)
    if task not in TASKS:
        raise UnknownOptionError(
            f"unknown evaluation task {task!r}; choose from {', '.join(TASKS)} or {ALL}"
        )
    return (task,)
