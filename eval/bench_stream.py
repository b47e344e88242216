"""Streaming: how soon the first English paragraph comes, against the whole result.

    python eval/bench_stream.py [--repeats R] [--beams B] [--model DIR] [--device cpu|cuda]

The web UI shows the cleaned article at once and then the English as :func:`pipeline.stream`
yields it. A reader waits for the first English paragraph, not for the whole article; this
script measures both on one warm translator (model load excluded, as after the first run):

- the seed article: the real pasted iNews.id page ``tests/data/ui/inews-ev-korea.txt``
  (stripped first, as in the UI);
- a 3,000-word article: the gold bodies of the real Indonesian news pages in
  ``../shared/data/strip/gold.json`` (MIT, see that folder's licence), then IndoSum articles
  (``../shared/data/summ/``, CC BY-SA 4.0, detokenised), joined in order until 3,000 words
  and cut at a paragraph end (a long read, as analysts paste them).

The model has the architecture of Helsinki-NLP/opus-mt-id-en with random weights (built by
``eval/bench_speed.py``); a random model runs every sentence to the length cap, so the
times are those of a model writing long sentences: the ratio is what matters. The target:
the first paragraph in under a fifth of the total (``first / total < 0.2``), medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "data" / "ui" / "inews-ev-korea.txt"
GOLD = REPO.parent / "shared" / "data" / "strip" / "gold.json"
INDOSUM = REPO.parent / "shared" / "data" / "summ" / "indosum-dev01.jsonl"
LONG_WORDS = 3000
#: The first English paragraph should come in under this share of the whole run.
TARGET = 0.2


def real_paragraphs(gold: Path = GOLD, indosum: Path = INDOSUM) -> Iterator[str]:
    """Paragraphs of real Indonesian news: the gold bodies, then IndoSum's articles."""
    from summarizer.evaluate.text import detokenize

    for case in json.loads(gold.read_text(encoding="utf-8")):
        yield from (p.strip() for p in case["body"].split("\n") if p.strip())
    with indosum.open(encoding="utf-8") as lines:
        for line in lines:
            for paragraph in json.loads(line)["paragraphs"]:
                yield " ".join(detokenize(sentence) for sentence in paragraph)


def long_article(words: int = LONG_WORDS) -> str:
    """A ``words``-word article of real paragraphs under a real title, cut at a paragraph end."""
    title = json.loads(GOLD.read_text(encoding="utf-8"))[0]["title"]
    paragraphs: list[str] = [title]
    count = 0
    for paragraph in real_paragraphs():
        if count >= words:
            break
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def measure(source: str, options: Any, translator: Any) -> dict[str, float]:
    """Seconds to the cleaned article, to the first English paragraph, and to the end."""
    from summarizer.pipeline import stream

    start = time.perf_counter()
    article_at = first_at = None
    for update in stream(source, options, translator=translator):
        now = time.perf_counter() - start
        if article_at is None:
            article_at = now
        if first_at is None and update.result.paragraphs:
            first_at = now
        if update.final:
            total = now
            words = sum(len(p.split()) for p in update.result.article.paragraphs)
    assert article_at is not None and first_at is not None
    return {"article": article_at, "first": first_at, "total": total, "words": words}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--beams", type=int, default=4, help="beam size (the UI's default: 4)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--model", type=Path, help="a model folder (default: random opus-mt)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO / "eval"))
    from bench_speed import random_opus_mt

    from summarizer.pipeline import Options
    from summarizer.translate import Translator

    model = str((args.model or random_opus_mt()).resolve())
    translator = Translator(model=model, device=args.device, beams=args.beams)
    translator.load()
    articles = {
        "seed (pasted iNews page)": (SEED.read_text(encoding="utf-8"), True),
        f"{LONG_WORDS:,}-word article": (long_article(), False),
    }
    print(f"model: {model} (beam {args.beams}, {args.device}); medians of {args.repeats} runs\n")
    print(
        "| article | words | cleaned article (s) | first English paragraph (s) "
        "| whole result (s) | first / whole | target |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    failed = False
    for name, (source, strip) in articles.items():
        options = Options(model=model, beams=args.beams, device=args.device, strip=strip)
        runs = [measure(source, options, translator) for _ in range(args.repeats)]
        median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        share = median["first"] / median["total"]
        ok = share < TARGET
        failed |= not ok
        print(
            f"| {name} | {median['words']:.0f} | {median['article']:.3f} | "
            f"{median['first']:.2f} | {median['total']:.2f} | {share:.3f} | "
            f"{'<' if ok else 'NOT <'} {TARGET} |"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
