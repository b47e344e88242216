"""Train the key-point scorer on IndoSum's gold sentence labels, with cross-validation.

How it is trained:

1. Each IndoSum article (pre-tokenised) is detokenised into plain paragraphs, then
   re-segmented with :mod:`summarizer.segment`, exactly as the product sees real text.
   A sentence of ours is a positive example when most of its characters fall in
   sentences that IndoSum's ``gold_labels`` mark as extracted by the oracle.
2. Each sentence gets the features of :mod:`summarizer.digest.features`. IndoSum has no
   headlines; the URL slug (``.../ketua-mpr-mustahil-transportasi-...``) stands in for one
   on a random half of the training articles, so the scorer learns to use a title when
   there is one and to do without when there is none (``key_sentences`` on plain text).
3. A logistic regression (L2-regularised, fitted by Newton's method in numpy) maps the
   standardised features to the log-odds of being a gold sentence.
4. The MMR redundancy weight is chosen from a small grid by the cross-validated ROUGE.
5. Cross-validation: articles are split into K folds; for each fold the scorer is trained
   on the other folds and the 3-sentence digests of the held-out articles are scored
   with ROUGE-1/2/L F1 against the reference summaries (conventions of
   ``../shared/README.md``), next to LEAD-3 on the same articles. These held-out figures
   are the honest estimate for articles not in the training file.
6. The final scorer is trained on all articles and written to
   ``summarizer/data/keypoint_scorer.json`` (a few kilobytes: 35 weights and the
   standardisation), with the cross-validated figures recorded beside it.

Usage: ``python eval/train_scorer.py [--data PATH] [--folds 5] [--out PATH] [--dry-run]``
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.digest.extractive import Scorer, select_key_points  # noqa: E402
from summarizer.digest.features import FEATURE_NAMES, article_features  # noqa: E402
from summarizer.segment import records_from_split, sentence_spans  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "summ" / "indosum-dev01.jsonl"
DEFAULT_OUT = ROOT / "summarizer" / "data" / "keypoint_scorer.json"
REDUNDANCY_GRID = (0.0, 0.5, 1.0, 2.0, 3.0)
L2 = 1.0
SEED = 13

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "”", "’", "..."}
_NO_SPACE_AFTER = {"(", "[", "{", "“", "‘"}


@dataclass(frozen=True)
class IndoSumArticle:
    """An IndoSum article as the product would see it, with its training labels.

    Attributes:
        id: IndoSum's article id.
        paragraphs: our segmentation of the detokenised body, sentences per paragraph.
        labels: for each of our sentences, whether it is (mostly) a gold sentence.
        summary: the detokenised reference summary.
        slug_title: words of the URL slug, a stand-in for the missing headline.
    """

    id: str
    paragraphs: list[list[str]]
    labels: list[list[bool]]
    summary: str
    slug_title: str | None

    @property
    def text(self) -> str:
        """The body as plain text, paragraphs separated by blank lines."""
        return "\n\n".join(" ".join(p) for p in self.paragraphs)


def detokenise(tokens: Sequence[str]) -> str:
    """Join IndoSum tokens into ordinary text (no space before commas, inside brackets...)."""
    out: list[str] = []
    open_quote = False
    glue_next = False
    for token in tokens:
        token = token.strip()
        if not token:
            continue
        glue = glue_next
        glue_next = False
        if token == '"':
            if open_quote:
                glue = True
            else:
                glue_next = True
            open_quote = not open_quote
        elif token in _NO_SPACE_BEFORE:
            glue = True
        elif token in _NO_SPACE_AFTER:
            glue_next = True
        if token == "-" and out and out[-1] == "-":
            glue = True  # "- -" is a tokenised "--"
        if token == "/" and out and out[-1].isdigit():
            glue = True
        if out and out[-1] == "/" and token.isdigit() and len(out) > 1 and out[-2].isdigit():
            glue = True
        if glue and out:
            out[-1] += token
        else:
            out.append(token)
    return " ".join(out)


def slug_title(url: str) -> str | None:
    """The words of a URL's slug ("…/ketua-mpr-mustahil-bersaing" -> "ketua mpr mustahil…")."""
    parts = [p for p in re.split(r"[/?#]", url) if p]
    for part in reversed(parts):
        words = [w for w in re.split(r"[-_.+]", re.sub(r"\.html?$", "", part)) if w.isalpha()]
        if len(words) >= 3:
            return " ".join(words)
    return None


def load_indosum(path: Path) -> list[IndoSumArticle]:
    """Read IndoSum, detokenise it, re-segment it our way and carry the gold labels over."""
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            paragraphs, labels = [], []
            for para, gold in zip(record["paragraphs"], record["gold_labels"], strict=True):
                pieces = [detokenise(sentence) for sentence in para]
                text, gold_spans, offset = "", [], 0
                for piece, label in zip(pieces, gold, strict=True):
                    if not piece:
                        continue
                    if text:
                        text += " "
                        offset += 1
                    text += piece
                    if label:
                        gold_spans.append((offset, offset + len(piece)))
                    offset += len(piece)
                spans = sentence_spans(text)
                if not spans:
                    continue
                paragraphs.append([text[s:e] for s, e in spans])
                labels.append([_covered(s, e, gold_spans) > 0.5 for s, e in spans])
            summary = " ".join(detokenise(s) for s in record["summary"])
            articles.append(
                IndoSumArticle(
                    record["id"], paragraphs, labels, summary, slug_title(record["source_url"])
                )
            )
    return articles


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> float:
    """Fraction of [start, end) inside the given spans."""
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return inside / max(end - start, 1)


def training_rows(
    articles: Sequence[IndoSumArticle], rng: random.Random
) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of all sentences; a random half of articles get the slug title."""
    xs: list[np.ndarray] = []
    ys: list[bool] = []
    for article in articles:
        title = article.slug_title if rng.random() < 0.5 else None
        features = article_features(article.paragraphs, title)
        xs.append(features.matrix)
        ys.extend(label for para in article.labels for label in para)
    return np.vstack(xs), np.array(ys, dtype=float)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> Scorer:
    """L2-regularised logistic regression on standardised features (Newton's method)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not regularised
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ (p - y) + penalty * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return Scorer(FEATURE_NAMES, mean, scale, w[:-1], float(w[-1]))


def rouge_scores(outputs: Sequence[str], references: Sequence[str]) -> np.ndarray:
    """ROUGE-1/2/L F1 (x100) of each output against its reference, one row per article."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)
    rows = []
    for output, reference in zip(outputs, references, strict=True):
        scores = scorer.score(reference, output)
        rows.append([100 * scores[key].fmeasure for key in ("rouge1", "rouge2", "rougeL")])
    return np.array(rows).reshape(-1, 3)


def rouge_table(
    systems: dict[str, list[str]], references: list[str]
) -> dict[str, tuple[float, float, float]]:
    """Mean ROUGE-1/2/L F1 (x100) of each system's outputs against the references."""
    table = {}
    for name, outputs in systems.items():
        r1, r2, rl = (float(v) for v in rouge_scores(outputs, references).mean(axis=0))
        table[name] = (r1, r2, rl)
    return table


@dataclass(frozen=True)
class CrossValidation:
    """Held-out ROUGE of each system, overall and per fold.

    Attributes:
        table: mean ROUGE-1/2/L over all held-out articles, by system.
        folds: the same per fold, by system (one (R-1, R-2, R-L) row per fold).
    """

    table: dict[str, tuple[float, float, float]]
    folds: dict[str, np.ndarray]

    def fold_gains(self, system: str) -> np.ndarray:
        """Per-fold (R-1, R-2, R-L) of ``system`` minus LEAD-3's on the same fold."""
        return self.folds[system] - self.folds["LEAD-3"]


def digest(article: IndoSumArticle, scorer: Scorer, n: int = 3, title: str | None = None) -> str:
    """The n chosen sentences of an article, joined."""
    records = records_from_split(article.paragraphs)
    choices = select_key_points(records, n, title=title, scorer=scorer)
    return " ".join(c.source for c in choices)


def lead(article: IndoSumArticle, n: int = 3) -> str:
    """The first n sentences of an article, joined."""
    return " ".join([s for para in article.paragraphs for s in para][:n])


def cross_validate(articles: list[IndoSumArticle], folds: int) -> CrossValidation:
    """Held-out ROUGE of the trained digest per redundancy weight, and LEAD-3, over K folds."""
    order = list(range(len(articles)))
    random.Random(SEED).shuffle(order)
    outputs: dict[str, list[str]] = {"LEAD-3": []}
    for lam in REDUNDANCY_GRID:
        outputs[f"scorer, redundancy {lam}"] = []
        outputs[f"scorer+slug title, redundancy {lam}"] = []
    references: list[str] = []
    fold_of: list[int] = []
    for fold in range(folds):
        held = [articles[i] for k, i in enumerate(order) if k % folds == fold]
        train = [articles[i] for k, i in enumerate(order) if k % folds != fold]
        x, y = training_rows(train, random.Random(SEED + fold))
        base = fit_logistic(x, y)
        for lam in REDUNDANCY_GRID:
            scorer = Scorer(base.features, base.mean, base.scale, base.weights, base.bias, lam)
            outputs[f"scorer, redundancy {lam}"].extend(digest(a, scorer) for a in held)
            outputs[f"scorer+slug title, redundancy {lam}"].extend(
                digest(a, scorer, title=a.slug_title) for a in held
            )
        outputs["LEAD-3"].extend(lead(a) for a in held)
        references.extend(a.summary for a in held)
        fold_of.extend([fold] * len(held))
    fold_ids = np.array(fold_of)
    table, per_fold = {}, {}
    for name, texts in outputs.items():
        scores = rouge_scores(texts, references)
        r1, r2, rl = (float(v) for v in scores.mean(axis=0))
        table[name] = (r1, r2, rl)
        per_fold[name] = np.array([scores[fold_ids == f].mean(axis=0) for f in range(folds)])
    return CrossValidation(table, per_fold)


def main(argv: Sequence[str] | None = None) -> int:
    """Cross-validate, then train on everything and write the scorer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--dry-run", action="store_true", help="do not write the scorer")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    articles = load_indosum(args.data)
    positives = [sum(sum(p) for p in a.labels) for a in articles]
    print(
        f"{len(articles)} articles, {sum(len(p) for a in articles for p in a.paragraphs)} "
        f"sentences, median {statistics.median(positives)} positive per article"
    )
    cv = cross_validate(articles, args.folds)
    table = cv.table
    print(f"\n{args.folds}-fold cross-validated ROUGE F1 (held-out folds), 3 sentences:")
    print(f"{'system':40s} {'R-1':>6s} {'R-2':>6s} {'R-L':>6s}")
    for name, (r1, r2, rl) in table.items():
        print(f"{name:40s} {r1:6.2f} {r2:6.2f} {rl:6.2f}")
    # The redundancy weight with the best held-out ROUGE-1 + ROUGE-L, without a title.
    best = max(
        REDUNDANCY_GRID,
        key=lambda lam: (
            table[f"scorer, redundancy {lam}"][0] + table[f"scorer, redundancy {lam}"][2]
        ),
    )
    x, y = training_rows(articles, random.Random(SEED))
    final = fit_logistic(x, y)
    final = Scorer(final.features, final.mean, final.scale, final.weights, final.bias, best)
    gains = cv.fold_gains(f"scorer, redundancy {best}")
    print(
        f"\nchosen redundancy weight: {best}; gain over LEAD-3 per fold: "
        f"R-1 {gains[:, 0].min():+.2f} to {gains[:, 0].max():+.2f}, "
        f"R-L {gains[:, 2].min():+.2f} to {gains[:, 2].max():+.2f}"
    )
    print("weights (standardised features):")
    for name, weight in sorted(
        zip(FEATURE_NAMES, final.weights, strict=True), key=lambda t: -abs(t[1])
    ):
        print(f"  {name:20s} {weight:+.3f}")
    lead3, ours = table["LEAD-3"], table[f"scorer, redundancy {best}"]
    data = final.as_dict()
    data["trained_on"] = f"{args.data.name}: {len(articles)} articles, gold_labels"
    data["cross_validated"] = {
        "folds": args.folds,
        "lead3_rouge": [round(v, 2) for v in lead3],
        "scorer_rouge": [round(v, 2) for v in ours],
        "fold_gain_rouge1": [round(float(v), 2) for v in gains[:, 0]],
        "fold_gain_rougeL": [round(float(v), 2) for v in gains[:, 2]],
    }
    if not args.dry_run:
        args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
