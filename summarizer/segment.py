"""Paragraph and sentence segmentation that knows Indonesian news text.

No maintained sentence splitter covers Indonesian (pysbd and Punkt ship no Indonesian
model), so the rules are here: abbreviations (``Jl.``, ``No.``, ``Rp.``, ``dr.``,
``H.``, ``Prof.``, ``a.n.``...), initials, decimals (``3,5``), thousands (``3.016``),
times (``08.00``), dates (``(11/10/2023)``), quotes that close a sentence and ellipses.

Segmentation is span based: :func:`sentence_spans` returns offsets into the input, so no
character is ever lost or reordered; the text between spans is whitespace only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.document import Sentence

# Lower-cased abbreviations that take a period and do not end a sentence. Multi-part
# ones ("a.n.", "s.d.") are matched on their last part plus what precedes it.
ABBREVIATIONS = frozenset(
    """
    jl jln no hlm vol tgl thn rp usd dr drs dra drg ir prof h hj kh sh mm mh mpd spd ssi
    ssos msi mkom phd dll dsb dst dkk tsb yth bpk bp sdr sdri tn ny kab kec kel prov pol
    kombes akbp akp iptu ipda aiptu bripka brigjen irjen komjen jend kol letkol mayjen letjen
    kapt laksma laksda marsma marsda tbk inc ltd corp mr mrs vs etc cf gg rt rw telp
    a.n u.p s.d d.a a.l s.h s.e m.si m.m m.h s.pd s.t s.kom
    jan feb mar apr jun jul agu ags agt sep sept okt nov des
    """.split()
)
# Words that are abbreviations but also end sentences ("Ibu", "kota", "kg") are left
# out: a wrong split costs less than two sentences translated as one.

_CLOSERS = "\"'”’»)]}"
# A candidate boundary: terminal punctuation, then closing quotes/brackets.
_TERMINAL = re.compile(r"(?:\.{3}|…|[.!?])+[" + re.escape(_CLOSERS) + r"]*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
# What may start a new sentence: an upper-case letter or digit, possibly after an
# opening quote or bracket, or a dash of a dateline.
_SENTENCE_START = re.compile(r"[\"'“‘«(\[]*[A-Z0-9À-ÖØ-Þ]")


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs at blank lines; each stripped, empty ones dropped."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the paragraphs of ``text`` (blocks between blank lines), trimmed."""
    spans = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.extend(_trimmed(text, start, match.start()))
        start = match.end()
    spans.extend(_trimmed(text, start, len(text)))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the sentences of ``text``, in order, trimmed of surrounding whitespace.

    A line break always ends a sentence (pasted text keeps one block per line); within a
    line, a sentence ends at terminal punctuation followed by whitespace and a plausible
    sentence start, unless the word before the period is an abbreviation or an initial.
    """
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.splitlines(keepends=True):
        line_end = line_start + len(line)
        start = line_start
        for boundary in _boundaries(text, line_start, line_end):
            spans.extend(_trimmed(text, start, boundary))
            start = boundary
        spans.extend(_trimmed(text, start, line_end))
        line_start = line_end
    return spans


def sentences(paragraphs: Sequence[str]) -> list[Sentence]:
    """The sentence records of an article body, in order: each sentence's text, its place
    (paragraph, index) and its span in the paragraph. Every later stage enriches these."""
    return [
        Sentence(paragraph[start:end], paragraph=p, index=i, start=start, end=end)
        for p, paragraph in enumerate(paragraphs)
        for i, (start, end) in enumerate(sentence_spans(paragraph))
    ]


def records_from_split(paragraphs: Sequence[Sequence[str]]) -> list[Sentence]:
    """Sentence records of a body that comes already split (a corpus's own sentences,
    one list per paragraph); spans are then within each sentence alone."""
    return [
        Sentence(source, paragraph=p, index=i, end=len(source))
        for p, split in enumerate(paragraphs)
        for i, source in enumerate(split)
    ]


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, trimmed, in order."""
    return [text[s:e] for s, e in sentence_spans(text)]


def _boundaries(text: str, start: int, end: int) -> list[int]:
    """End offsets of the sentences that end inside ``text[start:end]`` (one line)."""
    found = []
    for match in _TERMINAL.finditer(text, start, end):
        cut = match.end()
        rest = text[cut:end]
        stripped = rest.lstrip()
        if not stripped or len(stripped) == len(rest):
            continue  # end of line (handled by the caller) or no space after it
        if not _SENTENCE_START.match(stripped):
            continue  # a lower-case word after a period continues the sentence
        if _is_abbreviation(text, start, match):
            continue
        found.append(cut)
    return found


def _is_abbreviation(text: str, line_start: int, match: re.Match[str]) -> bool:
    """Whether the period of ``match`` belongs to an abbreviation or an initial."""
    token = match.group()
    if not token.startswith(".") or token.startswith("..."):
        return False
    # Look back a bounded distance only: searching from the line start is quadratic on
    # one-line articles.
    before = _WORD_BEFORE.search(text, max(line_start, match.start() - 40), match.start())
    if before is None:
        return False
    word = before.group(1)
    last = word.rsplit(".", 1)[-1] if not word.endswith(".") else word
    lowered = word.lower()
    if lowered in ABBREVIATIONS or last.lower() in ABBREVIATIONS:
        return True
    # A single letter before the period is an initial ("H. Ahmad", "M. Yusuf"), or
    # dotted initials ("a.n", "S.H") seen as one word.
    if len(last) == 1 and last.isalpha():
        return True
    return bool("." in word and all(len(part) <= 2 for part in word.split(".") if part))


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[(start, end)]`` narrowed to leave out surrounding whitespace; ``[]`` if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []
