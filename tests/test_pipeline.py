"""The core pipeline: strip -> translate -> digest, with the fake backend and the toy model."""

from __future__ import annotations

import json
from pathlib import Path

import fakes
import pytest

from summarizer import Article, Notice, Options, Sentence, run
from summarizer.errors import EmptyInputError, UnknownOptionError
from summarizer.pipeline import _reading_chunks, run_articles, stream
from summarizer.render import render
from summarizer.translate import Translator

BODY = [
    "JAKARTA - Pemerintah menaikkan harga BBM sebesar 10 persen mulai Senin (11/10/2023). "
    "Kenaikan itu diumumkan Menteri Keuangan Sri Mulyani di Jakarta.",
    "Menurut Sri Mulyani, kenaikan diperlukan untuk menjaga anggaran negara. "
    "Subsidi energi tahun ini mencapai Rp 502 triliun.",
    "Sejumlah warga mengeluhkan kenaikan tersebut. Mereka khawatir harga bahan pokok ikut naik.",
    "Pemerintah berjanji menyalurkan bantuan langsung tunai kepada 20 juta keluarga.",
]


def _article() -> Article:
    return Article(paragraphs=list(BODY), title="Harga BBM Naik 10 Persen", url="https://x.id/a")


def test_result_is_aligned_paragraph_by_paragraph(fake_translator: Translator) -> None:
    result = run(_article(), Options(points=3), translator=fake_translator)
    assert len(result.paragraphs) == len(BODY)
    for english, source in zip(result.paragraphs, BODY):
        assert english.count("EN(") == source.count(". ") + 1
    assert result.title == "EN(Harga BBM Naik 10 Persen)"
    assert result.model == "fake/model"


def test_no_key_points_is_a_translation_alone(fake_translator: Translator) -> None:
    """``points`` means the same everywhere: 0 asks for the translation without a digest."""
    result = run(_article(), Options(points=0), translator=fake_translator)
    assert result.key_points == []
    assert len(result.paragraphs) == len(_article().paragraphs)


def test_key_points_link_to_their_place(fake_translator: Translator) -> None:
    result = run(_article(), Options(points=3), translator=fake_translator)
    assert len(result.key_points) == 3
    places = [(k.paragraph, k.index) for k in result.key_points]
    assert places == sorted(places)
    for point in result.key_points:
        sentence = next(
            s for s in result.sentences if (s.paragraph, s.index) == (point.paragraph, point.index)
        )
        assert point.source == sentence.source
        assert point.text == f"EN({point.source})"
        assert point.source in BODY[point.paragraph]


def test_digest_only_translates_only_the_key_sentences_and_title(
    fake_translator: Translator,
) -> None:
    result = run(_article(), Options(points=2, digest_only=True), translator=fake_translator)
    sent = fakes.LAST[-1].inputs
    assert sorted(sent) == sorted(
        [k.source for k in result.key_points] + ["Harga BBM Naik 10 Persen"]
    )
    assert result.paragraphs == []
    assert [k.text for k in result.key_points] == [f"EN({k.source})" for k in result.key_points]


@pytest.mark.parametrize(
    ("english", "kinds"),
    [
        ("Energy subsidies this year reach Rp502 trillion.", set()),
        ("Energy subsidies this year reach Rp52 trillion.", {"number"}),
        ("Subsidi energi tahun ini mencapai Rp 502 triliun.", {"untranslated"}),
    ],
)
def test_trust_checks_flag_doubtful_sentences(
    fake_translator: Translator, monkeypatch: pytest.MonkeyPatch, english: str, kinds: set[str]
) -> None:
    def generate(self, texts, decoding):
        return [fakes.Hypothesis(english, -0.1) for _ in texts]

    monkeypatch.setattr(fakes.FakeBackend, "generate", generate)
    article = Article(paragraphs=["Subsidi energi tahun ini mencapai Rp 502 triliun."])
    (sentence,) = run(article, translator=fake_translator).sentences
    assert {w.kind for w in sentence.warnings} == kinds
    assert sentence.confidence == "high"


def test_many_articles_share_batches(fake_translator: Translator) -> None:
    articles = [_article(), Article(paragraphs=["Satu kalimat saja di sini."])]
    results = run_articles(articles, Options(points=1), translator=fake_translator)
    assert [len(r.paragraphs) for r in results] == [4, 1]
    assert results[1].paragraphs == ["EN(Satu kalimat saja di sini.)"]
    # Sentences of both articles travel in shared batches.
    (shared,) = [b for b in fakes.LAST[-1].batches if "Satu kalimat saja di sini." in b]
    assert len(shared) > 1


def test_progress_reports_stages(fake_translator: Translator) -> None:
    stages: list[str] = []
    run(
        _article(),
        translator=fake_translator,
        progress=lambda stage, done, total: stages.append(stage),
    )
    assert stages[0] == "strip"
    assert "load" in stages and "translate" in stages
    result = run(_article(), translator=fake_translator)
    assert {"strip", "translate", "digest"} <= set(result.timings)


def test_result_renders_and_serialises(fake_translator: Translator) -> None:
    result = run(_article(), translator=fake_translator)
    data = json.loads(render(result, "json"))
    assert data["article"]["paragraphs"] == BODY
    assert len(data["paragraphs"]) == 4
    markdown = render(result, "md")
    assert markdown.startswith("# EN(Harga BBM Naik 10 Persen)")
    assert "## Key points" in markdown and "## Translation" in markdown
    assert render(result, "txt").split("\n\n")[0] == "EN(Harga BBM Naik 10 Persen)"


def test_an_unknown_format_is_an_option_error(fake_translator: Translator) -> None:
    result = run(_article(), translator=fake_translator)
    with pytest.raises(UnknownOptionError, match="choose one of md, json, txt"):
        render(result, "pdf")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"digest": "magic"}, "extractive, abstractive"),
        ({"points": 21}, "from 0 to 20"),
        ({"colour": 1}, "Unknown option"),
    ],
)
def test_bad_options_are_rejected(change: dict, message: str) -> None:
    with pytest.raises(UnknownOptionError, match=message):
        Options().replace(**change)


@pytest.mark.parametrize(
    ("confidence", "warnings", "doubtful"),
    [
        ("high", [], False),
        ("check", [], False),
        (None, [], False),
        ("low", [], True),
        ("high", [Notice("number", "The source says 5.")], True),
    ],
)
def test_a_sentence_is_doubtful_with_a_warning_or_low_confidence(
    confidence: str | None, warnings: list[Notice], doubtful: bool
) -> None:
    sentence = Sentence("Dua.", "Two.", 0, 0, -0.1, confidence, warnings)
    assert sentence.doubtful is doubtful
    assert "doubtful" not in sentence.as_dict()


@pytest.mark.parametrize(("digest", "told"), [("abstractive", True), ("extractive", False)])
def test_digest_only_says_that_it_writes_no_abstractive_summary(
    fake_translator: Translator, digest: str, told: bool
) -> None:
    options = Options(digest=digest, digest_only=True, summary_model="not/loaded")
    result = run(_article(), options, translator=fake_translator)
    assert result.summary == []
    assert ("summary-skipped" in [w.kind for w in result.warnings]) is told


def test_the_default_summary_model_is_the_summarizers() -> None:
    from summarizer.digest.abstractive import DEFAULT_MODEL

    assert Options().summary_model == DEFAULT_MODEL


def test_empty_input_is_an_error(fake_translator: Translator) -> None:
    with pytest.raises(EmptyInputError):
        run("   \n ", translator=fake_translator)


SEED = Path(__file__).resolve().parent / "data" / "ui" / "inews-ev-korea.txt"


def test_seed_article_end_to_end_with_the_toy_model(toy_marian_dir) -> None:
    raw = SEED.read_text(encoding="utf-8")
    result = run(
        raw, Options(model=str(toy_marian_dir), beams=1, device="cpu", backend="transformers")
    )
    assert len(result.article.paragraphs) == 8
    assert len(result.paragraphs) == 8
    assert len(result.key_points) == 3
    assert all(k.text for k in result.key_points)
    assert result.title


def test_stream_shows_the_article_then_paragraphs_in_order_then_the_result(
    fake_translator: Translator,
) -> None:
    article = Article(paragraphs=[*BODY, *BODY, *BODY], title="Harga BBM Naik 10 Persen")
    fake_translator.batch_size = 4
    updates = list(stream(article, Options(points=3), translator=fake_translator))
    first, *middle, last = updates
    # The cleaned article at once, nothing translated yet.
    assert first.result.article == article and first.translated == 0
    assert len(first.result.sentences) == first.total  # every sentence, none translated yet
    assert not any(s.translated for s in first.result.sentences)
    # Then the English grows from the top: the first paragraph (and the title) alone first.
    expected = run(article, Options(points=3), translator=fake_translator)
    assert len(middle) >= 3
    assert middle[0].result.paragraphs == expected.paragraphs[:1]
    assert middle[0].result.title == "EN(Harga BBM Naik 10 Persen)"
    counts = [len(u.result.paragraphs) for u in middle]
    assert counts == sorted(counts) and counts[0] == 1 and counts[-1] < len(article.paragraphs)
    assert all(not u.result.key_points and not u.final for u in middle)
    # The last update is what run() returns.
    assert last.final and last.translated == last.total == len(last.result.sentences)
    assert last.result.paragraphs == expected.paragraphs
    assert last.result.key_points == expected.key_points
    assert last.result.title == expected.title
    assert {"strip", "translate", "digest"} <= set(last.result.timings)


def test_stream_batches_stay_full_after_the_first_paragraph(fake_translator: Translator) -> None:
    article = Article(
        paragraphs=[f"Kalimat nomor {i} di sini. Kalimat lain {i}." for i in range(9)]
    )
    fake_translator.batch_size = 4
    list(stream(article, translator=fake_translator))
    sizes = [len(b) for b in fakes.LAST[-1].batches]
    assert sizes == [2, 4, 4, 4, 4]  # the first paragraph alone, then full batches


@pytest.mark.parametrize(
    ("body", "chunks"),
    [
        ([["a", "b"], ["c"], ["d", "e"], ["f"]], [[0], [1, 2], [3]]),
        ([["a"]], [[0]]),
        ([[], ["a"], ["b"]], [[1], [2]]),  # a paragraph without sentences has none to send
        ([], []),
    ],
)
def test_reading_chunks(body: list[list[str]], chunks: list[list[int]]) -> None:
    """Chunks of whole paragraphs (given here by their numbers), in reading order."""
    records = [
        Sentence(text, paragraph=p, index=i)
        for p, sentences in enumerate(body)
        for i, text in enumerate(sentences)
    ]
    got = list(_reading_chunks(records, 3))
    assert [sorted({s.paragraph for s in chunk}) for chunk in got] == chunks
    assert [s for chunk in got for s in chunk] == records


@pytest.mark.parametrize("options", [Options(digest_only=True), Options(points=2)])
def test_stream_digest_only_and_short_articles_end_with_the_result(
    fake_translator: Translator, options: Options
) -> None:
    updates = list(
        stream(Article(paragraphs=["Satu kalimat saja."]), options, translator=fake_translator)
    )
    assert updates[0].translated == 0 and updates[-1].final
    assert updates[-1].result.key_points


def test_stream_raises_bad_input_on_the_first_step(fake_translator: Translator) -> None:
    with pytest.raises(EmptyInputError):
        next(stream("   ", translator=fake_translator))
