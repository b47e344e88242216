"""The causal-LM backend (chat models as translators) and the paragraph path with markers.

The models are tiny random-weight chat models built in the test session (tests/toy_causal.py):
their output is noise, so the real path is checked for what does not depend on quality
(prompts byte for byte, left padding, length bounds, alignment, the fallback when markers are
lost), and a wrapper that rewrites the real model's output into a scripted translation checks
marker recovery and a dropped marker deterministically.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import toy_models

from summarizer.translate import Translator
from summarizer.translate import backend as registry
from summarizer.translate.backend import BackendRequest, Decoding, Hypothesis, choose_backend
from summarizer.translate.causal import CausalBackend, clean_output, load_causal
from summarizer.translate.passages import Context, Passage, mark, runs, unmark
from summarizer.translate.presets import PRESETS, resolve_model

# The user turn that google/translategemma-4b-it's published chat template renders for
# Indonesian (id) to English (en): the translator instruction, two blank lines, the text.
# Sources (where the project's search tool found them): the template itself, revision
# 10042cb0e6e7fdce748996a71dc3dc432a4e0c89, embedded in a public repository's code; the
# model card (mirror: https://hf.zhengshangchen.top/google/translategemma-4b-it); the
# maintainers' message example (https://fast.hugflare.com/google/translategemma-4b-it/
# discussions/16); FastFlowLM's prompt guide (superm1/FastFlowLM,
# docs/docs/models/translategemma.md). Typed out here, not rendered from a template.
CARD_INSTRUCTION = (
    "You are a professional Indonesian (id) to English (en) translator. Your goal is to "
    "accurately convey the meaning and nuances of the original Indonesian text while adhering "
    "to English grammar, vocabulary, and cultural sensitivities.\n"
    "Produce only the English translation, without any additional explanations or commentary. "
    "Please translate the following Indonesian text into English:\n\n\n"
)


def _backend(folder: Path) -> CausalBackend:
    return load_causal(BackendRequest(resolve_model(str(folder)), "causal", "cpu"))


# --- prompts ---------------------------------------------------------------------------------


def test_the_translategemma_prompt_is_the_model_cards(gemma_dir: Path) -> None:
    backend = _backend(gemma_dir)
    assert backend.language_codes and not backend.system_role
    text = "Harga naik 5 persen.  "  # the template trims the text
    assert backend.messages(text, Context(title="Judul")) == [
        {
            "role": "user",
            "content": [
                {"type": "text", "source_lang_code": "id", "target_lang_code": "en", "text": text}
            ],
        }
    ]
    expected = (
        "<bos><start_of_turn>user\n" + CARD_INSTRUCTION + text.strip() + "<end_of_turn>\n"
        "<start_of_turn>model\n"
    )
    assert backend.prompt(text, Context(title="Judul", previous="Sebelumnya.")) == expected
    # The template adds <bos>: the tokenizer must not add a second one.
    ids = backend.tokenizer([expected], add_special_tokens=False)["input_ids"][0]
    assert ids.count(backend.tokenizer.bos_token_id) == 1


def test_the_generic_prompt_has_an_instruction_context_and_the_marker_rule(
    instruct_dir: Path,
) -> None:
    backend = _backend(instruct_dir)
    assert backend.system_role and not backend.language_codes
    plain = backend.prompt("Harga naik.")
    assert plain.startswith("<|im_start|>system\nYou are a professional Indonesian (id) to ")
    assert "number in brackets" not in plain
    assert plain.endswith(
        "<|im_start|>user\nHarga naik.<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n"
    )
    marked = backend.prompt(mark(["Harga naik.", "Besok Jumat."]), Context("Judul", "Kemarin."))
    assert "keep every number, in order" in marked
    user = marked.split("<|im_start|>user\n")[1].split("<|im_end|>")[0]
    assert user == (
        "Article title (context only, do not translate): Judul\n\n"
        "Previous paragraph (context only, do not translate): Kemarin.\n\n"
        "Text to translate:\n[1] Harga naik. [2] Besok Jumat."
    )


# --- markers and cleaning ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "count", "expected"),
    [
        ("[1] Prices rose. [2] Tomorrow is Friday.", 2, ["Prices rose.", "Tomorrow is Friday."]),
        ("  [1]Prices rose.\n[2]  Friday. ", 2, ["Prices rose.", "Friday."]),
        ("[1] One sentence.", 1, ["One sentence."]),
        ("[1] Prices rose and tomorrow is Friday.", 2, None),  # a marker dropped: merged
        ("[2] Friday. [1] Prices rose.", 2, None),  # reordered
        ("[1] Prices rose. [1] Again. [2] Friday.", 2, None),  # repeated
        ("Sure: [1] Prices rose. [2] Friday.", 2, None),  # text before the first
        ("[1] Prices rose. [2] ", 2, None),  # a sentence left empty
        ("[1] A. [2] B. [3] C.", 2, None),  # one too many
        ("", 2, None),
    ],
)
def test_unmark(output: str, count: int, expected: list[str] | None) -> None:
    assert unmark(output, count) == expected


def test_mark_and_unmark_round_trip() -> None:
    sentences = ["Harga naik 3,5 persen.", 'Ia berkata: "Ya."', "Rp 5.000 (11/10/2023)."]
    assert unmark(mark(sentences), 3) == sentences


def test_runs_keep_order_within_the_budget() -> None:
    assert runs([100, 100, 100, 300, 50], budget=250) == [[0, 1], [2], [3], [4]]
    assert runs([500], budget=250) == [[0]]
    assert runs([]) == []


@pytest.mark.parametrize(
    ("output", "source", "text", "kinds"),
    [
        ("Prices rose.", "Harga naik.", "Prices rose.", []),
        ("Here is the translation:\nPrices rose.", "Harga naik.", "Prices rose.", []),
        (
            "Prices rose.\n\nThe word 'naik' means rise.",
            "Harga naik.",
            "Prices rose.",
            ["commentary"],
        ),
        ("Prices rose. (Note: literally 'went up')", "Harga naik.", "Prices rose.", ["commentary"]),
        ("Note: prices rose.", "Catatan: harga naik.", "Note: prices rose.", []),
        ("<think>\n\n</think>\n\nPrices rose.", "Harga naik.", "Prices rose.", []),
        ("He wrote a note: buy rice.", "Ia menulis pesan: beli beras.", None, []),
        (
            "Prices rose.\nExplanation: 'naik' is 'rise'.",
            "Harga naik.",
            "Prices rose.",
            ["commentary"],
        ),
        # Numbered sentences on lines of their own (a blank line between) are no commentary.
        (
            "[1] Prices rose.\n\n[2] Friday.",
            "[1] Harga naik. [2] Jumat.",
            "[1] Prices rose. [2] Friday.",
            [],
        ),
        (
            "[1] Prices rose. [2] Friday.\n\nI kept the numbers.",
            "[1] Harga naik. [2] Jumat.",
            "[1] Prices rose. [2] Friday.",
            ["commentary"],
        ),
    ],
)
def test_clean_output(output: str, source: str, text: str | None, kinds: list[str]) -> None:
    cleaned, notices = clean_output(output, source)
    assert cleaned == (output if text is None else text)
    assert [n.kind for n in notices] == kinds


# --- generation ------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["gemma_dir", "instruct_dir"])
def test_batches_are_left_padded_and_match_single_inputs(model: str, request: Any) -> None:
    backend = _backend(request.getfixturevalue(model))
    texts = ["Hari ini Senin.", "Saya pergi ke pasar pada hari Senin bersama dua kucing."]
    batch = backend.tokenizer(
        [backend.prompt(t) for t in texts], padding=True, add_special_tokens=False
    )
    assert backend.tokenizer.padding_side == "left"
    assert batch["attention_mask"][0][0] == 0 and batch["attention_mask"][0][-1] == 1
    together = backend.generate(texts, Decoding(beams=1))
    alone = [backend.generate([t], Decoding(beams=1))[0] for t in texts]
    assert [h.text for h in together] == [h.text for h in alone]
    for a, b in zip(together, alone):
        assert a.score == pytest.approx(b.score, abs=1e-3)


def test_output_length_is_bounded_per_input_and_flagged(gemma_dir: Path) -> None:
    backend = _backend(gemma_dir)
    texts = ["Harga naik 5 persen.", "Saya pergi ke pasar pada hari Senin bersama dua kucing."]
    decoding = Decoding(beams=1, max_ratio=1.0, max_extra=3, no_repeat_ngram_size=0)
    bounds = [decoding.max_new_tokens(n) for n in backend.count_tokens(texts)]
    assert bounds[0] < bounds[1]
    runs: list[tuple[Any, int]] = []  # what generate returned, and the prompt length
    real = backend.model.generate

    def spy(**kwargs: Any) -> Any:
        out = real(**kwargs)
        runs.append((out, kwargs["input_ids"].shape[1]))
        return out

    backend.model.generate = spy
    hypotheses = backend.generate(texts, decoding)  # one batch: each output has its own bound
    ((sequences, start),) = runs
    for row, (text, hypothesis, bound) in enumerate(zip(texts, hypotheses, bounds)):
        generated = sequences[row, start:]
        # A random model never says it is done: its output is cut at its own bound ...
        tokens = backend.tokenizer.decode(generated[:bound], skip_special_tokens=True)
        assert hypothesis.text == clean_output(tokens, text)[0]
        # ... and says so.
        assert [n.kind for n in hypothesis.notices if n.kind == "length-limit"] == ["length-limit"]
    assert sequences.shape[1] - start == max(bounds)


def test_beam_search_runs_without_scores(gemma_dir: Path) -> None:
    backend = _backend(gemma_dir)
    hypotheses = backend.generate(["Hari ini Senin.", "Besok Jumat."], Decoding(beams=2))
    assert len(hypotheses) == 2 and all(h.score is None for h in hypotheses)


# --- the translator: paragraphs, markers and the fallback ------------------------------------


class Scripted:
    """The real tiny backend, whose output is then replaced by a scripted translation of its
    input (cleaned as the backend cleans a real one): each sentence of the toy language by its
    English, markers kept, except that the marker before any sentence holding ``drop`` is
    lost (the two sentences run together), and ``comment`` added at the end."""

    def __init__(self, inner: CausalBackend, drop: str | None = None) -> None:
        self.inner = inner
        self.drop = drop
        self.comment = ""  # what the model adds after its translation, if anything
        self.english = dict(toy_models.TOY_EXAMPLES)
        self.calls: list[tuple[list[str], list[Context | None]]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def generate(
        self, texts: Sequence[str], decoding: Decoding, contexts: Sequence[Any] | None = None
    ) -> list[Hypothesis]:
        real = self.inner.generate(texts, decoding, contexts)
        self.calls.append((list(texts), list(contexts or [None] * len(texts))))
        hypotheses = []
        for text, hypothesis in zip(texts, real):
            cleaned, notices = clean_output(self._translate(text) + self.comment, text)
            hypotheses.append(Hypothesis(cleaned, hypothesis.score, tuple(notices)))
        return hypotheses

    def _translate(self, text: str) -> str:
        pieces = unmark(text, text.count("["))
        if pieces is None:
            return self.english.get(text, text.upper())
        out = []
        for number, piece in enumerate(pieces, 1):
            english = self.english.get(piece, piece.upper())
            lost = self.drop is not None and self.drop in piece
            out.append(english if lost else f"[{number}] {english}")
        return " ".join(out)


@pytest.fixture
def scripted(gemma_dir: Path) -> Iterator[Any]:
    """A Translator on the tiny Gemma whose backend is :class:`Scripted` (``drop`` settable)."""
    translator = Translator(str(gemma_dir), backend="causal", device="cpu", beams=1)
    backend = Scripted(load_causal(translator.request))
    registry._loaded[translator.request] = backend  # type: ignore[assignment]
    yield translator, backend
    registry._loaded.pop(translator.request, None)


def _toy(i: int) -> tuple[str, str]:
    return toy_models.TOY_EXAMPLES[i]


def test_markers_give_the_alignment_back(scripted: Any) -> None:
    translator, backend = scripted
    paragraph = tuple(_toy(i)[0] for i in range(3))
    passages = [Passage(paragraph, Context(title="Judul")), Passage((_toy(6)[0],))]
    translations = translator.translate_passages(passages)
    assert [t.text for t in translations] == [_toy(i)[1] for i in (0, 1, 2, 6)]
    assert [t.source for t in translations] == [*paragraph, _toy(6)[0]]
    ((texts, contexts),) = backend.calls
    assert mark(paragraph) in texts and Context(title="Judul") in contexts


def test_a_paragraph_whose_marker_was_dropped_is_translated_sentence_by_sentence(
    scripted: Any,
) -> None:
    translator, backend = scripted
    backend.drop = "Besok"  # the marker of sentence 2 is lost: 1 and 2 run together
    paragraph = (_toy(0)[0], _toy(1)[0], _toy(2)[0])
    context = Context(title="Judul", previous="Paragraf sebelumnya.")
    translations = translator.translate_passages([Passage(paragraph, context)])
    assert [t.text for t in translations] == [_toy(0)[1], _toy(1)[1], _toy(2)[1]]
    first, second = backend.calls
    assert first[0] == [mark(paragraph)]
    assert sorted(second[0]) == sorted(paragraph) and set(second[1]) == {context}


def test_the_real_model_loses_its_markers_and_every_sentence_still_comes_back(
    gemma_dir: Path,
) -> None:
    translator = Translator(str(gemma_dir), backend="causal", device="cpu", beams=1)
    sentences = (_toy(0)[0], _toy(1)[0], "Lihat https://contoh.id/berita untuk rinciannya.")
    steps: list[tuple[int, int]] = []
    translations = translator.translate_passages(
        [Passage(sentences), Passage(("2024",))], progress=lambda d, t: steps.append((d, t))
    )
    assert [t.source for t in translations] == [*sentences, "2024"]
    assert all(t.text for t in translations)
    assert translations[3].text == "2024"  # copied, not sent
    assert "https://contoh.id/berita" in translations[2].text  # the URL part is copied
    assert steps and steps[-1][0] == steps[-1][1] and steps == sorted(steps)


def test_batches_that_run_out_of_memory_are_halved(scripted: Any) -> None:
    translator, backend = scripted
    real = backend.generate
    sizes: list[int] = []

    def generate(texts: Sequence[str], decoding: Decoding, contexts: Any = None) -> Any:
        sizes.append(len(texts))
        if len(texts) > 2:
            raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return real(texts, decoding, contexts)

    backend.generate = generate
    passages = [Passage((_toy(i)[0],)) for i in range(6)]
    translations = translator.translate_passages(passages)
    assert [t.text for t in translations] == [_toy(i)[1] for i in range(6)]
    # 6 fails, then 3 (its half) fails, then every batch is kept under that.
    assert sizes[:2] == [6, 3] and max(sizes[2:]) <= 2 and sum(sizes[2:]) == 6


# --- choosing the backend --------------------------------------------------------------------


def test_auto_picks_the_causal_backend_for_chat_models(
    gemma_dir: Path, instruct_dir: Path, toy_marian_dir: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert choose_backend("auto", resolve_model(str(gemma_dir)), "cpu") == "causal"
    assert choose_backend("auto", resolve_model(str(instruct_dir)), "cpu") == "causal"
    assert choose_backend("auto", resolve_model(str(toy_marian_dir)), "cpu") != "causal"
    assert choose_backend("auto", PRESETS["translategemma-4b"], "cpu") == "causal"
    assert Translator(str(gemma_dir), device="cpu").reads_context
    assert not Translator(str(toy_marian_dir), device="cpu").reads_context


def test_the_translategemma_presets() -> None:
    for name, source in [
        ("translategemma-4b", "google/translategemma-4b-it"),
        ("translategemma-12b", "google/translategemma-12b-it"),
    ]:
        spec = resolve_model(name)
        assert spec.source == source and "Gemma Terms of Use" in (spec.licence or "")


# --- the shells ------------------------------------------------------------------------------


def _article(paragraphs: int = 3) -> str:
    lines = [" ".join(_toy(2 * p + k)[0] for k in range(2)) for p in range(paragraphs)]
    return "\n\n".join(lines)


def test_the_pipeline_gives_one_sentence_per_source_sentence(gemma_dir: Path) -> None:
    from summarizer import Article, Options, run

    article = Article.from_text(_article(), title="Harga naik lagi")
    result = run(article, Options(model=str(gemma_dir), device="cpu", beams=1, points=2))
    expected = [(p, s) for p in range(3) for s in range(2)]
    assert [(s.paragraph, s.index) for s in result.sentences] == expected
    assert [s.source for s in result.sentences] == [_toy(i)[0] for i in range(6)]
    assert all(s.text for s in result.sentences) and result.title
    assert len(result.paragraphs) == 3 and len(result.key_points) == 2


def test_the_pipeline_sends_paragraphs_with_their_context(scripted: Any) -> None:
    from summarizer import Article, Options, run

    translator, backend = scripted
    article = Article.from_text(_article(2), title="Harga naik lagi")
    result = run(article, Options(model=translator.name, beams=1), translator=translator)
    assert [s.text for s in result.sentences] == [_toy(i)[1] for i in range(4)]
    sent = dict(zip(*backend.calls[0]))
    second = mark([_toy(2)[0], _toy(3)[0]])
    assert sent[second] == Context("Harga naik lagi", article.paragraphs[0])


def test_the_stream_sends_paragraphs_with_their_context_too(scripted: Any) -> None:
    """The web UI streams: its chunks reach a chat model as paragraphs in context, as run's."""
    from summarizer import Article, Options
    from summarizer.pipeline import stream

    translator, backend = scripted
    article = Article.from_text(_article(2), title="Harga naik lagi")
    *_, last = stream(article, Options(model=translator.name, beams=1), translator=translator)
    assert [s.text for s in last.result.sentences] == [_toy(i)[1] for i in range(4)]
    sent = {k: v for call in backend.calls for k, v in zip(*call)}
    second = mark([_toy(2)[0], _toy(3)[0]])
    assert sent[second] == Context("Harga naik lagi", article.paragraphs[0])


def test_the_pipeline_falls_back_for_a_dropped_marker_and_flags_commentary(
    scripted: Any,
) -> None:
    from summarizer import Article, Options, run

    translator, backend = scripted
    backend.drop = _toy(3)[0].split()[0]  # paragraph 2 loses its second marker
    backend.comment = "\n\nNote: I translated this literally."
    article = Article.from_text(_article(2), title="Harga naik lagi")
    result = run(article, Options(model=translator.name, beams=1), translator=translator)
    assert [s.text for s in result.sentences] == [_toy(i)[1] for i in range(4)]
    retried = [text for texts, _ in backend.calls[1:] for text in texts]
    assert sorted(retried) == sorted([_toy(2)[0], _toy(3)[0]])  # only that paragraph
    # Every output had a note after it: cut, and said on the sentence it followed.
    for sentence in result.sentences:
        kinds = [w.kind for w in sentence.warnings]
        assert kinds.count("commentary") == (
            1 if sentence.index == 1 or sentence.paragraph == 1 else 0
        )
        assert "literally" not in sentence.text
    assert all(s.doubtful for s in result.sentences if s.paragraph == 1)


def test_the_batch_cache_keeps_paragraph_translations(scripted: Any, tmp_path: Path) -> None:
    from summarizer.batch import CachedTranslator, TranslationCache

    translator, backend = scripted
    passages = [
        Passage((_toy(0)[0], _toy(1)[0]), Context(title="Judul")),
        Passage((_toy(2)[0],), Context(title="Judul", previous="Sebelumnya.")),
    ]
    with TranslationCache(tmp_path / "cache.sqlite") as cache:
        cached = CachedTranslator(translator, cache)
        first = cached.translate_passages(passages)
        calls = len(backend.calls)
        again = cached.translate_passages(passages)
        assert len(backend.calls) == calls  # answered from the cache
        assert again == first and cached.hits == 3 and cached.misses == 3
        # The same sentence in another paragraph is another entry (context changes it).
        other = cached.translate_passages([Passage((_toy(2)[0],), Context(title="Lain"))])
        assert len(backend.calls) == calls + 1 and other[0].source == _toy(2)[0]
    assert [t.text for t in first] == [_toy(i)[1] for i in range(3)]


def test_the_ui_core_path(gemma_dir: Path) -> None:
    pytest.importorskip("gradio")
    from test_ui_views import _request

    from summarizer.ui import app as app_module

    request = _request(app_module, text=_article(2), strip=False, model=str(gemma_dir), points=2)
    stages: list[tuple[str, int, int]] = []
    result = app_module.run_request(request, lambda stage, d, t: stages.append((stage, d, t)))
    assert [s.source for s in result.sentences] == [_toy(i)[0] for i in range(4)]
    assert all(s.text for s in result.sentences)
    assert [(s.paragraph, s.index) for s in result.sentences] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    progress = [(d, t) for stage, d, t in stages if stage == "translate"]
    assert progress and progress[-1][0] == progress[-1][1]  # the UI's bar reaches the end


def _cli(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> Any:
    """``python -m summarizer`` as test_cli runs it, with this checkout importable."""
    from test_cli import _run

    root = str(Path(__file__).resolve().parent.parent)
    return _run(*args, stdin=stdin, env={**os.environ, "PYTHONPATH": root, **(env or {})})


def test_batch_with_a_causal_model(gemma_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(_article(2), encoding="utf-8")
    (source / "b.txt").write_text(_article(1), encoding="utf-8")
    out = _cli(
        "batch",
        str(source),
        str(tmp_path / "out"),
        "--model",
        str(gemma_dir),
        "--format",
        "json",
        "--no-progress",
    )
    assert out.returncode == 0, out.stderr
    data = json.loads((tmp_path / "out" / "a.txt.json").read_text(encoding="utf-8"))
    assert [s["source"] for s in data["sentences"]] == [_toy(i)[0] for i in range(4)]


def test_eval_translate_with_a_causal_model(
    gemma_dir: Path, repo_root: Path, tmp_path: Path
) -> None:
    # The first article of the shipped NTREX-128 sample, cut to its first 4 sentences.
    shipped = repo_root / "eval" / "data" / "translate" / "ntrex128"
    data = tmp_path / "ntrex128"
    data.mkdir()
    for name in ("newstest2019-ref.ind.txt", "newstest2019-src.eng.txt", "DOCUMENT_IDS.tsv"):
        lines = (shipped / name).read_text(encoding="utf-8").splitlines()[:4]
        (data / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _cli(
        "eval",
        "translate",
        "--model",
        str(gemma_dir),
        "--beams",
        "1",
        "--data",
        str(data),
        "--out",
        str(tmp_path / "eval"),
    )
    assert out.returncode == 0, out.stderr
    report = json.loads((tmp_path / "eval" / "report.json").read_text(encoding="utf-8"))
    rows = {row["dataset"]: row for row in report["rows"] if row["system"] == str(gemma_dir)}
    assert rows["ntrex128 · sentences"]["items"] == 4
    # The whole article came back with its paragraphs (else a note says it did not).
    assert rows["ntrex128 · articles"]["items"] == 1 and not rows["ntrex128 · articles"]["notes"]


def test_translategemma_offline_is_not_available(tmp_path: Path) -> None:
    out = _cli(
        "translate",
        "-",
        "--model",
        "translategemma-4b",
        env={"HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")},
        stdin="Harga naik 5 persen.\n",
    )
    assert out.returncode == 3
    assert "google/translategemma-4b-it" in out.stderr
    assert "summarizer download google/translategemma-4b-it" in out.stderr


def test_translategemma_offline_in_the_batch_and_the_ui(tmp_path: Path, monkeypatch: Any) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(_article(2), encoding="utf-8")
    offline = {"HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    out = _cli(
        "batch", str(source), str(tmp_path / "out"), "--model", "translategemma-4b", env=offline
    )
    assert out.returncode == 3 and "Traceback" not in out.stderr
    assert "summarizer download google/translategemma-4b-it" in out.stderr

    pytest.importorskip("gradio")
    import gradio as gr
    from test_ui_views import _request

    from summarizer.ui import app as app_module

    for name, value in offline.items():
        monkeypatch.setenv(name, value)
    request = _request(app_module, text=_article(2), strip=False, model="translategemma-4b")
    with pytest.raises(gr.Error) as caught:
        app_module.run_request(request)
    assert caught.value.title == "Model not available"
    assert "summarizer download google/translategemma-4b-it" in caught.value.message


def test_the_llm_benchmark_runs_on_a_tiny_config(
    repo_root: Path, shared_dir: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    script = repo_root / "eval" / "bench_llm.py"
    staged = tmp_path / "llm"
    env = {**os.environ, "PYTHONPATH": str(repo_root)}
    run = [sys.executable, str(script), "--tiny"]
    subprocess.run([*run, "--stage", str(staged)], check=True, env=env, timeout=300)
    assert {"config.json", "tokenizer.json", "article.json"} <= {p.name for p in staged.iterdir()}
    out = subprocess.run(
        [
            *run,
            "--model",
            str(staged),
            "--repeats",
            "1",
            "--pool",
            "2",
            "--json",
            str(tmp_path / "r.json"),
        ],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    rows = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["rows"]
    names = [row["name"] for row in rows]
    assert names == [
        "plain",
        "project-sentences",
        "project-paragraphs",
        "project-paragraphs-beam4",
        "project-paragraphs-pool2",
    ]
    # Every row translated the whole article with outputs forced to 1.3 x the source.
    assert all(row["seconds"] > 0 and not row["scaled"] for row in rows)
    assert rows[0]["output_tokens"] == rows[1]["output_tokens"]
    assert "| plain | 14 |" in out.stdout
