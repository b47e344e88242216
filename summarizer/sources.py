"""What a user gives, read the same way by the web UI, the CLI and batch: pasted text, a
file (a saved page, text, Markdown, .docx or .pdf), or a page's address.

:func:`read_file` turns a file into a :class:`Source` (its kind, its raw payload, the
metadata the file itself gives) with each type's size limit; :func:`to_article` makes the
Article to translate from a Source, stripped or kept whole as ``options.strip`` says;
:func:`from_text` and :func:`from_url` do the same for a paste and an address. The shells
only turn the errors into their own form (a panel, an exit code, a manifest line).
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.document import Article
from summarizer.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    NoArticleError,
)

#: Files that hold one article, by lower-case suffix.
FILE_SUFFIXES = (".html", ".htm", ".txt", ".md", ".docx", ".pdf")
#: Largest .docx or .pdf read (the text inside still has the stripper's 5 MiB limit).
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One article as given, before stripping.

    Attributes:
        kind: how to read the payload: ``page`` (HTML or pasted text, detected),
            ``markdown``, ``text`` (extracted from a .docx or .pdf).
        payload: the raw article: bytes of a file, or text.
        metadata: title, url... that the file or record itself gives.
    """

    kind: str
    payload: str | bytes
    metadata: dict[str, str] = field(default_factory=dict)


def read_file(
    path: Path, data: bytes | None = None, *, types: Sequence[str] | None = FILE_SUFFIXES
) -> Source:
    """The article in one file, by its suffix.

    Args:
        path: the file.
        data: its bytes, if they were read already.
        types: the suffixes accepted; None accepts any file, one of another type being
            read as a page (HTML or text, detected).

    Raises:
        InputError: the type is not in ``types``, the file cannot be read, is over its
            type's size limit, or is a broken .docx or .pdf.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if types is not None and suffix not in types:
        raise InputError(
            f"{path.name} is not a page or a document: give a "
            f"{', '.join(FILE_SUFFIXES[:-1])} or {FILE_SUFFIXES[-1]} file."
        )
    if data is None:
        try:
            check_size(path.stat().st_size, suffix)
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(
                f"Cannot read {path}: {exc.strerror or exc}. Check the path and its permissions."
            ) from None
    check_size(len(data), suffix)
    if suffix == ".docx":
        return Source("text", *docx_text(data))
    if suffix == ".pdf":
        return Source("text", *pdf_text(data))
    return Source("markdown" if suffix == ".md" else "page", data)


def size_limit(suffix: str) -> int:
    """The largest file of this type read whole."""
    from summarizer.stripping.decode import MAX_INPUT_BYTES

    return MAX_DOCUMENT_BYTES if suffix in (".docx", ".pdf") else MAX_INPUT_BYTES


def check_size(size: int, suffix: str, limit: int | None = None) -> None:
    """Refuse a file over ``limit`` bytes (default: its type's :func:`size_limit`).

    Raises:
        InputTooLargeError: with the size, the limit and what to do instead.
    """
    limit = size_limit(suffix) if limit is None else limit
    if size > limit:
        hint = (
            " Put many articles in a .jsonl file (one record per line)."
            if suffix == ".json"
            else ""
        )
        raise InputTooLargeError(
            f"The file is {size / 1_048_576:.1f} MiB; the limit for {suffix} files is "
            f"{limit / 1_048_576:.0f} MiB. Give one article per file.{hint}"
        )


def to_article(source: Source, options: Any) -> Article:
    """The article of ``source`` (``options``: a pipeline ``Options``, for ``strip``).

    Raises:
        InputError: what the stripper found (empty, binary, undecodable, too large, no
            article).
    """
    from summarizer.pipeline import prepare

    # A page stays bytes, so that the stripper detects its encoding and its markup.
    payload = as_text(source) if source.kind == "markdown" else source.payload
    article = prepare(payload, options)
    missing: dict[str, Any] = {
        key: value for key, value in source.metadata.items() if not getattr(article, key, None)
    }
    return dataclasses.replace(article, **missing) if missing else article


def as_text(source: Source) -> str:
    """The text of ``source`` as given: decoded, Markdown markup removed, nothing stripped.

    Raises:
        InputError: the bytes are binary or decode in no likely encoding.
    """
    from summarizer.stripping.decode import to_text

    text = to_text(source.payload)
    return markdown_text(text) if source.kind == "markdown" else text


def from_text(text: str) -> Source:
    """A pasted article.

    Raises:
        EmptyInputError: there is nothing but white space.
    """
    if not text.strip():
        raise EmptyInputError(
            "There is nothing to translate: paste an article, or give its page or address."
        )
    return Source("page", text)


def from_url(url: str, strip: bool = True) -> Article:
    """The article at ``url``: stripped, or (``strip`` off) its whole text, decoded with
    the server's charset and labelled with the address either way.

    Raises:
        FetchError: the address is refused or cannot be fetched.
        InputError: as :func:`summarizer.stripping.strip`.
    """
    if strip:
        from summarizer.stripping import strip_url

        return strip_url(url)
    from summarizer.stripping import as_plain_article
    from summarizer.stripping.fetch import fetch

    page = fetch(url)
    article = as_plain_article(page.content, encoding=page.charset)
    return dataclasses.replace(article, url=page.url)


# ---------------------------------------------------------------------------------------
# Markdown, .docx and .pdf
# ---------------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_MD_RULES = [
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE), r"\1"),  # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$", re.MULTILINE), ""),  # rules
    (re.compile(r"^([ \t]*)[-*+][ \t]+", re.MULTILINE), r"\1"),  # bullets
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code
]


def markdown_text(text: str) -> str:
    """Plain text from Markdown: markup removed, headings and paragraphs kept as lines."""
    front = _FRONT_MATTER.match(text)
    title = ""
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() == "title":
                title = value.strip().strip("\"'")
        text = text[front.end() :]
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return f"{title}\n\n{text}" if title else text


def docx_text(data: bytes) -> tuple[str, dict[str, str]]:
    """The paragraphs of a .docx file, blank-line separated, and its title.

    Raises:
        BinaryInputError: the file is not a readable .docx.
        EmptyInputError: it holds no text.
    """
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a dependency
        raise BinaryInputError(
            "Reading .docx files needs python-docx: pip install python-docx."
        ) from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zip, XML and key errors alike
        raise BinaryInputError(
            f"The file is not a readable .docx document ({type(exc).__name__}); "
            "open it in a word processor and save it again, or save its text as .txt."
        ) from None
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        raise EmptyInputError("The .docx document holds no text.")
    metadata = {}
    title = (document.core_properties.title or "").strip()
    if title:
        metadata["title"] = title
    return "\n\n".join(paragraphs), metadata


def pdf_text(data: bytes) -> tuple[str, dict[str, str]]:
    """The text of a PDF's pages, its hard-wrapped lines joined into paragraphs.

    Raises:
        BinaryInputError: the file is not a readable PDF, or is encrypted.
        NoArticleError: the PDF has no text layer (a scan).
    """
    try:
        from pypdf import PdfReader
    except ImportError as exc:  # pragma: no cover - a dependency
        raise BinaryInputError("Reading .pdf files needs pypdf: pip install pypdf.") from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise BinaryInputError("The PDF is encrypted; save an unencrypted copy.")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
        title = str(info.title or "").strip() if info else ""
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on broken files
        raise BinaryInputError(
            f"The file is not a readable PDF ({type(exc).__name__}); save its text as .txt instead."
        ) from None
    text = "\n\n".join(reflow(page) for page in pages if page.strip())
    if not text.strip():
        raise NoArticleError(
            "The PDF has no text layer (a scanned page?): run OCR on it first, "
            "or give the article's web page or text."
        )
    return text, {"title": title} if title else {}


_LINE_END = re.compile(r"[.!?:\"”’)]$")


def reflow(page: str) -> str:
    """Join a PDF page's hard-wrapped lines into paragraphs.

    A paragraph ends at a blank line, or at a short line that ends a sentence (a full
    line ending in a full stop is usually wrapped mid-paragraph).
    """
    lines = [line.strip() for line in page.splitlines()]
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if not current:
            current = line
        elif current.endswith("-") and not current.endswith(" -"):
            current += line  # Indonesian reduplication ("anak-anak") wraps at the hyphen
        else:
            current += " " + line
        if _LINE_END.search(line) and len(line) < 0.85 * width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)
