"""Tiny seq2seq models for tests and benchmarks, built locally with no network.

Three builders, each writing a folder that loads through ``AutoTokenizer.from_pretrained`` and
``AutoModelForSeq2SeqLM.from_pretrained`` exactly like a hub model:

- :func:`build_toy_marian`: a MarianMT model with a real sentencepiece tokenizer, trained for
  about a minute of CPU on a templated Indonesian-to-English toy task (numbers, days, a few
  dozen words), so that end-to-end tests can assert on real output (see :data:`TOY_EXAMPLES`).
- :func:`build_random_marian`: random weights with a sentencepiece tokenizer trained on the
  shared FLORES/NTREX text; ``size="opus-mt"`` has the architecture of Helsinki-NLP/opus-mt-id-en
  (for timing only).
- :func:`build_tiny_summarizer`: a random-weight BART with a byte-level BPE tokenizer and a
  128-token limit, for wiring tests of the digest (chunking, no truncation, bullets).

Importable from tests and from ``eval/`` scripts after ``sys.path.insert(0, "<repo>/tests")``.
"""

from __future__ import annotations

import io
import json
import logging
import random
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

#: Bump when a builder changes, so cached folders (tests/conftest.py) are rebuilt.
BUILDER_VERSION = "4"

#: Token limit of the toy and tiny Marian models (tokenizer and position embeddings).
TOY_MAX_TOKENS = 64

#: Token limit of the tiny summarizer.
SUMMARIZER_MAX_TOKENS = 128

#: Vocab size of Helsinki-NLP/opus-mt-id-en (its config.json; pad id 54795).
OPUS_MT_ID_EN_VOCAB = 54796

#: The shared MT data, ``<repo>/../shared/data/mt``.
SHARED_MT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "mt"

# ---------------------------------------------------------------------------------------------
# The toy task: a small templated Indonesian -> English language.
# ---------------------------------------------------------------------------------------------

_DAYS = [
    ("Senin", "Monday"),
    ("Selasa", "Tuesday"),
    ("Rabu", "Wednesday"),
    ("Kamis", "Thursday"),
    ("Jumat", "Friday"),
    ("Sabtu", "Saturday"),
    ("Minggu", "Sunday"),
]
_SUBJECTS = [("saya", "I"), ("kami", "we"), ("mereka", "they"), ("anda", "you"), ("kita", "we")]
_PLACES = [
    ("pasar", "market"),
    ("sekolah", "school"),
    ("kantor", "office"),
    ("rumah sakit", "hospital"),
    ("bank", "bank"),
    ("stasiun", "station"),
    ("pantai", "beach"),
    ("kota", "city"),
]
# (Indonesian, English singular, English plural)
_NOUNS = [
    ("rumah", "house", "houses"),
    ("mobil", "car", "cars"),
    ("buku", "book", "books"),
    ("kucing", "cat", "cats"),
    ("anjing", "dog", "dogs"),
    ("kamar", "room", "rooms"),
    ("sepeda", "bicycle", "bicycles"),
    ("meja", "table", "tables"),
]
# Consonant-initial English adjectives only, so "a" never has to become "an".
_ADJECTIVES = [
    ("besar", "big"),
    ("kecil", "small"),
    ("baru", "new"),
    ("bagus", "good"),
    ("murah", "cheap"),
    ("bersih", "clean"),
    ("merah", "red"),
    ("putih", "white"),
]
_VERBS = [("membeli", "buy"), ("melihat", "see"), ("menjual", "sell"), ("ingin", "want")]
_NUMBER_WORDS = [
    ("satu", "one"),
    ("dua", "two"),
    ("tiga", "three"),
    ("empat", "four"),
    ("lima", "five"),
    ("enam", "six"),
    ("tujuh", "seven"),
    ("delapan", "eight"),
    ("sembilan", "nine"),
    ("sepuluh", "ten"),
]
_TRENDS = [("naik", "rose"), ("turun", "fell")]

#: Sentence pairs the trained toy model translates exactly (greedy and beam 4). None of them
#: is in the training data; build_toy_marian checks them all before it returns.
TOY_EXAMPLES: list[tuple[str, str]] = [
    ("Hari ini Senin.", "Today is Monday."),
    ("Besok Jumat.", "Tomorrow is Friday."),
    ("Kemarin Rabu.", "Yesterday was Wednesday."),
    ("Saya pergi ke pasar pada hari Senin.", "I go to the market on Monday."),
    ("Mereka pergi ke sekolah pada hari Kamis.", "They go to the school on Thursday."),
    ("Kami pergi ke kantor.", "We go to the office."),
    ("Harga naik 5 persen.", "The price rose 5 percent."),
    ("Harga turun 42 persen.", "The price fell 42 percent."),
    ("Saya punya dua rumah.", "I have two houses."),
    ("Mereka punya satu kucing.", "They have one cat."),
    ("Kami membeli 17 buku.", "We buy 17 books."),
    ("Rumah itu besar.", "The house is big."),
    ("Mobil itu merah.", "The car is red."),
    ("Saya melihat anjing kecil.", "I see a small dog."),
    ("Ada 3 meja di kantor.", "There are 3 tables in the office."),
]


def _cap(text: str) -> str:
    """Upper-case the first character."""
    return text[:1].upper() + text[1:]


def _toy_pair(rng: random.Random) -> tuple[str, str]:
    """Draw one templated (Indonesian, English) sentence pair."""
    kind = rng.randrange(11)
    day_id, day_en = rng.choice(_DAYS)
    subj_id, subj_en = rng.choice(_SUBJECTS)
    place_id, place_en = rng.choice(_PLACES)
    noun_id, noun_en, nouns_en = rng.choice(_NOUNS)
    adj_id, adj_en = rng.choice(_ADJECTIVES)
    number = rng.randint(1, 100) if rng.random() < 0.7 else rng.randint(2, 9)
    if kind == 0:
        return f"Hari ini {day_id}.", f"Today is {day_en}."
    if kind == 1:
        return f"Besok {day_id}.", f"Tomorrow is {day_en}."
    if kind == 2:
        return f"Kemarin {day_id}.", f"Yesterday was {day_en}."
    if kind == 3:
        return (
            f"{_cap(subj_id)} pergi ke {place_id} pada hari {day_id}.",
            f"{_cap(subj_en)} go to the {place_en} on {day_en}.",
        )
    if kind == 4:
        return f"{_cap(subj_id)} pergi ke {place_id}.", f"{_cap(subj_en)} go to the {place_en}."
    if kind == 5:
        trend_id, trend_en = rng.choice(_TRENDS)
        return f"Harga {trend_id} {number} persen.", f"The price {trend_en} {number} percent."
    if kind == 6:
        index = rng.randrange(len(_NUMBER_WORDS))
        word_id, word_en = _NUMBER_WORDS[index]
        thing = noun_en if index == 0 else nouns_en
        return (
            f"{_cap(subj_id)} punya {word_id} {noun_id}.",
            f"{_cap(subj_en)} have {word_en} {thing}.",
        )
    if kind == 7:
        verb_id, verb_en = rng.choice(_VERBS)
        thing = noun_en if number == 1 else nouns_en
        return (
            f"{_cap(subj_id)} {verb_id} {number} {noun_id}.",
            f"{_cap(subj_en)} {verb_en} {number} {thing}.",
        )
    if kind == 8:
        return f"{_cap(noun_id)} itu {adj_id}.", f"The {noun_en} is {adj_en}."
    if kind == 9:
        verb_id, verb_en = rng.choice(_VERBS)
        return (
            f"{_cap(subj_id)} {verb_id} {noun_id} {adj_id}.",
            f"{_cap(subj_en)} {verb_en} a {adj_en} {noun_en}.",
        )
    number = max(number, 2)
    return (
        f"Ada {number} {noun_id} di {place_id}.",
        f"There are {number} {nouns_en} in the {place_en}.",
    )


def toy_pairs(count: int, *, seed: int = 0) -> list[tuple[str, str]]:
    """Sample toy sentence pairs, never one that contains a :data:`TOY_EXAMPLES` sentence.

    Args:
        count: how many pairs to return.
        seed: random seed.

    Returns:
        ``count`` (Indonesian, English) pairs; a fifth of them join two sentences,
        so that a model trained on them also copes with packed multi-sentence chunks.
    """
    rng = random.Random(seed)
    excluded = {source for source, _ in TOY_EXAMPLES}
    pairs: list[tuple[str, str]] = []
    while len(pairs) < count:
        parts = 1 if rng.random() < 0.8 else 2
        drawn = [_toy_pair(rng) for _ in range(parts)]
        if any(source in excluded for source, _ in drawn):
            continue
        pairs.append((" ".join(s for s, _ in drawn), " ".join(t for _, t in drawn)))
    return pairs


def _toy_corpus_lines() -> list[str]:
    """Every word and character of the toy language, for training its sentencepiece model."""
    lines = [s for pair in toy_pairs(4000, seed=12345) for s in pair]
    lines += [s for pair in TOY_EXAMPLES for s in pair]
    # Cover every Latin letter, digit and common symbol so that text outside the toy language
    # still maps to known pieces rather than <unk>.
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    symbols = "0123456789 . , ; : ! ? ' \" ( ) - / % @ & + = _ # $ * [ ] < > ~"
    lines += [alphabet, alphabet.upper(), symbols] * 5
    return lines


# ---------------------------------------------------------------------------------------------
# Tokenizers
# ---------------------------------------------------------------------------------------------


def _train_spm(lines: Iterable[str], vocab_size: int, model_type: str = "unigram") -> bytes:
    """Train a sentencepiece model on ``lines`` and return its serialized bytes."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(lines)),
        model_writer=model,
        vocab_size=vocab_size,
        model_type=model_type,
        character_coverage=1.0,
        hard_vocab_limit=False,
        split_digits=True,
        num_threads=2,
        minloglevel=2,
    )
    return model.getvalue()


def _write_marian_tokenizer(
    folder: Path, spm_model: bytes, max_tokens: int, vocab_size: int | None = None
) -> int:
    """Write a MarianTokenizer (shared vocab, one spm for both sides) and return the vocab size.

    The vocab follows the opus-mt layout: ``</s>`` = 0, ``<unk>`` = 1, the pieces, ``<pad>`` last.
    With ``vocab_size``, unused ``<unused_N>`` entries fill the vocab up to that size.
    """
    import sentencepiece as spm
    from transformers import MarianTokenizer

    processor = spm.SentencePieceProcessor(model_proto=spm_model)
    pieces = [
        processor.id_to_piece(i)
        for i in range(processor.get_piece_size())
        if not (processor.is_control(i) or processor.is_unknown(i))
    ]
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in pieces:
        vocab.setdefault(piece, len(vocab))
    while vocab_size is not None and len(vocab) < vocab_size - 1:
        vocab[f"<unused_{len(vocab)}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    staging = folder / "_spm"
    staging.mkdir(parents=True, exist_ok=True)
    (staging / "source.spm").write_bytes(spm_model)
    (staging / "target.spm").write_bytes(spm_model)
    (staging / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(staging / "source.spm"),
        target_spm=str(staging / "target.spm"),
        vocab=str(staging / "vocab.json"),
        source_lang="id",
        target_lang="en",
        model_max_length=max_tokens,
    )
    tokenizer.save_pretrained(str(folder))
    shutil.rmtree(staging)
    return len(vocab)


def _shared_text(languages: tuple[str, ...] = ("ind", "eng")) -> list[str]:
    """Lines of the shared FLORES-200 devtest and NTREX-128 text in the given languages.

    Raises:
        FileNotFoundError: when the shared data folder is missing.
    """
    files = {
        "ind": ["flores200-devtest/ind_Latn.devtest", "ntrex128/newstest2019-ref.ind.txt"],
        "eng": ["flores200-devtest/eng_Latn.devtest", "ntrex128/newstest2019-src.eng.txt"],
    }
    lines: list[str] = []
    for language in languages:
        for name in files[language]:
            path = SHARED_MT / name
            if not path.is_file():
                raise FileNotFoundError(
                    f"{path} is missing: the tiny models train their tokenizers on the shared "
                    "data folder <repo>/../shared; check it out next to the repository."
                )
            lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    return lines


# ---------------------------------------------------------------------------------------------
# Marian models
# ---------------------------------------------------------------------------------------------


def _marian_config(vocab_size: int, size: str, max_tokens: int) -> Any:
    """A MarianConfig for one of the sizes: "toy", "tiny" or "opus-mt"."""
    from transformers import MarianConfig

    shapes: dict[str, dict[str, Any]] = {
        "toy": {"d_model": 64, "layers": 2, "heads": 4, "ffn": 256},
        "tiny": {"d_model": 32, "layers": 2, "heads": 2, "ffn": 64},
        # Helsinki-NLP/opus-mt-id-en
        "opus-mt": {"d_model": 512, "layers": 6, "heads": 8, "ffn": 2048},
    }
    if size not in shapes:
        raise ValueError(f"unknown size {size!r}; choose one of {sorted(shapes)}")
    shape = shapes[size]
    pad = vocab_size - 1
    # transformers 5 always uses sinusoidal positions for Marian; hub configs still say so.
    hub_only: dict[str, Any] = {"static_position_embeddings": True}
    return MarianConfig(
        vocab_size=vocab_size,
        decoder_vocab_size=vocab_size,
        d_model=shape["d_model"],
        encoder_layers=shape["layers"],
        decoder_layers=shape["layers"],
        encoder_attention_heads=shape["heads"],
        decoder_attention_heads=shape["heads"],
        encoder_ffn_dim=shape["ffn"],
        decoder_ffn_dim=shape["ffn"],
        max_position_embeddings=max_tokens,
        activation_function="swish",
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        dropout=0.1 if size == "opus-mt" else 0.0,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        bos_token_id=None,
        **hub_only,
    )


def _marian_generation_config(config: Any, max_tokens: int, beams: int) -> Any:
    """An opus-mt-like generation config (bad word <pad>, max_length at the token limit)."""
    from transformers import GenerationConfig

    pad = config.pad_token_id
    return GenerationConfig(
        bad_words_ids=[[pad]],
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad,
        max_length=max_tokens,
        num_beams=beams,
    )


def _new_marian(vocab_size: int, size: str, max_tokens: int) -> Any:
    """A randomly initialised MarianMTModel with its generation config."""
    from transformers import MarianMTModel

    model = MarianMTModel(_marian_config(vocab_size, size, max_tokens))
    model.generation_config = _marian_generation_config(model.config, max_tokens, beams=4)
    return model


def _built(path: Path) -> Path:
    """Prepare ``path`` as an empty folder to build into."""
    path = Path(path)
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def _encode_batch(tokenizer: Any, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Tokenize a training batch; padded label positions become -100."""
    batch = tokenizer(
        [s for s, _ in pairs],
        text_target=[t for _, t in pairs],
        padding=True,
        return_tensors="pt",
    )
    labels = batch["labels"]
    labels[labels == tokenizer.pad_token_id] = -100
    return dict(batch)


def _translate(model: Any, tokenizer: Any, sources: list[str], beams: int) -> list[str]:
    """Translate with the model's own generate (no translator wrapper)."""
    import torch

    model.eval()
    out: list[str] = []
    with torch.inference_mode():
        for start in range(0, len(sources), 64):
            batch = tokenizer(sources[start : start + 64], return_tensors="pt", padding=True)
            generated = model.generate(**batch, num_beams=beams)
            out += tokenizer.batch_decode(generated, skip_special_tokens=True)
    return out


def _accuracy(model: Any, tokenizer: Any, pairs: list[tuple[str, str]], beams: int = 1) -> float:
    """Share of pairs translated exactly."""
    hyps = _translate(model, tokenizer, [s for s, _ in pairs], beams)
    return sum(h == t for h, (_, t) in zip(hyps, pairs, strict=True)) / max(len(pairs), 1)


def build_toy_marian(path: str | Path, *, seconds: float = 60, seed: int = 0) -> Path:
    """Build and train the toy Indonesian-to-English Marian model.

    Checked every 200 steps, training stops once greedy and beam-4 decoding get every
    :data:`TOY_EXAMPLES` pair exactly right and either 99% of a sample of unseen pairs is
    exactly right too or ``seconds`` have passed. The model at a given step is the same on every
    run (seeded); only which check point ends training depends on the machine's speed.

    Args:
        path: folder to write (replaced if it exists).
        seconds: soft time budget in seconds (about 40-60 s suffice on one free core).
        seed: seed for data, initialisation and training order.

    Returns:
        ``path``, holding config, weights, generation config and a MarianTokenizer
        (``source.spm``, ``target.spm``, ``vocab.json``); token limit :data:`TOY_MAX_TOKENS`.
        The sentencepiece model is a 400-piece BPE one (with split digits): a unigram model
        trained on so small a language keeps only about 250 pieces and splits common words
        ("Sa y a"), which made the sequences longer and training twice as slow.

    Raises:
        RuntimeError: when a TOY_EXAMPLES pair is still wrong after 4,000 steps.
    """
    import torch

    threads = torch.get_num_threads()
    # One thread: these matrices are too small to gain from more, and on a shared 2-core
    # machine two threads made each step 10-20 times slower.
    torch.set_num_threads(1)
    try:
        return _train_toy_marian(Path(path), seconds, seed)
    finally:
        torch.set_num_threads(threads)


def _train_toy_marian(path: Path, seconds: float, seed: int) -> Path:
    """Body of build_toy_marian."""
    import torch
    from transformers import MarianTokenizer

    folder = _built(path)
    vocab_size = _write_marian_tokenizer(
        folder, _train_spm(_toy_corpus_lines(), vocab_size=400, model_type="bpe"), TOY_MAX_TOKENS
    )
    tokenizer = MarianTokenizer.from_pretrained(str(folder))
    torch.manual_seed(seed)
    model = _new_marian(vocab_size, "toy", TOY_MAX_TOKENS)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.0)
    warmup = 100
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min(1.0, (step + 1) / warmup) * max(0.1, (warmup / (step + 1)) ** 0.5),
    )
    validation = toy_pairs(200, seed=seed + 10**9)
    sources = [source for source, _ in TOY_EXAMPLES]
    targets = [target for _, target in TOY_EXAMPLES]
    stream = _batches(_BATCH_SIZE, seed)
    started = time.monotonic()
    wrong: list[tuple[str, str, str]] = []
    for step in range(1, _MAX_STEPS + 1):
        model.train()
        loss = model(**_encode_batch(tokenizer, next(stream))).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        # The decoder starts from <pad>, whose embedding real Marian models keep at zero
        # (and CTranslate2 assumes so); the tied output layer would otherwise train it.
        with torch.no_grad():
            model.get_input_embeddings().weight[tokenizer.pad_token_id].zero_()
        if step % _CHECK_EVERY:
            continue
        elapsed = time.monotonic() - started
        wrong = [
            (source, hyp, target)
            for beams in (1, 4)
            for source, hyp, target in zip(
                sources, _translate(model, tokenizer, sources, beams), targets, strict=True
            )
            if hyp != target
        ]
        held = _accuracy(model, tokenizer, validation)
        logger.info(
            "toy marian step %d %.0fs loss %.3f examples wrong %d held-out %.3f",
            step,
            elapsed,
            loss.item(),
            len(wrong),
            held,
        )
        if not wrong and (held >= 0.99 or elapsed > seconds):
            break
    else:
        raise RuntimeError(
            f"toy Marian model still wrong after {_MAX_STEPS} steps "
            f"({time.monotonic() - started:.0f}s): {wrong[:3]}"
        )
    model.save_pretrained(str(folder))
    return folder


_BATCH_SIZE = 32
_CHECK_EVERY = 200
# Enough for every seed tried to get TOY_EXAMPLES right (it takes 600-1000 steps).
_MAX_STEPS = 4000


def _batches(batch_size: int, seed: int) -> Iterator[list[tuple[str, str]]]:
    """An endless stream of fresh toy training batches, bucketed by length to save padding."""
    rng = random.Random(seed)
    for index in range(10**9):
        pool = sorted(
            toy_pairs(batch_size * 8, seed=seed * 1_000_003 + index), key=lambda p: len(p[0])
        )
        batches = [pool[i : i + batch_size] for i in range(0, len(pool), batch_size)]
        rng.shuffle(batches)
        yield from batches


def build_random_marian(path: str | Path, *, size: str = "tiny", seed: int = 0) -> Path:
    """Build a random-weight Marian model with a sentencepiece tokenizer trained on shared text.

    The tokenizer is one unigram sentencepiece model trained on the Indonesian and English sides
    of FLORES-200 devtest and NTREX-128 (about 6,000 sentences), used for both source and target
    (shared vocab). With ``size="opus-mt"`` that text supports only about 14,000 unigram pieces,
    so ``vocab.json`` is filled with never-produced ``<unused_N>`` entries up to opus-mt-id-en's
    54,796: the embedding and output layer then have the real model's size (what timing needs)
    while text is segmented as a unigram model segments it (about 1.7 pieces per Indonesian
    word); a -1e4 output bias keeps the model from ever generating a filler entry. (A
    52,000-piece BPE model trained on this little text would keep nearly every word whole,
    making inputs unrealistically short.)

    Args:
        path: folder to write (replaced if it exists).
        size: "tiny" (d_model 32, 2+2 layers, 8,000-piece vocab, 64-token limit) or "opus-mt"
            (architecture of Helsinki-NLP/opus-mt-id-en: d_model 512, 6+6 layers, 8 heads,
            FFN 2048, static sinusoidal positions, 512-token limit, shared vocab).
        seed: seed for the weights.

    Returns:
        ``path``, loadable with AutoTokenizer / AutoModelForSeq2SeqLM.

    Raises:
        ValueError: for an unknown size.
        FileNotFoundError: when the shared data is missing.
    """
    import torch

    if size not in ("tiny", "opus-mt"):
        raise ValueError(f"unknown size {size!r}; choose 'tiny' or 'opus-mt'")
    tiny = size == "tiny"
    max_tokens = TOY_MAX_TOKENS if tiny else 512
    folder = _built(Path(path))
    vocab_size = _write_marian_tokenizer(
        folder,
        _train_spm(_shared_text(), vocab_size=8000 if tiny else 54000),
        max_tokens,
        vocab_size=None if tiny else OPUS_MT_ID_EN_VOCAB,
    )
    torch.manual_seed(seed)
    model = _new_marian(vocab_size, size, max_tokens)
    _never_generate_fillers(model, folder)
    model.save_pretrained(str(folder))
    return folder


def random_marian_weights(folder: str | Path, *, seed: int = 0) -> Path:
    """Give a Marian model folder that holds only its config and tokenizer (a model of
    :func:`build_random_marian` copied without its weights) random weights again, made
    the same way: the same seed gives the same model."""
    import torch
    from transformers import AutoConfig, GenerationConfig, MarianMTModel

    folder = Path(folder)
    torch.manual_seed(seed)
    model = MarianMTModel(AutoConfig.from_pretrained(folder))
    model.generation_config = GenerationConfig.from_pretrained(folder)
    _never_generate_fillers(model, folder)
    model.save_pretrained(str(folder))
    return folder


def _never_generate_fillers(model: Any, folder: Path) -> None:
    """A -1e4 output bias on the ``<unused_N>`` filler entries of ``folder``'s vocab: a
    random model would otherwise generate them, and each decodes to several tokens."""
    import torch

    vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    unused = [index for piece, index in vocab.items() if piece.startswith("<unused_")]
    with torch.no_grad():
        model.final_logits_bias[0, unused] = -1e4


# ---------------------------------------------------------------------------------------------
# Summarizer
# ---------------------------------------------------------------------------------------------


def build_tiny_summarizer(path: str | Path, *, seed: int = 0) -> Path:
    """Build a random-weight BART summarizer with a byte-level BPE tokenizer.

    The tokenizer is trained with the ``tokenizers`` library on the English side of NTREX-128
    (4,000-token vocab); the model has d_model 32, 2+2 layers and a
    :data:`SUMMARIZER_MAX_TOKENS` token limit, so chunking tests are cheap.

    Args:
        path: folder to write (replaced if it exists).
        seed: seed for the weights.

    Returns:
        ``path``, loadable with AutoTokenizer / AutoModelForSeq2SeqLM.

    Raises:
        FileNotFoundError: when the shared data is missing.
    """
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import (
        BartConfig,
        BartForConditionalGeneration,
        GenerationConfig,
        PreTrainedTokenizerFast,
    )

    folder = _built(Path(path))
    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    bpe = Tokenizer(models.BPE(unk_token=None))
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    bpe.train_from_iterator(
        _shared_text(("eng",)),
        trainers.BpeTrainer(
            vocab_size=4000,
            special_tokens=specials,
            initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
            show_progress=False,
        ),
    )
    bpe.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[(t, bpe.token_to_id(t)) for t in ("<s>", "</s>")],
    )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
        mask_token="<mask>",
        model_max_length=SUMMARIZER_MAX_TOKENS,
    )
    tokenizer.save_pretrained(str(folder))
    ids = {t: bpe.token_to_id(t) for t in specials}
    config = BartConfig(
        vocab_size=bpe.get_vocab_size(),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=SUMMARIZER_MAX_TOKENS,
        bos_token_id=ids["<s>"],
        pad_token_id=ids["<pad>"],
        eos_token_id=ids["</s>"],
        decoder_start_token_id=ids["</s>"],
        forced_eos_token_id=ids["</s>"],
    )
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(config)
    model.generation_config = GenerationConfig(
        bos_token_id=ids["<s>"],
        pad_token_id=ids["<pad>"],
        eos_token_id=ids["</s>"],
        decoder_start_token_id=ids["</s>"],
        forced_bos_token_id=ids["<s>"],
        forced_eos_token_id=ids["</s>"],
        max_length=SUMMARIZER_MAX_TOKENS,
        min_length=4,
        num_beams=2,
        no_repeat_ngram_size=3,
    )
    model.save_pretrained(str(folder))
    return folder


def build_atomically(builder: Any, target: Path, **kwargs: Any) -> Path:
    """Run ``builder`` into a temporary sibling of ``target`` and rename it into place.

    A folder that holds a ``config.json`` is taken as built (every builder writes it last, via
    ``save_pretrained``); anything else at ``target``, such as what an interrupted run of an
    older version left, is replaced.

    Args:
        builder: one of the ``build_*`` functions (called as ``builder(path, **kwargs)``).
        target: the folder to produce.
        **kwargs: passed to ``builder``.

    Returns:
        ``target``.
    """
    target = Path(target)
    if (target / "config.json").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        builder(scratch / "model", **kwargs)
        if target.exists() and not (target / "config.json").is_file():
            shutil.rmtree(target)
        try:
            (scratch / "model").rename(target)
        except OSError:
            if not (target / "config.json").is_file():  # not a concurrent run that finished first
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target
