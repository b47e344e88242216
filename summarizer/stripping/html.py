"""The body of an HTML page: trafilatura's extraction, checked line by line.

trafilatura finds the article's region well but, on Indonesian news pages, lets through
lists of related headlines with dates, "Baca juga" links and captions, and drops text
that sits outside ``<p>`` elements (a lead written straight into a ``<div>``, a
stand-alone dateline). So the page is rendered into lines as a browser shows them, the
lines trafilatura kept get a bonus, and the same selection as for pasted text
(:func:`.pasted.select_body`) keeps the densest run of prose and drops pattern lines.
"""

from __future__ import annotations

import dataclasses
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from summarizer.document import Article, Notice
from summarizer.errors import NoArticleError
from summarizer.stripping import candidates, patterns
from summarizer.stripping.language import body_language, normal_form, words
from summarizer.stripping.pasted import (
    MIN_BODY_WORDS,
    SHORT_ARTICLE,
    Line,
    Selection,
    find_byline,
    has_sentences,
    language_warnings,
    make_line,
    reject_index_page,
    select_body,
)

_BLOCK = frozenset(
    """
    address article aside blockquote body center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p
    pre section summary table tbody tfoot thead tr ul option caption legend
    """.split()
)
_SKIP = frozenset(
    "script style noscript template svg iframe head select button textarea object embed canvas video audio map".split()
)
# Inside these, a line is page furniture whatever it says.
_FURNITURE = frozenset("nav footer aside figcaption menu".split())
# Class or id names of captions, "Baca juga" boxes, related lists, tags, ads, comments.
_FURNITURE_HINT = re.compile(
    r"(?:^|[\s_-])(?:caption|figcaption|baca-?juga|bacajuga|lihatjg|linksisip|related|terkait"
    r"|rekomendasi|komentar|comments?|iklan|advertisement|ads|banner|newsletter|tags?|breadcrumbs?)"
    r"(?=$|[\s_-])",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»)\]]*(?:\s|$)")
_MIN_PROSE_CHARS = 150
_MARGIN_BEFORE = 6
# Lines further than this from what trafilatura kept are not even classified.
_CONTEXT = 25
_MARGIN_AFTER = 3
_TITLE_PREFIX = re.compile(r"^([^:|]{2,30}?)\s*[:|]\s+(?=.{15,}$)")
_TITLE_SUFFIX = re.compile(r"\s+[-|–—:•»]\s+[^-|–—:•»]{2,40}$")


@dataclass(frozen=True)
class Metadata:
    """What a page says about its article."""

    title: str | None
    date: str | None
    site: str | None
    author: str | None


def _meta(*names: str) -> tuple[str, ...]:
    """XPath queries for the content of ``<meta>`` tags with these property/name values."""
    return tuple(
        f"//meta[@property='{n}' or @name='{n}' or @itemprop='{n}']/@content" for n in names
    )


_TITLE_QUERIES = (*_meta("og:title", "twitter:title"), "//h1//text()", "//title/text()")
_DATE_QUERIES = (
    *_meta(
        "article:published_time",
        "og:published_time",
        "datePublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "content_PublishedDate",
        "dc.date",
        "DC.date.issued",
        "date",
    ),
    "//time/@datetime",
)
_SITE_QUERIES = _meta("og:site_name", "application-name")
_AUTHOR_QUERIES = (
    *_meta("author", "article:author", "dc.creator", "content_author", "byl"),
    "//*[@rel='author']//text()",
)
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?!\d)")


@dataclass(frozen=True)
class PageLine:
    """A line of the rendered page with what the markup says about it."""

    text: str
    link_chars: int
    furniture: bool
    item: bool = False  # a list item or a table row (its cells joined by spaces)


def render_lines(root: object) -> list[PageLine]:
    """The page's text as a browser lays it out: one line per block, in page order."""
    from lxml import etree

    lines: list[PageLine] = []
    buffer: list[str] = []
    link_chars = 0
    furniture = 0
    hints: list[object] = []
    links = 0
    skipping = 0
    items = 0

    def flush() -> None:
        nonlocal link_chars
        if not buffer:
            return
        text = _SPACE.sub(" ", "".join(buffer)).strip()
        if text:
            lines.append(PageLine(text, link_chars, furniture > 0, items > 0))
        buffer.clear()
        link_chars = 0

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if event == "start":
            if skipping or tag in _SKIP or not tag:
                skipping += 1
                continue
            if tag in _BLOCK or tag == "br":
                flush()
            if tag in ("tr", "li"):
                items += 1
            elif tag in ("td", "th"):
                buffer.append(" ")  # cells of a row on one line, apart
            hinted = tag in _FURNITURE or _FURNITURE_HINT.search(
                f"{element.get('class', '')} {element.get('id', '')}"
            )
            if hinted:
                furniture += 1
                hints.append(element)
            if tag == "a":
                links += 1
            if element.text:
                buffer.append(element.text)
                if links:
                    link_chars += len(element.text.strip())
        else:
            if skipping:
                skipping -= 1
                if skipping:
                    continue
            else:
                if tag in _BLOCK:
                    flush()
                if tag in ("tr", "li"):
                    items -= 1
                if hints and hints[-1] is element:
                    hints.pop()
                    furniture -= 1
                if tag == "a":
                    links -= 1
            # The tail is the text after the element, outside it (visible even after a
            # skipped element).
            if element.tail:
                buffer.append(element.tail)
                if links:
                    link_chars += len(element.tail.strip())
    flush()
    return lines


def _votes(page: list[PageLine], kept_text: str) -> list[bool]:
    """Whether trafilatura kept each line (a line of four words or more found in its text)."""
    kept = normal_form(kept_text)
    kept_lines = {normal_form(t) for t in kept_text.splitlines()}
    votes = []
    for line in page:
        own = normal_form(line.text)
        long_enough = own.count(" ") >= 3 and own in kept
        votes.append(bool(own and (long_enough or own in kept_lines)))
    return votes


def _classify(page: list[PageLine], votes: list[bool]) -> list[Line]:
    """The page's lines as records: features of those near the extractor's (the others only
    as far-away placeholders), the markup, and the vote (never for a pattern line)."""
    voted = [i for i, v in enumerate(votes) if v]
    lo, hi = (voted[0] - _CONTEXT, voted[-1] + 1 + _CONTEXT) if voted else (0, len(page))
    lines = []
    for i, (raw, vote) in enumerate(zip(page, votes, strict=True)):
        if lo <= i < hi:
            line = make_line(
                raw.text, link_chars=raw.link_chars, furniture=raw.furniture, listed=raw.item
            )
            lines.append(dataclasses.replace(line, vote=vote and line.pattern is None))
        else:
            lines.append(
                Line(
                    raw.text,
                    0,
                    0.0,
                    False,
                    "far",
                    False,
                    link_chars=raw.link_chars,
                    furniture=raw.furniture,
                    listed=raw.item,
                    vote=False,
                )
            )
    return lines


def _parse(html: str) -> object:
    """The lxml tree of ``html``."""
    import lxml.html

    try:
        return lxml.html.document_fromstring(html)
    except Exception as exc:  # lxml raises ParserError/ValueError on degenerate input
        raise NoArticleError(
            "The HTML could not be parsed into a page. Save the page again, or paste its text."
        ) from exc


def visible_text(html: str) -> str:
    """The page's text as a browser shows it, one block per paragraph: nothing removed."""
    return "\n\n".join(line.text for line in render_lines(_parse(html)))


def clean_title(title: str | None, site: str | None) -> str | None:
    """The headline without a " - Site name" suffix."""
    if not title:
        return None
    title = _SPACE.sub(" ", title).strip()
    match = _TITLE_SUFFIX.search(title)
    if match and len(title) - len(match.group()) >= 15:
        suffix = match.group().lower()
        if site is None or any(w in suffix for w in words(site)) or "." in suffix:
            title = title[: match.start()].rstrip()
    prefix = _TITLE_PREFIX.match(title)
    if prefix:
        name = prefix.group(1).lower()
        if re.search(r"\.(?:com|id|co|net)\b", name) or (
            site is not None and set(words(name)) & set(words(site))
        ):
            title = title[prefix.end() :]
    return title or None


def strip_html(html: str, url: str | None = None) -> Article:
    """The article of an HTML page.

    The rules read the page guided by trafilatura's fast extraction; when that reading
    looks doubtful (see :mod:`.candidates`), other readings are made and the one a reader
    would take for the article is kept.

    Args:
        html: the page, decoded.
        url: where the page came from, if known (kept as metadata).

    Returns:
        The article: title, paragraphs, metadata (date, site, author, language), the
        dropped lines around and inside the body, and warnings (English page, a short
        article, readings that disagreed).

    Raises:
        NoArticleError: the page holds no article body (an index page, a login wall).
    """
    root = _parse(html)
    # Render before trafilatura runs: it prunes the tree it is given.
    page = render_lines(root)
    meta = page_metadata(root, url)
    title = clean_title(meta.title, meta.site)
    texts = [line.text for line in page]
    heading = candidates.title_line(texts, title)
    if heading is None:
        heading = candidates.title_line(texts, _first(root, ("//h1//text()",)))
    link_chars = {normal_form(line.text): (len(line.text), line.link_chars) for line in page}
    chosen = _reading("rules+fast", page, _extract(root, url, fast=True))
    warnings: list[Notice] = []
    if candidates.doubtful(chosen, texts, heading, link_chars):
        readings = [
            chosen,
            _reading("rules+precision", page, _extract(_parse(html), url, favor_precision=True)),
            _reading("rules+recall", page, _extract(_parse(html), url, favor_recall=True)),
            _visible_reading(page),
        ]
        decision = candidates.decide(readings, texts, heading, link_chars)
        chosen = decision.chosen
        if decision.contested:
            warnings.append(
                Notice(
                    "uncertain-body",
                    "Parts of this page could each be the article; check that the text "
                    "below is the one you meant (or paste the article's text).",
                )
            )
    if chosen.refusal is not None:
        raise chosen.refusal
    lines, selection = chosen.lines, chosen.selection
    paragraphs = selection.paragraphs
    language = body_language(" ".join(paragraphs)[:5000])
    if lines:
        reject_index_page(lines, selection, language, whole_page=True)
    if title and paragraphs and normal_form(paragraphs[0]) == normal_form(title):
        paragraphs = paragraphs[1:]
    if _is_short(paragraphs):
        warnings.append(SHORT_ARTICLE)
    # The UI shows what was removed near the article, not every menu item of the page.
    lo, hi = max(0, selection.start - 10), min(len(lines), selection.end + 10)
    region = {line.text for line in lines[lo:hi]}
    removed = [
        r for r in selection.removed if (r in region or r in chosen.extracted) and r != title
    ]
    byline = find_byline(lines, selection.start)
    warnings[:0] = language_warnings(language)
    return Article(
        paragraphs=paragraphs,
        title=title,
        url=url,
        date=meta.date or byline.date,
        site=meta.site,
        author=_person(meta.author, meta.site) or byline.author or meta.author,
        language=language,
        removed=removed,
        warnings=warnings,
    )


def _extract(
    root: Any,
    url: str | None,
    *,
    fast: bool = False,
    favor_precision: bool = False,
    favor_recall: bool = False,
) -> str:
    """trafilatura's text of the page in the given mode ("" when it finds none)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        root,
        url=url,
        fast=fast,
        favor_precision=favor_precision,
        favor_recall=favor_recall,
        include_comments=False,
        include_tables=True,
    )
    if document is None or isinstance(document, dict):
        return ""
    return document.text or ""


def _reading(name: str, page: list[PageLine], kept_text: str) -> candidates.Candidate:
    """The rules' reading of the page, guided by an extractor's text ``kept_text``."""
    if kept_text and body_language(kept_text[:5000]) != "id" and not _menu_like(kept_text):
        # The Indonesian rules have nothing to add on other languages: the extractor's
        # text, cleaned of the lines that match a boilerplate pattern.
        selection = _clean_lines(kept_text)
        return candidates.Candidate(
            name, [], selection, kept_text, _refusal(page, [], selection.paragraphs)
        )
    lines = _classify(page, _votes(page, kept_text))
    voted = [i for i, line in enumerate(lines) if line.bonus > 0]
    # Only near what the extractor kept: a dropped lead just above it, a line or two
    # below; never the comments or the teasers further away.
    window = (max(0, voted[0] - _MARGIN_BEFORE), voted[-1] + 1 + _MARGIN_AFTER) if voted else None
    selection = select_body(lines, window)
    return candidates.Candidate(
        name, lines, selection, kept_text, _refusal(page, lines, selection.paragraphs)
    )


def _visible_reading(page: list[PageLine]) -> candidates.Candidate:
    """The rules alone over the page's visible lines (no extractor), with their markup."""
    lines = [
        make_line(p.text, link_chars=p.link_chars, furniture=p.furniture, vote=False) for p in page
    ]
    selection = select_body(lines)
    return candidates.Candidate(
        "visible", lines, selection, "", _refusal(page, lines, selection.paragraphs)
    )


_NO_ARTICLE = (
    "No article found in this page: it holds no run of sentences (an index page, a menu or "
    "a login wall?). Give the address of a single article, or paste its text."
)


def _is_short(paragraphs: list[str]) -> bool:
    """Whether the body is under :data:`MIN_BODY_WORDS` words: a short news item."""
    return sum(len(words(p)) for p in paragraphs) < MIN_BODY_WORDS


def _refusal(
    page: list[PageLine], lines: list[Line], paragraphs: list[str]
) -> NoArticleError | None:
    """Why ``paragraphs`` are no article, or None: a short item of one to three real
    sentences is an article (a video or photo page, a breaking-news stub)."""
    if lines and _is_short(paragraphs):
        if has_sentences(paragraphs) and _link_share(page, paragraphs) < 0.5:
            return None
        return NoArticleError(_NO_ARTICLE)
    if not (_has_prose(paragraphs) or _link_share(page, paragraphs) < 0.5):
        return NoArticleError(_NO_ARTICLE)
    return None


def _menu_like(text: str) -> bool:
    """Whether most of ``text`` is in short lines (trafilatura kept a menu, not an article)."""
    lengths = [len(line) for line in text.splitlines() if line.strip()]
    short = sum(n for n in lengths if n < 40)
    return short > 0.5 * sum(lengths)


def _link_share(page: list[PageLine], paragraphs: list[str]) -> float:
    """Share of the body's characters that are link text on the page (an index: most)."""
    body = {normal_form(p) for p in paragraphs}
    total = links = 0
    for line in page:
        if normal_form(line.text) in body:
            total += len(line.text)
            links += line.link_chars
    return links / total if total else 1.0


def _person(author: str | None, site: str | None) -> str | None:
    """``author`` unless it is the site's name or a domain (not a person)."""
    if not author or re.search(r"\.(?:com|id|co|net|org)\b", author, re.IGNORECASE):
        return None
    if site and author.lower() == site.lower():
        return None
    return author


def _has_prose(paragraphs: list[str]) -> bool:
    """Whether ``paragraphs`` hold running text, in any language: sentences, not labels."""
    text = "\n".join(paragraphs)
    long_line = any(len(p) >= 200 for p in paragraphs)
    return len(text) >= _MIN_PROSE_CHARS and (long_line or len(_SENTENCE_END.findall(text)) >= 2)


def _clean_lines(text: str) -> Selection:
    """trafilatura's text without the lines that match a boilerplate pattern."""
    kept: list[str] = []
    removed: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if patterns.is_boilerplate(line):
            removed.append(line)
        else:
            kept.append(line)
    return Selection(paragraphs=kept, removed=removed, start=0, end=len(kept))


def _first(root: Any, queries: tuple[str, ...]) -> str | None:
    """The first non-empty result of the XPath ``queries`` on ``root``, whitespace-normalised."""
    for query in queries:
        for value in root.xpath(query):
            text = _SPACE.sub(" ", str(value)).strip()
            if text:
                return text
    return None


def page_metadata(root: Any, url: str | None = None) -> Metadata:
    """Title, date, site and author from the page's meta tags and headings.

    Args:
        root: the parsed page (before any pruning).
        url: the page's address, for the site name when the page gives none.

    Returns:
        What the page declares; None for what it does not.
    """
    title = _first(root, _TITLE_QUERIES)
    heading = _first(root, ("//h1//text()",))
    if title and heading and len(heading) > len(title) and heading.startswith(title.rstrip(". ")):
        title = heading  # a social-media title cut short ("... 6-0" for "... 6-0, Dion ...")
    date = _first(root, _DATE_QUERIES)
    if date:
        iso = _ISO_DATE.search(date)
        date = iso.group() if iso else date
    site = _first(root, _SITE_QUERIES)
    if site is None and url:
        site = urllib.parse.urlsplit(url).hostname
    author = _first(root, _AUTHOR_QUERIES)
    if author:
        author = re.sub(
            r"^\W*(?:editor|penulis|reporter|pewarta|oleh|by)\s*:?\s*", "", author, flags=re.I
        )
        if author.startswith("http") or len(author) > 80:
            author = None
    return Metadata(title=title, date=date, site=site, author=author or None)
