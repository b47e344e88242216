"""One evaluation run: load the data, score every stage that can run, write the report.

What cannot run (a model that is not available, a stage that is not installed, a set
that is missing) is skipped with the reason, and the rest is still evaluated.
"""

from __future__ import annotations

import logging
import platform
import re
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from summarizer.errors import ModelError, SummarizerError
from summarizer.evaluate.data import EvalData, load_data
from summarizer.evaluate.digest import Selector, default_selector, evaluate_digest
from summarizer.evaluate.metrics import comet_available, load_comet
from summarizer.evaluate.report import Outcome, Report, Skip, write_report
from summarizer.evaluate.stripping import Stripper, default_stripper, evaluate_stripper
from summarizer.evaluate.tasks import task_names
from summarizer.evaluate.translation import (
    copy_baseline,
    evaluate_translator,
    load_seconds,
    system_name,
)

log = logging.getLogger(__name__)

DEFAULT_MODELS = ("opus-mt",)
Progress = Callable[[str], None]
TranslatorFactory = Callable[[str], Any]


def evaluate(
    task: str = "all",
    models: Sequence[Any] | None = None,
    data: str | Path | EvalData | None = None,
    limit: int | None = None,
    out: str | Path | None = None,
    *,
    translator_factory: TranslatorFactory | None = None,
    stripper: tuple[str, Stripper] | None = None,
    selector: tuple[str, Selector] | None = None,
    comet: bool = True,
    progress: Progress | None = None,
) -> Report:
    """Evaluate the stripper, the translator(s) and the digest on sample data.

    Args:
        task: ``strip``, ``translate``, ``digest`` or ``all``.
        models: model names (presets, hub ids, local directories) or translator objects;
            ``DEFAULT_MODELS`` when None. Several give one table.
        data: a directory, a file, a hub id or loaded :class:`EvalData`; the shipped
            samples when None.
        limit: at most this many items per set.
        out: write ``report.md``, ``report.json``, ``report.png`` and the raw outputs here.
        translator_factory: builds a translator from a model name (the package's
            :class:`~summarizer.translate.Translator` by default).
        stripper: (name, function) to score instead of the package's stripper.
        selector: (name, function) to score instead of the package's digest.
        comet: add COMET to translation rows when unbabel-comet and its model are there.
        progress: called with a line of text as the run goes.

    Returns:
        The report (also written to ``out`` when given).

    Raises:
        UnknownOptionError: ``task`` is not one of the tasks.
        DataNotAvailableError: the data source cannot be found or read.
    """
    tasks = task_names(task)
    loaded = data if isinstance(data, EvalData) else load_data(data, tasks, limit)
    outcome = Outcome()
    if "strip" in tasks:
        outcome.extend(_strip(loaded, stripper, progress))
    if "translate" in tasks:
        chosen = list(models) if models else list(DEFAULT_MODELS)
        outcome.extend(_translate(loaded, chosen, translator_factory, comet, progress))
    if "digest" in tasks:
        outcome.extend(_digest(loaded, selector, progress))
    report = Report(
        rows=outcome.rows,
        skipped=outcome.skipped,
        signatures=outcome.signatures,
        data=loaded.origin,
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        environment=_environment(),
    )
    if out is not None:
        write_report(report, out)
        _write_outputs(outcome.outputs, Path(out) / "outputs")
    return report


def _strip(
    data: EvalData, stripper: tuple[str, Stripper] | None, progress: Progress | None
) -> Outcome:
    """The stripper rows, or a skip when there is no set or no stripper."""
    if not data.strip:
        return Outcome(skipped=[Skip("strip", "stripper", f"no stripper set in {data.origin}")])
    chosen = stripper or default_stripper()
    skipped = []
    if isinstance(chosen, str):
        skipped.append(Skip("strip", "summarizer.stripping", chosen))
    strippers = [] if isinstance(chosen, str) else [chosen]
    outcome = evaluate_stripper(data.strip, strippers, progress=progress)
    outcome.skipped[:0] = skipped
    return outcome


def _digest(
    data: EvalData, selector: tuple[str, Selector] | None, progress: Progress | None
) -> Outcome:
    """The digest rows (LEAD-3 always, the tool's digest when it imports)."""
    if not data.digest:
        return Outcome(skipped=[Skip("digest", "digest", f"no digest set in {data.origin}")])
    chosen = selector or default_selector()
    skipped = []
    if isinstance(chosen, str):
        skipped.append(Skip("digest", "key_sentences", chosen))
    outcome = evaluate_digest(data.digest, [] if isinstance(chosen, str) else [chosen], progress)
    outcome.skipped[:0] = skipped
    return outcome


def _translate(
    data: EvalData,
    models: list[Any],
    factory: TranslatorFactory | None,
    comet: bool,
    progress: Progress | None,
) -> Outcome:
    """The translation rows of every model that can run, and the copy-source floor."""
    outcome = Outcome()
    if not data.translation:
        outcome.skipped.append(
            Skip("translate", "translation", f"no translation set in {data.origin}")
        )
        return outcome
    for dataset in data.translation:
        if dataset.segments:
            outcome.extend(copy_baseline(dataset))
    comet_model = _load_comet(outcome) if comet else None
    for model in models:
        label = model if isinstance(model, str) else system_name(model)
        try:
            translator = _make_translator(model, factory)
            loaded_in = load_seconds(translator)
            outcome.extend(
                evaluate_translator(
                    translator,
                    data.translation,
                    comet_model=comet_model,
                    loaded_in=loaded_in,
                    progress=progress,
                )
            )
        except SummarizerError as exc:
            outcome.skipped.append(_skip_model(label, str(exc), exc, progress))
        except Exception as exc:  # a broken model must not stop the others
            log.exception("evaluating %s failed", label)
            reason = f"{type(exc).__name__}: {exc}"
            outcome.skipped.append(_skip_model(label, reason, exc, progress))
    return outcome


def _skip_model(label: str, reason: str, error: Exception, progress: Progress | None) -> Skip:
    """The skip of a model that could not run, announced through ``progress``."""
    if progress:
        progress(f"translate: skipped {label}: {reason}")
    return Skip("translate", label, reason, error)


def _load_comet(outcome: Outcome) -> Any:
    """The COMET model, or None with the reason recorded in ``outcome``."""
    reason = comet_available()
    if reason is None:
        try:
            return load_comet()
        except Exception as exc:  # offline, no cached checkpoint, broken install
            reason = f"the COMET model could not be loaded ({type(exc).__name__}: {exc})"
    outcome.skipped.append(Skip("translate", "COMET", reason))
    return None


def _make_translator(model: Any, factory: TranslatorFactory | None) -> Any:
    """A translator for a model name (through ``factory``), or the object itself.

    Raises:
        ModelError: the translation package is missing or the name is unknown.
    """
    if not isinstance(model, str):
        return model
    if factory is not None:
        return factory(model)
    try:
        from summarizer.translate import Translator
    except ImportError as exc:
        raise ModelError(f"the translator cannot be imported ({exc})") from exc
    return Translator(model=model)


def _environment() -> dict[str, str]:
    """Versions and machine, so that timings of two reports can be compared."""
    from importlib import metadata

    env = {"python": platform.python_version(), "machine": platform.machine()}
    for package in ("summarizer", "torch", "transformers", "ctranslate2", "sacrebleu"):
        try:
            env[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return env


def _write_outputs(outputs: dict[str, list[str]], folder: Path) -> None:
    """The raw outputs, one file per system and set: one line per output, or blocks
    separated by a rule when the outputs have several lines (whole articles)."""
    for relative, texts in outputs.items():
        path = folder / _safe(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        multiline = any("\n" in t for t in texts)
        separator = "\n\n" + "=" * 40 + "\n\n" if multiline else "\n"
        path.write_text(separator.join(texts) + "\n", encoding="utf-8")


def _safe(relative: str) -> Path:
    """A relative path with only safe characters (model names may hold slashes)."""
    head, _, tail = relative.rpartition("/")
    clean = [re.sub(r"[^\w.+-]+", "_", part).strip("._") or "_" for part in (head, tail) if part]
    return Path(*clean)
