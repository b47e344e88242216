"""The Translator: segmentation, chunking, batching, alignment, guards and model loading.

Most tests run the real Translator around a fake backend (tests/fakes.py); the end-to-end
ones use the toy Marian model trained by tests/toy_models.py.
"""

from __future__ import annotations

import re

import fakes
import pytest

from summarizer import Translator
from summarizer.errors import ModelError, ModelNotAvailableError, UnknownOptionError
from summarizer.translate import backend as backend_registry
from summarizer.translate.chunking import batches, split_to_fit


def _backend() -> fakes.FakeBackend:
    return fakes.LAST[-1]


def test_one_output_per_input_with_paragraphs_in_place(fake_translator: Translator) -> None:
    texts = ["Paragraf satu. Kalimat dua.\n\nParagraf dua.", "Baris satu\nBaris dua"]
    assert fake_translator.translate(texts) == [
        "EN(Paragraf satu.) EN(Kalimat dua.)\n\nEN(Paragraf dua.)",
        "EN(Baris satu)\nEN(Baris dua)",
    ]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\n\n", "12.500", "(11/10/2023)", "The minister said the talks were good."],
)
def test_passed_through_without_the_model(fake_translator: Translator, text: str) -> None:
    assert fake_translator.translate([text]) == [text]
    assert not backend_registry.is_loaded(fake_translator.request)  # the model was not even loaded


def test_whitespace_around_and_between_paragraphs_is_kept(fake_translator: Translator) -> None:
    text = "\n  Satu.\n\n\n  Dua.  \n"
    assert fake_translator.translate([text]) == ["\n  EN(Satu.)\n\n\n  EN(Dua.)  \n"]


def test_urls_and_emails_are_copied_not_translated(fake_translator: Translator) -> None:
    (out,) = fake_translator.translate(
        ["Info di https://kemenkopukm.go.id/berita atau humas@kemenkop.go.id ya."]
    )
    assert "https://kemenkopukm.go.id/berita" in out
    assert "humas@kemenkop.go.id" in out
    assert not any("http" in text or "@" in text for text in _backend().inputs)


def test_english_sentence_in_an_indonesian_paragraph_is_kept(fake_translator: Translator) -> None:
    (out,) = fake_translator.translate(["Harga naik. The price is going up again."])
    assert out == "EN(Harga naik.) The price is going up again."


def test_repeated_sentences_are_translated_once(fake_translator: Translator) -> None:
    fake_translator.translate(["Baca juga berita ini.\n\nBaca juga berita ini.\n\nLain."])
    assert sorted(_backend().inputs) == ["Baca juga berita ini.", "Lain."]


def test_ten_thousand_sentences_stay_aligned(fake_translator: Translator) -> None:
    sentences = [f"Kalimat nomor {i} di sini." for i in range(10_000)]
    paragraphs = [" ".join(sentences[i : i + 10]) for i in range(0, 10_000, 10)]
    (out,) = fake_translator.translate(["\n\n".join(paragraphs)])
    out_paragraphs = out.split("\n\n")
    assert len(out_paragraphs) == 1_000
    assert out_paragraphs[567].startswith("EN(Kalimat nomor 5670 di sini.) EN(Kalimat nomor 5671")
    assert re.findall(r"nomor (\d+)", out) == [str(i) for i in range(10_000)]
    assert all(len(batch) <= 8 for batch in _backend().batches)


def test_long_sentence_without_punctuation_is_split_not_truncated(
    fake_translator: Translator,
) -> None:
    words = [f"kata{i}" for i in range(3_000)]
    (result,) = fake_translator.translate_sentences([" ".join(words)])
    assert re.findall(r"kata\d+", result.text) == words  # every word, in order
    limit = _backend().max_input_tokens
    assert all(len(piece.split()) + 1 <= limit for piece in _backend().inputs)
    assert [n.kind for n in result.notices] == ["long-sentence"]
    assert "3001 tokens" in result.notices[0].message


def test_long_sentence_is_cut_at_clause_punctuation_first() -> None:
    def count(texts):  # one token per word plus end of sentence
        return [len(t.split()) + 1 for t in texts]

    sentence = "satu dua tiga empat, lima enam tujuh delapan; sembilan sepuluh sebelas"
    assert split_to_fit(sentence, 6, count) == [
        "satu dua tiga empat,",
        "lima enam tujuh delapan;",
        "sembilan sepuluh sebelas",
    ]


def test_batches_are_length_sorted_and_within_budget() -> None:
    sizes = [5, 50, 7, 49, 3, 48, 6]
    groups = list(batches(sizes, max_tokens=100, max_size=3))
    assert sorted(i for group in groups for i in group) == list(range(len(sizes)))
    for group in groups:
        assert len(group) <= 3
        assert max(sizes[i] for i in group) * len(group) <= 100
    assert groups[0] == [1, 3]  # the longest first, two of them fill the budget


def test_progress_is_reported_per_batch(fake_translator: Translator) -> None:
    calls: list[tuple[int, int]] = []
    fake_translator.translate_sentences(
        [f"Kalimat {i}." for i in range(20)], progress=lambda d, t: calls.append((d, t))
    )
    assert calls[-1] == (20, 20)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_a_batch_out_of_memory_is_retried_in_halves(fake_translator: Translator) -> None:
    sentences = [f"Kalimat nomor {i} di sini." for i in range(40)]
    fake_translator.load().memory = 3  # type: ignore[attr-defined]
    results = fake_translator.translate_sentences(sentences)
    assert [r.text for r in results] == [f"EN({s})" for s in sentences]
    assert all(len(batch) <= 3 for batch in _backend().batches)
    # 8 failed, then 4; the later batches were sized to fit instead of failing each time.
    assert _backend().too_large == [8, 4]
    assert fake_translator.batch_limits[1] == 2


def test_one_sentence_out_of_memory_is_a_clear_error(fake_translator: Translator) -> None:
    fake_translator.load().memory = 0  # type: ignore[attr-defined]
    with pytest.raises(ModelError, match="ran out of memory on cpu translating one sentence"):
        fake_translator.translate(["Kalimat pertama.", "Kalimat kedua."])


def test_other_model_errors_are_not_retried(fake_translator: Translator) -> None:
    backend = fake_translator.load()

    def broken(texts: object, decoding: object) -> None:
        raise RuntimeError("CUBLAS_STATUS_EXECUTION_FAILED")

    backend.generate = broken  # type: ignore[method-assign,assignment]
    with pytest.raises(RuntimeError, match="CUBLAS"):
        fake_translator.translate(["Kalimat pertama."])


@pytest.mark.parametrize(
    ("device", "given", "expected"),
    [
        ("cpu", {}, (4096, 32)),
        ("cuda", {}, (16384, 256)),
        ("cuda:1", {}, (16384, 256)),
        ("cuda", {"batch_size": 16, "max_batch_tokens": 1000}, (1000, 16)),
    ],
)
def test_batch_limits_follow_the_device_unless_given(
    device: str, given: dict[str, int], expected: tuple[int, int]
) -> None:
    translator = Translator("fake/model", backend="fake", device="cpu", **given)
    # The device as resolved on a machine with that GPU (this one may have none).
    translator._request = backend_registry.BackendRequest(translator.spec, "fake", device)
    assert translator.batch_limits == expected


def test_model_loads_once_and_is_shared(fake_translator: Translator) -> None:
    fake_translator.translate(["Satu."])
    other = Translator("fake/model", backend="fake", device="cpu")
    other.translate(["Dua."])
    assert len({id(b) for b in fakes.LAST[-1:]}) == 1
    assert backend_registry.load_backend(other.request) is backend_registry.load_backend(
        fake_translator.request
    )


def test_unknown_model_name_lists_presets() -> None:
    with pytest.raises(UnknownOptionError, match="opus-mt, nllb-600m, madlad-3b"):
        Translator("not a model")


def test_unknown_backend_lists_backends() -> None:
    with pytest.raises(UnknownOptionError, match="auto, transformers"):
        Translator("Helsinki-NLP/opus-mt-id-en", backend="nope", device="cpu").load()


def test_missing_model_says_what_and_how_to_fix(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    translator = Translator("Helsinki-NLP/opus-mt-id-en", device="cpu", backend="transformers")
    with pytest.raises(ModelNotAvailableError) as caught:
        translator.translate(["Selamat pagi."])
    message = str(caught.value)
    assert "Helsinki-NLP/opus-mt-id-en" in message
    assert "summarizer download" in message
    assert "\n" not in message


def test_creating_a_translator_loads_nothing() -> None:
    translator = Translator("Helsinki-NLP/opus-mt-id-en", device="cpu")
    assert not translator.loaded


# --- with the toy model, through the same loading code as a hub model -------------------


@pytest.mark.parametrize("beams", [1, 4])
def test_toy_model_translates_for_real(toy_marian_dir, beams: int) -> None:
    from toy_models import TOY_EXAMPLES

    translator = Translator(str(toy_marian_dir), beams=beams, device="cpu", backend="transformers")
    sources = [src for src, _ in TOY_EXAMPLES[:6]]
    expected = [ref for _, ref in TOY_EXAMPLES[:6]]
    assert translator.translate(sources) == expected


def test_toy_model_article_keeps_paragraph_alignment(toy_marian_dir) -> None:
    from toy_models import TOY_EXAMPLES

    (a, a_en), (b, b_en), (c, c_en) = TOY_EXAMPLES[:3]
    translator = Translator(str(toy_marian_dir), beams=4, device="cpu", backend="transformers")
    (out,) = translator.translate([f"{a} {b}\n\n{c}"])
    assert out == f"{a_en} {b_en}\n\n{c_en}"
    (scored,) = translator.translate_sentences([a])
    assert scored.score is not None and scored.score <= 0


def test_toy_model_long_input_is_split_with_a_warning(toy_marian_dir) -> None:
    from toy_models import TOY_EXAMPLES

    source = TOY_EXAMPLES[0][0].rstrip(".")
    translator = Translator(str(toy_marian_dir), beams=1, device="cpu", backend="transformers")
    (result,) = translator.translate_sentences([" ".join([source] * 60)])
    notice = result.notices[0]
    assert notice.kind == "long-sentence"
    pieces = int(re.search(r"in (\d+) pieces", notice.message).group(1))
    assert pieces >= 2
    # Every piece went through the model: each yields at least one English sentence.
    first_word = TOY_EXAMPLES[0][1].split()[0]
    assert result.text.count(first_word) >= pieces


@pytest.mark.parametrize(
    ("name", "source", "src_lang", "tgt_lang", "prefix"),
    [
        ("opus-mt", "Helsinki-NLP/opus-mt-id-en", None, None, ""),
        ("nllb-600m", "facebook/nllb-200-distilled-600M", "ind_Latn", "eng_Latn", ""),
        ("madlad-3b", "google/madlad400-3b-mt", None, None, "<2en> "),
        ("facebook/nllb-200-1.3B", "facebook/nllb-200-1.3B", "ind_Latn", "eng_Latn", ""),
        ("Helsinki-NLP/opus-mt-mul-en", "Helsinki-NLP/opus-mt-mul-en", None, None, ""),
    ],
)
def test_presets_and_model_families(name, source, src_lang, tgt_lang, prefix) -> None:
    from summarizer.translate import resolve_model

    spec = resolve_model(name)
    assert (spec.source, spec.src_lang, spec.tgt_lang, spec.prefix) == (
        source,
        src_lang,
        tgt_lang,
        prefix,
    )


def test_nllb_preset_states_its_licence() -> None:
    from summarizer.translate import PRESETS

    assert "non-commercial" in (PRESETS["nllb-600m"].licence or "")


def test_local_directory_is_a_model(toy_marian_dir) -> None:
    from summarizer.translate import resolve_model

    spec = resolve_model(str(toy_marian_dir))
    assert spec.is_local and spec.source == str(toy_marian_dir.resolve())


@pytest.mark.parametrize("beams", [1, 4])
def test_scores_are_finite_log_probabilities(toy_marian_dir, beams: int) -> None:
    import math

    translator = Translator(str(toy_marian_dir), beams=beams, device="cpu", backend="transformers")
    # Uneven output lengths in one batch: padded steps must not poison the scores.
    results = translator.translate_sentences(
        ["Hari ini Senin.", "Saya pergi ke pasar pada hari Senin."]
    )
    assert all(r.score is not None and math.isfinite(r.score) and r.score <= 0 for r in results)


def test_unknown_device_is_refused_when_the_translator_is_created() -> None:
    with pytest.raises(UnknownOptionError, match="cuda:N"):
        Translator("Helsinki-NLP/opus-mt-id-en", device="gpu")


@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_no_repeat_ngram_bans_what_transformers_bans(size: int) -> None:
    import torch
    from transformers import NoRepeatNGramLogitsProcessor

    from summarizer.translate.hf import NoRepeatNGram

    generator = torch.Generator().manual_seed(size)
    for length in range(1, 14):
        # A vocabulary of 5 makes repeated n-grams common.
        ids = torch.randint(0, 5, (6, length), generator=generator)
        scores = torch.randn(6, 5, generator=generator)
        expected = NoRepeatNGramLogitsProcessor(size)(ids, scores.clone())
        assert torch.equal(NoRepeatNGram(size)(ids, scores.clone()), expected), (size, length)


def test_no_repeat_ngram_in_generation_matches_transformers(random_marian_dir) -> None:
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    from summarizer.translate.hf import NoRepeatNGram

    tokenizer = AutoTokenizer.from_pretrained(random_marian_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(random_marian_dir).eval()
    batch = tokenizer(
        ["rumah besar itu merah", "saya makan nasi"], return_tensors="pt", padding=True
    )
    common = {"num_beams": 4, "max_new_tokens": 30, "do_sample": False}
    with torch.inference_mode():
        theirs = model.generate(**batch, no_repeat_ngram_size=2, **common)
        ours = model.generate(
            **batch, no_repeat_ngram_size=0, logits_processor=[NoRepeatNGram(2)], **common
        )
        unguarded = model.generate(**batch, **common)
    assert torch.equal(ours, theirs)
    assert not torch.equal(ours, unguarded)  # a random model repeats itself: the ban acted
