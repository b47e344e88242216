"""How a batch shows its progress: a tqdm bar on a terminal, plain lines in a log file."""

from __future__ import annotations

import time
from typing import Any, Protocol, TextIO


class Reporter(Protocol):
    """What the batch runner tells as it goes."""

    def start(self, total: int) -> None:
        """The run begins with ``total`` articles to consider."""
        ...

    def advance(self, articles: int, sentences: int = 0, *, worked: bool = True) -> None:
        """``articles`` more are finished; ``worked`` is False for those skipped as done."""
        ...

    def stage(self, done: int, total: int) -> None:
        """Translation progress inside the current group of articles."""
        ...

    def close(self) -> None:
        """The run is over (or stopped)."""
        ...


class NullReporter:
    """Reports nothing (every method of :class:`Reporter` does nothing)."""

    def start(self, total: int) -> None:
        pass

    def advance(self, articles: int, sentences: int = 0, *, worked: bool = True) -> None:
        pass

    def stage(self, done: int, total: int) -> None:
        pass

    def close(self) -> None:
        pass


class _Rates:
    """Counts and rates of the articles actually worked on (not those skipped)."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.total = 0
        self.seen = 0
        self.worked = 0
        self.sentences = 0

    def add(self, articles: int, sentences: int, worked: bool) -> None:
        """Count articles seen (and, if translated now, their sentences)."""
        self.seen += articles
        if worked:
            self.worked += articles
            self.sentences += sentences

    def line(self) -> str:
        """One progress line: counts, rates and the time left."""
        elapsed = max(time.monotonic() - self.start, 1e-9)
        per_s = self.worked / elapsed
        left = self.total - self.seen
        eta = _duration(left / per_s) if per_s > 0 and left > 0 else "-"
        percent = 100 * self.seen / self.total if self.total else 100.0
        return (
            f"{self.seen}/{self.total} articles ({percent:.0f}%) · {per_s:.2f} articles/s · "
            f"{self.sentences / elapsed:.1f} sentences/s · ETA {eta}"
        )


class LogReporter:
    """A plain line every ``every`` seconds and at the end (for logs and pipes).

    Args:
        stream: where lines go (the CLI passes stderr).
        every: seconds between lines.
    """

    def __init__(self, stream: TextIO, every: float = 30.0) -> None:
        self.stream = stream
        self.every = every
        self.rates = _Rates()
        self._last = 0.0

    def start(self, total: int) -> None:
        self.rates = _Rates()
        self.rates.total = total
        self._last = time.monotonic()
        self._write(f"batch: {total} articles to consider")

    def advance(self, articles: int, sentences: int = 0, *, worked: bool = True) -> None:
        self.rates.add(articles, sentences, worked)
        if time.monotonic() - self._last >= self.every:
            self._last = time.monotonic()
            self._write("batch: " + self.rates.line())

    def stage(self, done: int, total: int) -> None:
        pass

    def close(self) -> None:
        self._write("batch: " + self.rates.line())

    def _write(self, line: str) -> None:
        """Write one line and flush it."""
        self.stream.write(line + "\n")
        self.stream.flush()


class TqdmReporter:
    """A tqdm progress bar: articles, articles/s, sentences/s and ETA.

    Args:
        stream: the terminal stream the bar is drawn on.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.rates = _Rates()
        self.bar: Any = None

    def start(self, total: int) -> None:
        from tqdm import tqdm

        self.rates = _Rates()
        self.rates.total = total
        self.bar = tqdm(
            total=total, unit="article", file=self.stream, dynamic_ncols=True, smoothing=0.05
        )

    def advance(self, articles: int, sentences: int = 0, *, worked: bool = True) -> None:
        self.rates.add(articles, sentences, worked)
        if self.bar is not None:
            elapsed = max(time.monotonic() - self.rates.start, 1e-9)
            self.bar.set_postfix_str(f"{self.rates.sentences / elapsed:.1f} sent/s", refresh=False)
            if worked:
                self.bar.update(articles)
            else:  # done by an earlier run: out of the bar, so that its rate and ETA hold
                self.bar.total -= articles
                self.bar.refresh()

    def stage(self, done: int, total: int) -> None:
        if self.bar is not None and total:
            self.bar.set_description_str(f"translating {done}/{total}", refresh=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.set_description_str("", refresh=False)
            self.bar.close()
            self.bar = None


def _duration(seconds: float) -> str:
    """``1h02m``, ``3m05s`` or ``12s``."""
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


def reporter_for(stream: TextIO, enabled: bool = True) -> Reporter:
    """A bar on a terminal, plain lines otherwise, nothing when disabled."""
    if not enabled:
        return NullReporter()
    isatty = getattr(stream, "isatty", None)
    return TqdmReporter(stream) if isatty and isatty() else LogReporter(stream)
