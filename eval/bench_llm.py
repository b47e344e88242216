"""Seconds per article for a TranslateGemma-4B-sized chat model, against plain transformers.

    python eval/bench_llm.py [--device cpu|cuda] [--model DIR] [--sentences N]
                             [--repeats R] [--pool K] [--json PATH]
    python eval/bench_llm.py --stage DIR      # write config + tokenizer + article, no weights
    python eval/bench_llm.py --tiny           # every row on a tiny config (checks it runs)

What it measures. The model is a Gemma 3 text decoder with the published 4B sizes
(TranslateGemma 4B is Gemma 3 4B fine-tuned: 34 layers, hidden 2560, MLP 10240, 8 query
and 4 key/value heads of 256, a 262,208-token vocabulary, sliding window 1024 on five
layers of six; google-deepmind/gemma ``TransformerConfig.gemma3_4b``), given RANDOM
weights, built from its config on the spot: speed does not depend on the weights, and the
real ones cannot be downloaded here. The vision tower of the real checkpoint is left out
(it does not run for text). bfloat16 on CUDA (as the causal backend loads it there),
bfloat16 on CPU too (float32 would need 16 GB of memory).

A random model never says it is done, so every output is forced to a realistic length:
1.3 x its source tokens (about what an English translation of Indonesian takes), through
``min_new_tokens = max_new_tokens`` for the baseline and the backend's own length bound
(``max_ratio=1.3, max_extra=0``) for the project's rows. A batch runs as long as its
longest output, as it would with a real model.

The text is the seed article (``tests/data/ui/inews-ev-korea.txt``, stripped by the
project's stripper: 8 paragraphs), tokenized by a byte-level BPE tokenizer trained here
on the FLORES-200 and NTREX-128 Indonesian and English text (the real Gemma tokenizer is
not available offline; the tokens per word it gives are printed). Rows:

- ``plain``: transformers as the model card shows it: one sentence per
  ``apply_chat_template`` + ``generate`` call, greedy;
- ``project-sentences``: the project's causal backend (``CausalBackend.generate``: the
  TranslateGemma prompt, left-padded batches sorted by length, the no-repeat guard, the
  score pass) on every sentence: the cost of the sentence-by-sentence fallback;
- ``project-paragraphs``: the same on the paragraphs with numbered sentence markers (what
  the translator sends a chat model), greedy, and on a GPU also at beam 4 (the CLI's
  default beam size) and pooled over ``--pool`` copies of the article (the batch path).

``--sentences N`` measures only the first N sentences (and the paragraphs they start) and
scales the time to the whole article by processed tokens (prompt + output), since on a CPU
time grows about linearly with them; the table marks such rows. Medians of ``--repeats``
runs after a short warm-up.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "data" / "ui" / "inews-ev-korea.txt"
SHARED_MT = REPO.parent / "shared" / "data" / "mt"
TOKENIZER_TEXTS = [
    SHARED_MT / "flores200-devtest" / "ind_Latn.devtest",
    SHARED_MT / "flores200-devtest" / "eng_Latn.devtest",
    SHARED_MT / "ntrex128" / "newstest2019-ref.ind.txt",
    SHARED_MT / "ntrex128" / "newstest2019-src.eng.txt",
]
OUTPUT_RATIO = 1.3

# Gemma 3 4B's text model: the sizes of TransformerConfig.gemma3_4b in google-deepmind/gemma
# (found with the project's code search), in transformers' terms; the vocabulary is
# transformers' Gemma3TextConfig default (262,144 text tokens and the image tokens).
GEMMA3_4B: dict[str, Any] = {
    "vocab_size": 262_208,
    "hidden_size": 2560,
    "intermediate_size": 10_240,
    "num_hidden_layers": 34,
    "num_attention_heads": 8,
    "num_key_value_heads": 4,
    "head_dim": 256,
    "query_pre_attn_scalar": 256,
    "sliding_window": 1024,
    "max_position_embeddings": 131_072,
    "rope_parameters": {
        "sliding_attention": {"rope_type": "default", "rope_theta": 10_000.0},
        "full_attention": {"rope_type": "linear", "factor": 8.0, "rope_theta": 1_000_000.0},
    },
}
# The same architecture, tiny: for checking that the script runs.
TINY: dict[str, Any] = {
    **GEMMA3_4B,
    "vocab_size": 16_384,
    "hidden_size": 64,
    "intermediate_size": 128,
    "num_hidden_layers": 6,
    "num_attention_heads": 2,
    "num_key_value_heads": 1,
    "head_dim": 32,
    "query_pre_attn_scalar": 32,
}
VOCAB = 16_000  # the locally trained tokenizer's; ids beyond it are never produced


@dataclass(frozen=True)
class Row:
    """One measured configuration."""

    name: str
    inputs: int  # model inputs (sentences or paragraphs) measured
    articles: int  # articles' worth of inputs in one run
    seconds: float  # median wall time of one run
    prompt_tokens: int
    output_tokens: int
    seconds_per_article: float  # measured, or scaled from a part (``scaled``)
    scaled: bool
    gpu_mb: float | None


# ---------------------------------------------------------------------------------------------
# Staging: config, tokenizer and article (no weights)
# ---------------------------------------------------------------------------------------------


def stage(folder: Path, *, tiny: bool = False) -> Path:
    """Write the model config, a tokenizer with a TranslateGemma chat template and the
    stripped seed article to ``folder`` (about 1 MB); weights are made where it runs."""
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "tests"))
    from toy_causal import TRANSLATEGEMMA_TEMPLATE
    from transformers import Gemma3TextConfig

    from summarizer.segment import split_sentences
    from summarizer.stripping import strip

    folder.mkdir(parents=True, exist_ok=True)
    config = Gemma3TextConfig(
        **(TINY if tiny else GEMMA3_4B),
        pad_token_id=0,
        eos_token_id=1,
        bos_token_id=2,
        architectures=["Gemma3ForCausalLM"],
    )
    config.save_pretrained(str(folder))
    _train_tokenizer(TRANSLATEGEMMA_TEMPLATE).save_pretrained(str(folder))
    article = strip(SEED.read_bytes())
    paragraphs = [split_sentences(p) for p in article.paragraphs]
    record = {"source": str(SEED.relative_to(REPO)), "title": article.title}
    record["paragraphs"] = paragraphs
    (folder / "article.json").write_text(json.dumps(record, ensure_ascii=False, indent=1))
    size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
    print(f"staged {folder} ({size:.1f} MB): config, tokenizer, article", file=sys.stderr)
    return folder


def _train_tokenizer(template: str) -> Any:
    """A byte-level BPE tokenizer over local Indonesian and English news text, with
    Gemma's special tokens (same ids) and ``template`` as its chat template."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    lines = [
        line
        for path in TOKENIZER_TEXTS
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    specials = ["<pad>", "<eos>", "<bos>", "<unk>", "<start_of_turn>", "<end_of_turn>"]
    bpe = Tokenizer(models.BPE(unk_token=None))
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=VOCAB,
        special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(lines, trainer)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        pad_token="<pad>",
        eos_token="<eos>",
        bos_token="<bos>",
        unk_token="<unk>",
        additional_special_tokens=["<start_of_turn>", "<end_of_turn>"],
        model_max_length=2048,
    )
    tokenizer.chat_template = template
    return tokenizer


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


def random_model(folder: Path, device: str) -> Any:
    """The staged config as a model with random weights, built in bfloat16 on ``device``."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    config = AutoConfig.from_pretrained(folder)
    torch.manual_seed(0)
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.bfloat16)  # built in bfloat16: no float32 copy, any version
    try:
        with torch.device(device):
            model = AutoModelForCausalLM.from_config(config)
    finally:
        torch.set_default_dtype(previous)
    model.generation_config.pad_token_id = config.pad_token_id
    return model.eval()


def plain(model: Any, tokenizer: Any, sentences: list[str]) -> tuple[int, int]:
    """The model card's way: one sentence per call, greedy; (prompt, output) tokens."""
    import torch

    prompt_tokens = output_tokens = 0
    for sentence in sentences:
        entry = {"type": "text", "source_lang_code": "id", "target_lang_code": "en"}
        messages = [{"role": "user", "content": [{**entry, "text": sentence}]}]
        inputs = tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
        ).to(model.device)
        length = int(OUTPUT_RATIO * len(tokenizer(sentence)["input_ids"]))
        with torch.inference_mode():
            model.generate(**inputs, do_sample=False, max_new_tokens=length, min_new_tokens=length)
        prompt_tokens += inputs["input_ids"].shape[1]
        output_tokens += length
    return prompt_tokens, output_tokens


def project(backend: Any, texts: list[str], beams: int, limits: tuple[int, int]) -> tuple[int, int]:
    """The causal backend on ``texts`` in the translator's length-sorted batches."""
    from summarizer.translate.backend import Decoding
    from summarizer.translate.chunking import batches

    decoding = Decoding(beams=beams, max_ratio=OUTPUT_RATIO, max_extra=0)
    sizes = backend.count_tokens(texts)
    prompt_tokens = sum(len(backend.tokenizer(backend.prompt(t))["input_ids"]) for t in texts)
    for batch in batches(sizes, *limits):
        backend.generate([texts[i] for i in batch], decoding)
    return prompt_tokens, sum(decoding.max_new_tokens(n) for n in sizes)


def timed(work: Any, repeats: int) -> tuple[float, tuple[int, int]]:
    """Median seconds of ``repeats`` runs of ``work()`` and what it returned."""
    import torch

    times = []
    counts = (0, 0)
    for _ in range(repeats):
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        start = time.perf_counter()
        counts = work()
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return statistics.median(times), counts


def measure(folder: Path, args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    """Every row on ``args.device``; the rows and what describes the run."""
    import torch
    from transformers import AutoTokenizer

    sys.path.insert(0, str(REPO))
    from summarizer.translate.backend import BackendRequest
    from summarizer.translate.causal import CausalBackend
    from summarizer.translate.passages import mark, runs
    from summarizer.translate.presets import resolve_model
    from summarizer.translate.translator import BATCH_LIMITS

    article = json.loads((folder / "article.json").read_text(encoding="utf-8"))
    paragraphs: list[list[str]] = article["paragraphs"]
    tokenizer = AutoTokenizer.from_pretrained(folder)
    if not getattr(tokenizer, "chat_template", None):  # transformers that predate .jinja files
        tokenizer.chat_template = (folder / "chat_template.jinja").read_text(encoding="utf-8")
    started = time.perf_counter()
    model = random_model(folder, args.device)
    built = time.perf_counter() - started
    request = BackendRequest(resolve_model(str(folder)), "causal", args.device)
    backend = CausalBackend(request, tokenizer, model)
    limits = BATCH_LIMITS["cuda" if args.device.startswith("cuda") else "cpu"]

    def marked(paras: list[list[str]]) -> list[str]:
        """Each paragraph as the translator sends it: runs of numbered sentences."""
        out = []
        for sentences in paras:
            sizes = backend.count_tokens(sentences)
            for run in runs(sizes):
                chosen = [sentences[i] for i in run]
                out.append(mark(chosen) if len(chosen) > 1 else chosen[0])
        return out

    everything = [s for p in paragraphs for s in p]
    part = everything[: args.sentences] if args.sentences else everything
    offsets = [sum(len(q) for q in paragraphs[:i]) for i in range(len(paragraphs))]
    # The paragraphs that the measured sentences start.
    part_paragraphs = [p for p, offset in zip(paragraphs, offsets) if offset < len(part)]
    full = {
        "sentences": _tokens(backend, everything),
        "paragraphs": _tokens(backend, marked(paragraphs)),
    }
    cuda = args.device.startswith("cuda")
    plan: list[tuple[str, str, Any, int, int]] = [
        ("plain", "sentences", lambda: plain(model, tokenizer, part), len(part), 1),
        (
            "project-sentences",
            "sentences",
            lambda: project(backend, part, 1, limits),
            len(part),
            1,
        ),
        (
            "project-paragraphs",
            "paragraphs",
            lambda: project(backend, marked(part_paragraphs), 1, limits),
            len(marked(part_paragraphs)),
            1,
        ),
    ]
    if cuda or args.tiny:  # the GPU rows; --tiny runs them too, to check that they run
        plan.append(
            (
                "project-paragraphs-beam4",
                "paragraphs",
                lambda: project(backend, marked(paragraphs), 4, limits),
                len(marked(paragraphs)),
                1,
            )
        )
        pooled = marked(paragraphs) * args.pool
        plan.append(
            (
                f"project-paragraphs-pool{args.pool}",
                "paragraphs",
                lambda: project(backend, pooled, 1, limits),
                len(pooled),
                args.pool,
            )
        )
    # Warm-up: kernels, allocator, lazy initialisation (a few tokens, not timed).
    with torch.inference_mode():
        warm = tokenizer(["Harga naik."], return_tensors="pt").to(model.device)
        model.generate(**warm, do_sample=False, max_new_tokens=4, min_new_tokens=4)
    rows = []
    for name, unit, work, inputs, articles in plan:
        if cuda:
            torch.cuda.reset_peak_memory_stats()
        print(f"  {name} ({inputs} inputs) ...", file=sys.stderr, flush=True)
        seconds, (prompt_tokens, output_tokens) = timed(work, args.repeats)
        whole = sum(full[unit]) * articles
        scaled = prompt_tokens + output_tokens < whole
        per_article = seconds * (whole / (prompt_tokens + output_tokens)) if scaled else seconds
        rows.append(
            Row(
                name,
                inputs,
                articles,
                seconds,
                prompt_tokens,
                output_tokens,
                per_article / articles,
                scaled,
                torch.cuda.max_memory_reserved() / 2**20 if cuda else None,
            )
        )
    words = sum(len(s.split()) for s in everything)
    source_tokens = sum(backend.count_tokens(everything))
    info = {
        "device": _device_name(args.device),
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "parameters": sum(p.numel() for p in model.parameters()),
        "config": "tiny" if args.tiny else "gemma3-4b",
        "build_seconds": built,
        "article": article["source"],
        "article_sentences": len(everything),
        "article_paragraphs": len(paragraphs),
        "article_words": words,
        "tokens_per_word": source_tokens / words,
        "repeats": args.repeats,
    }
    return rows, info


def _tokens(backend: Any, texts: list[str]) -> list[int]:
    """Prompt plus forced output tokens of each input, as :func:`project` counts them."""
    outputs = [int(OUTPUT_RATIO * n) for n in backend.count_tokens(texts)]
    prompts = [len(backend.tokenizer(backend.prompt(t))["input_ids"]) for t in texts]
    return [p + o for p, o in zip(prompts, outputs)]


def _device_name(device: str) -> str:
    import torch

    if device.startswith("cuda"):
        return str(torch.cuda.get_device_name(torch.device(device)))
    return platform.processor() or platform.machine()


def report(rows: list[Row], info: dict[str, Any]) -> str:
    """The table, with ratios to ``plain``."""
    base = next(r for r in rows if r.name == "plain").seconds_per_article
    lines = [
        f"Random-weight {info['config']} Gemma 3 decoder ({info['parameters'] / 1e9:.2f}B "
        f"parameters), bfloat16, on {info['device']} (torch {info['torch']}, "
        f"{info['threads']} threads); outputs forced to {OUTPUT_RATIO} x source tokens.",
        f"Article: {info['article']} ({info['article_paragraphs']} paragraphs, "
        f"{info['article_sentences']} sentences, {info['article_words']} words, "
        f"{info['tokens_per_word']:.2f} tokens per word with the local tokenizer). "
        f"Medians of {info['repeats']}.",
        "",
        "| configuration | inputs | s measured | prompt tok | output tok | s/article | x plain "
        "| GPU MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        star = " *" if r.scaled else ""
        gpu = f"{r.gpu_mb:.0f}" if r.gpu_mb is not None else ""
        lines.append(
            f"| {r.name} | {r.inputs} | {r.seconds:.2f} | {r.prompt_tokens} | {r.output_tokens} "
            f"| {r.seconds_per_article:.2f}{star} | {base / r.seconds_per_article:.2f} | {gpu} |"
        )
    if any(r.scaled for r in rows):
        lines += ["", "\\* scaled from the part measured to the whole article by tokens."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--model", type=Path, help="a staged folder (--stage)")
    parser.add_argument("--stage", type=Path, help="write config, tokenizer, article; exit")
    parser.add_argument("--tiny", action="store_true", help="a tiny config of the same kind")
    parser.add_argument("--sentences", type=int, default=0, help="measure the first N only")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pool", type=int, default=16, help="articles pooled (GPU row)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.stage:
        stage(args.stage, tiny=args.tiny)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.model or stage(Path(scratch) / "model", tiny=args.tiny)
        rows, info = measure(folder, args)
    print(report(rows, info))
    if args.json:
        args.json.write_text(
            json.dumps({"info": info, "rows": [asdict(r) for r in rows]}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
