"""The Indonesian-original trust set: its builder, its hand labels (eval/data/trust/).

The corpus itself is not shipped (no stated licence): the builder is tested on a small
archive made here, and the labels are checked against the built pairs only where they
have been built (``TRUST_ORIGINAL``, or ``../shared/data/mt/panl-bppt-eco``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRUST = ROOT / "eval" / "data" / "trust"
BUILT = Path(os.environ.get("TRUST_ORIGINAL", ROOT.parent / "shared/data/mt/panl-bppt-eco"))


def _script(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_bppt = _script(TRUST / "make_bppt.py")
LABELS = [json.loads(line) for line in (TRUST / "labels.jsonl").read_text("utf-8").splitlines()]


def test_labels_cover_at_least_300_warnings_of_the_dev_half_only() -> None:
    assert len(LABELS) >= 300
    assert {label["set"] for label in LABELS} == {"dev"}, "the sealed half is never labelled"
    assert {label["label"] for label in LABELS} == {"real", "false alarm"}
    assert {label["kind"] for label in LABELS} <= {"number", "name", "length", "untranslated"}
    assert all(label["reason"] and len(label["pair"]) == 12 for label in LABELS)


def test_the_split_keeps_blocks_of_lines_together_and_is_fixed() -> None:
    sides = [make_bppt.side(i) for i in range(2000)]
    for start in range(0, 2000, make_bppt.BLOCK):
        assert len(set(sides[start : start + make_bppt.BLOCK])) == 1
    assert 0.35 < sides.count("dev") / len(sides) < 0.65
    assert sides == [make_bppt.side(i) for i in range(2000)]


def _archive(path: Path, indonesian: list[str], english: list[str]) -> None:
    """A tgz laid out like PANL-BPPT-ECO-EN-ID-150Kw.tgz, in its cp1252 encoding."""
    with tarfile.open(path, "w:gz") as archive:
        for name, lines in (("ECO-ID-150Kw.txt", indonesian), ("ECO-EN-150Kw.txt", english)):
            data = "\r\n".join(lines).encode("cp1252")
            info = tarfile.TarInfo(f"PANL-BPPT-{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def test_the_builder_writes_aligned_halves_without_duplicates(tmp_path: Path, monkeypatch) -> None:
    count = 3 * make_bppt.BLOCK
    indonesian = [f"Harga naik {i} persen, kata menteri." for i in range(count)]
    english = [f"Prices rose {i} percent, the minister?s aide said." for i in range(count)]
    indonesian[1], english[1] = indonesian[0], english[0]  # a repeated pair
    indonesian[2] = ""  # a blank line
    archive = tmp_path / "corpus.tgz"
    _archive(archive, indonesian, english)
    monkeypatch.setattr("sys.argv", ["make_bppt.py", str(archive), str(tmp_path / "out")])

    assert make_bppt.main() == 0

    halves = {}
    for half in ("dev", "sealed"):
        source = (tmp_path / "out" / f"{half}.id").read_text("utf-8").splitlines()
        target = (tmp_path / "out" / f"{half}.en").read_text("utf-8").splitlines()
        assert len(source) == len(target)
        halves[half] = list(zip(source, target))
    pairs = halves["dev"] + halves["sealed"]
    assert len(pairs) == count - 2
    assert all(e.startswith(f"Prices rose {s.split()[2]} ") for s, e in pairs), "aligned"
    assert all("minister's" in e for _, e in pairs), "the lost apostrophe is put back"
    for half, kept in halves.items():
        lines = {int(s.split()[2]) for s, _ in kept}
        assert all(make_bppt.side(i) == half for i in lines)


@pytest.mark.skipif(not (BUILT / "dev.id").exists(), reason=f"{BUILT} is not built")
def test_every_label_matches_its_built_pair() -> None:
    source = (BUILT / "dev.id").read_text("utf-8").splitlines()
    english = (BUILT / "dev.en").read_text("utf-8").splitlines()
    for label in LABELS:
        pair = f"{source[label['line']]}\t{english[label['line']]}"
        assert hashlib.sha1(pair.encode()).hexdigest()[:12] == label["pair"], label
