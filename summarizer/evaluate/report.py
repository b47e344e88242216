"""The evaluation report: rows of scores and speed, what was skipped, and its files.

:func:`write_report` writes ``report.md`` (tables), ``report.json`` (everything, for the UI
and for comparing runs) and ``report.png`` (one panel per evaluated part: the main score of
each configuration per set, baselines drawn, time per item in the labels) into the output directory.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.evaluate.tasks import TASKS

REPORT_FILES = ("report.md", "report.json", "report.png")


@dataclass(frozen=True)
class Row:
    """One configuration scored on one set.

    Attributes:
        task: ``translate``, ``digest`` or ``strip``.
        dataset: the set and how it was used (``ntrex128 · articles``).
        system: the model, the tool's stage or the baseline that produced the output.
        metrics: score name to value (0-100).
        items: how many items (articles, sentences, pages) were scored.
        unit: what one item is.
        seconds_per_item: mean wall time per item, model load excluded.
        tokens_per_second: output tokens (sacreBLEU 13a) per second, translation only.
        load_seconds: time to load the model, or of a first untimed call (imports and lazy
            loading) for stages without a model.
        baseline: whether this is a reference point rather than the tool.
        breakdown: secondary scores (per site for the stripper).
        notes: anything a reader should know about this row.
    """

    task: str
    dataset: str
    system: str
    metrics: dict[str, float]
    items: int
    unit: str
    seconds_per_item: float | None = None
    tokens_per_second: float | None = None
    load_seconds: float | None = None
    baseline: bool = False
    breakdown: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def timed(
        cls,
        task: str,
        dataset: str,
        system: str,
        metrics: dict[str, float],
        items: int,
        unit: str,
        seconds: float,
        **fields: Any,
    ) -> Row:
        """The row of ``items`` scored in ``seconds`` of wall time (model load excluded):
        every part builds its rows here, so that time per item means the same in all."""
        return cls(task, dataset, system, metrics, items, unit, seconds / items, **fields)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Skip:
    """Something the run did not evaluate, and why.

    ``error`` is the exception that stopped it, kept for the caller (the CLI turns it into
    an exit code); ``report.json`` holds its class name, and a report read back has none.
    """

    task: str
    what: str
    reason: str
    error: Exception | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field (the error by its class name)."""
        error = type(self.error).__name__ if self.error is not None else None
        return {"task": self.task, "what": self.what, "reason": self.reason, "error": error}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Skip:
        """A skip read back from ``report.json`` (the exception itself is not kept there)."""
        return cls(data["task"], data["what"], data["reason"])


@dataclass(frozen=True)
class Report:
    """Everything one evaluation run measured.

    Attributes:
        rows: the scored configurations, grouped by task and dataset in run order.
        skipped: what was not evaluated and why.
        signatures: metric name to the library signature that reproduces it.
        data: the data source evaluated.
        created: ISO 8601 time of the run (UTC).
        environment: package versions and machine, so that timings can be compared.
    """

    rows: list[Row]
    skipped: list[Skip]
    signatures: dict[str, str]
    data: str
    created: str
    environment: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return {
            "data": self.data,
            "created": self.created,
            "environment": dict(self.environment),
            "signatures": dict(self.signatures),
            "rows": [r.as_dict() for r in self.rows],
            "skipped": [s.as_dict() for s in self.skipped],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """A report read back from ``report.json``."""
        return cls(
            rows=[Row(**r) for r in data["rows"]],
            skipped=[Skip.from_dict(s) for s in data["skipped"]],
            signatures=dict(data["signatures"]),
            data=data["data"],
            created=data["created"],
            environment=dict(data.get("environment", {})),
        )


@dataclass
class Outcome:
    """Rows, skips, signatures and raw outputs of one evaluation step."""

    rows: list[Row] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    signatures: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, list[str]] = field(default_factory=dict)

    def extend(self, other: Outcome) -> None:
        """Add the results of ``other`` to this outcome."""
        self.rows.extend(other.rows)
        self.skipped.extend(other.skipped)
        self.signatures.update(other.signatures)
        self.outputs.update(other.outputs)


def write_report(report: Report, out: str | Path) -> dict[str, Path]:
    """Write ``report.md``, ``report.json`` and ``report.png`` into ``out``.

    Args:
        report: the run's results.
        out: the output directory, created if missing.

    Returns:
        The path of each file by kind (``markdown``, ``json``, ``chart``).
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "markdown": folder / "report.md",
        "json": folder / "report.json",
        "chart": folder / "report.png",
    }
    paths["json"].write_text(
        json.dumps(report.as_dict(), indent=2, ensure_ascii=False), encoding="utf-8"
    )
    paths["markdown"].write_text(to_markdown(report, chart="report.png"), encoding="utf-8")
    write_chart(report, paths["chart"])
    return paths


def load_report(folder: str | Path) -> Report:
    """The report saved in ``folder`` (its ``report.json``), e.g. for the UI."""
    path = Path(folder) / "report.json"
    return Report.from_dict(json.loads(path.read_text(encoding="utf-8")))


def to_markdown(report: Report, chart: str | None = None) -> str:
    """The report as Markdown: one table per task, per-site stripper scores, skips."""
    lines = [f"# Evaluation report\n\nData: `{report.data}` · run {report.created}"]
    if report.environment:
        env = ", ".join(f"{k} {v}" for k, v in report.environment.items())
        lines.append(f"Environment: {env}")
    for task, title in (
        ("translate", "Translation (Indonesian → English)"),
        ("digest", "Digest (key points)"),
        ("strip", "Stripper (article body)"),
    ):
        rows = _by_dataset([r for r in report.rows if r.task == task])
        if rows:
            lines.append(f"## {title}\n\n{_table(rows)}")
            notes = [f"- {r.system} on {r.dataset}: {n}" for r in rows for n in r.notes]
            if notes:
                lines.append("\n".join(notes))
        if task == "strip" and any(r.breakdown for r in rows):
            lines.append(f"### Body F1 per site\n\n{_breakdown_table(rows)}")
    if chart:
        lines.append(f"![quality against time per article]({chart})")
    if report.signatures:
        sigs = "\n".join(f"- {name}: `{sig}`" for name, sig in report.signatures.items())
        lines.append(f"## Metric signatures\n\n{sigs}")
    if report.skipped:
        skipped = "\n".join(f"- **{s.task}**: {s.what}: {s.reason}" for s in report.skipped)
        lines.append(f"## Skipped\n\n{skipped}")
    return "\n\n".join(lines) + "\n"


def _by_dataset(rows: list[Row]) -> list[Row]:
    """Rows grouped by dataset (in order of first appearance), baselines first in a group."""
    order = {name: i for i, name in reversed(list(enumerate(r.dataset for r in rows)))}
    return sorted(rows, key=lambda r: (order[r.dataset], not r.baseline))


def _table(rows: Sequence[Row]) -> str:
    """A Markdown table of rows: dataset, system, metrics, then speed (empty columns left out)."""
    metrics: list[str] = []
    for row in rows:
        metrics.extend(m for m in row.metrics if m not in metrics)
    speed = [
        ("s / item", lambda r: _number(r.seconds_per_item, 3)),
        ("tokens/s", lambda r: _number(r.tokens_per_second, 0)),
        ("load s", lambda r: _number(r.load_seconds, 1)),
    ]
    speed = [(name, cell) for name, cell in speed if any(cell(r) != "-" for r in rows)]
    header = ["data", "system", *metrics, "n", *(name for name, _ in speed)]
    body = []
    for row in rows:
        system = f"{row.system} (baseline)" if row.baseline else row.system
        cells = [row.dataset, system]
        cells += [_number(row.metrics.get(m)) for m in metrics]
        cells.append(f"{row.items} {row.unit}{'' if row.items == 1 else 's'}")
        cells += [cell(row) for _, cell in speed]
        body.append(cells)
    return _markdown_table(header, body, text_columns=2)


def _breakdown_table(rows: Sequence[Row]) -> str:
    """A Markdown table of per-site scores, one column per stripper row."""
    rows = [r for r in rows if r.breakdown]
    keys: list[str] = []
    for row in rows:
        keys.extend(k for k in row.breakdown if k not in keys)
    header = ["site", *(f"{r.system} · {r.dataset}" for r in rows)]
    keys = [k for k in keys if k != "overall"] + ["overall"]
    body = [[key, *(_number(r.breakdown.get(key)) for r in rows)] for key in keys]
    return _markdown_table(header, body, text_columns=1)


def _markdown_table(header: Sequence[str], body: Sequence[Sequence[str]], text_columns: int) -> str:
    """Header and rows as a pipe table, numbers right-aligned; pipes in cells escaped."""

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    aligns = ["---"] * text_columns + ["---:"] * (len(header) - text_columns)
    return "\n".join([line(header), "| " + " | ".join(aligns) + " |", *map(line, body)])


def _number(value: float | None, digits: int = 1) -> str:
    """A number for a table cell; a dash when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:.{digits}f}"


#: The parts of the tool as a chart names them (the report's rows keep their own names).
DISPLAY_NAMES = {
    "key_sentences": "key points (this tool)",
    "summarizer.stripping": "stripper (this tool)",
}


@dataclass(frozen=True)
class Bar:
    """One bar of the chart: a configuration's main score on one set."""

    dataset: str
    system: str
    metric: str
    score: float
    seconds_per_item: float | None
    unit: str
    baseline: bool


def display_name(system: str) -> str:
    """A system as a reader wants it: the tool's parts named, a model folder by its name."""
    if system in DISPLAY_NAMES:
        return DISPLAY_NAMES[system]
    if system.startswith(("/", "~", ".")):
        return system.rstrip("/").rsplit("/", 1)[-1] or system
    return system


def chart_bars(report: Report) -> dict[str, list[Bar]]:
    """Per evaluated part (in the registry's order), a bar per row with its main metric."""
    panels: dict[str, list[Bar]] = {}
    for task, preferred in ((t.name, t.metrics) for t in TASKS.values()):
        rows = [r for r in report.rows if r.task == task]
        if not any(not r.baseline for r in rows):
            continue  # nothing of the tool itself was evaluated: no panel
        for row in rows:
            metric = next((m for m in preferred if m in row.metrics), None)
            if metric is None:
                continue
            panels.setdefault(task, []).append(
                Bar(
                    row.dataset,
                    display_name(row.system),
                    metric,
                    row.metrics[metric],
                    row.seconds_per_item,
                    row.unit,
                    row.baseline,
                )
            )
    return panels


def write_chart(report: Report, path: Path) -> None:
    """A PNG with one panel per evaluated part: each configuration's main score per set,
    on one 0-100 axis for every panel, baselines in grey, the time per item in the label."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    panels = chart_bars(report)
    heights = [len(bars) + len({b.dataset for b in bars}) for bars in panels.values()] or [2]
    figure = Figure(
        figsize=(9.0, 1.2 + 0.42 * sum(heights) + 0.9 * len(heights)),
        dpi=110,
        layout="constrained",
    )
    FigureCanvasAgg(figure)
    if not panels:
        axes = figure.add_subplot(1, 1, 1)
        axes.text(0.5, 0.5, "nothing was evaluated", ha="center", va="center")
        axes.set_axis_off()
    else:
        grid = figure.add_gridspec(len(panels), 1, height_ratios=heights)
        for i, (task, bars) in enumerate(panels.items()):
            _panel(figure.add_subplot(grid[i, 0]), task, bars)
    figure.suptitle("Scores per set (0-100, higher is better); grey: baselines")
    figure.savefig(path, format="png")


def _panel(axes: Any, task: str, bars: list[Bar]) -> None:
    """One part's horizontal bars, grouped by set, each labelled with its score and speed."""
    labels: list[str] = []
    positions: list[float] = []
    y = 0.0
    for dataset in dict.fromkeys(b.dataset for b in bars):
        group = [b for b in bars if b.dataset == dataset]
        for bar in group:
            axes.barh(
                y,
                bar.score,
                height=0.75,
                color="0.72" if bar.baseline else "#4c5fd5",
                hatch="//" if bar.baseline else None,
                edgecolor="0.45" if bar.baseline else "#4c5fd5",
            )
            axes.text(
                min(bar.score, 100.0) + 1.0,
                y,
                f"{bar.score:.1f}" + _speed(bar),
                va="center",
                fontsize=8,
            )
            labels.append(f"{bar.system}\n{dataset}" if bar is group[0] else bar.system)
            positions.append(y)
            y += 1.0
        y += 0.6  # a gap between sets
    axes.set_yticks(positions, labels, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(0, 118)  # the same axis in every panel; room for the labels after 100
    axes.set_xticks(range(0, 101, 20))
    metrics = ", ".join(dict.fromkeys(b.metric for b in bars))
    axes.set_title(
        f"{TASKS[task].title if task in TASKS else task}: {metrics}", fontsize=10, loc="left"
    )
    axes.grid(True, axis="x", alpha=0.3)


def _speed(bar: Bar) -> str:
    """`` · 12 ms/article``, or nothing when the row has no time."""
    if bar.seconds_per_item is None:
        return ""
    seconds = bar.seconds_per_item
    value = f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.3g} ms"
    return f" · {value}/{bar.unit}"
