"""The no-repeat n-gram guard: transformers' processor against the project's, per decoding step.

    python eval/bench_ngram.py [--device cpu|cuda] [--repeats R]

Both ban the same tokens (``tests/test_translator.py`` checks it); this times one call, the
work done at every decoding step, on the hypotheses of 32 and 256 sentences at beam 4 with
60 tokens generated so far and opus-mt's vocabulary (58,101 entries). Medians of
``--repeats`` calls, the two interleaved.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

VOCABULARY = 58_101
LENGTH = 60
NGRAM = 4


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)

    import torch
    from transformers import NoRepeatNGramLogitsProcessor

    from summarizer.translate.hf import NoRepeatNGram

    def timed(guard: object, ids: torch.Tensor, scores: torch.Tensor) -> float:
        scores = scores.clone()
        if args.device.startswith("cuda"):
            torch.cuda.synchronize()
        started = time.perf_counter()
        guard(ids, scores)  # type: ignore[operator]
        if args.device.startswith("cuda"):
            torch.cuda.synchronize()
        return time.perf_counter() - started

    generator = torch.Generator().manual_seed(0)
    print(f"| sentences x beams | transformers ms | ours ms | ratio | ({args.device})")
    print("| --- | ---: | ---: | ---: |")
    for sentences in (32, 256):
        rows = sentences * 4
        # Outputs that repeat themselves often (a small set of ids), as a looping model's do.
        ids = torch.randint(0, 200, (rows, LENGTH), generator=generator).to(args.device)
        scores = torch.randn(rows, VOCABULARY, generator=generator).to(args.device)
        theirs_guard, ours_guard = NoRepeatNGramLogitsProcessor(NGRAM), NoRepeatNGram(NGRAM)
        theirs, ours = [], []
        for _ in range(args.repeats):
            theirs.append(timed(theirs_guard, ids, scores))
            ours.append(timed(ours_guard, ids, scores))
        a, b = statistics.median(theirs) * 1000, statistics.median(ours) * 1000
        print(f"| {sentences} x 4 | {a:.2f} | {b:.2f} | {a / b:.1f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
