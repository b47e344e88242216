"""The batch manifest: one JSON line per input, what became of it.

Lines are appended (flushed and fsynced) as inputs finish, so a run killed at any moment
leaves a manifest that tells the next run what is done. Reading it back, the last line
for an input wins, and a torn last line (the process was killed while writing it) is
ignored. At the end of a run the file is rewritten atomically with one line per input.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.output import write_atomic

log = logging.getLogger(__name__)

MANIFEST_FILE = "manifest.jsonl"
DONE, FAILED, SKIPPED = "done", "failed", "skipped"
STATUSES = (DONE, FAILED, SKIPPED)


@dataclass(frozen=True)
class Entry:
    """One manifest line.

    Attributes:
        input: the file, relative to the batch root.
        record: the record's index in a JSON/JSONL file, or None for a whole file.
        sha256: the content's digest when it was processed.
        config: digest of the options that shape the outputs (model, points, formats...).
        status: ``done``, ``failed`` or ``skipped`` (a file of an unsupported type).
        outputs: the output files, relative to the output folder.
        reason: why it failed or was skipped.
        error: the error's class name, for a failure.
        sentences: sentences translated for it.
        timings: seconds per stage (strip, translate, digest, write).
    """

    input: str
    record: int | None
    sha256: str
    config: str
    status: str
    outputs: list[str] = field(default_factory=list)
    reason: str | None = None
    error: str | None = None
    sentences: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The input's identity: the path, plus ``#N`` for a record."""
        return self.input if self.record is None else f"{self.input}#{self.record}"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field (one manifest line)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        """An entry from a manifest line; keys this version does not know are ignored."""
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


class Manifest:
    """The manifest file of an output folder: read back, appended to, compacted.

    Args:
        path: the manifest file (``OUT_DIR/manifest.jsonl`` for a whole-folder run; one
            file per shard when shards write to one folder).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.entries: dict[str, Entry] = self._read()

    def _read(self) -> dict[str, Entry]:
        """The last entry per input; torn or invalid lines are skipped."""
        entries: dict[str, Entry] = {}
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return entries
        lines = data.split(b"\n")
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                entry = Entry.from_dict(json.loads(line))
            except (ValueError, TypeError) as exc:
                last = number >= len(lines) - 1
                report = log.debug if last else log.warning
                report("%s line %d is unreadable (%s); ignoring it", self.path, number, exc)
                continue
            entries[entry.key] = entry
        return entries

    def append(self, entry: Entry) -> None:
        """Add a line and make it durable before returning.

        Raises:
            OSError: the manifest cannot be written (disk full, read-only folder).
        """
        line = json.dumps(entry.as_dict(), ensure_ascii=False) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("ab") as handle:
            if handle.tell() > 0 and not self._ends_with_newline():
                handle.write(b"\n")  # after a torn line, start a fresh one
            handle.write(line.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        self.entries[entry.key] = entry

    def _ends_with_newline(self) -> bool:
        """Whether the (non-empty) file ends with a line break (a killed run may not)."""
        with self.path.open("rb") as handle:
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) == b"\n"

    def compact(self, order: Iterable[str] = ()) -> None:
        """Rewrite the file atomically with one line per input (``order`` first, then the rest).

        Raises:
            OSError: the manifest cannot be written.
        """
        keys = [k for k in dict.fromkeys(order) if k in self.entries]
        keys += sorted(set(self.entries) - set(keys))
        text = "".join(
            json.dumps(self.entries[k].as_dict(), ensure_ascii=False) + "\n" for k in keys
        )
        write_atomic(self.path, text)

    def is_done(self, key: str, sha256: str, config: str, out_dir: Path) -> bool:
        """Whether ``key`` was done with this content and these options, outputs in place."""
        entry = self.entries.get(key)
        return (
            entry is not None
            and entry.status == DONE
            and entry.sha256 == sha256
            and entry.config == config
            and all((out_dir / name).is_file() for name in entry.outputs)
        )
