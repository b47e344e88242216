"""What a batch reads: the files of a folder, and the articles in each file.

A file holds one article (``.html``, ``.htm``, ``.txt``, ``.md``, ``.docx``, ``.pdf``) or
many (``.json``, ``.jsonl``: one article per record, its text in a named field). Each
article is a :class:`Unit` with a stable key, the SHA-256 of its content (what resume
compares) and its raw payload; a unit that cannot be read carries the error instead, so a
bad file becomes one failed line of the manifest rather than the end of the run. A file of
one article is read by the core loader, :func:`summarizer.sources.read_file`, as the web UI
and the CLI read it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer import sources
from summarizer.document import Article
from summarizer.errors import EmptyInputError, EncodingError, InputError, InputTooLargeError
from summarizer.sources import FILE_SUFFIXES, Source, check_size, read_file, size_limit

RECORD_SUFFIXES = (".json", ".jsonl")
#: The file types a batch reads (lower-case suffixes); anything else is skipped.
SUFFIXES = (*FILE_SUFFIXES, *RECORD_SUFFIXES)
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
    limit = MAX_JSON_BYTES if suffix == ".json" else size_limit(suffix)
    try:
        check_size(path.stat().st_size, suffix, limit)
        data = path.read_bytes()
    except InputTooLargeError as exc:
        yield Unit(name, None, _file_sha256(path), error=exc)
        return
    except OSError as exc:
        yield Unit(name, None, "", error=InputError(f"The file cannot be read: {exc.strerror}."))
        return
    digest = hashlib.sha256(data).hexdigest()
    if suffix == ".json":
        yield from _json_units(data, name, digest, field)
        return
    try:
        source = read_file(path, data)
    except InputError as exc:
        yield Unit(name, None, digest, error=exc)
    else:
        yield Unit(name, None, digest, source.kind, source.payload, source.metadata)


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
    if unit.error is not None:
        raise unit.error
    if unit.payload is None:
        raise EmptyInputError("The input is empty.")
    return sources.to_article(Source(unit.kind, unit.payload, unit.metadata), options)


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
# Helpers
# ---------------------------------------------------------------------------------------


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
