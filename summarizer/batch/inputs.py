"""What a batch reads: the files of a folder, and the articles in each file.

A file holds one article (``.html``, ``.htm``, ``.txt``, ``.md``, ``.docx``, ``.pdf``) or
many (``.json``, ``.jsonl``: one article per record, its text in a named field). Each
article is a :class:`Unit` with a stable key, the SHA-256 of its content (what resume
compares) and its raw payload; a unit that cannot be read carries the error instead, so a
bad file becomes one failed line of the manifest rather than the end of the run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.document import Article
from summarizer.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    NoArticleError,
)

#: The file types a batch reads (lower-case suffixes); anything else is skipped.
SUFFIXES = (".html", ".htm", ".txt", ".md", ".json", ".jsonl", ".docx", ".pdf")
RECORD_SUFFIXES = (".json", ".jsonl")
#: Largest .docx or .pdf read (the text inside still has the stripper's 5 MiB limit).
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
#: Largest .json file loaded whole; bigger collections belong in .jsonl (streamed).
MAX_JSON_BYTES = 512 * 1024 * 1024
#: Metadata a record, a .docx or a .pdf may give, used where the stripper found none.
METADATA_FIELDS = ("title", "url", "date", "site", "author")

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Discovery:
    """The files found under a folder: those to read and those of other types."""

    files: list[Path]
    ignored: list[Path]


@dataclass(frozen=True)
class Unit:
    """One article of the batch: a whole file, or one record of a JSON/JSONL file.

    Attributes:
        input: the file's path relative to the batch root, with ``/`` separators.
        record: the record's 0-based index in a JSON/JSONL file; None for a whole file.
        sha256: hex digest of the content (the record's canonical JSON for a record).
        kind: how to read the payload: ``page`` (HTML or text, stripped), ``markdown``,
            ``text`` (extracted from a .docx or .pdf).
        payload: the raw article (bytes for files, str for records and extracted text).
        metadata: title, url, date... given by the record or document properties.
        error: why the unit cannot be processed, if it cannot.
    """

    input: str
    record: int | None
    sha256: str
    kind: str = "page"
    payload: str | bytes | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    error: InputError | None = None

    @property
    def key(self) -> str:
        """The unit's identity in the manifest: the path, plus ``#N`` for a record."""
        return self.input if self.record is None else f"{self.input}#{self.record}"

    def output(self, fmt: str) -> str:
        """The relative path of the output in format ``fmt`` (the input name + suffix).

        Keeping the input's own suffix (``page.html.md``) keeps names unique when a folder
        holds ``page.html`` and ``page.txt``, without looking at the rest of the folder.
        """
        if self.record is None:
            return f"{self.input}.{fmt}"
        return f"{self.input}.{self.record}.{fmt}"


def discover(root: Path, exclude: Iterable[Path] = ()) -> Discovery:
    """The readable files under ``root``, recursively, sorted by relative path.

    Hidden files and folders (``.git``, ``.DS_Store``) are passed over; symbolic links to
    folders are not followed (no loops); folders in ``exclude`` (the output folder when it
    lies inside ``root``) are left out with everything below them.

    Args:
        root: the folder of articles.
        exclude: folders not to descend into.

    Returns:
        The files of a supported type, and the other files (reported as skipped).
    """
    root = Path(root)
    excluded = {Path(p).resolve() for p in exclude}
    files: list[Path] = []
    ignored: list[Path] = []
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (here / d).resolve() not in excluded
        )
        for name in names:
            path = here / name
            if name.startswith(".") or not path.is_file():
                continue
            (files if path.suffix.lower() in SUFFIXES else ignored).append(path)
    return Discovery(
        sorted(files, key=lambda p: relative(p, root)),
        sorted(ignored, key=lambda p: relative(p, root)),
    )


def relative(path: Path, root: Path) -> str:
    """``path`` relative to ``root``, with ``/`` separators."""
    return Path(path).relative_to(root).as_posix()


def read_units(path: Path, root: Path, field: str = "text") -> Iterator[Unit]:
    """The articles in one file, in order; an unreadable file gives one unit with its error.

    Args:
        path: the file.
        root: the batch root (output names mirror the path below it).
        field: the text field of JSON/JSONL records.

    Yields:
        One unit per article (per record for JSON/JSONL).
    """
    name = relative(path, root)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_units(path, name, field)
        return
    try:
        size = path.stat().st_size
        limit = _size_limit(suffix)
        if size > limit:
            yield Unit(name, None, _file_sha256(path), error=_too_large(size, limit, suffix))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Unit(name, None, "", error=InputError(f"The file cannot be read: {exc.strerror}."))
        return
    digest = hashlib.sha256(data).hexdigest()
    if suffix == ".json":
        yield from _json_units(data, name, digest, field)
        return
    try:
        if suffix == ".docx":
            text, metadata = docx_text(data)
            yield Unit(name, None, digest, "text", text, metadata)
        elif suffix == ".pdf":
            text, metadata = pdf_text(data)
            yield Unit(name, None, digest, "text", text, metadata)
        else:
            kind = "markdown" if suffix == ".md" else "page"
            yield Unit(name, None, digest, kind, data)
    except InputError as exc:
        yield Unit(name, None, digest, error=exc)


def count_units(path: Path) -> int:
    """How many articles ``path`` holds, cheaply (for the progress bar's total)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            with path.open("rb") as handle:
                return max(1, sum(1 for line in handle if line.strip()))
        if suffix == ".json" and path.stat().st_size <= MAX_JSON_BYTES:
            data = json.loads(path.read_bytes())
            return max(1, len(data)) if isinstance(data, list) else 1
    except (OSError, ValueError):
        pass
    return 1


def to_article(unit: Unit, options: Any) -> Article:
    """The stripped article of a unit (``options`` is a pipeline ``Options``).

    Raises:
        InputError: the unit's own error, or what the stripper found (empty, binary,
            undecodable, too large, no article).
    """
    from summarizer.pipeline import prepare

    if unit.error is not None:
        raise unit.error
    payload = unit.payload
    if payload is None:
        raise EmptyInputError("The input is empty.")
    if unit.kind == "markdown":
        from summarizer.stripping.decode import to_text

        payload = markdown_text(to_text(payload))
    article = prepare(payload, options)
    missing: dict[str, Any] = {
        key: value for key, value in unit.metadata.items() if not getattr(article, key, None)
    }
    return dataclasses.replace(article, **missing) if missing else article


# ---------------------------------------------------------------------------------------
# JSON and JSONL records
# ---------------------------------------------------------------------------------------


def _json_units(data: bytes, name: str, digest: str, field: str) -> Iterator[Unit]:
    """The records of a .json file: a list of objects, or one object."""
    try:
        loaded = json.loads(_utf8(data))
    except InputError as exc:
        yield Unit(name, None, digest, error=exc)
        return
    except ValueError as exc:
        yield Unit(name, None, digest, error=InputError(f"The file is not valid JSON: {exc}."))
        return
    records = loaded if isinstance(loaded, list) else [loaded]
    if not records:
        yield Unit(name, None, digest, error=EmptyInputError("The JSON file holds no records."))
        return
    for index, record in enumerate(records):
        yield _record_unit(name, index, record, field)


def _jsonl_units(path: Path, name: str, field: str) -> Iterator[Unit]:
    """The records of a .jsonl file, streamed line by line (the file may be huge)."""
    index = 0
    try:
        with path.open("rb") as handle:
            for line in handle:
                if not line.strip():
                    continue
                try:
                    record = json.loads(_utf8(line))
                except InputError as exc:
                    yield Unit(name, index, _sha(line.strip()), error=exc)
                except ValueError as exc:
                    error = InputError(f"Line {index + 1} is not valid JSON: {exc}.")
                    yield Unit(name, index, _sha(line.strip()), error=error)
                else:
                    yield _record_unit(name, index, record, field)
                index += 1
    except OSError as exc:
        yield Unit(name, None, "", error=InputError(f"The file cannot be read: {exc.strerror}."))
        return
    if index == 0:
        yield Unit(name, None, _sha(b""), error=EmptyInputError("The JSONL file holds no records."))


def _record_unit(name: str, index: int, record: Any, field: str) -> Unit:
    """One record as a unit: its text field is the article, other fields its metadata."""
    canonical = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    digest = _sha(canonical)
    if not isinstance(record, dict):
        error = InputError(
            f"Record {index} is a JSON {type(record).__name__}, not an object with a "
            f"{field!r} field."
        )
        return Unit(name, index, digest, error=error)
    text = record.get(field)
    if not isinstance(text, str):
        fields = ", ".join(sorted(map(str, record))) or "none"
        what = "has no" if text is None else "has a non-text"
        error = InputError(
            f"Record {index} {what} {field!r} field (its fields: {fields}); "
            "name the text field with --field."
        )
        return Unit(name, index, digest, error=error)
    metadata = {
        key: value.strip()
        for key in METADATA_FIELDS
        if isinstance(value := record.get(key), str) and value.strip()
    }
    return Unit(name, index, digest, "page", text, metadata)


def _utf8(data: bytes) -> str:
    """JSON text is UTF-8 (RFC 8259), with or without a byte-order mark."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"The JSON is not valid UTF-8 (byte {exc.start}); save it as UTF-8."
        ) from None


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


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------


def _size_limit(suffix: str) -> int:
    """The largest file of this type read whole."""
    from summarizer.stripping.decode import MAX_INPUT_BYTES

    if suffix in (".docx", ".pdf"):
        return MAX_DOCUMENT_BYTES
    if suffix == ".json":
        return MAX_JSON_BYTES
    return MAX_INPUT_BYTES


def _too_large(size: int, limit: int, suffix: str) -> InputTooLargeError:
    """The error for a file over its type's size limit, with what to do instead."""
    hint = " Put many articles in a .jsonl file (one record per line)." if suffix == ".json" else ""
    return InputTooLargeError(
        f"The file is {size / 1_048_576:.1f} MiB; the limit for {suffix} files is "
        f"{limit / 1_048_576:.0f} MiB. Give one article per file.{hint}"
    )


def _file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _sha(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()
