"""Evaluation data: the shipped samples, local files and hub datasets, all read with ``datasets``.

A data source is a directory, a file or a hub id. A directory is searched for sets it
recognises: the FLORES layout (``ind_Latn.devtest`` beside ``eng_Latn.devtest``), the NTREX
layout (``newstest2019-ref.ind.txt``, ``newstest2019-src.eng.txt``, ``DOCUMENT_IDS.tsv``), a
stripper gold file (``gold.json``: page, pasted copy, gold title and body), and any
JSONL/JSON/CSV/TSV table whose columns say what it is (``source``/``reference`` for
translation, ``text``/``summary`` for the digest, ``html``/``body`` for the stripper).
Local files are streamed, so nothing is copied into a cache.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.document import Article
from summarizer.errors import InputError
from summarizer.evaluate.tasks import TASKS, task_names
from summarizer.evaluate.text import detokenize

log = logging.getLogger(__name__)

# Sentences per paragraph when NTREX documents are rebuilt as articles: news paragraphs
# hold one to three sentences, and a paragraph of several makes the article path segment.
PARAGRAPH_SENTENCES = 3

_SOURCE_COLUMNS = ("source", "src", "ind", "ind_latn", "indonesian", "source_text")
_REFERENCE_COLUMNS = ("reference", "ref", "target", "tgt", "eng", "en", "eng_latn", "english")
_DOC_COLUMNS = ("doc_id", "document_id", "docid", "doc")
_TEXT_COLUMNS = ("text", "article", "document", "content", "body_text")
_SUMMARY_COLUMNS = ("summary", "highlights", "abstract", "reference_summary")
_TABLE_SUFFIXES = {".jsonl": "json", ".json": "json", ".csv": "csv", ".tsv": "csv"}
_HUB_ID = re.compile(r"^[\w.-]+/[\w.-]+(:[\w.-]+)?$")


class DataNotAvailableError(InputError):
    """An evaluation data source cannot be found, read or understood."""


@dataclass(frozen=True)
class Segment:
    """One source sentence (or line) with its reference translation."""

    source: str
    reference: str
    doc_id: str | None = None


@dataclass(frozen=True)
class Document:
    """A whole article rebuilt from segments: paragraphs aligned with their references."""

    doc_id: str
    source_paragraphs: list[str]
    reference_paragraphs: list[str]

    @property
    def source(self) -> str:
        """The article as the tool gets it: paragraphs separated by blank lines."""
        return "\n\n".join(self.source_paragraphs)

    @property
    def reference(self) -> str:
        """The reference translation of the whole article, paragraphs joined likewise."""
        return "\n\n".join(self.reference_paragraphs)


@dataclass(frozen=True)
class TranslationSet:
    """Aligned Indonesian-English segments; with document ids they rebuild articles."""

    name: str
    origin: str
    segments: list[Segment]

    @property
    def has_documents(self) -> bool:
        """Whether every segment carries a document id."""
        return bool(self.segments) and all(s.doc_id for s in self.segments)

    def documents(self) -> list[Document]:
        """The segments grouped into articles (consecutive segments of one document id).

        The first segment of a document (its headline) is a paragraph of its own; the
        rest are grouped PARAGRAPH_SENTENCES to a paragraph.
        """
        documents = []
        for doc_id, group in itertools.groupby(self.segments, key=lambda s: s.doc_id):
            segments = list(group)
            blocks = [segments[:1]] + [
                segments[i : i + PARAGRAPH_SENTENCES]
                for i in range(1, len(segments), PARAGRAPH_SENTENCES)
            ]
            documents.append(
                Document(
                    doc_id=str(doc_id),
                    source_paragraphs=[" ".join(s.source for s in b) for b in blocks if b],
                    reference_paragraphs=[" ".join(s.reference for s in b) for b in blocks if b],
                )
            )
        return documents


@dataclass(frozen=True)
class DigestItem:
    """An Indonesian article with its reference summary.

    ``sentences`` holds the corpus's own sentence split when it has one (IndoSum), so that
    LEAD-3 is the published baseline; empty otherwise.
    """

    item_id: str
    article: Article
    reference: str
    sentences: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DigestSet:
    """Articles with reference summaries (IndoSum, XL-Sum...)."""

    name: str
    origin: str
    items: list[DigestItem]


@dataclass(frozen=True)
class StripCase:
    """A page (HTML and/or its pasted copy) with the gold title and body."""

    case_id: str
    site: str
    body: str
    title: str | None = None
    html: str | None = None
    pasted: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class StripSet:
    """Stripper cases with gold bodies."""

    name: str
    origin: str
    cases: list[StripCase]


@dataclass(frozen=True)
class EvalData:
    """Every set found in a data source, by task."""

    origin: str
    translation: list[TranslationSet] = field(default_factory=list)
    digest: list[DigestSet] = field(default_factory=list)
    strip: list[StripSet] = field(default_factory=list)


def shipped_data_dir() -> Path:
    """The directory of the samples shipped with the project (``eval/data``).

    Raises:
        DataNotAvailableError: the samples are not there (an installed package without
            the source tree).
    """
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "eval" / "data"
        if (candidate / "README.md").is_file():
            return candidate
    raise DataNotAvailableError(
        "the shipped evaluation samples (eval/data) are not next to this installation; "
        "run from a source checkout or pass --data DIR or a hub id"
    )


def load_data(
    source: str | Path | None = None,
    tasks: Iterable[str] = TASKS,
    limit: int | None = None,
) -> EvalData:
    """Load the evaluation sets of ``tasks`` from a directory, a file or a hub id.

    Args:
        source: a directory, a JSONL/JSON/CSV/TSV file, or a hub dataset id (``owner/name``
            or ``owner/name:config``); None for the shipped samples.
        tasks: which of ``strip``, ``translate``, ``digest`` to load.
        limit: at most this many items per set (sentences, documents, articles, pages).

    Returns:
        The sets found, by task; a task with no set has an empty list.

    Raises:
        DataNotAvailableError: the source does not exist, cannot be read, or is a hub id
            that cannot be reached.
        UnknownOptionError: a task name is not one of ``TASKS``.
    """
    wanted = {name for task in tasks for name in task_names(task)}
    if limit is not None and limit < 1:
        raise InputError(f"limit must be at least 1, not {limit}")
    if source is None:
        source = shipped_data_dir()
    path = Path(source).expanduser()
    if path.is_dir():
        return _load_dir(path, wanted, limit)
    if path.is_file():
        return _load_file(path, wanted, limit)
    if isinstance(source, str) and _HUB_ID.match(source):
        return load_hub(source, wanted, limit)
    raise DataNotAvailableError(
        f"{str(source)!r} is neither a directory, a file nor a hub dataset id (owner/name)"
    )


# --- local files ------------------------------------------------------------------------


def _stream(builder: str, path: Path, **kwargs: Any) -> Iterator[dict[str, Any]]:
    """The rows of a local file, streamed by a ``datasets`` builder (no cache copy)."""
    import datasets

    try:
        dataset = datasets.load_dataset(
            builder, data_files=str(path), split="train", streaming=True, **kwargs
        )
        yield from dataset
    except (OSError, ValueError) as exc:
        raise DataNotAvailableError(f"cannot read {path}: {exc}") from exc
    except Exception as exc:  # datasets wraps parser errors in its own classes
        raise DataNotAvailableError(f"cannot read {path} as {builder}: {exc}") from exc


def _lines(path: Path) -> list[str]:
    """The lines of a text file, read with the ``text`` builder."""
    return [row["text"] for row in _stream("text", path)]


def _load_dir(root: Path, tasks: set[str], limit: int | None) -> EvalData:
    """Every recognised set under ``root``, in path order."""
    data = EvalData(origin=str(root))
    claimed: set[Path] = set()
    for folder in sorted([root, *(p for p in root.rglob("*") if p.is_dir())]):
        if "translate" in tasks:
            for found in (_flores_dir(folder, limit), _ntrex_dir(folder, limit)):
                if found is not None:
                    data.translation.append(found[0])
                    claimed.update(found[1])
        gold = folder / "gold.json"
        if gold.is_file():
            claimed.add(gold)
            if "strip" in tasks:
                data.strip.append(_strip_gold(gold, limit))
    for path in sorted(root.rglob("*")):
        if path in claimed or path.suffix.lower() not in _TABLE_SUFFIXES or not path.is_file():
            continue
        _merge(data, _load_file(path, tasks, limit))
    return data


def _merge(into: EvalData, other: EvalData) -> None:
    """Append the sets of ``other`` to ``into``."""
    into.translation.extend(other.translation)
    into.digest.extend(other.digest)
    into.strip.extend(other.strip)


def _flores_dir(folder: Path, limit: int | None) -> tuple[TranslationSet, list[Path]] | None:
    """A FLORES-style pair of files (``ind_Latn.<split>``, ``eng_Latn.<split>``), if any."""
    for split in ("devtest", "dev"):
        src, ref = folder / f"ind_Latn.{split}", folder / f"eng_Latn.{split}"
        if src.is_file() and ref.is_file():
            sources, references = _lines(src), _lines(ref)
            _check_aligned(src, len(sources), ref, len(references))
            segments = [
                Segment(s.strip(), r.strip()) for s, r in zip(sources, references, strict=True)
            ]
            name = folder.name if split in folder.name else f"{folder.name}-{split}"
            claimed = [src, ref, folder / f"metadata_{split}.tsv"]
            return TranslationSet(name, str(folder), segments[:limit]), claimed
    return None


def _ntrex_dir(folder: Path, limit: int | None) -> tuple[TranslationSet, list[Path]] | None:
    """An NTREX-style directory: Indonesian and English lines with document ids."""
    src = folder / "newstest2019-ref.ind.txt"
    ref = folder / "newstest2019-src.eng.txt"
    ids = folder / "DOCUMENT_IDS.tsv"
    if not (src.is_file() and ref.is_file() and ids.is_file()):
        return None
    sources, references = _lines(src), _lines(ref)
    doc_ids = [line.split("\t")[0].strip() for line in _lines(ids)]
    _check_aligned(src, len(sources), ref, len(references))
    _check_aligned(src, len(sources), ids, len(doc_ids))
    segments = [Segment(s, r, d) for s, r, d in zip(sources, references, doc_ids, strict=True)]
    return TranslationSet(folder.name, str(folder), _limit_documents(segments, limit)), [
        src,
        ref,
        ids,
    ]


def _check_aligned(a: Path, len_a: int, b: Path, len_b: int) -> None:
    """Raise unless two line-aligned files have the same number of lines."""
    if len_a != len_b:
        raise DataNotAvailableError(
            f"{a.name} has {len_a} lines but {b.name} has {len_b}; they must be line-aligned"
        )


def _limit_documents(segments: list[Segment], limit: int | None) -> list[Segment]:
    """At most ``limit`` segments, whole documents first (all when limit is None).

    Documents are kept whole while they fit; a first document longer than ``limit`` is cut
    to its first ``limit`` segments, so that a set of articles still gives one article.
    """
    if limit is None:
        return segments
    kept: list[Segment] = []
    for _, group in itertools.groupby(segments, key=lambda s: s.doc_id):
        document = list(group)
        if len(kept) + len(document) > limit:
            if not kept:
                kept = document[:limit]
            break
        kept.extend(document)
    return kept


def _strip_gold(path: Path, limit: int | None) -> StripSet:
    """Stripper cases from a gold file whose ``page``/``pasted`` name files beside it."""
    cases = []
    for i, row in enumerate(_stream("json", path)):
        html = _read_beside(path.parent, "id-pages", row.get("page")) or row.get("html")
        pasted = _read_beside(path.parent, "pasted", row.get("pasted"))
        if pasted is None and isinstance(row.get("pasted_text"), str):
            pasted = row["pasted_text"]
        name = row.get("page") or row.get("pasted") or f"case-{i}"
        cases.append(
            StripCase(
                case_id=Path(str(name)).stem,
                site=str(row.get("site") or "unknown"),
                body=str(row["body"]),
                title=row.get("title"),
                html=html,
                pasted=pasted,
                url=row.get("url"),
                language=row.get("lang") or row.get("language"),
            )
        )
    name = path.parent.name if path.parent.name != "data" else "strip"
    return StripSet(name, str(path), cases[:limit])


def _read_beside(folder: Path, sub: str, name: Any) -> str | None:
    """The text of ``folder/sub/name`` (or ``folder/name``), None when not given."""
    if not isinstance(name, str) or not name:
        return None
    for candidate in (folder / sub / name, folder / name):
        if candidate.is_file():
            return candidate.read_bytes().decode("utf-8", errors="replace")
    raise DataNotAvailableError(f"{name} named in {folder / 'gold.json'} is not in {folder}")


def _load_file(path: Path, tasks: set[str], limit: int | None) -> EvalData:
    """The set in one table file, classified by its columns (empty if it is none)."""
    builder = _TABLE_SUFFIXES.get(path.suffix.lower())
    if builder is None:
        raise DataNotAvailableError(
            f"{path.name}: unsupported file type; use .jsonl, .json, .csv or .tsv"
        )
    kwargs = {"delimiter": "\t"} if path.suffix.lower() == ".tsv" else {}
    if path.name == "gold.json":
        return EvalData(str(path), strip=[_strip_gold(path, limit)] if "strip" in tasks else [])
    rows = _stream(builder, path, **kwargs)
    return _from_rows(path.stem, str(path), rows, tasks, limit)


def _from_rows(
    name: str, origin: str, rows: Iterator[dict[str, Any]], tasks: set[str], limit: int | None
) -> EvalData:
    """Classify a stream of rows by the columns of its first row and build the set."""
    data = EvalData(origin)
    first = next(rows, None)
    if first is None:
        return data
    rows = itertools.chain([first], rows)
    columns = {k.lower(): k for k in first}
    kind = _classify(columns, first)
    if kind is None:
        log.info("%s: no known columns (%s), skipped", origin, ", ".join(first))
        return data
    if kind not in tasks:
        return data
    if kind == "translate":
        data.translation.append(_translation_rows(name, origin, rows, columns, limit))
    elif kind == "digest":
        data.digest.append(_digest_rows(name, origin, rows, columns, limit))
    else:
        data.strip.append(_strip_rows(name, origin, rows, columns, limit))
    return data


def _pick(columns: dict[str, str], candidates: Sequence[str]) -> str | None:
    """The actual name of the first candidate column present (case-insensitive)."""
    for candidate in candidates:
        if candidate in columns:
            return columns[candidate]
    return None


def _classify(columns: dict[str, str], row: dict[str, Any]) -> str | None:
    """Which task a table serves, from its column names."""
    if "body" in columns and ({"html", "page", "pasted", "pasted_text"} & set(columns)):
        return "strip"
    if _pick(columns, _SUMMARY_COLUMNS) and (
        _pick(columns, _TEXT_COLUMNS) or "paragraphs" in columns
    ):
        return "digest"
    if _pick(columns, _SOURCE_COLUMNS) and _pick(columns, _REFERENCE_COLUMNS):
        return "translate"
    translation = columns.get("translation")
    if translation and isinstance(row[translation], dict) and {"id", "en"} <= set(row[translation]):
        return "translate"
    return None


def _translation_rows(
    name: str,
    origin: str,
    rows: Iterator[dict[str, Any]],
    columns: dict[str, str],
    limit: int | None,
) -> TranslationSet:
    """A translation set from rows with source/reference (or ``translation``) columns."""
    src, ref, doc = (
        _pick(columns, _SOURCE_COLUMNS),
        _pick(columns, _REFERENCE_COLUMNS),
        _pick(columns, _DOC_COLUMNS),
    )
    segments = []
    for row in rows:
        if src and ref:
            source, reference = row[src], row[ref]
        else:
            pair = row[columns["translation"]]
            source, reference = pair["id"], pair["en"]
        doc_id = str(row[doc]) if doc else None
        segments.append(Segment(str(source).strip(), str(reference).strip(), doc_id))
        if limit is not None and not doc and len(segments) >= limit:
            break
    if doc:
        segments = _limit_documents(segments, limit)
    return TranslationSet(name, origin, segments)


def _digest_rows(
    name: str,
    origin: str,
    rows: Iterator[dict[str, Any]],
    columns: dict[str, str],
    limit: int | None,
) -> DigestSet:
    """A digest set from rows of article text (or IndoSum token lists) and summaries."""
    text, summary = _pick(columns, _TEXT_COLUMNS), _pick(columns, _SUMMARY_COLUMNS)
    assert summary is not None  # _classify checked it
    items = []
    for i, row in enumerate(itertools.islice(rows, limit)):
        item_id = str(row.get("id", i))
        if "paragraphs" in columns and _is_tokenised(row[columns["paragraphs"]]):
            items.append(_indosum_item(item_id, row[columns["paragraphs"]], row[summary]))
            continue
        body = row[text] if text else ""
        reference = row[summary]
        if isinstance(reference, list):
            reference = " ".join(map(str, reference))
        items.append(
            DigestItem(item_id, Article.from_text(str(body), title=row.get("title")), reference)
        )
    return DigestSet(name, origin, items)


def _is_tokenised(paragraphs: Any) -> bool:
    """Whether ``paragraphs`` is IndoSum's list of paragraphs of sentences of tokens."""
    return (
        isinstance(paragraphs, list)
        and bool(paragraphs)
        and isinstance(paragraphs[0], list)
        and bool(paragraphs[0])
        and isinstance(paragraphs[0][0], list)
    )


def _indosum_item(item_id: str, paragraphs: list[Any], summary: list[Any]) -> DigestItem:
    """An IndoSum article detokenised into paragraphs, its own sentence split kept."""
    sentences_by_paragraph = [[detokenize(s) for s in p] for p in paragraphs]
    text_paragraphs = [" ".join(p) for p in sentences_by_paragraph if p]
    reference = " ".join(detokenize(s) for s in summary)
    return DigestItem(
        item_id,
        Article(paragraphs=text_paragraphs, language="id"),
        reference,
        sentences=[s for p in sentences_by_paragraph for s in p],
    )


def _strip_rows(
    name: str,
    origin: str,
    rows: Iterator[dict[str, Any]],
    columns: dict[str, str],
    limit: int | None,
) -> StripSet:
    """A stripper set from rows with inline ``html``/``pasted`` text and a gold ``body``."""
    cases = []
    for i, row in enumerate(itertools.islice(rows, limit)):
        cases.append(
            StripCase(
                case_id=str(row.get("id") or row.get("url") or f"case-{i}"),
                site=str(row.get("site") or "unknown"),
                body=str(row[columns["body"]]),
                title=row.get("title"),
                html=row.get("html"),
                pasted=row.get("pasted") or row.get("pasted_text"),
                url=row.get("url"),
                language=row.get("lang") or row.get("language"),
            )
        )
    return StripSet(name, origin, cases)


# --- hub datasets -----------------------------------------------------------------------


@dataclass(frozen=True)
class HubPreset:
    """How a known hub dataset maps onto an evaluation set."""

    task: str
    config: str | None
    split: str
    columns: tuple[str, ...]
    paired_configs: tuple[str, str] | None = None


HUB_PRESETS: dict[str, HubPreset] = {
    # FLORES+ (gated: accept its terms on the hub and log in first); one config per language.
    "openlanguagedata/flores_plus": HubPreset(
        "translate", None, "devtest", ("text", "sentence"), paired_configs=("ind_Latn", "eng_Latn")
    ),
    "csebuetnlp/xlsum": HubPreset("digest", "indonesian", "test", ("text", "summary")),
}


def load_hub(source: str, tasks: set[str], limit: int | None) -> EvalData:
    """An evaluation set from a hub dataset id (``owner/name`` or ``owner/name:config``).

    Raises:
        DataNotAvailableError: the hub cannot be reached or the dataset cannot be read.
    """
    import datasets

    hub_id, _, config = source.partition(":")
    preset = HUB_PRESETS.get(hub_id)
    data = EvalData(origin=source)
    try:
        if preset and preset.paired_configs:
            if preset.task in tasks:
                data.translation.append(_hub_pairs(hub_id, preset, limit))
            return data
        name = config or (preset.config if preset else None)
        loaded = datasets.load_dataset(hub_id, name, streaming=True)
        split = _choose_split(list(loaded), preset.split if preset else None)
        rows = iter(loaded[split])
        label = f"{hub_id.split('/')[-1]}{':' + name if name else ''}/{split}"
        return _from_rows(label, source, rows, tasks, limit)
    except DataNotAvailableError:
        raise
    except Exception as exc:  # offline, gated, missing: datasets raises many kinds
        raise DataNotAvailableError(
            f"cannot load {source!r} from the hub ({type(exc).__name__}: {exc}); "
            "check the id and your connection, or log in for gated sets "
            "(huggingface-cli login); offline, use the shipped samples or --data DIR"
        ) from exc


def _choose_split(splits: list[str], preferred: str | None) -> str:
    """The split to evaluate on: the preset's, else test, devtest, validation, train."""
    for name in (preferred, "test", "devtest", "validation", "dev", "train"):
        if name in splits:
            return name
    return splits[0]


def _hub_pairs(hub_id: str, preset: HubPreset, limit: int | None) -> TranslationSet:
    """A translation set from two language configs of one hub dataset, zipped by row."""
    import datasets

    assert preset.paired_configs is not None
    src_config, ref_config = preset.paired_configs
    src = datasets.load_dataset(hub_id, src_config, split=preset.split, streaming=True)
    ref = datasets.load_dataset(hub_id, ref_config, split=preset.split, streaming=True)
    segments = []
    for s, r in itertools.islice(zip(src, ref, strict=False), limit):
        column = next((c for c in preset.columns if c in s), None)
        if column is None:
            raise DataNotAvailableError(
                f"{hub_id} rows have none of the columns {', '.join(preset.columns)}"
            )
        segments.append(Segment(str(s[column]).strip(), str(r[column]).strip()))
    name = f"{hub_id.split('/')[-1]}/{preset.split}"
    return TranslationSet(name, hub_id, segments)
