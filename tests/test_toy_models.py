"""The tiny test models load like hub models and behave as the other tests assume."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import toy_models
from toy_models import TOY_EXAMPLES, build_atomically, toy_pairs


def _load(folder: Path) -> tuple[object, object]:
    """Load a model folder through the same Auto classes as a hub id."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    return AutoTokenizer.from_pretrained(str(folder)), AutoModelForSeq2SeqLM.from_pretrained(
        str(folder)
    )


def _generate(tokenizer: object, model: object, texts: list[str], **options: object) -> list[str]:
    """Decode ``texts`` with ``model.generate`` (no translator wrapper)."""
    import torch

    batch = tokenizer(texts, return_tensors="pt", padding=True)  # type: ignore[operator]
    with torch.inference_mode():
        out = model.generate(**batch, **options)  # type: ignore[attr-defined]
    return list(tokenizer.batch_decode(out, skip_special_tokens=True))  # type: ignore[attr-defined]


# --- the toy task -------------------------------------------------------------------------------


def test_training_data_never_contains_the_examples() -> None:
    examples = {source for source, _ in TOY_EXAMPLES}
    sentences = {s for source, _ in toy_pairs(3000, seed=5) for s in source.split(". ")}
    assert not {s.rstrip(".") + "." for s in sentences} & examples
    assert toy_pairs(50, seed=5) == toy_pairs(50, seed=5)
    assert toy_pairs(50, seed=5) != toy_pairs(50, seed=6)


# --- the trained toy Marian ---------------------------------------------------------------------


def test_toy_marian_loads_like_a_hub_model(toy_marian_dir: Path) -> None:
    tokenizer, model = _load(toy_marian_dir)
    assert type(tokenizer).__name__ == "MarianTokenizer"
    assert type(model).__name__ == "MarianMTModel"
    assert tokenizer.model_max_length == toy_models.TOY_MAX_TOKENS  # type: ignore[attr-defined]
    config = model.config  # type: ignore[attr-defined]
    assert config.max_position_embeddings == toy_models.TOY_MAX_TOKENS
    assert config.static_position_embeddings
    assert sum(p.stat().st_size for p in toy_marian_dir.iterdir()) < 5_000_000


@pytest.mark.parametrize("beams", [1, 4])
def test_toy_marian_translates_the_examples(toy_marian_dir: Path, beams: int) -> None:
    tokenizer, model = _load(toy_marian_dir)
    sources = [source for source, _ in TOY_EXAMPLES]
    assert _generate(tokenizer, model, sources, num_beams=beams) == [t for _, t in TOY_EXAMPLES]


def test_toy_marian_tokenizer_is_sentencepiece(toy_marian_dir: Path) -> None:
    import sentencepiece as spm

    tokenizer, _ = _load(toy_marian_dir)
    processor = spm.SentencePieceProcessor(model_file=str(toy_marian_dir / "source.spm"))
    text = "Saya pergi ke pasar pada hari Senin."
    tokens = tokenizer.tokenize(text)  # type: ignore[attr-defined]
    assert tokens == processor.encode(text, out_type=str)
    assert tokens[0].startswith("▁")


# --- the random models --------------------------------------------------------------------------


def test_random_marian_has_the_opus_mt_vocab_layout(random_marian_dir: Path) -> None:
    tokenizer, model = _load(random_marian_dir)
    vocab = json.loads((random_marian_dir / "vocab.json").read_text(encoding="utf-8"))
    config = model.config  # type: ignore[attr-defined]
    assert (vocab["</s>"], vocab["<unk>"]) == (0, 1)
    assert vocab["<pad>"] == len(vocab) - 1 == config.pad_token_id == config.decoder_start_token_id
    assert config.vocab_size == len(vocab) == len(tokenizer)  # type: ignore[arg-type]


def test_random_marian_generates_within_its_limit(random_marian_dir: Path) -> None:
    tokenizer, model = _load(random_marian_dir)
    texts = ["Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah.", "Halo."]
    out = _generate(tokenizer, model, texts, num_beams=2, max_length=12)
    assert len(out) == 2
    assert all(isinstance(text, str) for text in out)
    ids = tokenizer(texts[0]).input_ids  # type: ignore[operator]
    assert 1 not in ids, "shared-text tokenizer should know every character of a plain sentence"


def test_opus_mt_size_has_the_real_architecture() -> None:
    config = toy_models._marian_config(toy_models.OPUS_MT_ID_EN_VOCAB, "opus-mt", 512)
    got = (
        config.d_model,
        config.encoder_layers,
        config.decoder_layers,
        config.encoder_attention_heads,
        config.encoder_ffn_dim,
        config.max_position_embeddings,
        config.vocab_size,
        config.pad_token_id,
    )
    assert got == (512, 6, 6, 8, 2048, 512, 54796, 54795)
    assert config.static_position_embeddings and config.share_encoder_decoder_embeddings


@pytest.mark.slow
def test_opus_mt_size_builds_with_the_real_vocab_size(tmp_path: Path, shared_dir: Path) -> None:
    folder = toy_models.build_random_marian(tmp_path / "opus", size="opus-mt")
    tokenizer, model = _load(folder)
    assert len(tokenizer) == model.config.vocab_size == 54796  # type: ignore[arg-type, attr-defined]
    assert tokenizer.model_max_length == 512  # type: ignore[attr-defined]
    out = _generate(tokenizer, model, ["Harga beras naik lagi."], max_length=8)
    assert "<unused_" not in out[0]
    # Copied without its weights (as eval/gpu_bench.sh stages it) and given them again:
    staged = _without_weights(folder, tmp_path / "staged")
    toy_models.random_marian_weights(staged)
    _, again = _load(staged)
    assert _same_weights(model, again)


def test_a_staged_random_marian_gets_the_same_weights_back(
    random_marian_dir: Path, tmp_path: Path
) -> None:
    staged = _without_weights(random_marian_dir, tmp_path / "staged")
    toy_models.random_marian_weights(staged)
    _, original = _load(random_marian_dir)
    _, again = _load(staged)
    assert _same_weights(original, again)


def _without_weights(folder: Path, target: Path) -> Path:
    target.mkdir()
    for path in folder.iterdir():
        if path.suffix not in {".safetensors", ".bin"}:
            shutil.copy2(path, target / path.name)
    return target


def _same_weights(a: object, b: object) -> bool:
    import torch

    left, right = a.state_dict(), b.state_dict()  # type: ignore[attr-defined]
    return left.keys() == right.keys() and all(torch.equal(left[k], right[k]) for k in left)


def test_unknown_size_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="tiny"):
        toy_models.build_random_marian(tmp_path / "m", size="huge")


def test_tiny_summarizer_loads_and_generates(tiny_summarizer_dir: Path) -> None:
    tokenizer, model = _load(tiny_summarizer_dir)
    limit = toy_models.SUMMARIZER_MAX_TOKENS
    assert tokenizer.model_max_length == limit  # type: ignore[attr-defined]
    assert model.config.max_position_embeddings == limit  # type: ignore[attr-defined]
    text = "The minister said on Monday that prices rose 5 percent in October."
    ids = tokenizer(text).input_ids  # type: ignore[operator]
    assert tokenizer.decode(ids, skip_special_tokens=True) == text  # type: ignore[attr-defined]
    out = _generate(tokenizer, model, [text], max_length=16)
    assert len(out) == 1 and out[0].strip()


# --- the cache ----------------------------------------------------------------------------------


def test_build_atomically_rebuilds_a_half_written_folder(tmp_path: Path) -> None:
    calls: list[Path] = []

    def builder(path: Path) -> Path:
        calls.append(path)
        path.mkdir(parents=True)
        (path / "config.json").write_text("{}")
        return path

    target = tmp_path / "model"
    target.mkdir()
    (target / "half-written.bin").write_text("x")  # what an interrupted run left
    assert build_atomically(builder, target) == target
    assert build_atomically(builder, target) == target  # cached: not built again
    assert len(calls) == 1 and calls[0].parent != target.parent
    assert sorted(p.name for p in target.iterdir()) == ["config.json"]
    assert [p.name for p in tmp_path.iterdir()] == ["model"]  # no scratch folder left


def test_build_atomically_leaves_nothing_when_the_build_fails(tmp_path: Path) -> None:
    def builder(path: Path) -> Path:
        path.mkdir(parents=True)
        (path / "model.safetensors").write_text("partial")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_atomically(builder, tmp_path / "model")
    assert list(tmp_path.iterdir()) == []
