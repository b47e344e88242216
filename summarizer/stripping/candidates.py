"""Several readings of a page's body, and the choice a reader would make between them.

One extractor fails on some real pages: trafilatura's fast mode picks a comment thread or
a teaser box, the line rules find no run of prose under a video, a photo page holds only
captions. So a page gets several body *candidates* (the rules guided by trafilatura in
its fast, precision and recall modes, and the rules alone over the page's visible text,
as for a pasted copy) and the one chosen is the one a reader would call the article:

- it agrees with the other readings (the body is what most of them found);
- it reads as sentences (prose lines, function words), not as labels or links;
- it starts right under the headline, where a page puts its article.

The extra candidates cost one trafilatura run each, so they are only computed when the
first reading looks doubtful (:func:`doubtful`): refused, very short, far from the
headline, mostly links, or at odds with trafilatura's own text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.errors import NoArticleError
from summarizer.stripping.language import normal_form, overlap_f1, stopword_density, words
from summarizer.stripping.pasted import Line, Selection

# Below this agreement with trafilatura's own text, the first reading is checked.
MIN_AGREEMENT = 0.35
# A body that starts within this many page lines below the headline sits right under it.
MAX_LINES_BELOW_TITLE = 40
# Below this many words a body is checked (a short article may still win).
MIN_SURE_WORDS = 60
# A body with this share of link text or more is checked.
MAX_LINK_SHARE = 0.3
# The first reading keeps a small edge: its cleaning is the best tested.
_PRIMARY_EDGE = 0.1
# Two readings that agree below this are a disagreement worth a warning when close.
_DISAGREE = 0.5
_CLOSE = 0.25


@dataclass(frozen=True)
class Candidate:
    """One reading of the page's body.

    Attributes:
        name: how it was made ("rules+fast", "rules+precision", "rules+recall", "visible").
        lines: the page's lines as classified for this reading ([] where the rules did not
            apply, e.g. a page in another language).
        selection: the kept paragraphs and the dropped lines.
        extracted: the extractor's own text that guided the rules ("" for none).
        refusal: why this reading holds no article, or None.
    """

    name: str
    lines: list[Line]
    selection: Selection
    extracted: str = ""
    refusal: NoArticleError | None = None

    @property
    def text(self) -> str:
        """The body as one string."""
        return "\n".join(self.selection.paragraphs)


@dataclass(frozen=True)
class Signals:
    """What a reader sees in a candidate body, each from 0 to 1."""

    agreement: float  # mean overlap with the other readings
    prose: float  # share of the body's characters in prose lines
    size: float  # up to 1 at 100 words
    near_title: float  # 1 when it starts right under the headline
    links: float  # share of its characters that are link text on the page
    function_words: float  # share of function words

    @property
    def score(self) -> float:
        """How much the candidate looks like the article (higher is better)."""
        thin = 0.5 if self.function_words < 0.15 else 0.0
        return (
            self.agreement
            + 0.5 * self.prose
            + 0.5 * self.size
            + 0.5 * self.near_title
            - self.links
            - thin
        )


def title_line(page_texts: Sequence[str], title: str | None) -> int | None:
    """Index of the page line that is the headline, or None when none is."""
    if not title:
        return None
    wanted = normal_form(title)
    if not wanted:
        return None
    for i, text in enumerate(page_texts):
        if normal_form(text) == wanted:
            return i
    return None


def start_line(page_texts: Sequence[str], paragraphs: Sequence[str]) -> int | None:
    """Index of the page line where the body's first paragraph is (or begins), or None."""
    if not paragraphs:
        return None
    first = normal_form(paragraphs[0])
    if len(first) < 10:
        return None
    for i, text in enumerate(page_texts):
        own = normal_form(text)
        if len(own) < 10:
            continue
        if own.startswith(first[:60]) or (len(own) >= 30 and first.startswith(own)):
            return i
    return None


def below_title(page_texts: Sequence[str], title: int | None, paragraphs: Sequence[str]) -> float:
    """Where the body starts against the headline: 1.0 within a screen below it (or with
    it), 0.5 further below or where the page shows no headline line to tell, 0.0 above it."""
    if title is None:
        return 0.5
    start = start_line(page_texts, paragraphs)
    if start is None:
        return 0.5
    if start < title:
        return 0.0
    return 1.0 if start <= title + MAX_LINES_BELOW_TITLE else 0.5


def link_share(link_chars: dict[str, tuple[int, int]], paragraphs: Sequence[str]) -> float:
    """Share of the body's characters that are link text on the page (``link_chars`` maps a
    line's normal form to its characters and link characters)."""
    total = links = 0
    for paragraph in paragraphs:
        chars, linked = link_chars.get(normal_form(paragraph), (len(paragraph), 0))
        total += chars
        links += linked
    return links / total if total else 0.0


def signals(
    candidate: Candidate,
    others: Sequence[Candidate],
    page_texts: Sequence[str],
    title: int | None,
    link_chars: dict[str, tuple[int, int]],
) -> Signals:
    """The reader's signals for ``candidate`` among ``others``."""
    from summarizer.stripping.pasted import make_line

    paragraphs = candidate.selection.paragraphs
    text = candidate.text
    agreements = [overlap_f1(text, other.text) for other in others if other.text]
    chars = sum(len(p) for p in paragraphs)
    records = [(p, make_line(p)) for p in paragraphs]
    prose = sum(len(p) for p, line in records if line.prose or line.sentence)
    tokens = words(text)
    return Signals(
        agreement=sum(agreements) / len(agreements) if agreements else 0.0,
        prose=prose / chars if chars else 0.0,
        size=min(1.0, len(tokens) / 100),
        near_title=below_title(page_texts, title, paragraphs),
        links=link_share(link_chars, paragraphs),
        function_words=stopword_density(tokens),
    )


def doubtful(
    candidate: Candidate,
    page_texts: Sequence[str],
    title: int | None,
    link_chars: dict[str, tuple[int, int]],
) -> bool:
    """Whether the first reading needs a second opinion (cheap checks only)."""
    paragraphs = candidate.selection.paragraphs
    if candidate.refusal is not None or not paragraphs:
        return True
    if not candidate.lines:
        # Another language: the signals read Indonesian (and English) prose only, and
        # trafilatura's own reading stands.
        return False
    if sum(len(words(p)) for p in paragraphs) < MIN_SURE_WORDS:
        return True
    if candidate.extracted and overlap_f1(candidate.text, candidate.extracted) < MIN_AGREEMENT:
        return True
    if below_title(page_texts, title, paragraphs) == 0.0:
        return True
    return link_share(link_chars, paragraphs) >= MAX_LINK_SHARE


@dataclass(frozen=True)
class Decision:
    """The chosen candidate, and whether a close rival read the page differently."""

    chosen: Candidate
    scores: dict[str, float]
    contested: bool


def decide(
    candidates: Sequence[Candidate],
    page_texts: Sequence[str],
    title: int | None,
    link_chars: dict[str, tuple[int, int]],
) -> Decision:
    """The candidate a reader would take for the article.

    Refused candidates lose to any that found a body; among the rest the highest
    :attr:`Signals.score` wins (the first candidate, the primary reading, with a small
    edge). ``contested`` says that the runner-up scored close while disagreeing with the
    choice, so the caller can warn.
    """
    live = [c for c in candidates if c.refusal is None and c.selection.paragraphs]
    if not live:
        return Decision(candidates[0], {}, contested=False)
    scores: dict[str, float] = {}
    for candidate in live:
        others = [c for c in live if c is not candidate]
        value = signals(candidate, others, page_texts, title, link_chars).score
        scores[candidate.name] = value + (_PRIMARY_EDGE if candidate is candidates[0] else 0.0)
    ranked = sorted(live, key=lambda c: scores[c.name], reverse=True)
    chosen = ranked[0]
    contested = len(ranked) > 1 and (
        scores[chosen.name] - scores[ranked[1].name] < _CLOSE
        and overlap_f1(chosen.text, ranked[1].text) < _DISAGREE
    )
    return Decision(chosen, scores, contested)
