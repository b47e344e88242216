"""Sentence features for the extractive digest: what the article itself shows.

Each sentence of an article gets a fixed-length vector: its position (in the document
and in its paragraph), its length, its centrality (TF-IDF cosine to the article and to
the other sentences), its overlap with the title, its density of numbers and names,
and signs of quotes or boilerplate. The vectors are what the trained scorer weighs
(``eval/train_scorer.py``); everything here is pure Python and numpy.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_WORD = re.compile(r"\w+")
_CAPITALISED = re.compile(r"(?<![\w.])[A-Z][\w]*")
_DIGITS = re.compile(r"\d")
_QUOTES = '"“”„«»'
_SPEECH = re.compile(
    r"\b(?:kata|ujar|ungkap|tutur|jelas|ucap|tegas|imbuh|tambah|sebut)(?:nya)?\b", re.IGNORECASE
)
# Lines that sites append to a body: "Baca juga", sources, photo credits, links.
_BOILERPLATE = re.compile(
    r"baca[ _]juga|^\W*(?:sumber|foto|editor|penulis|reporter|lihat juga|simak)\b|https?://|www\.|@\w|"
    r"^\W*\(\w{2,6}\)\W*$|\[\s*\S+\.(?:com|id)\s*\]",
    re.IGNORECASE,
)
# A dateline at the start of a body: "Jakarta, CNN Indonesia --", "Suara.com -".
_DATELINE = re.compile(r"^[^.!?]{0,60}?\s(?:--|-|–|—)\s")

# Frequent Indonesian function words: they say nothing about what a sentence is about.
STOPWORDS = frozenset(
    """
    yang dan di ke dari ini itu dengan untuk pada dalam tidak akan juga ada adalah oleh
    karena atau sudah telah bahwa saat para kata ia dia mereka kami kita saya anda tersebut
    bisa dapat harus sebagai seperti lebih masih sangat hanya jika namun tetapi tapi serta
    agar sehingga bagi antara setelah sebelum secara yakni yaitu pun lagi belum hal ujar
    kepada atas bahkan maka lalu kini hingga sampai sejak tak itu pula begitu saja nya
    se sebuah seorang satu dua tiga banyak beberapa semua setiap tiap oleh ya apa siapa
    mana bagaimana kapan mengapa sendiri tentang terhadap menjadi merupakan mengatakan
    """.split()
)

FEATURE_NAMES: tuple[str, ...] = (
    "doc_pos_0",
    "doc_pos_1",
    "doc_pos_2",
    "doc_pos_3",
    "doc_pos_4",
    "inv_doc_pos",
    "rel_doc_pos",
    "para_0",
    "para_1",
    "para_2",
    "inv_para",
    "first_in_para",
    "inv_pos_in_para",
    "log_length",
    "short",
    "long",
    "centroid_sim",
    "centroid_sim_z",
    "mean_sim",
    "mean_sim_z",
    "lead_sim",
    "title_overlap",
    "has_title",
    "number_density",
    "has_number",
    "name_density",
    "quote",
    "quote_start",
    "in_quote",
    "speech",
    "boilerplate",
    "dateline",
    "no_terminal",
    "question",
    "log_doc_sentences",
    "para_sentences_1",
    "length_z",
)


@dataclass(frozen=True)
class ArticleFeatures:
    """Features of every sentence of an article, and what selection needs besides.

    Attributes:
        positions: (paragraph, sentence index) of each row, in document order.
        sentences: the sentence texts, in the same order.
        matrix: one row of :data:`FEATURE_NAMES` values per sentence.
        vectors: L2-normalised TF-IDF rows, for redundancy between sentences.
    """

    positions: list[tuple[int, int]]
    sentences: list[str]
    matrix: np.ndarray
    vectors: SparseRows


@dataclass(frozen=True)
class SparseRows:
    """Sparse rows (one per sentence) as coordinate arrays: memory linear in the text.

    Attributes:
        rows, columns, values: the non-zero entries.
        shape: (number of rows, number of columns).
    """

    rows: np.ndarray
    columns: np.ndarray
    values: np.ndarray
    shape: tuple[int, int]

    def dot(self, vector: np.ndarray) -> np.ndarray:
        """Each row's dot product with a dense vector."""
        weights = self.values * vector[self.columns]
        return np.bincount(self.rows, weights=weights, minlength=self.shape[0])

    def dot_self(self) -> np.ndarray:
        """Each row's dot product with itself."""
        return np.bincount(self.rows, weights=self.values**2, minlength=self.shape[0])

    def row(self, index: int) -> np.ndarray:
        """One row as a dense vector."""
        dense = np.zeros(self.shape[1])
        mask = self.rows == index
        dense[self.columns[mask]] = self.values[mask]
        return dense

    def sum(self, rows: int | None = None) -> np.ndarray:
        """The dense sum of all rows, or of the first ``rows`` rows."""
        mask = slice(None) if rows is None else self.rows < rows
        return np.bincount(
            self.columns[mask], weights=self.values[mask], minlength=self.shape[1]
        ).astype(float)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``."""
    return _WORD.findall(text.lower())


def content_words(text: str) -> list[str]:
    """The tokens of ``text`` that are not stopwords or single characters."""
    return [t for t in tokens(text) if t not in STOPWORDS and len(t) > 1]


def article_features(
    paragraphs: Sequence[Sequence[str]], title: str | None = None
) -> ArticleFeatures:
    """Compute the feature matrix of an article given as paragraphs of sentences.

    Args:
        paragraphs: the article, one list of sentence strings per paragraph.
        title: the headline, if known (its overlap with a sentence is a feature).

    Returns:
        The features, one row per sentence in document order (empty paragraphs skipped).
    """
    positions = [(p, i) for p, para in enumerate(paragraphs) for i in range(len(para))]
    sentences = [paragraphs[p][i] for p, i in positions]
    n = len(sentences)
    if n == 0:
        return ArticleFeatures([], [], np.zeros((0, len(FEATURE_NAMES))), tfidf_rows([]))
    words = [content_words(s) for s in sentences]
    vectors = tfidf_rows(words)
    centroid_sum = vectors.sum()
    norm = float(np.linalg.norm(centroid_sum))
    centroid_sim = vectors.dot(centroid_sum / norm) if norm else np.zeros(n)
    # Mean cosine to the other sentences, without an n x n matrix: sum_j v_k.v_j - v_k.v_k.
    self_sim = vectors.dot_self()
    mean_sim = (vectors.dot(centroid_sum) - self_sim) / max(n - 1, 1)
    lead = vectors.sum(rows=min(3, n))
    lead_norm = float(np.linalg.norm(lead))
    lead_sim = vectors.dot(lead / lead_norm) if lead_norm else np.zeros(n)
    title_words = set(content_words(title)) if title else set()
    para_sizes = [len(para) for para in paragraphs]
    # Paragraph rank among non-empty paragraphs, so an empty first block changes nothing.
    para_rank = {p: r for r, p in enumerate(sorted({p for p, _ in positions}))}

    inside_quote = _inside_quote(paragraphs)
    rows = []
    for k, ((p, i), sentence) in enumerate(zip(positions, sentences, strict=True)):
        raw = tokens(sentence)
        length = max(len(raw), 1)
        pr = para_rank[p]
        overlap = len(title_words & set(words[k])) / len(title_words) if title_words else 0.0
        stripped = sentence.rstrip()
        rows.append(
            [
                *(float(k == j) for j in range(5)),
                1.0 / (1 + k),
                k / max(n - 1, 1),
                float(pr == 0),
                float(pr == 1),
                float(pr == 2),
                1.0 / (1 + pr),
                float(i == 0),
                1.0 / (1 + i),
                math.log(length),
                float(length < 6),
                float(length > 45),
                centroid_sim[k],
                0.0,
                mean_sim[k],
                0.0,
                lead_sim[k],
                overlap,
                float(bool(title_words)),
                len(_DIGITS.findall(sentence)) / length,
                float(bool(_DIGITS.search(sentence))),
                len(_CAPITALISED.findall(sentence)) / length,
                float(any(q in sentence for q in _QUOTES)),
                float(sentence.lstrip("'‘ ")[:1] in _QUOTES),
                float(inside_quote[k]),
                float(bool(_SPEECH.search(sentence))),
                float(bool(_BOILERPLATE.search(sentence))),
                float(k == 0 and bool(_DATELINE.match(sentence))),
                float(not stripped.endswith((".", "!", "?", '"', "”", "'", ")"))),
                float("?" in sentence),
                math.log(n),
                float(para_sizes[p] == 1),
                0.0,
            ]
        )
    matrix = np.array(rows, dtype=float)
    for column, source in (
        ("centroid_sim_z", "centroid_sim"),
        ("mean_sim_z", "mean_sim"),
        ("length_z", "log_length"),
    ):
        values = matrix[:, FEATURE_NAMES.index(source)]
        spread = float(values.std())
        matrix[:, FEATURE_NAMES.index(column)] = (
            (values - values.mean()) / spread if spread > 1e-9 else 0.0
        )
    return ArticleFeatures(positions, sentences, matrix, vectors)


def _inside_quote(paragraphs: Sequence[Sequence[str]]) -> list[bool]:
    """For each sentence, whether it continues a quotation opened by an earlier sentence."""
    inside = []
    for paragraph in paragraphs:
        open_quote = False
        for sentence in paragraph:
            inside.append(open_quote)
            opening = sentence.count("“") + sentence.count("«")
            closing = sentence.count("”") + sentence.count("»")
            straight = sentence.count('"')
            if opening or closing:
                open_quote = opening > closing or (opening == closing and open_quote)
            if straight % 2:
                open_quote = not open_quote
    return inside


def tfidf_rows(words: Sequence[Sequence[str]]) -> SparseRows:
    """L2-normalised TF-IDF rows of tokenised sentences, IDF over the sentences themselves."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    counts: list[int] = []
    for row, sentence in enumerate(words):
        for word, count in Counter(sentence).items():
            rows.append(row)
            columns.append(vocabulary.setdefault(word, len(vocabulary)))
            counts.append(count)
    n = len(words)
    shape = (n, max(len(vocabulary), 1))
    row_array = np.array(rows, dtype=np.intp)
    column_array = np.array(columns, dtype=np.intp)
    df = np.bincount(column_array, minlength=shape[1])
    values = (1.0 + np.log(np.array(counts, dtype=float))) * np.log(1.0 + n / np.maximum(df, 1))[
        column_array
    ]
    norms = np.sqrt(np.bincount(row_array, weights=values**2, minlength=n))
    values = values / np.where(norms > 0, norms, 1.0)[row_array]
    return SparseRows(row_array, column_array, values, shape)
