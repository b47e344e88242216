"""Tests of the key-point digest: extractive selection and the abstractive summarizer."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from summarizer import key_sentences
from summarizer.digest import Scorer, Summarizer, abstractive, select_key_points
from summarizer.digest.extractive import load_scorer
from summarizer.digest.features import FEATURE_NAMES, article_features, tfidf_rows
from summarizer.document import MAX_POINTS, Article, Sentence
from summarizer.errors import ModelError, ModelNotAvailableError, UnknownOptionError
from summarizer.segment import records_from_split, split_paragraphs, split_sentences

ARTICLE = """Jakarta, CNN Indonesia -- Banjir merendam ratusan rumah di Kecamatan Cileungsi, Kabupaten Bogor, pada Senin (6/3) pagi. Air setinggi 1,5 meter masuk ke permukiman warga setelah hujan deras mengguyur sejak Minggu malam.

Kepala Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Bogor, Budi Santoso, mengatakan sebanyak 412 kepala keluarga terdampak banjir tersebut. Sebagian warga telah dievakuasi ke masjid dan sekolah terdekat.

"Kami sudah mendirikan tiga dapur umum dan posko kesehatan," kata Budi di Bogor, Senin.

Menurut dia, banjir terjadi karena Sungai Cileungsi meluap dan tanggul di dua titik jebol. Pemerintah daerah berencana memperbaiki tanggul itu pekan depan dengan anggaran Rp2,5 miliar.

Baca juga: Lima Tips Menghadapi Musim Hujan

Warga berharap pemerintah segera menormalisasi sungai agar banjir tidak terulang. Banjir serupa pernah terjadi pada 2021 dan merendam lebih dari 300 rumah."""


def _paragraphs(text: str) -> list[list[str]]:
    return [split_sentences(p) for p in split_paragraphs(text)]


def _penalty(places: dict[tuple[int, int], float]) -> Callable[[Sentence], float]:
    """A penalty of ``places[place]`` for the sentences at those places, else none."""
    return lambda s: places.get(s.place, 0.0)


def _all_sentences(text: str) -> list[str]:
    return [s for p in _paragraphs(text) for s in p]


# --------------------------------------------------------------------------------------
# key_sentences: the public API
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_key_sentences_are_source_sentences_in_document_order(n: int) -> None:
    chosen = key_sentences(ARTICLE, points=n)
    sentences = _all_sentences(ARTICLE)
    assert len(chosen) == n
    positions = [sentences.index(s) for s in chosen]  # raises if not a source sentence
    assert positions == sorted(positions)
    assert len(set(positions)) == n


def test_key_sentences_leave_out_boilerplate_and_quotes() -> None:
    chosen = key_sentences(ARTICLE, points=3)
    assert not any(s.startswith("Baca juga") for s in chosen)
    assert not any(s.startswith('"') for s in chosen)
    assert chosen[0].startswith("Jakarta, CNN Indonesia -- Banjir")


@pytest.mark.parametrize(
    ("text", "n", "expected"),
    [
        ("", 3, []),
        ("   \n\n  ", 3, []),
        ("Hanya satu kalimat di sini.", 3, ["Hanya satu kalimat di sini."]),
        ("Kalimat pertama.\n\nKalimat kedua.", 5, ["Kalimat pertama.", "Kalimat kedua."]),
        (ARTICLE, 0, []),
    ],
)
def test_key_sentences_edge_cases(text: str, n: int, expected: list[str]) -> None:
    assert key_sentences(text, points=n) == expected


def test_key_sentences_takes_an_article_and_uses_its_title() -> None:
    article = Article.from_text(ARTICLE, title="Tanggul Sungai Cileungsi Jebol")
    paragraphs = _paragraphs(ARTICLE)
    assert key_sentences(article, points=3) == [
        c.source for c in select_key_points(records_from_split(paragraphs), 3, title=article.title)
    ]

    def margin(title: str | None) -> float:
        """How far the sentence about the levee scores above the others, on average."""
        scores = {
            c.source: c.key
            for c in select_key_points(records_from_split(paragraphs), MAX_POINTS, title=title)
        }
        levee = next(v for k, v in scores.items() if "tanggul di dua titik jebol" in k)
        return levee - (sum(scores.values()) - levee) / (len(scores) - 1)

    assert margin(article.title) > margin(None)


@pytest.mark.parametrize("bad", [None, 42, ["Kalimat."], b"Kalimat."])
def test_key_sentences_rejects_other_types(bad: object) -> None:
    with pytest.raises(TypeError, match="str or an Article"):
        key_sentences(bad, points=3)  # type: ignore[arg-type]


def test_negative_n_is_an_error_that_says_what_is_valid() -> None:
    with pytest.raises(UnknownOptionError, match="from 0 to 20"):
        key_sentences(ARTICLE, points=-1)


def test_a_repeated_sentence_is_chosen_once() -> None:
    first = "Presiden meresmikan Bendungan Karian di Lebak, Banten, pada Kamis."
    text = (
        f"{first} {first}\n\nBendungan itu mengairi 22.000 hektare sawah. Biayanya Rp1,9 triliun."
    )
    chosen = key_sentences(text, points=3)
    assert chosen.count(first) == 1
    assert len(chosen) == 3  # the copy is the only sentence left, so it fills the third slot


def test_a_10000_sentence_article_is_handled_in_linear_memory() -> None:
    words = "pemerintah harga naik persen menteri warga banjir pasar ekspor daging".split()
    rng = np.random.default_rng(0)
    paragraphs = [
        " ".join(
            "Warga " + " ".join(rng.choice(words, size=10)) + f" {p * 5 + s}." for s in range(5)
        )
        for p in range(2000)
    ]
    started = time.perf_counter()
    chosen = key_sentences("\n\n".join(paragraphs), points=5)
    assert len(chosen) == 5
    assert time.perf_counter() - started < 20


def test_one_article_takes_well_under_50_ms() -> None:
    key_sentences(ARTICLE, points=3)  # scorer loaded
    times = []
    for _ in range(20):
        started = time.perf_counter()
        key_sentences(ARTICLE, points=3)
        times.append(time.perf_counter() - started)
    assert sorted(times)[len(times) // 2] < 0.05


# --------------------------------------------------------------------------------------
# select_key_points: positions, scores, penalties
# --------------------------------------------------------------------------------------


def test_choices_locate_their_sentence() -> None:
    paragraphs = _paragraphs(ARTICLE)
    choices = select_key_points(records_from_split(paragraphs), 4)
    assert all(isinstance(c, Sentence) for c in choices)
    for choice in choices:
        assert paragraphs[choice.paragraph][choice.index] == choice.source
        assert choice.key is not None and 0.0 < choice.key < 1.0
    assert [(c.paragraph, c.index) for c in choices] == sorted(
        (c.paragraph, c.index) for c in choices
    )


def test_a_heavy_penalty_replaces_a_sentence_and_a_light_one_does_not() -> None:
    records = records_from_split(_paragraphs(ARTICLE))
    plain = select_key_points(records, 3)
    target = plain[1].place
    heavy = select_key_points(records, 3, penalty=_penalty({target: 20.0}))
    light = select_key_points(records, 3, penalty=_penalty({target: 1e-6}))
    assert target not in [c.place for c in heavy]
    assert [c.source for c in light] == [c.source for c in plain]


def test_penalties_decide_between_close_sentences() -> None:
    # Two near-identical candidates: a small penalty on one makes the other win.
    paragraphs = [
        ["Gempa bermagnitudo 5,1 mengguncang Cianjur pada Senin siang."],
        ["Gempa bermagnitudo 5,1 mengguncang Cianjur pada Senin sore."],
    ]
    first = select_key_points(records_from_split(paragraphs), 1, penalty=_penalty({(0, 0): 5.0}))
    assert [c.place for c in first] == [(1, 0)]


def test_empty_paragraphs_give_no_choices() -> None:
    assert select_key_points([], 3) == []
    assert select_key_points(records_from_split([[], []]), 3) == []


# --------------------------------------------------------------------------------------
# features and the shipped scorer
# --------------------------------------------------------------------------------------


def _column(matrix: np.ndarray, name: str) -> list[float]:
    return [float(v) for v in matrix[:, FEATURE_NAMES.index(name)]]


@pytest.mark.parametrize(
    ("sentence", "feature", "value"),
    [
        ("Baca juga: Lima Tips Menghadapi Musim Hujan", "boilerplate", 1.0),
        ("Harga cabai naik di pasar induk.", "boilerplate", 0.0),
        ('"Kami siap," kata dia.', "quote", 1.0),
        ('"Kami siap," kata dia.', "quote_start", 1.0),
        ("Sesi “Mobile PC” dibuka Senin.", "quote", 1.0),
        ("Sesi “Mobile PC” dibuka Senin.", "quote_start", 0.0),
        ("Harga cabai naik di pasar induk.", "quote", 0.0),
        ("Harga cabai naik 40 persen.", "has_number", 1.0),
        ("Harga cabai naik tajam.", "has_number", 0.0),
        ("Apakah harga akan turun?", "question", 1.0),
        ("Foto: Antara", "no_terminal", 1.0),
    ],
)
def test_sentence_features(sentence: str, feature: str, value: float) -> None:
    matrix = article_features([["Kalimat pembuka berita ini.", sentence]]).matrix
    assert _column(matrix, feature)[1] == value


@pytest.mark.parametrize(
    ("first", "dateline"),
    [
        ("Jakarta, CNN Indonesia -- Harga cabai naik.", 1.0),
        ("Wamena (ANTARA News) - Tim arkeolog tiba.", 1.0),
        ("Harga cabai naik di pasar induk.", 0.0),
    ],
)
def test_dateline_is_recognised_on_the_first_sentence(first: str, dateline: float) -> None:
    matrix = article_features([[first, first]]).matrix
    assert _column(matrix, "dateline") == [dateline, 0.0]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (['"Kami siap.', "Semua sudah dicek," + '" kata dia.', "Acara dimulai."], [0, 1, 0]),
        (["“Kami siap.", "Semua sudah dicek,” kata dia.", "Acara dimulai."], [0, 1, 0]),
        (["Sesi “Mobile PC” dibuka.", "Acara dimulai."], [0, 0]),
    ],
)
def test_sentences_inside_a_multi_sentence_quote(paragraph: list[str], expected: list[int]) -> None:
    assert _column(article_features([paragraph]).matrix, "in_quote") == expected


def test_title_overlap_is_a_fraction_of_the_title_words() -> None:
    paragraphs = [["Tanggul sungai jebol di Bogor.", "Warga mengungsi ke masjid."]]
    matrix = article_features(paragraphs, title="Tanggul Sungai Jebol").matrix
    assert _column(matrix, "title_overlap") == [1.0, 0.0]
    assert _column(matrix, "has_title") == [1.0, 1.0]
    assert _column(article_features(paragraphs).matrix, "has_title") == [0.0, 0.0]


def test_tfidf_rows_are_unit_vectors_and_repeats_have_cosine_one() -> None:
    rows = tfidf_rows([["banjir", "bogor"], ["banjir", "bogor"], ["gempa"], []])
    assert np.allclose(rows.dot_self(), [1.0, 1.0, 1.0, 0.0])
    assert rows.dot(rows.row(0))[1] == pytest.approx(1.0)
    assert rows.dot(rows.row(0))[2] == 0.0


def test_the_shipped_scorer_matches_the_features_and_favours_the_lead() -> None:
    scorer = load_scorer()
    assert scorer.features == FEATURE_NAMES
    assert scorer.weights[FEATURE_NAMES.index("inv_doc_pos")] > 0
    assert scorer.weights[FEATURE_NAMES.index("quote")] < 0


def test_a_scorer_for_other_features_is_refused(tmp_path: Path) -> None:
    data = load_scorer().as_dict()
    data["features"] = ["something", "else"]
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="retrain"):
        load_scorer(str(path))


def test_a_custom_scorer_is_used() -> None:
    # Weights that only like the last position pick the last sentences.
    zeros = np.zeros(len(FEATURE_NAMES))
    weights = zeros.copy()
    weights[FEATURE_NAMES.index("rel_doc_pos")] = 10.0
    scorer = Scorer(FEATURE_NAMES, zeros, np.ones_like(zeros), weights, 0.0, 0.0)
    choices = select_key_points(records_from_split(_paragraphs(ARTICLE)), 2, scorer=scorer)
    assert [c.source for c in choices] == _all_sentences(ARTICLE)[-2:]


# --------------------------------------------------------------------------------------
# Abstractive summarizer, with a tiny random BART
# --------------------------------------------------------------------------------------

ENGLISH = " ".join(
    f"The regional disaster agency said on Monday that {n} families in Bogor were hit "
    f"by the flood, and {n + 3} houses were damaged."
    for n in range(30)
)


@pytest.fixture(scope="module")
def summarizer_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The tiny summarizer from conftest, or one built here if conftest has none."""
    try:
        return request.getfixturevalue("tiny_summarizer_dir")
    except pytest.FixtureLookupError:
        from toy_models import build_tiny_summarizer

        return build_tiny_summarizer(tmp_path_factory.mktemp("tiny-summarizer") / "model")


@pytest.fixture
def tiny(summarizer_dir: Path) -> Summarizer:
    return Summarizer(str(summarizer_dir), device="cpu", max_summary_tokens=12)


def test_long_text_is_chunked_within_the_window_and_nothing_is_lost(tiny: Summarizer) -> None:
    loaded = tiny._load()
    chunks = tiny.chunks(ENGLISH)
    counts = [len(loaded.tokenizer(c)["input_ids"]) for c in chunks]
    assert len(chunks) > 1
    assert max(counts) <= loaded.max_input_tokens
    assert " ".join(chunks).split() == ENGLISH.split()
    # Cut at sentence boundaries: every chunk ends a sentence.
    assert all(c.endswith(".") for c in chunks)


def test_a_sentence_longer_than_the_window_is_split_not_truncated(tiny: Summarizer) -> None:
    sentence = "The flood " + " ".join(f"reached house number {n}," for n in range(80)) + " today."
    chunks = tiny.chunks(sentence)
    assert len(chunks) > 1
    assert " ".join(chunks).split() == sentence.split()


def test_summarize_gives_bullets_from_every_chunk(
    tiny: Summarizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    real = Summarizer._generate

    def spy(self: Summarizer, chunks: list[str], loaded: object) -> list[str]:
        seen.append(list(chunks))
        return real(self, chunks, loaded)  # type: ignore[arg-type]

    monkeypatch.setattr(Summarizer, "_generate", spy)
    bullets = tiny.summarize(ENGLISH, points=3)
    assert 1 <= len(bullets) <= 3
    assert all(isinstance(b, str) and b.strip() == b and b for b in bullets)
    assert " ".join(seen[0]).split() == ENGLISH.split()  # the whole text went in


def test_chunk_summaries_are_merged_then_summarised_again() -> None:
    fake = Summarizer("unused")
    loaded = abstractive._Loaded(None, None, "cpu", 10)
    fake._load = lambda: loaded  # type: ignore[method-assign]
    fake.chunks = lambda text, loaded=None: text.split(" | ")  # type: ignore[method-assign]
    rounds: list[list[str]] = []

    def generate(chunks: list[str], loaded: object) -> list[str]:
        rounds.append(chunks)
        return [f"Round {len(rounds)} point {k}." for k in range(len(chunks))]

    fake._generate = generate  # type: ignore[method-assign]
    bullets = fake.summarize(" | ".join(f"Chunk {k} " + "text " * 20 for k in range(6)), 2)
    assert len(rounds[0]) == 6
    assert rounds[1] == [" ".join(f"Round 1 point {k}." for k in range(6))]
    assert bullets == ["Round 2 point 0."]


def test_the_model_loads_once_per_process(summarizer_dir: Path) -> None:
    first = Summarizer(str(summarizer_dir), device="cpu")._load()
    second = Summarizer(str(summarizer_dir), device="cpu")._load()
    assert first.model is second.model


@pytest.mark.parametrize(
    ("summaries", "expected"),
    [
        (
            ["A flood hit Bogor . Houses were damaged ."],
            ["A flood hit Bogor.", "Houses were damaged."],
        ),
        (["A flood hit Bogor.", "a flood hit Bogor!"], ["A flood hit Bogor."]),
        (["", "   "], []),
    ],
)
def test_bullets(summaries: list[str], expected: list[str]) -> None:
    assert abstractive._bullets(summaries) == expected


def test_empty_text_summarises_to_nothing_without_loading() -> None:
    assert Summarizer("not/loaded").summarize("  \n ") == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"device": "gpu"}, "auto"), ({"device": "cuda:x"}, "cuda:N"), ({"max_input_tokens": 2}, "8")],
)
def test_bad_options_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UnknownOptionError, match=message):
        Summarizer("m", **kwargs)  # type: ignore[arg-type]


def test_points_below_zero_are_refused() -> None:
    with pytest.raises(UnknownOptionError, match="from 0 to 20"):
        Summarizer("m").summarize("Some text.", points=-1)


def test_a_missing_model_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotAvailableError, match="summarizer download no-such-org/no-model"):
        Summarizer("no-such-org/no-model", device="cpu").summarize("A flood hit Bogor.")
