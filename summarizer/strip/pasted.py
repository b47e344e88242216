"""The body of a pasted page: classify lines, keep the densest run of prose.

A browser's select-all + copy gives one line per block of the page: menus, the headline,
the date line, the byline, captions, the body paragraphs, "Baca juga" links, related
headlines, the footer. Each line gets a score from what it shows (jusText's idea):
running text (many words, sentence punctuation, a high stopword density) scores by its
length; short lines (menu items, headlines) and lines that match a boilerplate pattern
score below zero. The body is the contiguous run of lines with the highest total score
(the densest run of prose); inside it, pattern lines, lists of short lines and repeated
pull quotes are dropped. The same selection serves HTML pages (see :mod:`.html`), where
trafilatura's extraction adds a bonus to the lines it kept.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from summarizer.document import Article, Notice
from summarizer.errors import NoArticleError
from summarizer.strip import patterns
from summarizer.strip.language import detect_language, stopword_density, words

logger = logging.getLogger(__name__)

# Score of a boilerplate line by kind. Inline clutter ("Baca juga" links, ad markers, counters) sits inside articles, so it
# weighs little; what closes an article (list headings, footers, staff lines) weighs most.
_PATTERN_SCORE = {
    "list-heading": -40.0,
    "footer": -15.0,
    "staff": -15.0,
    "link": -3.0,
    "counter": -3.0,
    "pagination": -3.0,
    "credit": -5.0,
    "initials": -5.0,
    "dated-headline": -6.0,
}
_DEFAULT_PATTERN_SCORE = -8.0
# A pull quote repeats a sentence at most this many paragraphs away.
_REPEAT_WINDOW = 20
# At most this many headline lines follow a bare "Baca juga:" line.
_MAX_LINKED = 5
_TERMINAL = re.compile(r"[.!?…:;\"”’'»)]\s*$")
_SENTENCE_INSIDE = re.compile(r"[.!?][\"”’»)]*\s+[\"“'(]*[A-Z]")
# A run of this many short lines inside the body is a list of links, not the article.
_MAX_SHORT_RUN = 3
# Below this many words of prose, a selection is not an article.
MIN_BODY_WORDS = 25


@dataclass(frozen=True)
class Line:
    """One line of the page with the features the classifier uses."""

    text: str
    n_words: int
    density: float
    terminal: bool
    pattern: str | None
    caps: bool

    @property
    def prose(self) -> bool:
        """Running text: long enough, punctuated, full of function words."""
        if self.pattern is not None or self.n_words < 8:
            return False
        if patterns.DATELINE.match(self.text):
            return True
        punctuated = self.terminal or bool(_SENTENCE_INSIDE.search(self.text))
        if self.density >= 0.22:
            return punctuated or self.n_words >= 15
        # Names and figures lower the density of a lead; length and punctuation make up.
        return self.density >= 0.1 and self.n_words >= 15 and punctuated

    @property
    def short(self) -> bool:
        """A menu item, a headline or a label: neither prose nor a pattern."""
        return self.pattern is None and not self.prose and not self.sentence

    @property
    def sentence(self) -> bool:
        """A short but complete sentence (a one-line paragraph or a subheading with a stop)."""
        return (
            self.pattern is None
            and 4 <= self.n_words < 8
            and self.terminal
            and self.density >= 0.2
            and not self.text.rstrip().endswith(":")
        )


@dataclass(frozen=True)
class Selection:
    """The outcome of :func:`select_body`: kept paragraphs and dropped lines, in order."""

    paragraphs: list[str]
    removed: list[str]
    start: int
    end: int


def make_line(text: str) -> Line:
    """Features of one line of text."""
    stripped = text.strip()
    tokens = words(stripped)
    caps = len(tokens) <= 8 and stripped.isupper() and sum(c.isalpha() for c in stripped) >= 3
    return Line(
        text=stripped,
        n_words=len(tokens),
        density=stopword_density(tokens),
        terminal=bool(_TERMINAL.search(stripped)),
        pattern=patterns.is_boilerplate(stripped),
        caps=caps,
    )


def score(line: Line) -> float:
    """How much ``line`` looks like body text (> 0) or clutter (< 0)."""
    if line.pattern is not None:
        return _PATTERN_SCORE.get(line.pattern, _DEFAULT_PATTERN_SCORE)
    if line.caps:
        return -5.0
    if line.prose:
        return float(line.n_words)
    if line.sentence:
        return 0.5 * line.n_words
    if patterns.DATELINE_ALONE.match(line.text):
        return 0.0
    return -2.0 if line.n_words <= 3 else -4.0


def best_run(scores: list[float]) -> tuple[int, int]:
    """Bounds ``[start, end)`` of the contiguous run with the highest total (Kadane)."""
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for i, value in enumerate(scores):
        if total <= 0:
            total, start = value, i
        else:
            total += value
        if total > best:
            best, best_start, best_end = total, start, i + 1
    return best_start, best_end


def select_body(
    lines: list[Line],
    bonus: list[float] | None = None,
    window: tuple[int, int] | None = None,
    keepable: list[bool] | None = None,
) -> Selection:
    """Choose the body among ``lines``: the best-scoring run, cleaned of clutter.

    Args:
        lines: the page's lines, in order, blank lines left out.
        bonus: per-line score to add (trafilatura's vote on an HTML page), or None.
        window: bounds ``[lo, hi)`` outside which no line is kept, or None for all.
        keepable: per line, whether it may be kept at all (scored either way), or None.

    Returns:
        The kept paragraphs (a stand-alone dateline joined to the lead) and the dropped
        lines, both in page order.
    """
    scores = [score(line) for line in lines]
    if bonus is not None:
        scores = [s + b for s, b in zip(scores, bonus, strict=True)]
    if window is not None:
        lo, hi = window
        scores = [s if lo <= i < hi else -1e9 for i, s in enumerate(scores)]
    start, end = best_run(scores)
    # A dateline alone on the line before the lead belongs to the lead.
    if start > 0 and patterns.DATELINE_ALONE.match(lines[start - 1].text):
        start -= 1
    keep = [start <= i < end and lines[i].pattern is None for i in range(len(lines))]
    if keepable is not None:
        keep = [k and ok for k, ok in zip(keep, keepable, strict=True)]
    _drop_before_lead(lines, keep, start, end)
    _drop_linked_headlines(lines, keep)
    _drop_short_runs(lines, keep, start, end)
    _drop_repeats(lines, keep)
    paragraphs: list[str] = []
    removed: list[str] = []
    pending_dateline = ""
    for i, line in enumerate(lines):
        if not keep[i]:
            removed.append(line.text)
            continue
        text = patterns.strip_trailing_counter(line.text)
        if patterns.DATELINE_ALONE.match(text):
            pending_dateline = f"{pending_dateline} {text}".strip()
            continue
        if pending_dateline:
            text = f"{pending_dateline} {text}"
            pending_dateline = ""
        text, link = patterns.strip_inline_link(text)
        if link:
            removed.append(link)
        paragraphs.append(text)
    if pending_dateline:
        removed.append(pending_dateline)
    if paragraphs:
        last, initials = patterns.strip_trailing_initials(paragraphs[-1])
        if initials:
            paragraphs[-1] = last
            removed.append(initials)
    return Selection(paragraphs=paragraphs, removed=removed, start=start, end=end)


def _drop_linked_headlines(lines: list[Line], keep: list[bool]) -> None:
    """Drop the headlines listed under a bare "Baca juga:" line (the links themselves)."""
    for i, line in enumerate(lines):
        match = patterns.LINK_ANNOUNCE.match(line.text)
        if not match or words(line.text[match.end() :]):
            continue
        for j in range(i + 1, min(len(lines), i + 1 + _MAX_LINKED)):
            if lines[j].prose or lines[j].sentence or lines[j].pattern is not None:
                break
            keep[j] = False


def _drop_before_lead(lines: list[Line], keep: list[bool], start: int, end: int) -> None:
    """Drop what precedes a lead that opens with a dateline (captions, teasers)."""
    kept = [i for i in range(start, end) if keep[i]]
    for i in kept[:4]:
        if patterns.DATELINE.match(lines[i].text) or patterns.DATELINE_ALONE.match(lines[i].text):
            for k in range(start, i):
                if not patterns.DATELINE_ALONE.match(lines[k].text):
                    keep[k] = False
            return


def _drop_short_runs(lines: list[Line], keep: list[bool], start: int, end: int) -> None:
    """Drop runs of short lines (lists of related headlines, menus) inside the body."""
    i = start
    while i < end:
        if not (keep[i] and lines[i].short):
            i += 1
            continue
        j = i
        while j < end and (lines[j].short or not keep[j]) and not lines[j].prose:
            j += 1
        shorts = [k for k in range(i, j) if keep[k]]
        if len(shorts) >= _MAX_SHORT_RUN:
            for k in shorts:
                keep[k] = False
        i = max(j, i + 1)


def _normal(text: str) -> str:
    """Lower-cased words only, for comparing lines."""
    return " ".join(words(text))


def _drop_repeats(lines: list[Line], keep: list[bool]) -> None:
    """Drop kept lines repeated inside a nearby longer kept line (pull quotes, teasers)."""
    kept = [i for i, k in enumerate(keep) if k]
    normals = [_normal(lines[i].text) for i in kept]
    for n, i in enumerate(kept):
        own = normals[n]
        if len(own) < 20:
            continue
        near = normals[max(0, n - _REPEAT_WINDOW) : n + _REPEAT_WINDOW + 1]
        if any(len(other) > len(own) and own in other for other in near):
            keep[i] = False


@dataclass(frozen=True)
class Byline:
    """Date and author as the lines around the headline give them."""

    date: str | None = None
    author: str | None = None


_AUTHOR_LINE = re.compile(
    r"^\W*(?:penulis|pewarta|reporter|wartawan|kontributor|oleh|by)\s*[:|]?\s*(.{3,60})$",
    re.IGNORECASE,
)


def find_byline(lines: list[Line], start: int) -> Byline:
    """The date line and the writer's line nearest above the body (or just below it)."""
    date = author = None
    for i in range(start - 1, max(0, start - 15) - 1, -1):
        line = lines[i]
        if line.pattern in ("date", "dated-headline") and patterns.HAS_DATE.search(line.text):
            date = patterns.strip_trailing_counter(line.text).strip(" |-")
            break
    for i in range(max(0, start - 15), min(len(lines), start + 40)):
        match = _AUTHOR_LINE.match(lines[i].text) if lines[i].pattern == "staff" else None
        if match:
            author = match.group(1).strip()
            break
    return Byline(date=date, author=author)


def find_title(lines: list[Line], start: int, body: list[str]) -> str | None:
    """The headline: a headline-like line above the body that shares its words."""
    body_words = set(words(" ".join(body)))
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    best: tuple[float, str] | None = None
    lo = max(0, start - 15)
    for i in range(start - 1, lo - 1, -1):
        line = lines[i]
        if line.pattern is not None or not 3 <= line.n_words <= 25:
            continue
        if line.text.rstrip().endswith((".", ",", ":")) or line.caps:
            continue
        tokens = words(line.text)
        overlap = sum(1 for t in tokens if t in body_words) / len(tokens)
        # A headline sits just above the article's date line or byline.
        near_meta = any(
            lines[k].pattern in ("date", "staff", "dated-headline")
            for k in range(i + 1, min(len(lines), i + 3))
        )
        value = overlap + (0.8 if near_meta else 0.0) + (0.1 if counts[line.text] > 1 else 0.0)
        value -= 0.01 * (start - i)
        if best is None or value > best[0]:
            best = (value, line.text)
    if best is None or best[0] < 0.45:
        return None
    return best[1]


def unwrap(raw_lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (a line cut mid-sentence, the next going on in lower case)."""
    out: list[str] = []
    for raw in raw_lines:
        text = raw.strip()
        if (
            out
            and text
            and out[-1]
            and text[0].islower()
            and len(out[-1]) >= 40
            and not _TERMINAL.search(out[-1])
        ):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def strip_text(text: str) -> Article:
    """The article in a pasted copy of a page.

    Args:
        text: the pasted text, decoded; at least one non-blank line.

    Returns:
        The article: title (the headline above the body, if one is found), paragraphs,
        language, the removed lines, and warnings (English text, very short input).

    Raises:
        NoArticleError: the text holds no run of prose (a menu, a list of headlines).
    """
    raw_lines = [t for t in unwrap(text.splitlines()) if t.strip()]
    lines = [make_line(t) for t in raw_lines]
    selection = select_body(lines)
    paragraphs = selection.paragraphs
    warnings: list[Notice] = []
    body_words = sum(len(words(p)) for p in paragraphs)
    if body_words < MIN_BODY_WORDS:
        short = Notice("short-input", "The text is very short; check that it is the whole article.")
        if len(lines) <= 3 and sum(line.n_words for line in lines) >= 3:
            # A sentence or two pasted on its own is an article, not clutter.
            paragraphs = [line.text for line in lines]
            selection = Selection(paragraphs, [], 0, len(lines))
            warnings.append(short)
        elif paragraphs and any(line.prose or line.sentence for line in lines):
            warnings.append(short)
        else:
            raise NoArticleError(
                "No article text found in the pasted text: it holds no run of sentences "
                "(only menus, headlines or short lines). Paste the article itself, or "
                "give the page's URL or HTML."
            )
    title = find_title(lines, selection.start, paragraphs)
    removed = [r for r in selection.removed if r != title]
    language = detect_language(" ".join(paragraphs))
    warnings.extend(language_warnings(language))
    byline = find_byline(lines, selection.start)
    return Article(
        paragraphs=paragraphs,
        title=title,
        date=byline.date,
        author=byline.author,
        language=language,
        removed=removed,
        warnings=warnings,
    )


def language_warnings(language: str | None) -> list[Notice]:
    """A warning when the body is not Indonesian."""
    if language == "id":
        return []
    if language == "en":
        return [
            Notice(
                "language",
                "The article looks English, not Indonesian; translating it will not "
                "change much. Check that this is the page you meant.",
            )
        ]
    return [
        Notice(
            "language",
            "The article's language could not be recognised as Indonesian; the "
            "translation may be poor. Check that this is the page you meant.",
        )
    ]
