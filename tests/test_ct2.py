"""The CTranslate2 backend: conversion, its cache, the output contract and backend choice.

Uses the toy Marian model of tests/toy_models.py (trained, so outputs can be compared with
the transformers backend's) converted in float32, where both backends compute the same.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from toy_models import TOY_EXAMPLES

from summarizer import Translator
from summarizer.errors import ModelError, UnknownOptionError
from summarizer.translate import backend as backend_registry
from summarizer.translate import ct2
from summarizer.translate.presets import ModelSpec, resolve_model

pytest.importorskip("ctranslate2")


@pytest.fixture(scope="module")
def ct2_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Converted models go to a temporary cache for the whole module."""
    root = tmp_path_factory.mktemp("summarizer-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SUMMARIZER_CACHE", str(root))
        yield root / "ct2"


def _translator(model: Path, beams: int, backend: str = "ctranslate2") -> Translator:
    compute = "float32"  # the same arithmetic as transformers on CPU: outputs comparable
    return Translator(str(model), beams=beams, device="cpu", backend=backend, compute_type=compute)


# --- conversion and its cache -------------------------------------------------------------


def test_conversion_is_cached_and_reused(
    toy_marian_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    first = ct2.converted_model(toy_marian_dir, "float32")
    assert first.parent == tmp_path / "ct2"
    assert (first / "model.bin").is_file()
    assert first.name.startswith(f"{toy_marian_dir.name}-float32-")
    stamp = (first / "model.bin").stat().st_mtime_ns

    from ctranslate2.converters import TransformersConverter

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("converted a second time")

    monkeypatch.setattr(TransformersConverter, "convert", refuse)
    assert ct2.converted_model(toy_marian_dir, "float32") == first
    assert (first / "model.bin").stat().st_mtime_ns == stamp
    # Nothing but the converted folder: no temporary folder left behind.
    assert [p.name for p in (tmp_path / "ct2").iterdir()] == [first.name]


def test_each_compute_type_and_model_has_its_own_folder(
    toy_marian_dir: Path, random_marian_dir: Path
) -> None:
    keys = {
        ct2._cache_key(toy_marian_dir, "int8", None),
        ct2._cache_key(toy_marian_dir, "float32", None),
        ct2._cache_key(toy_marian_dir, "int8", "abc123"),
        ct2._cache_key(random_marian_dir, "int8", None),
    }
    assert len(keys) == 4
    assert ct2._cache_key(toy_marian_dir, "int8", None) == ct2._cache_key(
        toy_marian_dir, "int8", None
    )


def test_a_changed_model_is_converted_again(tmp_path: Path, toy_marian_dir: Path) -> None:
    import shutil

    model = tmp_path / "model"
    shutil.copytree(toy_marian_dir, model)
    before = ct2._cache_key(model, "int8", None)
    (model / "generation_config.json").write_text("{}", encoding="utf-8")
    assert ct2._cache_key(model, "int8", None) != before


def test_a_failed_conversion_leaves_nothing_and_says_what_to_do(
    toy_marian_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ctranslate2.converters import TransformersConverter

    def fail(self: object, output_dir: str, **kwargs: object) -> str:
        Path(output_dir).mkdir(parents=True)
        (Path(output_dir) / "half-written").write_text("x", encoding="utf-8")
        raise ValueError("No conversion is registered for the model configuration")

    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    monkeypatch.setattr(TransformersConverter, "convert", fail)
    with pytest.raises(ModelError, match="backend='transformers'"):
        ct2.converted_model(toy_marian_dir, "int8")
    assert list((tmp_path / "ct2").iterdir()) == []


def test_cache_folder_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SUMMARIZER_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert ct2.cache_root() == tmp_path / "xdg" / "summarizer" / "ct2"
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "mine"))
    assert ct2.cache_root() == tmp_path / "mine" / "ct2"


# --- the output contract ------------------------------------------------------------------


@pytest.mark.parametrize("beams", [1, 4])
def test_translates_the_toy_examples(toy_marian_dir: Path, ct2_cache: Path, beams: int) -> None:
    translator = _translator(toy_marian_dir, beams)
    assert translator.request.backend == "ctranslate2"
    sources = [source for source, _ in TOY_EXAMPLES]
    assert translator.translate(sources) == [target for _, target in TOY_EXAMPLES]


@pytest.mark.parametrize("beams", [1, 4])
def test_same_output_and_scores_as_transformers(
    toy_marian_dir: Path, ct2_cache: Path, beams: int
) -> None:
    sentences = [source for source, _ in TOY_EXAMPLES]
    if beams == 1:
        # Out of the toy domain the two beam searches may settle on different hypotheses
        # (they stop the search by different rules); greedy search has no such freedom.
        sentences += [
            "Presiden Joko Widodo meresmikan bendungan baru di Jawa Tengah pada hari Senin.",
            "Harga beras naik 12 persen sejak Januari.",
        ]
    fast = _translator(toy_marian_dir, beams).translate_sentences(sentences)
    plain = _translator(toy_marian_dir, beams, "transformers").translate_sentences(sentences)
    assert [t.text for t in fast] == [t.text for t in plain]
    for a, b in zip(fast, plain):
        assert a.score is not None and b.score is not None
        assert a.score == pytest.approx(b.score, abs=1e-3)
        assert a.score <= 0


def test_article_keeps_its_paragraphs(toy_marian_dir: Path, ct2_cache: Path) -> None:
    (a, a_en), (b, b_en), (c, c_en), (d, d_en) = TOY_EXAMPLES[:4]
    text = f"{a} {b}\n\n{c}\nhttps://example.com/berita\n\n  {d}\n"
    (out,) = _translator(toy_marian_dir, 4).translate([text])
    assert out == f"{a_en} {b_en}\n\n{c_en}\nhttps://example.com/berita\n\n  {d_en}\n"


def test_long_input_is_split_not_truncated(toy_marian_dir: Path, ct2_cache: Path) -> None:
    source, target = TOY_EXAMPLES[0]
    translator = _translator(toy_marian_dir, 1)
    (result,) = translator.translate_sentences([" ".join([source.rstrip(".")] * 60)])
    notice = result.notices[0]
    assert notice.kind == "long-sentence"
    match = re.search(r"in (\d+) pieces", notice.message)
    assert match is not None
    pieces = int(match.group(1))
    assert pieces >= 2
    # Every piece went through the model, none was cut at the model's input limit.
    assert result.text.count(target.split()[0]) >= pieces
    assert translator.load().max_input_tokens == 64


def test_batches_of_many_lengths_stay_in_order(toy_marian_dir: Path, ct2_cache: Path) -> None:
    sources = [source for source, _ in TOY_EXAMPLES] * 3
    translator = Translator(
        str(toy_marian_dir),
        beams=4,
        device="cpu",
        backend="ctranslate2",
        compute_type="float32",
        max_batch_tokens=60,
        batch_size=5,
    )
    assert translator.translate(sources) == [target for _, target in TOY_EXAMPLES] * 3


def test_int8_default_on_cpu_translates(toy_marian_dir: Path, ct2_cache: Path) -> None:
    translator = Translator(str(toy_marian_dir), beams=4, device="cpu", backend="ctranslate2")
    backend = translator.load()
    assert backend.translator.compute_type.startswith("int8")  # type: ignore[attr-defined]
    outputs = translator.translate([source for source, _ in TOY_EXAMPLES])
    right = sum(out == target for out, (_, target) in zip(outputs, TOY_EXAMPLES))
    assert right >= len(TOY_EXAMPLES) - 2  # quantization may change a word or two


def test_compute_type_not_on_this_device_lists_the_valid_ones(
    toy_marian_dir: Path, ct2_cache: Path
) -> None:
    translator = Translator(
        str(toy_marian_dir), device="cpu", backend="ctranslate2", compute_type="float8"
    )
    with pytest.raises(UnknownOptionError, match="int8"):
        translator.load()


# --- choosing the backend -----------------------------------------------------------------


def test_auto_picks_ctranslate2_for_a_supported_model(toy_marian_dir: Path) -> None:
    assert Translator(str(toy_marian_dir), device="cpu").request.backend == "ctranslate2"


def test_auto_falls_back_to_transformers_without_ctranslate2(
    toy_marian_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # import fails
    assert not ct2.supports(resolve_model(str(toy_marian_dir)), "cpu")
    assert Translator(str(toy_marian_dir), device="cpu").request.backend == "transformers"


def test_auto_falls_back_on_devices_ctranslate2_lacks(toy_marian_dir: Path) -> None:
    spec = resolve_model(str(toy_marian_dir))
    assert ct2.supports(spec, "cpu")
    assert not ct2.supports(spec, "mps")
    assert backend_registry.choose_backend("auto", spec, "mps") == "transformers"


def test_architecture_comes_from_the_config_on_disk(tiny_summarizer_dir: Path) -> None:
    spec = ModelSpec("x", str(tiny_summarizer_dir))
    assert spec.model_type == "bart"
    assert ct2.supports(spec, "cpu")


def test_unknown_architecture_is_not_chosen() -> None:
    # Not downloaded, and the name says nothing ("llama-chat" would say: a causal chat model).
    spec = ModelSpec("y", "someone/mystery-model")
    assert not ct2.supports(spec, "cpu")
    assert backend_registry.choose_backend("auto", spec, "cpu") == "transformers"


@pytest.mark.parametrize(
    ("source", "family"),
    [
        ("Helsinki-NLP/opus-mt-id-en", "marian"),
        ("facebook/nllb-200-distilled-600M", "m2m_100"),
        ("google/madlad400-3b-mt", "t5"),
        ("someone/unknown-model", None),
    ],
)
def test_model_family_from_the_name_when_not_downloaded(
    source: str, family: str | None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))  # nothing downloaded
    from summarizer.translate import presets

    monkeypatch.setattr(
        presets,
        "locate_model",
        lambda *a, **k: (_ for _ in ()).throw(ModelError("not cached")),
    )
    assert ModelSpec("m", source).model_type == family


@pytest.mark.parametrize(
    ("cores", "layout"), [(1, (1, 1)), (2, (2, 1)), (4, (4, 1)), (8, (4, 2)), (16, (4, 4))]
)
def test_threads_fit_the_machine(
    cores: int, layout: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ct2, "cpu_threads", lambda: cores)
    assert ct2.thread_layout("cpu") == layout
    assert ct2.thread_layout("cuda") == (1, 1)


def test_default_compute_types(monkeypatch: pytest.MonkeyPatch) -> None:
    """One ModelSpec decides the 16-bit type, for CTranslate2 and transformers alike."""
    import torch

    from summarizer.translate import presets
    from summarizer.translate.backend import BackendRequest
    from summarizer.translate.hf import torch_dtype

    monkeypatch.setattr(presets, "local_config", lambda spec: None)  # known by name
    marian = ModelSpec("m", "Helsinki-NLP/opus-mt-id-en")
    madlad = ModelSpec("m", "google/madlad400-3b-mt")
    gemma = ModelSpec("m", "google/translategemma-4b-it")
    assert ct2.default_compute_type("cpu", marian) == "int8"
    assert ct2.default_compute_type("cuda", marian) == "float16"
    assert ct2.default_compute_type("cuda:1", madlad) == "bfloat16"
    for spec, dtype in ((marian, torch.float16), (madlad, torch.bfloat16), (gemma, torch.bfloat16)):
        assert torch_dtype(BackendRequest(spec, "transformers", "cuda", None, None), torch) == dtype
        assert torch_dtype(BackendRequest(spec, "transformers", "cpu", None, None), torch) == (
            torch.float32
        )


# --- the benchmark command ----------------------------------------------------------------


def test_auto_falls_back_when_the_start_embedding_is_not_zero(toy_marian_dir, tmp_path) -> None:
    """A Marian model trained with tied embeddings may have a non-zero start-token row:
    CTranslate2 would ignore it and translate differently, so auto uses transformers."""
    import shutil

    from safetensors.torch import load_file, save_file

    from summarizer.errors import UnsupportedModelError

    model = tmp_path / "nonzero-start"
    shutil.copytree(toy_marian_dir, model)
    weights = load_file(model / "model.safetensors")
    start = json.loads((model / "config.json").read_text())["decoder_start_token_id"]
    weights["model.shared.weight"][start] += 0.25
    save_file(weights, model / "model.safetensors", metadata={"format": "pt"})

    auto = Translator(str(model), beams=1, device="cpu")
    reference = Translator(str(model), beams=1, device="cpu", backend="transformers")
    sources = ["Hari ini Senin.", "Harga naik 5 persen."]
    assert auto.translate(sources) == reference.translate(sources)
    assert auto.request.backend == "transformers"
    with pytest.raises(UnsupportedModelError, match="zero embedding"):
        Translator(str(model), beams=1, device="cpu", backend="ctranslate2").load()


def test_a_gpu_without_ctranslate2s_cuda_libraries_is_found_at_load_time(
    toy_marian_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a CUDA 13 machine the CUDA 12 wheel loads a model but fails at its first
    computation: the loader finds out, so that backend="auto" can use transformers."""
    import ctranslate2

    from summarizer.errors import UnsupportedModelError
    from summarizer.translate.backend import BackendRequest

    class NoCublas:
        def __init__(self, *args: object, **kwargs: object) -> None:
            self.num_translators = 1

        def translate_batch(self, *args: object, **kwargs: object) -> None:
            raise RuntimeError("Library libcublas.so.12 is not found or cannot be loaded")

    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda device: {"float16"})
    monkeypatch.setattr(ctranslate2, "Translator", NoCublas)
    request = BackendRequest(resolve_model(str(toy_marian_dir)), "ctranslate2", "cuda")
    with pytest.raises(UnsupportedModelError, match=r"libcublas\.so\.12.*backend='transformers'"):
        ct2.load_ctranslate2(request)
