"""Build the Indonesian-original news pairs of the trust benchmark from PAN Localization BPPT.

The economy part (``PANL-BPPT-ECO-EN-ID-150Kw``) of the BPPT corpus: Antara news agency's
domestic economy reports, written in Indonesian, with the English of Antara's English
service. The corpus has no splits and no stated licence, so it is not shipped: this script
cuts it into a ``dev`` half (to fit and label on) and a ``sealed`` half (to report on only),
by blocks of consecutive lines so that one article's sentences stay on one side.

    git clone https://github.com/prasastoadi/parallel-corpora-en-id /tmp/pc
    python eval/data/trust/make_bppt.py /tmp/pc/PANL-BPPT-ECO-EN-ID-150Kw.tgz \
        ../shared/data/mt/panl-bppt-eco
"""

from __future__ import annotations

import argparse
import hashlib
import re
import tarfile
from pathlib import Path

BLOCK = 20  # lines per block; Antara economy reports run 5 to 20 sentences
# "Wednesday?s", "ministry?s": the corpus lost its curly apostrophes to "?".
_LOST_APOSTROPHE = re.compile(r"(?<=\w)\?(?=(?:s|t|ll|re|ve|d|m)\b)")


def read_member(archive: tarfile.TarFile, suffix: str) -> list[str]:
    """The lines of the archive's file whose name ends with ``suffix``."""
    member = next(m for m in archive.getmembers() if m.name.endswith(suffix))
    handle = archive.extractfile(member)
    if handle is None:
        raise SystemExit(f"{member.name} is not a file")
    text = handle.read().decode("cp1252")
    return [" ".join(line.split()) for line in text.splitlines()]


def side(index: int) -> str:
    """``dev`` or ``sealed`` for the block of line ``index`` (a fixed hash, not a draw)."""
    digest = hashlib.sha1(f"bppt-eco-{index // BLOCK}".encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "sealed"


def main() -> int:
    """Write ``dev.id``/``dev.en`` and ``sealed.id``/``sealed.en`` under the output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path, help="PANL-BPPT-ECO-EN-ID-150Kw.tgz")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    with tarfile.open(args.archive) as archive:
        indonesian = read_member(archive, "ECO-ID-150Kw.txt")
        english = read_member(archive, "ECO-EN-150Kw.txt")
    if len(indonesian) != len(english):
        raise SystemExit("the Indonesian and English files are not aligned")
    halves: dict[str, list[tuple[str, str]]] = {"dev": [], "sealed": []}
    seen: set[tuple[str, str]] = set()
    for i, (source, target) in enumerate(zip(indonesian, english)):
        target = _LOST_APOSTROPHE.sub("'", target)
        if not source or not target or (source, target) in seen:
            continue
        seen.add((source, target))
        halves[side(i)].append((source, target))
    args.out.mkdir(parents=True, exist_ok=True)
    for name, pairs in halves.items():
        (args.out / f"{name}.id").write_text("".join(s + "\n" for s, _ in pairs), "utf-8")
        (args.out / f"{name}.en").write_text("".join(e + "\n" for _, e in pairs), "utf-8")
        print(f"{name}: {len(pairs)} pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
