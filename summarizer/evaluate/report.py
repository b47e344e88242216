"""The evaluation report: rows of scores and speed, what was skipped, and its files.

:func:`write_report` writes ``report.md`` (tables), ``report.json`` (everything, for the UI
and for comparing runs) and ``report.png`` (quality against time per article, one point per
configuration) into the output directory.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The metric each task's chart plots, in order of preference.
PRIMARY_METRIC = {
    "translate": ("chrF++", "BLEU"),
    "digest": ("ROUGE-L", "ROUGE-1"),
    "strip": ("body F1",),
}
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

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Skip:
    """Something the run did not evaluate, and why (``error``: the exception's class name)."""

    task: str
    what: str
    reason: str
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        return dataclasses.asdict(self)


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
            skipped=[Skip(**s) for s in data["skipped"]],
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


def chart_points(report: Report) -> dict[str, list[tuple[str, float, float, bool]]]:
    """Per chart panel: (label, seconds per item, score, baseline) of each row with a time."""
    panels: dict[str, list[tuple[str, float, float, bool]]] = {}
    for task, preferred in PRIMARY_METRIC.items():
        rows = [r for r in report.rows if r.task == task and r.seconds_per_item is not None]
        if task == "translate":
            articles = [r for r in rows if r.unit == "article"]
            rows = articles or rows
        for row in rows:
            metric = next((m for m in preferred if m in row.metrics), None)
            if metric is None or row.seconds_per_item is None:
                continue
            title = f"{task}: {metric} on {row.dataset}"
            label = row.system
            panels.setdefault(title, []).append(
                (label, row.seconds_per_item, row.metrics[metric], row.baseline)
            )
    return panels


def write_chart(report: Report, path: Path) -> None:
    """A PNG of quality against seconds per item, one panel per task and set."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    panels = chart_points(report)
    count = max(1, len(panels))
    columns = min(3, count)
    rows = math.ceil(count / columns)
    figure = Figure(figsize=(5.2 * columns, 4.0 * rows), dpi=110, layout="constrained")
    FigureCanvasAgg(figure)
    if not panels:
        axes = figure.add_subplot(1, 1, 1)
        axes.text(0.5, 0.5, "nothing was evaluated", ha="center", va="center")
        axes.set_axis_off()
    for i, (title, points) in enumerate(panels.items()):
        axes = figure.add_subplot(rows, columns, i + 1)
        _panel(axes, title, points)
    figure.suptitle("Quality against time per item (up and left is better)")
    figure.savefig(path, format="png")


def _panel(axes: Any, title: str, points: list[tuple[str, float, float, bool]]) -> None:
    """One scatter panel: a point per configuration, labelled, baselines as grey squares."""
    scale, unit = (1.0, "seconds") if max(p[1] for p in points) >= 1 else (1000.0, "ms")
    times = [max(p[1] * scale, 1e-9) for p in points]
    log = len(times) > 1 and max(times) / min(times) > 50
    if log:
        axes.set_xscale("log")
        low_x, high_x = min(times) / 2, max(times) * 4
    else:
        low_x, high_x = 0.0, max(times) * 1.35
    axes.set_xlim(low_x, high_x)
    for (label, _, score, baseline), x in zip(points, times, strict=True):
        axes.scatter(
            [x],
            [score],
            s=60,
            marker="s" if baseline else "o",
            color="0.55" if baseline else None,
            zorder=3,
        )
        # labels of points in the right part of the panel go to their left, to stay inside
        if log:
            where = math.log(x / low_x) / math.log(high_x / low_x)
        else:
            where = (x - low_x) / (high_x - low_x)
        right = where > 0.6
        axes.annotate(
            label,
            (x, score),
            textcoords="offset points",
            xytext=(-6, 4) if right else (6, 4),
            ha="right" if right else "left",
            fontsize=8,
        )
    low = min(p[2] for p in points)
    high = max(p[2] for p in points)
    margin = max(2.0, 0.15 * (high - low))
    axes.set_ylim(max(0.0, low - margin), high + margin)
    axes.set_title(title, fontsize=9)
    axes.set_xlabel(f"{unit} per item (model load excluded)")
    axes.set_ylabel("score (0-100)")
    axes.grid(True, alpha=0.3)
