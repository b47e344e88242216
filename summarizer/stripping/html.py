"""The body of an HTML page: trafilatura's extraction, checked line by line.

trafilatura finds the article's region well but, on Indonesian news pages, lets through
lists of related headlines with dates, "Baca juga" links and captions, and drops text
that sits outside ``<p>`` elements (a lead written straight into a ``<div>``, a
stand-alone dateline). So the page is rendered into lines as a browser shows them, the
lines trafilatura kept get a bonus, and the same selection as for pasted text
(:func:`.pasted.select_body`) keeps the densest run of prose and drops pattern lines.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from summarizer.document import Article, Notice
from summarizer.errors import NoArticleError
from summarizer.stripping import patterns
from summarizer.stripping.language import body_language, normal_form, words
from summarizer.stripping.pasted import (
    MIN_BODY_WORDS,
    Line,
    Selection,
    find_byline,
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
# Bonus for a line that trafilatura kept, and its part that grows with the line's length.
_KEPT_BONUS = 6.0
_KEPT_BONUS_PER_WORD = 0.3
# A short line trafilatura kept (a subheading) is neutral: kept inside, not a reason to extend.
_SHORT_KEPT_BONUS = 2.0
# A line that is mostly link text is navigation unless it reads as prose.
_LINK_DENSITY = 0.5
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
    """Features of the lines near trafilatura's (others only as far-away placeholders)."""
    voted = [i for i, v in enumerate(votes) if v]
    lo, hi = (voted[0] - _CONTEXT, voted[-1] + 1 + _CONTEXT) if voted else (0, len(page))
    return [
        make_line(p.text) if lo <= i < hi else Line(p.text, 0, 0.0, False, "far", False)
        for i, p in enumerate(page)
    ]


def _bonuses(page: list[PageLine], lines: list[Line], votes: list[bool]) -> list[float]:
    """Score adjustments from trafilatura's vote and from the markup."""
    bonus = []
    for raw, line, voted in zip(page, lines, votes, strict=True):
        value = 0.0
        if voted and line.n_words < 4:
            value += _SHORT_KEPT_BONUS
        elif voted:
            value += _KEPT_BONUS + _KEPT_BONUS_PER_WORD * line.n_words
        elif not line.prose:
            if raw.furniture:
                value -= 3.0
            if _is_link(raw):
                value -= 3.0
        bonus.append(value)
    return bonus


def _is_link(line: PageLine) -> bool:
    """Whether ``line`` is mostly link text."""
    return line.link_chars > _LINK_DENSITY * len(line.text)


def _keepable(page: list[PageLine], lines: list[Line], votes: list[bool]) -> list[bool]:
    """What may be kept: trafilatura's lines, and prose it dropped outside captions and boxes."""
    return [
        voted
        or (
            not raw.furniture
            and (line.prose or line.sentence or bool(patterns.DATELINE_ALONE.match(line.text)))
        )
        for raw, line, voted in zip(page, lines, votes, strict=True)
    ]


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

    Args:
        html: the page, decoded.
        url: where the page came from, if known (kept as metadata).

    Returns:
        The article: title, paragraphs, metadata (date, site, author, language), the
        dropped lines around and inside the body, and warnings (English page).

    Raises:
        NoArticleError: the page holds no article body (an index page, a login wall).
    """
    import trafilatura

    root = _parse(html)
    # Render before trafilatura runs: it prunes the tree it is given.
    page = render_lines(root)
    meta = page_metadata(root, url)
    document = trafilatura.bare_extraction(
        root, url=url, fast=True, include_comments=False, include_tables=True
    )
    kept_text = ""
    if document is not None and not isinstance(document, dict):
        kept_text = document.text or ""
    if kept_text and body_language(kept_text[:5000]) != "id" and not _menu_like(kept_text):
        # The Indonesian rules have nothing to add on other languages: trafilatura's
        # text, cleaned of the lines that match a boilerplate pattern.
        selection = _clean_lines(kept_text)
        lines: list[Line] = []
    else:
        votes = _votes(page, kept_text)
        lines = _classify(page, votes)
        votes = [v and line.pattern is None for v, line in zip(votes, lines, strict=True)]
        bonus = _bonuses(page, lines, votes)
        voted = [i for i, b in enumerate(bonus) if b > 0]
        # Only near what trafilatura kept: a dropped lead just above it, a line or two
        # below; never the comments or the teasers further away.
        window = (
            (max(0, voted[0] - _MARGIN_BEFORE), voted[-1] + 1 + _MARGIN_AFTER) if voted else None
        )
        links = [_is_link(raw) for raw in page]
        # List items and table rows that trafilatura kept with the article belong to it,
        # unless they are links (a list of related headlines).
        items = {
            i
            for i, (raw, voted, link) in enumerate(zip(page, votes, links, strict=True))
            if raw.item and voted and not link
        }
        selection = select_body(lines, bonus, window, _keepable(page, lines, votes), links, items)
    paragraphs = selection.paragraphs
    # Word counts mean little in scripts without spaces; _has_prose counts characters.
    too_short = bool(lines) and sum(len(words(p)) for p in paragraphs) < MIN_BODY_WORDS
    if too_short or not (_has_prose(paragraphs) or _link_share(page, paragraphs) < 0.5):
        raise NoArticleError(
            "No article found in this page: it holds no run of sentences (an index page, "
            "a menu or a login wall?). Give the address of a single article, or paste "
            "its text."
        )
    language = body_language(" ".join(paragraphs)[:5000])
    if lines:
        reject_index_page(lines, selection, language, whole_page=True)
    title = clean_title(meta.title, meta.site)
    if title and paragraphs and normal_form(paragraphs[0]) == normal_form(title):
        paragraphs = paragraphs[1:]
    # The UI shows what was removed near the article, not every menu item of the page.
    lo, hi = max(0, selection.start - 10), min(len(lines), selection.end + 10)
    region = {line.text for line in lines[lo:hi]}
    removed = [r for r in selection.removed if (r in region or r in kept_text) and r != title]
    byline = find_byline(lines, selection.start)
    warnings: list[Notice] = list(language_warnings(language))
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
