"""Translation speed: the project's backends against plain transformers, on one model.

    python eval/bench_speed.py [--device cpu|cuda] [--sentences N] [--repeats R]
                               [--model DIR] [--only NAME ...] [--json PATH]

The model has the exact architecture of Helsinki-NLP/opus-mt-id-en (random weights, a real
sentencepiece tokenizer; built once by ``tests/toy_models.py`` into the cache folder) unless
``--model`` names a real one. Every configuration translates the same Indonesian sentences
from FLORES-200 devtest in its own subprocess (so that its peak memory is its own), once to
warm up and then ``--repeats`` times; the table gives medians and ratios to the baseline:

- ``plain``: transformers as a user would write it: ``generate`` at beam 4, batches of 32 in
  input order, fp32, ``max_new_tokens`` = 1.5 x the longest source in the batch + 10;
- the project's ``Translator`` with each backend, at beam 4 and greedy.

A random model never ends a sentence on its own, so outputs run to the length cap; the
target tokens counted are those of the outputs re-tokenized, divided by the wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
FLORES = REPO.parent / "shared" / "data" / "mt" / "flores200-devtest" / "ind_Latn.devtest"
BASELINE = "plain"


@dataclass(frozen=True)
class Config:
    """One way of translating: plain transformers, or the Translator with a backend."""

    name: str
    backend: str  # "plain" for the baseline
    beams: int
    compute_type: str | None = None
    devices: tuple[str, ...] = ("cpu", "cuda")
    batch_size: int | None = None  # the Translator's default for the device if None


CONFIGS = [
    Config(BASELINE, "plain", 4),
    Config("transformers-beam4", "transformers", 4),
    Config("transformers-greedy", "transformers", 1),
    # On a GPU the Translator batches up to 256 sentences; this row shows what that earns.
    Config("transformers-beam4-batch32", "transformers", 4, devices=("cuda",), batch_size=32),
    Config("transformers-int8-beam4", "transformers", 4, "int8", ("cpu",)),
    Config("transformers-int8-greedy", "transformers", 1, "int8", ("cpu",)),
    Config("ctranslate2-beam4", "ctranslate2", 4),
    Config("ctranslate2-greedy", "ctranslate2", 1),
    Config("ctranslate2-int8f16-beam4", "ctranslate2", 4, "int8_float16", ("cuda",)),
]


def cache_dir() -> Path:
    """The project's cache folder (``$SUMMARIZER_CACHE``, else the XDG cache)."""
    if os.environ.get("SUMMARIZER_CACHE"):
        return Path(os.environ["SUMMARIZER_CACHE"]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "summarizer"


def random_opus_mt() -> Path:
    """The random-weight opus-mt-id-en-shaped model, built on first use (about a minute)."""
    sys.path.insert(0, str(REPO / "tests"))
    import toy_models

    target = cache_dir() / "bench" / f"random-marian-opus-mt-v{toy_models.BUILDER_VERSION}"
    if not (target / "config.json").is_file():
        print(f"building the random opus-mt model in {target} ...", file=sys.stderr)
    return Path(toy_models.build_atomically(toy_models.build_random_marian, target, size="opus-mt"))


def sample_sentences(count: int, data: Path = FLORES) -> list[str]:
    """``count`` sentences spread evenly over ``data`` (FLORES-200 devtest: all domains)."""
    lines = [line for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    step = max(1, len(lines) // count)
    return lines[::step][:count]


def stage(folder: Path, data: Path) -> None:
    """Copy the random model's config and tokenizer (not its weights) and the sentences to
    ``folder``: a few MB that :func:`materialize` turns back into the model elsewhere."""
    import shutil

    model = random_opus_mt()
    target = folder / "model"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for path in model.iterdir():
        if path.is_file() and path.suffix not in {".safetensors", ".bin"}:
            shutil.copy2(path, target / path.name)
    shutil.copy2(data, folder / "sentences.txt")
    print(f"staged {target} and {folder / 'sentences.txt'}")


def materialize(model_dir: Path) -> None:
    """Give a staged model (config and tokenizer, no weights) random weights, made as
    :func:`random_opus_mt` makes them (seed 0, filler entries never generated)."""
    if any(model_dir.glob("*.safetensors")) or any(model_dir.glob("*.bin")):
        return
    sys.path.insert(0, str(REPO / "tests"))
    import toy_models

    toy_models.random_marian_weights(model_dir)


# ---------------------------------------------------------------------------------------------
# Worker: one configuration, in its own process
# ---------------------------------------------------------------------------------------------


def plain_transformers(model_dir: Path, device: str) -> Any:
    """The baseline: a function translating sentences the way a user would write it."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(model_dir).to(device).eval()

    def translate(sentences: list[str]) -> list[str]:
        out: list[str] = []
        with torch.inference_mode():
            for start in range(0, len(sentences), 32):
                batch = tokenizer(
                    sentences[start : start + 32], return_tensors="pt", padding=True
                ).to(device)
                generated = model.generate(
                    **batch,
                    num_beams=4,
                    max_new_tokens=int(1.5 * batch["input_ids"].shape[1] + 10),
                )
                out += tokenizer.batch_decode(generated, skip_special_tokens=True)
        return out

    return translate


def project_translator(model_dir: Path, device: str, config: Config) -> Any:
    """The project's Translator for ``config``, loaded."""
    from summarizer.translate import Translator

    translator = Translator(
        str(model_dir),
        device=device,
        beams=config.beams,
        backend=config.backend,
        compute_type=config.compute_type,
        batch_size=config.batch_size,
    )
    translator.load()

    def translate(sentences: list[str]) -> list[str]:
        return [t.text for t in translator.translate_sentences(sentences)]

    return translate


def gpu_memory_mb() -> float | None:
    """Peak GPU memory of this process in MiB: torch's peak reservation when torch used the
    GPU, else what nvidia-smi says the process holds now; None when neither tells."""
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available() and torch.cuda.max_memory_reserved():
        return float(torch.cuda.max_memory_reserved() / 2**20)
    out = _nvidia_smi("--query-compute-apps=pid,used_memory")
    for line in (out or "").splitlines():
        pid, _, used = line.partition(",")
        if pid.strip() == str(os.getpid()):
            return float(used.strip().split()[0])
    return None


def run_worker(args: argparse.Namespace) -> None:
    """Time one configuration and print one JSON line."""
    sys.path.insert(0, str(REPO))
    from transformers import AutoTokenizer

    config = next(c for c in CONFIGS if c.name == args.worker)
    sentences = sample_sentences(args.sentences, args.data)
    if config.backend == "plain":
        translate = plain_transformers(args.model, args.device)
    else:
        translate = project_translator(args.model, args.device, config)
    translate(sentences[:8])  # warm-up: lazy initialisation, kernels, caches
    times, cpu_times = [], []
    outputs: list[str] = []
    for _ in range(args.repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        outputs = translate(sentences)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    tokens = sum(len(ids) for ids in tokenizer(text_target=outputs)["input_ids"])
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "name": config.name,
                "tokens": tokens,
                "times": times,
                "cpu_times": cpu_times,
                "rss_mb": peak_kib / 1024,
                "gpu_mb": gpu_memory_mb() if args.device.startswith("cuda") else None,
            }
        )
    )


# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------


def prepare_ct2(model_dir: Path, device: str, configs: list[Config]) -> None:
    """Convert the model for the CTranslate2 configurations now, so that conversion (a
    one-off, cached) is neither timed nor counted in their peak memory."""
    sys.path.insert(0, str(REPO))
    from summarizer.translate.ct2 import converted_model, default_compute_type

    for config in configs:
        if config.backend == "ctranslate2":
            compute = config.compute_type or default_compute_type(device, "marian")
            try:
                converted_model(model_dir, compute)
            except Exception as exc:  # its rows will fail and say why; the others still run
                print(f"  conversion for {config.name} failed: {exc}", file=sys.stderr)


def run_config(config: Config, args: argparse.Namespace) -> dict[str, Any]:
    """Run one configuration in a fresh subprocess; its JSON result."""
    command = [
        sys.executable,
        __file__,
        "--worker",
        config.name,
        "--model",
        str(args.model),
        "--device",
        args.device,
        "--sentences",
        str(args.sentences),
        "--repeats",
        str(args.repeats),
        "--data",
        str(args.data),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        # The exception's own line, which is the last of a traceback.
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"name": config.name, "error": f"exit {done.returncode}: {last}"}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def table(results: list[dict[str, Any]], args: argparse.Namespace) -> str:
    """The results as a Markdown table, with ratios to the baseline."""
    by_name = {r["name"]: r for r in results}
    base = by_name.get(BASELINE, {})
    base_rate = _rate(base) if "times" in base else None
    gpu = args.device.startswith("cuda")
    head = (
        "| configuration | beams | tokens | median s | CPU s | tokens/s | x plain | peak RSS MB |"
    )
    rule = "|---|---|---|---|---|---|---|---|"
    if gpu:
        head += " GPU MB |"
        rule += "---|"
    rows = [head, rule]
    beams = {c.name: c.beams for c in CONFIGS}
    for result in results:
        if "error" in result:
            rows.append(f"| {result['name']} | failed: {result['error'][:200]} |")
            continue
        rate = _rate(result)
        ratio = f"{rate / base_rate:.2f}" if base_rate else "-"
        row = (
            f"| {result['name']} | {beams[result['name']]} | {result['tokens']} "
            f"| {statistics.median(result['times']):.1f} "
            f"| {statistics.median(result['cpu_times']):.1f} | {rate:.0f} | {ratio} "
            f"| {result['rss_mb']:.0f} |"
        )
        if gpu:
            gpu_mb = result.get("gpu_mb")
            row += f" {gpu_mb:.0f} |" if gpu_mb is not None else " - |"
        rows.append(row)
    return "\n".join(rows)


def _rate(result: dict[str, Any]) -> float:
    return float(result["tokens"] / statistics.median(result["times"]))


def machine() -> str:
    """A one-line description of the machine the figures come from."""
    parts = [platform.processor() or platform.machine(), f"{os.cpu_count()} CPUs"]
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                parts[0] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    gpu = (_nvidia_smi("--query-gpu=name") or "").strip()
    if gpu:
        parts.append(f"GPU: {gpu.splitlines()[0]}")
    return ", ".join(parts)


def _nvidia_smi(query: str) -> str | None:
    """What ``nvidia-smi QUERY --format=csv,noheader`` prints; None without a working one."""
    try:
        return subprocess.run(
            ["nvidia-smi", query, "--format=csv,noheader"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--device", default="cpu", help="cpu or cuda (default: cpu)")
    parser.add_argument(
        "--sentences", type=int, default=20, help="FLORES sentences to translate (default: 20)"
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="timed runs per configuration (default: 3)"
    )
    parser.add_argument(
        "--model", type=Path, help="a local model folder (default: the random opus-mt model)"
    )
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="run only these configurations (and plain)"
    )
    parser.add_argument(
        "--data", type=Path, default=FLORES, help="Indonesian sentences, one a line (FLORES)"
    )
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument(
        "--stage",
        type=Path,
        metavar="DIR",
        help="write the model without its weights and the sentences to DIR, for a machine "
        "without the shared data (eval/gpu_bench.sh), and stop",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        run_worker(args)
        return 0
    if not args.data.is_file():
        print(f"error: {args.data} is missing (the shared data folder?)", file=sys.stderr)
        return 2
    if args.stage:
        stage(args.stage, args.data)
        return 0
    args.model = (args.model or random_opus_mt()).resolve()
    materialize(args.model)
    configs = [c for c in CONFIGS if args.device.split(":")[0] in c.devices]
    if args.only:
        unknown = set(args.only) - {c.name for c in configs}
        if unknown:
            names = ", ".join(c.name for c in configs)
            print(
                f"error: unknown configuration(s) {sorted(unknown)}: use {names}", file=sys.stderr
            )
            return 2
        configs = [c for c in configs if c.name in args.only or c.name == BASELINE]
    prepare_ct2(args.model, args.device, configs)
    load_at_start = os.getloadavg()[0]
    started = time.perf_counter()
    results = []
    for config in configs:
        result = run_config(config, args)
        results.append(result)
        status = result.get("error") or f"{_rate(result):.0f} tokens/s"
        print(f"  {config.name}: {status}", file=sys.stderr)
    print(f"\nMachine: {machine()}")
    print(f"Load average (1 min): {load_at_start:.1f} at start, {os.getloadavg()[0]:.1f} at end")
    print(
        f"Model: {args.model.name} ({args.device}); {args.sentences} FLORES-200 devtest "
        f"sentences; medians of {args.repeats} runs after a warm-up; "
        f"{time.perf_counter() - started:.0f} s in all\n"
    )
    print(table(results, args))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": machine(),
                    "args": {k: str(v) for k, v in vars(args).items()},
                    "configs": [asdict(c) for c in configs],
                    "results": results,
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0 if all("error" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
