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

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from summarizer.document import Article, Notice
from summarizer.errors import NoArticleError
from summarizer.stripping import patterns
from summarizer.stripping.language import body_language, normal_form, stopword_density, words

# A pull quote repeats a sentence at most this many paragraphs away.
_REPEAT_WINDOW = 20
# At most this many headline lines follow a bare "Baca juga:" line, or a list heading.
_MAX_LINKED = 5
_MAX_LISTED = 10
_MAX_HEADLINE_WORDS = 16
_TERMINAL = re.compile(r"[.!?…:;\"”’'»)]\s*$")
_SENTENCE_INSIDE = re.compile(r"[.!?][\"”’»)]*\s+[\"“'(]*[A-Z]")
# A run of this many short lines inside the body is a list of links, not the article.
_MAX_SHORT_RUN = 3
# A list item of the body: "1. ...", "- ...", "• ...", or "Label: value" ("Senin: US$ 150 per ton").
_LIST_ITEM = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s+\S|[-•*·–—]\s*\S|[A-Z][\w'’()-]*(?:\s+[\w'’()-]+){0,5}\s*:\s+\S)"
)
# Patterns that a list item of the body may match: a schedule's dates and times.
_ITEM_PATTERNS = frozenset({"date", "dated-headline"})
# A teaser breaks off ("... di 40 titik...") and links to the rest ("Baca selengkapnya: https://...").
_BROKEN_OFF = re.compile(r"(?:\.\.\.|…)\s*$")
_READ_MORE = re.compile(
    r"\b(?:baca\s+selengkapnya|selengkapnya|read\s+more|continue\s+reading)\b.{0,20}(?:https?://|www\.)",
    re.IGNORECASE,
)
# "Name Name adalah ...": a writer's bio, when the name stands alone above the body.
_BIO = re.compile(
    r"^([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}),?\s+(?:adalah|merupakan|ialah|is|was)\s"
)
# A live report's time stamp, and how many make a live report.
_TIME_STAMP = re.compile(r"^\W*\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)\W*$", re.IGNORECASE)
_MIN_STAMPS = 3
# A fact check's list of sources: a "Referensi" heading, then one address per line.
_REFERENCES = re.compile(
    r"^\W*(?:referensi|rujukan|sumber\s+(?:rujukan|referensi)|daftar\s+pustaka|references?)\s*:?\s*$",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
# A numbered subheading of a list article: "2. Beli secara rutin".
_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+\S")
# The longest body list item, in words, and the longest list.
_MAX_ITEM_WORDS = 30
_MAX_ITEMS = 30
# Announcements that introduce a list of linked headlines ("Baca juga:", "Simak berita ini:").
_LINK_LIST_INTRO = re.compile(
    r"^\W*(?:baca|lihat|simak|tonton|saksikan)\s+(?:juga|pula|lainnya|berita|artikel)|:\W*$",
    re.IGNORECASE,
)
# A summary box holds at most this many points of at most this many words.
_MAX_SUMMARY_POINTS = 6
_MAX_SUMMARY_WORDS = 18
_TITLE_WORD = re.compile(r"[^\W_][\w'’.-]*")
# A line of at least this many content words, all capitalised (one may be lower case per
# this many words, for a headline's slips), is a headline.
_MIN_HEADLINE_WORDS = 5
_WORDS_PER_LOWER = 10
# Below this many words of prose, a selection is not an article.
MIN_BODY_WORDS = 25
#: Distinct words a run under the headline needs to replace a best block with no headline,
#: and how far under it the run may start (share buttons, photo, caption between).
MIN_UNDER_HEADLINE, MAX_BELOW_HEADLINE = 40, 40
# A page of this many ledes, each alone between headlines, or of this many paragraphs that
# open with a dateline, is an index of stories, not an article.
_MIN_STORIES = 5
_MIN_DATELINES = 3


SHORT_ARTICLE = Notice(
    "short-article",
    "The article is very short (a few sentences, as under a photo or a video); check that "
    "it is the whole text.",
)


# A line that is mostly link text is navigation unless it reads as prose.
_LINK_DENSITY = 0.5
# Bonus for a line that the guiding extractor kept, and its part that grows with length;
# a short kept line (a subheading) is neutral: kept inside, not a reason to extend.
_KEPT_BONUS = 6.0
_KEPT_BONUS_PER_WORD = 0.3
_SHORT_KEPT_BONUS = 2.0
# What a dropped furniture or link line costs on top of its score.
_MARKUP_PENALTY = 3.0


@dataclass(frozen=True)
class Line:
    """One line of a page or of a paste: its text, what the classifier sees in it, and,
    on an HTML page, what the markup and the guiding extractor say about it.

    Attributes:
        text: the line, stripped.
        n_words, density, terminal, pattern, caps, headline: the classifier's features
            (word count, stopword density, closing punctuation, boilerplate kind, all
            capitals, written like a headline).
        link_chars: characters inside links (None on pasted text: not known).
        furniture: inside a nav, footer, aside or caption, or a box named like one.
        listed: a list item or a table row (its cells on one line).
        vote: whether the extractor guiding this reading kept the line (None: no
            extractor, as for pasted text).
    """

    text: str
    n_words: int
    density: float
    terminal: bool
    pattern: str | None
    caps: bool
    headline: bool = False
    link_chars: int | None = None
    furniture: bool = False
    listed: bool = False
    vote: bool | None = None

    @property
    def link(self) -> bool | None:
        """Whether the line is mostly link text (None where the page is not known)."""
        if self.link_chars is None:
            return None
        return self.link_chars > _LINK_DENSITY * len(self.text)

    @property
    def bonus(self) -> float:
        """What the extractor's vote and the markup add to the line's score."""
        if self.vote is None:
            return 0.0
        if self.vote:
            if self.n_words < 4:
                return _SHORT_KEPT_BONUS
            return _KEPT_BONUS + _KEPT_BONUS_PER_WORD * self.n_words
        if self.prose:
            return 0.0
        return -_MARKUP_PENALTY * (int(self.furniture) + int(bool(self.link)))

    @property
    def keepable(self) -> bool:
        """Whether the line may be kept at all: what the extractor kept, and prose it
        dropped outside captions and boxes."""
        if self.vote is None or self.vote:
            return True
        return not self.furniture and (
            self.prose or self.sentence or bool(patterns.DATELINE_ALONE.match(self.text))
        )

    @property
    def item(self) -> bool:
        """A list item or table row that the extractor kept with the article (not a link
        of a list of related headlines)."""
        return self.listed and bool(self.vote) and not self.link

    @property
    def prose(self) -> bool:
        """Running text: long enough, punctuated, full of function words."""
        if self.pattern is not None or self.n_words < 8 or self.headline:
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


def has_sentences(paragraphs: list[str]) -> bool:
    """Whether ``paragraphs`` hold at least one real sentence (a short news item does;
    headlines, labels and menus do not)."""
    for paragraph in paragraphs:
        line = make_line(paragraph)
        if line.prose or line.sentence:
            return True
        if line.n_words >= 6 and line.terminal and line.density >= 0.1 and not line.headline:
            return True
    return False


def make_line(
    text: str,
    *,
    link_chars: int | None = None,
    furniture: bool = False,
    listed: bool = False,
    vote: bool | None = None,
) -> Line:
    """One line of text with its features (and the markup's, on an HTML page)."""
    stripped = text.strip()
    tokens = words(stripped)
    caps = len(tokens) <= 8 and stripped.isupper() and sum(c.isalpha() for c in stripped) >= 3
    terminal = bool(_TERMINAL.search(stripped))
    return Line(
        text=stripped,
        n_words=len(tokens),
        density=stopword_density(tokens),
        terminal=terminal,
        pattern=patterns.is_boilerplate(stripped),
        caps=caps,
        headline=not terminal and is_title_case(stripped),
        link_chars=link_chars,
        furniture=furniture,
        listed=listed,
        vote=vote,
    )


def is_title_case(text: str) -> bool:
    """Whether ``text`` is written like a headline: nearly every content word capitalised."""
    content = [w for w in _TITLE_WORD.findall(text) if w.lower() not in patterns.TITLE_LOWER]
    if len(content) < _MIN_HEADLINE_WORDS:
        return False
    lower = sum(1 for w in content if not (w[0].isupper() or w[0].isdigit()))
    return lower <= len(content) // _WORDS_PER_LOWER


def score(line: Line) -> float:
    """How much ``line`` looks like body text (> 0) or clutter (< 0)."""
    if line.pattern is not None:
        return patterns.weight(line.pattern)
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


def select_body(lines: list[Line], window: tuple[int, int] | None = None) -> Selection:
    """Choose the body among ``lines``: the best-scoring run, cleaned of clutter.

    Args:
        lines: the page's lines, in order, blank lines left out; on an HTML page with
            the markup and the guiding extractor's vote (see :class:`Line`).
        window: bounds ``[lo, hi)`` outside which no line is kept, or None for all.

    Returns:
        The kept paragraphs (a stand-alone dateline joined to the lead) and the dropped
        lines, both in page order.
    """
    items = list_items(lines) | {i for i, line in enumerate(lines) if line.item}
    scores = [
        (max(score(line), 1.0) if i in items else score(line)) + line.bonus
        for i, line in enumerate(lines)
    ]
    if window is not None:
        lo, hi = window
        scores = [s if lo <= i < hi else -1e9 for i, s in enumerate(scores)]
    start, end = best_run(scores)
    # A dateline alone on the line before the lead belongs to the lead.
    if start > 0 and patterns.DATELINE_ALONE.match(lines[start - 1].text):
        start -= 1
    start = _numbered_heading_before(lines, start, end)
    # A list under its intro belongs to the body even where the extractor dropped it.
    keep = [
        start <= i < end
        and (lines[i].pattern is None or i in items)
        and (lines[i].keepable or i in items)
        for i in range(len(lines))
    ]
    _drop_before_lead(lines, keep, start, end)
    _drop_summary_box(lines, keep, start, end)
    _drop_linked_headlines(lines, keep)
    _drop_short_runs(lines, keep, start, end, items)
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
    while paragraphs and _author_bio(paragraphs[-1], lines[max(0, start - 15) : start]):
        removed.append(paragraphs.pop())
    if paragraphs:
        last, initials = patterns.strip_trailing_initials(paragraphs[-1])
        if initials:
            paragraphs[-1] = last
            removed.append(initials)
    return Selection(paragraphs=paragraphs, removed=removed, start=start, end=end)


def _author_bio(paragraph: str, above: list[Line]) -> bool:
    """Whether ``paragraph`` presents the writer named on a line above the body: an opinion
    column closes with "Ratna Kusumawardhani adalah peneliti ..."."""
    match = _BIO.match(paragraph)
    if match is None:
        return False
    return any(line.text == match.group(1) for line in above)


def list_items(lines: list[Line]) -> set[int]:
    """Indices of the body's list items: short list-like lines after a prose line ending in
    ":", and the addresses listed under a fact check's "Referensi" (with that heading)."""
    items: set[int] = set()
    # A live report's time stamps ("17:45 WIB" alone on a line), when there are several.
    stamps = [i for i, line in enumerate(lines) if _TIME_STAMP.match(line.text)]
    if len(stamps) >= _MIN_STAMPS:
        items.update(stamps)
    for i, line in enumerate(lines):
        if _REFERENCES.match(line.text):
            run = list(
                itertools.takewhile(
                    lambda j: _ADDRESS.match(lines[j].text),
                    range(i + 1, min(len(lines), i + 1 + _MAX_ITEMS)),
                )
            )
            if run:
                items.update([i, *run])
            continue
        if line.pattern is not None or not line.text.endswith(":"):
            continue
        if not (line.prose or line.sentence or line.n_words >= 2):
            continue
        run = []
        for j in range(i + 1, min(len(lines), i + 1 + _MAX_ITEMS)):
            item = lines[j]
            if item.pattern not in (None, *_ITEM_PATTERNS) or item.n_words > _MAX_ITEM_WORDS:
                break
            if not _LIST_ITEM.match(item.text):
                break
            run.append(j)
        if len(run) >= 2:
            items.update([i, *run])  # the intro too: a short one must not end the body
    return items


def _numbered_heading_before(lines: list[Line], start: int, end: int) -> int:
    """``start``, moved up over a numbered subheading ("2. Beli rutin") whose sequel is in the body."""
    if start == 0 or lines[start - 1].pattern is not None:
        return start
    match = _NUMBERED.match(lines[start - 1].text)
    if not match or lines[start - 1].n_words > 15:
        return start
    following = f"{int(match.group(1)) + 1}"
    for line in lines[start:end]:
        sequel = _NUMBERED.match(line.text)
        if sequel and sequel.group(1) == following:
            return start - 1
    return start


def _drop_linked_headlines(lines: list[Line], keep: list[bool]) -> None:
    """Drop the headlines listed under a bare "Baca juga:" line (the links themselves), and
    under a list heading inside the body ("Anda mungkin juga tertarik:", "Terpopuler");
    where the page tells which lines are links, only those."""
    for i, line in enumerate(lines):
        if line.pattern in ("list-heading", "related"):
            for j in range(i + 1, min(len(lines), i + 1 + _MAX_LISTED)):
                if lines[j].pattern is not None or not _is_listed_headline(lines[j]):
                    break
                if lines[j].link is False:
                    break
                keep[j] = False
            continue
        match = patterns.LINK_ANNOUNCE.match(line.text)
        if not match or words(line.text[match.end() :]):
            continue
        if not _LINK_LIST_INTRO.search(line.text):
            # "Lanjutkan membaca", "ADVERTISEMENT": what follows is the article going on.
            continue
        # Headlines in title case are followed by the article's lines, which are not.
        title_case = i + 1 < len(lines) and is_title_case(lines[i + 1].text)
        for j in range(i + 1, min(len(lines), i + 1 + _MAX_LINKED)):
            line_j = lines[j]
            if line_j.prose or line_j.pattern is not None or _NUMBERED.match(line_j.text):
                break
            if line_j.link is False:
                break
            if title_case and not _mostly_capitalised(line_j.text):
                break
            if line_j.sentence and not title_case:
                break
            keep[j] = False


def _mostly_capitalised(text: str) -> bool:
    """Whether most content words of ``text`` are capitalised (a title-case headline with a
    slip or two, "Waspada, iPhone Anda Bisa Rusak Total"), unlike a sentence-case subheading."""
    content = [w for w in _TITLE_WORD.findall(text) if w.lower() not in patterns.TITLE_LOWER]
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return bool(content) and capitalised >= 0.6 * len(content)


def _is_listed_headline(line: Line) -> bool:
    """A headline in a list: short, and not closed by a full stop as body sentences are
    (headlines end in a word, a question mark or a quote)."""
    return line.n_words <= _MAX_HEADLINE_WORDS and not line.text.rstrip().endswith(".")


def _drop_summary_box(lines: list[Line], keep: list[bool], start: int, end: int) -> None:
    """Drop the short points of a summary box ("Ringkasan", "Intinya sih...") above the lead."""
    heading = next(
        (i for i in range(max(0, start - 3), min(end, start + 8)) if lines[i].pattern == "summary"),
        None,
    )
    if heading is None:
        return
    for k in range(heading + 1, min(end, heading + 1 + _MAX_SUMMARY_POINTS)):
        line = lines[k]
        if line.n_words > _MAX_SUMMARY_WORDS or patterns.DATELINE.match(line.text):
            return
        keep[k] = False


def _drop_before_lead(lines: list[Line], keep: list[bool], start: int, end: int) -> None:
    """Drop what precedes a lead that opens with a dateline (captions, teasers)."""
    kept = [i for i in range(start, end) if keep[i]]
    for n, i in enumerate(kept[:4]):
        if patterns.DATELINE.match(lines[i].text) or patterns.DATELINE_ALONE.match(lines[i].text):
            if _caption_under_credit(lines, i) and any(
                patterns.DATELINE.match(lines[k].text) for k in kept[n + 1 : 4]
            ):
                continue  # "PERBAIKAN JEMBATAN - Pekerja memasang..." under a photo credit
            for k in range(start, i):
                if not patterns.DATELINE_ALONE.match(lines[k].text):
                    keep[k] = False
            return


def _caption_under_credit(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` follows a photo credit: there, a line that opens like a dateline
    is a caption with a label in capitals ("PERBAIKAN JEMBATAN - Pekerja...")."""
    return i > 0 and lines[i - 1].pattern == "credit"


def _drop_short_runs(
    lines: list[Line], keep: list[bool], start: int, end: int, items: set[int]
) -> None:
    """Drop runs of short lines (lists of related headlines, menus) inside the body."""
    i = start
    while i < end:
        if not (keep[i] and lines[i].short) or i in items:
            i += 1
            continue
        j = i
        while j < end and (lines[j].short or not keep[j]) and not lines[j].prose and j not in items:
            j += 1
        shorts = [k for k in range(i, j) if keep[k]]
        if len(shorts) >= _MAX_SHORT_RUN:
            for k in shorts:
                keep[k] = False
        i = max(j, i + 1)


def _drop_repeats(lines: list[Line], keep: list[bool]) -> None:
    """Drop kept lines repeated inside a nearby longer kept line (pull quotes, teasers)."""
    kept = [i for i, k in enumerate(keep) if k]
    normals = [normal_form(lines[i].text) for i in kept]
    for n, i in enumerate(kept):
        own = normals[n]
        if len(own) < 20:
            continue
        near = normals[max(0, n - _REPEAT_WINDOW) : n + _REPEAT_WINDOW + 1]
        if any(len(other) > len(own) and own in other for other in near):
            keep[i] = False


def reject_index_page(
    lines: list[Line], selection: Selection, language: str | None, whole_page: bool = False
) -> None:
    """Raise :class:`NoArticleError` when the selection is a page of teasers (a section
    index, a tag page, search results) rather than one article. The prose classifier reads
    Indonesian, so bodies in other languages are not judged."""
    stories = _count_stories(lines, selection, whole_page) if language == "id" else 0
    if stories:
        raise NoArticleError(
            f"This looks like an index page ({stories} separate stories with their headlines), "
            "not one article. Open the article you want and give its address, page or text."
        )


def _count_stories(lines: list[Line], selection: Selection, whole_page: bool) -> int:
    """How many separate stories the selection holds when it is a page of teasers, else 0.

    A page of teasers shows one lede per story, each standing alone between non-prose
    lines (its headline, a channel label; dates and ads are looked through), or opens
    several paragraphs with a dateline ("Jakarta (ANTARA) -"), where an article has one.
    A list article's numbered subheadings and "Baca juga" headlines do not separate
    stories. With ``whole_page`` (an HTML page, whose lines are all there), ledes standing
    alone anywhere on the page that outnumber the selected paragraphs also make an index.
    """
    datelines = sum(1 for p in selection.paragraphs if patterns.DATELINE.match(p))
    if datelines >= _MIN_DATELINES:
        return datelines
    alone, prose = _ledes_alone(lines, selection.start, selection.end)
    if prose >= _MIN_STORIES and alone == prose:
        return alone
    if whole_page:
        alone, _ = _ledes_alone(lines, 0, len(lines))
        if alone >= _MIN_STORIES and alone > len(selection.paragraphs):
            return alone
    return 0


def _ledes_alone(lines: list[Line], start: int, end: int) -> tuple[int, int]:
    """Prose lines in ``lines[start:end]`` with no prose line next to them, and all prose
    lines there (pattern lines and linked headlines are looked through)."""
    content = [
        i for i in range(start, end) if lines[i].pattern is None and not _after_link(lines, i)
    ]
    alone = prose = 0
    for k, i in enumerate(content):
        if not lines[i].prose:
            continue
        prose += 1
        previous = lines[content[k - 1]] if k > 0 else None
        before = previous is not None and (previous.prose or bool(_NUMBERED.match(previous.text)))
        after = k + 1 < len(content) and lines[content[k + 1]].prose
        alone += not before and not after
    return alone, prose


def _only_a_teaser(paragraphs: list[str], removed: list[str]) -> bool:
    """Whether the text is a shared teaser: a paragraph or two that break off with "..."
    next to a "read more" link (a WhatsApp or social-media share, an RSS snippet)."""
    if not paragraphs or len(paragraphs) > 2 or not _BROKEN_OFF.search(paragraphs[-1]):
        return False
    return any(_READ_MORE.search(line) for line in removed)


def _after_link(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` is the headline of a "Baca juga:" link on the line before it."""
    return i > 0 and lines[i - 1].pattern == "link" and lines[i - 1].text.rstrip().endswith(":")


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


def _is_outlet_byline(text: str, body: list[str]) -> bool:
    """Whether ``text`` is "Name, Outlet" with the outlet of the lead's dateline ("Jakarta, IDN Times")."""
    if "," not in text or len(text.split()) > 6 or not body:
        return False
    outlet = text.rsplit(",", 1)[1].strip()
    dateline = re.split(r"\s[-–—]{1,2}\s", body[0], maxsplit=1)[0]
    return bool(outlet) and len(dateline) < len(body[0]) and outlet.lower() in dateline.lower()


def _above_meta(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` sits just above a date line or byline, where a headline sits."""
    return any(
        lines[k].pattern in ("date", "staff", "dated-headline")
        for k in range(i + 1, min(len(lines), i + 3))
    )


def _headline_lines(lines: list[Line]) -> Iterator[int]:
    """Lines that look like the article's headline: headline-shaped, with the article's
    date or byline right under them."""
    for i, line in enumerate(lines):
        if line.pattern is not None or line.caps or not 3 <= line.n_words <= 25:
            continue
        if line.text.rstrip().endswith((".", ",", ":", "?", "!")) and not is_title_case(line.text):
            continue
        if _above_meta(lines, i):
            yield i


def _under_headline(lines: list[Line]) -> tuple[Selection, str] | None:
    """The body under the page's headline, and the headline: the first headline whose
    best run (before the next list heading) starts within :data:`MAX_BELOW_HEADLINE`
    lines of it, holds :data:`MIN_UNDER_HEADLINE` words and shares its words."""
    for h in _headline_lines(lines):
        end = next(
            (k for k in range(h + 1, len(lines)) if lines[k].pattern == "list-heading"),
            len(lines),
        )
        selection = select_body(lines, (h + 1, min(end, h + 1 + MAX_BELOW_HEADLINE)))
        body = set(words(" ".join(selection.paragraphs)))
        if len(body) < MIN_UNDER_HEADLINE or selection.start - h > MAX_BELOW_HEADLINE:
            continue
        tokens = words(lines[h].text)
        if sum(t in body for t in tokens) >= 0.5 * len(tokens):
            return selection, lines[h].text
    return None


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
        if _is_outlet_byline(line.text, body):
            continue
        tokens = words(line.text)
        overlap = sum(1 for t in tokens if t in body_words) / len(tokens)
        near_meta = _above_meta(lines, i)
        value = overlap + (0.8 if near_meta else 0.0) + (0.1 if counts[line.text] > 1 else 0.0)
        value -= 0.01 * (start - i)
        if best is None or value > best[0]:
            best = (value, line.text)
    if best is None or best[0] < 0.45:
        return None
    return best[1]


# A line going on from the one before opens with a plain lower-case word, not a brand
# ("kumparanNEWS", "detikNews") or an address ("jpnn.com, JAKARTA -").
_PLAIN_WORD = re.compile(r"^[a-z]+(?:-[a-z]+)?(?=[\s,;)]|:(?!//)|$)")


def unwrap(raw_lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (a line cut mid-sentence, the next going on in lower case)."""
    out: list[str] = []
    for raw in raw_lines:
        text = raw.strip()
        if (
            out
            and text
            and out[-1]
            and _PLAIN_WORD.match(text)
            and len(out[-1]) >= 40
            and not _TERMINAL.search(out[-1])
            and not is_title_case(out[-1])
            and patterns.is_boilerplate(out[-1]) is None
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
    title = find_title(lines, selection.start, selection.paragraphs)
    if title is None and (under := _under_headline(lines)):
        # The best block has no headline above it (a glossary, a feed): the article is
        # the best run under the page's headline.
        selection, title = under
    paragraphs = selection.paragraphs
    warnings: list[Notice] = []
    body_words = sum(len(words(p)) for p in paragraphs)
    if body_words < MIN_BODY_WORDS:
        if len(lines) <= 3 and sum(line.n_words for line in lines) >= 3:
            # A sentence or two pasted on its own is an article, not clutter.
            paragraphs = [line.text for line in lines]
            selection = Selection(paragraphs, [], 0, len(lines))
            warnings.append(SHORT_ARTICLE)
        elif paragraphs and any(line.prose or line.sentence for line in lines):
            warnings.append(SHORT_ARTICLE)
        else:
            raise NoArticleError(
                "No article text found in the pasted text: it holds no run of sentences "
                "(only menus, headlines or short lines). Paste the article itself, or "
                "give the page's URL or HTML."
            )
    if _only_a_teaser(paragraphs, selection.removed):
        raise NoArticleError(
            'This is only a teaser of the article (it breaks off with "..." and links to '
            "the rest). Open the link and paste the whole article, or give its address."
        )
    language = body_language(" ".join(paragraphs))
    reject_index_page(lines, selection, language)
    title = title or find_title(lines, selection.start, paragraphs)
    removed = [r for r in selection.removed if r != title]
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
