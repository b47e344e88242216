"""Rebuild the shipped evaluation samples from the full development sets.

Usage: ``python eval/data/make_samples.py /path/to/shared/data [eval/data]``. The selection is
deterministic (whole articles, in file order), so rerunning it gives the same files.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

FLORES_PER_DOMAIN = 70  # sentences per FLORES domain, rounded up to whole articles
NTREX_DOCUMENTS = 20  # whole NTREX documents, the first ones in file order
INDOSUM_ARTICLES = 100  # first IndoSum articles of dev01


def _lines(path: Path) -> list[str]:
    """The lines of a UTF-8 file, line ends kept."""
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def flores(src: Path, dst: Path) -> None:
    """Whole FLORES articles, in order, until each domain has FLORES_PER_DOMAIN sentences."""
    meta = _lines(src / "metadata_devtest.tsv")
    header, rows = meta[0], meta[1:]
    count: dict[str, int] = {}
    keep: list[int] = []
    for i, row in enumerate(rows):
        url, domain = row.split("\t")[:2]
        starts_article = i == 0 or rows[i - 1].split("\t")[0] != url
        if starts_article and count.get(domain, 0) >= FLORES_PER_DOMAIN:
            continue
        if not starts_article and (not keep or keep[-1] != i - 1):
            continue
        keep.append(i)
        count[domain] = count.get(domain, 0) + 1
    dst.mkdir(parents=True, exist_ok=True)
    for name in ("ind_Latn.devtest", "eng_Latn.devtest"):
        lines = _lines(src / name)
        (dst / name).write_text("".join(lines[i] for i in keep), encoding="utf-8")
    (dst / "metadata_devtest.tsv").write_text(
        header + "".join(rows[i] for i in keep), encoding="utf-8"
    )
    shutil.copy(src / "LICENSE", dst / "LICENSE")


def ntrex(src: Path, dst: Path) -> None:
    """The first NTREX_DOCUMENTS whole documents."""
    ids = _lines(src / "DOCUMENT_IDS.tsv")
    seen: list[str] = []
    end = len(ids)
    for i, doc in enumerate(ids):
        if doc.strip() not in seen:
            if len(seen) == NTREX_DOCUMENTS:
                end = i
                break
            seen.append(doc.strip())
    dst.mkdir(parents=True, exist_ok=True)
    for name in ("DOCUMENT_IDS.tsv", "newstest2019-ref.ind.txt", "newstest2019-src.eng.txt"):
        (dst / name).write_text("".join(_lines(src / name)[:end]), encoding="utf-8")
    shutil.copy(src / "LICENSE.md", dst / "LICENSE.md")


def indosum(src: Path, dst: Path) -> None:
    """The first INDOSUM_ARTICLES articles of IndoSum dev01, unchanged."""
    dst.mkdir(parents=True, exist_ok=True)
    lines = _lines(src / "indosum-dev01.jsonl")[:INDOSUM_ARTICLES]
    (dst / "indosum-dev01-sample.jsonl").write_text("".join(lines), encoding="utf-8")
    shutil.copy(src / "LICENSE", dst / "LICENSE")


def strip_pages(src: Path, dst: Path) -> None:
    """All stripper cases: pages, pasted copies, gold bodies, licence."""
    for sub in ("id-pages", "pasted"):
        shutil.copytree(src / sub, dst / sub, dirs_exist_ok=True)
    for name in ("gold.json", "LICENSE-pages-MIT.txt"):
        shutil.copy(src / name, dst / name)


def main(argv: list[str]) -> int:
    """Write every sample from ``argv[0]`` (shared data) into ``argv[1]`` (default eval/data)."""
    shared = Path(argv[0])
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent
    flores(shared / "mt" / "flores200-devtest", out / "translate" / "flores200-devtest")
    ntrex(shared / "mt" / "ntrex128", out / "translate" / "ntrex128")
    indosum(shared / "summ", out / "digest" / "indosum")
    strip_pages(shared / "strip", out / "strip")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
