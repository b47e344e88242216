"""A persistent translation cache: a translator wrapped in it is still a translator.

Repeated sentences (datelines, agency boilerplate, the same article saved twice) and
re-runs of a batch cost nothing: :class:`CachedTranslator` looks every sentence up in a
SQLite file first and sends only the others to the model. Entries are keyed by the model's
identity (where its weights come from, backend, precision, device type), the decoding
options and the sentence, so a change of model or beam size never returns stale text.

SQLite runs in WAL mode: a process killed at any moment leaves the cache as it was after
its last committed batch, and several processes (shards) may share one cache file on a
local disk (not on a network file system, where SQLite's locks are unreliable).
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from summarizer.document import Notice
from summarizer.translate.passages import Passage
from summarizer.translate.translator import Progress, Translation, Translator, translate_texts

CACHE_FILE = "translation-cache.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS models (key TEXT PRIMARY KEY, description TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS translations (
    model TEXT NOT NULL,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    score TEXT NOT NULL,
    notices TEXT NOT NULL,
    PRIMARY KEY (model, source)
) WITHOUT ROWID;
"""
_LOOKUP_CHUNK = 500  # SQLite's limit on host parameters is 999 in older builds


class TranslationCache:
    """Translations stored in a SQLite file, by model key and source sentence.

    Args:
        path: the database file (created with its folder if missing).

    Raises:
        OSError: the file cannot be created or opened (read-only folder, disk full...).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a killed process loses nothing committed (only power loss
            # may lose the last transactions, which a resumed batch then redoes).
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise _os_error(exc, self.path) from exc

    def get_many(self, model: str, sources: Sequence[str]) -> dict[str, Translation]:
        """The cached translations of ``sources`` (those not cached are absent).

        Raises:
            OSError: the database cannot be read.
        """
        found: dict[str, Translation] = {}
        for start in range(0, len(sources), _LOOKUP_CHUNK):
            chunk = list(sources[start : start + _LOOKUP_CHUNK])
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._db.execute(
                    "SELECT source, text, score, notices FROM translations "
                    f"WHERE model = ? AND source IN ({marks})",
                    [model, *chunk],
                ).fetchall()
            except sqlite3.Error as exc:
                raise _os_error(exc, self.path) from exc
            for source, text, score, notices in rows:
                found[source] = Translation(source, text, json.loads(score), _notices(notices))
        return found

    def put_many(self, model: str, description: str, translations: Sequence[Translation]) -> None:
        """Store ``translations`` in one transaction (all or nothing).

        Raises:
            OSError: the database cannot be written (``errno.ENOSPC`` when the disk is full).
        """
        rows = [
            (
                model,
                t.source,
                t.text,
                json.dumps(t.score),  # JSON keeps NaN and the exact float (SQLite REAL drops NaN)
                json.dumps([n.as_dict() for n in t.notices]),
            )
            for t in translations
        ]
        try:
            with self._transaction():
                self._db.execute(
                    "INSERT OR IGNORE INTO models (key, description) VALUES (?, ?)",
                    (model, description),
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?)", rows
                )
        except sqlite3.Error as exc:
            raise _os_error(exc, self.path) from exc

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0])

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self) -> _Transaction:
        """A write transaction on the cache (a context manager)."""
        return _Transaction(self._db)


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is None:
            self.db.execute("COMMIT")
        elif self.db.in_transaction:
            self.db.execute("ROLLBACK")


class CachedTranslator:
    """A translator that answers from a :class:`TranslationCache` before the model.

    A wrapper, not a subclass: it implements the translator interface
    (:class:`~summarizer.translate.translator.SentenceTranslator`) over the translator it
    wraps, which does the work on a cache miss and whose model and decoding settings key
    the cache. ``hits`` and ``misses`` count distinct sentences per call.

    Args:
        inner: the translator that does the work on a cache miss.
        cache: where translations are kept.
    """

    def __init__(self, inner: Translator, cache: TranslationCache) -> None:
        self.inner = inner
        self.cache = cache
        self.hits = 0
        self.misses = 0
        self._key: tuple[str, str] | None = None

    @property
    def name(self) -> str:
        """The wrapped translator's model name."""
        return self.inner.name

    @property
    def reads_context(self) -> bool:
        """Whether the wrapped translator reads paragraphs in context."""
        return bool(getattr(self.inner, "reads_context", False))  # stand-ins may lack it

    @property
    def batch_limits(self) -> tuple[int, int]:
        """The wrapped translator's batch limits."""
        return self.inner.batch_limits

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate whole texts, their layout kept, through the cache."""
        return translate_texts(self, texts)

    @property
    def loaded(self) -> bool:
        """Always True: the wrapped model loads on the first cache miss, not before.

        A re-run whose sentences are all cached then never loads the model at all.
        """
        return True

    def load(self) -> Any:
        """Load the wrapped model now."""
        return self.inner.load()

    @property
    def model_key(self) -> str:
        """The cache key of the wrapped model and its decoding options."""
        return self._identity()[0]

    def translate_sentences(
        self, sentences: Sequence[str], progress: Progress | None = None
    ) -> list[Translation]:
        """Translate sentences, from the cache where it has them, in order.

        The misses are translated together (pooled and batched by the wrapped translator)
        and stored in one transaction before this returns.

        Raises:
            OSError: the cache cannot be written (disk full, read-only).
        """
        key, description = self._identity()
        unique = list(dict.fromkeys(sentences))
        found = self.cache.get_many(key, unique)
        missing = [s for s in unique if s not in found]
        self.hits += len(unique) - len(missing)
        self.misses += len(missing)
        if missing:
            fresh = self.inner.translate_sentences(missing, progress=progress)
            self.cache.put_many(key, description, fresh)
            found.update(zip(missing, fresh))
        elif progress is not None:
            progress(len(unique), len(unique))
        return [dataclasses.replace(found[s], source=s) for s in sentences]

    def translate_passages(
        self, passages: Sequence[Passage], progress: Progress | None = None
    ) -> list[Translation]:
        """Translate paragraphs, from the cache where it has them; one translation per sentence.

        A backend that reads context translates a sentence within its paragraph, so its
        entries are keyed by the whole passage (context and sentences) and the sentence's
        place in it; for the others this is :meth:`translate_sentences`.

        Raises:
            OSError: the cache cannot be written (disk full, read-only).
        """
        if not self.reads_context:
            return self.translate_sentences([s for p in passages for s in p.sentences], progress)
        key, description = self._identity()
        names = {p: _passage_keys(p) for p in dict.fromkeys(passages)}
        found = self.cache.get_many(key, [n for keys in names.values() for n in keys])
        missing = [p for p, keys in names.items() if not all(n in found for n in keys)]
        cached = [keys for p, keys in names.items() if p not in missing]
        self.hits += sum(len(keys) for keys in cached)
        self.misses += sum(len(p.sentences) for p in missing)
        if missing:
            fresh = self.inner.translate_passages(missing, progress=progress)
            keys = [n for p in missing for n in names[p]]
            stored = [dataclasses.replace(t, source=n) for n, t in zip(keys, fresh)]
            self.cache.put_many(key, description, stored)
            found.update(zip(keys, stored))
        elif progress is not None:
            progress(len(found), len(found))
        return [
            dataclasses.replace(found[n], source=s)
            for p in passages
            for n, s in zip(names[p], p.sentences)
        ]

    def _identity(self) -> tuple[str, str]:
        """The cache key of the wrapped model and decoding, and its description (computed once)."""
        if self._key is None:
            description = json.dumps(model_identity(self.inner), sort_keys=True)
            self._key = (hashlib.sha256(description.encode()).hexdigest(), description)
        return self._key


def _passage_keys(passage: Passage) -> list[str]:
    """The cache keys of a passage's sentences: the passage and the sentence's place in it."""
    whole = [passage.context.title, passage.context.previous, list(passage.sentences)]
    return [
        json.dumps(["passage", *whole, i], ensure_ascii=False)
        for i in range(len(passage.sentences))
    ]


def model_identity(translator: Any) -> dict[str, Any]:
    """What decides a translator's output: model source, backend, precision, decoding.

    A local model folder is identified by its path and its files' sizes and modification
    times, so retraining a model in place does not return the old model's translations.
    The device index is left out (``cuda:1`` translates as ``cuda:0`` does).
    """
    request = getattr(translator, "request", None)
    if request is None:  # a stand-in translator (tests): its name is all there is
        return {"name": getattr(translator, "name", type(translator).__name__)}
    spec = request.spec
    identity: dict[str, Any] = {
        "source": spec.source,
        "src_lang": spec.src_lang,
        "tgt_lang": spec.tgt_lang,
        "prefix": spec.prefix,
        "backend": request.backend,
        "device": str(request.device).split(":")[0],
        "compute_type": request.compute_type,
        "revision": request.revision,
        "decoding": dataclasses.asdict(translator.decoding),
    }
    folder = Path(spec.source)
    if folder.is_dir():
        identity["files"] = sorted(_file_stamps(folder))
    return identity


def _file_stamps(folder: Path) -> Iterator[tuple[str, int, int]]:
    """(relative path, size, mtime) of every file under ``folder``."""
    for path in folder.rglob("*"):
        if path.is_file():
            stat = path.stat()
            yield path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns


def _notices(data: str) -> list[Notice]:
    """Notices from their stored JSON form."""
    return [Notice(n["kind"], n["message"]) for n in json.loads(data)]


def _os_error(exc: sqlite3.Error, path: Path) -> OSError:
    """A SQLite error as the OSError it stands for (disk full, read-only, I/O)."""
    message = str(exc)
    lowered = message.lower()
    if "full" in lowered:
        code = errno.ENOSPC
    elif "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
        code = errno.EROFS if "readonly" in lowered else errno.EACCES
    else:
        code = errno.EIO
    return OSError(code, f"translation cache {path}: {message}")
