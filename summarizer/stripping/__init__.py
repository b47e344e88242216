"""The boilerplate stripper: the article body of a page or of a pasted copy, and nothing else.

    >>> from summarizer import strip
    >>> article = strip(raw)        # str or bytes: an HTML page or pasted text
    >>> article.title, article.paragraphs, article.removed

HTML goes through trafilatura, checked line by line with rules for Indonesian news pages
(:mod:`.html`); plain text through a line classifier (:mod:`.pasted`). Both share the
boilerplate patterns of :mod:`.patterns`. Bad input raises a
:class:`~summarizer.errors.InputError` subclass that says what to do.
"""

from __future__ import annotations

import dataclasses
import logging

from summarizer.document import Article
from summarizer.stripping.decode import MAX_INPUT_BYTES, is_html, to_text
from summarizer.stripping.fetch import DEFAULT_TIMEOUT, MAX_FETCH_BYTES
from summarizer.stripping.language import body_language, detect_language

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_FETCH_BYTES",
    "MAX_INPUT_BYTES",
    "as_plain_article",
    "detect_language",
    "strip",
    "strip_url",
]


def strip(raw: str | bytes, *, url: str | None = None, encoding: str | None = None) -> Article:
    """The article in ``raw``: an HTML page or a pasted copy of one (detected).

    Args:
        raw: the page's HTML or the pasted text, as ``str`` or undecoded ``bytes``.
        url: where the page came from, if known (kept in ``article.url``).
        encoding: a charset to try first when ``raw`` is bytes (e.g. from HTTP headers).

    Returns:
        The article: ``title``, ``paragraphs``, metadata, ``removed`` (the boilerplate
        dropped, in page order) and ``warnings`` (e.g. an English page).

    Raises:
        EmptyInputError: the input is empty or whitespace.
        InputTooLargeError: the input is over :data:`MAX_INPUT_BYTES` (5 MiB).
        BinaryInputError: the input is a file format or binary data.
        EncodingError: the bytes decode in no likely encoding.
        NoArticleError: the input holds no article body (an index page, a menu).
    """
    text = to_text(raw, encoding)
    if is_html(text):
        from summarizer.stripping.html import strip_html

        log.debug("stripping HTML (%d characters)", len(text))
        return strip_html(text, url=url)
    from summarizer.stripping.pasted import strip_text

    log.debug("stripping pasted text (%d characters)", len(text))
    article = strip_text(text)
    return dataclasses.replace(article, url=url) if url else article


def as_plain_article(raw: str | bytes, *, encoding: str | None = None) -> Article:
    """The input taken as the article as it is: no stripping, one paragraph per block.

    Args:
        raw: plain text (``str`` or bytes), blank lines separating paragraphs; or an HTML
            page, taken as all of its visible text (one paragraph per block).
        encoding: a charset to try first when ``raw`` is bytes.

    Returns:
        The article, with its language and a warning when it is not Indonesian.

    Raises:
        EmptyInputError, InputTooLargeError, BinaryInputError, EncodingError: as :func:`strip`.
    """
    from summarizer.stripping.pasted import language_warnings

    text = to_text(raw, encoding)
    if is_html(text):
        from summarizer.stripping.html import visible_text

        text = visible_text(text)
    article = Article.from_text(text)
    language = body_language(article.text)
    return dataclasses.replace(
        article, language=language, warnings=list(language_warnings(language))
    )


def strip_url(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_FETCH_BYTES,
    allow_private: bool = False,
) -> Article:
    """Fetch the page at ``url`` and strip it.

    Args:
        url: an http:// or https:// address of an article.
        timeout: seconds to wait for the server.
        max_bytes: refuse pages larger than this.
        allow_private: also fetch from private, loopback and link-local addresses.

    Returns:
        The article, with ``url`` set to the address finally fetched.

    Raises:
        FetchError: the address is refused or the page cannot be fetched.
        InputError: as :func:`strip`, for what the page holds.
    """
    from summarizer.stripping.fetch import fetch

    page = fetch(url, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private)
    return strip(page.content, url=page.url, encoding=page.charset)
