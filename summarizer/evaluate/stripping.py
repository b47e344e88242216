"""Stripper quality: token F1 of the body against the gold body, per site and overall.

Each case is scored twice where it can be: from the HTML page and from the text a person
gets by select-all + copy in a browser. Baselines: trafilatura's default extraction for
HTML, and the pasted text left as it is.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from statistics import mean

from summarizer.document import Article
from summarizer.errors import SummarizerError
from summarizer.evaluate import metrics
from summarizer.evaluate.data import StripCase, StripSet
from summarizer.evaluate.report import Outcome, Row, Skip

log = logging.getLogger(__name__)

Stripper = Callable[[str], Article]
MODES = ("html", "pasted")


def default_stripper() -> tuple[str, Stripper] | str:
    """The tool's stripper, or the reason it is not available."""
    try:
        from summarizer.stripping import strip
    except ImportError as exc:
        return f"the stripper cannot be imported ({exc})"
    return "summarizer.stripping", strip


def trafilatura_baseline(html: str) -> Article:
    """Trafilatura's default extraction (the baseline for HTML pages)."""
    import trafilatura

    text = trafilatura.extract(html) or ""
    return Article.from_text(text.replace("\n", "\n\n"))


def unchanged(text: str) -> Article:
    """The pasted text as it is (the baseline for pasted input: no stripping)."""
    return Article.from_text(text)


def evaluate_stripper(
    sets: Sequence[StripSet],
    strippers: Sequence[tuple[str, Stripper]],
    baselines: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Outcome:
    """Score each stripper on the HTML and the pasted copy of every case.

    Args:
        sets: cases with gold bodies.
        strippers: (name, function from page or pasted text to an Article) pairs.
        baselines: also score trafilatura (HTML) and the unchanged pasted text.
        progress: called with a line of text before each set.

    Returns:
        One row per set, mode and system: body F1 and title F1 (means over cases), with
        per-site body F1 in ``breakdown``.
    """
    outcome = Outcome()
    for dataset in sets:
        if progress:
            progress(f"strip: {dataset.name} ({len(dataset.cases)} cases)")
        for mode in MODES:
            cases = [c for c in dataset.cases if _input(c, mode) is not None]
            if not cases:
                continue
            systems = [(name, fn, False) for name, fn in strippers]
            if baselines:
                baseline = trafilatura_baseline if mode == "html" else unchanged
                label = "trafilatura" if mode == "html" else "no stripping"
                systems.append((label, baseline, True))
            for name, strip, is_baseline in systems:
                row, bodies = _score(dataset.name, mode, name, strip, cases, is_baseline)
                if row is None:
                    outcome.skipped.append(Skip("strip", f"{name} ({mode})", bodies[0]))
                    continue
                outcome.rows.append(row)
                outcome.outputs[f"strip/{dataset.name}.{mode}.{name}.txt"] = bodies
    return outcome


def _input(case: StripCase, mode: str) -> str | None:
    """The case's HTML or pasted text."""
    return case.html if mode == "html" else case.pasted


def _score(
    dataset: str,
    mode: str,
    name: str,
    strip: Stripper,
    cases: list[StripCase],
    baseline: bool,
) -> tuple[Row | None, list[str]]:
    """The row of one stripper on one mode, and the bodies it returned (or a skip reason)."""
    bodies: list[str] = []
    scores: list[float] = []
    titles: list[float] = []
    by_site: dict[str, list[float]] = {}
    failures: list[str] = []
    elapsed = 0.0
    warm_up = _warm_up(strip, _input(cases[0], mode) or "")
    for case in cases:
        text = _input(case, mode)
        assert text is not None
        start = time.perf_counter()
        try:
            article = strip(text)
        except SummarizerError as exc:  # a refusal (no article, wrong language...) scores 0
            article = Article(paragraphs=[])
            failures.append(f"{case.case_id}: {exc}")
        except ImportError as exc:
            return None, [f"{type(exc).__name__}: {exc}"]
        elapsed += time.perf_counter() - start
        bodies.append(article.text)
        score = metrics.token_f1(article.text, case.body)
        scores.append(score)
        by_site.setdefault(case.site, []).append(score)
        if case.title:
            titles.append(metrics.token_f1(article.title or "", case.title))
    scored = {"body F1": mean(scores)}
    if titles and not baseline:
        scored["title F1"] = mean(titles)
    breakdown = {site: mean(values) for site, values in sorted(by_site.items())}
    breakdown["overall"] = scored["body F1"]
    row = Row.timed(
        "strip",
        f"{dataset} · {mode}",
        name,
        scored,
        len(cases),
        "page",
        elapsed,
        load_seconds=warm_up,
        baseline=baseline,
        breakdown=breakdown,
        notes=[f"raised on {f}" for f in failures],
    )
    return row, bodies


def _warm_up(strip: Stripper, text: str) -> float | None:
    """Seconds of a first, untimed call (imports, lazy models); None if it raised."""
    start = time.perf_counter()
    try:
        strip(text)
    except Exception:  # the timed pass reports failures case by case
        return None
    return time.perf_counter() - start
